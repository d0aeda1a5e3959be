"""A document of styled lines as an A4 PDF, drawn with matplotlib's PDF backend (imported only when a PDF is drawn).

A document is a list of :class:`Line` blocks (a style and some text). Long text wraps at spaces,
measured in the font it is drawn in, so no line runs past its column (a path too long for a
line breaks after a ``/``, never inside a word). By default the lines flow down one column onto
as many pages as they need, at full size (body text 10.5 pt, nothing under 10 pt), with a heading
always kept with the text under it. A document that must be exactly one page (``one_page=True``:
the record of completion) instead shrinks its type a step at a time, then flows into two columns;
as a last resort its text is cut with a note.
"""

from __future__ import annotations

import io
import re
import sys
from functools import lru_cache

from coursekit.records.page_lines import Line

__all__ = ["A4", "Line", "PdfUnavailable", "draw", "layout", "page_count", "pdf", "NEEDS_MATPLOTLIB",
           "NO_PDF_IN_BROWSER", "no_pdf_reason"]

#: Style name -> (font size in points, bold, space before in points, indent in inches).
STYLES = {
    "title": (18, True, 0, 0.0),
    "subtitle": (12, False, 2, 0.0),
    "heading": (14, True, 12, 0.0),
    "label": (11, True, 4, 0.0),
    "text": (10.5, False, 1.5, 0.15),
    "note": (10, False, 5, 0.0),
    "big": (26, True, 14, 0.0),
}
A4 = (8.27, 11.69)
MARGIN = 0.7  # inches
GUTTER = 0.3  # inches between two columns
#: Without matplotlib's fonts to measure with: a character's width, as a share of the font size (on the wide side).
CHAR_WIDTH = 0.62
#: A share of each column's width left free, for the small differences between measuring and drawing.
SLACK = 0.03
SHRINK_STEPS = (1.0, 0.92, 0.85, 0.78, 0.72, 0.66, 0.6, 0.55)
ONE_COLUMN_SMALLEST = 0.85

#: What a learner is told when the PDF cannot be drawn here.
NEEDS_MATPLOTLIB = ("The PDF needs matplotlib, which is not installed here. To make PDFs, run "
                    "pip install \"coursekit[lab]\" and restart the kernel. Or open the HTML page in your "
                    "browser and print it to PDF (File, then Print, then Save as PDF).")


#: In the browser site (Pyodide) there is no matplotlib to install: the message says so and what to do instead.
NO_PDF_IN_BROWSER = ("PDFs cannot be made in the browser version of the course. Your page is saved as HTML "
                     "beside this notebook: open it from the file browser and print it to PDF from your browser "
                     "(File, then Print, then Save as PDF).")


def no_pdf_reason() -> str:
    """Why no PDF can be made here, in plain words, and what to do instead."""
    return NO_PDF_IN_BROWSER if sys.platform == "emscripten" else NEEDS_MATPLOTLIB


class PdfUnavailable(RuntimeError):
    """matplotlib is not installed, so no PDF can be drawn; the message says what to do instead."""


def _pyplot():
    """matplotlib's pyplot on the Agg backend, imported here only when a PDF is drawn."""
    try:
        import matplotlib
    except ImportError as err:
        raise PdfUnavailable(no_pdf_reason()) from err
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


@lru_cache(maxsize=2)
def _font(bold: bool):
    """The font the page is drawn in (matplotlib's default), to measure text with; ``None`` without matplotlib."""
    try:
        from matplotlib import font_manager, ft2font
    except ImportError:
        return None
    return ft2font.FT2Font(font_manager.findfont(font_manager.FontProperties(weight="bold" if bold else "normal")))


@lru_cache(maxsize=20000)
def text_width(text: str, bold: bool) -> float:
    """How wide ``text`` is at a size of 1 point, in points."""
    font = _font(bold)
    if font is None:
        return len(text) * CHAR_WIDTH
    font.set_size(100, 72)
    font.set_text(text, 0.0)
    return font.get_width_height()[0] / 64 / 100


def _tokens(word: str, size: float, bold: bool, room: float) -> list[str]:
    """A word as it may be broken: whole when it fits, else after each ``/`` (a path), else after ``_``
    or ``-``, else (a word wider than the column) in pieces that fit."""
    if text_width(word, bold) * size <= room:
        return [word]
    for joint in (r"(?<=/)", r"(?<=[_-])"):
        pieces = [p for p in re.split(joint, word) if p]
        if len(pieces) > 1:
            return [t for piece in pieces for t in _tokens(piece, size, bold, room)]
    out, piece = [], ""
    for char in word:
        if piece and text_width(piece + char, bold) * size > room:
            out.append(piece)
            piece = ""
        piece += char
    return out + [piece]


def wrap(text: str, size: float, bold: bool, room: float) -> list[str]:
    """``text`` in rows no wider than ``room`` points at ``size``: broken at spaces, and a path only after a ``/``."""
    rows, row = [], ""
    for word in text.split():
        for i, token in enumerate(_tokens(word, size, bold, room)):
            joined = token if not row else row + ("" if i else " ") + token
            if row and text_width(joined, bold) * size > room:
                rows.append(row)
                joined = token
            row = joined
    return rows + [row] if row else rows or [""]


