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
    ({"change4": "", "kind4": "", "stage4": "", "critical4": False, "change5": "", "kind5": "", "stage5": "",
      "change3": "", "kind3": "", "stage3": "", "critical3": False}, "Describe at least 3 changes"),
    ({"stage4": ""}, "change 4 has no stage"),
    ({"kind2": ""}, "change 2 has no kind"),
    ({"change2": ""}, "change 2 has no description"),
    ({"stage3": 1, "stage4": 1, "stage5": 1, "critical3": False}, "All your changes are in one stage"),
    ({"stage3": 3}, "No change is in stage 2"),
])
def test_a_journey_in_clear_stages(changes, words):
    result = _check(**changes)
    assert not result.criteria[0].met and words in result.criteria[0].message


def test_a_journey_in_clear_stages_only_fails_alone_when_a_row_is_unfinished():
    assert "change 4 has no stage" in _only_unmet(_check(stage4=""), NAMES[0])


#: A digitally mature trust's honest journey: sound foundations, a service change first (its first goal),
#: no foundations change at all and nothing business-critical. It must meet every criterion.
MATURE = {
    "starting_point": "Our core infrastructure and electronic patient record are stable and well used, and "
                      "staff trust them.",
    "change1": "Patients book and change outpatient appointments in the NHS App", "kind1": "transform",
    "stage1": 1, "critical1": False,
    "change2": "Ward nurses record observations on handheld devices", "kind2": "transform", "stage2": 2,
    "critical2": False,
    "change3": "Share care plans with local GPs and social care", "kind3": "system", "stage3": 2,
    "critical3": False,
    "goal_row": 1,
    "ready2": "Online booking has run for three months and patients rate it well in surveys.",
}


def test_a_mature_trusts_honest_journey_meets_every_criterion():
    result = SPEC.check(MATURE, "2026-11-28T09:00:00+00:00")
    assert result.outcome is Outcome.CORRECT, [c for c in result.criteria if not c.met]
    assert not any("foundations" in m for m in result.messages), "sound basics: no foundations advice"


def test_foundations_first_is_advice_only_where_the_starting_point_says_the_basics_are_weak():
    fragile = {**MATURE, "starting_point": "Our wifi is fragile on every ward and we still run two old telephone "
                                           "systems that fail often."}
    result = SPEC.check(fragile, "2026-11-28T09:00:00+00:00")
    assert result.outcome is Outcome.CORRECT, "advice, never a criterion"
    assert any("“fragile”" in m and "foundations change" in m for m in result.messages)
    assert not any("foundations" in m for m in _check().messages), "the example has a foundations change in stage 1"


#: (changes to the worked example, whether the first goal sits in stage 1, words in the feedback).
FIRST_GOAL = [
    ({}, True, "starts the journey in stage 1"),
    ({"goal_row": ""}, False, "Say which change is your first goal"),
    ({"goal_row": 2}, True, "change 2"),  # the wifi: any row the learner names
    ({"goal_row": 3}, False, "is in stage 2"),
    ({"stage1": 2, "stage3": 1}, False, "is in stage 2"),
    ({"goal_row": "1"}, True, "stage 1"),
    ({"goal_row": 9}, False, "Say which change"),
    ({"goal_row": True}, False, "Say which change"),
]


@pytest.mark.parametrize("changes, met, words", FIRST_GOAL)
def test_the_first_goal_sits_in_stage_1(changes, met, words):
    result = _check(**changes)
    goal = next(c for c in result.criteria if c.name == NAMES[1])
    assert goal.met is met and words in goal.message, goal


def test_the_first_goal_row_must_be_described():
    result = _check(goal_row=5, change5="", kind5="", stage5="")
    assert "Change 5 is your first goal: describe it" in result.criteria[1].message


def test_too_many_business_critical_changes_at_once_is_flagged_by_stage():
    message = _only_unmet(_check(critical5=True), NAMES[2])
    assert message.startswith("Stage 3 has 2 business-critical changes at once:")
    assert "change 4 (‘Replace the patient administration system’)" in message and "change 5" in message
    assert "Stage 1" not in message and "Stage 2" not in message
    assert "too many business-critical changes at once" in message and "this course's reading" in message


def test_every_crowded_stage_is_named():
    message = _check(critical1=True, critical2=True, critical5=True).criteria[2].message
    assert "Stage 1 has 2 business-critical changes at once" in message
    assert "Stage 3 has 2 business-critical changes at once" in message


def test_no_change_marked_business_critical_is_met_with_a_word_of_advice():
    result = _check(critical3=False, critical4=False)
    assert result.outcome is Outcome.CORRECT
    assert "this course's reading" in result.criteria[2].message
    assert any("No change is ticked business-critical" in m for m in result.messages)


def test_a_critical_change_without_a_stage_is_not_counted_in_a_stage():
    result = _check(change2="", kind2="", stage2="", critical2=True, critical1=True)
    assert "Stage 1 has" not in result.criteria[2].message


def test_a_plan_before_each_next_stage():
    message = _only_unmet(_check(ready3="Soon."), NAMES[3])
    assert "before stage 3 starts" in message and "stage 2" not in message
    both = _check(ready2="", ready3="").criteria[3].message
    assert "before stage 2 and before stage 3 starts" in both
    # A stage nobody uses needs no plan.
    assert _check(stage4=2, stage5=2, critical4=False, ready3="").criteria[3].met is True


def test_an_honest_starting_point():
    message = _only_unmet(_check(starting_point="We are fine."), NAMES[4])
    assert "at least 12 words" in message


def test_stage_numbers_saved_as_digits_are_read_but_bools_are_not():
    assert _check(stage1="1", stage2="1").outcome is Outcome.CORRECT
    assert "change 1 has no stage" in _check(stage1=True).criteria[0].message


@pytest.mark.parametrize("answer", [
    {"change1": 5, "stage1": 9, "kind1": ["foundations"], "critical1": "yes", "ready2": {"a": 1}, "goal_row": 7},
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
    assert shown["Change 2: what kind of change?"].startswith("Foundations")
    assert shown["Which change is your first goal?"] == "Change 1"


# -- the widget, in plain pytest ---------------------------------------------------------------

def _fill(form: FormWidget, answer: dict) -> None:
    for name, value in answer.items():
        control = form.controls[name]
        control.value = value if value != "" else (None if name.startswith(("kind", "stage")) else "")


def test_the_widget_flags_the_crowded_stage_when_checked(tmp_path):
    store = AnswerStore("goal_and_mission", tmp_path)
    form = FormWidget(SPEC, store)
    _fill(form, {**GOOD, "critical5": True})
    assert store.value("journey")["critical5"] is True, "each change is saved at once"
    form.check_button.click()
    feedback = form.feedback.value
    assert "◐ Partly right" in feedback and "✘ Not yet:</strong> Not too many business-critical changes" in feedback
    assert "Stage 3 has 2 business-critical changes at once" in feedback
    assert form.example_button.disabled is False

    form.critical5.value = False
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
    assert again.stage3.value == 2 and again.critical3.value is True and again.change5.value == GOOD["change5"]
    assert again.goal_row.value == 1
    assert "✔ Correct" in again.feedback.value, "a saved journey is checked again on restore"
    again.hint_button.click()
    assert f"Hint 1 of {len(SPEC.hints)}" in again.hints.value
    again.example_button.click()
    assert "illustrative" in again.example.value and "Change 5: which stage?" in again.example.value
