"""Lesson 3's first team: each rule drawn from the source's words, met and not met."""

from __future__ import annotations

import datetime as dt

import pytest

from coursekit.questions import forms
from coursekit.answers import AnswerStore
from coursekit.questions.forms import first_team as ft
from coursekit.questions.outcomes import Outcome
from coursekit.learner.widgets import FormWidget

SPEC = forms.get("first_team")
TODAY = dt.date(2026, 11, 28)
SAVED_AT = "2026-11-28T09:00:00+00:00"
GOOD = ft.worked_example(TODAY)
NO_DISCIPLINES = {name: False for name, _, _ in ft.DISCIPLINES}


def _met(answer) -> list[bool]:
    return [c.met for c in SPEC.check(answer, SAVED_AT).criteria]


def test_the_worked_example_meets_every_criterion():
    result = SPEC.check(GOOD, SAVED_AT)
    assert result.outcome is Outcome.CORRECT and result.fraction == 1.0
    assert [c.name for c in result.criteria] == list(ft.CRITERIA)


@pytest.mark.parametrize("index, change", [
    (0, {"team_size": 2}),
    (0, {"team_size": 13}),
    (0, {"team_size": 21}),
    (0, {"team_size": ""}),
    (1, {**NO_DISCIPLINES, "disc_it": True, "disc_strategy": True}),
    (1, {**NO_DISCIPLINES, "disc_design": True, "disc_developer": True, "disc_it": True}),
    (1, {**NO_DISCIPLINES, "disc_clinical": True, "disc_it": True, "disc_strategy": True}),
    (2, {"sponsor": "none"}),
    (2, {"decide_next": False, "decide_change": False}),
    (3, {"show_kind": "slides"}),
    (3, {"show_what": "A portal."}),
    (3, {"show_what": "Better digital services and a more digital culture for everyone."}),
    (4, {"show_date": "2026-12-11"}),
    (4, {"show_date": "2027-03-29"}),  # 121 days
    (4, {"show_date": "soon"}),
    (5, {"in_house": "none"}),
    (5, {"in_house": "half"}),
    (5, {"outside_plan": ""}),
])
def test_each_criterion_fails_on_its_own(index, change):
    met = _met({**GOOD, **change})
    assert met[index] is False and sum(met) == len(ft.CRITERIA) - 1, (change, met)


@pytest.mark.parametrize("index, change", [
    (0, {"team_size": 3}),
    (0, {"team_size": 12}),
    (1, {**NO_DISCIPLINES, "disc_clinical": True, "disc_research": True, "disc_strategy": True}),
    (2, {"decide_next": False, "decide_change": False, "decide_spend": True}),
    (4, {"show_date": "2026-12-12"}),  # 14 days after it was saved
    (4, {"show_date": "2027-03-28"}),  # 120 days
    (5, {"in_house": "all", "outside_plan": ""}),
])
def test_the_edges_of_each_range_are_met(index, change):
    assert _met({**GOOD, **change})[index] is True, change


def test_feedback_uses_the_sources_words_and_says_what_is_the_courses_reading():
    slides = SPEC.check({**GOOD, "show_kind": "slides"}, SAVED_AT).criteria[3].message
    assert "slideware" in slides and "not enough" in slides
    big = SPEC.check({**GOOD, "team_size": 20}, SAVED_AT).criteria[0].message
    assert "small" in big and "This course reads" in big
    outsiders = SPEC.check({**GOOD, "in_house": "none"}, SAVED_AT).criteria[5].message
    assert "wholly dependent" in outsiders
    one_part = SPEC.check({**GOOD, **NO_DISCIPLINES, "disc_it": True}, SAVED_AT).criteria[1].message
    assert "one discipline" in one_part


def test_the_show_date_window_is_labelled_as_the_courses_reading_when_met_too():
    assert "this course's reading" in SPEC.check(GOOD, SAVED_AT).criteria[4].message


def test_dates_are_judged_from_the_day_the_answer_was_saved():
    answer = {**GOOD, "show_date": "2027-01-20"}
    assert SPEC.check(answer, SAVED_AT).criteria[4].met is True
    assert SPEC.check(answer, "2027-01-15T09:00:00+00:00").criteria[4].met is False


def test_partial_credit_and_blank():
    assert SPEC.check({**GOOD, "sponsor": "none", "in_house": "few"}, SAVED_AT).fraction == pytest.approx(4 / 6)
    assert SPEC.check(SPEC.blank_answer()).outcome is Outcome.NOT_ATTEMPTED


@pytest.mark.parametrize("odd", [
    {"team_size": "seven", "disc_clinical": "yes", "show_date": 20270101},
    {"team_size": True, "show_date": None, "in_house": ["most"]},
    {"show_what": {"a": 1}, "outside_plan": 42, "sponsor": 7},
    {name: 99999 for name in SPEC.blank_answer()},
])
def test_odd_input_never_raises(odd):
    result = SPEC.check(odd, "not a timestamp")
    assert result.outcome in (Outcome.INCORRECT, Outcome.PARTLY)
    assert not result.criteria[0].met
    SPEC.readable(odd)


def test_labels_read_well_in_the_board_plan():
    readable = SPEC.readable(GOOD)
    assert readable["Board executive who gives the team top cover"] == "Chief operating officer"
    assert readable["In the team: user researchers"] == "Yes"
    assert readable["What kind of thing they will show"] == "A working prototype that real people can use"
    assert all(not label.endswith(":") for label in readable)


def test_hints_never_give_the_worked_example_away():
    assert len(ft.HINTS) >= 3
    for hint in ft.HINTS:
        assert "fracture" not in hint.lower() and "rebooking" not in hint.lower()


def test_the_form_widget_checks_and_saves(tmp_path):
    store = AnswerStore("a_team", tmp_path)
    form = FormWidget(SPEC, store, today=lambda: TODAY)
    form.team_size.value = 21
    form.show_kind.value = "paper"
    form.check_button.click()
    assert "Not yet" in form.feedback.value and "slideware" in form.feedback.value
    assert "Not right yet" in form.feedback.value or "Partly" in form.feedback.value
    for name, value in GOOD.items():
        if name == "show_date":
            value = (dt.date.today() + dt.timedelta(days=56))
        form.controls[name].value = value
    form.check_button.click()
    assert "✔ Correct" in form.feedback.value, form.feedback.value
    saved = AnswerStore("a_team", tmp_path).value("first_team")
    assert saved["team_size"] == 7 and saved["disc_research"] is True and saved["in_house"] == "most"
    form.hint_button.click()
    assert "Hint 1 of" in form.hints.value
    form.example_button.click()
    assert "illustrative" in form.example.value and "Chief operating officer" in form.example.value
