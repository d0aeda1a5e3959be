"""Rules of the mission form (lesson 4): each check met and not met; odd input never raises."""

from __future__ import annotations

import datetime as dt

import pytest

from coursekit.questions import forms
from coursekit.questions.outcomes import Outcome

SPEC = forms.get("mission")
TODAY = dt.date(2026, 11, 28)
SAVED_AT = "2026-11-28T09:00:00+00:00"


def _met(answer) -> dict[str, bool]:
    return {c.name: c.met for c in SPEC.check(answer, SAVED_AT).criteria}


def test_the_worked_example_meets_every_check():
    assert SPEC.check(SPEC.example(TODAY), SAVED_AT).outcome is Outcome.CORRECT
    assert SPEC.criteria == ("A mission in a sentence or two", "Set within the trust's wider strategy",
                             "Says what changes for patients or staff", "Digital is central, not a side project",
                             "The first goal serves the mission")


@pytest.mark.parametrize("mission, met", [
    ("Every patient in our county gets joined-up care closer to home, with digital as how we work.", True),
    ("Patients reach us online. Staff spend less time on paperwork and more with patients.", True),
    ("Be digital.", False),  # too short
    ("Patients first. Staff first. Digital everywhere. Always.", False),  # more than two sentences
    ("Patients get care\nStaff get tools", False),  # a list, not a sentence
    (" ".join(["patients"] * 61), False),  # too long
    ("", False),
])
def test_a_mission_in_a_sentence_or_two(mission, met):
    assert _met({**SPEC.example(TODAY), "mission": mission})["A mission in a sentence or two"] is met


def test_it_names_the_wider_strategy_and_who_it_changes_things_for():
    assert not _met({**SPEC.example(TODAY), "strategy": ""})["Set within the trust's wider strategy"]
    lofty = "We will be the most innovative and digitally mature organisation in the region by 2030."
    result = SPEC.check({**SPEC.example(TODAY), "mission": lofty}, SAVED_AT)
    criterion = next(c for c in result.criteria if c.name == "Says what changes for patients or staff")
    assert not criterion.met and "patients" in criterion.message


@pytest.mark.parametrize("place, met", [("central", True), ("one_part", False), ("tactical", False), (None, False)])
def test_digital_is_central_not_a_side_project(place, met):
    result = SPEC.check({**SPEC.example(TODAY), "place": place}, SAVED_AT)
    criterion = next(c for c in result.criteria if c.name == "Digital is central, not a side project")
    assert criterion.met is met
    if not met:
        assert "central" in criterion.message


def test_the_first_goal_serves_the_mission():
    assert not _met({**SPEC.example(TODAY), "goal_link": "It helps."})["The first goal serves the mission"]


@pytest.mark.parametrize("odd", [None, 3, [], {"mission": ["a list"]}, {"place": {"x": 1}}, {"mission": float("nan")}])
def test_odd_input_never_raises(odd):
    result = SPEC.check(odd, SAVED_AT)
    assert result.outcome in (Outcome.NOT_ATTEMPTED, Outcome.UNREADABLE, Outcome.INCORRECT, Outcome.PARTLY)


def test_the_exercise_shows_the_form_with_its_rubric_and_says_the_checks_give_no_marks(tmp_path):
    from coursekit.learner.lesson import Exercise

    ex = Exercise("goal_and_mission", str(tmp_path))
    widget = ex.form("mission")
    assert "no marks" in widget.marking.value and "Strong" in widget.marking.value
    widget.controls["mission"].value = SPEC.example(TODAY)["mission"]
    widget.check()
    assert "give no marks" in widget.feedback.value and "rubric" in widget.feedback.value
