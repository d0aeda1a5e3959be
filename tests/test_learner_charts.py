"""Charts of a learner's own answers as accessible inline SVG (no matplotlib), and the records' borders:
records know nothing of screens or matplotlib, no import circle in records or learner, and the plan and
record still write their HTML (and say plainly why there is no PDF) where matplotlib is not installed."""

from __future__ import annotations

import ast
import html
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from coursekit import syllabus
from coursekit.learner import charts, documents
from coursekit.learner.progress_view import view_html
from coursekit.records.learner_files import CourseHome
from coursekit.records.progress import progress
from learner_home_support import TODAY, available_lessons, make_home, write

SVG = "{http://www.w3.org/2000/svg}"
SRC = Path(__file__).resolve().parents[1] / "src" / "coursekit"
THEN = {"leadership": 2, "team": 3, "goal": 1, "urgency": 4}
NOW = {"leadership": 3, "team": 3, "goal": 4, "urgency": 2}


def _svg(chart: charts.Chart) -> ET.Element:
    root = ET.fromstring(chart.svg)
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title.text == chart.title and desc.text == chart.alt
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}", "named and described by them"
    return root


def _texts(root: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def test_the_progress_chart_is_well_formed_labels_every_value_and_says_it_in_words():
    lessons = [(0, "Lesson 0: Start here", 3, 10), (1, "Lesson 1: Clear leadership", 10, 10), (2, "Lesson 2: Soon", 0, 0)]
    chart = charts.progress_chart(lessons)
    root = _svg(chart)
    texts = _texts(root)
    for words in ("3 of 10 done", "10 of 10 done", "not available yet", "Lesson 0: Start here", "Done (solid)",
                  "Left (hatched)", "Your progress, lesson by lesson"):
        assert words in texts, words
    assert "lesson 0 3 of 10; lesson 1 10 of 10; lesson 2 0 of 0" in chart.alt
    # Colour is never the only signal: "left" is hatched with a pattern, and the legend says so in words.
    pattern = root.find(f".//{SVG}pattern")
    assert pattern is not None and any(r.get("fill") == f"url(#{pattern.get('id')})" for r in root.iter(f"{SVG}rect"))
    assert {charts.BLUE, charts.VERMILION} <= {e.get("fill") or e.get("stroke") for e in root.iter()}
    figure = chart.html()
    assert figure.startswith("<figure") and f"<figcaption>{html.escape(chart.caption)}</figcaption>" in figure


def test_the_progress_chart_changes_with_the_answers():
    few = charts.progress_chart([(4, "Lesson 4: A goal", 1, 8)])
    more = charts.progress_chart([(4, "Lesson 4: A goal", 6, 8)])
    assert few.alt != more.alt and "6 of 8 done" in _texts(_svg(more)) and "6 of 8 done" not in _texts(_svg(few))

    def done_width(chart):
        return next(float(r.get("width")) for r in _svg(chart).iter(f"{SVG}rect") if r.get("fill") == charts.BLUE
                    and r.get("height") == str(charts.BAR))

    assert done_width(more) == pytest.approx(6 * done_width(few), rel=0.01)


def test_then_and_now_labels_each_bar_and_says_when_there_is_no_baseline():
    both = documents.then_and_now_chart(THEN, NOW)
    texts = _texts(_svg(both))
    for key in THEN:
        assert f"Then {THEN[key]}" in texts and f"Now {NOW[key]}" in texts
    assert texts.count("Then 3") == 1 and "A goal and a mission: then 1, now 4" in both.alt
    alone = documents.then_and_now_chart(None, NOW)
    texts = _texts(_svg(alone))
    assert not any(t.startswith("Then ") for t in texts) and "now only, with no baseline" in alone.alt
    changed = documents.then_and_now_chart(THEN, {**NOW, "goal": 5})
    assert "Now 5" in _texts(_svg(changed)) and changed.alt != both.alt


def test_each_chart_on_a_page_has_its_own_ids():
    a, b = documents.then_and_now_chart(THEN, NOW), documents.then_and_now_chart(THEN, NOW)
    ids = [e.get("id") for chart in (a, b) for e in _svg(chart).iter() if e.get("id")]
    assert len(ids) == len(set(ids)) == 6


def test_the_progress_view_shows_the_chart_of_the_saved_answers(tmp_path, monkeypatch):
    found = available_lessons()
    full = syllabus.load()
    monkeypatch.setattr(syllabus, "load", lambda: syllabus.Syllabus(full.course, full.edition, full.source, tuple(found)))
    p = progress(CourseHome(make_home(tmp_path, "course folder", found, "some")))
    page = view_html(p)
    svg = page[page.index("<svg"):page.index("</svg>") + len("</svg>")]
    texts = _texts(ET.fromstring(svg))
    for lp in p.lessons:
        assert f"{lp.done} of {lp.total} done" in texts
    assert "<img" not in page and "<table class='coursekit-progress'>" in page


def test_the_plan_page_shows_then_and_now_as_an_svg_chart(tmp_path):
    home = CourseHome(tmp_path)
    write(tmp_path / "exercises" / "your_plan", "your_plan", {"self_assessment": {**NOW, "reason": "An honest reason."}})
    write(tmp_path / "exercises" / "start_here", "start_here", {"self_assessment": {**THEN, "reason": "An honest reason."}})
    page, _paper = documents.export_plan(home, tmp_path / "out", TODAY)
    text = page.read_text()
    svg = text[text.index("<svg"):text.index("</svg>") + len("</svg>")]
    assert "A goal and a mission: then 1, now 4" in ET.fromstring(svg).find(f"{SVG}desc").text
    empty = tmp_path / "empty"
    (empty / "exercises").mkdir(parents=True)
    page, _paper = documents.export_plan(CourseHome(empty), empty / "out", TODAY)
    assert "<svg" not in page.read_text(), "no ratings yet, no chart"


# -- borders -----------------------------------------------------------------------------------

FORBIDDEN = ("ipywidgets", "anywidget", "IPython", "matplotlib", "numpy", "nbgrader", "nbformat", "nbconvert",
             "coursekit.learner", "coursekit.figures", "coursekit.grading", "coursekit.cohort",
             "coursekit.authoring", "coursekit.cli")


def _imports(path: Path) -> set[str]:
    """Every module ``path`` imports, at the top or inside a function (the package uses absolute imports)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}: relative import of {node.module}"
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def test_records_import_nothing_of_screens_grading_cohort_or_matplotlib_not_even_inside_functions():
    for path in sorted((SRC / "records").glob("*.py")):
        bad = sorted(m for m in _imports(path) if any(m == f or m.startswith(f + ".") for f in FORBIDDEN))
        assert not bad, f"{path.name} imports {bad}"


def test_no_import_circle_in_records_or_learner():
    modules = {}
    for folder in ("records", "learner"):
        for path in (SRC / folder).glob("*.py"):
            name = f"coursekit.{folder}." + path.stem if path.stem != "__init__" else f"coursekit.{folder}"
            modules[name] = path
    graph = {name: {m for m in _imports(path) if m in modules and m != name} for name, path in modules.items()}

    def visit(node, trail):
        for nxt in sorted(graph[node]):
            assert nxt not in trail, "import circle: " + " -> ".join([*trail[trail.index(nxt):], nxt])
            visit(nxt, [*trail, nxt])

    for name in sorted(graph):
        visit(name, [name])


def _run(code: str, tmp_path: Path) -> dict:
    tests = Path(__file__).resolve().parent
    prelude = f"import json, sys\nsys.path.insert(0, {str(tests)!r})\n"
    done = subprocess.run([sys.executable, "-c", prelude + code], capture_output=True, text=True, timeout=240,
                          cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_records_compute_progress_plan_and_record_with_no_widgets_or_matplotlib(tmp_path):
    found = _run(f"""
for name in ("ipywidgets", "anywidget", "IPython", "matplotlib", "numpy", "nbgrader", "nbformat"):
    sys.modules[name] = None
from pathlib import Path
import datetime as dt
from coursekit.records import completion, plan, progress
from coursekit.records.learner_files import CourseHome
from coursekit.records.learner_name import save_name
from learner_home_support import available_lessons, make_home
home = CourseHome(make_home(Path({str(tmp_path)!r}), "course folder", available_lessons(), "all"))
save_name(home, "Sam Patel")
p = progress.progress(home)
made = plan.assemble(home, dt.date(2026, 11, 28))
print(json.dumps({{"table": progress.table_html(p), "notes": progress.notes_html(p),
                   "plan": plan.plan_html(made, Path(".")), "lines": len(plan.plan_lines(made)),
                   "then": plan.then_and_now_html(made.then, made.now),
                   "record": completion.record_html(completion.record(p, dt.date(2026, 11, 28))),
                   "loaded": sorted(m for m in sys.modules if m.startswith(("coursekit.learner", "coursekit.figures")))}}))
""", tmp_path)
    assert "<table class='coursekit-progress'>" in found["table"] and "Worked out from" in found["notes"]
    assert "Our digital plan" in found["plan"] and found["lines"] > 5 and "<caption>Your ratings" in found["then"]
    assert "Sam Patel" in found["record"] and found["loaded"] == []


def test_without_matplotlib_the_plan_and_record_write_html_and_say_how_to_get_a_pdf(tmp_path):
    found = _run(f"""
sys.modules["matplotlib"] = None
from pathlib import Path
import coursekit
from coursekit import syllabus
from coursekit.learner.plan_view import PlanView, ThenAndNowView
from coursekit.learner.progress_view import ProgressView
from coursekit.records.learner_files import CourseHome
from learner_home_support import available_lessons, make_home
lessons = available_lessons()
full = syllabus.load()
syllabus.load = lambda: syllabus.Syllabus(full.course, full.edition, full.source, tuple(lessons))
root = Path({str(tmp_path)!r}) / "home"
home = CourseHome(make_home(root, "course folder", lessons, "all"))
plan_view = PlanView(home, root / "out")
plan_view.name.text.value = "Sam Patel"
plan_view.save_button.click()
record = ProgressView(home, out=root / "out")
record.record_button.click()
then = ThenAndNowView(home)
out = sorted(p.name for p in (root / "out").iterdir())
print(json.dumps({{"plan": plan_view.status.value, "record": record.status.value, "files": out,
                   "progress": record.page.value, "then": then.page.value,
                   "html": (root / "out" / "my_plan_for_the_board.html").read_text()}}))
""", tmp_path)
    assert found["files"] == ["my_plan_for_the_board.html", "record_of_completion.html"]
    for status in (found["plan"], found["record"]):
        assert "No PDF" in status and 'pip install &quot;coursekit[lab]&quot;' in status
        assert "print it to PDF" in status and ".pdf" not in status
    assert "✔ Saved" in found["plan"] and "my_plan_for_the_board.html" in found["plan"]
    assert "✔ Done" in found["record"] and "record_of_completion.html" in found["record"]
    assert '<svg' in found["progress"] and '<svg' in found["then"] and '<svg' in found["html"]


def test_a_stale_pdf_is_named_when_no_new_one_can_be_made(tmp_path):
    page = tmp_path / "my_plan_for_the_board.html"
    page.write_text("<html></html>")
    assert "earlier save" not in documents.no_pdf_html(page, None)
    page.with_suffix(".pdf").write_bytes(b"%PDF old")
    assert "my_plan_for_the_board.pdf" in documents.no_pdf_html(page, None)
    assert documents.no_pdf_html(page, page.with_suffix(".pdf")) == ""


def test_the_pdf_draws_every_line_style_the_records_may_use():
    from coursekit.learner import onepage
    from coursekit.records.page_lines import STYLE_NAMES, Line

    assert set(onepage.STYLES) == set(STYLE_NAMES)
    with pytest.raises(ValueError, match="Unknown line style 'huge'"):
        Line("huge", "text")


def test_import_coursekit_loads_no_widgets_and_the_views_come_from_it_on_first_use(tmp_path):
    found = _run("""
import coursekit
before = sorted(m for m in ("ipywidgets", "matplotlib", "coursekit.learner.progress_view") if m in sys.modules)
from coursekit import plan_maker, show_progress, then_and_now
print(json.dumps({"before": before, "names": [f.__module__ for f in (show_progress, then_and_now, plan_maker)]}))
""", tmp_path)
    assert found["before"] == []
    assert found["names"] == ["coursekit.learner.progress_view", "coursekit.learner.plan_view", "coursekit.learner.plan_view"]


def test_in_the_browser_site_no_pdf_is_said_plainly_without_pip(tmp_path, monkeypatch):
    """In Pyodide there is no matplotlib to install: the page says PDFs cannot be made there, and what to do."""
    from coursekit.learner import onepage

    monkeypatch.setattr(onepage.sys, "platform", "emscripten")
    page = tmp_path / "my_plan_for_the_board.html"
    page.write_text("<html></html>")
    note = documents.no_pdf_html(page, None)
    assert "cannot be made in the browser version" in note and "print it to PDF" in note and "pip" not in note
    monkeypatch.setitem(__import__("sys").modules, "matplotlib", None)  # as in Pyodide: not importable
    with pytest.raises(onepage.PdfUnavailable, match="browser version"):
        onepage._pyplot()
