"""Every form, fed the dates and numbers a learner (or a hand-edited answers file) can write.

No rule may raise, whatever is saved: an absurd date counts as not given, an absurd
``saved_at`` as "saved today", and NaN, Infinity, huge numbers and wrong types earn nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import math

import pytest

from coursekit.questions import forms, goal
from coursekit.answers import Answer, AnswerStore, answers_path
from coursekit.questions.outcomes import Outcome
from coursekit.learner.widgets import FormWidget

SAVED_AT = "2026-11-28T09:00:00+00:00"
SAVED_ON = dt.date(2026, 11, 28)
FORMS = forms.names()

ODD_SAVED_AT = [
    "9999-12-31", "9999-12-31T23:59:59+00:00", "9999-12-31T23:59:59-23:59", "0001-01-01",
    "0001-01-01T00:00:00+23:59", "2026-11-28T09:00:00+99:00", "2026-11-28T09:00:00+24:00",
    "garbage", "", "2026-13-45", "1999-12-31", "2200-01-01", "2026-11-28T09:00:00" + "0" * 5000, "\x00",
    None, 20261128, 1e308, float("nan"), ["2026-11-28"], {"date": "2026-11-28"},
]
ODD_DATES = [
    "9999-12-31", "0001-01-01", "1999-12-31", "2200-01-01", "garbage", "2026-13-45", "9999-99-99",
    "+10000-01-01", "99999-01-01", "2027-1-1",
    20270101, 1e308, float("nan"), float("inf"), True, None, ["2027-01-01"], {"y": 2027},
]
ODD_NUMBERS = [float("nan"), float("inf"), float("-inf"), 10**5000, -(10**400), 1e308, -1e308,
               ["a"], {"a": 1}, b"bytes", object()]


def _id(value) -> str:
    if isinstance(value, int) and abs(value) > 10**100:
        return f"int-of-{len(str(abs(value))) if abs(value) < 10**4000 else 'over-4000'}-digits"
    return f"{type(value).__name__}-{repr(value)[:24]}"


def _date_fields(spec):
    return [f.name for f in spec.fields if f.kind == "date"]


def _formative(name: str, answer: Answer):
    """The form's instant check, as the learner's widget and the assessor's cell run it."""
    return forms.get(name).check(answer.value, answer.saved_at)


def _sane(result) -> None:
    assert 0.0 <= result.fraction <= 1.0 and not math.isnan(result.fraction)
    assert isinstance(result.outcome, Outcome)
    assert result.text(5)  # the feedback renders


def test_every_form_with_a_date_field_is_covered():
    dated = [name for name in FORMS if _date_fields(forms.get(name))]
    assert {"first_goal", "first_team", "board_commitment", "urgency", "preconditions_in_place"} <= set(dated)


@pytest.mark.parametrize("name", FORMS)
@pytest.mark.parametrize("saved_at", ODD_SAVED_AT, ids=_id)
def test_an_absurd_saved_at_is_checked_as_if_given_today(name, saved_at):
    spec = forms.get(name)
    answer = spec.example(dt.date.today())
    result = _formative(name, Answer(answer, saved_at))
    _sane(result)
    assert result.outcome is Outcome.CORRECT, "the worked example, dated from today, meets every criterion"
    assert result == spec.check(answer, None), "the same as an answer with no saved_at at all"


@pytest.mark.parametrize("saved_at", ODD_SAVED_AT, ids=_id)
def test_set_on_falls_back_to_today_for_an_absurd_saved_at(saved_at):
    assert forms.set_on(saved_at) == dt.date.today()


def test_set_on_keeps_a_real_saved_day_so_a_regrade_agrees():
    assert forms.set_on(SAVED_AT) == SAVED_ON
    assert forms.set_on("2026-11-28") == SAVED_ON
    assert forms.set_on("2026-11-28T23:30:00-05:00") == SAVED_ON, "the learner's own day, not UTC's"
    assert forms.set_on("2199-12-31T00:00:00+00:00") == dt.date(2199, 12, 31)


@pytest.mark.parametrize("name", [n for n in FORMS if _date_fields(forms.get(n))])
@pytest.mark.parametrize("odd", ODD_DATES, ids=_id)
def test_an_odd_date_counts_as_not_given_with_the_forms_own_feedback(name, odd):
    spec = forms.get(name)
    good = spec.example(SAVED_ON)
    blank_dates = {**good, **{field: "" for field in _date_fields(spec)}}
    expected = spec.check(blank_dates, SAVED_AT)
    for field in _date_fields(spec):
        result = _formative(name, Answer({**good, field: odd}, SAVED_AT))
        _sane(result)
        assert result.outcome is Outcome.PARTLY, f"{field}={odd!r} must not be met"
        if len(_date_fields(spec)) == 1:
            assert result == expected, "the same result and words as a date not given"
        else:
            dated = [c for c in result.criteria if not c.met]
            assert len(dated) == 1 and dated[0].name == next(c.name for c in expected.criteria if not c.met)
    with_odd_saved = _formative(name, Answer({**good, **{f: odd for f in _date_fields(spec)}}, "9999-12-31"))
    _sane(with_odd_saved)


