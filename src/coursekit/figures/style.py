"""The figures' shared style: Okabe-Ito palette, hatches, rendering with alt text, and the registry.

Figures with alt text, a colour-blind-safe palette, and labels so colour is never the only signal.

A lesson figure is registered by name and rendered to SVG, byte for byte the same on every run
(:func:`svg`, :func:`get`): ``coursekit generate`` ships those files, and the learner's runtime
shows them (:mod:`coursekit.learner.shipped_figure`) without matplotlib. The cohort dashboard's
charts are drawn when needed, as PNG (:func:`render`).
"""

from __future__ import annotations

import copy
import functools
import io
from dataclasses import dataclass
from typing import Callable

import matplotlib

matplotlib.use("Agg")
import matplotlib.patches  # noqa: E402
import matplotlib.text  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402

#: Okabe-Ito: distinguishable with the common kinds of colour blindness.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
HATCHES = ("", "//", "..", "xx", "\\\\", "++")
#: The resolution of the charts drawn as PNG (:func:`render`), in dots per inch.
PNG_DPI = 110


@dataclass(frozen=True)
class Figure:
    """A rendered figure: its image (a PNG chart, or a lesson figure's SVG), its alt text and a visible caption."""

    image: bytes
    alt: str
    caption: str
    format: str = "png"
    #: The smallest font size of any text shown in the figure, in points (measured as it is drawn).
    smallest_pt: float = 0.0

    def __post_init__(self):
        if not self.alt.strip():
            raise ValueError("Every figure needs alt text.")

    @property
    def png(self) -> bytes:
        return self._image("png")

    @property
    def svg(self) -> bytes:
        return self._image("svg")

    def _image(self, format: str) -> bytes:
        if self.format != format:
            raise ValueError(f"This figure is drawn as {self.format.upper()}, not {format.upper()}.")
        return self.image


#: The resolution of a PNG chart: pixels to the inch (the same as PNG_DPI).
RENDER_DPI = PNG_DPI


def render(fig, alt: str, caption: str) -> Figure:
    """Turn a matplotlib figure into a PNG :class:`Figure` (a chart drawn when needed) and close it."""
    smallest = smallest_text_pt(fig)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=PNG_DPI, bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)
    return Figure(buffer.getvalue(), alt, caption, smallest_pt=smallest)


def smallest_text_pt(fig) -> float:
    """The font size, in points, of the smallest text ``fig`` shows: titles, labels, ticks and legends."""
    sizes = [text.get_fontsize() for text in fig.findobj(matplotlib.text.Text)
             if text.get_visible() and text.get_text().strip()]
    return min(sizes, default=0.0)


#: Fixes the ids matplotlib writes in an SVG, which are otherwise random on each run.
SVG_HASH_SALT = "coursekit-figures"


def svg(fig, alt: str, caption: str) -> Figure:
    """Render a lesson figure to SVG, with no date or software version in it, and close it.

    The alt text becomes the SVG's ``<title>`` (and its Dublin Core title), the caption its description.
    """
    _hatch_over_fill(fig)
    smallest = smallest_text_pt(fig)
    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.hashsalt": SVG_HASH_SALT, "svg.fonttype": "path"}):
        fig.savefig(buffer, format="svg", bbox_inches="tight",
                    metadata={"Date": None, "Creator": None, "Title": alt, "Description": caption})
    plt.close(fig)
    return Figure(buffer.getvalue(), alt, caption, "svg", smallest)


def _hatch_over_fill(fig) -> None:
    """Draw each hatch over its pale fill at the hatch's own strength, as the PNG renderer does.

    An SVG pattern fades with the translucent fill it sits in, so a hatch on a pale fill would all but
    vanish; and hatches carry meaning (colour is never the only signal). So each hatched shape draws
    its fill and outline, then, at once, a copy with only the hatch.
    """
    if not hasattr(matplotlib.patches.Patch, "set_hatchcolor"):
        raise RuntimeError(f"Drawing the lesson figures needs matplotlib 3.10 or later; this is "
                           f"{matplotlib.__version__}. Run: pip install --upgrade matplotlib")
    for patch in fig.findobj(matplotlib.patches.Patch):
        if not patch.get_hatch():
            continue
        hatch = copy.copy(patch)
        colour = patch.get_hatchcolor()
        hatch.set_alpha(None)
        hatch.set_facecolor("none")
        hatch.set_linewidth(0)
        hatch.set_hatchcolor(colour)
        patch.set_hatch(None)
        patch.draw = functools.partial(_then, patch.draw, hatch.draw)


def _then(first, second, renderer) -> None:
    first(renderer)
    second(renderer)


FIGURES: dict[str, Callable[[], Figure]] = {}


def figure(name: str):
    """Register a lesson figure under ``name``: ``coursekit generate`` ships it for ``Lesson.figure(name)``."""

    def register(fn: Callable[[], Figure]) -> Callable[[], Figure]:
        FIGURES[name] = fn
        return fn

    return register


def get(name: str) -> Figure:
    """Draw the lesson figure ``name`` afresh, in matplotlib's default style whatever this machine's
    settings, so the SVG is the same byte for byte wherever and however often it is drawn."""
    try:
        draw = FIGURES[name]
    except KeyError:
        raise KeyError(f"coursekit has no figure called '{name}'. Known figures: {', '.join(sorted(FIGURES))}") from None
    with matplotlib.rc_context():
        matplotlib.rcdefaults()
        return draw()


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
