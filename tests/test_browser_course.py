"""Every lesson in a real browser: open it, run it, answer one quiz question, hear the
feedback; then open the progress view and see those answers counted.

Runs with plain ``python -m pytest``; the server and browser come from conftest.py.
"""

from __future__ import annotations

import re

import pytest

from browser_support import playwright_expect

expect = playwright_expect()  # skips this module, with the reason, when Playwright is missing (fails in CI)

from browser_support import open_notebook, quiz_output, run_all, shut_down_sessions
from coursekit import syllabus
from coursekit.questions.bank import Choice, Match, Multi, load_bank

pytestmark = pytest.mark.browser

COURSE = syllabus.read(syllabus.Path(__file__).resolve().parents[1] / "course" / "syllabus.toml")


def _first_quiz(notebook: str) -> str:
    import nbformat

    from course_support import ROOT

    nb = nbformat.read(ROOT / "notebooks" / f"{notebook}.ipynb", as_version=4)
    for cell in nb.cells:
        found = re.search(r'lesson\.quiz\("([^"]+)"\)', cell.source) if cell.cell_type == "code" else None
        if found:
            return found.group(1)
    raise AssertionError(f"{notebook} has no quiz question")


def _answer_rightly(output, question) -> str:
    """Answer ``question`` correctly in its rendered output; the words the feedback starts with."""
    if isinstance(question, Choice):
        output.locator("label", has_text=question.option(question.correct).text).first.click()
        return "✔ Correct"
    if isinstance(question, Multi):
        for option_id in question.correct:
            output.locator("label", has_text=question.option(option_id).text).first.click()
        return "✔ Correct"
    assert isinstance(question, Match)
    for index, item in enumerate(question.items):
        category = question.category(question.correct[item.id]).text
        output.locator("select").nth(index).select_option(label=category)
    output.get_by_role("button", name="Check my matches").click()
    return f"{len(question.items)} of {len(question.items)} matched rightly"


@pytest.mark.parametrize("lesson", COURSE.lessons, ids=lambda lesson: lesson.notebook)
def test_one_quiz_question_in_every_lesson(lab_page, jupyterlab, lesson):
    page = lab_page
    path = f"notebooks/{lesson.notebook}.ipynb"
    assert (jupyterlab.root / path).is_file(), f"{path} is missing from the course"
    shut_down_sessions(jupyterlab)  # earlier browser tests may have run this notebook already
    open_notebook(page, jupyterlab, path)
    run_all(page)
    expect(page.locator(".jp-OutputArea-output").filter(has_text="✔ Ready:")).to_have_count(1)
    expect(page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.error']")).to_have_count(0)
    qid = _first_quiz(lesson.notebook)
    question = load_bank(lesson.notebook).question(qid)
    output = quiz_output(page, qid)
    output.scroll_into_view_if_needed()
    lead = _answer_rightly(output, question)
    region = output.locator("[role=status]").filter(has_text=lead)
    expect(region).to_have_count(1)
    expect(region).to_have_attribute("aria-live", "polite")
    # The answer is saved beside the notebook, as data.
    saved = jupyterlab.root / "notebooks" / f"{lesson.notebook}.answers.json"
    assert saved.is_file() and f'"{qid}"' in saved.read_text()


def test_progress_view_counts_the_answers_given(lab_page, jupyterlab):
    """After the lesson tests above (same server), the progress view shows each lesson's
    answered quiz question, as a chart with a text equivalent and as a table in words."""
    page = lab_page
    shut_down_sessions(jupyterlab)
    open_notebook(page, jupyterlab, "notebooks/progress.ipynb")
    run_all(page)
    view = page.locator(".jp-OutputArea-output").filter(has=page.locator("table.coursekit-progress"))
    expect(view).to_have_count(1)
    image = view.locator("figure svg[role='img']")
    expect(image).to_have_count(1)
    alt = image.locator("desc").text_content()
    assert alt and alt.startswith("Bar chart of your progress by lesson")
    answered = [lesson for lesson in COURSE.lessons
                if (jupyterlab.root / "notebooks" / f"{lesson.notebook}.answers.json").is_file()]
    assert answered, "the lesson tests saved answers the view can count"
    for lesson in answered:
        row = view.locator("table.coursekit-progress tbody tr").nth(COURSE.lessons.index(lesson))
        quiz_cell = row.locator("td").first
        done = int(quiz_cell.inner_text().split(" of ")[0])
        assert done >= 1, f"lesson {lesson.number}: the answered quiz question is not counted"
        assert f"lesson {lesson.number} " in alt
    expect(view.get_by_text("Still to do before your record of completion")).to_have_count(1)
