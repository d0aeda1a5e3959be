"""Lesson figures ship as SVG drawn ahead of time, so a learner's notebook shows them without matplotlib.

Every registered figure (coursekit.figures) has its SVG and its manifest entry in the package, with
the alt text and caption its code gives; the shipped files are what a fresh drawing makes, byte for
byte (the same check as `coursekit generate --check`); `Lesson.figure` shows them where matplotlib
cannot be imported; and the learner's runtime never imports the figures' code or matplotlib.
"""

from __future__ import annotations

import ast
import base64
import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from html import unescape
from pathlib import Path

import matplotlib
import pytest

from coursekit import figures
from coursekit.authoring import generate
from coursekit.cli.app import main
from coursekit.learner import shipped_figure
from course_support import ROOT
from test_package_contents import _members, built  # noqa: F401 (the built wheel, a fixture)

SHIPPED = ROOT / generate.SHIPPED_FIGURES
SVG = "{http://www.w3.org/2000/svg}"
#: How wide JupyterLab's output area is in a 1280 px window, in CSS pixels (measured, and checked, by
#: test_browser_controls.py's test_lesson_figures_show_labels_of_12px).
OUTPUT_AREA_PX = 828


@pytest.fixture(scope="module")
def drawn() -> dict[str, figures.Figure]:
    """Every registered figure, drawn afresh from its code."""
    return {name: figures.get(name) for name in sorted(figures.FIGURES)}


def test_every_registered_figure_ships_with_the_alt_text_and_caption_its_code_gives(drawn):
    assert len(drawn) >= 14
    assert shipped_figure.names() == sorted(drawn), "Run `coursekit generate`: the shipped figures are not the registered ones"
    for name, figure in drawn.items():
        shipped = shipped_figure.load(name)
        assert (shipped.alt, shipped.caption) == (figure.alt, figure.caption), name
        root = ET.fromstring(shipped.svg)
        assert root.tag == f"{SVG}svg", name
        assert root.find(f"{SVG}title").text == figure.alt, f"{name}: the SVG's own <title> is not its alt text"
    on_disk = json.loads((SHIPPED / shipped_figure.MANIFEST).read_text("utf-8"))["figures"]
    assert sorted(on_disk) == sorted(p.stem for p in SHIPPED.glob("*.svg")) == sorted(drawn)


def test_every_figure_shows_its_smallest_labels_at_12px_or_more_in_a_1280px_window(drawn):
    """A figure shows as wide as the output area allows, up to 1.5 times its drawn size; its smallest
    text (ticks, labels, notes: every text it draws) must then be 12 CSS pixels or more."""
    small = {}
    for name, figure in drawn.items():
        shipped = shipped_figure.load(name)
        shown = min(OUTPUT_AREA_PX, shipped.display_width())
        px = figure.smallest_pt * 4 / 3 * shown / shipped.natural_width()
        if figure.smallest_pt < shipped_figure.SMALLEST_LABEL_PT or px < 12:
            small[name] = f"{figure.smallest_pt:g} pt, shown at {px:.1f} px"
    assert small == {}, "labels too small to read"


@pytest.mark.slow
def test_the_wheel_carries_every_shipped_figure(built):  # noqa: F811
    files = _members(built["wheel"])
    shipped = sorted(SHIPPED.iterdir())
    assert len(shipped) == len(figures.FIGURES) + 1
    for path in shipped:
        assert files.get(f"coursekit/{'/'.join(shipped_figure.FOLDER)}/{path.name}") == path.read_bytes(), path.name


def test_shipped_figures_match_a_fresh_drawing():
    problems = generate.figures_drift(ROOT)
    assert problems == [], "Run `coursekit generate` and commit:\n" + "\n".join(problems)


def test_a_figure_draws_the_same_bytes_every_time_whatever_the_machines_settings(drawn, monkeypatch):
    name = "govuk_websites"
    again = figures.get(name)
    assert again.svg == drawn[name].svg
    # A trainer's matplotlibrc or an earlier chart's settings change nothing in the shipped drawing.
    monkeypatch.setitem(matplotlib.rcParams, "font.size", 20)
    monkeypatch.setitem(matplotlib.rcParams, "svg.hashsalt", None)
    assert figures.get(name).svg == drawn[name].svg
    assert b"<dc:date>" not in again.svg and b"Matplotlib" not in again.svg, "no date or software version"


