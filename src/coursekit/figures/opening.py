"""Figures for the opening lessons: the course map (lesson 0), the remote consultations
example and the four pre-conditions (lesson 1). Registered in :mod:`coursekit.figures`."""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import to_rgb, to_rgba
from matplotlib.patches import FancyBboxPatch, Rectangle

from coursekit import syllabus
from coursekit.figures.style import HATCHES, PALETTE, Figure, figure, svg

SOURCE = "Source: A new era of digital leadership (NHS Providers with Public Digital, July 2020)."
#: Colour and hatch for what a lesson's marks count towards: colour is never the only signal.
_TAG_STYLE = {"course": (PALETTE[7], ""), "leadership": (PALETTE[0], "//"), "team": (PALETTE[1], ".."),
              "goal": (PALETTE[2], "xx"), "urgency": (PALETTE[5], "\\\\")}


def _outlined(ax, shape, colour, hatch, *args, linestyle="-", linewidth=1.0, **kwargs) -> None:
    """A pale, lightly hatched shape with a firm black outline: the pattern never hides the words."""
    ax.add_patch(shape(*args, facecolor=to_rgba(colour, 0.2), edgecolor=to_rgba(colour, 0.55), hatch=hatch,
                       linewidth=0, **kwargs))
    ax.add_patch(shape(*args, facecolor="none", edgecolor="black", linewidth=linewidth, linestyle=linestyle, **kwargs))


@figure("course_map")
def course_map() -> Figure:
    """The lessons in order, from the packaged syllabus, each marked with its pre-condition."""
    course = syllabus.load()
    lessons = course.lessons
    per_row = (len(lessons) + 1) // 2
    fig, ax = plt.subplots(figsize=(11, 4.4))
    ax.set_xlim(0, per_row)
    ax.set_ylim(0, 2)
    ax.axis("off")
    for i, lesson in enumerate(lessons):
        row, col = divmod(i, per_row)
        x, y = col + 0.06, 1.08 - row * 1.0
        colour, hatch = _TAG_STYLE[lesson.precondition]
        _outlined(ax, FancyBboxPatch, colour, hatch, (x, y), 0.82, 0.72, boxstyle="round,pad=0.02")
        tag = "Whole course" if lesson.precondition == "course" else syllabus.PRECONDITIONS[lesson.precondition]
        ax.text(x + 0.41, y + 0.52, f"Lesson {lesson.number}", ha="center", va="center", fontsize=11,
                fontweight="bold", bbox=dict(facecolor="white", edgecolor="none", alpha=0.9, pad=1))
        ax.text(x + 0.41, y + 0.3, textwrap.fill(lesson.title, 18),
                ha="center", va="center", fontsize=10.5, bbox=dict(facecolor="white", edgecolor="none", alpha=0.9, pad=1))
        ax.text(x + 0.41, y + 0.08, tag, ha="center", va="center", fontsize=10, style="italic",
                bbox=dict(facecolor="white", edgecolor="none", alpha=0.9, pad=1))
        if col < per_row - 1 and i < len(lessons) - 1:
            ax.annotate("", xy=(x + 0.94, y + 0.36), xytext=(x + 0.84, y + 0.36),
                        arrowprops=dict(arrowstyle="->", lw=1.5))
    ax.set_title(f"The course map: {len(lessons)} lessons, in order", fontsize=12)
    titles = "; ".join(f"{lesson.number} {lesson.title}" for lesson in lessons)
    return svg(
        fig,
        alt=f"Course map: {len(lessons)} lessons in order, {titles}.",
        caption="The course map. Each box is a lesson, taken in order. The words in italics, and the box's "
        "pattern, show which pre-condition its marks count towards.",
    )


