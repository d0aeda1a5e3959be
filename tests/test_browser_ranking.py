"""A ranking (situational judgement) question in a real JupyterLab and Debian's Chromium, with the
keyboard alone: Tab from one response's rank drop-down to the next, arrow keys to choose each rank.

The notebook is written into the served folder by this test: one cell builds a
``RankingQuestion`` from an in-memory bank (``parse_bank``) and an ``AnswerStore`` beside it.
A click on the question's words only sets where keyboard focus starts, as in the other
browser tests; every choice is made with keys.
"""

from __future__ import annotations

import json
import time

import nbformat
import pytest

from browser_support import playwright_expect

expect = playwright_expect()  # skips this module, with the reason, when Playwright is missing (fails in CI)

from browser_support import TIMEOUT_MS, code_cell, run_all, wait_idle  # noqa: E402

pytestmark = pytest.mark.browser

NOTEBOOK = "ranking_demo.ipynb"
WORKSPACE = "coursekit-ranking"
CORRECT = ["c", "a", "e", "b", "d"]
#: A long response must wrap above its drop-down, not be cut off.
LONG = (": ask the chief executive to sponsor the digital team in person and to say so at the next board "
        "meeting, with a date for the first visible result")
BANK = {
    "id": "demo", "title": "A ranking demo", "graded": False,
    "ranking": [{
        "id": "sjt", "scenario": "Illustrative situation. A trust's board hears that its new digital team "
                                 "has no chief executive sponsor.",
        "prompt": "Rank these responses from most appropriate (1) to least appropriate (5).",
        "source": "Clear leadership", "correct": CORRECT,
        "options": [{"id": rid, "text": f"Response {rid.upper()}" + (LONG if rid == "a" else ""),
                     "feedback": f"Why {rid.upper()} sits there."} for rid in "abcde"],
    }],
}
CELL = f"""from coursekit.questions.bank import parse_bank
from coursekit.answers import AnswerStore
from coursekit.learner.widgets import RankingQuestion
bank = parse_bank("demo", {BANK!r})
RankingQuestion(bank.question("sjt"), AnswerStore("demo", "."), graded=False, number=1)"""


def has_focus(locator) -> bool:
    return locator.evaluate("el => el === document.activeElement")


def focus_text(page) -> str:
    return page.evaluate("() => { const a = document.activeElement; return a ? a.outerHTML.slice(0, 120) : 'nothing'; }")


def saved_ranking(path, expected: dict, timeout: float = TIMEOUT_MS / 1000):
    """The saved ranking, once it is ``expected`` (the kernel writes the file after each key press)."""
    deadline, value = time.monotonic() + timeout, None
    while time.monotonic() < deadline:
        try:
            value = json.loads(path.read_text("utf-8"))["answers"]["sjt"]["value"]
        except (OSError, ValueError, KeyError):
            value = None
        if value == expected:
            return value
        time.sleep(0.2)
    return value


def test_rank_every_response_with_the_keyboard_alone(lab_page, jupyterlab):
    page = lab_page
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(CELL)], metadata={
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}}),
        jupyterlab.root / NOTEBOOK)
    answers_file = jupyterlab.root / "demo.answers.json"
    assert not answers_file.exists()

    page.goto(jupyterlab.url(f"/lab/workspaces/{WORKSPACE}/tree/{NOTEBOOK}"))
    page.locator(".jp-NotebookPanel .jp-Notebook .jp-Cell").first.wait_for()
    wait_idle(page)
    run_all(page)
    output = code_cell(page, "RankingQuestion(").locator(".jp-OutputArea-output")
    expect(output.locator(".coursekit-widget")).to_have_count(1)
    expect(output).to_contain_text("Illustrative situation")
    selects = output.locator("select")
    expect(selects).to_have_count(5)
    region = output.locator(".coursekit-live")
    expect(region).to_have_attribute("role", "status")
    expect(region).to_have_attribute("aria-live", "polite")
    cells = page.locator(".jp-Notebook .jp-Cell").count()

    output.get_by_text("Rank these responses").click()  # only sets where keyboard focus starts
    wanted = {rid: CORRECT.index(rid) + 1 for rid in "abcde"}
    for index, rid in enumerate("abcde"):
        select = selects.nth(index)
        for _ in range(4):
            if has_focus(select):
                break
            page.keyboard.press("Tab")
        assert has_focus(select), f"Tab did not reach the rank of response {rid}; focus is on {focus_text(page)}"
        label = select.evaluate("el => el.labels[0] ? el.labels[0].textContent : ''")
        assert label == f"Rank: Response {rid.upper()}" + (LONG if rid == "a" else ""), "labelled with its response"
        clipped = select.evaluate("""el => { const label = el.labels[0];
            const box = el.closest(".coursekit-widget").getBoundingClientRect();
            return label.scrollWidth > label.clientWidth + 1 || label.getBoundingClientRect().right > box.right + 1; }""")
        assert not clipped, f"the response text of {rid} is cut off"
        for _ in range(wanted[rid]):
            page.keyboard.press("ArrowDown")
            assert has_focus(select), f"ArrowDown moved focus to {focus_text(page)} (a notebook shortcut ran)"
        assert select.evaluate("el => el.selectedIndex") == wanted[rid]
        if index < 4:
            expect(region).to_contain_text(f"{4 - index} response{'s' if index < 3 else ''} still to rank")
    assert page.locator(".jp-Notebook .jp-Cell").count() == cells, "the keys changed the notebook's cells"

    assert saved_ranking(answers_file, wanted) == wanted
    # The live region announced the result, in words, for the learner's own ranking.
    expect(region).to_contain_text("✔ Correct")
    expect(region).to_contain_text("You ranked “Response C” 1st; the key also ranks it 1st. Why C sits there.")
    expect(region.locator(".coursekit-feedback")).to_have_count(1)

    # axe's WCAG 2.2 A/AA checks on what the widget draws (names, roles, contrast, structure).
    from axe_playwright_python.sync_playwright import Axe

    wcag_aa = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
               "resultTypes": ["violations"]}
    found = Axe().run(page, context={"include": [[".jp-OutputArea-output"]]}, options=wcag_aa).response["violations"]
    assert [f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes']][:3]}" for v in found] == []
