"""Rules of the board_commitment form (lesson 7): each criterion met and not met; odd input never raises."""

from __future__ import annotations

import datetime as dt

import pytest

from coursekit.questions import forms
from coursekit.questions.outcomes import Outcome

SPEC = forms.get("board_commitment")
TODAY = dt.date(2026, 11, 28)
SAVED_AT = "2026-11-28T09:00:00+00:00"


def _met(answer) -> dict[str, bool]:
    return {c.name: c.met for c in SPEC.check(answer, SAVED_AT).criteria}


def test_the_worked_example_meets_every_criterion_whatever_today_is():
    for today in (TODAY, dt.date(2027, 2, 28), dt.date(2030, 12, 31)):
        assert SPEC.check(SPEC.example(today), today.isoformat()).outcome is Outcome.CORRECT


@pytest.mark.parametrize("meeting, met", [
    ("2026-11-29", True), ("2027-05-30", True),   # tomorrow; 183 days ahead
    ("2026-11-28", False), ("2025-01-01", False),  # today; in the past
    ("2027-06-01", False), ("", False), ("next week", False),
])
def test_a_board_meeting_on_a_set_date_soon(meeting, met):
    answer = {**SPEC.example(TODAY), "meeting": meeting}
    assert _met(answer)["A board meeting on a set date, soon"] is met


@pytest.mark.parametrize("audience, met", [("board_public", True), ("board_private", True),
                                           ("committee", False), ("one_executive", False), (None, False)])
def test_the_whole_board_sees_it(audience, met):
    assert _met({**SPEC.example(TODAY), "audience": audience})["The whole board sees it"] is met


BACKED = "Backed in public by the chief executive or chair"


@pytest.mark.parametrize("sponsor, met", [("chair_and_ceo", True), ("ceo", True), ("chair", True),
                                          ("digital_lead", False), ("undecided", False)])
def test_backed_in_public_from_the_top_and_a_plan_the_chief_executive_backs_alone_is_not_penalised(sponsor, met):
    result = SPEC.check({**SPEC.example(TODAY), "sponsor": sponsor}, SAVED_AT)
    assert {c.name: c.met for c in result.criteria}[BACKED] is met
    if sponsor == "ceo":
        assert result.outcome is Outcome.CORRECT, "the chief executive alone: every criterion met"


@pytest.mark.parametrize("sponsor, asks", [("ceo", "Could the chair back it"),
                                           ("chair", "Could the chief executive back it"), ("chair_and_ceo", None)])
def test_the_chair_and_chief_executive_together_is_a_prompt_not_a_penalty(sponsor, asks):
    messages = SPEC.check({**SPEC.example(TODAY), "sponsor": sponsor}, SAVED_AT).messages
    assert any(asks in m and "chair and the chief executive make it their public focus" in m for m in messages) if asks \
        else not messages


@pytest.mark.parametrize("decision, met", [
    ("Approve the first goal and its date, and fund the first team for six months.", True),
    ("We ask the board to commit to one clear goal with a date this spring.", True),
    ("Agree the goal.", False),  # too short to say what is decided
    ("For the board to note the plan and discuss it at a later meeting.", False),  # no decision asked for
    # "settle" is not "set": verbs match as whole words; and "next year" puts the decision off
    ("Please note this plan; we will settle details and set a date next year", False),
    ("Please note this plan; we will settle the details with our partners.", False),
    ("We will resettle the team and fundamentally rethink our agenda.", False),  # no whole-word verb
    ("Discuss the team at some point with the executive directors.", False),  # vague time, no decision
    ("Agree our first goal in due course, once the new record is live.", False),
    ("The board sets the first goal's date and funds the first team today.", True),
    ("Agree our first goal and its date, name the executive who leads each pillar of the digital agenda, and fund "
     "the first team until the summer.", True),  # the worked solution's words
])
def test_a_clear_decision_asked_for(decision, met):
    result = SPEC.check({**SPEC.example(TODAY), "decision": decision}, SAVED_AT)
    criterion = next(c for c in result.criteria if c.name == "A clear decision asked for")
    assert criterion.met is met
    if not met:
        assert "decide" in criterion.message or "Ask for a decision" in criterion.message


def test_a_plan_to_note_with_a_date_next_year_does_not_get_every_criterion():
    answer = {**SPEC.example(TODAY), "decision": "Please note this plan; we will settle details and set a date next year"}
    result = SPEC.check(answer, SAVED_AT)
    failed = [c for c in result.criteria if not c.met]
    assert [c.name for c in failed] == ["A clear decision asked for"] and "“next year” puts the decision off" in failed[0].message


def test_the_meeting_window_is_labelled_as_the_courses_reading():
    for meeting in ("2027-01-14", "2027-09-01"):
        message = SPEC.check({**SPEC.example(TODAY), "meeting": meeting}, SAVED_AT).criteria[0].message
        assert "this course's reading, not the source's" in message


def test_messages_say_what_to_do_when_not_met():
    result = SPEC.check({"meeting": "2025-01-01", "audience": "committee", "sponsor": "digital_lead", "decision": "note"},
                        SAVED_AT)
    assert result.outcome is Outcome.INCORRECT and result.fraction == 0
    text = " ".join(c.message for c in result.criteria)
    assert "after today" in text and "whole board" in text and "chief executive or the chair" in text


@pytest.mark.parametrize("odd", [None, {}, {"meeting": 12}, {"meeting": "2027-13-45"}, {"decision": ["a"]},
                                 {"audience": {"x": 1}, "sponsor": 3, "decision": None}, "text", ["list"]])
def test_odd_input_never_raises(odd):
    result = SPEC.check(odd, SAVED_AT)
    assert result.outcome in (Outcome.NOT_ATTEMPTED, Outcome.UNREADABLE, Outcome.INCORRECT, Outcome.PARTLY)


def test_the_form_in_a_notebook_saves_checks_and_shows_the_example_after_a_try(tmp_path):
    from coursekit.answers import AnswerStore
    from coursekit.learner.widgets import FormWidget

    store = AnswerStore("your_plan", tmp_path)
    form = FormWidget(SPEC, store, today=lambda: TODAY)
    form.show_example()
    assert "Check your own answer first" in form.example.value
    form.audience.value = "committee"
    form.sponsor.value = "chair_and_ceo"
    form.decision.value = "Approve the first goal and fund the first team for six months."
    form.meeting.value = dt.date.today() + dt.timedelta(days=30)
    form.check_button.click()
    feedback = form.feedback.value
    assert "◐ Partly right" in feedback and "✘ Not yet:</strong> The whole board sees it" in feedback
    assert store.value("board_commitment")["audience"] == "committee"
    form.example_button.click()
    assert "illustrative" in form.example.value and "The whole board, in its public session" in form.example.value
