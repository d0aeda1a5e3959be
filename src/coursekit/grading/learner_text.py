"""Learner text shown as text: markdown that cannot carry markup, and plain lines for a terminal.

Anything a learner wrote (a reflection, a cell they added, an answers-file key that ends up
in a grading note) is shown to an assessor in formgrader and to the learner in feedback,
both of which render markdown *with raw HTML allowed* and MathJax on the page. So learner
text is never handed over as markdown. :func:`as_markdown` turns it into one line of HTML:
a ``<div>`` holding the text with every character that could start markup written as an
entity. It is one line because a blank line would end CommonMark's HTML block and let
markdown resume; newlines become ``&#10;`` and the ``white-space: pre-wrap`` style shows
them as line breaks. The ``tex2jax_ignore``/``mathjax_ignore`` classes keep MathJax off it.
"""

from __future__ import annotations

import html
import re
import unicodedata

#: The class every block of learner text carries (and what :func:`from_markdown` recognises).
CLASS = "coursekit-learner-text"
OPEN = f'<div class="{CLASS} tex2jax_ignore mathjax_ignore" style="white-space: pre-wrap">'
CLOSE = "</div>"

#: Characters that start markup somewhere (HTML, markdown, MathJax): written as numeric entities.
_ESCAPES = str.maketrans({ch: f"&#{ord(ch)};" for ch in "&<>\"'\\`*_[]{}()#|~^$!=:\n\t"})
_BIDI = {"LRE", "RLE", "PDF", "LRO", "RLO", "LRI", "RLI", "FSI", "PDI"}
_LEARNER_TEXT = re.compile(re.escape(OPEN) + r"((?:[^<>&\"'\n]|&#[0-9]+;)*)" + re.escape(CLOSE))


def _is_control(ch: str) -> bool:
    """A character that draws nothing and can steer a terminal or reorder text."""
    category = unicodedata.category(ch)
    return category == "Cc" or (category == "Cf" and unicodedata.bidirectional(ch) in _BIDI)


def without_controls(text: str, keep: str = "\n\t") -> str:
    """``text`` without control characters (escape sequences, bidi overrides), except those in ``keep``."""
    return "".join(ch for ch in text if ch in keep or not _is_control(ch))


def as_markdown(text: str) -> str:
    """``text`` as a markdown cell's source that shows exactly these characters and nothing else."""
    text = without_controls(str(text).replace("\r\n", "\n").replace("\r", "\n"))
    return OPEN + text.translate(_ESCAPES) + CLOSE


def is_learner_text(source: str) -> bool:
    """True if ``source`` is exactly what :func:`as_markdown` writes."""
    return _LEARNER_TEXT.fullmatch(source) is not None


def from_markdown(source: str) -> str | None:
    """The text :func:`as_markdown` wrapped, or None if ``source`` is not learner text."""
    found = _LEARNER_TEXT.fullmatch(source)
    return None if found is None else html.unescape(found.group(1))


def one_line(text: str, longest: int | None = None) -> str:
    """``text`` for one line of a terminal or a log: no control characters, whitespace collapsed."""
    flat = " ".join(without_controls(str(text), keep="\n\t").split())
    if longest is not None and len(flat) > longest:
        return flat[: longest - 1] + "…"
    return flat
