"""The syllabus file: the one list of lessons. A malformed one is refused with the file named."""

from __future__ import annotations

import pytest

from coursekit import syllabus
from course_support import ROOT

HEAD = 'course = "C"\nedition = "E"\nsource = "S"\n'


def lesson(number=0, assignment="a", lesson_minutes=20, exercise_minutes=25, precondition="team"):
    return (f'[[lesson]]\nnumber = {number}\ntitle = "T{number}"\nnotebook = "n{number}"\n'
            f'assignment = "{assignment}"\nprecondition = "{precondition}"\n'
            f"lesson_minutes = {lesson_minutes}\nexercise_minutes = {exercise_minutes}\n"
            'outcomes = ["one", "two"]\n')


def test_minutes_add_up_per_lesson_and_for_the_course():
    course = syllabus.parse(HEAD + lesson(0, "a", 10, 20) + lesson(1, "b", 30, 30))
    assert [item.minutes for item in course.lessons] == [30, 60]
    assert course.minutes == 90 and course.hours == 1.5
    assert course.lesson("b").exercise_minutes == 30


@pytest.mark.parametrize("minutes", [(31, 10), (10, 31), (0, 10)])
def test_a_sitting_longer_than_thirty_minutes_or_empty_is_refused(minutes):
    with pytest.raises(syllabus.SyllabusError, match=r"my\.toml, lesson 1: lesson_minutes and exercise_minutes"):
        syllabus.parse(HEAD + lesson(0, "a", *minutes), "my.toml")


def test_bad_files_name_themselves_and_the_problem():
    with pytest.raises(syllabus.SyllabusError, match=r"my\.toml is not valid TOML"):
        syllabus.parse("course = ", "my.toml")
    with pytest.raises(syllabus.SyllabusError, match=r"my\.toml, lesson 1: missing or malformed field 'exercise_minutes'"):
        syllabus.parse(HEAD + lesson().replace("exercise_minutes = 25\n", ""), "my.toml")
    with pytest.raises(syllabus.SyllabusError, match="two lessons have the same assignment"):
        syllabus.parse(HEAD + lesson(0, "a") + lesson(1, "a"), "my.toml")
    with pytest.raises(syllabus.SyllabusError, match="precondition must be one of"):
        syllabus.parse(HEAD + lesson(precondition="vibes"), "my.toml")


def test_the_course_keeps_to_its_time_budget():
    """Issue 11: the whole course fits 240 minutes, in sittings of 30 minutes or fewer."""
    course = syllabus.read(ROOT / "course" / "syllabus.toml")
    assert syllabus.SITTING == 30 and syllabus.COURSE == 240
    assert course.minutes <= syllabus.COURSE, f"the course runs {course.minutes} minutes"
    for item in course.lessons:
        assert max(item.lesson_minutes, item.exercise_minutes) <= syllabus.SITTING, item.notebook
