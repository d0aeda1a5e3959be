"""Figures for lessons 2 and 3: the Milton Keynes and CNTW cases.

Registered in :data:`coursekit.figures.FIGURES` on import (``figures`` imports this module).
Every part is labelled in words and hatched or outlined, so colour never carries meaning alone.
"""

from __future__ import annotations

from coursekit.figures.style import HATCHES, PALETTE, Figure, arrow, canvas, figure, plt, svg

SOURCE = "Source: A new era of digital leadership (NHS Providers with Public Digital, 2020)."
_PANEL = dict(facecolor="white", edgecolor="none", alpha=0.92, pad=2)


def _block(ax, x, y, width, height, text, i, *, size=10.5, bold=False):
    ax.add_patch(plt.Rectangle((x, y), width, height, facecolor=PALETTE[i % len(PALETTE)], alpha=0.25,
                               edgecolor="black", hatch=HATCHES[i % len(HATCHES)], linewidth=1))
    ax.text(x + width / 2, y + height / 2, text, ha="center", va="center", fontsize=size,
            fontweight="bold" if bold else "normal", bbox=_PANEL)


def _timeline(ax, start, end, note_at):
    """A horizontal time axis from ``start`` to ``end``, with an arrow and a note that it is to scale."""
    ax.plot([start, end - 0.5], [0, 0], color="black", lw=1.5)
    arrow(ax, (end - 1, 0), (end + 0.7, 0))
    ax.text(note_at, 0.1, "The years are spaced to scale", ha="center", va="bottom", fontsize=10.5, style="italic")


def _event(ax, year, i, text, *, above=True, ha="center"):
    """A marker on the time axis (its shape varies with ``i``, as well as its colour) and its label."""
    ax.plot([year], [0], marker=("o", "s", "D")[i % 3], markersize=11, color=PALETTE[i], markeredgecolor="black")
    ax.text(year, 0.3 if above else -0.3, text, ha=ha, va="bottom" if above else "top", fontsize=10.5, bbox=_PANEL)


@figure("mk_three_pillars")
def mk_three_pillars() -> Figure:
    fig, ax = canvas(9.5, 5.4, (0, 3), (0, 3.1), "Milton Keynes: the board's digital agenda in three pillars")
    _block(ax, 0.05, 2.35, 2.9, 0.6,
           "The whole board's digital agenda: part of every board portfolio\n"
           "Not owned by one board member (no chief information officer on the board)", 0, bold=True)
    pillars = ("Pillar 1\nSupporting\npatients", "Pillar 2\nSupporting\nclinicians",
               "Pillar 3\nSupporting\nprofessional\nsupport staff")
    for i, text in enumerate(pillars):
        _block(ax, 0.2 + i * 0.95, 0.75, 0.7, 1.5, text, i + 1, size=11, bold=True)
    _block(ax, 0.05, 0.1, 2.9, 0.55,
           "Foundation: basic technical infrastructure first,\nthen an incremental approach that builds "
           "board confidence and risk appetite", 4)
    return svg(
        fig,
        alt="A building: the whole board's digital agenda as the roof, held up by three pillars, supporting "
        "patients, clinicians and professional support staff, on a base of basic infrastructure first.",
        caption="Milton Keynes split its digital agenda into three pillars so that digital is part of every board "
        "portfolio and every executive takes part. The source does not say which executive leads which pillar. "
        + SOURCE,
    )


@figure("mk_looking_ahead")
def mk_looking_ahead() -> Figure:
    fig, ax = canvas(9.5, 3.2, (2016, 2054), (-1.3, 1.5), "Milton Keynes: a fast-changing local area")
    _timeline(ax, 2018, 2052.5, note_at=2036.5)
    _event(ax, 2020, 0, "2020\nThis guide is\npublished (July)")
    _event(ax, 2023, 1, "2023\nA large undergraduate\nuniversity due to open\n(a 2020 forecast)", above=False)
    _event(ax, 2050, 2, "2050\nThe population of\nMilton Keynes is set\nto grow to 500,000")
    return svg(
        fig,
        alt="Timeline to scale: 2020, the guide is published; 2023, a large undergraduate university due to open, "
        "as forecast in 2020; 2050, population set to grow to 500,000.",
        caption="The trust's strategy must plan for a growing city. The source gives no population figure for "
        "today, so the figure shows only the 2050 figure, not a growth line. " + SOURCE,
    )


@figure("cntw_timeline")
def cntw_timeline() -> Figure:
    fig, ax = canvas(9.5, 3.6, (2008, 2022.5), (-1.6, 1.7), "CNTW: patience with new systems, speed in a crisis")
    _timeline(ax, 2009, 2021.5, note_at=2015.5)
    _event(ax, 2010, 0, "2010\nA new EPR system is rolled out\n'Model teams' are launched", ha="left")
    ax.add_patch(plt.Rectangle((2010, -0.55), 3, 0.35, facecolor=PALETTE[1], alpha=0.3, edgecolor="black",
                               hatch="//", linestyle="--"))
    ax.text(2010.1, -0.65, "Up to three years before the board fully\nappreciated the benefits of the EPR",
            ha="left", va="top", fontsize=10.5, bbox=_PANEL)
    _event(ax, 2020, 2, "2020: COVID-19\nTools such as Microsoft\nTeams and new reporting\nsystems scaled across\nthe trust")
    return svg(
        fig,
        alt="Timeline: in 2010 a new EPR is rolled out and model teams launch; a dashed span of up to three years "
        "to appreciate the EPR's benefits; in 2020 tools are scaled for COVID-19.",
        caption="The dashed span is 'up to three years', as the source puts it, not an exact date. The source says "
        "CNTW scaled these tools during its COVID-19 response; the first wave came in 2020. " + SOURCE,
    )


@figure("model_teams_loop")
def model_teams_loop() -> Figure:
    fig, ax = canvas(10, 3.6, (0, 4), (0, 1.6), "CNTW's 'model teams': test and iterate, then scale")
    steps = [
        "1. Model teams\n(frontline clinical\nteams) use a new\ndigital tool, with\nlean methods",
        "2. They test it\nand feed back\nto the\ninformatics team",
        "3. The informatics\nteam solves issues\nwithin each team",
        "4. Only then:\nscale and roll\nout to the rest\nof the trust",
    ]
    for i, text in enumerate(steps):
        _block(ax, i + 0.06, 0.45, 0.82, 0.95, text, i)
        if i < len(steps) - 1:
            arrow(ax, (i + 0.9, 0.92), (i + 1.04, 0.92))
    ax.annotate("", xy=(0.47, 0.43), xytext=(2.47, 0.43),
                arrowprops=dict(arrowstyle="->", lw=1.5, linestyle="--", connectionstyle="arc3,rad=-0.25"))
    ax.text(1.47, 0.08, "Test and iterate: feed back and fix within each team, before scaling", ha="center",
            fontsize=10.5, style="italic", bbox=_PANEL)
    return svg(
        fig,
        alt="Four steps: model teams use a tool; they test and feed back; the informatics team fixes issues in each "
        "team, looping back; then the tool scales to the rest of the trust.",
        caption="CNTW tests digital tools in 'model teams' before rolling them out. Model teams were launched in "
        "2010. " + SOURCE,
    )
