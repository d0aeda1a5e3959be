"""No test-wise cues: in single-answer questions, the right option is not given away by its length.

A test-wise learner who always picks the longest option, or the one that stands out as much
longer than the rest, should do no better than a guess. These tests gather every single-answer
(choice) question in the course: the lesson quizzes, whose keys are in their banks
(``content/0*_*.toml``), and the graded exercise questions, whose keys are only in the hidden
tests of ``course/source/<assignment>/<assignment>.ipynb`` (read as data, never run).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import nbformat
import pytest
from nbgrader import utils

from coursekit.questions.bank import Choice, load_bank
from coursekit.questions.testcells import parse_test_cell
from course_support import ROOT

CONTENT = ROOT / "src" / "coursekit" / "content"
LESSON_BANKS = sorted(CONTENT.glob("0*_*.toml"))
EXERCISE_SOURCES = sorted((ROOT / "course" / "source").glob("*/*.ipynb"))
#: An option this many times the mean length of the others "stands out" as longest by far.
FAR_RATIO = 1.5


@dataclass(frozen=True)
class Keyed:
    where: str
    question: Choice
    correct: str

    @property
    def lengths(self) -> dict[str, int]:
        return {o.id: len(o.text) for o in self.question.options}


def single_answer_questions() -> list[Keyed]:
    found = []
    for path in LESSON_BANKS:
        for question in load_bank(path.stem).choices.values():
            found.append(Keyed(path.stem, question, question.correct))
    for path in EXERCISE_SOURCES:
        bank = load_bank(path.stem)
        notebook = nbformat.read(path, as_version=4)
        for cell in notebook.cells:
            if utils.is_grade(cell) and not utils.is_solution(cell):
                spec = parse_test_cell(cell.source)
                if spec.key.get("kind") == "choice":
                    found.append(Keyed(path.stem, bank.choice(spec.question), spec.key["correct"]))
    return found


def strictly_longest(lengths: dict[str, int], option: str) -> bool:
    return lengths[option] > max(n for o, n in lengths.items() if o != option)


def stands_out(lengths: dict[str, int], option: str) -> bool:
    others = [n for o, n in lengths.items() if o != option]
    return lengths[option] > FAR_RATIO * sum(others) / len(others)


def bound(probabilities: list[float]) -> tuple[float, float]:
    """The expected count of a sum of Bernoulli trials, and that plus two standard deviations."""
    expected = sum(probabilities)
    return expected, expected + 2 * math.sqrt(sum(p * (1 - p) for p in probabilities))


QUESTIONS = single_answer_questions()


def test_the_questions_are_all_found():
    """Guards the tests below against passing on an empty or partial list."""
    assert len(QUESTIONS) >= 30  # 35 since issue 11 cut lesson quizzes and repeated recall
    # Every exercise whose bank has a single-answer question must be found through its hidden keys.
    with_choices = {p.stem for p in EXERCISE_SOURCES if load_bank(p.stem).choices}
    assert len(with_choices) >= len(EXERCISE_SOURCES) - 1
    assert {q.where for q in QUESTIONS} >= {p.stem for p in LESSON_BANKS} | with_choices
    for q in QUESTIONS:
        assert q.correct in q.lengths, f"{q.where} {q.question.id}: the key names no option"


def test_the_right_option_is_the_longest_no_more_often_than_chance():
    """With k options, a guess picks the right one with chance 1/k, so the right option is
    the strictly longest about sum(1/k) times if length says nothing. Allow two standard deviations.

    The cue also works the other way: a learner who learns never to pick the longest option
    gains if it is almost always wrong. So the count must not fall below chance by more than
    two standard deviations either."""
    observed = [q for q in QUESTIONS if strictly_longest(q.lengths, q.correct)]
    expected, limit = bound([1 / len(q.lengths) for q in QUESTIONS])
    floor = 2 * expected - limit
    print(f"\nRight option strictly longest: {len(observed)} of {len(QUESTIONS)} single-answer questions; "
          f"chance expects {expected:.2f}, bound {limit:.2f} (floor {floor:.2f})")
    assert len(observed) <= limit, "the longest option is right too often: " + ", ".join(
        f"{q.where}:{q.question.id}" for q in observed)
    assert len(observed) >= floor, "the longest option is almost never right, which is a cue too"


def test_the_right_option_does_not_stand_out_as_longest_by_far():
    """An option "stands out" when it is more than 1.5 times the mean length of the others.

    Chance level comes from each question's own options: if the key were any of its k options
    at random, the right one would stand out with probability (options that stand out) / k. So a
    question whose options are all of similar length adds nothing, and one where only the right
    option stands out counts fully against the bound. The observed count must stay within the
    expected count plus two standard deviations. 1.5 is the ratio at which a reader notices one
    option is a sentence among phrases; a smaller ratio would flag ordinary variation in wording.
    """
    observed = [q for q in QUESTIONS if stands_out(q.lengths, q.correct)]
    chances = [sum(stands_out(q.lengths, o) for o in q.lengths) / len(q.lengths) for q in QUESTIONS]
    expected, limit = bound(chances)
    print(f"\nRight option over {FAR_RATIO}x its distractors' mean length: {len(observed)} of {len(QUESTIONS)}; "
          f"chance expects {expected:.2f}, bound {limit:.2f}")
    assert len(observed) <= limit, "the right option stands out by length too often: " + ", ".join(
        f"{q.where}:{q.question.id}" for q in observed)


@pytest.mark.parametrize("lengths, option, longest, far", [
    ({"a": 10, "b": 30, "c": 10}, "b", True, True),
    ({"a": 10, "b": 12, "c": 11}, "b", True, False),
    ({"a": 30, "b": 30, "c": 10}, "b", False, False),
])
def test_the_measures(lengths, option, longest, far):
    assert strictly_longest(lengths, option) is longest
    assert stands_out(lengths, option) is far
