"""A document as data: a list of styled lines of text (drawn to PDF on the learner's side).

The plan and the record of completion describe their PDF here, with the
standard library only; :mod:`coursekit.learner.onepage` lays the lines out and draws them.
"""

from __future__ import annotations

from dataclasses import dataclass

#: The styles a line may have (their sizes live with the drawing, in :mod:`coursekit.learner.onepage`).
STYLE_NAMES = ("title", "subtitle", "heading", "label", "text", "note", "big")


@dataclass(frozen=True)
class Line:
    style: str
    text: str
    centre: bool = False

    def __post_init__(self) -> None:
        if self.style not in STYLE_NAMES:
            raise ValueError(f"Unknown line style {self.style!r}: use one of {', '.join(STYLE_NAMES)}.")
