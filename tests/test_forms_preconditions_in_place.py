"""Lesson 1's form: the four pre-conditions at your trust. Each criterion met and not met;
odd input never raises; the widget saves and checks it."""

from __future__ import annotations

import datetime as dt

import pytest

from coursekit.questions import forms
from coursekit.answers import AnswerStore
from coursekit.questions.forms import preconditions_in_place as pip
from coursekit.questions.outcomes import Outcome
from coursekit.learner.widgets import FormWidget

TODAY = dt.date(2026, 11, 28)
SAVED_AT = "2026-11-28T09:00:00+00:00"
SPEC = forms.get("preconditions_in_place")


def good() -> dict:
    return pip.example(TODAY)


def met(answer: dict) -> dict[str, bool]:
    return {c.name: c.met for c in SPEC.rules(answer, TODAY)}


def unmet(answer: dict) -> list[str]:
    return [c.name for c in SPEC.rules(answer, TODAY) if not c.met]


def message(answer: dict, name: str) -> str:
    return next(c.message for c in SPEC.rules(answer, TODAY) if c.name == name)


def test_the_worked_example_meets_every_criterion_and_scores_full():
    assert all(met(good()).values())
    result = SPEC.check(good(), SAVED_AT)
    assert result.outcome is Outcome.CORRECT and result.fraction == 1


def test_the_form_is_registered_and_asks_no_step_for_urgency():
    assert "preconditions_in_place" in forms.names()
    names = [f.name for f in SPEC.fields]
    assert "urgency_step" not in names and "urgency_by" not in names
    assert {f"{p}_{part}" for p in pip.IN_GIFT for part in ("gift", "evidence", "step", "lead", "by")} <= set(names)
    assert len({f.label for f in SPEC.fields}) == len(SPEC.fields), "labels are unique, so the readable answer keeps every field"


@pytest.mark.parametrize("ticks, why", [
    ({"team_gift": False}, "Not every pre-condition"),
    ({"urgency_gift": True}, "does not put a sense of urgency"),
    ({"leadership_gift": False, "team_gift": False, "goal_gift": False}, "Not every pre-condition"),
])
def test_gift_criterion_needs_exactly_the_first_three(ticks, why):
    answer = {**good(), **ticks}
    assert unmet(answer) == [pip.CRITERIA[0]]
    assert why in message(answer, pip.CRITERIA[0])


def test_gift_criterion_does_not_name_the_right_ticks():
    text = message({**good(), "goal_gift": False}, pip.CRITERIA[0])
    assert "A goal and a mission" not in text and "Clear leadership" not in text


def test_evidence_must_be_given_for_all_four_and_differ():
    thin = {**good(), "urgency_evidence": "Not much."}
    assert unmet(thin) == [pip.CRITERIA[1]] and "A sense of urgency" in message(thin, pip.CRITERIA[1])
    same = {**good(), "team_evidence": good()["leadership_evidence"]}
    assert unmet(same) == [pip.CRITERIA[1]] and "the same" in message(same, pip.CRITERIA[1])


@pytest.mark.parametrize("step, why", [
    ("Fix it.", "at least 5 words"),
    ("Consider whether we need a digital team at all.", "'consider'"),
    ("Explore options for a first team with HR.", "'consider'"),
])
def test_a_step_must_say_what_the_board_will_do(step, why):
    answer = {**good(), "team_step": step}
    assert unmet(answer) == [pip.CRITERIA[2]]
    assert why in message(answer, pip.CRITERIA[2]) and "A team" in message(answer, pip.CRITERIA[2])


@pytest.mark.parametrize("step", [
    "Discuss the team at some point with the executives.",  # talk, and no time
    "Name a small first team at some point this year.",
    "Agree one small, visible first goal soon.",
    "Hold a workshop on our first goal next year.",
    "Agree the first goal in due course, when possible.",
    "Discuss the first team at the January board meeting.",  # talking about it is not a step
])
def test_vague_time_words_or_talk_are_not_a_concrete_step(step):
    answer = {**good(), "team_step": step}
    assert unmet(answer) == [pip.CRITERIA[2]]


