"""Score one saved answer against its key. Pure functions on data: nothing is executed.

A key is a small literal mapping written by the course author in an nbgrader hidden
test, for example ``{"kind": "choice", "correct": "b", "why": {"a": "...", "b": "..."}}``
or ``{"kind": "first_goal"}``. The same functions score an answer in the learner's
kernel (stock nbgrader) and in coursekit's grading preprocessor, so both give the
same marks.
"""

from __future__ import annotations

from typing import Any, Mapping

from . import goal
from .answers import Answer
from .outcomes import Outcome, Result

KINDS = ("choice", "first_goal")


class KeyError_(ValueError):
    """The key in a test cell is not one coursekit understands (an author's mistake)."""


def validate_key(key: Any) -> Mapping[str, Any]:
    if not isinstance(key, Mapping):
        raise KeyError_("the key must be a mapping such as {'kind': 'choice', 'correct': 'b'}")
    kind = key.get("kind")
    if kind not in KINDS:
        raise KeyError_(f"the key's kind must be one of {', '.join(KINDS)}, not {kind!r}")
    if kind == "choice":
        correct = key.get("correct")
        if not isinstance(correct, str) or not correct:
            raise KeyError_("a choice key needs 'correct': the id of the right option")
        why = key.get("why", {})
        if not isinstance(why, Mapping) or not all(isinstance(v, str) for v in why.values()):
            raise KeyError_("a choice key's 'why' must map option ids to explanations")
    return key


def score(key: Mapping[str, Any], answer: Answer | None) -> Result:
    """Score ``answer`` (``None`` when not given) against a validated ``key``."""
    key = validate_key(key)
    if key["kind"] == "first_goal":
        if answer is None:
            return goal.check_goal(None)
        return goal.check_goal(answer.value, answer.saved_at)
    return score_choice(key, answer)


def score_choice(key: Mapping[str, Any], answer: Answer | None) -> Result:
    if answer is None or answer.value in (None, ""):
        return Result(Outcome.NOT_ATTEMPTED, 0.0, ("No answer was saved for this question.",))
    value = answer.value
    why: Mapping[str, str] = key.get("why", {})
    options = key.get("options") or list(why)
    if not isinstance(value, str) or (options and value not in options):
        return Result(
            Outcome.UNREADABLE,
            0.0,
            (f"The saved answer {str(value)[:40]!r} is not one of the choices. Choose an answer again.",),
        )
    explanation = why.get(value, "")
    if value == key["correct"]:
        return Result(Outcome.CORRECT, 1.0, tuple(m for m in (explanation,) if m))
    return Result(Outcome.INCORRECT, 0.0, tuple(m for m in (explanation,) if m))
