"""Show a lesson figure that ships with the package: an SVG drawn ahead of time, with its alt text and caption.

The learner's runtime never draws a figure and needs no matplotlib. ``coursekit generate`` renders
every figure in :mod:`coursekit.figures` to ``coursekit/content/figures/<name>.svg`` (the alt text is
the SVG's ``<title>``) and lists each one's alt text and caption in ``figures.json``. This module
reads those files from the installed package, with the standard library only.

A figure shows as an HTML ``<figure>`` with an ``<img alt="...">`` and a ``<figcaption>``, so the alt
text travels into JupyterLab, the saved notebook and nbconvert's HTML alike.
"""

from __future__ import annotations

import base64
import functools
import html
import json
import re
from dataclasses import dataclass
from importlib import resources

#: The shipped figures' folder inside the package, and the one list of their alt texts and captions.
FOLDER = ("content", "figures")
MANIFEST = "figures.json"
#: What the manifest says about itself (written by ``coursekit generate``).
MANIFEST_NOTE = "Made by `coursekit generate` from coursekit.figures: do not edit by hand."

#: How much larger than drawn a figure may show (10 pt = 13.3 px drawn; x 1.5 = 20 px).
ENLARGE = 1.5
#: The smallest font size, in points, any figure in coursekit.figures may use (tests check it): 13.3 px
#: at the drawn size, and still 12 px or more when a figure up to 920 px wide is narrowed to fit
#: JupyterLab's output area in a 1280 px window (828 px).
SMALLEST_LABEL_PT = 10

_REINSTALL = ("Reinstall coursekit (pip install --force-reinstall coursekit), or, in the coursekit project "
              "folder, run `coursekit generate`.")


@dataclass(frozen=True)
class ShippedFigure:
    """A figure drawn ahead of time: the SVG file's bytes, its alt text and its visible caption."""

    svg: bytes
    alt: str
    caption: str

    def __post_init__(self):
        if not self.alt.strip():
            raise ValueError("Every figure needs alt text.")

    def html(self) -> str:
        source = "data:image/svg+xml;base64," + base64.b64encode(self.svg).decode("ascii")
        return (
            '<figure class="coursekit-figure" style="margin:0">'
            f'<img src="{source}" alt="{html.escape(self.alt, quote=True)}" '
            f'style="width:100%;max-width:{self.display_width():g}px;height:auto">'
            f"<figcaption>{html.escape(self.caption)}</figcaption></figure>"
        )

    def natural_width(self) -> float:
        """The SVG's own width in CSS pixels (matplotlib writes it in points)."""
        found = re.search(rb'<svg[^>]*?\swidth="([0-9.]+)(pt|px)?"', self.svg)
        if not found:
            return 720.0
        return float(found.group(1)) * (4 / 3 if found.group(2) == b"pt" else 1)

    def display_width(self) -> float:
        """As wide as the page allows, up to ``ENLARGE`` times the drawn size: the smallest labels
        (10 pt when drawn) then read at 12 px or more wherever the page is at least 90% of the drawn width."""
        return round(self.natural_width() * ENLARGE)

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": self.html(), "text/plain": f"Figure: {self.alt}"}


def folder():
    """The shipped figures' folder (a :mod:`importlib.resources` traversable, so it works from a wheel too)."""
    return resources.files("coursekit").joinpath(*FOLDER)


@functools.cache
def manifest() -> dict[str, dict[str, str]]:
    """Every shipped figure's name, with its ``alt`` text and ``caption``."""
    where = "/".join(("coursekit", *FOLDER, MANIFEST))
    try:
        data = json.loads(folder().joinpath(MANIFEST).read_text(encoding="utf-8"))
        entries = data["figures"]
        if not all(isinstance(e.get("alt"), str) and isinstance(e.get("caption"), str) for e in entries.values()):
            raise ValueError("an entry without its alt text or caption")
    except FileNotFoundError:
        raise FileNotFoundError(f"coursekit's list of figures, {where}, is missing. {_REINSTALL}") from None
    except (ValueError, KeyError, TypeError, AttributeError) as problem:
        raise ValueError(f"coursekit's list of figures, {where}, cannot be read ({problem}). {_REINSTALL}") from None
    return entries


def names() -> list[str]:
    return sorted(manifest())


def load(name: str) -> ShippedFigure:
    """The shipped figure called ``name``; a :class:`KeyError` naming the known figures if there is none."""
    entries = manifest()
    if name not in entries:
        raise KeyError(f"coursekit has no figure called '{name}'. Known figures: {', '.join(sorted(entries))}")
    try:
        svg = folder().joinpath(f"{name}.svg").read_bytes()
    except FileNotFoundError:
        where = "/".join(("coursekit", *FOLDER, f"{name}.svg"))
        raise FileNotFoundError(f"The figure '{name}' is listed but its drawing, {where}, is missing. "
                                f"{_REINSTALL}") from None
    return ShippedFigure(svg, entries[name]["alt"], entries[name]["caption"])
