"""A learner's path through Lesson 4 in a real browser (Debian's Chromium) and JupyterLab.

Runs with plain ``python -m pytest``; the browser and server come from the fixtures in
conftest.py (section "Browser fixtures") and the helpers in browser_support.py.
"""

from __future__ import annotations

import json
import re

import pytest

from browser_support import playwright_expect

expect = playwright_expect()  # skips this module, with the reason, when Playwright is missing (fails in CI)

from browser_support import (
    LESSON,
    checked_labels,
    focused_radio_label,
    open_notebook,
    quiz_output,
    restart_kernel,
    run_all,
    scroll_to_top,
    tab_into,
)
from coursekit import figures
from coursekit.questions.bank import load_bank

pytestmark = pytest.mark.browser

BANK = load_bank("04_goal_and_mission")
MOUSE_QID = "rocks"  # answered with the mouse
KEYBOARD_QID = "govuk"  # answered with the keyboard alone
RESTORED = "(restored from your saved answers)"
SCREENSHOT = "/tmp/browser_lesson.png"


def correct_text(qid: str) -> str:
    question = BANK.choice(qid)
    return question.option(question.correct).text


def wrong_option(qid: str):
    question = BANK.choice(qid)
    return next(o for o in question.options if o.id != question.correct)


def wrong_text(qid: str) -> str:
    return wrong_option(qid).text


def assert_feedback(output, *, correct: bool, restored: bool = False) -> None:
    """The feedback under a question: words, not only symbols, in a polite live region."""
    feedback = output.locator(".coursekit-feedback")
    word = "Correct" if correct else "Not quite"
    lead = f"{'✔' if correct else '✘'} {word}{' ' + RESTORED if restored else ''}."
    expect_text = re.compile("^" + re.escape(lead))
    expect(feedback).to_have_count(1)
    expect(feedback).to_have_text(expect_text)
    region = output.locator(".coursekit-live")
    expect(region).to_have_attribute("role", "status")
    expect(region).to_have_attribute("aria-live", "polite")
    if not restored:
        expect(feedback).not_to_contain_text(RESTORED)


def arrow_to(page, output, label: str) -> None:
    """Arrow keys from the focused radio to the one labelled ``label``: each step also selects."""
    labels = output.locator("input[type=radio]").evaluate_all("els => els.map(e => e.closest('label').textContent)")
    for _ in range(len(labels)):
        current = focused_radio_label(output)
        assert current in labels, f"keyboard focus left the question (now on {current!r})"
        if current == label:
            return
        page.keyboard.press("ArrowDown" if labels.index(label) > labels.index(current) else "ArrowUp")
    assert focused_radio_label(output) == label


