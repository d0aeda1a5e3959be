"""Score one saved answer against its key. Pure functions on data: nothing is executed.

A key is a small literal mapping written by the course author in an nbgrader hidden
test, for example ``{"kind": "choice", "correct": "b", "why": {"a": "...", "b": "..."}}``,
``{"kind": "multi", "correct": ["a", "c"], "why": {...}}`` (choose all that apply),
or ``{"kind": "match", "correct": {"item": "category", ...}, "why": {"item": "..."}}``.
An own-trust form (:mod:`coursekit.questions.forms`) is never a key's kind: its checks are
formative and carry no marks; an assessor marks it. The same functions score an answer in the learner's
kernel (stock nbgrader) and in coursekit's grading preprocessor, so both give the
same marks.
"""

from __future__ import annotations

from typing import Any, Mapping

from coursekit.questions import forms
from coursekit.answers import Answer
from coursekit.questions.outcomes import Outcome, Result

QUESTION_KINDS = ("choice", "multi", "match")


def kinds() -> tuple[str, ...]:
    """The kinds of auto-marked key. Forms are not among them: they earn no auto marks."""
    return QUESTION_KINDS


class KeyError_(ValueError):
    """The key in a test cell is not one coursekit understands (an author's mistake)."""


def validate_key(key: Any) -> Mapping[str, Any]:
    if not isinstance(key, Mapping):
        raise KeyError_("the key must be a mapping such as {'kind': 'choice', 'correct': 'b'}")
    kind = key.get("kind")
    if isinstance(kind, str) and kind in forms.names():
        raise KeyError_(f"'{kind}' is an own-trust form: its checks carry no marks, so it cannot be an "
                        "auto-marked key. An assessor marks it in the cell named after the form.")
    if kind not in kinds():
        raise KeyError_(f"the key's kind must be one of {', '.join(kinds())}, not {kind!r}")
    if kind == "choice":
        correct = key.get("correct")
        if not isinstance(correct, str) or not correct:
            raise KeyError_("a choice key needs 'correct': the id of the right option")
        why = key.get("why", {})
        if not isinstance(why, Mapping) or not all(isinstance(v, str) for v in why.values()):
            raise KeyError_("a choice key's 'why' must map option ids to explanations")
    if kind == "multi":
        correct = key.get("correct")
        if not isinstance(correct, (list, tuple)) or not all(isinstance(c, str) for c in correct):
            raise KeyError_("a multi key needs 'correct': the list of option ids that apply")
        options = key.get("options")
        if not isinstance(options, (list, tuple)) or not set(correct) <= set(options):
            raise KeyError_("a multi key needs 'options': every option id, including those in 'correct'")
    if kind == "match":
        correct = key.get("correct")
        if not isinstance(correct, Mapping) or not correct or \
                not all(isinstance(k, str) and isinstance(v, str) for k, v in correct.items()):
            raise KeyError_("a match key needs 'correct': a mapping of item id to category id")
    if kind in ("multi", "match"):
        why = key.get("why", {})
        if not isinstance(why, Mapping) or not all(isinstance(v, str) for v in why.values()):
            raise KeyError_(f"a {kind} key's 'why' must map ids to explanations")
    return key


def score(key: Mapping[str, Any], answer: Answer | None) -> Result:
    """Score ``answer`` (``None`` when not given) against a validated ``key``."""
    key = validate_key(key)
    kind = key["kind"]
    if kind == "choice":
        return score_choice(key, answer)
    if kind == "multi":
        return score_multi(key, answer)
    return score_match(key, answer)


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


def score_multi(key: Mapping[str, Any], answer: Answer | None) -> Result:
    """Choose all that apply: each right choice earns a share, each wrong one takes a share away."""
    if answer is None or answer.value in (None, "", []):
        return Result(Outcome.NOT_ATTEMPTED, 0.0, ("No answer was saved for this question.",))
    value, options = answer.value, list(key["options"])
    if not isinstance(value, list) or not all(isinstance(v, str) and v in options for v in value):
        return Result(Outcome.UNREADABLE, 0.0, ("The saved answer is not a list of the choices. Choose again.",))
    chosen, correct = set(value), set(key["correct"])
    right, wrong = len(chosen & correct), len(chosen - correct)
    fraction = max(0.0, (right - wrong) / len(correct)) if correct else float(not chosen)
    why: Mapping[str, str] = key.get("why", {})
    # Explain the learner's own choices only: never why an unchosen option applies.
    messages = tuple(why[v] for v in options if v in chosen and why.get(v))
    missed = len(correct - chosen)
    if missed:
        messages += (f"{missed} more option{'s' if missed > 1 else ''} also appl{'y' if missed > 1 else 'ies'}.",)
    outcome = Outcome.CORRECT if chosen == correct else Outcome.PARTLY if fraction > 0 else Outcome.INCORRECT
    return Result(outcome, fraction, messages)


def score_match(key: Mapping[str, Any], answer: Answer | None) -> Result:
    """Match each item to a category: an equal share of the points for each item matched rightly."""
    correct: Mapping[str, str] = key["correct"]
    if answer is None or not answer.value:
        return Result(Outcome.NOT_ATTEMPTED, 0.0, ("No answer was saved for this question.",))
    value = answer.value
    if not isinstance(value, Mapping):
        return Result(Outcome.UNREADABLE, 0.0, ("The saved answer is not a set of matches. Match the items again.",))
    why: Mapping[str, str] = key.get("why", {})
    right = [item for item in correct if value.get(item) == correct[item]]
    unanswered = [item for item in correct if not value.get(item)]
    messages = tuple(why[item] for item in correct if item in right and why.get(item))
    wrong = len(correct) - len(right) - len(unanswered)
    if wrong:
        messages += (f"{wrong} item{'s are' if wrong > 1 else ' is'} matched to the wrong category.",)
    if unanswered:
        messages += (f"{len(unanswered)} item{'s are' if len(unanswered) > 1 else ' is'} not matched yet.",)
    fraction = len(right) / len(correct)
    outcome = Outcome.CORRECT if fraction == 1 else Outcome.PARTLY if right else Outcome.INCORRECT
    return Result(outcome, fraction, messages)
