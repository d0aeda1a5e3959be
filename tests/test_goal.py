"""The first-goal criteria: judged from the learner's own words and the date, never from a self-rating."""

import datetime as dt

import pytest

from coursekit.questions import goal
from coursekit.questions.outcomes import Outcome

SET_ON = "2026-11-28T10:00:00+00:00"
GOOD = {
    "goal": "Patients at one clinic can rebook their appointment online.",
    "kind": "service", "users": "patients", "date": "2027-03-01", "scale": "one_team", "risk": "low",
    "difference": "They rebook in two minutes instead of phoning.", "different": "strikingly",
}
#: Every drop-down set to its desirable option: the learner's own ratings, which meet nothing on their own.
BOX_TICKED = {"kind": "service", "users": "patients", "date": "2027-03-01", "scale": "one_team", "risk": "low",
              "different": "strikingly"}
ONE, TANGIBLE, VISIBLE, DATE = goal.CRITERIA


def met(answer) -> dict[str, bool]:
    return {c.name: c.met for c in goal.check_goal(answer, SET_ON).criteria}


def message(answer, name) -> str:
    return next(c.message for c in goal.check_goal(answer, SET_ON).criteria if c.name == name)


def test_a_goal_meeting_every_criterion_scores_full():
    result = goal.check_goal(GOOD, SET_ON)
    assert result.outcome is Outcome.CORRECT and result.fraction == 1.0
    assert [c.met for c in result.criteria] == [True] * len(goal.CRITERIA)


#: (answer, the criteria it meets, words in the feedback). Box-ticked aims meet only the date: the one
#: thing judged without the learner's words.
CASES = [
    ({**BOX_TICKED, "goal": "Do digital better", "difference": "Everything will be better and more digital."},
     {DATE}, "is an aim, not a thing people can use"),
    ({**BOX_TICKED, "goal": "Improve our digital maturity across the trust by 2027.",
      "difference": "People will notice things are better."}, {ONE, DATE}, "is an aim, not a thing"),
    ({**BOX_TICKED, "goal": "Deliver a better digital experience for patients by March.",
      "difference": "Patients will feel the difference."}, {ONE, DATE}, "is an aim"),
    ({**BOX_TICKED, "goal": "word word word word word word word word", "difference": "word word word word word"},
     {DATE}, "Not counted"),
    ({**GOOD, "goal": "Patients at our fracture clinic can move their own appointment online. "
                      "They will no longer need to phone us to do it."}, set(goal.CRITERIA), ""),
    ({**GOOD, "goal": "Patients at one clinic can rebook online; they no longer phone us."}, set(goal.CRITERIA), ""),
    ({**GOOD, "goal": "Build a portal. Then replace the EPR. Then go paperless."}, set(goal.CRITERIA) - {ONE},
     "one or two sentences"),
    ({**GOOD, "goal": "- A portal\n- A new EPR"}, set(goal.CRITERIA) - {ONE}, "A list of goals"),
    ({**GOOD, "kind": "document"}, set(goal.CRITERIA) - {TANGIBLE}, "papers, diagrams and slides"),
    ({**GOOD, "users": "board"}, set(goal.CRITERIA) - {VISIBLE}, "not only the board"),
    ({**GOOD, "difference": "Better."}, set(goal.CRITERIA) - {VISIBLE}, "what people will notice"),
    ({**GOOD, "date": "2026-12-01"}, set(goal.CRITERIA) - {DATE}, "this course's reading, not the source's"),
]


@pytest.mark.parametrize("answer, meets, says", CASES)
def test_each_answer_meets_what_its_words_and_date_show(answer, meets, says):
    result = goal.check_goal(answer, SET_ON)
    assert {c.name for c in result.criteria if c.met} == meets, [c for c in result.criteria]
    assert says in result.text(5)


def test_self_ratings_never_meet_a_criterion_and_come_back_as_prompts():
    best = goal.check_goal(GOOD, SET_ON)
    worst = goal.check_goal({**GOOD, "scale": "whole_trust", "risk": "high", "different": "barely"}, SET_ON)
    assert [c.met for c in best.criteria] == [c.met for c in worst.criteria], "ratings change no criterion"
    assert any("You rated it low-risk: say how people could go back to the old way" in m for m in best.messages)
    assert any("strikingly different" in m for m in best.messages)
    assert any("relatively small" in m for m in worst.messages) and any("low-risk" in m for m in worst.messages)


def test_a_sweeping_goal_is_asked_whether_it_is_small():
    result = goal.check_goal({**GOOD, "goal": "Every patient in the trust can rebook any appointment online."}, SET_ON)
    assert any("“every”" in m and "relatively small" in m for m in result.messages)


def test_the_date_range_is_always_flagged_as_the_courses_reading():
    for date in ("2027-03-01", "2026-12-01", "2028-06-01", ""):
        assert "this course's reading, not the source's" in message({**GOOD, "date": date}, DATE)


def test_dates_are_judged_from_the_day_the_goal_was_saved():
    # the same saved answer gives the same result whatever day it is graded
    assert met({**GOOD, "date": "2027-12-01"})[DATE] is False  # over a year
    assert met({**GOOD, "date": "2026-12-26"})[DATE] is True  # 28 days
    assert met({**GOOD, "date": "2026-12-25"})[DATE] is False  # 27 days
    assert met({**GOOD, "date": "not a date"})[DATE] is False


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
