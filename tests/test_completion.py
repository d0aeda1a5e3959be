"""The record of completion: refused until every graded part is attempted, then HTML and a one-page PDF."""

from __future__ import annotations

import pytest

from coursekit.records import completion
from coursekit import syllabus
from coursekit.records.learner_files import CourseHome
from coursekit.records.learner_name import read_name, save_name
from coursekit.learner import documents
from coursekit.learner.onepage import page_count
from learner_home_support import TODAY, available_lessons, make_home


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
                  f"{course.hours:g} hour"):
        assert shown in text, shown
    data = paper.read_bytes()
    assert data.startswith(b"%PDF") and page_count(data) == 1
    assert b"Dr Sam <Patel> & Co" in data, "the name is in the PDF's properties"


def test_the_record_pdf_stays_one_page_with_a_very_long_name_and_source():
    r = completion.Record("N" * 80, "C " * 200, "E", "S " * 400, TODAY, 12.5, 8)
    data = documents.record_pdf(r)
    assert data.startswith(b"%PDF") and page_count(data) == 1
