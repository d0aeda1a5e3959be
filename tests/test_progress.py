"""Progress from the saved answers files only: nothing, some, all; in each layout; bad files reported."""

from __future__ import annotations

import html
import re

import pytest

import coursekit
from coursekit import syllabus
from coursekit.records.learner_files import CourseHome
from coursekit.questions import forms
from coursekit.records.progress import form_attempted, part_name, progress
from coursekit.learner.progress_view import ProgressView, view_html
from coursekit.questions.bank import load_bank
from learner_home_support import LAYOUTS, TODAY, an_answer, available_lessons, make_home, write


@pytest.fixture
def lessons(monkeypatch):
    """The syllabus cut to the lessons in this copy of the course, so 'all' can be complete."""
    found = available_lessons()
    assert found, "at least lesson 4 exists"
    full = syllabus.load()
    monkeypatch.setattr(syllabus, "load", lambda: syllabus.Syllabus(full.course, full.edition, full.source, tuple(found)))
    return found


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("how_much", ["none", "some", "all"])
def test_progress_counts_what_is_saved(tmp_path, lessons, layout, how_much):
    home = CourseHome(make_home(tmp_path, layout, lessons, how_much))
    p = progress(home)
    assert [lp.lesson for lp in p.lessons] == lessons
    for lp in p.lessons:
        assert lp.total > 0 and not lp.problems and not lp.missing
        if how_much == "none":
            assert lp.done == 0 and len(lp.left) == lp.graded.total + lp.reflection.total
        elif how_much == "all":
            assert lp.done == lp.total and lp.exercise_done and not lp.left
        else:
            assert 0 < lp.done < lp.total and not lp.exercise_done
    assert p.complete is (how_much == "all")
    assert bool(p.still_left()) is (how_much != "all")


def test_what_is_left_names_each_part_in_words(tmp_path, lessons):
    home = CourseHome(make_home(tmp_path, "course folder", lessons, "none"))
    left = progress(home).still_left()
    first = lessons[0]
    line = next(x for x in left if x.startswith(f"Lesson {first.number}: {first.title}"))
    assert "question 1" in line and "your reflection" in line


def test_a_corrupt_answers_file_is_reported_not_crashed(tmp_path, lessons):
    root = make_home(tmp_path, "learner pack", lessons, "all")
    bad = root / lessons[0].assignment / f"{lessons[0].assignment}.answers.json"
    bad.write_text("{ this is not json")
    p = progress(CourseHome(root))
    first = p.lessons[0]
    assert first.graded.done == 0 and not p.complete
    assert any(bad.name in x and str(bad) in x for x in first.problems)
    page = view_html(p)
    assert "could not be read in full" in page and bad.name in page


def test_a_lesson_not_in_this_copy_is_listed_as_left(tmp_path, monkeypatch):
    full = syllabus.load()
    ghost = syllabus.Lesson(9, "A lesson still being written", "09_ghost", "ghost", "course", 5, 5, ())
    monkeypatch.setattr(syllabus, "load", lambda: syllabus.Syllabus(full.course, full.edition, full.source, (ghost,)))
    p = progress(CourseHome(tmp_path))
    assert p.lessons[0].missing == ("lesson", "exercise") and not p.complete
    assert p.still_left() == ["Lesson 9: A lesson still being written: this lesson is not in this copy of the course "
                              "yet. Ask your trainer for it."]


def test_the_view_has_a_chart_with_alt_text_and_the_same_numbers_in_a_table(tmp_path, lessons):
    home = CourseHome(make_home(tmp_path, "course folder", lessons, "some"))
    p = progress(home)
    page = view_html(p)
    alt = html.unescape(re.search(r'<svg [^>]*role="img"[^>]*>.*?<desc [^>]*>([^<]+)</desc>', page).group(1))
    assert alt.startswith("Bar chart of your progress by lesson")
    assert "<figcaption>" in page and "<table" in page
    for lp in p.lessons:
        assert f"lesson {lp.lesson.number} {lp.done} of {lp.total}" in alt
        assert f"<th scope='row'>{lp.label}</th><td>{lp.quiz}" in page
    assert "○ to do" in page, "words, not colour, say what is left"


