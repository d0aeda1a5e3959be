"""Lesson 4's second form: stage your trust's digital journey, as South Central Ambulance Service did.

The rules are the course's reading of the SCAS case in *A new era of digital leadership*
(NHS Providers with Public Digital, July 2020): a clearly staged journey; a first stage
that builds the foundations (legacy systems joined up, core infrastructure reliable, the
basics in place); no more than a few business-critical changes at once; a plan before the
next stage starts; and an honest conversation about the starting point. They check the
shape of a journey, not its wisdom: the board still judges whether it is the right one.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Mapping

from coursekit.questions.forms import Field, FormSpec, criterion, words

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
#: Kinds that build on the basics, so belong after the first stage.
LATER_KINDS = {"transform": "wider service change", "system": "system working"}

CRITERIA = (
    "A journey in clear stages",
    "Foundations first",
    "Not too many business-critical changes at once",
    "A plan before each next stage",
    "An honest starting point",
)

HINTS = (
    "Start with an honest look at where your trust is now. What works well today, and what is fragile?",
    "SCAS's first stage joined up its legacy systems and made its core infrastructure reliable. "
    "Which of your changes are the basics that the others depend on?",
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


def _foundations(rows: list[dict]) -> tuple[bool, str]:
    first = [r for r in rows if r["stage"] == 1]
    early = [r for r in first if r["kind"] in LATER_KINDS]
    if not any(r["kind"] == "foundations" for r in first):
        return False, ("Stage 1 has no foundations change. SCAS began by joining up legacy systems and making "
                       "its core infrastructure reliable: put the basics your other changes depend on in stage 1.")
    if early:
        return False, ("Stage 1 also holds " + "; ".join(f"{_name(r)}, {LATER_KINDS[r['kind']]}" for r in early)
                       + ". SCAS turned to wider change once the basics were in place: move it to a later stage.")
    return True, "Stage 1 builds the foundations, and wider change comes after it."


def _critical(rows: list[dict]) -> tuple[bool, str]:
    staged = [r for r in rows if r["stage"] and r["critical"]]
    if not any(r["critical"] for r in rows):
        return False, ("Tick each change that is business-critical: one the trust could not run safely without "
                       "if it went wrong. Most journeys hold at least one.")
    crowded = []
    for stage in STAGES:
        here = [r for r in staged if r["stage"] == stage]
        if len(here) > MAX_CRITICAL_AT_ONCE:
            crowded.append(f"Stage {stage} has {len(here)} business-critical changes at once: "
                           + ", ".join(_name(r) for r in here) + ".")
    if crowded:
        return False, (" ".join(crowded) + " SCAS learned from its merger to avoid too many business-critical "
                       f"changes at once. This exercise allows {_LIMIT} per stage: move the others to another stage.")
    return True, f"No stage has more than {_LIMIT} business-critical change at once."


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
    results = [_staged(rows), _foundations(rows), _critical(rows), _planned(rows, answer)]
    results.append((len(start) >= MIN_START_WORDS,
                    "You describe where the trust starts from." if len(start) >= MIN_START_WORDS else
                    f"Describe your starting point in at least {MIN_START_WORDS} words. SCAS's board holds an "
                    "honest conversation about where the trust starts from at every stage."))
    return [criterion(name, met, message, message) for name, (met, message) in zip(CRITERIA, results)]


def example(_today: _dt.date) -> dict[str, Any]:
    """Illustrative: a made-up trust, not from the source."""
    return {
        "starting_point": "Our wifi drops on three wards, we still run two old dispatch systems, "
                          "and the board is wary of digital risk after a failed rollout.",
        "change1": "Make the wifi reliable on every ward", "kind1": "foundations", "stage1": 1, "critical1": False,
        "change2": "Replace the two old telephone systems with one", "kind2": "foundations", "stage2": 1,
        "critical2": True,
        "change3": "Replace the patient administration system", "kind3": "renew", "stage3": 2, "critical3": True,
        "change4": "Let patients rebook their appointments online", "kind4": "transform", "stage4": 2,
        "critical4": False,
        "change5": "Share records with local GPs and social care", "kind5": "system", "stage5": 3,
        "critical5": True,
        "ready2": "The new phones have run for three months without a major outage, and every ward has wifi.",
        "ready3": "The new administration system is stable, staff are trained, and patients use online rebooking.",
    }


SPEC = FormSpec(
    name="journey",
    title="Stage your trust's digital journey",
    intro=("List the digital changes your trust plans, then put each in a stage, as South Central Ambulance "
           f"Service did. Describe at least {MIN_CHANGES} changes; leave spare rows blank. Tick a change as "
           "business-critical if the trust could not run safely while it went wrong."),
    fields=_fields(),
    criteria=CRITERIA,
    rules=rules,
    hints=HINTS,
    example=example,
    check_label="Check my journey",
    all_met="Your journey meets every criterion.",
    some_met="Here is how your journey compares with the five criteria from the SCAS case.",
)
