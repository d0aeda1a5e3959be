"""Lesson 5's form: keeping a sense of urgency. Each criterion met and not met; odd input never raises."""

from __future__ import annotations

import datetime as dt

import pytest

from coursekit.questions import forms
from coursekit.answers import AnswerStore
from coursekit.questions.forms import urgency
from coursekit.questions.outcomes import Outcome
from coursekit.learner.widgets import FormWidget

TODAY = dt.date(2026, 11, 28)
SAVED_AT = "2026-11-28T09:00:00+00:00"
SPEC = forms.get("urgency")


def good() -> dict:
    return SPEC.example(TODAY)


def met(answer: dict) -> dict[str, bool]:
    return {c.name: c.met for c in SPEC.check(answer, SAVED_AT).criteria}


def only_fails(answer: dict, name: str) -> str:
    result = SPEC.check(answer, SAVED_AT)
    assert [c.name for c in result.criteria if not c.met] == [name]
    assert result.outcome is Outcome.PARTLY and result.fraction == pytest.approx(5 / 6)
    return next(c.message for c in result.criteria if c.name == name)


def test_the_worked_example_meets_all_six_criteria():
    result = SPEC.check(good(), SAVED_AT)
    assert result.outcome is Outcome.CORRECT and len(result.criteria) == 6


def test_why_change_is_urgent_now_needs_a_reason_in_the_learners_words():
    message = only_fails({**good(), "platform": "We must change now."}, urgency.CRITERIA[0])
    assert "at least 15 words" in message and "today" in message and "not what happened in 2020" in message


def test_the_form_asks_about_the_trust_today_not_recall_of_2020():
    labels = " ".join(f.label for f in SPEC.fields).lower()
    assert "now" in labels and "slipping back" in labels
    assert "first wave" not in labels, "no field asks the learner to recall what changed in 2020"
    assert "priorities" not in {f.name for f in SPEC.fields}, "no rule on how many priorities a board holds"


def test_a_case_that_only_looks_back_to_2020_is_asked_about_today():
    back = {**good(), "platform": "In spring 2020 we moved clinics online in a week, cut approvals to a day and "
                                  "let ward teams choose their own tools."}
    assert any("What makes change urgent at your trust now?" in m for m in SPEC.check(back, SAVED_AT).messages)
    assert not any("looks back" in m for m in SPEC.check(good(), SAVED_AT).messages)


def test_what_risks_slipping_back_must_be_said():
    assert "slipping back" in only_fails({**good(), "slip_back": "Old habits."}, urgency.CRITERIA[1])


@pytest.mark.parametrize("imperative, says", [
    ("", "Write the one imperative"),
    ("Faster clinics. Better records. New portal.", "one sentence"),
    ("Fix clinics now; fix records next", "one sentence"),
])
def test_a_single_clear_imperative(imperative, says):
    assert says in only_fails({**good(), "imperative": imperative}, urgency.CRITERIA[2])


def test_no_limit_on_priorities_is_drawn_from_one_it_departments_story():
    text = " ".join(c.message for c in SPEC.check(good(), SAVED_AT).criteria) + " ".join(SPEC.hints)
    assert "30 to two" not in text and "one or two" not in text
    assert "months ahead" not in text


def test_what_frees_frontline_staff_must_be_said():
    assert "frontline staff" in only_fails({**good(), "frontline": "Video calls."}, urgency.CRITERIA[3])


def test_ways_of_working_need_one_ticked_and_a_practical_step():
    none_ticked = {**good(), **{field: False for field, _ in urgency.WAYS}}
    assert "Tick at least one" in only_fails(none_ticked, urgency.CRITERIA[3])
    assert "practical step" in only_fails({**good(), "keep_how": "Keep it."}, urgency.CRITERIA[3])
    yes = next(c for c in SPEC.check(good(), SAVED_AT).criteria if c.name == urgency.CRITERIA[3])
    assert "Bureaucratic pragmatism" in yes.message and "Local empowerment" in yes.message


@pytest.mark.parametrize("days, says", [(0, "after today"), (-5, "after today"), (184, "six months"),
                                        (400, "six months")])
def test_the_deadline_falls_within_the_courses_window(days, says):
    answer = {**good(), "deadline_date": (TODAY + dt.timedelta(days=days)).isoformat()}
    assert says in only_fails(answer, urgency.CRITERIA[4])


def test_the_deadline_window_is_always_labelled_as_the_courses_reading():
    for days in (90, 400):
        answer = {**good(), "deadline_date": (TODAY + dt.timedelta(days=days)).isoformat()}
        message = next(c.message for c in SPEC.check(answer, SAVED_AT).criteria if c.name == urgency.CRITERIA[4])
        assert "this course's reading" in message and "the source sets no deadline" in message


