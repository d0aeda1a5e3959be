"""Choose-all-that-apply and matching questions, and forms in general: banks, keys, scoring, widgets."""

from __future__ import annotations

import datetime as dt

import pytest

from coursekit.questions import forms, scoring
from coursekit.learner.accessible import CheckGroup, LiveRegion
from coursekit.answers import Answer, AnswerStore
from coursekit.questions.bank import BankError, describe, parse_bank
from coursekit.questions.outcomes import Outcome
from coursekit.learner.widgets import FormWidget, MatchQuestion, MultiQuestion

MULTI_KEY = {"kind": "multi", "correct": ["a", "c"], "options": ["a", "b", "c", "d"], "points": 2,
             "why": {"a": "A applies.", "b": "B does not.", "c": "C applies.", "d": "D does not."}}
MATCH_KEY = {"kind": "match", "correct": {"x": "one", "y": "two", "z": "one"}, "points": 3,
             "why": {"x": "X is one.", "y": "Y is two.", "z": "Z is one."}}

FORMATIVE = {
    "id": "lesson", "title": "A lesson", "graded": False,
    "multi": [{"id": "m", "prompt": "Which apply?", "correct": ["a", "c"], "options": [
        {"id": "a", "text": "Alpha", "feedback": "Alpha applies because ..."},
        {"id": "b", "text": "Beta", "feedback": "Beta does not, because ..."},
        {"id": "c", "text": "Gamma", "feedback": "Gamma applies because ..."}]}],
    "match": [{"id": "t", "prompt": "Match each.", "correct": {"x": "one", "y": "two"},
               "items": [{"id": "x", "text": "Ex", "feedback": "Ex is one because ..."},
                         {"id": "y", "text": "Why", "feedback": "Why is two because ..."}],
               "categories": [{"id": "one", "text": "One"}, {"id": "two", "text": "Two"}]}],
}


def test_multi_scores_right_choices_minus_wrong_ones():
    assert scoring.score(MULTI_KEY, Answer(["a", "c"], "")).outcome is Outcome.CORRECT
    half = scoring.score(MULTI_KEY, Answer(["a"], ""))
    assert half.outcome is Outcome.PARTLY and half.fraction == 0.5 and "1 more option also applies." in half.messages
    cancelled = scoring.score(MULTI_KEY, Answer(["a", "b"], ""))
    assert cancelled.fraction == 0 and cancelled.outcome is Outcome.INCORRECT
    assert "C applies." not in " ".join(cancelled.messages), "never explains an option the learner did not choose"
    assert scoring.score(MULTI_KEY, Answer([], "")).outcome is Outcome.NOT_ATTEMPTED
    assert scoring.score(MULTI_KEY, Answer(["zz"], "")).outcome is Outcome.UNREADABLE
    assert scoring.score(MULTI_KEY, Answer("a", "")).outcome is Outcome.UNREADABLE


def test_match_scores_a_share_per_item():
    result = scoring.score(MATCH_KEY, Answer({"x": "one", "y": "one"}, ""))
    assert result.outcome is Outcome.PARTLY and result.fraction == pytest.approx(1 / 3)
    assert "X is one." in result.messages and "Y is two." not in " ".join(result.messages)
    assert any("not matched yet" in m for m in result.messages)
    assert scoring.score(MATCH_KEY, Answer({"x": "one", "y": "two", "z": "one"}, "")).fraction == 1
    assert scoring.score(MATCH_KEY, Answer(["x"], "")).outcome is Outcome.UNREADABLE
    assert scoring.score(MATCH_KEY, None).outcome is Outcome.NOT_ATTEMPTED


@pytest.mark.parametrize("key, message", [
    ({"kind": "multi", "correct": "a", "options": ["a"]}, "list of option ids"),
    ({"kind": "multi", "correct": ["a", "e"], "options": ["a", "b"]}, "'options'"),
    ({"kind": "match", "correct": {}}, "mapping of item id"),
    ({"kind": "no_such_form"}, "kind must be one of"),
])
def test_malformed_keys_are_refused_with_the_reason(key, message):
    with pytest.raises(scoring.KeyError_, match=message):
        scoring.validate_key(key)


def test_no_form_is_a_key_kind_and_each_checks_its_own_worked_example():
    assert not set(forms.names()) & set(scoring.kinds()), "forms earn no auto marks"
    today = dt.date(2026, 11, 28)
    for name in forms.names():
        spec = forms.get(name)
        example = spec.example(today)
        result = spec.check(example, f"{today.isoformat()}T09:00:00+00:00")
        assert result.outcome is Outcome.CORRECT, (name, result.text())
        assert spec.check(spec.blank_answer()).outcome is Outcome.NOT_ATTEMPTED
        assert spec.check(["not", "a", "form"]).outcome is Outcome.UNREADABLE
        odd = {f.name: odd_value for f in spec.fields for odd_value in ([1, {"x": 1}],)}
        assert spec.check(odd).outcome in (Outcome.INCORRECT, Outcome.PARTLY), f"{name}: odd values never raise"
        odd = {f.name: {"nested": [None]} for f in spec.fields}
        assert spec.check(odd).outcome in (Outcome.INCORRECT, Outcome.PARTLY), name
        assert len(spec.hints) >= 2 and set(spec.readable(example)) == {f.label for f in spec.fields}


