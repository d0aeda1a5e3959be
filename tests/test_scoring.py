"""Keys are read as data from test cells, and scored with the shared functions."""

import pytest

from coursekit.questions import scoring
from coursekit.answers import Answer
from coursekit.questions.outcomes import Outcome
from coursekit.questions.testcells import BadTestCell, parse_test_cell, without_hidden_tests

KEY = {"kind": "choice", "correct": "b", "points": 1, "why": {"a": "No: a.", "b": "Yes: b.", "c": "No: c."}}
CELL = f'''# visible
ex.check("q1")
### BEGIN HIDDEN TESTS
ex.check("q1", key={KEY!r})
### END HIDDEN TESTS'''


def test_choice_scores():
    assert scoring.score(KEY, Answer("b", "")).fraction == 1.0
    wrong = scoring.score(KEY, Answer("a", ""))
    assert wrong.outcome is Outcome.INCORRECT and wrong.fraction == 0 and wrong.messages == ("No: a.",)
    assert scoring.score(KEY, None).outcome is Outcome.NOT_ATTEMPTED
    assert scoring.score(KEY, Answer("z", "")).outcome is Outcome.UNREADABLE
    assert scoring.score(KEY, Answer(["b"], "")).outcome is Outcome.UNREADABLE


def test_wrong_answer_feedback_does_not_name_the_right_option():
    text = scoring.score(KEY, Answer("a", "")).text(1)
    assert "Yes: b." not in text


def test_parse_reads_the_hidden_key_as_data():
    spec = parse_test_cell(CELL)
    assert spec.question == "q1" and spec.key == KEY


def test_parse_refuses_code_in_the_key():
    with pytest.raises(BadTestCell, match="literals"):
        parse_test_cell('ex.check("q1", key=__import__("os").system("echo hi"))')
    with pytest.raises(BadTestCell, match="found 0"):
        parse_test_cell('ex.check("q1")')
    with pytest.raises(BadTestCell, match="not valid Python"):
        parse_test_cell("ex.check(")
    with pytest.raises(BadTestCell, match="kind"):
        parse_test_cell('ex.check("q1", key={"kind": "essay"})')


def test_hidden_tests_are_removed_even_when_unclosed():
    assert "key=" not in without_hidden_tests(CELL)
    assert 'ex.check("q1")' in without_hidden_tests(CELL)
    assert without_hidden_tests("a\n### BEGIN HIDDEN TESTS\nsecret") == "a"


def test_points_are_shares_of_the_cell_points():
    # One goal in plain words, but a strategy paper (not tangible) and nothing said of what people notice,
    # with no date: 1 of the first goal's 4 criteria.
    answer = {"goal": "Staff on ward 7 get a strategy paper on ordering supplies.", "kind": "document", "users": "staff"}
    result = scoring.score({"kind": "first_goal", "points": 4}, Answer(answer, ""))
    assert result.points(4) == 1.0 and result.outcome is Outcome.PARTLY
