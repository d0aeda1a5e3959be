"""An assessor marks the reflective answer in nbgrader's formgrader, in a real browser.

A temporary nbgrader course holds two graded submissions (the worked solution, and a
learner who answered one question and wrote a reflection). JupyterLab runs with the
course folder as its root *and* its working folder, as ``coursekit lab`` runs it, so
nbgrader's formgrader server extension finds ``nbgrader_config.py`` there. Debian's
Chromium then walks the formgrader from Manage Assignments to the learner's notebook,
checks that the rubric sits just above the saved reflection, types a score and a
comment, and the gradebook must hold them.

The browser may reach only the server on 127.0.0.1: anything else (formgrader asks a CDN
for MathJax) is refused at once, as on an offline course machine, so no wait depends on
the outside network.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from browser_support import playwright_expect

expect = playwright_expect()  # skips this module, with the reason, when Playwright is missing (fails in CI)

from browser_support import KERNEL_TIMEOUT_MS, TIMEOUT_MS, JupyterLab, serve
from course_support import ASSIGNMENT, ROOT, make_course, submit_copy_of, write_learner_answers
from coursekit.questions.bank import load_bank
from coursekit.cohort.nbgrader_run import run_nbgrader

pytestmark = pytest.mark.browser

LEARNER = "partly"
REFLECTION = (
    "What? The board asked for a new EPR before any goal. "
    "So what? SCAS started small, so we lose pace by waiting. "
    "Now what? I will propose one ward, one form, by February."
)
SCORE = 3
COMMENT = "Good link to SCAS; say who will do what by when."
SCREENSHOT = "/tmp/browser_formgrader.png"
RUBRIC = load_bank(ASSIGNMENT).reflections["reflection"]


class CourseLab(JupyterLab):
    """JupyterLab whose root *and* working folder is an nbgrader course folder.

    The temp folder holds the course (``<tmp>/course``) beside the server's private
    runtime, settings and config folders, so :meth:`leftover_pids` finds the server
    and anything it started.
    """

    def __init__(self, tmp: Path):
        super().__init__(tmp)
        self.root = self.tmp / "course"

    def copy_course(self) -> None:  # the course is made by make_course(), not copied
        pass

    def cwd(self) -> Path:  # formgrader reads nbgrader_config.py from the working folder
        return self.root


def gradebook(course: Path):
    from nbgrader.api import Gradebook

    return Gradebook(f"sqlite:///{course / 'gradebook.db'}")


@pytest.fixture(scope="module")
def course_lab(chromium_executable, tmp_path_factory, request):
    """A graded two-learner course, served by JupyterLab with formgrader."""
    lab = CourseLab(tmp_path_factory.mktemp("formgrader"))
    course = make_course(lab.root)
    submit_copy_of(course, "learner1", ROOT / "solutions" / ASSIGNMENT)
    partly = submit_copy_of(course, LEARNER, ROOT / "exercises" / ASSIGNMENT)
    write_learner_answers(partly, {"q1_rocks": "c", "reflection": REFLECTION})
    run_nbgrader(["autograde", ASSIGNMENT], course)
    yield from serve(lab, request)


@pytest.fixture
def grader_page(page, course_lab):
    """A page that may reach only our server, and records any script error."""
    page.set_default_timeout(TIMEOUT_MS)
    page.set_default_navigation_timeout(KERNEL_TIMEOUT_MS)
    expect.set_options(timeout=TIMEOUT_MS)
    page.blocked = []
    page.errors = []

    def only_local(route):
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            page.blocked.append(route.request.url)
            route.abort("internetdisconnected")

    page.route("**/*", only_local)
    page.on("pageerror", lambda err: page.errors.append(str(err)))
    return page


def scroll_below_navbar(locator) -> None:
    """Scroll the page so ``locator`` starts just below formgrader's fixed navigation bar."""
    locator.evaluate("el => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 70)")


