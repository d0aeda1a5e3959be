"""Charts of a learner's own answers as accessible inline SVG, drawn with the standard library only.

Every chart is an ``<svg role="img">`` named by its ``<title>`` and described by its
``<desc>`` (the same numbers in words), inside a ``<figure>`` with a caption. Every bar
carries its number in text beside it, and the two kinds of bar differ in pattern
(solid or hatched) and in the legend's words as well as in colour, so colour is never
the only signal. Colours are Okabe-Ito's blue and vermilion, each at least 3:1 against
white (graphics), with text in near-black (AA for text).
"""

from __future__ import annotations

import html
import itertools
from dataclasses import dataclass
from typing import Mapping, Sequence

BLUE = "#0072B2"  # Okabe-Ito blue: 5.2:1 on white
VERMILION = "#D55E00"  # Okabe-Ito vermilion: 3.9:1 on white (non-text graphics need 3:1)
INK = "#212B32"  # text and outlines: 14.4:1 on white
GRID = "#768692"  # axis and grid lines: 3.7:1 on white

WIDTH = 720
FONT = 13
CHAR = 0.56  # an average character's width, as a share of the font size (Arial)
BAR = 18
_ids = itertools.count(1)


@dataclass(frozen=True)
class Segment:
    start: float
    length: float
    style: str  # "solid" or "hatched"


@dataclass(frozen=True)
class Bar:
    segments: tuple[Segment, ...]
    label: str  # the bar's number in words, drawn beside it


@dataclass(frozen=True)
class Row:
    name: str
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class Chart:
    """An inline SVG chart with its text equivalent (``alt``) and a caption."""

    title: str
    alt: str
    caption: str
    svg: str

    def html(self) -> str:
        return (f"<figure class='coursekit-chart' style='margin:0'>{self.svg}"
                f"<figcaption>{html.escape(self.caption)}</figcaption></figure>")


def _e(text: str) -> str:
    return html.escape(str(text), quote=True)


def _width(text: str, size: float = FONT) -> float:
    return len(text) * size * CHAR


def _wrap(text: str, chars: int) -> list[str]:
    """``text`` in lines of at most ``chars`` characters, breaking at spaces (a longer word has a line of its own)."""
    words, lines = text.split(), [""]
    for word in words:
        if lines[-1] and len(lines[-1]) + 1 + len(word) > chars:
            lines.append(word)
        else:
            lines[-1] = f"{lines[-1]} {word}".strip()
    return lines


def _fill(style: str, hatch: str) -> str:
    if style == "solid":
        return f'fill="{BLUE}" stroke="{INK}"'
    return f'fill="url(#{hatch})" stroke="{VERMILION}"'


def draw(title: str, alt: str, rows: Sequence[Row], top: float, ticks: Sequence[tuple[float, str]],
         axis_label: str, legend: Sequence[tuple[str, str]]) -> str:
    """A horizontal bar chart as SVG text: ``rows`` of bars on a scale from 0 to ``top``."""
    uid = f"ck-chart-{next(_ids)}"
    hatch = f"{uid}-hatch"
    name_chars = 34
    names = [_wrap(row.name, name_chars) for row in rows]
    left = max((_width(line) for lines in names for line in lines), default=0) + 16
    value_width = max((_width(bar.label) for row in rows for bar in row.bars), default=0) + 16
    x0, x1 = left, WIDTH - value_width
    scale = (x1 - x0) / top
    parts = [f'<defs><pattern id="{hatch}" patternUnits="userSpaceOnUse" width="7" height="7" '
             f'patternTransform="rotate(45)"><rect width="7" height="7" fill="#FFFFFF"/>'
             f'<line x1="0" y1="0" x2="0" y2="7" stroke="{VERMILION}" stroke-width="3"/></pattern></defs>',
             f'<rect width="{WIDTH}" height="100%" fill="#FFFFFF"/>',
             f'<text x="{WIDTH / 2:g}" y="22" text-anchor="middle" font-size="{FONT + 3}" font-weight="bold" '
             f'fill="{INK}">{_e(title)}</text>']
    y = 44.0
    plot_top = y - 6
    for row, lines in zip(rows, names):
        height = max(len(row.bars) * BAR + (len(row.bars) - 1) * 4, len(lines) * (FONT + 3))
        middle = y + height / 2
        first = middle - (len(lines) - 1) * (FONT + 3) / 2
        spans = "".join(f'<tspan x="{x0 - 8:g}" y="{first + i * (FONT + 3) + FONT * 0.35:.1f}">{_e(line)}</tspan>'
                        for i, line in enumerate(lines))
        parts.append(f'<text text-anchor="end" font-size="{FONT}" fill="{INK}">{spans}</text>')
        bars_top = middle - (len(row.bars) * BAR + (len(row.bars) - 1) * 4) / 2
        for i, bar in enumerate(row.bars):
            by = bars_top + i * (BAR + 4)
            for seg in bar.segments:
                if seg.length > 0:
                    parts.append(f'<rect x="{x0 + seg.start * scale:.1f}" y="{by:.1f}" '
                                 f'width="{seg.length * scale:.1f}" height="{BAR}" {_fill(seg.style, hatch)} '
                                 'stroke-width="1.5"/>')
            end = max((seg.start + seg.length for seg in bar.segments), default=0)
            parts.append(f'<text x="{x0 + end * scale + 6:.1f}" y="{by + BAR / 2 + FONT * 0.35:.1f}" '
                         f'font-size="{FONT}" fill="{INK}">{_e(bar.label)}</text>')
        y += height + 14
    plot_bottom = y - 8
    parts.append(f'<line x1="{x0:g}" y1="{plot_top:g}" x2="{x0:g}" y2="{plot_bottom:g}" stroke="{GRID}"/>')
    parts.append(f'<line x1="{x0:g}" y1="{plot_bottom:g}" x2="{x1:g}" y2="{plot_bottom:g}" stroke="{GRID}"/>')
    for value, text in ticks:
        x = x0 + value * scale
        parts.append(f'<line x1="{x:.1f}" y1="{plot_bottom:g}" x2="{x:.1f}" y2="{plot_bottom + 5:g}" stroke="{GRID}"/>')
        parts.append(f'<text x="{x:.1f}" y="{plot_bottom + 19:g}" text-anchor="middle" font-size="{FONT - 1}" '
                     f'fill="{INK}">{_e(text)}</text>')
    y = plot_bottom + 40
    parts.append(f'<text x="{(x0 + x1) / 2:.1f}" y="{y:g}" text-anchor="middle" font-size="{FONT}" '
                 f'fill="{INK}">{_e(axis_label)}</text>')
    y += 24
    x = x0
    for style, text in legend:
        parts.append(f'<rect x="{x:.1f}" y="{y - 12:g}" width="28" height="14" {_fill(style, hatch)} stroke-width="1.5"/>')
        parts.append(f'<text x="{x + 36:.1f}" y="{y:g}" font-size="{FONT}" fill="{INK}">{_e(text)}</text>')
        x += 36 + _width(text) + 28
    height = y + 14
    return (f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{uid}-title {uid}-desc" '
            f'viewBox="0 0 {WIDTH} {height:g}" width="{WIDTH}" style="width:{WIDTH}px;max-width:100%;height:auto" '
            f'font-family="Arial, Helvetica, sans-serif" focusable="false">'
            f'<title id="{uid}-title">{_e(title)}</title><desc id="{uid}-desc">{_e(alt)}</desc>'
            + "".join(parts) + "</svg>")


