"""Lesson 6's form: a keep, expand or drop review. Each criterion met and not met; odd input never raises."""

from __future__ import annotations

import datetime as dt

import pytest

from coursekit.questions import forms
from coursekit.answers import AnswerStore
from coursekit.questions.forms import keep_expand_drop as ked
from coursekit.questions.outcomes import Outcome
from coursekit.learner.widgets import FormWidget

TODAY = dt.date(2026, 11, 28)
SAVED_AT = "2026-11-28T09:00:00+00:00"
SPEC = forms.get("keep_expand_drop")


def good() -> dict:
    return SPEC.example(TODAY)


def met(answer: dict) -> dict[str, bool]:
    return {c.name: c.met for c in SPEC.check(answer, SAVED_AT).criteria}


def failing(answer: dict) -> dict[str, str]:
    return {c.name: c.message for c in SPEC.check(answer, SAVED_AT).criteria if not c.met}


def test_the_worked_example_meets_all_five_criteria():
    result = SPEC.check(good(), SAVED_AT)
    assert result.outcome is Outcome.CORRECT and len(result.criteria) == 5


def test_at_least_three_changes_are_reviewed():
    two = {**good(), "change3": "", "decision3": "", "heard3": "", "evidence3": "", "how3": ""}
    assert list(failing(two)) == [ked.CRITERIA[0]] and "you have 2 so far" in failing(two)[ked.CRITERIA[0]]
    four = {**good(), "change4": "Online referrals from GPs", "decision4": "keep", "heard4": "staff",
            "evidence4": "GPs said referrals came back faster than by post.",
            "how4": "The referral team keeps its weekly check-in with local practices."}
    assert all(met(four).values())


def test_every_change_needs_a_decision_and_no_decision_stands_alone():
    assert "Change 2: decide" in failing({**good(), "decision2": ""})[ked.CRITERIA[1]]
    stray = {**good(), "decision4": "keep"}
    assert "Change 4: say what the change is" in failing(stray)[ked.CRITERIA[1]]
    odd = {**good(), "decision1": "maybe"}
    assert ked.CRITERIA[1] in failing(odd)


def test_evidence_says_whose_feedback_and_what_they_said():
    assert "Change 3: say whose feedback" in failing({**good(), "heard3": "none"})[ked.CRITERIA[2]]
    assert "Change 1: say whose feedback" in failing({**good(), "evidence1": "Liked it."})[ked.CRITERIA[2]]
    both_missing = {**good(), "evidence1": "", "evidence2": ""}
    assert "Change 1 and change 2" in failing(both_missing)[ked.CRITERIA[2]]


def test_evidence_must_include_patients_and_staff_across_the_review():
    staff_only = {**good(), "heard1": "staff"}
    assert list(failing(staff_only)) == [ked.CRITERIA[2]]
    assert "Hear from patients or service users too" in failing(staff_only)[ked.CRITERIA[2]]
    patients_only = {**good(), "heard1": "patients", "heard2": "patients", "heard3": "patients"}
    assert "Hear from staff too" in failing(patients_only)[ked.CRITERIA[2]]
    split = {**good(), "heard1": "patients"}
    assert all(met(split).values()), "patients on one change and staff on another is enough"


def test_each_keep_or_expand_needs_its_how():
    assert "Change 3: in at least 6 words" in failing({**good(), "how3": "Carry on."})[ked.CRITERIA[3]]
    dropped = {**good(), "how2": ""}
    assert all(met(dropped).values()), "a drop needs no 'how'"
    all_dropped = {**good(), "decision1": "drop", "decision3": "drop"}
    assert "Keep or expand at least one" in failing(all_dropped)[ked.CRITERIA[3]]


@pytest.mark.parametrize("appetite, governance, says", [
    ("before", "The committee sorts each change by risk before it comes to the board.", "not necessarily stay fixed"),
    ("fixed", "The committee sorts each change by risk before it comes to the board.", "not necessarily stay fixed"),
    ("undiscussed", "", "not necessarily stay fixed"),
    ("review", "Lighter.", "in proportion to the risks"),
])
def test_risk_appetite_is_reviewed_and_governance_proportionate(appetite, governance, says):
    answer = {**good(), "appetite": appetite, "governance": governance}
    assert list(failing(answer)) == [ked.CRITERIA[4]] and says in failing(answer)[ked.CRITERIA[4]]


@pytest.mark.parametrize("odd", [
    {"change1": 12345, "decision1": ["keep"], "heard1": {"x": 1}, "evidence1": None, "how1": 3.5,
     "appetite": ["review"]},
    {"change2": "A real change here", "decision2": None, "heard2": ["both"], "governance": b"bytes"},
    {"change1": "One two", "decision1": "keep", "heard1": "both", "evidence1": "x " * 10, "how1": "y " * 10},
])
def test_odd_input_never_raises_and_earns_no_false_credit(odd):
    result = SPEC.check(odd, SAVED_AT)
    assert result.outcome in (Outcome.INCORRECT, Outcome.PARTLY)
    assert not met(odd)[ked.CRITERIA[0]] and not met(odd)[ked.CRITERIA[4]]
    assert SPEC.check(["a", "list"], SAVED_AT).outcome is Outcome.UNREADABLE
    assert SPEC.check(SPEC.blank_answer(), SAVED_AT).outcome is Outcome.NOT_ATTEMPTED


def test_readable_keeps_every_row_apart_for_the_board_plan():
    shown = SPEC.readable(good())
    assert len(shown) == len(SPEC.fields) == ked.ROWS * 5 + 2, "labels differ row by row, so no answer is lost"
    assert shown["Change 1: your decision"] == "Expand" and shown["Change 2: your decision"] == "Drop"
    assert shown["Change 4: a change from the first wave, to decide on now"] == "(blank)"


def test_the_form_widget_saves_and_names_the_rows_to_fix(tmp_path):
    form = FormWidget(SPEC, AnswerStore("after_the_first_wave", tmp_path), today=lambda: TODAY)
    form.change1.value = "Video outpatient appointments"
    form.decision1.value = "keep"
    form.check_button.click()
    assert "you have 1 so far" in form.feedback.value and "Change 1: say whose feedback" in form.feedback.value
    saved = AnswerStore("after_the_first_wave", tmp_path).value("keep_expand_drop")
    assert saved["decision1"] == "keep" and saved["change2"] == ""
    form.hint_button.click()
    form.hint_button.click()
    assert "Hint 2 of 4" in form.hints.value
