"""The grades CSV for learning systems: one row per learner.

Columns, in order:

* ``id, name, email, board, edition`` — the learner from the roster, and the course edition;
* for each lesson of the syllabus, in its order, whether released or not: ``<assignment>_score``,
  ``<assignment>_max``, ``<assignment>_complete`` (``yes`` when every graded part was answered),
  ``<assignment>_late`` (``yes``/``no``, from nbgrader's submission timestamp and due date) and
  ``<assignment>_minutes_late`` (whole minutes, rounded up; 0 when on time). A lesson not yet
  released (not in the gradebook) has these five cells empty, and late cells are empty for work
  not handed in, so the columns never move as the course goes on and a learning system's mapping holds;
* for each pre-condition the syllabus has a lesson for (leadership, team, goal, urgency): ``<tag>_score``
  and ``<tag>_max`` (empty while none of its lessons is released). Course-wide lessons count only
  towards the overall figures;
* ``overall_score, overall_max, overall_percent``, ``complete`` (every lesson complete) and
  ``awaiting_marks`` (written answers an assessor has not marked yet; they count 0 until then).

A lesson released but not submitted scores 0 of its maximum and is not complete. With ``bom``
the file starts with a UTF-8 byte-order mark, so Excel reads names with accents correctly.
"""

from __future__ import annotations

import csv
import io
import math
import os
import tempfile
from pathlib import Path

from coursekit.cohort.csv_cells import safe_row
from coursekit.cohort.results import LearnerResults
from coursekit.syllabus import PRECONDITIONS, Syllabus

LEARNER_COLUMNS = ("id", "name", "email", "board", "edition")
TOTAL_COLUMNS = ("overall_score", "overall_max", "overall_percent", "complete", "awaiting_marks")


def number(value: float) -> str:
    """A mark as a learning system reads it: 7, 2.5, 0.33."""
    return f"{round(value, 2):g}"


def yes_no(flag: bool) -> str:
    return "yes" if flag else "no"


LESSON_COLUMNS = ("score", "max", "complete", "late", "minutes_late")


def lateness(gradebook) -> dict[tuple[str, str], float]:
    """{(learner, assignment): seconds late} for every graded submission, from nbgrader's own submission
    timestamp and due date (0 when on time or no due date)."""
    from nbgrader.api import Assignment, SubmittedAssignment

    query = (gradebook.db.query(SubmittedAssignment.student_id, Assignment.name, SubmittedAssignment.timestamp,
                                Assignment.duedate)
             .join(Assignment, SubmittedAssignment.assignment_id == Assignment.id))
    return {(learner, assignment): max((when - due).total_seconds(), 0.0) if when and due else 0.0
            for learner, assignment, when, due in query}


def _late_cells(seconds: float | None) -> list[str]:
    if seconds is None:
        return ["", ""]
    return [yes_no(seconds > 0), str(math.ceil(seconds / 60))]


def table(results: list[LearnerResults], syllabus: Syllabus,
          late: dict[tuple[str, str], float] | None = None) -> tuple[list[str], list[list[str]]]:
    """The header and the rows of the export: the same columns for the whole course, whatever is released."""
    late = late or {}
    lessons = list(syllabus.lessons)
    tags = [tag for tag in PRECONDITIONS if any(lesson.precondition == tag for lesson in lessons)]
    header = list(LEARNER_COLUMNS)
    for lesson in lessons:
        header += [f"{lesson.assignment}_{column}" for column in LESSON_COLUMNS]
    for tag in tags:
        header += [f"{tag}_score", f"{tag}_max"]
    header += TOTAL_COLUMNS

    rows = []
    for learner in results:
        person = learner.learner
        row = [person.id, person.name, person.email, person.board, syllabus.edition]
        for lesson in lessons:
            result = learner.lessons.get(lesson.assignment)
            if result is None:  # not released yet: its columns stay, empty
                row += [""] * len(LESSON_COLUMNS)
                continue
            row += [number(result.score), number(result.max_score), yes_no(result.complete)]
            row += _late_cells(late.get((person.id, lesson.assignment)) if result.submitted else None)
        for tag in tags:
            if not any(result.lesson.precondition == tag for result in learner.lessons.values()):
                row += ["", ""]  # no lesson of it released yet
                continue
            score, maximum = learner.by_precondition(tag)
            row += [number(score), number(maximum)]
        percent = 100 * learner.score / learner.max_score if learner.max_score else 0.0
        awaiting = sum(r.awaiting_marks for r in learner.lessons.values())
        row += [number(learner.score), number(learner.max_score), f"{percent:.1f}", yes_no(learner.complete),
                str(awaiting)]
        rows.append(row)
    return header, rows


def write_csv(path: Path, header: list[str], rows: list[list[str]], bom: bool = False) -> Path:
    """Write a UTF-8 CSV in one step: a reader never sees half a file. Text that a spreadsheet
    would run as a formula is written behind a leading quote (:mod:`coursekit.cohort.csv_cells`).
    With ``bom``, a UTF-8 byte-order mark first, for Excel."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(safe_row(header))
    writer.writerows(safe_row(row) for row in rows)  # no cell a spreadsheet would run as a formula
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
            handle.write(buffer.getvalue())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def export_grades(results: list[LearnerResults], syllabus: Syllabus, out: Path,
                  late: dict[tuple[str, str], float] | None = None, bom: bool = False) -> Path:
    header, rows = table(results, syllabus, late)
    return write_csv(out, header, rows, bom=bom)