@pytest.mark.parametrize("name", FORMS)
@pytest.mark.parametrize("odd", ODD_NUMBERS, ids=_id)
def test_nan_infinity_huge_numbers_and_wrong_types_earn_nothing_and_never_raise(name, odd):
    spec = forms.get(name)
    result = _formative(name, Answer({f.name: odd for f in spec.fields}, SAVED_AT))
    _sane(result)
    assert result.fraction == 0.0, "a form filled only with odd values scores 0"
    good = spec.example(SAVED_ON)
    for field in spec.fields:  # one odd field in an otherwise good answer: that field earns nothing
        result = _formative(name, Answer({**good, field.name: odd}, SAVED_AT))
        _sane(result)
        assert result == spec.check({**good, field.name: field.blank()}, SAVED_AT)
    assert spec.readable({f.name: odd for f in spec.fields})


@pytest.mark.parametrize("name", FORMS)
@pytest.mark.parametrize("odd", [float("nan"), float("inf"), 10**5000, "not a form", 42, ["a"], b"x"],
                         ids=_id)
def test_a_whole_answer_of_the_wrong_type_scores_zero(name, odd):
    result = _formative(name, Answer(odd, "9999-12-31"))
    _sane(result)
    assert result.fraction == 0.0 and result.outcome is Outcome.UNREADABLE


@pytest.mark.parametrize("saved_at", ["9999-12-31", "0001-01-01", "garbage", None])
def test_the_first_goal_helper_is_as_safe(saved_at):
    answer = goal.worked_example(dt.date.today())
    assert goal.check_goal(answer, saved_at).outcome is Outcome.CORRECT
    assert goal.check_goal({**answer, "date": "9999-12-31"}, saved_at).criteria[3].met is False
    assert goal.readable({name: 10**5000 if name == "goal" else float("nan") for name in goal.FIELDS})


@pytest.mark.parametrize("name", [n for n in FORMS if _date_fields(forms.get(n))])
def test_the_learners_form_still_opens_with_absurd_dates_in_the_answers_file(tmp_path, name):
    spec = forms.get(name)
    answer = {**spec.example(SAVED_ON), **{f: "9999-12-31" for f in _date_fields(spec)}}
    answers_path(tmp_path, "nb").write_text(json.dumps({
        "format": "coursekit-answers", "version": 1,
        "answers": {name: {"value": answer, "saved_at": "9999-12-31T23:59:59-23:59"}},
    }))
    store = AnswerStore("nb", tmp_path)
    assert store.problems == []
    form = FormWidget(spec, store, today=lambda: SAVED_ON)  # checks the saved answer as it opens
    assert "Partly right" in form.feedback.value
    result = form.check()
    _sane(result)
    assert result.outcome is Outcome.PARTLY


FILLER = ["word " * 20, "lorem ipsum dolor sit amet", "tbc", "asdf asdf asdf", "text here", "...", "xxx"]


def _text_fields(spec):
    return [f.name for f in spec.fields if f.kind in ("text", "longtext")]


@pytest.mark.parametrize("name", FORMS)
@pytest.mark.parametrize("filler", FILLER, ids=lambda t: t.strip()[:12])
def test_filler_in_any_text_field_counts_as_not_given_and_the_feedback_says_so(name, filler):
    spec = forms.get(name)
    good = spec.example(SAVED_ON)
    filled = {**good, **{field: filler for field in _text_fields(spec)}}
    blanked = {**good, **{field: "" for field in _text_fields(spec)}}
    result, expected = spec.check(filled, SAVED_AT), spec.check(blanked, SAVED_AT)
    assert result.criteria == expected.criteria, "filler meets nothing blank text would not meet"
    assert result.fraction < 1
    assert sum("Not counted" in m for m in result.messages) == len(_text_fields(spec))


@pytest.mark.parametrize("name", FORMS)
def test_filler_alone_meets_no_criterion_that_rests_on_words(name):
    """Every text field filler, every other field as in the worked example: no criterion is met
    that needs the learner's words. Only a criterion judged on dates or choices alone may be."""
    spec = forms.get(name)
    good = spec.example(SAVED_ON)
    filled = {**good, **{field: "word " * 20 for field in _text_fields(spec)}}
    met = {c.name for c in spec.check(filled, SAVED_AT).criteria if c.met}
    # The criteria judged without any words: a date, a choice of people or audience, a tick of the source's gift.
    without_words = {
        "first_goal": {"A specific date"},
        "board_commitment": {"A board meeting on a set date, soon", "The whole board sees it",
                             "Backed in public by the chief executive or chair"},
        "first_team": {"Small", "Multidisciplinary", "Empowered", "A date to show it"},
        "leadership_map": {"No pillar left unowned", "Shared across the executive team",
                           "A regular item of board business"},
        "preconditions_in_place": {"The board's own gift, as the source puts it", "Each step led from the board",
                                   "Each step dated within three months"},
        "self_assessment": {"All four pre-conditions rated"},
    }.get(name, set())
    assert met <= without_words, met - without_words
