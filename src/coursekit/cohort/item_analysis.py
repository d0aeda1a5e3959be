"""Item analysis for trainers: how well each auto-marked item of a cohort's assignments worked.

An *item* is one autograded test cell of an assignment that learners have submitted. For each
one, over the learners who submitted that assignment:

* **facility**: the share of learners with full marks on it (and the mean share of its points);
* **discrimination**: the corrected item-total correlation, the Pearson correlation between the
  item's score and the rest of the learner's auto score on that assignment (their auto total minus
  this item). It is undefined with fewer than :data:`MIN_LEARNERS` learners, or when either score
  does not vary (everyone scored the same);
* for a choice or multi question in the question bank, how many learners chose each option; for a
  ranking (situational judgement) item, how many learners ranked each response first (read from
  their saved answers, as data, never run).

Marks come from :func:`coursekit.cohort.results.read_results` (nbgrader's gradebook, one query
per assignment); an auto-marked grade still waiting for a person counts 0, as in the totals.
Everything here is computed; nothing is written.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coursekit.cohort.results import LearnerResults, saved_answers
from coursekit.questions import scoring
from coursekit.questions.bank import BankError, Choice, Multi, Ranking, load_bank

TOO_EASY = 0.9  # facility above this: "too easy"
TOO_HARD = 0.2  # facility below this: "too hard"
WEAK = 0.2  # discrimination from 0 up to (not including) this: "weak"; below 0: works against the test
MIN_LEARNERS = 5  # fewer learners than this: no discrimination, and no flags

TOO_EASY_FLAG = "too easy"
TOO_HARD_FLAG = "too hard"
AGAINST_FLAG = "works against the rest of the test"
WEAK_FLAG = "weak"
NOT_ENOUGH_DATA = "not enough data"

ADVICE = {
    TOO_EASY_FLAG: "Almost every learner gets full marks, so it tells you little. Make the wrong options "
                   "mistakes a real board member might make, or ask about a harder point.",
    TOO_HARD_FLAG: "Few learners get full marks. Check the key is right, that the wording is clear, "
                   "and that the lesson teaches what it asks.",
    AGAINST_FLAG: "Learners who do well on the rest of the test tend to do worse on this item. Check the key "
                  "first, then the wording, and whether a wrong option could fairly be read as right.",
    WEAK_FLAG: "It hardly separates learners who do well on the rest of the test from those who do not. "
               "Check the wording, and whether the wrong options are plausible mistakes.",
}


@dataclass(frozen=True)
class OptionCount:
    id: str
    text: str
    chosen: int  # learners whose saved answer chose this option (a ranking: ranked this response first)


@dataclass(frozen=True)
class Item:
    """One auto-marked item and how it worked."""

    assignment: str
    lesson: str  # the lesson's title
    notebook: str
    cell: str
    question: str | None  # the question id its test cell marks (None if it cannot be read)
    prompt: str  # the question's words from the bank ("" when the bank has none)
    max_score: float
    scores: tuple[float, ...]  # one per learner who submitted the assignment
    discrimination: float | None
    options: tuple[OptionCount, ...] = ()  # choice, multi and ranking questions only
    unanswered: int = 0  # of the learners who submitted: no answer saved, or one that is not an option
    counted: str = "chosen"  # what an option's count counts: "chosen", or for a ranking "ranked first"

    @property
    def learners(self) -> int:
        return len(self.scores)

    @property
    def full_marks(self) -> int:
        return sum(1 for s in self.scores if full(s, self.max_score))

    @property
    def facility(self) -> float | None:
        return self.full_marks / self.learners if self.learners else None

    @property
    def mean_share(self) -> float | None:
        return mean_share(self.scores, self.max_score)

    @property
    def flags(self) -> tuple[str, ...]:
        return flags(self.facility, self.discrimination, self.learners)


# -- the statistics, on plain numbers ---------------------------------------------------------

def full(score: float, max_score: float) -> bool:
    return score >= max_score - 1e-9


def facility(scores: Sequence[float], max_score: float) -> float | None:
    """The share of ``scores`` that are full marks (None with no scores)."""
    return sum(1 for s in scores if full(s, max_score)) / len(scores) if scores else None


def mean_share(scores: Sequence[float], max_score: float) -> float | None:
    """The mean score as a share of ``max_score`` (None with no scores or no points)."""
    return sum(scores) / len(scores) / max_score if scores and max_score else None


def correlation(xs: Sequence[float], ys: Sequence[float], minimum: int = MIN_LEARNERS) -> float | None:
    """Pearson's correlation of two equal-length lists; None when shorter than ``minimum``
    or when either list does not vary."""
    if len(xs) != len(ys):
        raise ValueError("correlation needs two lists of the same length")
    n = len(xs)
    if n < minimum or n < 2:
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx <= 1e-12 or syy <= 1e-12:
        return None
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    return max(-1.0, min(1.0, sxy / math.sqrt(sxx * syy)))


def discrimination(item: Sequence[float], totals: Sequence[float], minimum: int = MIN_LEARNERS) -> float | None:
    """The corrected item-total correlation: ``item`` against each total minus that item."""
    return correlation(item, [t - i for i, t in zip(item, totals)], minimum)


def flags(facility_: float | None, discrimination_: float | None, learners: int) -> tuple[str, ...]:
    """The plain-word flags for an item (none with fewer than :data:`MIN_LEARNERS` learners)."""
    if learners < MIN_LEARNERS or facility_ is None:
        return ()
    found = []
    if facility_ > TOO_EASY:
        found.append(TOO_EASY_FLAG)
    elif facility_ < TOO_HARD:
        found.append(TOO_HARD_FLAG)
    if discrimination_ is not None:
        if discrimination_ < 0:
            found.append(AGAINST_FLAG)
        elif discrimination_ < WEAK:
            found.append(WEAK_FLAG)
    return tuple(found)


def option_counts(question: Choice | Multi | Ranking, values: Sequence[Any]) -> tuple[tuple[OptionCount, ...], int]:
    """How many of ``values`` (saved answers, one per learner) chose each option; and how many
    chose none of them (no answer, or a value that is not one of the options). For a ranking, how
    many ranked each response first; and how many ranked no response first (or cannot be read)."""
    ids = [o.id for o in question.options]
    counts = dict.fromkeys(ids, 0)
    unanswered = 0
    for value in values:
        chosen = _chosen(question, value, counts)
        for option in chosen:
            counts[option] += 1
        unanswered += not chosen
    return tuple(OptionCount(o.id, o.text, counts[o.id]) for o in question.options), unanswered


def _chosen(question: Choice | Multi | Ranking, value: Any, counts: dict[str, int]) -> set[str]:
    if isinstance(question, Ranking):
        ranks = scoring.read_ranking(list(counts), value)
        return {rid for rid, rank in (ranks or {}).items() if rank == 1}
    if isinstance(question, Choice):
        return {value} if isinstance(value, str) and value in counts else set()
    if isinstance(value, (list, tuple)):
        return {v for v in value if isinstance(v, str) and v in counts}
    return set()


# -- a cohort's items --------------------------------------------------------------------------

def _bank_question(notebook: str, question: str | None) -> tuple[str, Choice | Multi | Ranking | None]:
    """(prompt, the question if it is a choice, multi or ranking question) from the notebook's bank."""
    if not question:
        return "", None
    try:
        found = load_bank(notebook).question(question)
    except BankError:
        return "", None
    return found.prompt, found if isinstance(found, (Choice, Multi, Ranking)) else None


