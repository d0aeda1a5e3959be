"""Automated WCAG 2.2 A and AA checks (axe-core, in Debian's Chromium) on everything coursekit
draws itself: the widgets and figures inside JupyterLab, the learner's plan and record of
completion, the cohort dashboard and a learner's feedback page.

axe finds only what a machine can find (names, roles, contrast, structure). Keyboard use and
announcements are tested by hand-written steps in the other browser tests.
"""

from __future__ import annotations

import datetime as dt

import pytest

from browser_support import open_notebook, run_all, shut_down_sessions
from coursekit.learner import documents
from coursekit.cohort import dashboard
from coursekit import syllabus
from coursekit.cohort.autograde import grade
from coursekit.cohort.folder import find_course, init_cohort
from coursekit.cohort.feedback import make_feedback
from coursekit.records.learner_files import CourseHome
from coursekit.records.learner_name import save_name
from course_support import ROOT
from learner_home_support import TODAY, make_home

pytestmark = pytest.mark.browser

#: The WCAG 2.0, 2.1 and 2.2 success criteria at levels A and AA that axe can test.
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
           "resultTypes": ["violations"]}


def violations(page, context=None) -> list[str]:
    """axe's WCAG A/AA violations on the page (or within ``context``), one readable line each."""
    from axe_playwright_python.sync_playwright import Axe

    found = Axe().run(page, context=context, options=WCAG_AA).response["violations"]
    return [f"{v['id']} ({v['impact']}): {v['help']} -- at {[n['target'] for n in v['nodes']][:3]}" for v in found]


def _ready(page) -> None:
    page.set_default_timeout(30_000)


# -- the learner's own pages --------------------------------------------------------------

def test_the_plan_for_the_board_has_no_wcag_violations(page, tmp_path):
    home = CourseHome(make_home(tmp_path / "home", "course folder", list(syllabus.load().lessons), "all"))
    html_page, _ = documents.export_plan(home, tmp_path / "out", TODAY)
    _ready(page)
    page.goto(html_page.as_uri())
    assert page.get_by_role("heading", level=1).count() == 1
    assert violations(page) == []


def test_the_record_of_completion_has_no_wcag_violations(page, tmp_path):
    home = CourseHome(make_home(tmp_path / "home", "course folder", list(syllabus.load().lessons), "all"))
    save_name(home, "Sam Patel")
    html_page, _ = documents.make_record(home, tmp_path / "out", TODAY)
    _ready(page)
    page.goto(html_page.as_uri())
    assert "Sam Patel" in page.content()
    assert violations(page) == []


# -- the trainer's and assessor's pages ---------------------------------------------------

A = "goal_and_mission"


@pytest.fixture(scope="module")
def graded_cohort(tmp_path_factory):
    """A two-learner cohort with one graded submission: enough for a dashboard and feedback."""
    base = tmp_path_factory.mktemp("a11y")
    (base / "roster.csv").write_text("id,name,email,board\nL001,Ann Lee,ann@nhs.net,North\n"
                                     "L002,Bo Chen,bo@nhs.net,South\n", "utf-8")
    cohort = init_cohort(base / "cohort", base / "roster.csv", name="Accessibility check")
    folder = cohort.root / "submitted" / "L001" / A
    folder.mkdir(parents=True)
    (folder / f"{A}.ipynb").write_bytes((find_course() / "source" / A / f"{A}.ipynb").read_bytes())
    (folder / f"{A}.answers.json").write_bytes((ROOT / "solutions" / A / f"{A}.answers.json").read_bytes())
    (folder / "timestamp.txt").write_text(dt.datetime(2026, 11, 28, 9, 0).strftime("%Y-%m-%d %H:%M:%S.%f UTC"))
    assert grade(cohort, [A], progress=False).graded == [("L001", A)]
    return cohort


def test_the_cohort_dashboard_has_no_wcag_violations(page, graded_cohort, tmp_path):
    made = dashboard.build(graded_cohort, tmp_path / "dashboard")
    _ready(page)
    page.goto(made.page.as_uri())
    assert page.locator("img").count() >= 2 and page.locator("img:not([alt])").count() == 0
    assert violations(page) == []


def test_feedback_pages_have_no_wcag_violations(page, graded_cohort):
    make_feedback(graded_cohort, [A])
    pages = sorted((graded_cohort.root / "feedback" / "L001" / A).glob("*.html"))
    assert pages, "feedback was written"
    _ready(page)
    page.goto(pages[0].as_uri())
    assert page.locator("html").get_attribute("lang") == "en-GB"
    assert page.get_by_role("heading", level=1).first.inner_text().startswith("Your feedback: Exercise 4: A goal and a mission")
    assert page.get_by_role("link", name="Test cell").count() == 0, "links say which question they lead to"
    assert page.get_by_role("link", name="Your trust's first goal").count() == 1
    assert violations(page) == []


# -- inside JupyterLab --------------------------------------------------------------------

@pytest.mark.parametrize("notebook", ["notebooks/04_goal_and_mission.ipynb", "exercises/your_plan/your_plan.ipynb",
                                      "notebooks/progress.ipynb"])
def test_widgets_and_figures_in_jupyterlab_have_no_wcag_violations(lab_page, jupyterlab, notebook):
    shut_down_sessions(jupyterlab)
    open_notebook(lab_page, jupyterlab, notebook)
    run_all(lab_page)
    outputs = lab_page.locator(".jp-OutputArea-output")
    assert outputs.count() > 0
    # JupyterLab's own interface is not ours; check every output that coursekit draws.
    assert violations(lab_page, {"include": [[".jp-OutputArea-output"]]}) == []
