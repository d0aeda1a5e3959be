"""Controls a learner can see and read, in a real JupyterLab (Debian's Chromium).

* Visible focus on every control kind: an outline at least 2 px wide whose colour has at least
  3:1 contrast with the page behind it (WCAG 2.4.7 and 1.4.11), when reached by keyboard.
* Written answers in text areas of several lines, in the course's font (not a typewriter's),
  with nothing typed hidden; text boxes and date boxes wide enough for what goes in them
  (exercise 7's board-meeting date box was 18 px wide).
* Charts and figures at a readable size: their smallest labels render at 12 px or more.
"""

from __future__ import annotations

import re

import pytest

from browser_support import playwright_expect

expect = playwright_expect()  # skips this module, with the reason, when Playwright is missing (fails in CI)

from browser_support import open_notebook, run_all, shut_down_sessions
from coursekit.learner import charts, shipped_figure
from test_browser_keys import CONTROLS, first_control
from test_shipped_figures import OUTPUT_AREA_PX

pytestmark = pytest.mark.browser

EXERCISE = "exercises/why_preconditions/why_preconditions.ipynb"
PLAN_EXERCISE = "exercises/your_plan/your_plan.ipynb"  # exercise 7, with the board-meeting date
LESSON = "notebooks/04_goal_and_mission.ipynb"  # figures and quiz options
PROGRESS = "notebooks/progress.ipynb"  # the learner's own chart

FOCUS_JS = """(el) => {
    const background = (node) => {
        for (let e = node.parentElement; e; e = e.parentElement) {
            const c = getComputedStyle(e).backgroundColor;
            if (c && c !== "transparent" && !/rgba\\(.*,\\s*0\\)$/.test(c)) return c;
        }
        return "rgb(255, 255, 255)";
    };
    const cs = getComputedStyle(el);
    return {visible: el.matches(":focus-visible"), width: parseFloat(cs.outlineWidth), style: cs.outlineStyle,
            colour: cs.outlineColor, background: background(el)};
}"""


def rgb(css: str) -> tuple[float, float, float]:
    return tuple(float(v) for v in re.findall(r"[\d.]+", css)[:3])


