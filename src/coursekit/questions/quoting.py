"""Quote a text once, in curly quotation marks, however it was written.

A question's options, a ranking's responses and a learner's own words may already start or end
with quotation marks, or end with a full stop. Feedback that wraps them in its own marks then
read ``““We all agree…””`` or ``results.”.``. Every quoted text in feedback goes through
:func:`quoted`.
"""

from __future__ import annotations

#: Marks that may open or close a text already (straight, curly, single and double).
QUOTE_MARKS = "\"'“”‘’„«»"


def quoted(text: object) -> str:
    """``text`` in “curly quotes”: its own outer quotation marks and one closing full stop
    dropped, so the sentence around it adds its own punctuation once. An ellipsis is kept."""
    inner = " ".join(str(text).split())
    while len(inner) >= 2 and inner[0] in QUOTE_MARKS and inner[-1] in QUOTE_MARKS:
        inner = inner[1:-1].strip()
    inner = inner.strip(QUOTE_MARKS).strip()
    if inner.endswith(".") and not inner.endswith(".."):
        inner = inner[:-1].rstrip()
    return f"“{inner}”"
