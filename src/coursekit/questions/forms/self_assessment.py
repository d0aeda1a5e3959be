"""The self-assessment on the four pre-conditions: taken in lesson 0 (then) and lesson 7 (now).

There is no right rating. The checks give credit for a complete, honest answer: every
pre-condition rated, and a reason given for the lowest rating.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Mapping

from coursekit.syllabus import PRECONDITIONS
from coursekit.questions.forms import Field, FormSpec, criterion, words

#: 1 to 5, as the learner sees them. The same scale then and now, so the two compare.
RATINGS: tuple[tuple[str, int], ...] = (
    ("1 – Not in place", 1),
    ("2 – Early signs", 2),
    ("3 – Partly in place", 3),
    ("4 – Mostly in place", 4),
    ("5 – Fully in place", 5),
)
QUESTIONS = {
    "leadership": "Clear leadership: a senior leader at the helm, and digital a public focus of the chair and "
                  "chief executive, shared by the whole board.",
    "team": "A team: a small, empowered, multidisciplinary team is delivering digital change now.",
    "goal": "A goal and a mission: the board has agreed a single, clear goal within a broader mission.",
    "urgency": "A sense of urgency: people feel change is needed now, not one day.",
}
MIN_REASON_WORDS = 8

CRITERIA = ("All four pre-conditions rated", "A reason for your lowest rating")


def rules(answer: Mapping[str, Any], _set_on: _dt.date) -> list:
    allowed = tuple(v for _, v in RATINGS)  # a tuple: an odd saved value (a list, a dict) must not raise
    rated = [name for name in PRECONDITIONS if any(answer.get(name) == v and type(answer.get(name)) is int for v in allowed)]
    missing = [PRECONDITIONS[name] for name in PRECONDITIONS if name not in rated]
    reason = words(answer.get("reason"))
    return [
        criterion(CRITERIA[0], not missing, "You rated all four.", "Rate every one: " + ", ".join(missing) + "."),
        criterion(CRITERIA[1], len(reason) >= MIN_REASON_WORDS, "You said why, in your own words.",
                  f"Say in at least {MIN_REASON_WORDS} words why your lowest rating is where it is."),
    ]


def example(_today: _dt.date) -> dict[str, Any]:
    """Illustrative: a made-up trust."""
    return {"leadership": 2, "team": 3, "goal": 1, "urgency": 4,
            "reason": "We have many digital projects but the board has never agreed one clear goal for them."}


SPEC = FormSpec(
    name="self_assessment",
    title="How far are the four pre-conditions in place at your trust?",
    intro="Rate each pre-condition at your own trust today, from 1 (not in place) to 5 (fully in place). "
          "There are no right answers. Be honest: you will compare these ratings at the end of the course.",
    fields=(
        *(Field(name, QUESTIONS[name], "rating", RATINGS) for name in PRECONDITIONS),
        Field("reason", "Why is your lowest rating where it is?", "longtext",
              placeholder="For example: what have you seen at board meetings?"),
    ),
    criteria=CRITERIA,
    rules=rules,
    hints=("Think of the last board meeting where digital came up. Who spoke, and what was decided?",
           "Your lowest rating is where the course can help most. What would move it up by one point?"),
    example=example,
    check_label="Check my self-assessment",
    all_met="Your self-assessment is complete.",
    some_met="Your self-assessment is not complete yet.",
)


def ratings(answer: Any) -> dict[str, int] | None:
    """The four ratings from a saved self-assessment, or ``None`` when any is missing."""
    if not isinstance(answer, Mapping):
        return None
    found = {name: answer.get(name) for name in PRECONDITIONS}
    if not all(isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 5 for v in found.values()):
        return None
    return found