def _wrapped(lines: list[Line], scale: float, width_in: float) -> list[tuple[Line, float, str, float]]:
    """(line, size, one wrapped row, space before) for every row on the page."""
    rows = []
    for line in lines:
        size, bold, before, indent = STYLES[line.style]
        size *= scale
        room = (width_in - indent) * 72 * (1 - SLACK)
        for i, part in enumerate(wrap(line.text, size, bold, room)):
            rows.append((line, size, part, before * scale if i == 0 else 0.0))
    return rows


def _height(rows) -> float:
    return sum(before + size * 1.3 for _line, size, _part, before in rows) / 72


def _columns(rows, height: float, count: float) -> list[list] | None:
    """The rows poured into ``count`` columns of ``height`` inches, or ``None`` when they do not fit.
    A heading is never left alone at the foot of a column."""
    columns: list[list] = [[]]
    for row in rows:
        column = columns[-1]
        if column and _height([*column, row]) > height:
            carry = []
            while len(column) > 1 and column[-1][0].style in ("heading", "label"):
                carry.insert(0, column.pop())
            columns.append(carry)
            if len(columns) > count:
                return None
        columns[-1].append(row)
    return columns if all(_height(c) <= height for c in columns) else None


def layout(lines: list[Line], page: tuple[float, float] = A4, *,
           one_page: bool = False) -> tuple[list[list[list]], float, bool]:
    """The rows laid out: a list of pages, each a list of columns of rows; the column width; and
    whether anything was cut. The lines flow down one column at full size onto as many pages as
    they need; with ``one_page``, they are fitted to one page (see the module's description)."""
    width, height = page[0] - 2 * MARGIN, page[1] - 2 * MARGIN
    if not one_page:
        return [[column] for column in _columns(_wrapped(lines, 1.0, width), height, float("inf"))], width, False
    columns, column_width, cut = _one_page(lines, width, height)
    return [columns], column_width, cut


def _one_page(lines: list[Line], width: float, height: float) -> tuple[list[list], float, bool]:
    """The rows that fit one page, in one column or two; the column width; and whether anything was cut."""
    # One column while the type stays readable, then two columns before the smallest sizes.
    tries = [(1, scale) for scale in SHRINK_STEPS if scale >= ONE_COLUMN_SMALLEST] + [(2, s) for s in SHRINK_STEPS]
    for count, scale in tries:
        column_width = (width - GUTTER * (count - 1)) / count
        columns = _columns(_wrapped(lines, scale, column_width), height, count)
        if columns is not None:
            return columns, column_width, False
    note_rows = _wrapped([Line("note", "… The page is full: the rest is in the HTML version.")],
                         SHRINK_STEPS[-1], column_width)
    columns, rows = [[]], _wrapped(lines, SHRINK_STEPS[-1], column_width)
    for row in rows:
        if _height([*columns[-1], row, *note_rows]) > height:
            if len(columns) == 2:
                break
            columns.append([])
        columns[-1].append(row)
    columns[-1] += note_rows
    return columns, column_width, True


def draw(lines: list[Line], landscape: bool = False, *, one_page: bool = False) -> list:
    """The lines drawn on A4 matplotlib figures, one a page (the caller saves and closes them).

    Raises :class:`PdfUnavailable` where matplotlib is not installed."""
    plt = _pyplot()

    page = (A4[1], A4[0]) if landscape else A4
    pages, column_width, _cut = layout(lines, page, one_page=one_page)
    figures = [_draw_page(plt.figure(figsize=page), page, columns, column_width) for columns in pages]
    if len(figures) > 1:  # a page printed on its own still says where it belongs
        for number, fig in enumerate(figures, 1):
            fig.text(0.5, MARGIN / 2 / page[1], f"Page {number} of {len(figures)}", fontsize=STYLES["note"][0],
                     ha="center", va="baseline", parse_math=False)
    return figures


def _draw_page(fig, page, columns, column_width):
    for number, rows in enumerate(columns):
        left = MARGIN + number * (column_width + GUTTER)
        y = page[1] - MARGIN
        for line, size, part, before in rows:
            _size, bold, _before, indent = STYLES[line.style]
            y -= (before + size * 1.3) / 72
            x = (left + column_width / 2) if line.centre else left + indent
            fig.text(x / page[0], (y + size * 0.3 / 72) / page[1], part, fontsize=size,
                     fontweight="bold" if bold else "normal", ha="center" if line.centre else "left",
                     va="baseline", parse_math=False)
    return fig


def pdf(lines: list[Line], *, title: str, author: str = "", landscape: bool = False, one_page: bool = False) -> bytes:
    """The lines as an A4 PDF of as many pages as they need (exactly one with ``one_page``), with
    ``title`` and ``author`` in the document's properties.

    Raises :class:`PdfUnavailable` where matplotlib is not installed."""
    plt = _pyplot()
    from matplotlib.backends.backend_pdf import PdfPages

    buffer = io.BytesIO()
    metadata = {"Title": title, "Author": author or None, "Creator": "coursekit"}
    with PdfPages(buffer, metadata=metadata) as document:
        for fig in draw(lines, landscape, one_page=one_page):
            document.savefig(fig)
            plt.close(fig)
    return buffer.getvalue()


def page_count(data: bytes) -> int:
    """How many pages a PDF made here has (its page objects)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))
