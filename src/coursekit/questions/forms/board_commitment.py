"""Lesson 7's form: when your plan goes to the board, who backs it, and what the board is asked to decide.

The criteria come from the source's words on clear leadership and urgency: digital
transformation should be the collective responsibility of the whole board; no digital
transformation succeeds without a senior leader at the helm (in the corporate world, the
source says, the same could be said of the chief executive); it is more likely to gain impetus
when the chair and chief executive make it their public focus from the start; and
the pre-conditions matter "from the outset". So a plan backed in public by the chief
executive or the chair meets the criterion, and the feedback asks whether the other will back
it too. Verbs are matched as whole words ("settle" is not "set"), and a decision put off to
"next year" or "at some point" is not a decision. The meeting window (about six months) is
this course's reading, not the source's. The rules check the shape of an answer, not its
wisdom: the board still judges the plan.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Mapping

from coursekit.questions.forms import (Field, FormSpec, criterion, has_phrase, iso_date, public_focus, vague_time,
                                      words)

#: The meeting is soon enough to keep momentum: from tomorrow to about six months ahead
#: (this course's reading, not the source's).
MAX_DAYS = 183
MIN_DECISION_WORDS = 8
#: Verbs that ask a board for a decision, not for noting or discussion, in the forms a learner writes.
#: Each is matched as a whole word: "settle" is not "set", "fundamental" is not "fund".
DECISION_VERBS = ("agree", "agrees", "agreed", "approve", "approves", "approved", "decide", "decides", "decided",
                  "commit", "commits", "committed", "endorse", "endorses", "endorsed", "appoint", "appoints",
                  "appointed", "name", "names", "fund", "funds", "choose", "chooses", "sign off", "signs off",
                  "adopt", "adopts", "confirm", "confirms", "release", "releases", "set", "sets")
#: The board's backers who put the plan at the top: the source's senior leader at the helm.
TOP = ("chair_and_ceo", "ceo", "chair")

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
    "Backed in public by the chief executive or chair",
    "A clear decision asked for",
)


def _asks_for_decision(text: str) -> bool:
    return has_phrase(text, DECISION_VERBS) is not None


def rules(answer: Mapping[str, Any], set_on: _dt.date) -> list:
    meeting = iso_date(answer.get("meeting"))
    days = (meeting - set_on).days if meeting else None
    if meeting is None:
        date_no = "Choose the date of the board meeting you will take your plan to."
    elif days < 1:
        date_no = "Choose a meeting still to come: a date after today."
    else:
        date_no = (f"Choose a meeting within about six months ({MAX_DAYS} days). That window is this course's "
                   "reading, not the source's: the source sets no date, but asks for urgency from the outset.")
    decision = str(answer.get("decision") or "").strip()
    put_off = vague_time(decision)
    if len(words(decision)) < MIN_DECISION_WORDS:
        decision_no = f"Say in at least {MIN_DECISION_WORDS} words what the board will be asked to decide."
    elif put_off:
        decision_no = (f"“{put_off}” puts the decision off. Ask the board to decide at this meeting, and give "
                       "any later step a date.")
    else:
        decision_no = ("Ask for a decision, not for the board to note or discuss it: for example, "
                       "agree, approve, commit, appoint or fund.")
    sponsor = answer.get("sponsor")
    return [
        criterion(CRITERIA[0], days is not None and 1 <= days <= MAX_DAYS,
                  f"A set date, {days} days away. About six months is this course's reading, not the source's."
                  if days is not None else "", date_no),
        criterion(CRITERIA[1], answer.get("audience") in ("board_public", "board_private"),
                  "The whole board sees it: digital is everyone's business at the board table.",
                  "Take it to the whole board. The source says digital should be the collective responsibility "
                  "of the whole board, not left with one executive."),
        criterion(CRITERIA[2], sponsor in TOP,
                  "The chair and chief executive back it together: a public focus from the "
                  "beginning." if sponsor == "chair_and_ceo" else
                  "Backed in public from the top of the board.",
                  "Ask the chief executive or the chair to back it in public. The source says digital is more "
                  "likely to gain impetus when the chair and chief executive make it their public focus, rather "
                  "than leaving it with one executive."),
        criterion(CRITERIA[3], len(words(decision)) >= MIN_DECISION_WORDS and _asks_for_decision(decision)
                  and not put_off, "You ask the board for a clear decision.", decision_no),
    ]


def prompts(answer: Mapping[str, Any], _set_on: _dt.date) -> list[str]:
    """A question back to the learner when one of the chair and chief executive backs the plan alone."""
    return public_focus({"ceo": "chief executive", "chair": "chair"}.get(answer.get("sponsor")), "it")


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
        "A paper 'to note' changes nothing, and nor does 'next year'. Which verb would make the board do "
        "something on the day?",
    ),
    example=example,
    prompts=prompts,
    check_label="Check my board plan",
    all_met="Your plan for the board meets every criterion.",
    some_met="Here is how your plan for the board compares with the criteria, based on the source.",
)
