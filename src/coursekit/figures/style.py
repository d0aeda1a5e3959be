"""The figures' shared style: Okabe-Ito palette, hatches, rendering with alt text, and the registry.

Figures with alt text, a colour-blind-safe palette, and labels so colour is never the only signal.

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


def arrow(ax, start, end):
    """An arrow from ``start`` to ``end``, for sequences and loops."""
    ax.annotate("", xy=end, xytext=start, arrowprops=dict(arrowstyle="->", lw=1.8))


def canvas(width, height, xlim, ylim, title):
    """A blank, axis-free figure of the given size and limits, with its title."""
    fig, ax = plt.subplots(figsize=(width, height))
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.axis("off")
    ax.set_title(title, fontsize=12)
    return fig, ax
