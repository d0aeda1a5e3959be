"""Figures with alt text, a colour-blind-safe palette, and labels so colour is never the only signal.

Each figure is drawn with matplotlib and shown as an HTML ``<figure>`` with an
``<img alt="...">`` and a caption, so the alt text travels into JupyterLab, the
saved notebook and nbconvert's HTML alike.
"""

from __future__ import annotations

import base64
import html
import io
from dataclasses import dataclass
from typing import Callable

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

#: Okabe-Ito: distinguishable with the common kinds of colour blindness.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
HATCHES = ("", "//", "..", "xx", "\\\\", "++")


@dataclass(frozen=True)
class Figure:
    """A rendered figure: PNG bytes, its alt text and a visible caption."""

    png: bytes
    alt: str
    caption: str

    def __post_init__(self):
        if not self.alt.strip():
            raise ValueError("Every figure needs alt text.")

    def html(self) -> str:
        data = base64.b64encode(self.png).decode("ascii")
        return (
            '<figure class="coursekit-figure" style="margin:0">'
            f'<img src="data:image/png;base64,{data}" alt="{html.escape(self.alt, quote=True)}" style="max-width:100%">'
            f"<figcaption>{html.escape(self.caption)}</figcaption></figure>"
        )

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": self.html(), "text/plain": f"Figure: {self.alt}"}


def render(fig, alt: str, caption: str) -> Figure:
    """Turn a matplotlib figure into a :class:`Figure` and close it."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)
    return Figure(buffer.getvalue(), alt, caption)


FIGURES: dict[str, Callable[[], Figure]] = {}


def figure(name: str):
    """Register a figure function under ``name`` for ``Lesson.figure(name)``."""

    def register(fn: Callable[[], Figure]) -> Callable[[], Figure]:
        FIGURES[name] = fn
        return fn

    return register


def get(name: str) -> Figure:
    try:
        return FIGURES[name]()
    except KeyError:
        raise KeyError(f"coursekit has no figure called '{name}'. Known figures: {', '.join(sorted(FIGURES))}") from None


@figure("govuk_websites")
def govuk_websites() -> Figure:
    fig, ax = plt.subplots(figsize=(6.4, 2.6))
    labels = ["Government websites before", "GOV.UK"]
    values = [1881, 1]
    bars = ax.barh(labels, values, color=[PALETTE[1], PALETTE[0]], edgecolor="black")
    bars[0].set_hatch("//")
    for bar, value in zip(bars, values):
        ax.text(bar.get_width() + 25, bar.get_y() + bar.get_height() / 2, f"{value:,}", va="center", fontsize=11)
    ax.set_xlim(0, 2150)
    ax.invert_yaxis()
    ax.set_xlabel("Number of websites")
    ax.set_title("One goal: 1,881 websites replaced by one")
    ax.spines[["top", "right"]].set_visible(False)
    return render(
        fig,
        alt="Bar chart. 1,881 government websites before; one website, GOV.UK, after.",
        caption="GOV.UK, a new website that replaced 1,881 others: the UK government's single, clear goal. "
        "Source: A new era of digital leadership (NHS Providers with Public Digital, 2020).",
    )


@figure("scas_journey")
def scas_journey() -> Figure:
    steps = [
        ("2006", "Trust formed by merging\nfour ambulance county\nservices"),
        ("Stage 1", "Integrate legacy systems\n(telephones, computer aided\ndispatch); build resilience"),
        ("Stage 2", "'Renew and replace',\nincluding the 111 rollout"),
        ("Now", "Deliver system working,\nstarting from the whole\nsystem and working back"),
    ]
    fig, ax = plt.subplots(figsize=(11, 3.0))
    ax.set_xlim(0, len(steps))
    ax.set_ylim(0, 1)
    ax.axis("off")
    for i, (when, what) in enumerate(steps):
        x = i + 0.05
        ax.add_patch(plt.Rectangle((x, 0.12), 0.86, 0.62, facecolor=PALETTE[i % 4], alpha=0.25,
                                   edgecolor="black", hatch=HATCHES[i % len(HATCHES)], linewidth=1))
        ax.text(x + 0.43, 0.86, when, ha="center", va="center", fontsize=12, fontweight="bold")
        ax.text(x + 0.43, 0.43, what, ha="center", va="center", fontsize=8.5,
                bbox=dict(facecolor="white", edgecolor="none", alpha=0.9, pad=2))
        if i < len(steps) - 1:
            ax.annotate("", xy=(i + 1.05, 0.43), xytext=(i + 0.91, 0.43),
                        arrowprops=dict(arrowstyle="->", lw=1.8))
    ax.set_title("South Central Ambulance Service: a staged digital journey", fontsize=12)
    return render(
        fig,
        alt="Four steps left to right: 2006 merger of four ambulance services; stage 1, integrate legacy systems; "
        "stage 2, renew and replace including 111; now, system working.",
        caption="SCAS staged its journey and avoided too many business-critical changes at once. "
        "The source dates only the 2006 merger, so stages 1 and 2 are shown in order, not on a time scale.",
    )


from . import figures_covid  # noqa: E402,F401  (lessons 5 and 6 register their figures)


# Figures for the opening lessons (0 and 1), registered on import.
from . import figures_opening  # noqa: E402,F401


# Figures for lessons 2 and 3 (the Milton Keynes and CNTW cases), registered on import.
from . import figures_leadership_team  # noqa: E402,F401


# Figure for lesson 7 (your plan), registered on import.
from . import figures_plan  # noqa: E402,F401
