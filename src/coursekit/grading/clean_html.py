"""HTML made safe to open: no script, no event handlers, no ``javascript:`` links, no outside resources.

The learner's feedback page is HTML that nbconvert renders from markdown with raw HTML
allowed. Learner text reaches that markdown only as text (:mod:`coursekit.grading.learner_text`),
but the page is opened from disk, where a script would run with the learner's files in
reach, so every piece of rendered markdown also goes through :func:`clean` (bleach, an
allow-list sanitizer) as a second line of defence. The feedback template is given it as
the Jinja filter ``coursekit_clean`` (see :func:`coursekit.grading.plugins.configure`).
"""

from __future__ import annotations

import bleach
from bleach.css_sanitizer import CSSSanitizer

#: What course text and coursekit's own cells use; anything else is removed, keeping its text.
TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "div", "dl", "dt", "em",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "kbd", "li", "ol", "p", "pre", "s", "small", "span",
    "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
})
ATTRIBUTES = {
    "*": ["class", "id", "title", "style"],
    "a": ["class", "id", "title", "href"],
    "abbr": ["title"],
    "td": ["style", "colspan", "rowspan", "class"],
    "th": ["style", "colspan", "rowspan", "scope", "class"],
    "ol": ["start", "class"],
}
#: Links may go to a web page, an email address or a place on the page; never run anything.
PROTOCOLS = frozenset({"http", "https", "mailto"})
#: Inline styles coursekit's own cells use (the rubric table, learner text); none can load a resource.
STYLES = frozenset({
    "border", "border-collapse", "border-bottom", "border-top", "border-left", "border-right", "padding",
    "text-align", "vertical-align", "white-space", "font-weight", "font-style", "color", "background-color",
})
_CSS = CSSSanitizer(allowed_css_properties=STYLES)
_CLEANER = bleach.Cleaner(tags=TAGS, attributes=ATTRIBUTES, protocols=PROTOCOLS, strip=True,
                          strip_comments=True, css_sanitizer=_CSS)


def clean(fragment: str) -> str:
    """``fragment`` (rendered markdown) with only the tags, attributes, links and styles above."""
    return _CLEANER.clean(str(fragment))
