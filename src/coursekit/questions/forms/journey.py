"""Lesson 4's second form: stage your trust's digital journey, as South Central Ambulance Service did.

The rules are the course's reading of the SCAS case in *A new era of digital leadership*
(NHS Providers with Public Digital, July 2020): a clearly staged journey; not too many
business-critical changes at once; a plan before the next initiative starts; and an honest
conversation about the starting point, being realistic about priorities and pace. The
journey starts with the learner's own first goal (lesson 4's first form): the source says
achieving momentum, however small the beginning, is essential.

SCAS began by joining up legacy systems and making its core infrastructure reliable. That
was its starting point, not a rule for every trust: a trust whose basics are sound may start
with a service change. So "foundations first" is advice, given as a prompt when the learner's
own starting point mentions weak foundations, never a criterion. No journey has to hold a
business-critical change. "No more than one business-critical change per stage" is this
course's reading of "too many at once", and the feedback says so. The rules check the shape
of a journey, not its wisdom: the board still judges whether it is the right one.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Mapping

from coursekit.questions.forms import Field, FormSpec, criterion, has_phrase, words

#: The fixed rows of the form: change 1 to change ROWS.
ROWS = 5
#: Stages a change can go in.
STAGES = (1, 2, 3)
#: A journey needs at least this many changes described ...
MIN_CHANGES = 3
#: ... and no stage may hold more than this many business-critical changes at once.
MAX_CRITICAL_AT_ONCE = 1
_LIMIT = {1: "one", 2: "two", 3: "three"}.get(MAX_CRITICAL_AT_ONCE, str(MAX_CRITICAL_AT_ONCE))
#: Words needed to say what must be true before a stage starts, and where the trust starts from.
MIN_READY_WORDS = 8
MIN_START_WORDS = 12

KIND_OPTIONS = (
    ("Foundations: core infrastructure, legacy systems or the basics", "foundations"),
    ("Renew or replace an existing system", "renew"),
    ("Wider service change for staff or patients", "transform"),
    ("System working with other providers", "system"),
)
STAGE_OPTIONS = tuple((f"Stage {n}", n) for n in STAGES)
GOAL_ROW_OPTIONS = tuple((f"Change {n}", n) for n in range(1, ROWS + 1))
#: Words in a starting point that say the basics are weak: then foundations-first is offered as advice.
WEAK_BASICS = ("fragile", "unreliable", "unstable", "legacy", "outdated", "out of date", "ageing", "aging", "old",
               "patchy", "drops", "outage", "outages", "crash", "crashes", "creaking", "weak", "broken", "poor",
               "paper-based", "slow", "fails", "failing", "gaps", "basics")

CRITERIA = (
    "A journey in clear stages",
    "Your first goal in stage 1",
    "Not too many business-critical changes at once",
    "A plan before each next stage",
    "An honest starting point",
)

HINTS = (
    "Start with an honest look at where your trust is now. What works well today, and what is fragile?",
    "Your first goal from this exercise starts the journey. What else, if anything, must happen in the "
    "same stage for it to work?",
    "SCAS's first stage joined up its legacy systems and made its core infrastructure reliable, because that "
    "was where it started. If your basics are fragile, which of your changes are the ones the others depend on?",
    "Tick a change as business-critical if the trust could not run safely while it went wrong. "
    "Then count the ticks in each stage.",
    "For each later stage, write what must be true before it starts: what is stable, who is trained, "
    "and what the board has seen working.",
)


def _fields() -> tuple[Field, ...]:
    fields = [Field("starting_point", "Where is your trust starting from? Be honest:", "longtext",
                    placeholder="For example: what works well in your core infrastructure today, and what is fragile?",
                    group="Your starting point")]
    for n in range(1, ROWS + 1):
        group = f"Change {n}" + ("" if n <= MIN_CHANGES else " (optional)")
        fields += [
            Field(f"change{n}", f"Change {n}: what will change?", "text",
                  placeholder="For example: replace the telephone system", group=group),
            Field(f"kind{n}", f"Change {n}: what kind of change?", "choice", KIND_OPTIONS, group=group),
            Field(f"stage{n}", f"Change {n}: which stage?", "choice", STAGE_OPTIONS, group=group),
            Field(f"critical{n}", f"Change {n} is business-critical", "check", group=group),
        ]
    fields.append(Field("goal_row", "Which change is your first goal?", "choice", GOAL_ROW_OPTIONS,
                        group="Your first goal"))
    fields += [
        Field(f"ready{s}", f"What must be true before stage {s} starts?", "longtext",
              placeholder="For example: what is stable, who is trained, what has the board seen working?",
              group="Before the next stage starts")
        for s in STAGES[1:]
    ]
    return tuple(fields)


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _kind(value: Any) -> str | None:
    return value if isinstance(value, str) and value in {v for _, v in KIND_OPTIONS} else None


def _stage(value: Any) -> int | None:
    """A stage number from a saved answer, or ``None`` (bools, junk and out-of-range numbers)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    return value if isinstance(value, int) and value in STAGES else None


