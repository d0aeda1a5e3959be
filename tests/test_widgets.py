"""Widgets without a browser: set .value, call .click(), read what the learner would see."""

import datetime as dt
import html

from coursekit import Exercise, Lesson
from coursekit.learner.accessible import LiveRegion, RadioGroup
from coursekit.answers import AnswerStore
from coursekit.questions import goal
from coursekit.questions.bank import load_bank
from coursekit.learner.widgets import ChoiceQuestion, GoalForm, ReflectionBox


def _lesson_question():
    bank = load_bank("04_goal_and_mission")
    return next(iter(bank.choices.values()))


def test_formative_choice_gives_instant_feedback_and_saves(tmp_path):
    question = _lesson_question()
    store = AnswerStore("lesson", tmp_path)
    widget = ChoiceQuestion(question, store, graded=False, number=1)
    wrong = next(o for o in question.options if o.id != question.correct)
    widget.choices.value = wrong.id
    assert "Not quite" in widget.feedback.value and wrong.feedback[:40] in widget.feedback.value
    assert isinstance(widget.feedback, LiveRegion), "feedback goes to a live region screen readers announce"
    widget.choices.value = question.correct
    assert "✔ Correct" in widget.feedback.value
    assert AnswerStore("lesson", tmp_path).value(question.id) == question.correct


def test_choice_is_restored_after_a_restart_without_resaving(tmp_path):
    question = _lesson_question()
    store = AnswerStore("lesson", tmp_path)
    ChoiceQuestion(question, store, graded=False).choices.value = question.correct
    saved_at = store.get(question.id).saved_at
    again = ChoiceQuestion(question, AnswerStore("lesson", tmp_path), graded=False)
    assert again.choices.value == question.correct
    assert "restored from your saved answers" in again.feedback.value
    assert AnswerStore("lesson", tmp_path).get(question.id).saved_at == saved_at


def test_graded_choice_confirms_saving_but_never_says_right_or_wrong(tmp_path):
    bank = load_bank("goal_and_mission")
    question = bank.choice("q1_rocks")
    widget = ChoiceQuestion(question, AnswerStore("goal_and_mission", tmp_path), graded=True, number=1)
    for option in question.options:
        widget.choices.value = option.id
        assert "Saved" in widget.feedback.value and html.escape(option.text) in widget.feedback.value
        assert "Correct" not in widget.feedback.value and "Not quite" not in widget.feedback.value


def test_goal_form_check_hint_and_worked_example(tmp_path):
    store = AnswerStore("goal_and_mission", tmp_path)
    form = GoalForm(store, today=lambda: dt.date(2026, 11, 28))
    assert form.example_button.disabled, "no worked example before a first attempt"
    form.goal.value = "Staff on ward 7 can order supplies from a tablet."
    form.kind.value = "service"
    form.users.value = "staff"
    form.date.value = dt.date.today() + dt.timedelta(days=90)
    form.scale.value = "several_teams"
    form.risk.value = "low"
    assert store.value("first_goal")["users"] == "staff", "each change is saved at once"
    form.check_button.click()
    feedback = form.feedback.value
    assert "Partly right" in feedback
    assert feedback.count("✔ Met") == 3 and feedback.count("✘ Not yet") == 1  # nothing yet on what people notice
    assert "You said it needs more than one team" in feedback, "a self-rating comes back as a prompt, not a mark"
    assert not form.example_button.disabled
    form.hint_button.click()
    form.hint_button.click()
    assert "Hint 2 of" in form.hints.value
    form.example_button.click()
    assert "worked example" in form.example.value and "illustrative" in form.example.value
    form.scale.value = "one_team"
    form.different.value = "strikingly"
    form.difference.value = "Nurses stop walking to the store room twice a shift."
    form.check_button.click()
    assert "meets every criterion" in form.feedback.value


def test_goal_form_comes_back_after_a_restart(tmp_path):
    store = AnswerStore("goal_and_mission", tmp_path)
    form = GoalForm(store)
    form.goal.value = "A thing"
    form.users.value = "public"
    again = GoalForm(AnswerStore("goal_and_mission", tmp_path))
    assert again.goal.value == "A thing" and again.users.value == "public"
    assert "Not yet" in again.feedback.value, "the last check is shown again"