def test_a_hatch_keeps_its_own_strength_over_a_pale_fill(drawn):
    """SVG fades a pattern with its fill; each hatch is drawn by itself, as in the PNG the lessons showed."""
    svg = drawn["course_map"].svg.decode()
    hatched = re.findall(r'style="([^"]*url\(#h[^"]*)"', svg)
    assert hatched, "the course map's lessons are hatched by their pre-condition"
    assert [style for style in hatched if "opacity" in style] == [], "a hatch faded with its fill"


def test_drift_in_the_shipped_figures_is_reported(tmp_path):
    folder = tmp_path / generate.SHIPPED_FIGURES
    shutil.copytree(SHIPPED, folder)
    (folder / "govuk_websites.svg").write_text("<svg/>")
    (folder / "scas_journey.svg").unlink()
    (folder / "old_figure.svg").write_text("<svg/>")
    assert generate.figures_drift(tmp_path) == [
        f"{generate.SHIPPED_FIGURES}/scas_journey.svg: missing",
        f"{generate.SHIPPED_FIGURES}/old_figure.svg: not made by the generator",
        f"{generate.SHIPPED_FIGURES}/govuk_websites.svg: differs from its source",
    ]


def test_drawing_the_figures_replaces_what_is_there_and_removes_old_ones(tmp_path):
    (tmp_path / "old_figure.svg").write_text("<svg/>")
    (tmp_path / "govuk_websites.svg").write_text("<svg/>")
    assert generate.draw_figures(tmp_path) == sorted(figures.FIGURES)
    assert not (tmp_path / "old_figure.svg").exists()
    for path in [*SHIPPED.iterdir()]:
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name


def test_generate_check_includes_the_figures(tmp_path, monkeypatch):
    """`coursekit generate --check` (generate.drift) reports a drifted figure with the other generated files."""
    for path in (generate.SYLLABUS, generate.PACKAGED_SYLLABUS):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / generate.SYLLABUS, tmp_path / path)
    shutil.copytree(SHIPPED, tmp_path / generate.SHIPPED_FIGURES)
    (tmp_path / generate.SHIPPED_FIGURES / "plan_map.svg").write_bytes(b"<svg/>")
    monkeypatch.setattr(generate, "assignments", lambda root: [])  # no nbgrader run: only the figures differ
    monkeypatch.setattr(generate, "mirror_drift", lambda root: [])
    monkeypatch.setattr(generate.course_docs, "drift", lambda root: [])
    assert generate.drift(tmp_path) == [f"{generate.SHIPPED_FIGURES}/plan_map.svg: differs from its source"]


#: A lesson's figure cells, run where matplotlib cannot be imported at all.
WITHOUT_MATPLOTLIB = r"""
import json, sys
sys.modules["matplotlib"] = None  # `import matplotlib` now raises ImportError
from coursekit import Lesson
lesson = Lesson("04_goal_and_mission", folder=sys.argv[1])
figure = lesson.figure("govuk_websites")
try:
    lesson.figure("no_such_figure")
    unknown = None
except KeyError as error:
    unknown = error.args[0]
print(json.dumps({"bundle": figure._repr_mimebundle_(), "unknown": unknown,
                  "figures_loaded": sorted(m for m in sys.modules if m.startswith("coursekit.figures")),
                  "matplotlib_loaded": sorted(m for m in sys.modules if m.startswith("matplotlib") and sys.modules[m])}))
"""