def _row_number(value: Any) -> int | None:
    """A change's row number (1 to ROWS) from a saved answer, or ``None`` (bools, junk, out of range)."""
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value if 1 <= value <= ROWS else None


def changes(answer: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The rows the learner used, each as ``{row, text, kind, stage, critical}``."""
    rows = []
    for n in range(1, ROWS + 1):
        row = {"row": n, "text": _text(answer.get(f"change{n}")),
               "kind": _kind(answer.get(f"kind{n}")),
               "stage": _stage(answer.get(f"stage{n}")), "critical": answer.get(f"critical{n}") is True}
        if row["text"] or row["kind"] or row["stage"] or row["critical"]:
            rows.append(row)
    return rows


def _name(row: Mapping[str, Any]) -> str:
    return f"change {row['row']}" + (f" (‘{row['text'][:60]}’)" if row["text"] else "")


def _staged(rows: list[dict]) -> tuple[bool, str]:
    described = [r for r in rows if r["text"]]
    missing = []
    for r in rows:
        lacks = [what for what, key in (("description", "text"), ("kind", "kind"), ("stage", "stage")) if not r[key]]
        if lacks:
            missing.append(f"change {r['row']} has no " + " or ".join(lacks))
    used = sorted({r["stage"] for r in rows if r["stage"]})
    if len(described) < MIN_CHANGES:
        return False, f"Describe at least {MIN_CHANGES} changes. You have described {len(described)}."
    if missing:
        return False, "Finish every change you started: " + "; ".join(missing) + "."
    if len(used) < 2:
        return False, "All your changes are in one stage. Spread them over at least two stages, as SCAS did."
    gaps = [s for s in range(1, used[-1] + 1) if s not in used]
    if gaps:
        return False, f"No change is in stage {gaps[0]}. Number your stages in order, without gaps."
    return True, f"{len(described)} changes over {len(used)} stages."


def _first_goal(rows: list[dict], answer: Mapping[str, Any]) -> tuple[bool, str]:
    row = _row_number(answer.get("goal_row"))
    goal = next((r for r in rows if r["row"] == row and r["text"]), None)
    if row is None:
        return False, ("Say which change is your first goal, and put it in stage 1. The source says achieving "
                       "momentum, however small the beginning, is essential.")
    if goal is None:
        return False, f"Change {row} is your first goal: describe it in that row."
    if goal["stage"] != 1:
        where = f"stage {goal['stage']}" if goal["stage"] else "no stage"
        return False, (f"Your first goal, {_name(goal)}, is in {where}. It is the first thing the trust "
                       "delivers, so it starts the journey: put it in stage 1.")
    return True, f"Your first goal, {_name(goal)}, starts the journey in stage 1."


def _critical(rows: list[dict]) -> tuple[bool, str]:
    if not any(r["stage"] and r["text"] for r in rows):
        return False, "Describe your changes and put each in a stage; then count the business-critical ones in each."
    staged = [r for r in rows if r["stage"] and r["critical"]]
    crowded = []
    for stage in STAGES:
        here = [r for r in staged if r["stage"] == stage]
        if len(here) > MAX_CRITICAL_AT_ONCE:
            crowded.append(f"Stage {stage} has {len(here)} business-critical changes at once: "
                           + ", ".join(_name(r) for r in here) + ".")
    reading = (f"{_LIMIT.capitalize()} per stage is this course's reading of the source's 'too many "
               "business-critical changes at once'; your board may set its own.")
    if crowded:
        return False, (" ".join(crowded) + " SCAS learned from its merger to avoid too many business-critical "
                       f"changes at once. Move the others to another stage. {reading}")
    return True, f"No stage has more than {_LIMIT} business-critical change at once. {reading}"


def _planned(rows: list[dict], answer: Mapping[str, Any]) -> tuple[bool, str]:
    later = sorted({r["stage"] for r in rows if r["stage"] and r["stage"] > 1})
    if not later:
        return False, "Your journey has no stage after stage 1 yet, so there is no next stage to plan for."
    thin = [s for s in later if len(words(_text(answer.get(f"ready{s}")))) < MIN_READY_WORDS]
    if thin:
        return False, (f"Say, in at least {MIN_READY_WORDS} words, what must be true before "
                       + " and before ".join(f"stage {s}" for s in thin) + " starts. SCAS planned before "
                       "starting each next initiative.")
    return True, "You say what must be true before each next stage starts."


def rules(answer: Mapping[str, Any], _set_on: _dt.date) -> list:
    rows = changes(answer)
    start = words(_text(answer.get("starting_point")))
    results = [_staged(rows), _first_goal(rows, answer), _critical(rows), _planned(rows, answer)]
    results.append((len(start) >= MIN_START_WORDS,
                    "You describe where the trust starts from." if len(start) >= MIN_START_WORDS else
                    f"Describe your starting point in at least {MIN_START_WORDS} words. SCAS's board holds an "
                    "honest conversation about where the trust starts from at every stage."))
    return [criterion(name, met, message, message) for name, (met, message) in zip(CRITERIA, results)]


def prompts(answer: Mapping[str, Any], _set_on: _dt.date) -> list[str]:
    """Advice, never a criterion: foundations first where the learner's own starting point says the basics
    are weak, and a word on business-critical changes when none is ticked."""
    rows = changes(answer)
    advice = []
    weak = has_phrase(_text(answer.get("starting_point")), WEAK_BASICS)
    if weak and not any(r["kind"] == "foundations" and r["stage"] == 1 for r in rows):
        advice.append(f"Your starting point mentions “{weak}”. SCAS began by joining up legacy systems and making "
                      "its core infrastructure reliable. Does your first goal depend on a foundations change that "
                      "belongs in stage 1 with it?")
    if rows and not any(r["critical"] for r in rows):
        advice.append("No change is ticked business-critical. That is fine if none is: tick any change the trust "
                      "could not run safely without if it went wrong, so you can see where it sits.")
    return advice


def example(_today: _dt.date) -> dict[str, Any]:
    """Illustrative: a made-up trust, not from the source. Its first goal (lesson 4's worked example) is
    change 1, in stage 1, beside the one foundations change it needs."""
    return {
        "starting_point": "Our wifi drops on three wards, we still run two old telephone systems, "
                          "and the board is wary of digital risk after a failed rollout.",
        "change1": "Let fracture clinic patients move their own appointments online", "kind1": "transform",
        "stage1": 1, "critical1": False,
        "change2": "Make the wifi reliable on every ward", "kind2": "foundations", "stage2": 1, "critical2": False,
        "change3": "Replace the two old telephone systems with one", "kind3": "foundations", "stage3": 2,
        "critical3": True,
        "change4": "Replace the patient administration system", "kind4": "renew", "stage4": 3, "critical4": True,
        "change5": "Share records with local GPs and social care", "kind5": "system", "stage5": 3,
        "critical5": False,
        "goal_row": 1,
        "ready2": "Online rebooking has run for two months at the fracture clinic, and every ward has wifi.",
        "ready3": "The new phones have run for three months without a major outage, and staff have tested "
                  "the new administration system.",
    }


SPEC = FormSpec(
    name="journey",
    title="Stage your trust's digital journey",
    intro=("List the digital changes your trust plans, then put each in a stage, as South Central Ambulance "
           f"Service did. Describe at least {MIN_CHANGES} changes, including your first goal; leave spare rows "
           "blank. Tick a change as business-critical if the trust could not run safely while it went wrong."),
    fields=_fields(),
    criteria=CRITERIA,
    rules=rules,
    hints=HINTS,
    example=example,
    prompts=prompts,
    check_label="Check my journey",
    all_met="Your journey meets every criterion.",
    some_met="Here is how your journey compares with the five criteria from the SCAS case.",
)
