"""The first-goal criteria: one share of the points for each criterion met."""

import datetime as dt

from coursekit.questions import goal
from coursekit.questions.outcomes import Outcome

SET_ON = "2026-11-28T10:00:00+00:00"
GOOD = {
    "goal": "Patients at one clinic can rebook their appointment online.",
    "kind": "service", "users": "patients", "date": "2027-03-01", "scale": "one_team", "risk": "low",
    "difference": "They rebook in two minutes instead of phoning.", "different": "strikingly",
}


def test_a_goal_meeting_every_criterion_scores_full():
    result = goal.check_goal(GOOD, SET_ON)
    assert result.outcome is Outcome.CORRECT and result.fraction == 1.0
    assert [c.met for c in result.criteria] == [True] * 5


def test_each_criterion_fails_on_its_own():
    cases = {
        0: {"goal": "Build a portal. Then replace the EPR."},
        1: {"users": "board"},
        2: {"date": "2026-12-01"},
        3: {"risk": "high"},
        4: {"different": "barely"},
    }
    for index, change in cases.items():
        result = goal.check_goal({**GOOD, **change}, SET_ON)
        met = [c.met for c in result.criteria]
        assert met[index] is False and sum(met) == 4, (index, met)
        assert result.outcome is Outcome.PARTLY and result.fraction == 0.8


def test_a_strategy_paper_is_not_tangible():
    result = goal.check_goal({**GOOD, "kind": "document"}, SET_ON)
    assert not result.criteria[0].met and "Papers" in result.criteria[0].message


def test_dates_are_judged_from_the_day_the_goal_was_saved():
    # the same saved answer gives the same result whatever day it is graded
    assert goal.check_goal({**GOOD, "date": "2027-12-01"}, SET_ON).criteria[2].met is False  # over a year
    assert goal.check_goal({**GOOD, "date": "2026-12-26"}, SET_ON).criteria[2].met is True  # 28 days
    assert goal.check_goal({**GOOD, "date": "2026-12-25"}, SET_ON).criteria[2].met is False  # 27 days
    assert goal.check_goal({**GOOD, "date": "not a date"}, SET_ON).criteria[2].met is False


def test_blank_is_not_attempted_and_garbage_is_unreadable():
    assert goal.check_goal(None).outcome is Outcome.NOT_ATTEMPTED
    assert goal.check_goal({k: "" for k in goal.FIELDS}).outcome is Outcome.NOT_ATTEMPTED
    assert goal.check_goal(["a", "list"]).outcome is Outcome.UNREADABLE


def test_the_worked_example_meets_every_criterion():
    today = dt.date(2026, 11, 28)
    example = goal.worked_example(today)
    assert goal.check_goal(example, f"{today.isoformat()}T12:00:00+00:00").fraction == 1.0


def test_hints_never_give_the_worked_example_away():
    for hint in goal.HINTS:
        assert goal.WORKED_EXAMPLE["goal"] not in hint
        assert "fracture" not in hint.lower()
