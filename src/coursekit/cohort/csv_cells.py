"""CSV cells a spreadsheet shows as text: a cell that could start a formula gets a leading quote.

Spreadsheets run a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and some a tab or a
carriage return) as a formula, so a learner named ``=HYPERLINK(...)`` could make a trainer's
spreadsheet fetch or run something. As OWASP recommends, such a cell is written with a
leading single quote, which spreadsheets show as text. A plain number (``-1``, ``2.5``) is
left as it is: it is what coursekit writes for marks, and it cannot be a formula. A carriage
return inside a cell is written as a line feed, so the cell is quoted and stays one cell.
"""

from __future__ import annotations

import re
from typing import Any

RISKY_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def safe_cell(value: Any) -> Any:
    """``value`` as a cell no spreadsheet runs: numbers as they are, risky text behind a quote."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    text = "" if value is None else str(value)
    if text.startswith(RISKY_STARTS) and not _NUMBER.fullmatch(text):
        text = QUOTE + text
    # A carriage return alone is not quoted by Python's csv writer, and ends the row for most readers.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_cell(text: str) -> str:
    """A cell as :func:`safe_cell` was given it: the quote it added is taken off again."""
    if text.startswith(QUOTE) and text[1:].startswith((*RISKY_STARTS, "\n")) and not _NUMBER.fullmatch(text[1:]):
        return text[1:]
    return text


def safe_row(row) -> list:
    return [safe_cell(value) for value in row]
