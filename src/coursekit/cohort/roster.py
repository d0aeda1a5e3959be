"""A cohort's roster: who the learners are, read from a CSV file and checked whole.

The CSV has one row per learner with four columns: learner id, name, email, and board
or organisation. Header names are matched without regard to case, and common aliases
are accepted (``id``, ``learner_id``, ``student_id``; ``organisation``, ``trust``, ...).
A bad roster is refused with every problem listed by line number, before anything is
written anywhere.
"""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass
from pathlib import Path

#: What a learner id may look like: it becomes a folder name in nbgrader's submitted/,
#: autograded/ and feedback/ folders and part of exchange file names (which use "+").
ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
EMAIL_PATTERN = re.compile(r"[^@\s,;<>`\"]+@[^@\s,;<>`\"]+\.[^@\s,;<>`\".]+")
#: Folder names Windows keeps for devices, with or without an extension (``con``, ``nul.txt``, ``com1``).
WINDOWS_RESERVED = re.compile(r"(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?", re.IGNORECASE)
#: Characters a name or board may not hold: nbgrader's formgrader prints names into its pages as HTML.
MARKUP = re.compile(r"[<>`\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
#: Straight quotes in names become typographic ones in the gradebook (O'Brien -> O’Brien).
QUOTES = str.maketrans({"'": "\u2019", '"': "\u201d"})

#: Each field and the header names accepted for it (compared in lower case, spaces and
#: hyphens read as underscores).
COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("id", "learner_id", "learner", "student_id", "student", "username", "user_id", "learner_number"),
    "name": ("name", "full_name", "learner_name", "student_name"),
    "email": ("email", "e_mail", "email_address", "mail"),
    "board": ("board", "organisation", "organization", "org", "trust", "board_or_organisation",
              "board_or_organization", "employer"),
}
HEADER = ("id", "name", "email", "board")


@dataclass(frozen=True)
class Learner:
    id: str
    name: str
    email: str
    board: str

    @property
    def first_name(self) -> str:
        """The first name for nbgrader's gradebook (quotes made typographic: formgrader prints it raw)."""
        return self.name.split(" ", 1)[0].translate(QUOTES) if self.name else ""

    @property
    def last_name(self) -> str:
        parts = self.name.split(" ", 1)
        return parts[1].translate(QUOTES) if len(parts) > 1 else ""


class RosterError(ValueError):
    """The roster cannot be used; the message lists every problem with its line number."""

    def __init__(self, path: str | os.PathLike, problems: list[str]):
        self.path = str(path)
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(
            f"The roster {self.path} was not used, so nothing was changed. "
            f"Fix {'this problem' if len(problems) == 1 else f'these {len(problems)} problems'} and try again:\n{lines}"
        )


