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
    key = {"kind": "multi", "correct": ["a", "b"], "options": ["a", "b", "c"], "why": {"a": "A.", "b": "B.", "c": "C."},
           "points": 2}
    result = scoring.score(key, Answer(["a"], ""))
    assert result.points(2) == 1.0 and result.outcome is Outcome.PARTLY


def test_a_form_is_never_an_auto_marked_key():
    """Own-trust forms earn no auto marks: their checks are formative; an assessor marks them."""
    for name in ("first_goal", "self_assessment", "mission"):
        with pytest.raises(scoring.KeyError_, match="carry no marks"):
            scoring.score({"kind": name, "points": 5}, Answer({"users": "staff"}, ""))
