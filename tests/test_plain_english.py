"""Learner-facing text meets NHS content style: short sentences, short paragraphs, clear link text.

Checked in every markdown cell of the lessons (notebooks/) and of the learner copies of the
exercises (exercises/). Headings, table rows, code, HTML tags, images and link URLs are not prose.
Each list item counts as a paragraph of its own. The chief executives' quotes, in quotation marks
with their attribution, are exempt from the sentence length rule only.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

import pytest

from course_support import ROOT

MAX_WORDS = 25
MAX_SENTENCES = 3
#: Link text that says nothing about where the link goes (NHS content style).
VAGUE_LINK_TEXT = {"here", "click here", "this link", "link", "this", "more", "read more", "this page"}
#: Words whose full stop never ends a sentence (compared in lower case, without the final stop).
ABBREVIATIONS = {"e.g", "i.e", "dr", "mr", "mrs", "ms", "prof", "st", "vs", "cf", "approx", "fig", "pp"}

NOTEBOOKS = [*sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")),
             *sorted((ROOT / "exercises").glob("*/*.ipynb"))]

_FENCE = re.compile(r"^\s*(```|~~~)")
_QUOTE_PREFIX = re.compile(r"^\s{0,3}>\s?")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_RULE = re.compile(r"^\s*([-*_])(?:\s*\1){2,}\s*$")
_SETEXT = re.compile(r"^\s*(?:=+|-+)\s*$")
#: An attribution line under a quote: a dash, then who said it, a chief executive.
_ATTRIBUTION = re.compile(r"^[ >]*(?:—|–|--)\s*\S.*\bchief executive\b", re.I | re.M)
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)|!\[[^\]]*\]\[[^\]]*\]")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)|\[([^\]]*)\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<((?:https?|ftp)://[^>\s]+|www\.[^>\s]+)>")
_BARE_URL = re.compile(r"(?<![\w(])(?:https?://|www\.)\S+")
_INLINE_CODE = re.compile(r"(`+)(.+?)\1")
_END = re.compile(r"[.!?…]+[\"”’')\]]*\s+")
_MARKUP = re.compile(r"(`+)(.+?)\1|(<!--.*?-->|</?[A-Za-z][^>]*>)|\*+|(?<!\w)_+|_+(?!\w)", re.S)
_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”")


@dataclass
class Paragraph:
    """One prose paragraph (or list item), as plain text, and the link texts it holds."""

    text: str
    links: list[str] = field(default_factory=list)
    #: Character ranges of quotes from a chief executive (exempt from the length rule).
    quotes: list[tuple[int, int]] = field(default_factory=list)


def _blocks(markdown: str) -> list[list[str]]:
    """Prose paragraphs as lists of lines: no code, headings, tables or rules; one per list item."""
    paragraphs: list[list[str]] = []
    current: list[str] = []
    in_fence, was_quote, in_list = False, False, False

    def flush():
        nonlocal current
        if current:
            paragraphs.append(current)
        current = []

    for raw in markdown.splitlines():
        if _FENCE.match(raw):
            flush()
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        is_quote = bool(_QUOTE_PREFIX.match(raw))
        line = raw
        while _QUOTE_PREFIX.match(line):
            line = _QUOTE_PREFIX.sub("", line, count=1)
        if is_quote != was_quote:
            flush()
        was_quote = is_quote
        stripped = line.strip()
        if _SETEXT.match(line) and current and not in_list:
            current = []  # the lines above were a heading
        elif not stripped or stripped.startswith("#") or stripped.startswith("|") or _RULE.match(line):
            flush()
        elif _LIST_ITEM.match(line):
            flush()
            current, in_list = [_LIST_ITEM.sub("", line, count=1).strip()], True
        elif not current and line.startswith(("    ", "\t")) and not in_list:
            continue  # an indented code block
        else:
            in_list = in_list and (bool(current) or line.startswith((" ", "\t")))
            current.append(stripped)
    flush()
    return paragraphs


def _plain(text: str) -> tuple[str, list[str]]:
    """Markdown inline text as plain words, and the texts of its links."""
    text = _IMAGE.sub(" ", text)
    links = list(_AUTOLINK.findall(text))
    text = _AUTOLINK.sub(lambda m: m.group(1), text)
    links += [a or b for a, b in _LINK.findall(text)]
    text = _LINK.sub(lambda m: m.group(1) or m.group(2), text)
    links += _BARE_URL.findall(_INLINE_CODE.sub(" ", text))
    # Code keeps its characters; outside code, HTML tags and emphasis markers go.
    text = _MARKUP.sub(lambda m: m.group(2) or (" " if m.group(3) else ""), text)
    return re.sub(r"\s+", " ", text).strip(), links


def paragraphs(markdown: str) -> list[Paragraph]:
    """The prose paragraphs of one markdown cell."""
    attributed = bool(_ATTRIBUTION.search(markdown))
    found = []
    for lines in _blocks(markdown):
        text, links = _plain(" ".join(lines))
        if not text and not links:
            continue
        quotes = [m.span() for m in _QUOTED.finditer(text)] if attributed else []
        found.append(Paragraph(text, links, quotes))
    return found


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Where each sentence of a plain-text paragraph starts and ends."""
    spans, start = [], 0
    for m in _END.finditer(text):
        after = text[m.end():m.end() + 1]
        if not after or not (after.isupper() or after.isdigit() or after in "\"“‘'(["):
            continue
        if text[m.start()] == ".":
            word = text[:m.start()].rsplit(" ", 1)[-1].lstrip("\"“‘'([").lower()
            if word in ABBREVIATIONS:
                continue
        end = m.end() - (len(m.group()) - len(m.group().rstrip()))
        spans.append((start, end))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


