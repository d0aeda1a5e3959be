"""Lesson 7: the one-page plan from answers across the course, and the self-assessment then and now."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET

import pytest

from coursekit.questions import forms
from coursekit.records import plan
from coursekit import syllabus
from coursekit.records.learner_files import CourseHome
from coursekit.learner import documents, onepage
from coursekit.learner.onepage import page_count
from coursekit.learner.plan_view import PlanView, ThenAndNowView, then_and_now
from learner_home_support import LAYOUTS, TODAY, write

CONTRACTED = ("leadership_map", "first_team", "first_goal", "journey", "urgency", "keep_expand_drop",
              "board_commitment", "self_assessment")
PRESENT = [name for name in CONTRACTED if name in forms.names()]
EXAMPLE_THEN = {"leadership": 2, "team": 3, "goal": 1, "urgency": 4, "reason": "An honest reason in enough words here."}
EXAMPLE_NOW = {"leadership": 3, "team": 3, "goal": 4, "urgency": 2, "reason": "An honest reason in enough words here."}


def _home(tmp_path, layout="course folder", answered=PRESENT):
    """A home where every form in ``answered`` holds its worked example, in its exercise's answers file."""
    lessons_folder, exercise_folder = LAYOUTS[layout]
    lessons_folder(tmp_path).mkdir(parents=True, exist_ok=True)
    by_assignment: dict[str, dict] = {}
    for section in plan.SECTIONS:
        if section.form in answered:
            by_assignment.setdefault(section.assignment, {})[section.form] = forms.get(section.form).example(TODAY)
    if "self_assessment" in answered:
        by_assignment.setdefault("your_plan", {})["self_assessment"] = EXAMPLE_NOW
        by_assignment.setdefault("start_here", {})["self_assessment"] = EXAMPLE_THEN
    for assignment, answers in by_assignment.items():
        write(exercise_folder(tmp_path, assignment), assignment, answers)
    return CourseHome(tmp_path)


def test_the_contracted_forms_that_exist_include_the_first_goal_and_self_assessment():
    assert {"first_goal", "self_assessment", "board_commitment"} <= set(PRESENT)
    assert {s.form for s in plan.SECTIONS} | {"self_assessment"} == set(CONTRACTED)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_plan_shows_every_answered_section(tmp_path, layout):
    home = _home(tmp_path, layout)
    made = plan.assemble(home, TODAY)
    page = plan.plan_html(made, tmp_path)
    for section in plan.SECTIONS:
        if section.form not in PRESENT:
            continue
        assert f"<h2>{html.escape(section.title)}</h2>" in page, section.title
        spec = forms.get(section.form)
        example = spec.example(TODAY)
        for field in spec.fields:
            value = example.get(field.name)
            if field.kind == "check":
                tail = field.label.partition(": ")[2] or field.label
                assert (value is True) is (html.escape(tail) in page), (section.form, field.label)
            elif field.shown(value) != "(blank)":
                assert f"<dt>{html.escape(field.label)}</dt><dd>{html.escape(field.shown(value))}</dd>" in page, \
                    (section.form, field.label)
    # Then and now, in words.
    assert "<th scope='row'>A goal and a mission</th><td>1 – Not in place</td><td>4 – Mostly in place</td>" in page
    assert "28 November 2026" in page


def test_missing_sections_say_where_to_answer_them(tmp_path):
    home = _home(tmp_path, "learner pack", answered=())
    made = plan.assemble(home, TODAY)
    page = plan.plan_html(made, tmp_path / "notebooks")
    required = [s for s in plan.SECTIONS if not s.optional]
    assert [p.section for p in made.missing] == required
    for section in required:
        lesson = syllabus.load().lesson(section.assignment)
        pointer = (f"Not yet answered in lesson {lesson.number}.</strong> Answer it in "
                   f"<a href=\"../{section.assignment}/{section.assignment}.ipynb\">"
                   f"Exercise {lesson.number}: {html.escape(lesson.title)}</a>.")
        assert pointer in page, section.title
    assert "Your journey" not in page, "an optional part not answered is left out"
    assert page.count("not rated") == 8


def test_the_plan_pdf_is_one_page_even_when_every_answer_is_long(tmp_path):
    home = _home(tmp_path)
    made = plan.assemble(home, TODAY)
    data = documents.plan_pdf(made)
    assert data.startswith(b"%PDF") and page_count(data) == 1
    long = plan.Plan("N", TODAY, None, None, tuple(
        plan.Part(s, syllabus.load().lesson(s.assignment), {f"Label {i}:": "word " * 60 for i in range(12)}, tmp_path)
        for s in plan.SECTIONS), (), home)
    data = documents.plan_pdf(long)
    assert page_count(data) == 1