@figure("remote_consultations")
def remote_consultations() -> Figure:
    """31,000 as a bar; 'the low thousands' as a blurred band with words, never as an exact bar."""
    fig, ax = plt.subplots(figsize=(8.6, 3.2))
    # The previous year: the source says only "the low thousands". A band that fades out at both
    # ends, with no edge, shows that this is a description in words, not a count.
    xs = np.linspace(0, 7000, 281)
    fade = np.clip(np.minimum((xs - 300) / 900, (6500 - xs) / 2500), 0, 1)
    band = np.zeros((1, len(xs), 4))
    band[0, :, :3] = to_rgb(PALETTE[1])
    band[0, :, 3] = fade
    ax.imshow(band, extent=(0, 7000, 1.72, 2.28), aspect="auto", interpolation="bilinear", zorder=1)
    ax.text(1900, 2.0, "≈", ha="center", va="center", fontsize=16, fontweight="bold", zorder=2)
    ax.text(7300, 2.0, "'the low thousands' (the source's words: approximate, no exact number given)",
            va="center", fontsize=10)
    bar = ax.barh([1], [31000], height=0.56, color=PALETTE[0], edgecolor="black")
    bar[0].set_hatch("")
    ax.text(30600, 1, "31,000", va="center", ha="right", color="white", fontsize=11, fontweight="bold")
    ax.set_yticks([2, 1], ["The previous year", "First six weeks\nof the lockdown"])
    ax.set_ylim(0.4, 2.6)
    ax.set_xlim(0, 34000)
    ax.set_xticks([0, 10000, 20000, 30000], ["0", "10,000", "20,000", "30,000"])
    ax.set_xlabel("Remote outpatient consultations at one trust")
    ax.set_title("One trust's remote outpatient consultations during COVID-19")
    ax.spines[["top", "right"]].set_visible(False)
    return svg(
        fig,
        alt="Bar chart for one trust. First six weeks of the lockdown: 31,000 remote outpatient consultations. "
        "The previous year: a blurred band, 'the low thousands', approximate.",
        caption="31,000 is the source's number. 'The low thousands' is the source's approximate description, "
        "not data: the blurred band shows roughly where it falls, with no exact end. The source does not say "
        "whether it covers the same six weeks or the whole previous year. " + SOURCE,
    )


@figure("four_preconditions")
def four_preconditions() -> Figure:
    """The four pre-conditions, the first three bracketed as within the board's own gift."""
    names = ["Clear\nleadership", "A team", "A goal and\na mission", "A sense of\nurgency"]
    fig, ax = plt.subplots(figsize=(10, 3.4))
    ax.set_xlim(0, 4)
    ax.set_ylim(0, 1.5)
    ax.axis("off")
    for i, name in enumerate(names):
        x = i + 0.07
        colour = PALETTE[0] if i < 3 else PALETTE[5]
        _outlined(ax, Rectangle, colour, HATCHES[1] if i < 3 else HATCHES[2], (x, 0.35), 0.86, 0.55,
                  linestyle="-" if i < 3 else "--", linewidth=1.4)
        ax.text(x + 0.43, 0.62, f"{i + 1}. {name}", ha="center", va="center", fontsize=11, fontweight="bold",
                bbox=dict(facecolor="white", edgecolor="none", alpha=0.9, pad=2))
    ax.annotate("", xy=(0.07, 1.02), xytext=(2.93, 1.02),
                arrowprops=dict(arrowstyle="|-|", lw=1.5, mutation_scale=6))
    ax.text(1.5, 1.17, "Within the gift of the trust's board", ha="center", va="center", fontsize=11)
    ax.text(3.5, 1.17, "Particularly relevant to\nthe current situation", ha="center", va="center", fontsize=10,
            style="italic")
    ax.text(2.0, 0.14, "Solid boxes: in the board's own gift.  Dashed box: shaped by the current situation.",
            ha="center", va="center", fontsize=10.5)
    ax.set_title("The four pre-conditions that often set apart the most successful digital transformation",
                 fontsize=11)
    return svg(
        fig,
        alt="Four boxes: clear leadership, a team, a goal and a mission, a sense of urgency. A bracket marks the "
        "first three as within the board's gift; the fourth is marked relevant to the current situation.",
        caption="The source says the first three pre-conditions are within the gift of the trust's board, and the "
        "fourth is particularly relevant for the current situation (COVID-19). " + SOURCE,
    )
