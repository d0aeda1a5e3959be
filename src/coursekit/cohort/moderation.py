"""Moderation: a second marker checks a sample of the first marker's written-answer marks.

nbgrader has one marker, so second marks are kept as data in the cohort folder
(``moderation/``), never in the gradebook: the first marker's marks there are never
changed by moderation. Where the markers disagree, the first marker changes the mark
in formgrader, on purpose, and the report then shows the new mark.

The rules (also in course/assessor_guide.md):

* **Sample**: at least 10 % of the learners whose written answers an assessor has marked
  (rounded up, at least one), drawn at random from those who passed, **plus every fail**.
  The draw is seeded by the cohort's name and the assignment, so it is the same every time.
* **Fail**: a submission scoring under 50 % of the assignment's points (auto and manual marks together).
* **Disagree**: the two marks for one answer differ by more than 1 point (one rubric level).
* **No answer written**: a blank answer scores 0 in nbgrader without a marker, so it is left out
  of the sample: a fail who wrote nothing is named, but has no rows to second-mark. Each row
  carries the learner's answer as text, for the second marker to read.
"""

from __future__ import annotations

import csv
import math
import random
from dataclasses import dataclass, field
from pathlib import Path

from nbgrader.api import MissingEntry

from coursekit.answers import now_iso
from coursekit.cohort.csv_cells import read_cell
from coursekit.cohort.export import number, write_csv
from coursekit.cohort.marking import answer_text, parse_mark, read_filled_csv
from coursekit.cohort.results import graded_parts, grades_of

SAMPLE_SHARE = 0.10
FAIL_BELOW = 0.50
TOLERANCE = 1.0

SAMPLE_COLUMNS = ["learner_id", "name", "board", "notebook", "cell", "max_points", "first_mark", "why_chosen",
                  "answer", "second_mark", "second_marker", "comment"]
STORE_COLUMNS = ["learner_id", "notebook", "cell", "max_points", "first_mark", "second_mark", "second_marker",
                 "comment", "recorded_at"]
REPORT_COLUMNS = ["learner_id", "notebook", "cell", "max_points", "first_mark", "second_mark", "difference",
                  "agree", "first_mark_changed_since_sample"]


class ModerationError(ValueError):
    """Moderation cannot go ahead; the message says why and what to do."""


@dataclass(frozen=True)
class WrittenMark:
    """The first marker's mark for one written answer (None if not marked yet)."""

    notebook: str
    cell: str
    max_score: float
    first: float | None
    by_assessor: bool  # an assessor gave this mark (not nbgrader's automatic 0 for a blank answer)

    @property
    def blank(self) -> bool:
        """No answer written: nbgrader scored it 0 itself, and there is nothing for a marker to mark."""
        return self.first is not None and not self.by_assessor


@dataclass
class SubmissionMarks:
    learner: str
    score: float
    max_score: float
    written: list[WrittenMark] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return self.score < FAIL_BELOW * self.max_score

    @property
    def marked_by_assessor(self) -> bool:
        return any(w.by_assessor for w in self.written)

    @property
    def unmarked(self) -> bool:
        return any(w.first is None for w in self.written)


def moderation_dir(root: Path) -> Path:
    return Path(root) / "moderation"


def sample_path(root: Path, assignment: str) -> Path:
    return moderation_dir(root) / f"{assignment}-sample.csv"


def store_path(root: Path, assignment: str) -> Path:
    return moderation_dir(root) / f"{assignment}-second-marks.csv"


def report_path(root: Path, assignment: str) -> Path:
    return moderation_dir(root) / f"{assignment}-report.csv"


# -- first marks, from the gradebook --------------------------------------------------------

def first_marks(cohort, assignment: str) -> dict[str, SubmissionMarks]:
    """Every graded submission of ``assignment``: its total and its written answers' marks."""
    with cohort.gradebook() as gb:
        try:
            gb.find_assignment(assignment)
        except MissingEntry:
            raise ModerationError(f"The gradebook has no assignment called '{assignment}'. "
                                  "Check the name, or release and grade it first.") from None
        parts = graded_parts(gb, assignment)
        grades = grades_of(gb, assignment)
    maximum = sum(p.max_score for p in parts)
    found = {}
    for learner, mine in grades.items():
        marks = SubmissionMarks(learner, sum(g.score for g in mine.values()), maximum)
        for part in (p for p in parts if p.manual and (p.notebook, p.cell) in mine):
            grade = mine[(part.notebook, part.cell)]
            first = None if grade.needs_manual_grade else grade.score
            marks.written.append(WrittenMark(part.notebook, part.cell, part.max_score, first,
                                             grade.manual_score is not None))
        found[learner] = marks
    return found


