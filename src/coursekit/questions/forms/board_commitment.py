"""Lesson 7's form: when your plan goes to the board, who backs it, and what the board is asked to decide.

The criteria come from the source's words on clear leadership and urgency: digital
transformation belongs to the whole board together, it moves faster when the chair and
chief executive champion it in public from day one, and the
pre-conditions matter "from the outset". The rules check the shape of an answer, not
its wisdom: the board still judges the plan.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any, Mapping

from coursekit.questions.forms import Field, FormSpec, criterion, iso_date, words

#: The meeting is soon enough to keep momentum: from tomorrow to about six months ahead
#: (the course's suggestion, not the source's).
MAX_DAYS = 183
MIN_DECISION_WORDS = 8
#: Words that ask a board for a decision, not for noting or discussion.
DECISION_VERBS = ("agree", "approve", "decide", "commit", "endorse", "appoint", "name", "fund", "choose",
                  "sign off", "adopt", "confirm", "release", "set")

AUDIENCE_OPTIONS = (
    ("The whole board, in its public session", "board_public"),
    ("The whole board, in its private session", "board_private"),
    ("One board committee", "committee"),
    ("One executive director", "one_executive"),
)
SPONSOR_OPTIONS = (
    ("The chair and the chief executive, together", "chair_and_ceo"),
    ("The chief executive alone", "ceo"),
    ("The chair alone", "chair"),
    ("The digital lead or chief information officer", "digital_lead"),
    ("Not decided yet", "undecided"),
)

CRITERIA = (
    "A board meeting on a set date, soon",
    "The whole board sees it",
    "Backed in public by the chair and chief executive",
    "A clear decision asked for",
)


def _asks_for_decision(text: str) -> bool:
    lowered = text.lower()
    return any(re.search(rf"\b{re.escape(verb)}", lowered) for verb in DECISION_VERBS)


def rules(answer: Mapping[str, Any], set_on: _dt.date) -> list:
    meeting = iso_date(answer.get("meeting"))
    days = (meeting - set_on).days if meeting else None
    if meeting is None:
        date_no = "Choose the date of the board meeting you will take your plan to."
    elif days < 1:
        date_no = "Choose a meeting still to come: a date after today."
    else:
        date_no = (f"Choose a meeting within about six months ({MAX_DAYS} days). That limit is this course's "
                   "suggestion; the source links success to urgency from the outset.")
    decision = str(answer.get("decision") or "").strip()
    if len(words(decision)) < MIN_DECISION_WORDS:
        decision_no = f"Say in at least {MIN_DECISION_WORDS} words what the board will be asked to decide."
    else:
        decision_no = ("Ask for a decision, not for the board to note or discuss it: for example, "
                       "agree, approve, commit, appoint or fund.")
    return [
        criterion(CRITERIA[0], days is not None and 1 <= days <= MAX_DAYS,
                  f"A set date, {days} days away." if days is not None else "", date_no),
        criterion(CRITERIA[1], answer.get("audience") in ("board_public", "board_private"),
                  "The whole board sees it: digital is everyone's business at the board table.",
                  "Take it to the whole board. The source says digital should be the collective responsibility "
                  "of the whole board, not left with one executive."),
        criterion(CRITERIA[2], answer.get("sponsor") == "chair_and_ceo",
                  "The chair and chief executive back it together, from the beginning.",
                  "Ask the chair and the chief executive to back it together. The source says change gains "
                  "impetus when it is their public focus from the beginning."),
        criterion(CRITERIA[3], len(words(decision)) >= MIN_DECISION_WORDS and _asks_for_decision(decision),
                  "You ask the board for a clear decision.", decision_no),
    ]


def example(today: _dt.date) -> dict[str, Any]:
    """Illustrative: a made-up trust, with a meeting about seven weeks from ``today``."""
    return {
        "meeting": (today + _dt.timedelta(days=49)).isoformat(),
        "audience": "board_public",
        "sponsor": "chair_and_ceo",
        "decision": "Agree our first goal and its date, name the executive who owns each part of the "
                    "digital agenda, and fund the first team for six months.",
    }


SPEC = FormSpec(
    name="board_commitment",
    title="Taking your plan to the board",
    intro="Say when your one-page plan goes to your board, who backs it, and what you will ask the board to decide.",
    fields=(
        Field("meeting", "Date of the board meeting you will take it to:", "date"),
        Field("audience", "Who will see the plan there?", "choice", AUDIENCE_OPTIONS),
        Field("sponsor", "Who will introduce it and back it in public?", "choice", SPONSOR_OPTIONS),
        Field("decision", "What will you ask the board to decide?", "longtext",
              placeholder="For example: agree ..., name ..., fund ..."),
    ),
    criteria=CRITERIA,
    rules=rules,
    hints=(
        "Look at your board's calendar. Which meeting is the first one you could really get on to the agenda?",
        "Think back to Milton Keynes: digital was part of every board portfolio, not owned by one member. "
        "Who needs to be in the room?",
        "A paper 'to note' changes nothing. Which verb would make the board do something on the day?",
    ),
    example=example,
    check_label="Check my board plan",
    all_met="Your plan for the board meets every criterion.",
    some_met="Here is how your plan for the board compares with the criteria, based on the source.",
)