def test_banks_read_multi_match_and_forms_and_refuse_mistakes():
    bank = parse_bank("lesson", FORMATIVE)
    assert bank.question_ids == ("m", "t")
    assert describe(bank.question("m"), ["a", "c"]) == "Your choices: “Alpha”; “Gamma”."
    assert describe(bank.question("t"), {"x": "two"}) == "Your matches: “Ex” → Two."
    assert describe(bank.question("m"), ["nope"]) is None
    graded = {**FORMATIVE, "graded": True}
    with pytest.raises(BankError, match="must not carry its answer"):
        parse_bank("ex", graded)
    with pytest.raises(BankError, match="no form called 'nope'"):
        parse_bank("ex", {"id": "ex", "title": "Ex", "graded": True, "forms": ["nope"]})
    no_feedback = {**FORMATIVE, "match": [{**FORMATIVE["match"][0], "items": [
        {"id": "x", "text": "Ex"}, {"id": "y", "text": "Why", "feedback": "Because."}]}]}
    with pytest.raises(BankError, match="needs feedback saying why"):
        parse_bank("lesson", no_feedback)


def test_formative_multi_explains_each_choice_and_saves(tmp_path):
    bank = parse_bank("lesson", FORMATIVE)
    store = AnswerStore("lesson", tmp_path)
    widget = MultiQuestion(bank.question("m"), store, graded=False, number=1)
    assert isinstance(widget.choices, CheckGroup) and isinstance(widget.feedback, LiveRegion)
    widget.choices.value = ["a", "b"]
    assert "Does not apply" in widget.feedback.value and "Beta does not" in widget.feedback.value
    widget.choices.value = ["a"]
    assert "1 more option applies" in widget.feedback.value
    widget.choices.value = ["c", "a"]
    assert "✔ Correct" in widget.feedback.value
    assert AnswerStore("lesson", tmp_path).value("m") == ["a", "c"], "saved in the options' order"
    again = MultiQuestion(bank.question("m"), AnswerStore("lesson", tmp_path), graded=False)
    assert again.value == ["a", "c"] and "restored" in again.feedback.value


def test_graded_multi_only_confirms_saving(tmp_path):
    bank = parse_bank("ex", {**FORMATIVE, "graded": True, "multi": [
        {k: v for k, v in FORMATIVE["multi"][0].items() if k != "correct"}], "match": []})
    widget = MultiQuestion(bank.question("m"), AnswerStore("ex", tmp_path), graded=True)
    widget.choices.value = ["b"]
    assert "Saved" in widget.feedback.value and "Beta" in widget.feedback.value
    assert "apply" not in widget.feedback.value.replace("applies", "")


def test_formative_match_checks_each_item_on_request(tmp_path):
    bank = parse_bank("lesson", FORMATIVE)
    widget = MatchQuestion(bank.question("t"), AnswerStore("lesson", tmp_path), graded=False)
    widget.dropdowns["x"].value = "one"
    assert "1 still to match" in widget.feedback.value
    widget.dropdowns["y"].value = "one"
    widget.check_button.click()
    assert "1 of 2 matched rightly" in widget.feedback.value and "Ex is one because" in widget.feedback.value
    assert "Why is two because" not in widget.feedback.value, "never explains the right answer for a wrong match"
    widget.dropdowns["y"].value = "two"
    widget.check_button.click()
    assert "2 of 2 matched rightly" in widget.feedback.value
    assert AnswerStore("lesson", tmp_path).value("t") == {"x": "one", "y": "two"}


def test_a_form_widget_saves_checks_hints_and_shows_the_example_only_after_an_attempt(tmp_path):
    spec = forms.get("self_assessment")
    store = AnswerStore("start_here", tmp_path)
    form = FormWidget(spec, store, today=lambda: dt.date(2026, 11, 28))
    form.show_example()
    assert "first" in form.example.value and "<table>" not in form.example.value
    form.leadership.value = 2
    form.team.value = 3
    form.check_button.click()
    assert "Not yet" in form.feedback.value and "Rate every one" in form.feedback.value
    form.goal.value = 1
    form.urgency.value = 4
    form.reason.value = "The board has never agreed one clear goal for all its digital work."
    form.check_button.click()
    assert "complete" in form.feedback.value and "✔ Correct" in form.feedback.value
    form.hint_button.click()
    assert "Hint 1 of" in form.hints.value
    form.example_button.click()
    assert "illustrative" in form.example.value and "<table>" in form.example.value
    saved = AnswerStore("start_here", tmp_path).value("self_assessment")
    assert forms.self_assessment.ratings(saved) == {"leadership": 2, "team": 3, "goal": 1, "urgency": 4}
    again = FormWidget(spec, AnswerStore("start_here", tmp_path))
    assert again.goal.value == 1 and "✔ Correct" in again.feedback.value