def _decode(path: Path, raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = err.object[:err.start].count(b"\n") + 1
        raise RosterError(path, [
            f"line {line}: this file is not UTF-8 text (byte 0x{err.object[err.start]:02x} cannot be read). "
            "Save it as CSV UTF-8: in Excel, choose File > Save As > 'CSV UTF-8 (Comma delimited)'. Then try again."
        ]) from None


def _field_for(header: str) -> str | None:
    key = re.sub(r"[\s\-]+", "_", header.strip().lower())
    for field, aliases in COLUMNS.items():
        if key in aliases:
            return field
    return None


#: Separators a spreadsheet may save a "CSV" file with instead of commas, and what to call them.
OTHER_SEPARATORS = {";": "semicolons (;)", "\t": "tabs"}


def _other_separator(header: list[str]) -> str | None:
    """What separates the columns of a header read as one comma-separated column, if not commas."""
    for separator, called in OTHER_SEPARATORS.items():
        if not any(separator in cell for cell in header):
            continue
        cells = next(csv.reader([",".join(header)], delimiter=separator))
        if sum(_field_for(cell) is not None for cell in cells) >= 2:
            return called
    return None


def empty_rows_note(path: str | os.PathLike, lines: list[int]) -> str:
    """One line telling the trainer which empty rows of the roster were skipped."""
    where = f"line {lines[0]}" if len(lines) == 1 else "lines " + ", ".join(map(str, lines[:-1])) + f" and {lines[-1]}"
    return (f"Skipped {len(lines)} empty row{'s' if len(lines) > 1 else ''} in the roster {path} ({where}). "
            "Check that no learner is missing there.")


def parse_roster(text: str, path: str | os.PathLike = "roster.csv", empty_lines: list[int] | None = None) -> list[Learner]:
    """Learners from CSV text; raises :class:`RosterError` listing every problem. The line numbers of
    empty rows, which are skipped, are added to ``empty_lines`` when it is given."""
    reader = csv.reader(io.StringIO(text, newline=""))
    numbered: list[tuple[int, list[str]]] = []
    start = 1  # csv numbers lines, not rows: a quoted field may span lines
    try:
        for row in reader:
            numbered.append((start, row))
            start = reader.line_num + 1
    except csv.Error as err:
        raise RosterError(path, [f"line {reader.line_num}: this line cannot be read as CSV ({err})."]) from None
    blank = [n for n, row in numbered if not any(cell.strip() for cell in row)]
    numbered = [(n, row) for n, row in numbered if n not in blank]
    if not numbered:
        raise RosterError(path, ["line 1: the file is empty. The first line must name the columns: id,name,email,board."])

    header_line, header = numbered[0]
    columns: dict[str, int] = {}
    problems: list[str] = []
    for index, name in enumerate(header):
        field = _field_for(name)
        if field is None:
            continue
        if field in columns:
            problems.append(f"line {header_line}: two columns mean '{field}' ('{header[columns[field]]}' and '{name}').")
        else:
            columns[field] = index
    missing = [f for f in HEADER if f not in columns]
    separator = _other_separator(header) if missing else None
    if separator:
        raise RosterError(path, [
            f"line {header_line}: the columns are separated by {separator}, not commas. Save the file as "
            "comma-separated CSV: in Excel, choose File > Save As > 'CSV UTF-8 (Comma delimited)'. Then try again."
        ])
    if missing:
        problems.append(
            f"line {header_line}: no column for {', '.join(missing)}. The first line must name the columns, "
            "for example: id,name,email,board (found: " + ", ".join(repr(h) for h in header) + ")."
        )
        raise RosterError(path, problems)

    learners: list[Learner] = []
    first_seen: dict[str, int] = {}
    for line, row in numbered[1:]:
        values = {f: (row[i].strip() if i < len(row) else "") for f, i in columns.items()}
        for field in ("name", "board"):  # a line break typed in a spreadsheet cell is a space
            values[field] = " ".join(values[field].split())
        here = []
        empty = [f for f in HEADER if not values[f]]
        if empty:
            here.append(f"line {line}: missing {', '.join(empty)}.")
        learner_id = values["id"]
        if learner_id and not ID_PATTERN.fullmatch(learner_id):
            here.append(
                f"line {line}: the learner id '{learner_id}' cannot be used as a folder name. Use letters, digits, "
                "'.', '-' and '_' only (no spaces or '+'), starting with a letter or digit, at most 64 characters."
            )
        elif learner_id and _risky_id(learner_id):
            here.append(f"line {line}: the learner id '{learner_id}' {_risky_id(learner_id)}")
        elif learner_id:
            key = learner_id.lower()  # folders on Windows and macOS ignore case
            if key in first_seen:
                here.append(f"line {line}: the learner id '{learner_id}' is already used on line {first_seen[key]}.")
            else:
                first_seen[key] = line
        for field in ("name", "board"):
            if MARKUP.search(values[field]):
                here.append(f"line {line}: the {field} {values[field]!r} holds '<', '>', '`' or a control "
                            f"character, which the grading pages could run as code. Remove them from the {field} "
                            "in the roster file and try again.")
        if values["email"] and not EMAIL_PATTERN.fullmatch(values["email"]):
            here.append(f"line {line}: '{values['email']}' is not an email address.")
        if len(row) > len(header):
            here.append(f"line {line}: more values than columns (a comma inside a name needs \"quotes\").")
        if here:
            problems += here
        else:
            learners.append(Learner(learner_id, values["name"], values["email"], values["board"]))
    if problems:
        raise RosterError(path, problems)
    if not learners:
        raise RosterError(path, [f"line {header_line}: the roster has a header but no learners."])
    if empty_lines is not None:
        empty_lines += blank
    return learners


def _risky_id(learner_id: str) -> str:
    """Why an id that fits :data:`ID_PATTERN` still cannot name a folder everywhere ("" if it can)."""
    if WINDOWS_RESERVED.fullmatch(learner_id):
        return ("is a name Windows keeps for a device, so its folders could not be made or copied there. "
                "Use another id, for example with a letter or digit added.")
    if learner_id.endswith("."):
        return "ends with '.', which Windows drops from folder names. Use an id that ends with a letter or digit."
    if ".." in learner_id:
        return "holds '..', which reads as 'the folder above' in a path. Use an id without two dots in a row."
    return ""


def read_roster(path: str | os.PathLike, empty_lines: list[int] | None = None) -> list[Learner]:
    """Read and check a roster CSV (UTF-8, with or without a byte order mark); see :func:`parse_roster`."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise RosterError(path, [f"the file could not be opened ({err.strerror or err})."]) from None
    return parse_roster(_decode(path, raw), path, empty_lines)


def roster_csv(learners: list[Learner]) -> str:
    """The normalised roster, as written into a cohort: id,name,email,board."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for learner in learners:
        writer.writerow([learner.id, learner.name, learner.email, learner.board])
    return out.getvalue()
