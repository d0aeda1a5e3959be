"""The dashboard's three charts, drawn with matplotlib.

Okabe-Ito colours, and always a second signal (hatching, marker shape, a text label)
so that colour never carries meaning alone. Each chart's alt text states its numbers, rounded
as the chart and the tables show them (:func:`shown`). Legends sit outside the plot, so they
cover no bar or label. Every text is at least :data:`SMALLEST_TEXT` points, which is 12 px or
more when the dashboard shows a chart at its own size (1 pt = 4/3 CSS px).
Text from data (board names from the roster, lesson titles) is drawn as text, never parsed
as maths: a board named ``$\\undefinedmacro{x}$`` must not stop the report.
"""

from __future__ import annotations

import functools
from decimal import ROUND_HALF_UP, Decimal

from coursekit.figures.style import HATCHES, PALETTE, Figure, plt, render
from coursekit.syllabus import PRECONDITIONS

#: The last group of the score bands: learners who handed in none of a pre-condition's lessons.
DID_NOT_SUBMIT = "Did not submit"


#: The smallest text on a chart, in points; titles and labels are larger.
SMALLEST_TEXT = 10
WIDTH = 10.5  # inches: the width of the page's main column when shown at its own size
CHART_STYLE = {"text.parse_math": False, "font.size": SMALLEST_TEXT + 1, "axes.titlesize": SMALLEST_TEXT + 3,
               "axes.labelsize": SMALLEST_TEXT + 1, "xtick.labelsize": SMALLEST_TEXT + 1,
               "ytick.labelsize": SMALLEST_TEXT + 1, "legend.fontsize": SMALLEST_TEXT + 1,
               "figure.titlesize": SMALLEST_TEXT + 4}


def shown(value: float, places: int = 1) -> Decimal:
    """``value`` as the dashboard shows it: rounded half up (2.25 → 2.3, 2.75 → 2.8), the same way everywhere."""
    return Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def percent(part: int, whole: int) -> Decimal:
    """A share as a whole percentage, as every chart and table of the dashboard shows it."""
    return shown(100 * part / whole if whole else 0.0, 0)


def _text_as_text(chart):
    """Draw ``chart`` in the dashboard's type sizes, with matplotlib's maths parsing off for every text it makes."""
    @functools.wraps(chart)
    def drawn(*args, **kwargs) -> Figure:
        with plt.rc_context(CHART_STYLE):
            return chart(*args, **kwargs)
    return drawn


def _label(ax, bar, text: str) -> None:
    ax.text(bar.get_x() + bar.get_width() / 2, bar.get_height(), text, ha="center", va="bottom")


def _legend_below(fig, handles=None, columns: int = 2) -> None:
    """The legend under the plot, outside it, so that it covers no bar, point or label."""
    kwargs = {"handles": handles} if handles else {}
    fig.legend(loc="outside lower center", ncol=columns, frameon=False, **kwargs)


@_text_as_text
def completion_chart(rows) -> Figure:
    """Horizontal bars per lesson: % of learners who submitted, and who completed."""
    fig, ax = plt.subplots(figsize=(WIDTH, 1.6 + 0.8 * len(rows)), layout="constrained")
    y = range(len(rows))
    series = (("Submitted", [percent(r.submitted, r.learners) for r in rows], 0, "//"),
              ("Complete (every graded part answered)", [percent(r.complete, r.learners) for r in rows], 2, ""))
    height = 0.38
    for offset, (name, values, colour, hatch) in enumerate(series):
        bars = ax.barh([i + (offset - 0.5) * height for i in y], [float(v) for v in values], height=height,
                       color=PALETTE[colour], hatch=hatch, edgecolor="black", label=name)
        for bar, value in zip(bars, values):
            ax.text(bar.get_width() + 1, bar.get_y() + bar.get_height() / 2, f"{value}%", va="center")
    ax.set_yticks(list(y), [r.title for r in rows])
    ax.invert_yaxis()
    ax.set_xlim(0, 112)
    ax.set_xlabel("Learners (%)")
    ax.set_title("Completion by lesson")
    _legend_below(fig)
    ax.spines[["top", "right"]].set_visible(False)
    parts = "; ".join(f"{r.title}: {r.submitted} of {r.learners} submitted ({percent(r.submitted, r.learners)}%), "
                      f"{r.complete} complete ({percent(r.complete, r.learners)}%)" for r in rows)
    return render(fig, alt=f"Bar chart of completion by lesson. {parts}.",
                  caption="Learners who submitted each lesson, and who answered every graded part of it.")