def test_every_contracted_form_answered_in_full_still_fits_one_page_uncut(tmp_path):
    made = plan.assemble(_home(tmp_path), TODAY)
    assert not made.missing
    _columns, _width, cut = onepage.layout(plan.plan_lines(made))
    assert not cut, "the plan is cut short: it should fit one page in full"


def test_plan_rows_leave_out_blanks_and_join_ticked_boxes():
    spec = forms.FormSpec(
        "demo", "Demo", (forms.Field("goal", "Goal"), forms.Field("note", "Note"),
                         forms.Field("a", "In the team: doctors", "check", group="Team"),
                         forms.Field("b", "In the team: nurses", "check", group="Team"),
                         forms.Field("c", "In the team: porters", "check", group="Team"),
                         forms.Field("d", "Business-critical", "check", group="Risk")),
        ("x",), lambda a, d: [], (), lambda d: {})
    rows = plan.plan_rows(spec, {"goal": "One clinic online", "note": "", "a": True, "b": False, "c": True, "d": True})
    assert rows == {"Goal": "One clinic online", "In the team": "doctors; porters", "Business-critical": "Yes"}


def test_export_writes_html_and_pdf(tmp_path):
    home = _home(tmp_path)
    page, paper = documents.export_plan(home, tmp_path / "out", TODAY)
    assert page.name == "my_plan_for_the_board.html" and "Your first goal" in page.read_text()
    assert paper.read_bytes().startswith(b"%PDF") and page_count(paper.read_bytes()) == 1


def test_then_and_now_chart_alt_text_names_the_four_ratings():
    figure = documents.then_and_now_chart(EXAMPLE_THEN, EXAMPLE_NOW)
    for name, then, now in (("Clear leadership", 2, 3), ("A team", 3, 3), ("A goal and a mission", 1, 4),
                             ("A sense of urgency", 4, 2)):
        assert f"{name}: then {then}, now {now}" in figure.alt
    assert figure.caption and ET.fromstring(figure.svg).tag == "{http://www.w3.org/2000/svg}svg"


def test_then_and_now_says_plainly_when_there_is_no_baseline_or_nothing_yet(tmp_path):
    home = CourseHome(tmp_path)
    (tmp_path / "exercises").mkdir()
    view = ThenAndNowView(home)
    assert "Nothing to show yet" in view.page.value and "<img" not in view.page.value and "<svg" not in view.page.value
    write(tmp_path / "exercises" / "your_plan", "your_plan", {"self_assessment": EXAMPLE_NOW})
    view.button.click()
    assert "No baseline" in view.page.value and "now only, with no baseline" in view.page.value
    assert "<td>no baseline</td>" in view.page.value
    write(tmp_path / "exercises" / "start_here", "start_here", {"self_assessment": EXAMPLE_THEN})
    view.button.click()
    assert "No baseline" not in view.page.value
    alt = html.unescape(re.search(r'<desc [^>]*>([^<]+)</desc>', view.page.value).group(1))
    assert "A goal and a mission: then 1, now 4" in alt
    assert "<td>up 3</td>" in view.page.value and "<td>down 2</td>" in view.page.value


def test_then_and_now_is_one_line_from_the_exercise_folder(tmp_path, monkeypatch):
    home = _home(tmp_path, "learner pack")
    (tmp_path / "your_plan").mkdir(exist_ok=True)
    monkeypatch.chdir(tmp_path / "your_plan")
    assert then_and_now().home.root == home.root.resolve()


def test_plan_view_shows_saves_and_names(tmp_path):
    home = _home(tmp_path, answered=("first_goal",))
    out = tmp_path / "exercises" / "your_plan"
    view = PlanView(home, out)
    view.name.text.value = "Alex Morgan"
    view.show_button.click()
    assert "Prepared by Alex Morgan" in view.preview.value and "Your first goal" in view.preview.value
    assert "not answered yet" in view.status.value and "Taking it to the board" in view.status.value
    view.save_button.click()
    assert "✔ Saved" in view.status.value
    assert "Alex Morgan" in (out / "my_plan_for_the_board.html").read_text()
    assert (out / "my_plan_for_the_board.pdf").read_bytes().startswith(b"%PDF")


def test_a_corrupt_answers_file_is_reported_in_the_plan_view(tmp_path):
    home = _home(tmp_path)
    bad = tmp_path / "exercises" / "goal_and_mission" / "goal_and_mission.answers.json"
    bad.write_text("not json")
    view = PlanView(home, tmp_path)
    view.show_button.click()
    assert "could not be read" in view.status.value and "Your first goal" in view.status.value
