"""In a real Chromium: a learner's script payloads are shown as text and run nothing, in
formgrader (the assessor's JupyterLab origin) and in the feedback page opened from disk.

The submission (tests/hostile_support.py) carries payloads in the reflection saved in the
answers file, in a markdown cell the learner added, in a raw HTML cell, an SVG attachment,
widget state and answers-file keys. Each payload, if it ran, would set ``window.__pwned``
or the page's title; the test reads both back after the page has settled, and checks
that the payloads' words are on the page for a reader to see.
"""

from __future__ import annotations

import re

import pytest

from browser_support import playwright_expect

expect = playwright_expect()  # skips this module, with the reason, when Playwright is missing (fails in CI)

from browser_support import serve
from course_support import ASSIGNMENT, make_course
from coursekit.cohort.nbgrader_run import run_nbgrader
from hostile_support import BAD_KEY, PAYLOADS, submit_hostile
from test_browser_formgrader import CourseLab, gradebook, grader_page  # noqa: F401 - grader_page is a fixture

pytestmark = pytest.mark.browser

LEARNER = "hostile"
CANARY = "() => ({title: document.title, pwned: window.__pwned === undefined ? null : String(window.__pwned), " \
         "parentPwned: window.parent.__pwned === undefined ? null : String(window.parent.__pwned)})"
SETTLE_MS = 1500  # an onerror or ontoggle handler fires within a moment of the page loading


@pytest.fixture(scope="module")
def course_lab(chromium_executable, tmp_path_factory, request):
    """A course with one hostile, graded submission (and its feedback), served with formgrader."""
    lab = CourseLab(tmp_path_factory.mktemp("hostile-formgrader"))
    course = make_course(lab.root)
    submit_hostile(course, LEARNER)
    run_nbgrader(["autograde", ASSIGNMENT], course)
    run_nbgrader(["generate_feedback", ASSIGNMENT], course)
    yield from serve(lab, request)


def _nothing_ran(page) -> None:
    page.wait_for_timeout(SETTLE_MS)
    fired = page.evaluate(CANARY)
    assert fired["pwned"] is None and fired["parentPwned"] is None, fired
    assert "pwned" not in fired["title"], fired
    # the javascript: link, if it were a link, would run when clicked
    assert page.locator("a[href^='javascript:' i]").count() == 0
    rendered = page.locator(".text_cell_render, .output_area")
    assert rendered.count() > 0
    assert rendered.locator("img, script, details, svg, iframe, object, embed").count() == 0


def test_formgrader_shows_the_payloads_as_text_and_runs_nothing(grader_page, course_lab):
    page, course = grader_page, course_lab.root
    with gradebook(course) as gb:
        submission_id = gb.find_submission_notebook(ASSIGNMENT, ASSIGNMENT, LEARNER).id
    page.goto(course_lab.url("/formgrader"))  # the token becomes a cookie for formgrader's own API calls
    page.goto(f"{course_lab.base}/formgrader/submissions/{submission_id}")
    score = page.locator("input.score#reflection")
    expect(score).to_be_visible()
    page.wait_for_function("() => window.formgrader && formgrader.grades && formgrader.grades.loaded")

    answer = page.locator("div.cell", has=score).locator(".panel-body .text_cell_render")
    expect(answer).to_contain_text("Our board will name one goal by March.")
    for payload in PAYLOADS:
        expect(answer).to_contain_text(payload)  # the reflection, every payload as visible text
    notes = page.locator(".text_cell_render", has_text="Notes from grading")
    expect(notes).to_contain_text(BAD_KEY)
    added = page.locator(".text_cell_render", has_text="A note I added.")
    expect(added).to_contain_text(PAYLOADS[1])
    expect(page.locator(".text_cell_render", has_text="<p>raw</p>")).to_have_count(1)
    _nothing_ran(page)
    # The assessor can still mark it.
    score.fill("2")
    with page.expect_response(lambda r: "/formgrader/api/grade/" in r.url and r.request.method == "PUT") as saved:
        score.press("Tab")
    assert saved.value.status == 200
    _nothing_ran(page)


def test_feedback_opened_from_disk_shows_the_payloads_as_text_and_runs_nothing(page, course_lab):
    feedback = course_lab.root / "feedback" / LEARNER / ASSIGNMENT / f"{ASSIGNMENT}.html"
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(feedback.as_uri())
    expect(page.get_by_role("heading", level=1).first).to_contain_text("Your feedback")
    written = page.locator(".nbgrader_cell", has_text="Our board will name one goal by March.")
    for payload in PAYLOADS:
        expect(written).to_contain_text(payload)
    expect(page.locator("body")).to_contain_text(BAD_KEY)
    _nothing_ran(page)
    assert [url for url in requests if not url.startswith("file://")] == [], "the page loads nothing from outside"
    assert re.search(r"default-src 'none'", page.locator("meta[http-equiv='Content-Security-Policy']")
                     .get_attribute("content"))