def test_lesson_figure_shows_the_shipped_svg_with_alt_text_without_matplotlib(tmp_path, drawn):
    run = subprocess.run([sys.executable, "-c", WITHOUT_MATPLOTLIB, str(tmp_path)], capture_output=True,
                         text=True, timeout=120, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout.strip().splitlines()[-1])
    assert report["figures_loaded"] == [] and report["matplotlib_loaded"] == []
    page = report["bundle"]["text/html"]
    assert re.fullmatch(r'<figure class="coursekit-figure"[^>]*><img [^>]*><figcaption>[^<]*</figcaption></figure>', page)
    image = re.search(r'<img src="data:image/svg\+xml;base64,([^"]+)" alt="([^"]*)"', page)
    assert image, page[:300]
    expected = drawn["govuk_websites"]
    assert unescape(image.group(2)) == expected.alt
    assert base64.b64decode(image.group(1)) == expected.svg
    assert unescape(re.search(r"<figcaption>(.*)</figcaption>", page).group(1)) == expected.caption
    assert report["bundle"]["text/plain"] == f"Figure: {expected.alt}"
    known = ", ".join(sorted(figures.FIGURES))
    assert report["unknown"] == f"coursekit has no figure called 'no_such_figure'. Known figures: {known}"


def test_an_unknown_figure_names_the_known_ones():
    with pytest.raises(KeyError, match="coursekit has no figure called 'nope'. Known figures: attend_anywhere_review, "):
        shipped_figure.load("nope")
    with pytest.raises(KeyError, match="coursekit has no figure called 'nope'. Known figures: attend_anywhere_review, "):
        figures.get("nope")


def test_a_broken_install_says_what_to_do(tmp_path, monkeypatch):
    package = tmp_path / "coursekit"
    (package / "content" / "figures").mkdir(parents=True)
    monkeypatch.setattr(shipped_figure.resources, "files", lambda name: package)
    shipped_figure.manifest.cache_clear()
    try:
        with pytest.raises(FileNotFoundError, match=r"coursekit/content/figures/figures.json, is missing\. Reinstall"):
            shipped_figure.load("plan_map")
        shipped_figure.manifest.cache_clear()
        (package / "content" / "figures" / "figures.json").write_text('{"figures": {"plan_map": {"alt": "A plan"}}}')
        with pytest.raises(ValueError, match=r"figures.json, cannot be read .* Reinstall coursekit"):
            shipped_figure.load("plan_map")
        shipped_figure.manifest.cache_clear()
        (package / "content" / "figures" / "figures.json").write_text(
            '{"figures": {"plan_map": {"alt": "A plan", "caption": "The plan."}}}')
        with pytest.raises(FileNotFoundError, match=r"'plan_map' is listed but its drawing, "
                                                    r"coursekit/content/figures/plan_map.svg, is missing"):
            shipped_figure.load("plan_map")
    finally:
        shipped_figure.manifest.cache_clear()


def _imports(path: Path, src: Path = ROOT / "src") -> set[str]:
    """Every module a file imports, anywhere in it (inside functions too), relative imports resolved."""
    package = ".".join(path.relative_to(src).with_suffix("").parts[:-1])
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            found |= {base, *(f"{base}.{alias.name}" for alias in node.names)}
    return found


#: The one learner module allowed matplotlib: it draws the optional one-page PDF only where matplotlib is
#: installed, and otherwise says what to do (onepage.PdfUnavailable). No figure or chart needs it.
OPTIONAL_MATPLOTLIB = {"onepage.py"}


def test_the_learner_runtime_never_imports_the_figures_code_or_matplotlib():
    modules = sorted((ROOT / "src" / "coursekit" / "learner").rglob("*.py"))
    assert ROOT / "src" / "coursekit" / "learner" / "lesson.py" in modules
    for path in modules:
        imported = _imports(path)
        figures_code = sorted(m for m in imported if m == "coursekit.figures" or m.startswith("coursekit.figures."))
        assert figures_code == [], f"{path.relative_to(ROOT)} imports {figures_code}: show shipped figures instead"
        if path.name not in OPTIONAL_MATPLOTLIB:
            plotting = sorted(m for m in imported if m.split(".")[0] == "matplotlib")
            assert plotting == [], f"{path.relative_to(ROOT)} imports {plotting}: the learner runtime has no matplotlib"


def test_the_import_check_sees_imports_inside_functions(tmp_path):
    module = tmp_path / "src" / "coursekit" / "learner" / "x.py"
    module.parent.mkdir(parents=True)
    module.write_text("def f():\n    import matplotlib.pyplot\n    from .. import figures\n")
    assert {"matplotlib.pyplot", "coursekit.figures"} <= _imports(module, tmp_path / "src")
