"""Lesson 7: the one-page plan from answers across the course, and the self-assessment then and now."""

from __future__ import annotations

import html
import re
import zlib
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

CONTRACTED = ("leadership_map", "first_team", "mission", "first_goal", "journey", "urgency", "keep_expand_drop",
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
        for field in spec.fields:  # every word the learner wrote is in the plan
            value = example.get(field.name)
            if field.kind in ("text", "longtext") and value:
                assert html.escape(value.strip().rstrip(".")[1:]) in page, (section.form, field.name)
    # Then and now, in words.
    assert "<th scope='row'>A goal and a mission</th><td>1 – Not in place</td><td>4 – Mostly in place</td>" in page
    assert "28 November 2026" in page


def _text(made: plan.Plan) -> str:
    return "\n".join(line.text for line in plan.plan_lines(made))


def test_the_plan_reads_as_sentences_with_no_form_labels_and_dates_written_out(tmp_path):
    made = plan.assemble(_home(tmp_path), TODAY)
    page = plan.plan_html(made, tmp_path)
    text = _text(made)
    body = html.unescape(re.sub(r"<[^>]+>", " ", page[page.index("<body>"):]))
    for shown in (text, body):
        for section in plan.SECTIONS:
            for field in forms.get(section.form).fields:
                assert field.label not in shown, (section.form, field.label)
        assert not re.search(r"Change \d+:|\(blank\)|: Yes\b|\b\d{4}-\d{2}-\d{2}\b", shown), \
            re.search(r"Change \d+:|\(blank\)|: Yes\b|\b\d{4}-\d{2}-\d{2}\b", shown)
    for day in ("23 January 2027", "28 March 2027", "26 February 2027", "16 January 2027"):
        assert day in text and day in body
    for line in plan.plan_lines(made):
        if line.style == "text":
            assert line.text[0].isupper() and line.text.endswith((".", "?", "!")), line.text


def test_the_journey_gives_its_stages_in_order_with_each_changes_kind_and_risk_in_words(tmp_path):
    journey = forms.get("journey").example(TODAY)
    # stages out of order in the form: change 1 in stage 3, change 2 in stage 1 and business-critical
    journey.update(stage1=3, stage2=1, critical2=True, stage3=2, critical3=False, stage4=3, critical4=False,
                   change5="", goal_row=2)
    lessons, exercises = LAYOUTS["course folder"]
    write(exercises(tmp_path, "goal_and_mission"), "goal_and_mission", {"journey": journey})
    made = plan.assemble(CourseHome(tmp_path), TODAY)
    part = next(p for p in made.parts if p.section.form == "journey")
    lines = [(line.style, line.text) for line in part.words]
    stages = [text for style, text in lines if style == "label"]
    assert stages == ["Stage 1: one business-critical change", "Stage 2: no business-critical changes",
                      "Stage 3: no business-critical changes"]
    at = {text: n for n, (_style, text) in enumerate(lines)}
    stage_of = lambda phrase: max(at[s] for s in stages if at[s] < next(n for t, n in at.items() if phrase in t))
    assert stage_of("Make the wifi reliable") == at[stages[0]]
    assert stage_of("Replace the two old telephone systems") == at[stages[1]]
    assert stage_of("Let fracture clinic patients") == at[stages[2]]
    wifi = next(t for _s, t in lines if t.startswith("Make the wifi reliable"))
    assert "This is foundations work" in wifi and "It is business-critical." in wifi and "This is our first goal." in wifi
    phones = next(t for _s, t in lines if t.startswith("Replace the two old telephone"))
    assert "It is not business-critical." in phones
    assert "Share records" not in _text(made), "a change left blank is left out"
    assert _text(made).index("Before stage 2 starts") > _text(made).index("Stage 2:")


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
    assert "Our journey" not in page and "Our mission" not in page, "an optional part not answered is left out"
    assert page.count("not rated") == 8


def pdf_font_sizes(data: bytes) -> list[float]:
    """Every font size the PDF sets (its ``Tf`` operators), read from its page streams."""
    sizes = []
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            stream = zlib.decompress(stream)
        except zlib.error:
            pass
        sizes += [float(size) for size in re.findall(rb"/F\d+\s+([\d.]+)\s+Tf", stream)]
    return sizes


def test_the_plan_pdf_keeps_readable_type_and_a_long_plan_flows_onto_more_pages(tmp_path):
    home = _home(tmp_path)
    made = plan.assemble(home, TODAY)
    data = documents.plan_pdf(made)
    sizes = pdf_font_sizes(data)
    assert data.startswith(b"%PDF") and len(sizes) > 50
    assert min(sizes) >= 10, f"the plan's smallest type is {min(sizes):g} pt"
    assert sizes.count(10.5) > len(sizes) / 2, "the body text is 10.5 pt"
    assert max(sizes) >= 14 and onepage.STYLES["heading"][0] > onepage.STYLES["text"][0], "headings are larger"
    pages = page_count(data)
    long = plan.Plan("N", TODAY, None, None, tuple(
        plan.Part(s, syllabus.load().lesson(s.assignment), tuple(onepage.Line("text", "word " * 60) for _ in range(12)),
                  tmp_path)
        for s in plan.SECTIONS), (), home)
    data = documents.plan_pdf(long)
    assert page_count(data) > pages, "a longer plan takes more pages"
    import matplotlib.pyplot as plt

    drawn = onepage.draw(plan.plan_lines(long))
    footers = [fig.texts[-1].get_text() for fig in drawn]
    for fig in drawn:
        plt.close(fig)
    assert footers == [f"Page {n} of {len(footers)}" for n in range(1, len(footers) + 1)]
    assert min(pdf_font_sizes(data)) >= 10, "a longer plan shrinks its type instead of taking more pages"
    assert not onepage.layout(plan.plan_lines(long))[2], "a longer plan is cut short"


def test_every_contracted_form_answered_in_full_is_in_the_pdf_uncut(tmp_path):
    made = plan.assemble(_home(tmp_path), TODAY)
    assert not made.missing
    pages, width, cut = onepage.layout(plan.plan_lines(made))
    assert not cut, "the plan is cut short"
    assert [len(columns) for columns in pages] == [1] * len(pages) and len(pages) >= 2, "one column a page"
    assert width == onepage.A4[0] - 2 * onepage.MARGIN


def _overflows(lines, landscape=False, one_page=False):
    """Each drawn line of text that reaches past its column, or a column that ends on a heading."""
    import matplotlib.pyplot as plt

    page = (onepage.A4[1], onepage.A4[0]) if landscape else onepage.A4
    pages, width, _cut = onepage.layout(lines, page, one_page=one_page)
    bad = []
    for fig in onepage.draw(lines, landscape, one_page=one_page):
        fig.set_dpi(600)  # measured as the PDF draws it: at screen resolution, hinting widens small type
        renderer = fig.canvas.get_renderer()
        dpi = fig.dpi
        for text in fig.texts:
            box = text.get_window_extent(renderer)
            left_in = box.x0 / dpi
            number = int((left_in - onepage.MARGIN + 0.01) // (width + onepage.GUTTER))
            right = onepage.MARGIN + number * (width + onepage.GUTTER) + width
            if box.x1 / dpi > right + 0.01 or box.x0 / dpi < onepage.MARGIN - 0.01:
                bad.append((round(box.x1 / dpi - right, 3), text.get_text()))
        plt.close(fig)
    columns = [column for columns in pages for column in columns]
    bad += [("heading at the foot of a column", c[-1][2]) for c in columns[:-1] if c[-1][0].style in ("heading", "label")]
    return bad


def test_no_line_of_the_pdf_runs_past_its_column_and_paths_break_only_at_slashes(tmp_path):
    full = plan.assemble(_home(tmp_path / "full"), TODAY)
    empty = plan.assemble(_home(tmp_path / "empty", "learner pack", answered=()), TODAY)
    long = plan.Plan("Alexandra Morgan-Whitfield", TODAY, None, None, tuple(
        plan.Part(s, syllabus.load().lesson(s.assignment),
                  (onepage.Line("label", "Stage 1: a sub-heading long enough to need wrapping in a narrow column"),
                   *(onepage.Line("text", "Wide words WWWWWW MMMMMMM " * 12) for _ in range(5))), tmp_path)
        for s in plan.SECTIONS), (), full.home)
    for made in (full, empty, long):
        lines = plan.plan_lines(made)
        assert _overflows(lines) == [], made.name
    # a long path wraps after a slash, not in the middle of a name
    path = "../exercises/after_the_first_wave/after_the_first_wave.ipynb"
    text = f"In your course folder: {path}."
    rows = onepage.wrap(text, 10, False, 160)
    assert len(rows) >= 3 and all(onepage.text_width(r, False) * 10 <= 160 for r in rows)
    at = 0
    for row in rows:
        assert text.index(row, at) == at, rows
        at += len(row)
        if at < len(text):
            assert text[at] == " " or row.endswith("/"), f"broken mid-word: {rows}"
            at += text[at] == " "


def test_a_heading_too_wide_for_its_column_wraps_within_it_and_stays_with_its_text():
    heading = onepage.Line("heading", "Who leads digital: the board's leadership map, pillar by pillar, "
                                      "with every executive director named")
    lines = [heading, onepage.Line("label", "Stage 1: a label under it"), onepage.Line("text", "Some words. " * 30)] * 12
    assert _overflows(lines) == []
    # a document that must be one page (the record of completion) shrinks to two columns instead
    assert _overflows(lines[:18], landscape=True, one_page=True) == []


def test_export_writes_html_and_pdf(tmp_path):
    home = _home(tmp_path)
    page, paper = documents.export_plan(home, tmp_path / "out", TODAY)
    assert page.name == "my_plan_for_the_board.html" and "Our first goal" in page.read_text()
    assert paper.read_bytes().startswith(b"%PDF") and page_count(paper.read_bytes()) >= 1


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
    assert "Prepared by Alex Morgan" in view.preview.value and "Our first goal" in view.preview.value
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
    assert "could not be read" in view.status.value and "Our first goal" in view.status.value


def test_no_line_of_the_record_of_completion_runs_past_its_column():
    from coursekit.records import completion

    done = tuple(completion.Done(f"Lesson {n}: {lesson.title}", "6 of 6 quiz questions answered")
                 for n, lesson in enumerate(syllabus.load().lessons))
    r = completion.Record("Alexandra Morgan-Whitfield", syllabus.load().course, "coursekit 2026.1",
                          syllabus.load().source, TODAY, 3.9, done, done)
    assert _overflows(completion.record_lines(r), landscape=True) == []
