"""The record of completion: refused until every graded part is attempted, then HTML and a one-page PDF."""

from __future__ import annotations

import html
import re

import pytest

from coursekit.records import completion
from coursekit import syllabus
from coursekit.records.learner_files import CourseHome
from coursekit.records.learner_name import read_name, save_name
from coursekit.learner import documents
from coursekit.learner.onepage import page_count
from coursekit.answers import answers_path
from coursekit.questions.bank import load_bank
from coursekit.records.progress import progress
from learner_home_support import TODAY, a_filler_answer, available_lessons, make_home, write


@pytest.fixture
def course(monkeypatch):
    found = available_lessons()
    full = syllabus.load()
    cut = syllabus.Syllabus(full.course, full.edition, full.source, tuple(found))
    monkeypatch.setattr(syllabus, "load", lambda: cut)
    return cut


def test_refused_until_every_graded_part_is_attempted(tmp_path, course):
    root = make_home(tmp_path / "home", "learner pack", list(course.lessons), "some")
    home = CourseHome(root)
    save_name(home, "Sam Patel")
    with pytest.raises(completion.NotReady) as refused:
        documents.make_record(home, tmp_path / "out", TODAY)
    message = str(refused.value)
    assert message.startswith("Your record of completion is not ready yet. Still to do:")
    assert f"Lesson {course.lessons[0].number}: {course.lessons[0].title}: in the exercise, answer" in message
    assert not (tmp_path / "out").exists(), "nothing is written"


def test_refused_without_a_name(tmp_path, course):
    home = CourseHome(make_home(tmp_path, "course folder", list(course.lessons), "all"))
    with pytest.raises(completion.NotReady, match="Type your name"):
        documents.make_record(home, tmp_path / "out", TODAY)


def test_the_record_shows_name_course_edition_date_and_hours(tmp_path, course):
    home = CourseHome(make_home(tmp_path / "home", "nbgrader fetch", list(course.lessons), "all"))
    save_name(home, "Dr Sam <Patel> & Co")
    assert read_name(home) == "Dr Sam <Patel> & Co"
    page, paper = documents.make_record(home, tmp_path / "out", TODAY)
    text = page.read_text()
    assert "Dr Sam &lt;Patel&gt; &amp; Co" in text, "the name is shown, escaped"
    for shown in (course.course, course.edition, "July 2020", "28 November 2026", 'datetime="2026-11-28"',
                  f"The syllabus estimates {course.hours:g} hour"):
        assert shown in text, shown
    data = paper.read_bytes()
    assert data.startswith(b"%PDF") and page_count(data) == 1
    assert b"Dr Sam <Patel> & Co" in data, "the name is in the PDF's properties"


def test_the_record_pdf_stays_one_page_with_a_very_long_name_and_source():
    many = tuple(completion.Done(f"Lesson {n}: " + "T " * 40, "6 of 6 quiz questions answered") for n in range(8))
    r = completion.Record("N" * 80, "C " * 200, "E", "S " * 400, TODAY, 12.5, many, many)
    data = documents.record_pdf(r)
    assert data.startswith(b"%PDF") and page_count(data) == 1


def _home_with(root, course, quiz_lessons, filler_exercises=()):
    """A course folder: quiz answers only for the lesson numbers in ``quiz_lessons``; every exercise
    answered, with placeholder text in those numbered in ``filler_exercises``."""
    make_home(root, "course folder", list(course.lessons), "all")
    for lesson in course.lessons:
        if lesson.number not in quiz_lessons:
            answers_path(root / "notebooks", lesson.notebook).unlink()
        if lesson.number in filler_exercises:
            bank = load_bank(lesson.assignment)
            write(root / "exercises" / lesson.assignment, bank.id,
                  {q: a_filler_answer(bank, q) for q in bank.question_ids})
    home = CourseHome(root)
    save_name(home, "Sam Patel")
    return home


def test_placeholder_text_in_the_exercises_does_not_earn_a_record(tmp_path, course):
    """The reported case: six exercises filled with placeholder text in minutes."""
    filled = [lesson.number for lesson in course.lessons][:6]
    home = _home_with(tmp_path / "home", course, {0, 4, 7}, filled)
    p = progress(home)
    assert not p.complete
    for lp in p.lessons:
        assert lp.exercise_done is (lp.lesson.number not in filled), lp.label
        if lp.lesson.number in filled:
            assert lp.reflection.done == 0
            assert "your reflection (in your own words: placeholder text does not count)" in lp.left
    with pytest.raises(completion.NotReady) as refused:
        documents.make_record(home, tmp_path / "out", TODAY)
    assert "placeholder text does not count" in str(refused.value)
    assert not (tmp_path / "out").exists()


def test_the_record_claims_only_the_lessons_answered_and_labels_hours_as_the_syllabus_estimate(tmp_path, course):
    home = _home_with(tmp_path / "home", course, {0, 4, 7})
    r = completion.record_for(home, TODAY)
    answered = [lesson for lesson in course.lessons if lesson.number in {0, 4, 7}]
    assert [d.label for d in r.lessons] == [f"Lesson {x.number}: {x.title}" for x in answered]
    assert [d.label for d in r.exercises] == [f"Exercise for lesson {x.number}: {x.title}" for x in course.lessons]
    page, paper = documents.make_record(home, tmp_path / "out", TODAY)
    assert page.name == "record_of_completion.html" and paper.name == "record_of_completion.pdf"
    text = html.unescape(page.read_text())
    for never in ("all 8 lessons", "of learning", "every graded part of all"):
        assert never not in text, never
    for lesson in course.lessons:
        quiz = load_bank(lesson.notebook).question_ids
        line = f"Lesson {lesson.number}: {lesson.title}: {len(quiz)} of {len(quiz)} quiz questions answered"
        assert (line in text) is (lesson.number in {0, 4, 7}), line
        assert f"Exercise for lesson {lesson.number}: {lesson.title}: handed in" in text
    assert f"The syllabus estimates {course.hours:g} hours for the whole course" in text
    assert "not a measure of the learner's own time" in text
    assert "Marks are not shown" in text and not re.search(r"\d+ ?/ ?\d+|\bmarks?:", text, re.I)
    assert f"has handed in all {len(course.lessons)} graded exercises" in text
    data = paper.read_bytes()
    assert page_count(data) == 1


def test_a_learner_who_answered_no_quiz_is_told_so(tmp_path, course):
    r = completion.record_for(_home_with(tmp_path / "home", course, set()), TODAY)
    assert r.lessons == ()
    assert completion.NO_LESSONS in html.unescape(completion.record_html(r))
    assert any(line.text == completion.NO_LESSONS for line in completion.record_lines(r))
