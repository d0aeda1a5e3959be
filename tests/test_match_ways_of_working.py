"""Lessons 5 and 6's matching questions: the graded match's hidden key agrees with its bank, uses the
source's names for the four ways of working, scores per item, and explains only the learner's own matches."""

from __future__ import annotations

import nbformat
import pytest
from nbgrader import utils

from coursekit.questions import scoring
from coursekit.answers import Answer
from coursekit.questions.bank import load_bank
from coursekit.questions.forms import urgency
from coursekit.questions.outcomes import Outcome
from coursekit.questions.testcells import parse_test_cell
from course_support import ROOT

WAYS = [name for _, name in urgency.WAYS]


def _key(assignment: str, qid: str) -> dict:
    nb = nbformat.read(ROOT / "course" / "source" / assignment / f"{assignment}.ipynb", as_version=4)
    specs = [parse_test_cell(c.source) for c in nb.cells if utils.is_grade(c) and not utils.is_solution(c)]
    return next(s.key for s in specs if s.question == qid)


def test_the_four_ways_have_the_sources_names_in_the_question_the_lesson_and_the_form():
    graded = load_bank("sense_of_urgency").question("q1_ways")
    formative = load_bank("05_sense_of_urgency").question("ways_scenarios")
    assert [c.text for c in graded.categories] == WAYS == [c.text for c in formative.categories]


def test_the_hidden_key_matches_every_item_to_a_category_and_explains_each():
    question = load_bank("sense_of_urgency").question("q1_ways")
    key = scoring.validate_key(_key("sense_of_urgency", "q1_ways"))
    assert set(key["correct"]) == {i.id for i in question.items} == set(key["why"])
    assert set(key["correct"].values()) == {c.id for c in question.categories}, "every way of working is used"
    assert key["points"] == len(question.items), "one point per example"


def test_a_partly_right_match_earns_a_share_and_never_explains_a_wrong_one():
    key = _key("sense_of_urgency", "q1_ways")
    answer = dict(key["correct"], rules="partnerships", voluntary="pragmatism")
    result = scoring.score(key, Answer(answer, "2026-11-28T09:00:00+00:00"))
    assert result.outcome is Outcome.PARTLY and result.points(key["points"]) == 4
    text = " ".join(result.messages)
    assert key["why"]["settings"] in text
    assert key["why"]["rules"] not in text and key["why"]["voluntary"] not in text
    assert "2 items are matched to the wrong category." in result.messages


@pytest.mark.parametrize("bank, qid", [("05_sense_of_urgency", "ways_scenarios"),
                                       ("06_after_the_first_wave", "review_decisions")])
def test_formative_matches_are_labelled_illustrative_and_use_every_category(bank, qid):
    question = load_bank(bank).question(qid)
    assert "illustrative" in question.prompt
    assert set(question.correct.values()) == {c.id for c in question.categories}