@pytest.mark.parametrize("step", [
    "Waive the business case for the first team now.",  # "waive" is not "wait": whole words only
    "Noteworthy work from our ward teams goes to the board.",  # "noteworthy" is not "note"
    "Name a small team of a nurse, a developer and a designer.",
])
def test_openings_are_matched_as_whole_words(step):
    assert all(met({**good(), "team_step": step}).values())


def test_three_identical_steps_are_not_three_steps():
    step = good()["leadership_step"]
    answer = {**good(), "team_step": step, "goal_step": step}
    assert unmet(answer) == [pip.CRITERIA[2]] and "the same" in message(answer, pip.CRITERIA[2])


def test_each_step_needs_a_lead_on_the_board():
    outside = {**good(), "goal_lead": "outside"}
    assert unmet(outside) == [pip.CRITERIA[3]] and "needs a lead on the board" in message(outside, pip.CRITERIA[3])
    missing = {**good(), "leadership_lead": ""}
    assert unmet(missing) == [pip.CRITERIA[3]] and "Clear leadership" in message(missing, pip.CRITERIA[3])


@pytest.mark.parametrize("when, why", [
    ("", "Give a date"),
    ("not a date", "Give a date"),
    ((TODAY - dt.timedelta(days=3)).isoformat(), "Pick a date after"),
    (TODAY.isoformat(), "Pick a date after"),
    ((TODAY + dt.timedelta(days=pip.MAX_DAYS + 1)).isoformat(), "no later than"),
])
def test_each_step_is_dated_within_three_months(when, why):
    answer = {**good(), "team_by": when}
    assert unmet(answer) == [pip.CRITERIA[4]] and why in message(answer, pip.CRITERIA[4])


def test_the_last_day_of_the_window_counts():
    answer = {**good(), "goal_by": (TODAY + dt.timedelta(days=pip.MAX_DAYS)).isoformat()}
    assert all(met(answer).values())


def test_dates_are_judged_from_the_day_the_answer_was_saved():
    """A regrade months later gives the same result."""
    result = SPEC.check(good(), SAVED_AT)
    assert SPEC.check(good(), SAVED_AT).fraction == result.fraction == 1
    later = SPEC.check(good(), "2027-06-01T09:00:00+00:00")
    assert later.fraction < 1 and not later.criteria[4].met


def test_partial_credit_is_a_share_per_criterion():
    answer = {**good(), "urgency_gift": True, "goal_lead": "outside"}
    result = SPEC.check(answer, SAVED_AT)
    assert result.outcome is Outcome.PARTLY and result.fraction == pytest.approx(3 / 5)


@pytest.mark.parametrize("odd", [
    {"leadership_gift": "yes", "leadership_evidence": 42, "team_step": ["a", "list"], "goal_by": 20270101},
    {"leadership_gift": 1, "urgency_evidence": None, "team_lead": {"x": 1}, "team_by": "2027-13-45"},
    {name: None for name in (f.name for f in SPEC.fields)} | {"goal_step": "Agree one goal for the board now."},
])
def test_odd_input_never_raises_and_earns_no_full_marks(odd):
    result = SPEC.check(odd, SAVED_AT)
    assert result.outcome in (Outcome.INCORRECT, Outcome.PARTLY) and result.fraction < 1


def test_blank_and_malformed_answers():
    assert SPEC.check(SPEC.blank_answer()).outcome is Outcome.NOT_ATTEMPTED
    assert SPEC.check(None).outcome is Outcome.NOT_ATTEMPTED
    assert SPEC.check("a string").outcome is Outcome.UNREADABLE


def test_the_widget_saves_each_change_and_checks_the_saved_answer(tmp_path):
    store = AnswerStore("why_preconditions", tmp_path)
    form = FormWidget(SPEC, store, today=lambda: TODAY)
    form.leadership_gift.value = True
    form.urgency_gift.value = True
    assert store.value("preconditions_in_place")["urgency_gift"] is True
    form.check_button.click()
    assert "Not right yet" in form.feedback.value and "does not put a sense of urgency" in form.feedback.value
    form.show_example()
    assert "illustrative" in form.example.value and "Someone outside the board" not in form.example.value

    again = FormWidget(SPEC, AnswerStore("why_preconditions", tmp_path), today=lambda: TODAY)
    assert again.leadership_gift.value is True and again.urgency_gift.value is True