def contrast(a: str, b: str) -> float:
    def luminance(colour: str) -> float:
        channels = [c / 255 for c in rgb(colour)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def focus_by_keyboard(page, control) -> None:
    """Focus ``control`` as a keyboard user would see it (the browser then shows :focus-visible)."""
    control.focus()
    page.keyboard.press("Shift")  # a key press: the page is now in keyboard mode
    control.evaluate("el => { el.blur(); el.focus(); }")


def focus_problems(page, kinds) -> list[str]:
    problems = []
    for kind in kinds:
        control = first_control(page, CONTROLS[kind])
        assert control.count() == 1, f"no {kind} on the page"
        focus_by_keyboard(page, control)
        ring = control.evaluate(FOCUS_JS)
        ratio = contrast(ring["colour"], ring["background"])
        if not ring["visible"] or ring["style"] in ("none", "hidden") or ring["width"] < 2 or ratio < 3:
            problems.append(f"{kind}: outline {ring['width']}px {ring['style']} {ring['colour']} on "
                            f"{ring['background']} (contrast {ratio:.1f}:1)")
    return problems


def open_and_run(page, lab, notebook: str) -> None:
    shut_down_sessions(lab)
    open_notebook(page, lab, notebook)
    run_all(page)


def test_every_control_in_an_exercise_shows_a_strong_focus_ring_and_is_readable(lab_page, jupyterlab):
    page = lab_page
    open_and_run(page, jupyterlab, EXERCISE)
    assert focus_problems(page, CONTROLS) == []

    widget = ".jp-OutputArea-output .coursekit-widget"
    # Text areas: several lines, the course's font, and nothing typed scrolled out of sight.
    for area in page.locator(f"{widget} .widget-textarea textarea").all():
        box = area.bounding_box()
        font = area.evaluate("el => getComputedStyle(el).fontFamily")
        assert "monospace" not in font.lower(), font
        assert box["height"] >= 90 and box["width"] >= 300, box
    area = page.locator(f"{widget} .widget-textarea textarea").first
    area.fill("First line of my answer.\nSecond line.\nThird line.")
    assert area.evaluate("el => el.scrollHeight <= el.clientHeight + 1 && el.scrollTop === 0"), \
        "three typed lines do not all show"
    # Text boxes and date boxes wide enough, text at a readable size.
    for text in page.locator(f"{widget} .widget-text input[type=text]").all():
        assert text.bounding_box()["width"] >= 200
        assert float(text.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")) >= 14
    dates = page.locator(f"{widget} .widget-datepicker input[type=date]").all()
    assert dates and all(d.bounding_box()["width"] >= 120 for d in dates)


def test_exercise_7s_board_meeting_date_box_is_wide_enough_for_a_date(lab_page, jupyterlab):
    page = lab_page
    open_and_run(page, jupyterlab, PLAN_EXERCISE)
    dates = page.locator(".jp-OutputArea-output .coursekit-widget .widget-datepicker input[type=date]").all()
    assert dates
    assert [round(d.bounding_box()["width"]) for d in dates if d.bounding_box()["width"] < 120] == []


def test_lesson_quiz_options_show_focus_and_figures_are_not_shrunk(lab_page, jupyterlab):
    page = lab_page
    open_and_run(page, jupyterlab, LESSON)
    assert focus_problems(page, ["radio option"]) == []
    for img in figure_images(page):
        shown, drawn, room = img.evaluate(f"el => [el.getBoundingClientRect().width, el.naturalWidth, ({ROOM_JS})(el)]")
        assert shown >= min(drawn, room) - 2, f"a figure drawn {drawn} px wide shows at {shown:.0f} px"


def test_lesson_figures_show_labels_of_12px(lab_page, jupyterlab):
    page = lab_page
    open_and_run(page, jupyterlab, LESSON)
    for img in figure_images(page):
        shown, drawn, room = img.evaluate(f"el => [el.getBoundingClientRect().width, el.naturalWidth, ({ROOM_JS})(el)]")
        # tests/test_shipped_figures.py checks every figure at this output area's width, without a browser
        assert room >= OUTPUT_AREA_PX, f"the output area is {room:.0f} px wide in a 1280 px window, not {OUTPUT_AREA_PX}"
        smallest = shipped_figure.SMALLEST_LABEL_PT * 4 / 3 * shown / drawn
        assert smallest >= 12, f"a figure's smallest labels render at {smallest:.1f} px"


#: The width a figure may take: its output area's, less padding.
ROOM_JS = ("el => (p => p.clientWidth - parseFloat(getComputedStyle(p).paddingLeft)"
           " - parseFloat(getComputedStyle(p).paddingRight))(el.closest('.jp-RenderedHTMLCommon, .jp-OutputArea-output'))")


def figure_images(page):
    images = page.locator(".jp-OutputArea-output figure.coursekit-figure img")
    assert images.count() >= 1
    for img in images.all():
        img.scroll_into_view_if_needed()
        expect(img).to_be_visible()
    return images.all()


def test_the_progress_chart_shows_at_its_drawn_size(lab_page, jupyterlab):
    page = lab_page
    open_and_run(page, jupyterlab, PROGRESS)
    chart = page.locator(".jp-OutputArea-output .coursekit-chart svg[role=img]").first
    chart.scroll_into_view_if_needed()
    shown = chart.evaluate("el => el.getBoundingClientRect().width")
    drawn = float(chart.get_attribute("viewBox").split()[2])
    smallest = (charts.FONT - 1) * shown / drawn  # the tick labels are the smallest text
    assert smallest >= 12, f"the chart's smallest labels render at {smallest:.1f} px"