def test_reflection_saves_and_refuses_overlong_text(tmp_path):
    reflection = load_bank("goal_and_mission").reflection("reflection")
    store = AnswerStore("goal_and_mission", tmp_path)
    box = ReflectionBox(reflection, store)
    box.text.value = "What? We delay. So what? We lose momentum. Now what? One goal by March."
    assert "Saved" in box.status.value and "14 words" in box.status.value
    assert AnswerStore("goal_and_mission", tmp_path).value("reflection").startswith("What?")
    box.text.value = "x" * 10_001
    assert "Not saved" in box.status.value
    assert AnswerStore("goal_and_mission", tmp_path).value("reflection").startswith("What?")


def test_exercise_check_without_key_reports_not_attempted_then_saved(tmp_path, capsys, monkeypatch):
    ex = Exercise("goal_and_mission", folder=tmp_path)
    monkeypatch.delenv("NBGRADER_VALIDATING", raising=False)
    ex.check("q1_rocks")
    shown = capsys.readouterr()
    assert "Not attempted" in shown.out and shown.err == "", "calm: JupyterLab shows stderr on red"
    monkeypatch.setenv("NBGRADER_VALIDATING", "1")  # as nbgrader's Validate runs it
    ex.check("q1_rocks")
    assert "Not attempted" in capsys.readouterr().err, "on stderr, so nbgrader's Validate lists it"
    monkeypatch.delenv("NBGRADER_VALIDATING")
    ex.ask("q1_rocks").choices.value = "a"
    ex.check("q1_rocks")
    out = capsys.readouterr().out
    assert "Saved" in out and "Correct" not in out


def test_lesson_announces_a_corrupt_answers_file(tmp_path, capsys):
    (tmp_path / "04_goal_and_mission.answers.json").write_text("{oops")
    lesson = Lesson("04_goal_and_mission", folder=tmp_path)
    out = capsys.readouterr().out
    assert "could not be read" in out or lesson.store.problems
    assert lesson.store.problems and "04_goal_and_mission.answers.json" in lesson.store.problems[0]


def test_hints_come_one_at_a_time(tmp_path, capsys):
    ex = Exercise("goal_and_mission", folder=tmp_path)
    capsys.readouterr()
    ex.hint("first_goal")
    first = capsys.readouterr().out
    last = len(goal.HINTS)
    assert first.startswith(f"Hint 1 of {last}:") and "hint 2" in first
    ex.hint("first_goal", 9)
    assert capsys.readouterr().out.startswith(f"Hint {last} of {last}:")


def test_solution_only_after_an_attempt(tmp_path, capsys):
    ex = Exercise("goal_and_mission", folder=tmp_path)
    capsys.readouterr()
    ex.solution("first_goal")
    assert "Try the form first" in capsys.readouterr().out
    form = ex.goal_form()
    form.check_button.click()
    ex.solution("first_goal")
    assert "Try the form first" in capsys.readouterr().out, "an empty check is not an attempt"
    assert form.example_button.disabled
    form.users.value = "staff"
    form.check_button.click()
    assert not form.example_button.disabled
    ex.solution("first_goal")
    out = capsys.readouterr().out
    assert out.startswith("A worked example") and "fracture clinic" in out
    ex.solution("q1_rocks")
    assert "after marking" in capsys.readouterr().out


def test_radio_group_refuses_a_value_that_is_not_an_option():
    import pytest
    from traitlets import TraitError

    group = RadioGroup(label="Q", options=[("a", "A"), ("b", "B")])
    group.value = "b"
    with pytest.raises(TraitError):
        group.value = "z"
    assert group.value == "b"


def test_live_region_and_radio_group_carry_their_accessibility_markup():
    assert '"role", "status"' in LiveRegion._esm and '"aria-live", "polite"' in LiveRegion._esm
    assert "fieldset" in RadioGroup._esm and "legend" in RadioGroup._esm and "input.name = name" in RadioGroup._esm


def test_a_failed_save_is_shown_not_hidden(tmp_path, monkeypatch):
    import os

    from coursekit.answers import NotSaved

    question = _lesson_question()
    store = AnswerStore("lesson", tmp_path)
    widget = ChoiceQuestion(question, store, graded=False)
    form = GoalForm(AnswerStore("goal_and_mission", tmp_path))

    def refuse(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    widget.choices.value = question.correct
    assert "Not saved" in widget.feedback.value and "lesson.answers.json" in widget.feedback.value
    assert "Permission denied" in widget.feedback.value
    assert store.value(question.id) is None, "the store does not pretend it was saved"
    form.users.value = "staff"
    assert "Not saved" in form.feedback.value
    try:
        store.save("x", "y")
    except NotSaved as err:
        assert "ask your trainer" in str(err)
    else:
        raise AssertionError("NotSaved expected")
