"""Lesson 7's figure: the course in one picture, and where each part of your plan comes from."""

from __future__ import annotations

import matplotlib.pyplot as plt

from coursekit.figures.style import HATCHES, PALETTE, Figure, figure, svg

#: (pre-condition, its case in the course, the part of your plan it feeds)
COLUMNS = (
    ("Clear leadership", "Milton Keynes\nUniversity Hospital:\nthree pillars, every\nexecutive leads a part",
     "Leadership map\n(lesson 2)"),
    ("A team", "CNTW: 'model teams'\ntest tools, then the\ntrust scales them",
     "First team\n(lesson 3)"),
    ("A goal and\na mission", "SCAS: a clearly staged\ndigital journey",
     "First goal and\njourney (lesson 4)"),
    ("A sense of urgency", "First wave of\nCOVID-19: one IT\ndepartment's priorities,\n30 to two",
     "Urgency (lesson 5);\nkeep, expand or\ndrop (lesson 6)"),
)


@figure("plan_map")
def plan_map() -> Figure:
    fig, ax = plt.subplots(figsize=(11, 5.0))
    ax.set_xlim(0, 4)
    ax.set_ylim(0, 4.3)
    ax.axis("off")
    rows = (("Pre-condition", 3.35, 11, "bold"), ("Case in the course", 2.05, 10.5, "normal"),
            ("Your plan", 0.75, 10.5, "bold"))
    for i, (pre, case, part) in enumerate(COLUMNS):
        x = i + 0.06
        for (label, y, size, weight), text in zip(rows, (pre, case, part)):
            ax.add_patch(plt.Rectangle((x, y - 0.5), 0.88, 1.0, facecolor=PALETTE[i], alpha=0.22,
                                       edgecolor="black", hatch=HATCHES[i], linewidth=1))
            ax.text(x + 0.44, y, text, ha="center", va="center", fontsize=size, fontweight=weight,
                    bbox=dict(facecolor="white", edgecolor="none", alpha=0.92, pad=2))
        for top, bottom in ((2.85, 2.55), (1.55, 1.25)):
            ax.annotate("", xy=(x + 0.44, bottom), xytext=(x + 0.44, top), arrowprops=dict(arrowstyle="->", lw=1.5))
    ax.annotate("", xy=(0.04, 4.05), xytext=(2.96, 4.05), arrowprops=dict(arrowstyle="-", lw=2))
    ax.text(1.5, 4.17, "In the board's own gift", ha="center", fontsize=11, fontweight="bold")
    ax.text(3.5, 4.17, "Particularly relevant now", ha="center", fontsize=11, fontweight="bold")
    fig.suptitle("The course in one picture: each pre-condition, its case, and your plan", fontsize=12)
    return svg(
        fig,
        alt="Four columns. Clear leadership: Milton Keynes, feeding your leadership map. A team: CNTW, feeding "
            "your first team. A goal and a mission: SCAS, feeding your first goal. A sense of urgency: the first "
            "wave of COVID-19, feeding urgency and keep, expand or drop. The first three are in the board's own gift.",
        caption="Each column is one pre-condition. Under it is the case the course used to teach it, and the part "
                "of your one-page plan it feeds. Each column has its own pattern as well as its own colour.",
    )
