"""No key pressed on a coursekit control changes the notebook (real JupyterLab, Debian's Chromium).

A learner who focuses a quiz option, a checkbox, a button, a text box, a date box or a
drop-down and presses a letter must never insert, cut, merge, retype or delete a cell, hide
outputs, open a dialog or restart the kernel (JupyterLab's command-mode shortcuts). Every
control kind coursekit shows is focused in a lesson and in an exercise, and every letter,
Shift+letter and digit (and the two-key chords D D, I I, 0 0) is pressed on it; after each key
the notebook must be exactly as before and focus must still be on the control.
"""

from __future__ import annotations

import string

import pytest

from browser_support import playwright_expect

expect = playwright_expect()  # skips this module, with the reason, when Playwright is missing (fails in CI)

from browser_support import open_notebook, run_all, shut_down_sessions

pytestmark = pytest.mark.browser

#: Each control kind a learner can focus, as a CSS selector inside a coursekit widget.
CONTROLS = {
    "radio option": ".coursekit-radio-group:not(.coursekit-check-group) input[type=radio]",
    "quiz checkbox": ".coursekit-check-group input[type=checkbox]",
    "form checkbox": ".widget-checkbox input[type=checkbox]",
    "button": "button.widget-button:not([disabled])",
    "text box": ".widget-text input[type=text]",
    "text area": ".widget-textarea textarea",
    "date box": ".widget-datepicker input[type=date]",
    "drop-down": ".widget-dropdown select",
}

#: Which kinds each notebook must show (a lesson and a graded exercise with a form).
NOTEBOOKS = {
    "notebooks/03_a_team.ipynb": ("radio option", "quiz checkbox", "drop-down", "button"),
    "exercises/why_preconditions/why_preconditions.ipynb": tuple(CONTROLS),
}

KEYS = (
    list(string.ascii_lowercase)
    + ["d", "d", "i", "i", "0", "0"]  # JupyterLab's two-key chords: delete cell, interrupt, restart
    + list(string.digits)
    + [f"Shift+{c}" for c in string.ascii_uppercase]
)

#: What the learner would notice changing: cells (kind, source, collapsed/rendered state),
#: which cell is active, outputs, line numbers, dialogs (a restart asks first), edit mode.
SNAPSHOT_JS = """() => {
    const nb = document.querySelector(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook");
    const cells = [...nb.querySelectorAll(".jp-Cell")];
    const source = (cell) => {
        const editor = cell.querySelector(".jp-InputArea-editor .cm-content");
        return editor ? editor.textContent : (cell.querySelector(".jp-RenderedMarkdown") || {}).textContent;
    };
    const flags = (cell) => cell.className.split(/\\s+/)
        .filter(c => /Collapsed|Hidden|jp-mod-(rendered|noOutputs)|jp-(Code|Markdown|Raw)Cell/.test(c)).sort().join(" ");
    return {
        cells: cells.map(c => flags(c) + " | " + source(c)),
        active: cells.findIndex(c => c.classList.contains("jp-mod-active")),
        selected: cells.filter(c => c.classList.contains("jp-mod-selected")).length,
        outputs: nb.querySelectorAll(".jp-OutputArea-output").length,
        lineNumbers: nb.querySelectorAll(".cm-lineNumbers").length,
        dialogs: document.querySelectorAll(".jp-Dialog, .lm-Menu").length,
        mode: nb.classList.contains("jp-mod-editMode") ? "edit" : "command",
    };
}"""


def first_control(page, selector: str):
    return page.locator(".jp-OutputArea-output .coursekit-widget").locator(selector).first


def leaks(page, kind: str) -> list[str]:
    """Focus the first control of ``kind`` and press every key; what changed, key by key."""
    control = first_control(page, CONTROLS[kind])
    control.focus()
    page.wait_for_timeout(100)  # let the notebook take the focus change (command mode)
    before = page.evaluate(SNAPSHOT_JS)
    for key in KEYS:
        page.keyboard.press(key)
        after = page.evaluate(SNAPSHOT_JS)
        focused = control.evaluate("el => el === document.activeElement")
        if after != before or not focused:
            changed = sorted(k for k in after if after[k] != before[k]) + ([] if focused else ["focus left the control"])
            return [f"{kind}: key {key!r} changed {', '.join(changed)}"]
    return []


@pytest.mark.parametrize("notebook", sorted(NOTEBOOKS))
def test_no_key_on_a_coursekit_control_changes_the_notebook(lab_page, jupyterlab, notebook):
    page = lab_page
    shut_down_sessions(jupyterlab)
    open_notebook(page, jupyterlab, notebook)
    run_all(page)
    found = []
    for kind in NOTEBOOKS[notebook]:
        assert first_control(page, CONTROLS[kind]).count() == 1, f"{notebook} shows no {kind}"
        found += leaks(page, kind)
        page.keyboard.press("Escape")
    assert found == [], "Keys pressed on a coursekit control changed the notebook:\n" + "\n".join(found)
