"""The dashboard's three charts, drawn with matplotlib.

Okabe-Ito colours, and always a second signal (hatching, marker shape, a text label)
so that colour never carries meaning alone. Each chart's alt text states its numbers.
Text from data (board names from the roster, lesson titles) is drawn as text, never parsed
as maths: a board named ``$\\undefinedmacro{x}$`` must not stop the report.
"""

from __future__ import annotations

import functools

from coursekit.figures.style import HATCHES, PALETTE, Figure, plt, render
from coursekit.syllabus import PRECONDITIONS

#: How wide each chart is drawn, in inches: the dashboard shows it in a column about 532 px wide, so
#: at 110 dpi its smallest text (10 pt) still shows at 12 px or more (tests/test_dashboard_chart_sizes.py).
WIDTH_IN = 5.0


def _text_as_text(chart):
    """Draw ``chart`` with matplotlib's maths parsing off for every text it makes."""
    @functools.wraps(chart)
    def drawn(*args, **kwargs) -> Figure:
        with plt.rc_context({"text.parse_math": False}):
            return chart(*args, **kwargs)
    return drawn


def _label(ax, bar, text: str) -> None:
    ax.text(bar.get_x() + bar.get_width() / 2, bar.get_height(), text, ha="center", va="bottom", fontsize=10)


@_text_as_text
def completion_chart(rows) -> Figure:
    """Horizontal bars per lesson: % of learners who submitted, and who completed."""
    fig, ax = plt.subplots(figsize=(WIDTH_IN, 1.3 + 0.75 * len(rows)), layout="constrained")
    y = range(len(rows))
    series = (("Submitted", [100 * r.submitted / r.learners if r.learners else 0 for r in rows], 0, "//"),
              ("Complete (every graded part answered)", [r.percent_complete for r in rows], 2, ""))
    height = 0.38
    for offset, (name, values, colour, hatch) in enumerate(series):
        bars = ax.barh([i + (offset - 0.5) * height for i in y], values, height=height, color=PALETTE[colour],
                       hatch=hatch, edgecolor="black", label=name)
        for bar, value in zip(bars, values):
            ax.text(bar.get_width() + 1, bar.get_y() + bar.get_height() / 2, f"{value:.0f}%", va="center", fontsize=10)
    ax.set_yticks(list(y), [r.title for r in rows])
    ax.invert_yaxis()
    ax.set_xlim(0, 112)
    ax.set_xlabel("Learners (%)")
    ax.set_title("Completion by lesson")
    fig.legend(loc="outside lower left", fontsize=10)  # under the chart, never over a bar
    ax.spines[["top", "right"]].set_visible(False)
    parts = "; ".join(f"{r.title}: {r.submitted} of {r.learners} submitted, {r.complete} complete" for r in rows)
    return render(fig, alt=f"Bar chart of completion by lesson. {parts}.",
                  caption="Learners who submitted each lesson, and who answered every graded part of it.")


@_text_as_text
def bands_chart(bands: dict[str, dict[str, int]]) -> Figure:
    """Grouped bars: learners per score band, one group of bars per pre-condition."""
    labels = list(next(iter(bands.values())))
    fig, ax = plt.subplots(figsize=(WIDTH_IN, 3.8))
    width = 0.8 / len(bands)
    for i, (tag, counts) in enumerate(bands.items()):
        xs = [b + (i - (len(bands) - 1) / 2) * width for b in range(len(labels))]
        bars = ax.bar(xs, [counts[b] for b in labels], width=width, color=PALETTE[i % len(PALETTE)],
                      hatch=HATCHES[i % len(HATCHES)], edgecolor="black", label=PRECONDITIONS[tag])
        for bar, b in zip(bars, labels):
            _label(ax, bar, str(counts[b]))
    ax.set_xticks(range(len(labels)), labels)
    ax.set_xlabel("Score for the pre-condition")
    ax.set_ylabel("Learners")
    ax.yaxis.get_major_locator().set_params(integer=True)  # whole learners only
    top = max((c for counts in bands.values() for c in counts.values()), default=0)
    ax.set_ylim(0, top * 1.2 + 1)
    ax.set_title("Score distribution by pre-condition")
    ax.legend(fontsize=10)
    ax.spines[["top", "right"]].set_visible(False)
    parts = "; ".join(f"{PRECONDITIONS[t]}: " + ", ".join(f"{c[b]} scored {b}" for b in labels)
                      for t, c in bands.items())
    return render(fig, alt=f"Bar chart of learners in each score band. {parts}.",
                  caption="How many learners scored in each band, for each pre-condition with a graded lesson.")


@_text_as_text
def shift_chart(shifts) -> Figure:
    """For each board, each pre-condition's mean rating then (circle) and now (triangle), joined by an arrow."""
    boards = sorted({s.board for s in shifts})
    fig, axes = plt.subplots(len(boards), 1, figsize=(WIDTH_IN, 0.6 + 2.0 * len(boards)), sharex=True, squeeze=False)
    tags = list(PRECONDITIONS)
    for ax, board in zip(axes[:, 0], boards):
        for s in (s for s in shifts if s.board == board):
            y = tags.index(s.precondition)
            ax.annotate("", xy=(s.now, y), xytext=(s.then, y), arrowprops=dict(arrowstyle="->", color="#555555"))
            ax.plot([s.then], [y], marker="o", markersize=9, color=PALETTE[1], markeredgecolor="black", linestyle="")
            ax.plot([s.now], [y], marker="^", markersize=10, color=PALETTE[0], markeredgecolor="black", linestyle="")
            ax.text(5.25, y, f"{s.then:.1f} → {s.now:.1f}", va="center", fontsize=10)
        learners = next(s.learners for s in shifts if s.board == board)
        ax.set_yticks(range(len(tags)), [PRECONDITIONS[t] for t in tags])
        ax.set_ylim(len(tags) - 0.5, -0.5)
        ax.set_title(f"{board} ({learners} learner{'s' if learners != 1 else ''})", fontsize=11, loc="left")
        ax.grid(axis="x", color="#dddddd")
        ax.spines[["top", "right"]].set_visible(False)
    last = axes[-1, 0]
    last.set_xlim(0.8, 6.2)
    last.set_xticks([1, 2, 3, 4, 5])
    last.set_xlabel("Mean rating: 1 not in place, 5 fully in place")
    then = plt.Line2D([], [], marker="o", color=PALETTE[1], markeredgecolor="black", linestyle="", label="Then (start)")
    now = plt.Line2D([], [], marker="^", color=PALETTE[0], markeredgecolor="black", linestyle="", label="Now (end)")
    fig.legend(handles=[then, now], loc="upper right", fontsize=10)
    fig.suptitle("Then and now: self-assessment by board", fontsize=12, x=0.02, ha="left")
    parts = "; ".join(
        f"{board}: " + ", ".join(f"{PRECONDITIONS[s.precondition]} {s.then:.1f} to {s.now:.1f}"
                                 for s in shifts if s.board == board) for board in boards)
    return render(fig, alt=f"Dot chart of mean self-assessment ratings, then and now, by board. {parts}.",
                  caption="Mean ratings at the start of the course (circles) and the end (triangles), "
                          "for learners who rated both times.")