def test_show_is_one_line_and_refresh_rereads_the_files(tmp_path, lessons, monkeypatch):
    root = make_home(tmp_path, "course folder", lessons, "none")
    monkeypatch.chdir(root / "notebooks")
    view = coursekit.show_progress()
    assert isinstance(view, ProgressView) and view.home.root == root.resolve()
    first = lessons[0]
    assert f"<th scope='row'>Lesson {first.number}: {first.title}</th><td>0 of" in view.page.value
    bank = load_bank(first.notebook)
    write(root / "notebooks", first.notebook, {qid: an_answer(bank, qid) for qid in bank.question_ids[:1]})
    view.refresh_button.click()
    assert f"<th scope='row'>Lesson {first.number}: {first.title}</th><td>1 of" in view.page.value


def test_record_button_says_what_is_left_then_makes_the_record(tmp_path, lessons, monkeypatch):
    root = make_home(tmp_path, "course folder", lessons, "some")
    view = ProgressView(CourseHome(root), out=tmp_path / "out")
    view.record_button.click()
    assert "Not yet" in view.status.value and f"Lesson {lessons[0].number}" in view.status.value
    assert not (tmp_path / "out").exists()
    make_home(tmp_path, "course folder", lessons, "all")
    view.record_button.click()
    assert "Type your name" in view.status.value
    view.name.text.value = "  Dr   Sam Patel "
    assert "Saved" in view.name.status.value and "“Dr Sam Patel”" in view.name.status.value
    view.record_button.click()
    assert "✔ Done" in view.status.value
    assert "Dr Sam Patel" in (tmp_path / "out" / "record_of_completion.html").read_text()


def _exercise_with(bank, **given):
    return {q: given.get(q, an_answer(bank, q)) for q in bank.question_ids}


@pytest.mark.parametrize("reflection, counts", [
    ("word word word", False), ("tbc", False), ("Lorem ipsum dolor sit amet.", False), ("asdf jkl;", False),
    ("...", False), ("n/a", False), ("I will ask the board to name one lead.", True),
    ("We lack data skills.", True),
])
def test_a_placeholder_reflection_is_not_attempted(tmp_path, lessons, reflection, counts):
    first = lessons[0]
    bank = load_bank(first.assignment)
    root = make_home(tmp_path, "course folder", lessons, "all")
    write(root / "exercises" / first.assignment, bank.id, _exercise_with(bank, reflection=reflection))
    p = progress(CourseHome(root))
    lp = p.lessons[0]
    assert lp.reflection.done == int(counts) and lp.exercise_done is counts and p.complete is counts
    if not counts:
        assert lp.left == ("your reflection (in your own words: placeholder text does not count)",)


def test_a_form_filled_with_placeholder_text_is_not_attempted(tmp_path, lessons):
    def texts_of(qid):
        return [f.name for f in forms.get(qid).fields if f.kind in ("text", "longtext")]

    lesson, qid = max(((x, q) for x in lessons for q in load_bank(x.assignment).forms),
                      key=lambda pair: len(texts_of(pair[1])))
    bank, spec, texts = load_bank(lesson.assignment), forms.get(qid), texts_of(qid)
    assert len(texts) > 2, "a form with several text fields"
    example = spec.example(TODAY)
    root = make_home(tmp_path, "course folder", lessons, "all")
    folder = root / "exercises" / lesson.assignment
    lp = lambda: next(x for x in progress(CourseHome(root)).lessons if x.lesson == lesson)  # noqa: E731

    write(folder, bank.id, _exercise_with(bank, **{qid: {**example, **{n: "xxx" for n in texts}}}))
    assert not lp().exercise_done
    assert f"{part_name(bank, qid)} (in your own words: placeholder text does not count)" in lp().left

    mostly_filler = {**example, **{n: "tbc" for n in texts[1:]}}
    write(folder, bank.id, _exercise_with(bank, **{qid: mostly_filler}))
    assert not lp().exercise_done, "one real field among many placeholders does not count"
    half = {**example, **{n: "tbc" for n in texts[len(texts) // 2 + len(texts) % 2:]}}
    write(folder, bank.id, _exercise_with(bank, **{qid: half}))
    assert lp().exercise_done, "at least half the text in the learner's own words counts"

    write(folder, bank.id, _exercise_with(bank, **{qid: example}))
    assert lp().exercise_done, "the worked example's own words count"


def test_every_form_example_counts_and_every_form_of_placeholders_does_not():
    for name in forms.names():
        spec = forms.get(name)
        example = spec.example(TODAY)
        assert form_attempted(spec, example), name
        for junk in ("tbc", "asdf", "...", "test", "Lorem ipsum"):
            assert not form_attempted(spec, {**example, **{f.name: junk for f in spec.fields
                                                           if f.kind in ("text", "longtext")}}), (name, junk)
        assert not form_attempted(spec, spec.blank_answer()), name
        assert not form_attempted(spec, "not a form"), name
