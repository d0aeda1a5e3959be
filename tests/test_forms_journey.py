"""Stage your journey (forms/journey.py): each criterion met and not met, the flag for too many
business-critical changes at once names its stage, and odd input never raises."""

from __future__ import annotations

import datetime as dt

import pytest

from coursekit.questions import forms
from coursekit.answers import AnswerStore
from coursekit.questions.outcomes import Outcome
from coursekit.learner.widgets import FormWidget

SPEC = forms.get("journey")
TODAY = dt.date(2026, 11, 28)
GOOD = SPEC.example(TODAY)
NAMES = list(SPEC.criteria)


def _check(**changes):
    return SPEC.check({**GOOD, **changes}, "2026-11-28T09:00:00+00:00")


def _only_unmet(result, name):
    met = {c.name: c.met for c in result.criteria}
    assert met[name] is False and sum(met.values()) == len(NAMES) - 1, met
    assert result.outcome is Outcome.PARTLY and result.fraction == pytest.approx(0.8)
    return next(c for c in result.criteria if c.name == name).message


def test_the_worked_example_meets_every_criterion():
    result = _check()
    assert result.outcome is Outcome.CORRECT and [c.met for c in result.criteria] == [True] * 5


@pytest.mark.parametrize("changes, words", [
    ({"change4": "", "kind4": "", "stage4": "", "change5": "", "kind5": "", "stage5": "", "critical5": False,
      "change1": "", "kind1": "", "stage1": "", "critical1": False}, "Describe at least 3 changes"),
    ({"stage4": ""}, "change 4 has no stage"),
    ({"kind1": ""}, "change 1 has no kind"),
    ({"change1": ""}, "change 1 has no description"),
    ({"stage3": 1, "stage4": 1, "stage5": 1, "critical3": False, "critical5": False}, "All your changes are in one stage"),
    ({"stage3": 3, "stage4": 3}, "No change is in stage 2"),
])
def test_a_journey_in_clear_stages(changes, words):
    result = _check(**changes)
    assert not result.criteria[0].met and words in result.criteria[0].message


def test_a_journey_in_clear_stages_only_fails_alone_when_a_row_is_unfinished():
    assert "change 4 has no stage" in _only_unmet(_check(stage4=""), NAMES[0])


def test_foundations_first():
    message = _only_unmet(_check(kind1="renew", kind2="renew"), NAMES[1])
    assert "Stage 1 has no foundations change" in message
    message = _only_unmet(_check(stage4=1), NAMES[1])
    assert "change 4 (‘Let patients rebook their appointments online’), wider service change" in message
    assert "later stage" in message


def test_too_many_business_critical_changes_at_once_is_flagged_by_stage():
    message = _only_unmet(_check(critical4=True), NAMES[2])
    assert message.startswith("Stage 2 has 2 business-critical changes at once:")
    assert "change 3 (‘Replace the patient administration system’)" in message and "change 4" in message
    assert "Stage 1" not in message and "Stage 3" not in message
    assert "too many business-critical changes at once" in message


def test_every_crowded_stage_is_named():
    message = _check(critical1=True, critical4=True).criteria[2].message
    assert "Stage 1 has 2 business-critical changes at once" in message
    assert "Stage 2 has 2 business-critical changes at once" in message


def test_no_change_marked_business_critical_is_not_met():
    message = _only_unmet(_check(critical2=False, critical3=False, critical5=False), NAMES[2])
    assert "Tick each change that is business-critical" in message


def test_a_critical_change_without_a_stage_is_not_counted_in_a_stage():
    result = _check(change1="", kind1="", stage1="", critical1=True, stage2="")
    assert "Stage 1 has" not in result.criteria[2].message


def test_a_plan_before_each_next_stage():
    message = _only_unmet(_check(ready3="Soon."), NAMES[3])
    assert "before stage 3 starts" in message and "stage 2" not in message
    both = _check(ready2="", ready3="").criteria[3].message
    assert "before stage 2 and before stage 3 starts" in both
    # A stage nobody uses needs no plan.
    assert _check(stage5=2, ready3="").criteria[3].met is True


