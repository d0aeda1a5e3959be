"""A learner's path through the graded exercise in a real browser (Debian's Chromium) and JupyterLab.

exercises/goal_and_mission/goal_and_mission.ipynb, driven with the keyboard wherever a
keyboard user would: the radio group of question 1, every field of the goal form (text,
dropdowns, date), its three buttons and the reflection box. Question 2 is answered with
the mouse. Graded questions must confirm that the answer is saved without giving away
whether it is right.

Runs with plain ``python -m pytest``; the browser and server come from the fixtures in
conftest.py (section "Browser fixtures") and the helpers in browser_support.py. This test
opens its notebook in a workspace of its own, so the lesson notebook that
tests/test_browser.py leaves open in JupyterLab's default workspace (same session-scoped
server) is not restored beside it, and vice versa. The two notebooks keep their answers in
different files (exercises/goal_and_mission/… and notebooks/…).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import time

import pytest

from browser_support import playwright_expect

expect = playwright_expect()  # skips this module, with the reason, when Playwright is missing (fails in CI)

from browser_support import (
    KERNEL_TIMEOUT_MS,
    TIMEOUT_MS,
    checked_labels,
    code_cell,
    focused_radio_label,
    restart_kernel,
    run_all,
    settle,
    scroll_to_top,
    tab_into,
    wait_idle,
)
from coursekit.questions import goal
from coursekit.questions.bank import load_bank
from coursekit.questions.outcomes import Outcome

pytestmark = pytest.mark.browser

EXERCISE = "exercises/goal_and_mission/goal_and_mission.ipynb"
ANSWERS = "exercises/goal_and_mission/goal_and_mission.answers.json"
#: A workspace of this test's own (see the module docstring).
WORKSPACE = "coursekit-exercise"
BANK = load_bank("goal_and_mission")
KEYBOARD_QID = "q1_rocks"  # answered with the keyboard alone
MOUSE_QID = "q2_first_goal"  # answered with the mouse
KEYBOARD_CHOICE = "c"  # "Collecting rocks": not the first option, so the arrow keys must move
MOUSE_CHOICE = "b"
REVEALING = re.compile(r"Correct|Not quite|Not right|✘")
SCREENSHOT = "/tmp/browser_exercise.png"
#: For each <select>: its label, the width of its widest option's words in its own font, and
#: the room it has for them (its inner width less padding, which holds the arrow).
DROPDOWN_FIT_JS = """els => els.map(el => {
    const cs = getComputedStyle(el), probe = document.createElement("span");
    probe.style.font = cs.font;
    probe.style.whiteSpace = "pre";
    document.body.appendChild(probe);
    const widths = [...el.options].map(o => { probe.textContent = o.text; return probe.getBoundingClientRect().width; });
    probe.remove();
    const widest = Math.max(...widths);
    return {label: el.labels[0].textContent, option: el.options[widths.indexOf(widest)].text.replace(/\u00a0/g, " "),
            widest: Math.round(widest),
            room: Math.round(el.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight))};
})"""
#: For each row of the form (a label and its field): where it is, and how far its label or
#: field reaches past its edges.
ROWS_JS = """els => els.map(row => {
    const r = row.getBoundingClientRect();
    const spill = Math.max(0, ...[...row.children].map(c => {
        const b = c.getBoundingClientRect();
        return Math.max(r.top - b.top, b.bottom - r.bottom, r.left - b.left, b.right - r.right);
    }));
    return {label: row.querySelector(".widget-label").textContent, top: Math.round(r.top),
            bottom: Math.round(r.bottom), spill: Math.round(spill)};
})"""

#: The learner's first goal: meets all five criteria of coursekit.questions.goal.check_goal.
DUE = dt.date.today() + dt.timedelta(days=90)
GOAL_TEXT = "Patients at our eye clinic can change their own appointment online without phoning us."
DIFFERENCE_TEXT = "Patients rebook in two minutes on their phone instead of waiting on hold."
#: Field -> (the dropdown's label, the option's value, the option's words as shown).
DROPDOWNS = {
    name: (label, value, dict((v, text) for text, v in options)[value])
    for name, label, value, options in (
        ("kind", "What kind of thing is it?", "service", goal.KIND_OPTIONS),
        ("users", "Who will see it or use it?", "patients", goal.USERS_OPTIONS),
        ("scale", "How big is the job?", "one_team", goal.SCALE_OPTIONS),
        ("risk", "If it went wrong, what would happen?", "low", goal.RISK_OPTIONS),
        ("different", "How different will it feel to them?", "strikingly", goal.DIFFERENT_OPTIONS),
    )
}
EXPECTED_GOAL = {
    "goal": GOAL_TEXT, "kind": "service", "users": "patients", "date": DUE.isoformat(),
    "scale": "one_team", "risk": "low", "difference": DIFFERENCE_TEXT, "different": "strikingly",
}
REFLECTION = (
    "At our board, collecting rocks sounds like waiting for the new patient record before anything else. "
    "That matters because SCAS learned to stage changes and keep pace. At the next meeting I will ask "
    "for one small online booking goal with a date."
)


# -- small helpers ---------------------------------------------------------------------------

def ask_output(page, qid: str):
    """The rendered widget output of the ``ex.ask("<qid>")`` cell."""
    return code_cell(page, f'ex.ask("{qid}")').locator(".jp-OutputArea-output")


def option_text(qid: str, option_id: str) -> str:
    return BANK.choice(qid).option(option_id).text


def describe_focus(page) -> str:
    """What has keyboard focus, in words, for failure messages."""
    return page.evaluate(
        """() => {
            const a = document.activeElement;
            if (!a) return "nothing";
            const label = a.labels && a.labels[0] ? a.labels[0].textContent : (a.textContent || "").slice(0, 60);
            const cell = a.closest(".jp-Cell");
            return `<${a.tagName.toLowerCase()}${a.type ? " type=" + a.type : ""}> ${JSON.stringify(label)}`
                + (cell ? " in a notebook cell" : " outside the notebook's cells");
        }"""
    )


def has_focus(locator) -> bool:
    return locator.evaluate("el => el === document.activeElement")


def tab_to(page, target, what: str, max_presses: int = 6) -> None:
    """Press Tab until ``target`` has keyboard focus (a date input takes several Tabs)."""
    for _ in range(max_presses):
        page.keyboard.press("Tab")
        if has_focus(target):
            return
    raise AssertionError(f"{max_presses} Tab presses did not reach {what}; focus is on {describe_focus(page)}.")


def select_value(select) -> str:
    return select.evaluate("el => el.value")


def choose_with_keys(page, select, wanted: str, what: str, *, type_ahead: str | None = None) -> None:
    """Choose ``wanted`` in the focused native <select>, as a keyboard user does: type its
    first letter, or ArrowDown/ArrowUp. Focus must stay on the dropdown after every key."""
    assert has_focus(select), f"{what}: the dropdown does not have focus ({describe_focus(page)})"
    options = select.evaluate("el => [...el.options].map(o => o.value)")
    assert wanted in options, f"{what}: {wanted!r} is not one of {options}"
    if type_ahead is not None:
        keys = list(type_ahead)
    else:
        steps = options.index(wanted) - select.evaluate("el => el.selectedIndex")
        keys = ["ArrowDown" if steps > 0 else "ArrowUp"] * abs(steps)
    cells_before = page.locator(".jp-Notebook .jp-Cell").count()
    for key in keys:
        page.keyboard.press(key)
        assert has_focus(select), (
            f"{what}: pressing {key!r} on the dropdown moved keyboard focus to {describe_focus(page)} "
            f"instead of choosing an option (the dropdown shows {select_value(select)!r}; the notebook had "
            f"{cells_before} cells and now has {page.locator('.jp-Notebook .jp-Cell').count()}). "
            "JupyterLab ran the key as a notebook command-mode shortcut."
        )
    assert page.locator(".jp-Notebook .jp-Cell").count() == cells_before, (
        f"{what}: typing {keys} on the dropdown added or removed notebook cells (a command-mode shortcut ran)"
    )
    assert select_value(select) == wanted, f"{what}: keys {keys} chose {select_value(select)!r}, not {wanted!r}"


def type_date(page, date_input, day: dt.date) -> None:
    """Type a date's digits into the focused native date input, in the browser locale's order."""
    order = page.evaluate(
        """() => new Intl.DateTimeFormat(navigator.language, {year: "numeric", month: "2-digit", day: "2-digit"})
            .formatToParts(new Date(2001, 10, 23)).map(p => p.type).filter(t => ["year", "month", "day"].includes(t))"""
    )
    assert sorted(order) == ["day", "month", "year"], f"unexpected date format parts {order}"
    digits = {"year": f"{day.year:04d}", "month": f"{day.month:02d}", "day": f"{day.day:02d}"}
    page.keyboard.type("".join(digits[part] for part in order))
    expect(date_input).to_have_value(day.isoformat())


def radio_arrow_to(page, output, label: str) -> None:
    """Arrow keys from the focused radio to the one labelled ``label``. Each step selects (and
    saves) an option; each must be confirmed as saved, without saying whether it is right."""
    labels = output.locator("input[type=radio]").evaluate_all("els => els.map(e => e.closest('label').textContent)")
    feedback = output.locator(".coursekit-feedback")
    for _ in range(len(labels)):
        current = focused_radio_label(output)
        assert current in labels, f"keyboard focus left the question (now on {describe_focus(page)})"
        if current == label:
            return
        page.keyboard.press("ArrowDown" if labels.index(label) > labels.index(current) else "ArrowUp")
        now = focused_radio_label(output)
        expect(feedback).to_contain_text(f"“{now}”")
        expect(feedback).not_to_contain_text(REVEALING)
    assert focused_radio_label(output) == label


def assert_graded_feedback(output, chosen: str, *, restored: bool = False) -> None:
    """A graded question confirms the saved answer, quotes it, and never reveals the key."""
    feedback = output.locator(".coursekit-feedback")
    expect(feedback).to_have_count(1)
    expect(feedback).to_contain_text(re.compile(r"^✔ Saved\."))
    expect(feedback).to_contain_text(f"“{chosen}”")
    expect(feedback).not_to_contain_text(REVEALING)
    if restored:
        expect(feedback).to_contain_text("(restored from your saved answers)")
    else:
        expect(feedback).not_to_contain_text("restored")
    assert_live_regions(output, 1)


def assert_live_regions(container, count: int):
    """``count`` feedback regions in ``container``, each a polite status region; returns them."""
    regions = container.locator(".coursekit-live")
    expect(regions).to_have_count(count)
    for i in range(count):
        expect(regions.nth(i)).to_have_attribute("role", "status")
        expect(regions.nth(i)).to_have_attribute("aria-live", "polite")
    return regions


def read_answers(path, expected: set[str], timeout: float = TIMEOUT_MS / 1000) -> dict:
    """The answers file's answers, once it holds every id in ``expected`` (the kernel writes it)."""
    deadline = time.monotonic() + timeout
    answers: dict = {}
    while time.monotonic() < deadline:
        try:
            answers = json.loads(path.read_text())["answers"]
        except (OSError, ValueError, KeyError):
            answers = {}
        if expected <= set(answers):
            return answers
        time.sleep(0.2)
    raise AssertionError(f"{path.name} holds {sorted(answers)}, not all of {sorted(expected)}")


