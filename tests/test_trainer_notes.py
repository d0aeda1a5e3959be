"""Trainer notes: one per lesson, each agreeing with the syllabus and the exercise, with a
session plan whose timings add up."""

from __future__ import annotations

import re

import pytest

from coursekit import syllabus
from coursekit.authoring.course_docs import points
from course_support import ROOT

SYLLABUS = syllabus.read(ROOT / "course" / "syllabus.toml")


def session_rows(text: str) -> list[tuple[int, int]]:
    """(start minute, length) of each row of the session plan table (``| 0:05 | 10 | ... |``)."""
    return [(int(h) * 60 + int(m), int(length))
            for h, m, length in re.findall(r"^\| (\d+):(\d\d) \| (\d+) \|", text, re.M)]


@pytest.mark.parametrize("lesson", SYLLABUS.lessons, ids=lambda lesson: lesson.notebook)
def test_each_lesson_has_notes_that_agree_with_the_syllabus_and_add_up(lesson):
    path = ROOT / "course" / "trainer_notes" / f"{lesson.notebook}.md"
    assert path.is_file(), f"{path} is missing"
    text = path.read_text("utf-8")
    assert text.startswith(f"# Trainer notes: Lesson {lesson.number}, {lesson.title}\n")
    assert (f"**Self-paced time:** {lesson.minutes} minutes ({lesson.lesson_minutes} for the lesson and quiz, "
            f"{lesson.exercise_minutes} for the exercise).") in text
    auto, manual = points(ROOT, lesson.assignment)
    assert (f"`exercises/{lesson.assignment}/` ({auto + manual:g} points: {auto:g} auto-graded, "
            f"{manual:g} by an assessor)") in text
    board = re.search(r"\*\*Board session:\*\* (\d+) minutes", text)
    plan = re.search(r"^## Session plan \((\d+) minutes\)$", text, re.M)
    assert board and plan and board.group(1) == plan.group(1)
    assert int(board.group(1)) <= min(syllabus.SITTING, lesson.minutes), \
        "a board session is one short sitting, no longer than the lesson and exercise it stands in for"
    rows = session_rows(text)
    assert len(rows) >= 4, "a session plan with timings"
    for (start, length), (next_start, _) in zip(rows, rows[1:]):
        assert start + length == next_start, f"{path.name}: the row at minute {start} does not lead to the next"
    assert rows[0][0] == 0 and rows[-1][0] + rows[-1][1] == int(plan.group(1)), "the timings add up to the session"
    prompts = text.split("## Discussion prompts", 1)
    assert len(prompts) == 2 and len(re.findall(r"^\d+\. ", prompts[1].split("\n## ", 1)[0], re.M)) >= 3


def test_session_rows_are_read_so_a_gap_shows():
    rows = session_rows("| 0:00 | 5 | Welcome |\n| 0:10 | 10 | Case |\n| 1:05 | 5 | Close |\n")
    assert rows == [(0, 5), (10, 10), (65, 5)]
    assert rows[0][0] + rows[0][1] != rows[1][0], "a five-minute gap is visible to the check above"