def test_lesson_in_jupyterlab(lab_page, jupyterlab):
    page = lab_page
    assert (jupyterlab.root / LESSON).is_file(), f"{LESSON} is missing from the course"

    # 1. Open the lesson and run every cell from the Run menu.
    open_notebook(page, jupyterlab, LESSON)
    run_all(page)
    expect(page.locator(".jp-OutputArea-output").filter(has_text="✔ Ready:")).to_have_count(1)
    quizzes = page.locator(".jp-OutputArea-output .coursekit-widget")
    expect(quizzes).to_have_count(len(BANK.choices) + len(BANK.multis))

    # 2. Answer with the mouse: a wrong option first, then the right one.
    mouse = quiz_output(page, MOUSE_QID)
    status = mouse.locator("[role=status]")
    expect(status).to_have_attribute("aria-live", "polite")
    status.evaluate("el => { window.__ckFirstStatus = el; }")
    mouse.get_by_role("radio", name=wrong_text(MOUSE_QID), exact=True).click()
    assert_feedback(mouse, correct=False)
    expect(mouse.locator(".coursekit-feedback")).to_contain_text(wrong_option(MOUSE_QID).feedback)
    mouse.locator("label", has_text=correct_text(MOUSE_QID)).click()  # clicking the words works too
    assert_feedback(mouse, correct=True)
    assert checked_labels(mouse) == [correct_text(MOUSE_QID)]
    assert status.evaluate("el => el === window.__ckFirstStatus"), \
        "the live region must stay in place so screen readers announce each change"
    expect(mouse.locator("fieldset legend")).to_contain_text(BANK.choice(MOUSE_QID).prompt[:30])

    # 3. Answer with the keyboard alone. A click on the question's words only sets where focus
    # starts; from there: Tab into the group, arrow keys to move and choose, Tab out again.
    keys = quiz_output(page, KEYBOARD_QID)
    keys.locator("legend").click()
    first = tab_into(page, keys)
    assert first == BANK.choice(KEYBOARD_QID).options[0].text
    if first == wrong_text(KEYBOARD_QID):
        page.keyboard.press("Space")
    else:
        arrow_to(page, keys, wrong_text(KEYBOARD_QID))
    assert_feedback(keys, correct=False)
    assert checked_labels(keys) == [wrong_text(KEYBOARD_QID)]
    arrow_to(page, keys, correct_text(KEYBOARD_QID))
    assert_feedback(keys, correct=True)
    assert checked_labels(keys) == [correct_text(KEYBOARD_QID)]
    assert focused_radio_label(keys) == correct_text(KEYBOARD_QID), "focus should stay on the chosen option"
    page.keyboard.press("Tab")
    assert focused_radio_label(keys) is None, "one Tab leaves the group: it is a single tab stop"

    # The answers are saved beside the notebook, in the temporary copy.
    saved = json.loads((jupyterlab.root / "notebooks" / "04_goal_and_mission.answers.json").read_text())
    assert {q: a["value"] for q, a in saved["answers"].items()} == {
        MOUSE_QID: BANK.choice(MOUSE_QID).correct,
        KEYBOARD_QID: BANK.choice(KEYBOARD_QID).correct,
    }

    # 4. Restart the kernel, run everything again: both answers come back, and say so.
    restart_kernel(page)
    run_all(page)
    for qid in (MOUSE_QID, KEYBOARD_QID):
        output = quiz_output(page, qid)
        expect(output.get_by_role("radio", name=correct_text(qid), exact=True)).to_be_checked()
        assert checked_labels(output) == [correct_text(qid)]
        assert_feedback(output, correct=True, restored=True)
    expect(page.locator(".jp-OutputArea-output").filter(has_text="2 saved answers restored.")).to_have_count(1)

    # 5. Every figure keeps its image and its alt text through JupyterLab's rendering.
    notebook = json.loads((jupyterlab.root / LESSON).read_text())
    figure_names = [
        name
        for cell in notebook["cells"] if cell["cell_type"] == "code"
        for name in re.findall(r"lesson\.figure\(\s*[\"']([^\"']+)[\"']\s*\)", "".join(cell["source"]))
    ]
    assert figure_names, "the lesson shows no figures"
    images = page.locator(".jp-OutputArea-output img")
    expect(images).to_have_count(len(figure_names))
    found = images.evaluate_all(
        """els => els.map(e => ({alt: e.getAttribute('alt'), loaded: e.complete && e.naturalWidth > 0,
                                 caption: !!(e.closest('figure') && e.closest('figure').querySelector('figcaption'))}))"""
    )
    for name, image in zip(figure_names, found):
        assert image["alt"] and image["alt"].strip(), f"figure {name!r} lost its alt text"
        assert image["alt"] == figures.get(name).alt, f"figure {name!r}: alt text changed on the way"
        assert image["loaded"], f"figure {name!r}: the image did not load (stripped src?)"
        assert image["caption"], f"figure {name!r}: no <figure>/<figcaption> around the image"

    # 6. In a narrow window, long option texts wrap inside the notebook and nothing is cut off.
    page.set_viewport_size({"width": 900, "height": 900})
    longest = max((o.text for q in BANK.choices.values() for o in q.options), key=len)
    page.mouse.move(5, 600)  # no hover effects in the screenshot
    # The screenshot shows the mouse-answered question: wrapped options, its radio checked
    # again after the restart, and the restored feedback.
    scroll_to_top(page, mouse)
    layout = quizzes.locator(".coursekit-radio-group label").evaluate_all(
        """els => els.map(l => {
            const area = l.closest('.jp-OutputArea-output').getBoundingClientRect();
            const r = l.getBoundingClientRect(), radio = l.querySelector('input').getBoundingClientRect();
            return {text: l.textContent, overflowX: l.scrollWidth - l.clientWidth,
                    overflowY: l.scrollHeight - l.clientHeight, pastRight: r.right - area.right,
                    height: r.height, lineHeight: parseFloat(getComputedStyle(l).lineHeight),
                    radioTop: radio.top - r.top};
        })"""
    )
    # Radios and choose-all checkboxes share the same fieldset layout.
    assert len(layout) == sum(len(q.options) for q in (*BANK.choices.values(), *BANK.multis.values()))
    for label in layout:
        assert label["overflowX"] <= 1 and label["overflowY"] <= 1, f"option text cut off: {label}"
        assert label["pastRight"] <= 1, f"option text runs out of the output area: {label}"
    wrapped = next(label for label in layout if label["text"] == longest)
    assert wrapped["height"] > 1.5 * wrapped["lineHeight"], f"the longest option does not wrap: {wrapped}"
    page.screenshot(path=SCREENSHOT)
    misplaced = [label["text"] for label in layout if label["radioTop"] > 0.75 * label["lineHeight"]]
    assert not misplaced, f"radio buttons sit beside the second line of their text: {misplaced[0]!r} ({SCREENSHOT})"
