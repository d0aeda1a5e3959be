"""Figures for lessons 5 and 6: the first wave of COVID-19 and what boards do after it.

Registered in :data:`coursekit.figures.FIGURES` on import (``figures`` imports this module).
Every figure labels its parts in words and hatches them, so colour never carries meaning alone.
"""

from __future__ import annotations

from coursekit.figures.style import HATCHES, PALETTE, Figure, arrow, canvas, figure, plt, svg

SOURCE = "Source: A new era of digital leadership (NHS Providers with Public Digital, 2020)."


def _box(ax, x, y, width, height, heading, body, i, *, size=10.5):
    """A hatched, outlined box with a bold heading and body text on a white panel."""
    ax.add_patch(plt.Rectangle((x, y), width, height, facecolor=PALETTE[i % len(PALETTE)], alpha=0.25,
                               edgecolor="black", hatch=HATCHES[i % len(HATCHES)], linewidth=1))
    ax.text(x + width / 2, y + height - 0.1, heading, ha="center", va="top", fontsize=size + 2, fontweight="bold",
            bbox=dict(facecolor="white", edgecolor="none", alpha=0.9, pad=2))
    ax.text(x + width / 2, y + height * 0.42, body, ha="center", va="center", fontsize=size,
            bbox=dict(facecolor="white", edgecolor="none", alpha=0.9, pad=2))


@figure("priorities_30_to_2")
def priorities_30_to_2() -> Figure:
    fig, ax = plt.subplots(figsize=(6.4, 2.6))
    labels = ["Before", "In the initial response\nto COVID-19"]
    values = [30, 2]
    bars = ax.barh(labels, values, color=[PALETTE[1], PALETTE[0]], edgecolor="black")
    bars[0].set_hatch("//")
    for bar, value in zip(bars, values):
        ax.text(bar.get_width() + 0.5, bar.get_y() + bar.get_height() / 2, f"{value} priorities",
                va="center", fontsize=11)
    ax.set_xlim(0, 36)
    ax.invert_yaxis()
    ax.set_xlabel("Number of priorities in one trust IT department")
    ax.set_title("One trust IT department: from 30 priorities to two")
    ax.spines[["top", "right"]].set_visible(False)
    return svg(
        fig,
        alt="Bar chart. One trust IT department had 30 priorities; in the initial response to COVID-19 it had two.",
        caption="In the initial response to COVID-19, one trust IT department's priorities fell from 30 to two. "
        "The figures are for that one department, not the whole NHS. " + SOURCE,
    )


@figure("four_ways_of_working")
def four_ways_of_working() -> Figure:
    ways = [
        ("1. Integration of health and care", "Secondary, primary and social care\nworked closely together;"
         "\nsilos were ignored or bypassed"),
        ("2. Bureaucratic pragmatism", "A lighter, more flexible approach\nto regulation let the sector\nadapt at speed"),
        ("3. Local empowerment", "Trust leaders got a clear objective\nand freedom to act; frontline teams\ncould change how they work"),
        ("4. Mobilising partnerships", "The NHS worked closely with partners\nand voluntary organisations"),
    ]
    fig, ax = canvas(9.5, 5.2, (0, 2), (0, 2), "Four ways of working that changed in the first wave")
    for i, (name, what) in enumerate(ways):
        x, y = (i % 2) + 0.04, 1 - (i // 2) + 0.04
        _box(ax, x, y, 0.92, 0.9, name, what, i)
    return svg(
        fig,
        alt="Four labelled boxes: 1 integration of health and care; 2 bureaucratic pragmatism; "
        "3 local empowerment; 4 mobilising partnerships.",
        caption="Out of necessity, many trusts changed how they worked in four ways during the first wave "
        "of COVID-19. " + SOURCE,
    )


@figure("keep_expand_drop_review")
def keep_expand_drop_review() -> Figure:
    fig, ax = canvas(11, 4.2, (0, 3.3), (0, 3), "Reviewing the initial response to COVID-19")
    _box(ax, 0.02, 1.55, 0.95, 1.35, "Look back", "What worked well,\nand what did not?", 0)
    _box(ax, 0.02, 0.1, 0.95, 1.35, "Listen", "What did patients,\nservice users and\nstaff say?", 1)
    for j, (decision, what) in enumerate([("Keep", "as it is"), ("Expand", "to more people\nor services"),
                                          ("Drop", "for example, for\na better alternative")]):
        y = 2.05 - j * 0.95
        _box(ax, 1.25, y, 0.9, 0.85, decision, what, j + 2)
        arrow(ax, (0.98, 1.5), (1.24, y + 0.42))
        if decision != "Drop":
            arrow(ax, (2.16, y + 0.42), (2.39, 1.95))
    _box(ax, 2.4, 1.0, 0.88, 1.9, "Keep the 'how'", "as well as the 'what':\nbehaviours, ways of\nworking, processes;\n"
         "governance in\nproportion to risk", 5)
    return svg(
        fig,
        alt="Flow: look back at what worked and listen to patients, service users and staff; decide keep, "
        "expand or drop; for keep and expand, keep the 'how' as well as the 'what'.",
        caption="Boards review what worked in the first wave, and what people said, before deciding what to keep, "
        "expand or drop. For what they keep, they keep the 'how' too. " + SOURCE,
    )


@figure("attend_anywhere_review")
def attend_anywhere_review() -> Figure:
    steps = [
        ("April", "The video platform\nAttend Anywhere is\nbought centrally for\nall trusts, at no\nadditional cost"),
        ("Then", "Many trusts take up\nthe offer"),
        ("Now", "Some trusts review\ntheir use: alternatives\nmay fit better with\ntheir existing systems"),
    ]
    fig, ax = canvas(9.5, 3.0, (0, 3), (0, 1), "Attend Anywhere: an example of reviewing the first wave")
    for i, (when, what) in enumerate(steps):
        _box(ax, i + 0.05, 0.05, 0.86, 0.85, when, what, i)
        if i < len(steps) - 1:
            arrow(ax, (i + 0.91, 0.45), (i + 1.05, 0.45))
    return svg(
        fig,
        alt="Three steps: in April Attend Anywhere is bought centrally for all trusts at no additional cost; "
        "many take it up; now some review their use.",
        caption="A decision to keep, expand or drop: some trusts are reviewing Attend Anywhere because other "
        "platforms may integrate better with their systems. The source dates only April, so the steps show "
        "order, not a time scale. " + SOURCE,
    )