@_text_as_text
def bands_chart(bands: dict[str, dict[str, int]]) -> Figure:
    """Grouped bars: learners per score band (and who did not submit), one group of bars per pre-condition."""
    labels = list(next(iter(bands.values())))
    fig, ax = plt.subplots(figsize=(WIDTH, 5.0), layout="constrained")
    width = 0.8 / len(bands)
    for i, (tag, counts) in enumerate(bands.items()):
        xs = [b + (i - (len(bands) - 1) / 2) * width for b in range(len(labels))]
        bars = ax.bar(xs, [counts[b] for b in labels], width=width, color=PALETTE[i % len(PALETTE)],
                      hatch=HATCHES[i % len(HATCHES)], edgecolor="black", label=PRECONDITIONS[tag])
        for bar, b in zip(bars, labels):
            _label(ax, bar, str(counts[b]))
    ax.set_xticks(range(len(labels)), labels)
    ax.set_xlabel("Score for the pre-condition (or did not submit any of its lessons)")
    ax.set_ylabel("Learners")
    ax.yaxis.get_major_locator().set_params(integer=True)  # whole learners only
    top = max((c for counts in bands.values() for c in counts.values()), default=0)
    ax.set_ylim(0, top * 1.2 + 1)
    ax.set_title("Score distribution by pre-condition")
    _legend_below(fig, columns=min(len(bands), 4))
    ax.spines[["top", "right"]].set_visible(False)
    parts = "; ".join(f"{PRECONDITIONS[t]}: " + ", ".join(
        f"{c[b]} {b.lower()}" if b == DID_NOT_SUBMIT else f"{c[b]} scored {b}" for b in labels)
        for t, c in bands.items())
    return render(fig, alt=f"Bar chart of learners in each score band, and learners who did not submit. {parts}.",
                  caption="How many learners scored in each band, for each pre-condition with a graded lesson. "
                          "Every learner on the roster is counted: those who handed in none of its lessons "
                          "are the last group, “did not submit”.")


@_text_as_text
def shift_chart(shifts) -> Figure:
    """For each board, each pre-condition's mean rating then (circle) and now (triangle), joined by an arrow."""
    boards = sorted({s.board for s in shifts})
    fig, axes = plt.subplots(len(boards), 1, figsize=(WIDTH, 1.4 + 2.4 * len(boards)), sharex=True, squeeze=False,
                             layout="constrained")
    tags = list(PRECONDITIONS)
    for ax, board in zip(axes[:, 0], boards):
        for s in (s for s in shifts if s.board == board):
            y = tags.index(s.precondition)
            ax.annotate("", xy=(s.now, y), xytext=(s.then, y), arrowprops=dict(arrowstyle="->", color="#555555"))
            ax.plot([s.then], [y], marker="o", markersize=9, color=PALETTE[1], markeredgecolor="black", linestyle="")
            ax.plot([s.now], [y], marker="^", markersize=10, color=PALETTE[0], markeredgecolor="black", linestyle="")
            ax.text(5.25, y, f"{s.then_shown} → {s.now_shown}", va="center")
        learners = next(s.learners for s in shifts if s.board == board)
        ax.set_yticks(range(len(tags)), [PRECONDITIONS[t] for t in tags])
        ax.set_ylim(len(tags) - 0.5, -0.5)
        ax.set_title(f"{board} ({learners} learner{'s' if learners != 1 else ''})", loc="left")
        ax.grid(axis="x", color="#dddddd")
        ax.spines[["top", "right"]].set_visible(False)
    last = axes[-1, 0]
    last.set_xlim(0.8, 6.4)
    last.set_xticks([1, 2, 3, 4, 5])
    last.set_xlabel("Mean rating: 1 not in place, 5 fully in place")
    then = plt.Line2D([], [], marker="o", color=PALETTE[1], markeredgecolor="black", linestyle="", label="Then (start)")
    now = plt.Line2D([], [], marker="^", color=PALETTE[0], markeredgecolor="black", linestyle="", label="Now (end)")
    _legend_below(fig, handles=[then, now])
    fig.suptitle("Then and now: self-assessment by board")
    parts = "; ".join(
        f"{board}: " + ", ".join(f"{PRECONDITIONS[s.precondition]} {s.then_shown} to {s.now_shown}"
                                 for s in shifts if s.board == board) for board in boards)
    return render(fig, alt=f"Dot chart of mean self-assessment ratings, then and now, by board. {parts}.",
                  caption="Mean ratings at the start of the course (circles) and the end (triangles), "
                          "for learners who rated both times.")