def test_an_honest_starting_point():
    message = _only_unmet(_check(starting_point="We are fine."), NAMES[4])
    assert "at least 12 words" in message


def test_stage_numbers_saved_as_digits_are_read_but_bools_are_not():
    assert _check(stage1="1", stage2="1").outcome is Outcome.CORRECT
    assert "change 1 has no stage" in _check(stage1=True).criteria[0].message


@pytest.mark.parametrize("answer", [
    {"change1": 5, "stage1": 9, "kind1": ["foundations"], "critical1": "yes", "ready2": {"a": 1}},
    {"starting_point": None, "stage2": -1, "stage3": 2.5, "change3": ["a", "b"], "critical3": 1},
    {f"stage{n}": True for n in range(1, 6)} | {"change1": "x"},
    {"unknown": "field", "change2": "  "},
    {"change1": "é" * 10_000, "kind1": None, "stage1": "3 ", "critical1": True},
])
def test_odd_input_never_raises(answer):
    result = SPEC.check(answer, "not a date")
    assert result.outcome in (Outcome.NOT_ATTEMPTED, Outcome.INCORRECT, Outcome.PARTLY)
    assert result.criteria == () or [c.name for c in result.criteria] == NAMES


def test_not_a_form_is_unreadable_and_blank_is_not_attempted():
    assert SPEC.check(["a"]).outcome is Outcome.UNREADABLE
    assert SPEC.check("text").outcome is Outcome.UNREADABLE
    assert SPEC.check(None).outcome is Outcome.NOT_ATTEMPTED
    assert SPEC.check(SPEC.blank_answer()).outcome is Outcome.NOT_ATTEMPTED


def test_labels_are_unique_and_readable_for_the_board_plan():
    labels = [f.label for f in SPEC.fields]
    assert len(set(labels)) == len(labels), "readable() keys must not collide"
    shown = SPEC.readable(GOOD)
    assert shown["Change 3: which stage?"] == "Stage 2"
    assert shown["Change 3 is business-critical"] == "Yes"
    assert shown["Change 1: what kind of change?"].startswith("Foundations")


# -- the widget, in plain pytest ---------------------------------------------------------------

def _fill(form: FormWidget, answer: dict) -> None:
    for name, value in answer.items():
        control = form.controls[name]
        control.value = value if value != "" else (None if name.startswith(("kind", "stage")) else "")


def test_the_widget_flags_the_crowded_stage_when_checked(tmp_path):
    store = AnswerStore("goal_and_mission", tmp_path)
    form = FormWidget(SPEC, store)
    _fill(form, {**GOOD, "critical4": True})
    assert store.value("journey")["critical4"] is True, "each change is saved at once"
    form.check_button.click()
    feedback = form.feedback.value
    assert "◐ Partly right" in feedback and "✘ Not yet:</strong> Not too many business-critical changes" in feedback
    assert "Stage 2 has 2 business-critical changes at once" in feedback
    assert form.example_button.disabled is False

    form.critical4.value = False
    form.check_button.click()
    assert "✔ Correct" in form.feedback.value and "Your journey meets every criterion." in form.feedback.value
    assert AnswerStore("goal_and_mission", tmp_path).value("journey") == GOOD


def test_the_widget_restores_a_saved_journey_and_shows_hints_and_the_example(tmp_path):
    store = AnswerStore("goal_and_mission", tmp_path)
    form = FormWidget(SPEC, store)
    form.check_button.click()
    assert "Not attempted" in form.feedback.value and form.example_button.disabled is True
    _fill(form, GOOD)
    again = FormWidget(SPEC, AnswerStore("goal_and_mission", tmp_path))
    assert again.stage3.value == 2 and again.critical2.value is True and again.change5.value == GOOD["change5"]
    assert "✔ Correct" in again.feedback.value, "a saved journey is checked again on restore"
    again.hint_button.click()
    assert f"Hint 1 of {len(SPEC.hints)}" in again.hints.value
    again.example_button.click()
    assert "illustrative" in again.example.value and "Change 5: which stage?" in again.example.value
