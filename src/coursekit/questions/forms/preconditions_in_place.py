"""Lesson 1's form: the four pre-conditions at your own trust, and a first step on each one
the board controls.

The criteria come from the opening of *A new era of digital leadership* (NHS Providers
with Public Digital, July 2020): there are often four pre-conditions (clear leadership,
a team, a goal and a mission, a sense of urgency); the board itself controls the first
three, and the fourth matters most in the situation of the time. So the form asks for a step, a lead from the board and a date only for the
first three, and asks what in the current situation shapes the fourth.

The rules check the shape of an answer (ticks, evidence given, a step that names an
action, a lead on the board, a date within three months), never its wisdom: the board
still judges that. The three-month window is this exercise's framing, not the source's.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Mapping

from coursekit.questions.forms import Field, FormSpec, criterion, iso_date, vague_time, words

#: The four pre-conditions: (name used in field names, how the learner reads it).
PRECONDITIONS = (
    ("leadership", "Clear leadership"),
    ("team", "A team"),
    ("goal", "A goal and a mission"),
    ("urgency", "A sense of urgency"),
)
#: The three the source puts within the gift of the trust's board.
IN_GIFT = ("leadership", "team", "goal")

LEAD_OPTIONS = (
    ("The chair", "chair"),
    ("The chief executive", "chief_executive"),
    ("An executive director", "executive"),
    ("A non-executive director", "non_executive"),
    ("The whole board together", "whole_board"),
    ("Someone outside the board", "outside"),
)
BOARD_LEADS = tuple(value for _, value in LEAD_OPTIONS if value != "outside")

MIN_EVIDENCE_WORDS = 6
MIN_STEP_WORDS = 5
#: "In the next three months": a step is due after the day it is set and within this many days.
MAX_DAYS = 92
#: Openings that describe thinking or talking about a step rather than taking one, matched as whole words
#: ("waive" does not open with "wait"; "noted" is still "note").
VAGUE_OPENINGS = ("consider", "think about", "look into", "look at", "explore", "continue to", "wait", "try to",
                  "aim to", "hope to", "review whether", "discuss", "talk about", "note", "reflect on")

CRITERIA = (
    "The board's own gift, as the source puts it",
    "Evidence from your trust for all four",
    "A concrete step on each of the first three",
    "Each step led from the board",
    "Each step dated within three months",
)

_NAMES = dict(PRECONDITIONS)
_LOWER = {"leadership": "clear leadership", "team": "a team", "goal": "a goal and a mission",
          "urgency": "a sense of urgency"}


def _fields() -> tuple[Field, ...]:
    fields: list[Field] = []
    for name, title in PRECONDITIONS:
        fields.append(Field(f"{name}_gift", f"{title}: in the board's own gift, as the source puts it",
                            "check", group=title))
        if name == "urgency":
            fields.append(Field(
                "urgency_evidence", "What in the current situation adds to a sense of urgency at your trust, "
                "or takes it away?", "longtext", group=title,
                placeholder="For example: what has changed since the first wave of COVID-19?"))
            continue
        fields += [
            Field(f"{name}_evidence", f"What you see of {_LOWER[name]} at your trust today:", "longtext",
                  group=title, placeholder="Something you have seen: a board paper, a meeting, a team at work."),
            Field(f"{name}_step", f"One step on {_LOWER[name]} the board could take itself:", "text",
                  group=title, placeholder="Start with what the board will do: agree, name, hold, publish ..."),
            Field(f"{name}_lead", f"Who leads the step on {_LOWER[name]}?", "choice", LEAD_OPTIONS, group=title),
            Field(f"{name}_by", f"Step on {_LOWER[name]} done by:", "date", group=title),
        ]
    return tuple(fields)


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _listed(names: list[str]) -> str:
    return ", ".join(_NAMES[n] for n in names)


def _vague(step: str) -> bool:
    """A step that opens with thinking or talking, or puts itself off ("at some point", "soon", "next year")."""
    opening = " ".join(w.lower() for w in words(step)[:3]) + " "
    return opening.startswith(tuple(f"{v} " for v in VAGUE_OPENINGS)) or vague_time(step) is not None


def rules(answer: Mapping[str, Any], set_on: _dt.date) -> list:
    ticked = [name for name, _ in PRECONDITIONS if answer.get(f"{name}_gift") is True]
    gift_right = ticked == list(IN_GIFT)

    evidence = {name: _text(answer.get(f"{name}_evidence")) for name, _ in PRECONDITIONS}
    thin = [name for name, text in evidence.items() if len(words(text)) < MIN_EVIDENCE_WORDS]
    given = [text.lower() for text in evidence.values() if text]
    repeated = len(set(given)) < len(given)

    steps = {name: _text(answer.get(f"{name}_step")) for name in IN_GIFT}
    short = [name for name in IN_GIFT if len(words(steps[name])) < MIN_STEP_WORDS]
    vague = [name for name in IN_GIFT if name not in short and _vague(steps[name])]
    written = [s.lower() for s in steps.values() if s]
    same_step = len(set(written)) < len(written)

    no_lead = [name for name in IN_GIFT if answer.get(f"{name}_lead") not in BOARD_LEADS]
    outside = [name for name in no_lead if answer.get(f"{name}_lead") == "outside"]

    latest = set_on + _dt.timedelta(days=MAX_DAYS)
    dates = {name: iso_date(answer.get(f"{name}_by")) for name in IN_GIFT}
    undated = [name for name in IN_GIFT if dates[name] is None]
    out_of_range = [name for name in IN_GIFT if dates[name] and not set_on < dates[name] <= latest]

    if gift_right:
        gift_no = ""
    elif "urgency" in ticked:
        gift_no = ("The source does not put a sense of urgency in the board's own gift: it ties it to the "
                   "current situation. Look again at which boxes you ticked.")
    else:
        gift_no = ("Not every pre-condition the source puts in the board's own gift is ticked. "
                   "Look again at the lesson's figure of the four pre-conditions.")

    if thin:
        evidence_no = (f"Write at least {MIN_EVIDENCE_WORDS} words about what you see at your trust for: "
                       f"{_listed(thin)}.")
    else:
        evidence_no = "Two of your answers about evidence are the same. Say what you see for each one."

    if short:
        step_no = f"Write a step of at least {MIN_STEP_WORDS} words for: {_listed(short)}."
    elif vague:
        step_no = (f"Start the step for {_listed(vague)} with what the board will do, such as 'agree', 'name' "
                   "or 'hold', not 'consider', 'explore' or 'discuss', and leave out words such as 'at some point' "
                   "or 'next year': the date goes in its own box.")
    else:
        step_no = "Two of your steps are the same. Give each pre-condition its own step."

    if outside:
        lead_no = (f"A step within the board's own gift needs a lead on the board. Choose one for: "
                   f"{_listed(outside)}.")
    else:
        lead_no = f"Choose who leads the step for: {_listed(no_lead)}."

    if undated:
        date_no = f"Give a date for the step on: {_listed(undated)}."
    else:
        date_no = (f"Pick a date after {set_on:%d %B %Y} and no later than {latest:%d %B %Y} for: "
                   f"{_listed(out_of_range)}.")

    return [
        criterion(CRITERIA[0], gift_right,
                  "You marked the three the source puts in the board's own gift, and left urgency apart.", gift_no),
        criterion(CRITERIA[1], not thin and not repeated,
                  "You said what you see at your trust for each pre-condition.", evidence_no),
        criterion(CRITERIA[2], not short and not vague and not same_step,
                  "Each step says what the board will do.", step_no),
        criterion(CRITERIA[3], not no_lead, "Someone on the board leads each step.", lead_no),
        criterion(CRITERIA[4], not undated and not out_of_range,
                  "Each step has a date in the next three months.", date_no),
    ]


def example(today: _dt.date) -> dict[str, Any]:
    """Illustrative: a made-up trust, not from the source. Dates fall in the next three months."""
    def due(days: int) -> str:
        return (today + _dt.timedelta(days=days)).isoformat()

    return {
        "leadership_gift": True,
        "leadership_evidence": "Digital comes to the board only through the IT director's quarterly paper.",
        "leadership_step": "Agree that each executive names the digital work in their own portfolio.",
        "leadership_lead": "chief_executive",
        "leadership_by": due(35),
        "team_gift": True,
        "team_evidence": "Our digital projects are run by the IT team alone, with no clinicians on them.",
        "team_step": "Name a small team of a nurse, a developer and a service designer.",
        "team_lead": "executive",
        "team_by": due(60),
        "goal_gift": True,
        "goal_evidence": "Our strategy lists many digital aims but no single goal with a date.",
        "goal_step": "Hold a board workshop to agree one small, visible first goal.",
        "goal_lead": "chair",
        "goal_by": due(80),
        "urgency_gift": False,
        "urgency_evidence": "Clinics moved online fast in the first wave, but the pressure to change has eased.",
    }


SPEC = FormSpec(
    name="preconditions_in_place",
    title="The four pre-conditions at your trust",
    intro="For each pre-condition, tick it if the source puts it in the board's own gift, and say what you see "
          "at your trust today. For each one in the board's own gift, name one step the board could take itself "
          "in the next three months, who on the board leads it, and by when.",
    fields=_fields(),
    criteria=CRITERIA,
    rules=rules,
    hints=(
        "Start with what you have seen yourself: a board paper, a meeting, a team at work. That is your evidence.",
        "Re-read what the source says about the first three pre-conditions and about the fourth. "
        "Which does the board control, and which does the current situation shape?",
        "A concrete step says who does what, by when. 'Agree', 'name', 'hold' and 'publish' start steps; "
        "'consider', 'explore' and 'discuss' start thinking, and 'at some point' puts it off.",
        "Three months is short. Pick a date just before a board meeting you already know about.",
    ),
    example=example,
    check_label="Check my answer",
    all_met="Your answer meets every criterion.",
    some_met="Here is how your answer compares with the five criteria.",
)
