"""The cohort dashboard's charts at the size the trainer's browser shows them.

The dashboard (coursekit.cohort.dashboard) shows each chart at the full width of its column:
``<img width="100%">`` in a ``.pair`` of two columns inside a page at most 70rem wide. In a wide
window that column is (70rem - 2rem padding - 1.5rem gap) / 2 = 532 CSS px, so a chart drawn wider
is shrunk, and its smallest text with it.
"""

from __future__ import annotations

from types import SimpleNamespace

from coursekit import syllabus
from coursekit.cohort import charts as cohort_charts
from coursekit.cohort.dashboard import Shift
from coursekit.figures.style import PNG_DPI

#: The chart column's width on the dashboard in a wide window, in CSS pixels.
CHART_COLUMN_PX = (70 - 2 - 1.5) / 2 * 16
TAGS = ("leadership", "team", "goal", "urgency")


def smallest_px(figure) -> float:
    """The figure's smallest text, in CSS pixels, as the dashboard shows it."""
    drawn = int.from_bytes(figure.png[16:20], "big")  # the PNG's width, from its IHDR header
    return figure.smallest_pt * PNG_DPI / 72 * min(CHART_COLUMN_PX, drawn) / drawn


def test_the_dashboard_charts_show_their_smallest_text_at_12px():
    rows = [SimpleNamespace(title=lesson.title, submitted=5, learners=8, complete=3, percent_complete=37.5)
            for lesson in syllabus.load().lessons]
    charts = {
        "completion": cohort_charts.completion_chart(rows),
        "shift": cohort_charts.shift_chart([Shift(board, tag, 3, 2.0, 3.5) for tag in TAGS
                                            for board in ("Board A", "Northern Care Trust board")]),
        "bands": cohort_charts.bands_chart({tag: {"0-49%": 2, "50-69%": 3, "70-100%": 5} for tag in TAGS}),
    }
    shown = {name: round(smallest_px(figure), 1) for name, figure in charts.items()}
    assert all(px >= 12 for px in shown.values()), f"smallest text shown, in px: {shown}"