def sentences(text: str) -> list[str]:
    """The sentences of a plain-text paragraph."""
    return [text[a:b] for a, b in sentence_spans(text)]


def words(sentence: str) -> int:
    """How many words a sentence has (a token with a letter or digit in it)."""
    return sum(1 for token in sentence.split() if re.search(r"\w", token))


def problems(markdown: str) -> list[str]:
    """Every breach of the style rules in one markdown cell, each with the text to fix."""
    found = []
    for para in paragraphs(markdown):
        spans = sentence_spans(para.text)
        for a, b in spans:
            sentence = para.text[a:b]
            quoted = any(qa <= a and b <= qb for qa, qb in para.quotes)
            if words(sentence) > MAX_WORDS and not quoted:
                found.append(f"sentence of {words(sentence)} words (at most {MAX_WORDS}): {sentence!r}")
        if len(spans) > MAX_SENTENCES:
            found.append(f"paragraph of {len(spans)} sentences (at most {MAX_SENTENCES}): {para.text!r}")
        for link in para.links:
            plain = re.sub(r"[^\w\s]", "", link).strip().lower()
            if plain in VAGUE_LINK_TEXT or re.match(r"(https?://|www\.)", link.strip()):
                found.append(f"link text {link!r} does not say where it goes: describe the page")
    return found


def _markdown_cells(path):
    """(cell id, text) of each markdown cell in a notebook."""
    for number, cell in enumerate(json.loads(path.read_text())["cells"]):
        if cell["cell_type"] == "markdown":
            yield cell.get("id", f"#{number}"), "".join(cell["source"])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_learner_text_is_plain_english(path):
    found = [f"{path.relative_to(ROOT)}, cell {cell_id}: {problem}"
             for cell_id, markdown in _markdown_cells(path) for problem in problems(markdown)]
    hint = "\n(exercises/ is generated: edit course/source, then run `coursekit generate`)" \
        if "exercises" in path.parts else ""
    assert not found, "\n".join(found) + hint


def test_there_is_text_to_check():
    assert len(NOTEBOOKS) >= 16
    assert sum(len(paragraphs(md)) for path in NOTEBOOKS for _, md in _markdown_cells(path)) > 300


# --- The checker itself ---

def test_a_long_winded_paragraph_with_a_vague_link_fails():
    markdown = (
        "The board, having considered at some length the many and varied options that were put before it "
        "by the executive team over the course of several meetings, decided to wait. It met again. "
        "It waited. It met once more. For the papers, [click here](https://example.org/papers)."
    )
    found = problems(markdown)
    assert len(found) == 3, found
    assert found[0].startswith("sentence of 30 words") and "decided to wait." in found[0]
    assert found[1].startswith("paragraph of 5 sentences")
    assert "'click here'" in found[2]


def test_abbreviations_numbers_and_names_do_not_end_sentences():
    text = ("Dr Jones spoke for the NHS. GOV.UK replaced 1,881 sites, i.e. nearly all of them. "
            "Some gaps, e.g. user research, were filled. \"It works.\" She agreed to Part C. Then 2 more.")
    assert sentences(text) == ["Dr Jones spoke for the NHS.", "GOV.UK replaced 1,881 sites, i.e. nearly all of them.",
                               "Some gaps, e.g. user research, were filled.", "\"It works.\"", "She agreed to Part C.",
                               "Then 2 more."]


def test_markup_is_not_prose_and_list_items_are_paragraphs():
    long_url = "https://example.org/" + "/".join(["a"] * 40)
    markdown = (f"## A heading with many many many many many many many many many many many many many many words\n\n"
                f"| a table row | with | many | cells | a | b | c | d | e | f | g | h | i | j | k | l | m | n |\n\n"
                f"```\nprint('code is not prose. Not at all. Never. Really.')\n```\n\n"
                f"Read [the syllabus]({long_url}) first. ![An image with a long alt text of many words]({long_url})\n\n"
                "- One. Two. Three.\n- Four. Five. Six.\n")
    assert [p.text for p in paragraphs(markdown)] == ["Read the syllabus first.", "One. Two. Three.", "Four. Five. Six."]
    assert paragraphs("A setext heading of many words\n---\n\n> Quoted.") == [paragraphs("Quoted.")[0]]
    assert problems(markdown) == []
    assert problems("One. Two. Three. Four.") and problems("Go to [https://example.org](https://example.org).")


def test_only_a_chief_executives_quote_may_run_long():
    quote = "\"" + " ".join(["word"] * 30) + ".\""
    assert problems(f"> {quote}\n>\n> — A Person, Chief Executive, A Trust") == []
    assert problems(f"> {quote}\n>\n> — A Person, Head of Comms, A Trust")
    assert problems(f"{quote} And one more. And another. And a fourth.\n\n— A Person, Chief Executive")[0] \
        .startswith("paragraph of 4 sentences"), "the paragraph rule still applies to a quote"