# -- the sample -----------------------------------------------------------------------------

def choose(marks: dict[str, SubmissionMarks], seed: str) -> dict[str, str]:
    """{learner: why chosen}: a seeded random 10 % of the assessor-marked learners who passed, and every fail."""
    marked = sorted(m.learner for m in marks.values() if m.marked_by_assessor)
    passed = [learner for learner in marked if not marks[learner].failed]
    size = min(len(passed), max(1, math.ceil(SAMPLE_SHARE * len(marked)))) if marked else 0
    chosen = {learner: "random sample" for learner in random.Random(seed).sample(passed, size)}
    for learner in sorted(marks):
        if marks[learner].failed:
            chosen[learner] = f"fail (under {FAIL_BELOW:.0%})"
    return dict(sorted(chosen.items()))


@dataclass
class Sample:
    path: Path
    chosen: dict[str, str]
    marked: int  # learners with assessor-marked answers
    nothing_written: list[str] = field(default_factory=list)  # chosen, but wrote no answer to mark: no rows


def seed(cohort, assignment: str) -> str:
    """The sample's seed: the same cohort and assignment always draw the same sample."""
    return f"{cohort.name}/{assignment}"


def write_sample(cohort, assignment: str, force: bool = False) -> Sample:
    """Draw the sample and write ``moderation/<assignment>-sample.csv`` for the second marker."""
    path = sample_path(cohort.root, assignment)
    if path.exists() and not force:
        raise ModerationError(f"{path} already exists and may hold second marks. The sample is the same "
                              "every time, so you can keep using it. To write it again, add --force.")
    marks = first_marks(cohort, assignment)
    if not any(m.written for m in marks.values()):
        raise ModerationError(f"No graded submission of '{assignment}' has a written answer to moderate. "
                              "Grade the assignment first.")
    waiting = sorted(m.learner for m in marks.values() if m.unmarked)
    if waiting:
        shown = ", ".join(waiting[:10]) + (f" and {len(waiting) - 10} more" if len(waiting) > 10 else "")
        raise ModerationError(f"{len(waiting)} learner(s) still have written answers to mark in formgrader "
                              f"for '{assignment}': {shown}. Finish the first marking, then draw the sample.")
    people = {p.id: p for p in cohort.roster}
    chosen = choose(marks, seed(cohort, assignment))
    rows, nothing_written = [], []
    parts = {(p.notebook, p.cell): p for p in _written_parts(cohort, assignment)}
    for learner, why in chosen.items():
        person = people.get(learner)
        written = [mark for mark in marks[learner].written if not mark.blank]  # a blank answer has nothing to mark
        if not written:
            nothing_written.append(learner)
        for mark in written:
            text, status = answer_text(Path(cohort.root), learner, assignment, parts[(mark.notebook, mark.cell)])
            rows.append([learner, getattr(person, "name", ""), getattr(person, "board", ""), mark.notebook,
                         mark.cell, number(mark.max_score), number(mark.first), why,
                         text if text is not None else status, "", "", ""])
    write_csv(path, SAMPLE_COLUMNS, rows)  # the answer is the learner's text: written behind the CSV guard
    return Sample(path, chosen, sum(1 for m in marks.values() if m.marked_by_assessor), nothing_written)


def _written_parts(cohort, assignment: str):
    with cohort.gradebook() as gb:
        return [p for p in graded_parts(gb, assignment) if p.manual]


# -- second marks ---------------------------------------------------------------------------

@dataclass(frozen=True)
class SecondMark:
    learner: str
    notebook: str
    cell: str
    max_score: float
    first: str  # as shown in the sample
    second: float
    marker: str
    comment: str


def read_second_marks(path: Path, marks: dict[str, SubmissionMarks]) -> tuple[list[SecondMark], int]:
    """The filled-in second marks in ``path`` and how many rows are still blank.
    Every problem is reported at once, with the file and line, and then nothing is kept."""
    path = Path(path)
    reader = read_filled_csv(path, ("learner_id", "cell", "second_mark"),
                             "the sample file that `coursekit moderate sample` wrote", ModerationError)
    found, problems, blank, seen = [], [], 0, set()
    for line, row in enumerate(reader, start=2):
        learner, cell = (row.get("learner_id") or "").strip(), (row.get("cell") or "").strip()
        raw = (row.get("second_mark") or "").strip()
        where = f"{path.name}, line {line}"
        if not raw:
            blank += 1
            continue
        if learner not in marks:
            problems.append(f"{where}: '{learner}' is not a learner with a graded submission of this assignment.")
            continue
        mark = next((w for w in marks[learner].written if w.cell == cell), None)
        if mark is None:
            problems.append(f"{where}: '{cell}' is not a written answer of this assignment.")
            continue
        if mark.blank:
            problems.append(f"{where}: {learner} wrote no answer to '{cell}', so it scores 0 and has no "
                            "second mark. Leave it out.")
            continue
        second, problem = parse_mark(raw, mark.max_score, "the second mark")
        if problem:
            problems.append(f"{where}: {problem}")
            continue
        if (learner, cell) in seen:
            problems.append(f"{where}: a second mark for {learner}'s '{cell}' is given twice.")
            continue
        seen.add((learner, cell))
        found.append(SecondMark(learner, mark.notebook, cell, mark.max_score, _shown_first(row, mark),
                                second, (row.get("second_marker") or "").strip(), (row.get("comment") or "").strip()))
    if problems:
        raise ModerationError("No second marks were recorded, because of these problems:\n  "
                              + "\n  ".join(problems) + "\nCorrect them in the file and run the command again.")
    return found, blank


