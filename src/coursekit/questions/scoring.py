"""Score one saved answer against its key. Pure functions on data: nothing is executed.

A key is a small literal mapping written by the course author in an nbgrader hidden
test, for example ``{"kind": "choice", "correct": "b", "why": {"a": "...", "b": "..."}}``,
``{"kind": "multi", "correct": ["a", "c"], "why": {...}}`` (choose all that apply),
``{"kind": "match", "correct": {"item": "category", ...}, "why": {"item": "..."}}``,
or ``{"kind": "ranking", "correct": ["c", "a", "e", "b", "d"], "why": {"a": "...", ...}}`` (a situational
judgement item: responses ranked from most to least appropriate, see :func:`rank_score`).
An own-trust form (:mod:`coursekit.questions.forms`) is never a key's kind: its checks are
formative and carry no marks; an assessor marks it. The same functions score an answer in the learner's
kernel (stock nbgrader) and in coursekit's grading preprocessor, so both give the
same marks.
"""

from __future__ import annotations

from typing import Any, Mapping, Sequence

from coursekit.questions import forms
from coursekit.answers import Answer
from coursekit.questions.outcomes import Outcome, Result
from coursekit.questions.quoting import quoted

QUESTION_KINDS = ("choice", "multi", "match", "ranking")
#: A ranking item has this many responses (as the UK Foundation Programme's SJT ranking items: 5).
RANKING_SIZES = (4, 5)


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
    if kind == "ranking":
        validate_ranking(key.get("correct"), key.get("why"))
    if kind in ("multi", "match"):
        why = key.get("why", {})
        if not isinstance(why, Mapping) or not all(isinstance(v, str) for v in why.values()):
            raise KeyError_(f"a {kind} key's 'why' must map ids to explanations")
    return key


def score(key: Mapping[str, Any], answer: Answer | None, labels: Mapping[str, str] | None = None) -> Result:
    """Score ``answer`` (``None`` when not given) against a validated ``key``. ``labels`` (a ranking's
    response texts, from the bank) name the responses in a ranking's feedback; without them, their ids."""
    key = validate_key(key)
    kind = key["kind"]
    if kind == "choice":
        return score_choice(key, answer)
    if kind == "multi":
        return score_multi(key, answer)
    if kind == "match":
        return score_match(key, answer)
    return score_ranking(key, answer, labels)


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


# -- ranking (situational judgement) -----------------------------------------------------------

def validate_ranking(correct: Any, why: Any, options: Sequence[str] | None = None) -> None:
    """Refuse a ranking key an author got wrong: ``correct`` must list 4 or 5 distinct response ids,
    most appropriate first, and ``why`` must give each of them (and no other) its reason."""
    if not isinstance(correct, (list, tuple)) or not all(isinstance(c, str) and c for c in correct):
        raise KeyError_("a ranking key needs 'correct': the response ids, most appropriate first")
    if len(set(correct)) != len(correct):
        raise KeyError_(f"a ranking key's 'correct' names a response twice: {list(correct)}")
    if options is not None and set(options) != set(correct):
        raise KeyError_(f"a ranking's 'correct' must be a permutation of its response ids: "
                        f"{sorted(correct)} is not {sorted(options)}")
    if len(correct) not in RANKING_SIZES:
        raise KeyError_(f"a ranking item has 4 or 5 responses; this key ranks {len(correct)}")
    if not isinstance(why, Mapping) or not all(isinstance(k, str) and isinstance(v, str) and v.strip()
                                               for k, v in why.items()):
        raise KeyError_("a ranking key needs 'why': each response id mapped to why it sits where it does")
    if set(why) != set(correct):
        raise KeyError_(f"a ranking key's 'correct' must be a permutation of the ids in 'why': "
                        f"{sorted(correct)} is not {sorted(why)}")


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 5th ..."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def read_ranking(correct: Sequence[str], value: Any) -> dict[str, int | None] | None:
    """A saved ranking as ``{response id: rank or None}`` for every response, or ``None`` when it
    cannot be read: not a mapping, an id that is not a response, or a rank that is not a whole
    number from 1 to the number of responses (``true``, ``2.0``, ``"2"``, NaN, 10**30 are refused).
    The answers file is untrusted data: this never raises."""
    if not isinstance(value, Mapping):
        return None
    n = len(correct)
    ranks: dict[str, int | None] = dict.fromkeys(correct)
    for rid, rank in value.items():
        if not isinstance(rid, str) or rid not in ranks:
            return None
        if rank is None:
            continue
        if type(rank) is not int or not 1 <= rank <= n:
            return None
        ranks[rid] = rank
    return ranks