def open_in_own_workspace(page, lab, notebook: str) -> None:
    """Like browser_support.open_notebook, but in a workspace of this test's own."""
    page.goto(lab.url(f"/lab/workspaces/{WORKSPACE}/tree/{notebook}"), timeout=KERNEL_TIMEOUT_MS)
    page.locator(".jp-NotebookPanel .jp-Notebook .jp-Cell").first.wait_for(timeout=KERNEL_TIMEOUT_MS)
    settle(page)
    open_tabs = page.locator(".jp-NotebookPanel").count()
    assert open_tabs == 1, f"{open_tabs} notebooks are open; this test expects only {notebook}"


# -- the test ----------------------------------------------------------------------------------

def test_graded_exercise_in_jupyterlab(lab_page, jupyterlab):
    page = lab_page
    assert (jupyterlab.root / EXERCISE).is_file(), f"{EXERCISE} is missing from the course"
    answers_file = jupyterlab.root / ANSWERS
    assert not answers_file.exists(), "the served copy must start without saved answers"

    # 1. Open the exercise and run every cell from the Run menu.
    open_in_own_workspace(page, jupyterlab, EXERCISE)
    run_all(page)
    outputs = page.locator(".jp-OutputArea-output")
    expect(outputs.filter(has_text="✔ Ready:")).to_have_count(1)
    expect(outputs.filter(has_text="✔ Ready:")).to_contain_text(BANK.title)
    expect(outputs.filter(has_text="saved answers restored")).to_have_count(0)
    expect(page.locator(".jp-OutputArea-output .coursekit-widget .coursekit-radio-group")).to_have_count(len(BANK.choices) + len(BANK.multis))
    cell_count = page.locator(".jp-Notebook .jp-Cell").count()

    # 2. Part A. Question 1 with the keyboard alone: a click on the question's words only sets
    # where focus starts; then Tab into the group and arrow keys to move and choose.
    q1 = ask_output(page, KEYBOARD_QID)
    chosen_q1 = option_text(KEYBOARD_QID, KEYBOARD_CHOICE)
    q1.locator("legend").click()
    first = tab_into(page, q1)
    assert first == BANK.choice(KEYBOARD_QID).options[0].text
    page.keyboard.press("Space")  # choose the option focus landed on ...
    assert_graded_feedback(q1, first)
    radio_arrow_to(page, q1, chosen_q1)  # ... then move to another: each step is saved
    assert_graded_feedback(q1, chosen_q1)
    assert checked_labels(q1) == [chosen_q1]
    expect(q1.locator(".coursekit-feedback")).to_contain_text("marked when you submit")

    # Question 2 with the mouse (a click on the option's words).
    q2 = ask_output(page, MOUSE_QID)
    chosen_q2 = option_text(MOUSE_QID, MOUSE_CHOICE)
    q2.locator("label", has_text=chosen_q2).click()
    assert_graded_feedback(q2, chosen_q2)
    assert checked_labels(q2) == [chosen_q2]

    # 3. Run the test cell under question 1: click into it, Shift+Enter. It reports what is
    # saved, not whether it is right (before, it said the question was not attempted).
    check_cell = code_cell(page, f'ex.check("{KEYBOARD_QID}")')
    check_output = check_cell.locator(".jp-OutputArea-output")
    expect(check_output).to_contain_text("Not attempted")
    check_cell.locator(".jp-InputArea-editor").click()
    page.keyboard.press("Shift+Enter")
    expect(check_output).to_contain_text(re.compile(r"^✔ Saved"))
    expect(check_output).to_contain_text(f"“{chosen_q1}”")
    expect(check_output).not_to_contain_text(REVEALING)
    wait_idle(page)

    # 4. Part B, the goal form, by keyboard: Tab between fields, type into the text boxes,
    # choose in the dropdowns with a typed letter or the arrow keys, type the date's digits.
    form = code_cell(page, "ex.goal_form()").locator(".jp-OutputArea-output")
    goal_box = form.get_by_label("Your first goal, in a sentence or two:")
    form.get_by_text("Your first goal, in a sentence or two:", exact=True).click()  # focus starts here
    assert has_focus(goal_box), f"a click on the goal's label should focus its box ({describe_focus(page)})"
    page.keyboard.type(GOAL_TEXT)

    selects = {name: form.get_by_label(label, exact=True) for name, (label, _v, _t) in DROPDOWNS.items()}
    for name in selects:
        expect(selects[name]).to_have_value("Choose one…")
    tab_to(page, selects["kind"], "the 'kind' dropdown", max_presses=1)
    # "A": the first option that starts with A ("Choose one…" does not). In JupyterLab's
    # command mode "A" also means "insert a cell above", which must not happen here.
    choose_with_keys(page, selects["kind"], DROPDOWNS["kind"][2], "kind", type_ahead="a")
    tab_to(page, selects["users"], "the 'users' dropdown", max_presses=1)
    choose_with_keys(page, selects["users"], DROPDOWNS["users"][2], "users")

    date_input = form.get_by_label("The date it will be live:")
    tab_to(page, date_input, "the date", max_presses=1)
    type_date(page, date_input, DUE)
    tab_to(page, selects["scale"], "the 'scale' dropdown (after the date's parts)")
    choose_with_keys(page, selects["scale"], DROPDOWNS["scale"][2], "scale")
    tab_to(page, selects["risk"], "the 'risk' dropdown", max_presses=1)
    choose_with_keys(page, selects["risk"], DROPDOWNS["risk"][2], "risk")

    difference_box = form.get_by_label("What will people notice that is different?")
    tab_to(page, difference_box, "the 'difference' box", max_presses=1)
    page.keyboard.type(DIFFERENCE_TEXT)
    tab_to(page, selects["different"], "the 'different' dropdown", max_presses=1)
    choose_with_keys(page, selects["different"], DROPDOWNS["different"][2], "different")

    feedback, hints, example = assert_live_regions(form, 3).all()
    check_button = form.locator("button.widget-button", has_text="Check my goal")
    hint_button = form.locator("button.widget-button", has_text="Show a hint")
    example_button = form.locator("button.widget-button", has_text="Show the worked example")
    expect(example_button).to_be_disabled()  # only after a first check

    tab_to(page, check_button, "'Check my goal'", max_presses=1)
    page.keyboard.press("Enter")
    expect(feedback.locator(".coursekit-feedback")).to_contain_text(re.compile(r"^✔ Correct\. Your goal meets every criterion"))
    expect(feedback.locator("li")).to_have_count(len(goal.CRITERIA))
    expect(feedback.locator("li", has_text="✔ Met")).to_have_count(len(goal.CRITERIA))
    expect(feedback).not_to_contain_text("Not yet")
    expect(form.locator("[role=status][aria-live=polite] .coursekit-feedback", has_text="✔ Correct")).to_have_count(1)

    tab_to(page, hint_button, "'Show a hint'", max_presses=1)
    page.keyboard.press("Space")
    expect(hints).to_contain_text(f"Hint 1 of {len(goal.HINTS)}:")
    expect(hints).to_contain_text(goal.HINTS[0])

    expect(example_button).to_be_enabled()
    tab_to(page, example_button, "'Show the worked example'", max_presses=1)
    page.keyboard.press("Enter")
    table = example.locator("table")
    expect(table).to_be_visible()
    expect(table.locator("tr")).to_have_count(len(goal.FIELDS))
    expect(example).to_contain_text("illustrative")
    assert page.locator(".jp-Notebook .jp-Cell").count() == cell_count, "the keyboard changed the notebook's cells"

    # 5. Part E: type a reflection, Tab to Save, press Enter.
    reflection = code_cell(page, 'ex.reflect("reflection")').locator(".jp-OutputArea-output")
    reflection_box = reflection.get_by_label("Your answer:")
    # The journey form (Part D) lies between; a click on the reflection's question only sets
    # where keyboard focus starts, as a sighted keyboard user would with a screen magnifier.
    reflection.locator("p", has_text="Reflect.").first.click()
    tab_to(page, reflection_box, "the reflection box", max_presses=2)
    page.keyboard.type(REFLECTION)
    save_button = reflection.locator("button.widget-button", has_text="Save my answer")
    tab_to(page, save_button, "'Save my answer'", max_presses=1)
    page.keyboard.press("Enter")
    (status,) = assert_live_regions(reflection, 1).all()
    words = len(REFLECTION.split())
    expect(status).to_contain_text(re.compile(rf"^✔ Saved at \d\d:\d\d UTC \({words} words\)"))

    # 6. The answers are saved beside the exercise, in the temporary copy, as plain data.
    answers = read_answers(answers_file, {KEYBOARD_QID, MOUSE_QID, "first_goal", "reflection"})
    assert set(answers) == {KEYBOARD_QID, MOUSE_QID, "first_goal", "reflection"}
    assert answers[KEYBOARD_QID]["value"] == KEYBOARD_CHOICE
    assert answers[MOUSE_QID]["value"] == MOUSE_CHOICE
    assert answers["first_goal"]["value"] == EXPECTED_GOAL
    assert answers["reflection"]["value"] == REFLECTION
    first_goal = answers["first_goal"]
    assert goal.check_goal(first_goal["value"], first_goal["saved_at"]).outcome is Outcome.CORRECT

    # 7. Restart the kernel, run everything again: every answer comes back.
    restart_kernel(page)
    run_all(page)
    expect(outputs.filter(has_text="✔ Ready:")).to_contain_text("4 saved answers restored.")
    for qid, chosen in ((KEYBOARD_QID, chosen_q1), (MOUSE_QID, chosen_q2)):
        output = ask_output(page, qid)
        expect(output.get_by_role("radio", name=chosen, exact=True)).to_be_checked()
        assert checked_labels(output) == [chosen]
        assert_graded_feedback(output, chosen, restored=True)
    expect(check_output).to_contain_text(re.compile(r"^✔ Saved"))

    expect(goal_box).to_have_value(GOAL_TEXT)
    expect(difference_box).to_have_value(DIFFERENCE_TEXT)
    expect(date_input).to_have_value(DUE.isoformat())
    for name, select in selects.items():
        expect(select).to_have_value(DROPDOWNS[name][2])
    feedback = assert_live_regions(form, 3).first
    expect(feedback.locator(".coursekit-feedback")).to_contain_text(re.compile(r"^✔ Correct\."))
    expect(feedback.locator("li", has_text="✔ Met")).to_have_count(len(goal.CRITERIA))
    expect(example_button).to_be_enabled()
    expect(code_cell(page, 'ex.check("first_goal")').locator(".jp-OutputArea-output")).to_contain_text(
        re.compile(r"^✔ Correct")
    )

    expect(reflection_box).to_have_value(REFLECTION)
    expect(reflection.locator(".coursekit-live")).to_contain_text(f"✔ Restored your saved answer ({words} words).")

    # 8. A screenshot of the goal form as restored, for a person to look at.
    page.mouse.move(5, 890)  # no hover effects in the screenshot
    scroll_to_top(page, code_cell(page, "ex.goal_form()"))
    labels = form.locator(".widget-label").evaluate_all(
        "els => els.map(l => ({text: l.textContent, cut: l.scrollWidth - l.clientWidth}))"
    )
    labels = [label for label in labels if label["text"].strip()]  # a widget without a description has an empty one
    assert len(labels) == 8, [label["text"] for label in labels]
    page.screenshot(path=SCREENSHOT)
    cut = [label["text"] for label in labels if label["cut"] > 1]
    assert not cut, f"form labels cut off: {cut} ({SCREENSHOT})"
    # A closed dropdown shows its chosen option on one line, clipped at its width: every
    # option must fit, or a learner cannot read what they chose (at 1280 px wide).
    narrow = form.locator("select").evaluate_all(DROPDOWN_FIT_JS)
    assert len(narrow) == len(DROPDOWNS)
    narrow = [d for d in narrow if d["widest"] > d["room"] + 1]
    assert not narrow, f"dropdowns too narrow to show their options in full: {narrow} ({SCREENSHOT})"
    # Each field sits inside its own row, and the rows do not overlap.
    rows = form.locator(".coursekit-widget > .widget-inline-hbox").evaluate_all(ROWS_JS)
    rows = [r for r in rows if r["label"]]  # not the rubric under the form (an HTML widget, no label)
    assert len(rows) == len(goal.FIELDS), rows
    spill = [r for r in rows if r["spill"] > 1]
    assert not spill, f"form fields drawn outside their rows: {spill} ({SCREENSHOT})"
    overlap = [(a["label"], b["label"]) for a, b in zip(rows, rows[1:]) if a["bottom"] > b["top"] + 1]
    assert not overlap, f"form rows overlap: {overlap} ({SCREENSHOT})"