def _shown_first(row: dict, mark: WrittenMark) -> str:
    """The first mark as the sample showed it to the second marker (the gradebook's if unreadable)."""
    try:
        return number(float((row.get("first_mark") or "").strip()))
    except ValueError:
        return "" if mark.first is None else number(mark.first)


def _read_store(path: Path) -> dict[tuple[str, str, str], dict[str, str]]:
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [{key: read_cell(value) if isinstance(value, str) else value for key, value in r.items()}
                for r in csv.DictReader(handle)]
    return {(r["learner_id"], r["notebook"], r["cell"]): r for r in rows}


@dataclass
class Recorded:
    path: Path
    added: int
    changed: int
    blank: int


def record(cohort, assignment: str, filled: Path) -> Recorded:
    """Keep the second marks from ``filled`` in ``moderation/<assignment>-second-marks.csv``."""
    marks = first_marks(cohort, assignment)
    found, blank = read_second_marks(filled, marks)
    path = store_path(cohort.root, assignment)
    store = _read_store(path)
    added = changed = 0
    for mark in found:
        key = (mark.learner, mark.notebook, mark.cell)
        earlier = store.get(key)
        if earlier is None:
            added += 1
        elif float(earlier["second_mark"]) != mark.second:
            changed += 1
        elif earlier.get("second_marker", "") == mark.marker and earlier.get("comment", "") == mark.comment:
            continue
        store[key] = {"learner_id": mark.learner, "notebook": mark.notebook, "cell": mark.cell,
                      "max_points": number(mark.max_score), "first_mark": mark.first,
                      "second_mark": number(mark.second), "second_marker": mark.marker,
                      "comment": mark.comment, "recorded_at": now_iso()}
    write_csv(path, STORE_COLUMNS, [[r.get(c, "") for c in STORE_COLUMNS] for _, r in sorted(store.items())])
    return Recorded(path, added, changed, blank)


# -- the report -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Comparison:
    learner: str
    notebook: str
    cell: str
    max_score: float
    first: float | None
    second: float
    first_at_sample: str

    @property
    def difference(self) -> float | None:
        return None if self.first is None else self.second - self.first

    @property
    def agree(self) -> bool:
        return self.difference is not None and abs(self.difference) <= TOLERANCE


@dataclass
class Report:
    path: Path
    compared: list[Comparison]

    @property
    def disagreements(self) -> list[Comparison]:
        return [c for c in self.compared if not c.agree]

    @property
    def agreement_rate(self) -> float | None:
        return None if not self.compared else sum(c.agree for c in self.compared) / len(self.compared)


def report(cohort, assignment: str) -> Report:
    """Compare every recorded second mark with the first mark now in the gradebook."""
    store = _read_store(store_path(cohort.root, assignment))
    if not store:
        raise ModerationError(f"No second marks are recorded for '{assignment}' yet. Record them with "
                              f"`coursekit moderate record {assignment} FILE`.")
    marks = first_marks(cohort, assignment)
    compared = []
    for (learner, notebook, cell), row in sorted(store.items()):
        now = next((w for w in marks.get(learner, SubmissionMarks(learner, 0, 0)).written
                    if w.notebook == notebook and w.cell == cell), None)
        compared.append(Comparison(learner, notebook, cell, float(row["max_points"]),
                                   None if now is None else now.first, float(row["second_mark"]), row["first_mark"]))
    rows = [[c.learner, c.notebook, c.cell, number(c.max_score), "" if c.first is None else number(c.first),
             number(c.second), "" if c.difference is None else number(c.difference), "yes" if c.agree else "no",
             "yes" if c.first is not None and number(c.first) != c.first_at_sample else "no"] for c in compared]
    path = write_csv(report_path(cohort.root, assignment), REPORT_COLUMNS, rows)
    return Report(path, compared)