def test_assessor_marks_reflection_in_formgrader(grader_page, course_lab):
    page, course = grader_page, course_lab.root
    with gradebook(course) as gb:
        submission = gb.find_submission_notebook(ASSIGNMENT, ASSIGNMENT, LEARNER)
        submission_id = submission.id
        before = {g.name: (g.auto_score, g.manual_score, g.needs_manual_grade) for g in submission.grades}
        auto_total = sum(g.auto_score or 0 for g in submission.grades if g.name != "reflection")
        max_score = submission.max_score
    assert before["reflection"] == (None, None, True), "the reflection waits for an assessor"
    assert auto_total == 1, "q1 right, nothing else answered"

    # -- Manage Assignments -> submissions of goal_and_mission -> the learner -> the notebook
    page.goto(course_lab.url("/formgrader"))
    expect(page).to_have_url(re.compile(r"/formgrader/manage_assignments$"))
    assignment_row = page.locator("tr", has=page.locator("td.name", has_text=ASSIGNMENT))
    assignment_row.locator("td.num-submissions a").click()
    expect(page).to_have_url(re.compile(rf"/formgrader/manage_submissions/{ASSIGNMENT}$"))
    learner_row = page.locator("tr", has=page.locator("td.student-id", has_text=re.compile(f"^{LEARNER}$")))
    learner_row.locator("td.student-name a").click()
    expect(page).to_have_url(re.compile(rf"/formgrader/manage_students/{LEARNER}/{ASSIGNMENT}$"))
    page.locator("td.name a", has_text=re.compile(f"^{ASSIGNMENT}$")).click()
    expect(page).to_have_url(re.compile(rf"/formgrader/submissions/{submission_id}/?$"))

    # -- the rubric, then the learner's saved reflection, with its score box
    score = page.locator("input.score#reflection")
    expect(score).to_be_visible()
    page.wait_for_function("() => window.formgrader && formgrader.grades && formgrader.grades.loaded")
    answer_cell = page.locator("div.cell", has=score)
    answer = answer_cell.locator(".panel-body .text_cell_render")
    expect(answer_cell.locator(".nbgrader-label")).to_have_text("Student's answer")
    expect(answer).to_have_text(REFLECTION)
    rubric_cell = answer_cell.locator("xpath=preceding-sibling::div[contains(@class, 'cell')][1]")
    expect(rubric_cell).to_contain_text(f"Rubric (up to {RUBRIC.max_points:g} points)")
    expect(rubric_cell).to_contain_text(RUBRIC.prompt)
    rows = rubric_cell.locator("table tbody tr").evaluate_all(
        "rows => rows.map(r => [...r.cells].map(c => c.textContent.trim()))"
    )
    assert rows == [[f"{lv.points:g}", lv.level, lv.descriptor + (f"Example: {lv.example}" if lv.example else "")]
                    for lv in sorted(RUBRIC.rubric, key=lambda lv: lv.points)]
    assert {"Explains", "Commits"} <= {row[1] for row in rows}

    # Rubric table and answer fit on one screen: the assessor reads both without scrolling.
    table = rubric_cell.locator("table")
    scroll_below_navbar(table)
    navbar_bottom = page.locator("nav.navbar-fixed-top").bounding_box()["height"]
    viewport = page.viewport_size["height"]
    table_box, answer_box, score_box = table.bounding_box(), answer.bounding_box(), score.bounding_box()
    assert table_box["y"] >= navbar_bottom, "rubric table hidden under the navigation bar"
    assert answer_box["y"] + answer_box["height"] <= viewport, "answer not on the same screen as the rubric"
    assert score_box["y"] + score_box["height"] <= viewport, "score box not on the same screen as the rubric"
    assert table_box["y"] < score_box["y"] < answer_box["y"], "rubric, then the score box, then the answer"

    # -- type a score and leave the box: formgrader saves on change
    score.click()
    with page.expect_response(lambda r: "/formgrader/api/grade/" in r.url and r.request.method == "PUT") as saved:
        page.keyboard.type(str(SCORE))
        page.keyboard.press("Tab")
    assert saved.value.status == 200, saved.value.text()
    assert saved.value.json()["manual_score"] == SCORE

    comment = answer_cell.locator("textarea.comment#reflection-comment")
    comment.click()
    with page.expect_response(lambda r: "/formgrader/api/comment/" in r.url and r.request.method == "PUT") as saved:
        page.keyboard.type(COMMENT)
        page.keyboard.press("Tab")
    assert saved.value.status == 200, saved.value.text()

    # -- the gradebook holds the mark and the comment
    with gradebook(course) as gb:
        grade = gb.find_grade("reflection", ASSIGNMENT, ASSIGNMENT, LEARNER)
        assert (grade.manual_score, grade.needs_manual_grade) == (SCORE, False)
        assert gb.find_comment("reflection", ASSIGNMENT, ASSIGNMENT, LEARNER).manual_comment == COMMENT
        submission = gb.find_submission_notebook(ASSIGNMENT, ASSIGNMENT, LEARNER)
        assert submission.score == auto_total + SCORE
        assert not submission.needs_manual_grade
        others = {g.name: (g.auto_score, g.manual_score, g.needs_manual_grade)
                  for g in submission.grades if g.name != "reflection"}
        assert others == {k: v for k, v in before.items() if k != "reflection"}, "no other mark changed"

    # -- and the formgrader shows them after a reload, and in the learner's list of notebooks
    page.reload()
    page.wait_for_function("() => window.formgrader && formgrader.grades && formgrader.grades.loaded "
                           "&& formgrader.comments && formgrader.comments.loaded")
    expect(score).to_have_value(str(SCORE))
    expect(comment).to_have_value(COMMENT)
    scroll_below_navbar(table)
    page.screenshot(path=SCREENSHOT)
    page.goto(course_lab.url(f"/formgrader/manage_students/{LEARNER}/{ASSIGNMENT}"))
    notebook_row = page.locator("tr", has=page.locator("td.name a", has_text=re.compile(f"^{ASSIGNMENT}$")))
    expect(notebook_row.locator("td.score")).to_have_text(f"{auto_total + SCORE:g} / {max_score:g}")
    expect(notebook_row.locator("td.needs-manual-grade")).to_have_text("")

    # Offline, formgrader's only outside request is MathJax from a CDN, and its only script
    # error is the one that follows (see the report: keyboard shortcuts are lost).
    assert all("mathjax" in url.lower() for url in page.blocked), page.blocked
    assert set(page.errors) <= {"MathJax is not defined"}, page.errors