def rank_points(correct: Sequence[str], ranks: Mapping[str, int | None]) -> dict[str, int]:
    """Each response's points by distance (UKFP): ``(n - 1) - |rank - key rank|``; 0 when the
    response is unranked or shares its rank with another."""
    n = len(correct)
    used = [r for r in ranks.values() if r is not None]
    points = {}
    for place, rid in enumerate(correct, start=1):
        rank = ranks.get(rid)
        shared = rank is None or used.count(rank) > 1
        points[rid] = 0 if shared else max(0, (n - 1) - abs(rank - place))
    return points


def rank_score(correct: Sequence[str], ranks: Mapping[str, int | None]) -> tuple[int, int, int, float]:
    """(raw, floor, maximum, fraction) for a ranking.

    Scoring follows the UK Foundation Programme's situational judgement test: each of the n
    responses earns up to n - 1 points (4 for five responses, 20 in all), one fewer for each place
    it sits away from the key; a response left unranked, or sharing its rank with another, earns
    nothing. That raw score is then rescaled so that a reversed or random ranking does not pass:
    the floor is the raw score of the key's exact reverse (8 of 20 for five responses, 4 of 12 for
    four), and the fraction of the points is ``(raw - floor) / (maximum - floor)``, clamped to 0..1.
    The key earns every point, its reverse none. Over every possible ranking of five responses the
    mean is exactly 1/3 of the points (3/8 for four); no full ranking falls below the reverse.
    """
    n = len(correct)
    maximum = n * (n - 1)
    raw = sum(rank_points(correct, ranks).values())
    floor = sum(rank_points(correct, {rid: n - i for i, rid in enumerate(correct)}).values())
    fraction = min(1.0, max(0.0, (raw - floor) / (maximum - floor)))
    return raw, floor, maximum, fraction


def rank_result(correct: Sequence[str], why: Mapping[str, str], value: Any,
                labels: Mapping[str, str] | None = None) -> Result:
    """Score a saved ranking and say why for the learner's own ranking, response by response in
    the learner's order. ``labels`` names each response (its short text); by default its id."""
    ranks = read_ranking(correct, value)
    if ranks is None:
        return Result(Outcome.UNREADABLE, 0.0, (
            "The saved ranking could not be read: it must give each response a rank from 1 to "
            f"{len(correct)}. Rank the responses again.",))
    if all(r is None for r in ranks.values()):
        return Result(Outcome.NOT_ATTEMPTED, 0.0, ("No ranking was saved for this question.",))
    raw, floor, maximum, fraction = rank_score(correct, ranks)
    place = {rid: i for i, rid in enumerate(correct, start=1)}
    used = [r for r in ranks.values() if r is not None]

    def name(rid: str) -> str:
        return quoted(labels[rid]) if labels and labels.get(rid) else f"response {quoted(rid)}"

    messages = []
    for rid in sorted((r for r in correct if ranks[r] is not None), key=lambda r: (ranks[r], place[r])):
        rank = ranks[rid]
        shared = " (shared with another response, so it earns nothing)" if used.count(rank) > 1 else ""
        same = "also " if rank == place[rid] else ""
        messages.append(f"You ranked {name(rid)} {ordinal(rank)}{shared}; the key {same}ranks it "
                        f"{ordinal(place[rid])}. {why.get(rid, '')}".rstrip())
    unranked = sum(r is None for r in ranks.values())
    shared = sum(used.count(r) > 1 for r in used)
    if shared:
        messages.append(f"{shared} responses share a rank. Give each response its own rank: "
                        "a response that shares its rank earns nothing.")
    if unranked:
        messages.append(f"{unranked} response{'s are' if unranked > 1 else ' is'} not ranked yet, "
                        f"and earn{'' if unranked > 1 else 's'} nothing until ranked.")
    messages.append(
        f"By distance from the key, your ranking earns {raw} of {maximum} (up to {len(correct) - 1} for each "
        f"response, one fewer for each place away). A reversed ranking earns {floor}, so marks count from "
        f"there: {raw - floor if raw > floor else 0} of {maximum - floor}.")
    outcome = Outcome.CORRECT if fraction == 1 else Outcome.PARTLY if fraction > 0 else Outcome.INCORRECT
    return Result(outcome, fraction, tuple(messages))


def score_ranking(key: Mapping[str, Any], answer: Answer | None, labels: Mapping[str, str] | None = None) -> Result:
    """A situational judgement item: partial credit by distance from the key (see :func:`rank_score`)."""
    if answer is None or answer.value in (None, "", {}):
        return Result(Outcome.NOT_ATTEMPTED, 0.0, ("No ranking was saved for this question.",))
    return rank_result(key["correct"], key["why"], answer.value, labels)
