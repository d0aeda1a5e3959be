"""Lesson 2's leadership map: each rule from the Milton Keynes case, met and not met."""

from __future__ import annotations

import datetime as dt

import pytest

from coursekit.questions import forms
from coursekit.answers import AnswerStore
from coursekit.questions.forms import leadership_map as lm
from coursekit.questions.outcomes import Outcome
from coursekit.learner.widgets import FormWidget

SPEC = forms.get("leadership_map")
TODAY = dt.date(2026, 11, 28)
GOOD = lm.worked_example(TODAY)


def _met(answer) -> list[bool]:
    return [c.met for c in SPEC.check(answer, "2026-11-28T09:00:00+00:00").criteria]


def test_the_worked_example_meets_every_criterion():
    result = SPEC.check(GOOD)
    assert result.outcome is Outcome.CORRECT and result.fraction == 1.0
    assert [c.name for c in result.criteria] == list(lm.CRITERIA)


@pytest.mark.parametrize("index, change", [
    (0, {"clinicians_lead": "none"}),
    (0, {"support_staff_lead": ""}),
    (1, {"patients_lead": "cio", "clinicians_lead": "cio", "support_staff_lead": "cio"}),
    (1, {"patients_shared": "none", "clinicians_shared": "none", "support_staff_shared": "none",
         "clinicians_lead": "nursing"}),
    (2, {"ceo_role": "delegate"}),
    (2, {"ceo_obstacle": "IG"}),
    (3, {"clinicians_first": "Portal."}),
    (3, {"clinicians_first": "Work with ward doctors on test results at some point."}),
    (3, {"support_staff_first": GOOD["patients_first"]}),
    (4, {"review": "yearly"}),
    (4, {"review": "by_exception"}),
])
def test_each_criterion_fails_on_its_own(index, change):
    met = _met({**GOOD, **change})
    assert met[index] is False and sum(met) == len(lm.CRITERIA) - 1, (change, met)


def test_one_executive_holding_every_pillar_is_named_and_the_cio_case_says_why():
    result = SPEC.check({**GOOD, "patients_lead": "cio", "clinicians_lead": "cio", "support_staff_lead": "cio"})
    message = result.criteria[1].message
    assert "Chief information officer" in message and "not owned by a single board member" in message
    finance = SPEC.check({**GOOD, "patients_lead": "finance", "clinicians_lead": "finance", "support_staff_lead": "finance"})
    assert "Finance director" in finance.criteria[1].message and "chief information officer" not in finance.criteria[1].message


def test_unowned_pillars_are_named_in_the_feedback():
    result = SPEC.check({**GOOD, "patients_lead": "none", "support_staff_lead": "none"})
    assert "Supporting patients" in result.criteria[0].message
    assert "Supporting professional support staff" in result.criteria[0].message
    assert "Supporting clinicians" not in result.criteria[0].message


def test_three_different_executives_are_enough_two_are_not():
    three = {**GOOD, "patients_lead": "ceo", "clinicians_lead": "medical", "support_staff_lead": "finance",
             "patients_shared": "none", "clinicians_shared": "none", "support_staff_shared": "none"}
    assert _met(three)[1] is True
    two = {**three, "support_staff_lead": "medical"}
    assert _met(two)[1] is False and "2 different executives" in SPEC.check(two).criteria[1].message
    shared_in = {**two, "support_staff_shared": "people"}  # a co-owner counts as a part
    assert _met(shared_in)[1] is True


def test_the_every_executive_tick_is_the_learners_own_word_a_prompt_not_a_criterion():
    ticked, unticked = SPEC.check(GOOD), SPEC.check({**GOOD, "everyone": False})
    assert [c.met for c in ticked.criteria] == [c.met for c in unticked.criteria] == [True] * len(lm.CRITERIA)
    assert any("Which of your executive directors has no part yet" in m for m in unticked.messages)
    assert any("could each of them say" in m for m in ticked.messages)


@pytest.mark.parametrize("review, met", [("every_meeting", True), ("quarterly", True), ("yearly", False),
                                         ("by_exception", False)])
def test_how_often_is_the_courses_reading_never_a_rule_from_the_source(review, met):
    result = SPEC.check({**GOOD, "review": review})
    criterion = result.criteria[4]
    assert criterion.met is met and "this course's reading" in criterion.message
    assert "does not say how often" in criterion.message or "gives no frequency" in criterion.message


def test_no_criterion_claims_the_source_puts_digital_on_every_board_agenda():
    text = " ".join(c.message for answer in (GOOD, {**GOOD, "review": "yearly"}) for c in SPEC.check(answer).criteria)
    assert "every board meeting" not in text and "as with the finances" not in " ".join(o for o, _ in lm.REVIEW_OPTIONS)


def test_partial_credit_and_blank():
    assert SPEC.check({**GOOD, "review": "yearly", "ceo_role": "approve"}).fraction == pytest.approx(3 / 5)
    assert SPEC.check(SPEC.blank_answer()).outcome is Outcome.NOT_ATTEMPTED
    assert SPEC.check(None).outcome is Outcome.NOT_ATTEMPTED


@pytest.mark.parametrize("odd", [
    {"patients_lead": 3, "everyone": "yes", "ceo_obstacle": ["a", "list"]},
    {"patients_first": None, "review": {"x": 1}},
    {"unknown_field": "text only"},
    {name: 12345 for name in SPEC.blank_answer()},
])
def test_odd_input_never_raises(odd):
    result = SPEC.check(odd)
    assert result.outcome in (Outcome.INCORRECT, Outcome.PARTLY, Outcome.NOT_ATTEMPTED)
    assert SPEC.check("a string").outcome is Outcome.UNREADABLE
    SPEC.readable(odd)


def test_labels_read_well_in_the_board_plan():
    readable = SPEC.readable(GOOD)
    assert readable["Supporting patients: lead executive"] == "Director of nursing (chief nurse)"
    assert readable["How often the board reviews the digital agenda"] == "At every board meeting"
    assert all(not label.endswith(":") for label in readable)


def test_hints_never_give_the_worked_example_away():
    assert len(lm.HINTS) >= 3
    for hint in lm.HINTS:
        for value in GOOD.values():
            if isinstance(value, str) and len(value) > 12:
                assert value.lower() not in hint.lower()


def test_the_form_widget_checks_and_saves(tmp_path):
    store = AnswerStore("clear_leadership", tmp_path)
    form = FormWidget(SPEC, store, today=lambda: TODAY)
    form.patients_lead.value = "cio"
    form.clinicians_lead.value = "cio"
    form.support_staff_lead.value = "cio"
    form.check_button.click()
    assert "Not yet" in form.feedback.value and "Chief information officer" in form.feedback.value
    for name, value in GOOD.items():
        form.controls[name].value = value
    form.check_button.click()
    assert "✔ Correct" in form.feedback.value and "every criterion" in form.feedback.value
    assert AnswerStore("clear_leadership", tmp_path).value("leadership_map") == GOOD
    form.example_button.click()
    assert "illustrative" in form.example.value and "Finance director" in form.example.value