def test_the_deadline_needs_a_thing_and_a_date():
    soon = {c.name: c.message for c in SPEC.check({**good(), "deadline": "Soon"}, SAVED_AT).criteria if not c.met}
    assert list(soon) == [urgency.CRITERIA[4], urgency.CRITERIA[5]], "no one holds the board to a deadline not named"
    assert "what your trust will deliver" in soon[urgency.CRITERIA[4]]
    assert "specific date" in only_fails({**good(), "deadline_date": "next spring"}, urgency.CRITERIA[4])
    assert "puts it off" in only_fails({**good(), "deadline": "Video clinics in every specialty at some point"},
                                       urgency.CRITERIA[4])
    edge = {**good(), "deadline_date": (TODAY + dt.timedelta(days=urgency.MAX_DAYS)).isoformat()}
    assert all(met(edge).values())


def test_the_deadline_is_judged_from_the_day_the_answer_was_saved():
    answer = {**good(), "deadline_date": "2027-01-15"}
    assert met(answer)[urgency.CRITERIA[4]]
    late = SPEC.check(answer, "2027-02-01T09:00:00+00:00")
    assert not {c.name: c.met for c in late.criteria}[urgency.CRITERIA[4]], "a regrade later gives the saved day's result"


@pytest.mark.parametrize("holder", ["chair", "chief_executive", "chair_and_ceo", "executive", "non_executive"])
def test_a_named_person_holds_the_board_to_it(holder):
    assert met({**good(), "holder": holder})[urgency.CRITERIA[5]]


@pytest.mark.parametrize("holder, asks", [("chair", "chief executive back"), ("chief_executive", "chair back"),
                                          ("executive", "How will they back this deadline"), ("chair_and_ceo", None)])
def test_the_source_on_the_chair_and_chief_executive_comes_back_as_a_prompt(holder, asks):
    messages = SPEC.check({**good(), "holder": holder}, SAVED_AT).messages
    assert any(asks in m for m in messages) if asks else not messages


@pytest.mark.parametrize("holder", ["committee", "undecided"])
def test_a_committee_or_no_one_is_not_a_named_person(holder):
    assert "not a committee" in only_fails({**good(), "holder": holder}, urgency.CRITERIA[5])


def test_no_one_holds_the_board_to_a_deadline_not_yet_named():
    answer = {**good(), "deadline": ""}
    assert not met(answer)[urgency.CRITERIA[5]]


def test_filler_in_every_text_field_meets_no_criterion():
    filler = {**good(), **{f.name: "word " * 20 for f in SPEC.fields if f.kind in ("text", "longtext")}}
    result = SPEC.check(filler, SAVED_AT)
    assert result.fraction == 0 and result.outcome is Outcome.INCORRECT
    assert any("Not counted" in m and "placeholder" in m for m in result.messages)


@pytest.mark.parametrize("odd", [
    {"platform": 42, "imperative": ["a", "list"], "slip_back": {"x": 1}, "holder": ["chair"],
     "deadline_date": 20270101, "keep_pragmatism": "yes"},
    {"deadline_date": "2027-13-45", "deadline": None, "frontline": b"bytes"},
    {"holder": {"a": 1}, "slip_back": None},
])
def test_odd_input_never_raises_and_earns_no_false_credit(odd):
    result = SPEC.check(odd, SAVED_AT)
    assert result.outcome in (Outcome.INCORRECT, Outcome.PARTLY)
    assert not met(odd)[urgency.CRITERIA[5]] and not met(odd)[urgency.CRITERIA[3]]
    assert SPEC.check("not a form", SAVED_AT).outcome is Outcome.UNREADABLE
    assert SPEC.check(SPEC.blank_answer(), SAVED_AT).outcome is Outcome.NOT_ATTEMPTED


def test_readable_shows_each_answer_as_the_learner_saw_it_for_the_board_plan():
    shown = SPEC.readable(good())
    assert shown["Who will hold the board to it?"] == "The chair and the chief executive together"
    assert shown["Ways of working to keep: Local empowerment"] == "Yes"
    assert shown["Ways of working to keep: Mobilising partnerships"] == "No"
    assert len(shown) == len(SPEC.fields), "every label is different, so no answer is lost"


def test_the_form_widget_saves_checks_and_gives_feedback(tmp_path):
    store = AnswerStore("sense_of_urgency", tmp_path)
    form = FormWidget(SPEC, store, today=lambda: TODAY)
    form.platform.value = "Patients now expect video appointments and we cannot go back to queues on the phone lines."
    form.keep_empowerment.value = True
    form.check_button.click()
    assert "Partly right" in form.feedback.value and "Tick at least one" not in form.feedback.value
    assert "frontline staff" in form.feedback.value
    saved = AnswerStore("sense_of_urgency", tmp_path).value("urgency")
    assert saved["keep_empowerment"] is True and saved["platform"].startswith("Patients")
    form.example_button.click()
    assert "illustrative" in form.example.value and "The chair and the chief executive" in form.example.value
