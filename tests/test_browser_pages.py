"""Lessons and exercises read like pages in JupyterLab: text, figures and questions, not code.

A lesson or exercise opens in a real JupyterLab (started as `coursekit lab` starts it, with the
coursekit-pages extension) and, without anyone choosing "Run All", its first question becomes
usable; no code editor, no In/Out prompt, no kernel chooser and no news pop-up is in sight. The time
from opening the lesson to its first question being usable is printed and written to
``time_to_first_question.json`` in the test's temporary folder (test_browser_site.py measures the
site the same way). Screenshots go to /work/shots/ when that folder exists.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from browser_support import playwright_expect

expect = playwright_expect()  # skips this module, with the reason, when Playwright is missing (fails in CI)

from browser_support import CODE_IN_SIGHT_JS, KERNEL_TIMEOUT_MS, run_all, show_code, shut_down_sessions, wait_idle  # noqa: E402
from coursekit.grading.plugins import WRITTEN_ANSWER_STUB  # noqa: E402

pytestmark = pytest.mark.browser

#: The lesson test_browser_site.py measures too, so the two front ends can be set side by side.
LESSON = "notebooks/00_start_here.ipynb"
EXERCISE = "exercises/goal_and_mission/goal_and_mission.ipynb"
SHOTS = Path("/work/shots")
#: The run counts of the notebook's code cells, in order (read from the hidden prompts).
RUN_COUNTS_JS = """() => [...document.querySelectorAll(
    ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputArea-prompt")].map(p => p.textContent.trim())"""
PAGE_RUN_DONE = ".jp-NotebookPanel.ck-page[data-ck-page-run='done']"


def open_as_a_learner(page, jupyterlab, notebook: str):
    """Open ``notebook`` (no Run All) and wait for its first question to be usable; (its radio group, seconds)."""
    shut_down_sessions(jupyterlab)
    started = time.monotonic()
    page.goto(jupyterlab.lab_url(notebook), timeout=KERNEL_TIMEOUT_MS)
    question = page.locator(".jp-NotebookPanel .jp-OutputArea-output .coursekit-radio-group").first
    expect(question.locator("input[type=radio]").first).to_be_visible(timeout=KERNEL_TIMEOUT_MS)
    expect(question.locator("input[type=radio]").first).to_be_enabled()
    seconds = time.monotonic() - started
    page.locator(PAGE_RUN_DONE).wait_for(timeout=KERNEL_TIMEOUT_MS)
    wait_idle(page)
    return question, seconds


def nothing_but_the_page(page) -> None:
    expect(page.locator(".jp-Dialog")).to_have_count(0)  # no "Select Kernel" (or any other) dialog
    expect(page.locator(".jp-Notification-Toast, .Toastify__toast")).to_have_count(0)  # no news pop-up
    assert page.evaluate(CODE_IN_SIGHT_JS) == []


def ran_once(page) -> None:
    """Every code cell ran once, in order: the page ran once (its run counts, read with the code shown)."""
    show_code(page)
    counts = page.evaluate(RUN_COUNTS_JS)
    assert counts and counts == [f"[{i}]:" for i in range(1, len(counts) + 1)], counts


def shot(page, name: str) -> None:
    if SHOTS.is_dir():
        page.screenshot(path=SHOTS / name)


def test_a_lesson_opens_as_a_page_with_its_first_question_usable(lab_page, jupyterlab, tmp_path):
    page = lab_page
    question, seconds = open_as_a_learner(page, jupyterlab, LESSON)
    nothing_but_the_page(page)
    timing = {"front_end": "JupyterLab", "notebook": LESSON, "seconds_to_first_question": round(seconds, 1),
              "measured": "page opened (no Run All) until the first quiz's radio buttons are visible and enabled"}
    (tmp_path / "time_to_first_question.json").write_text(json.dumps(timing, indent=2), "utf-8")
    print(f"\nJupyterLab: {LESSON}'s first question usable {seconds:.1f} s after opening it (no Run All)")
    question.locator("input[type=radio]").first.click()  # the button itself takes the click (nothing lies over it)
    expect(question.locator("input[type=radio]:checked")).to_have_count(1)
    shot(page, "lab_lesson.png")
    ran_once(page)


def test_an_exercise_opens_as_a_page_and_keeps_its_written_answer_cells(lab_page, jupyterlab):
    page = lab_page
    question, _ = open_as_a_learner(page, jupyterlab, EXERCISE)
    nothing_but_the_page(page)
    written = page.locator(".jp-MarkdownCell .jp-RenderedMarkdown", has_text=WRITTEN_ANSWER_STUB.strip("*"))
    expect(written.first).to_be_attached()
    written.first.scroll_into_view_if_needed()
    expect(written.first).to_be_visible()
    shot(page, "lab_exercise.png")
    ran_once(page)
    # Run All again, as a learner used to: harmless (the questions come back, no error).
    run_all(page)
    expect(question.locator("input[type=radio]").first).to_be_enabled()
    errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.error']")
    expect(errors).to_have_count(0)