def analyse(results: list[LearnerResults], root: Path) -> list[Item]:
    """Every auto-marked item of every assignment with a graded submission, in syllabus order.

    ``results`` are :func:`coursekit.cohort.results.read_results`'s; ``root`` is the cohort folder,
    where the learners' answers files are read for choice, multi and ranking questions.
    """
    items: list[Item] = []
    if not results:
        return items
    for assignment, first in results[0].lessons.items():
        submitted = [(r.learner.id, r.lessons[assignment]) for r in results if r.lessons[assignment].submitted]
        if not submitted:
            continue
        auto = [i for i, p in enumerate(submitted[0][1].parts) if not p.part.manual and p.part.max_score > 0]
        scores = {i: [lesson.parts[i].score or 0.0 for _, lesson in submitted] for i in auto}
        totals = [sum(scores[i][n] for i in auto) for n in range(len(submitted))]
        answers: dict[tuple[str, str], dict[str, Any]] = {}
        for i in auto:
            part = submitted[0][1].parts[i].part
            prompt, question = _bank_question(part.notebook, part.question)
            options, unanswered = (), 0
            if question is not None:
                values = []
                for learner, _ in submitted:
                    if (learner, part.notebook) not in answers:
                        answers[(learner, part.notebook)] = saved_answers(root, learner, assignment, part.notebook)
                    values.append(answers[(learner, part.notebook)].get(part.question))
                options, unanswered = option_counts(question, values)
            counted = "ranked first" if isinstance(question, Ranking) else "chosen"
            items.append(Item(assignment, first.lesson.title, part.notebook, part.cell, part.question, prompt,
                              part.max_score, tuple(scores[i]), discrimination(scores[i], totals), options,
                              unanswered, counted))
    return items