def progress_chart(lessons: Sequence[tuple[int, str, int, int]]) -> Chart:
    """A bar per lesson (number, label, done, total): the share done (solid) and left (hatched), labelled in words."""
    rows = []
    for _number, label, done, total in lessons:
        share = done / total if total else 0.0
        words = f"{done} of {total} done" if total else "not available yet"
        rows.append(Row(label, (Bar((Segment(0, share, "solid"), Segment(share, 1 - share, "hatched")), words),)))
    summary = "; ".join(f"lesson {number} {done} of {total}" for number, _label, done, total in lessons)
    title = "Your progress, lesson by lesson"
    alt = f"Bar chart of your progress by lesson, done out of all parts: {summary}."
    svg = draw(title, alt, rows, 1, [(0, "0%"), (0.5, "50%"), (1, "100%")],
               "Share of quiz questions, graded parts and reflections done",
               [("solid", "Done (solid)"), ("hatched", "Left (hatched)")])
    return Chart(title, alt, "Each bar is one lesson. The solid part is done; the hatched part is left. "
                             "The table gives the same numbers.", svg)


def then_and_now_chart(names: Mapping[str, str], then: Mapping[str, int] | None, now: Mapping[str, int]) -> Chart:
    """Bars per pre-condition (``names``: key -> words): then (hatched) and now (solid), each labelled with its number."""
    rows = []
    for key, name in names.items():
        bars = [Bar((Segment(0, then[key], "hatched"),), f"Then {then[key]}")] if then else []
        bars.append(Bar((Segment(0, now[key], "solid"),), f"Now {now[key]}"))
        rows.append(Row(name, tuple(bars)))
    if then:
        title = "Your self-assessment, then and now"
        parts = "; ".join(f"{name}: then {then[k]}, now {now[k]}" for k, name in names.items())
        alt = f"Bar chart of your four ratings from 1 to 5, then and now. {parts}."
        caption = ("Then is your self-assessment from lesson 0; now is the one in this exercise. "
                   "Hatched bars are then, solid bars are now. A lower rating can mean a more honest view.")
        legend = [("hatched", "Then, lesson 0 (hatched)"), ("solid", "Now, lesson 7 (solid)")]
    else:
        title = "Your self-assessment now"
        parts = "; ".join(f"{name}: now {now[k]}" for k, name in names.items())
        alt = f"Bar chart of your four ratings from 1 to 5, now only, with no baseline. {parts}."
        caption = "Your self-assessment in this exercise. There is no baseline from lesson 0 to compare with."
        legend = [("solid", "Now, lesson 7 (solid)")]
    svg = draw(title, alt, rows, 5, [(v, str(v)) for v in range(0, 6)], "1 = not in place, 5 = fully in place", legend)
    return Chart(title, alt, caption, svg)
