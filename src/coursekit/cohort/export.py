"""The grades CSV for learning systems: one row per learner.

Columns, in order:

* ``id, name, email, board, edition`` — the learner from the roster, and the course edition;
* for each lesson in the gradebook (syllabus order): ``<assignment>_score``, ``<assignment>_max``
  and ``<assignment>_complete`` (``yes`` when every graded part was answered);
* for each pre-condition with a lesson (leadership, team, goal, urgency): ``<tag>_score``
  and ``<tag>_max``. Course-wide lessons count only towards the overall figures;
* ``overall_score, overall_max, overall_percent``, ``complete`` (every lesson complete) and
  ``awaiting_marks`` (written answers an assessor has not marked yet; they count 0 until then).

A lesson not submitted scores 0 of its maximum and is not complete.
"""

from __future__ import annotations

import csv
import io
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


def table(results: list[LearnerResults], syllabus: Syllabus) -> tuple[list[str], list[list[str]]]:
    """The header and the rows of the export."""
    lessons = [r.lesson for r in results[0].lessons.values()] if results else []
    tags = [tag for tag in PRECONDITIONS if any(lesson.precondition == tag for lesson in lessons)]
    header = list(LEARNER_COLUMNS)
    for lesson in lessons:
        header += [f"{lesson.assignment}_score", f"{lesson.assignment}_max", f"{lesson.assignment}_complete"]
    for tag in tags:
        header += [f"{tag}_score", f"{tag}_max"]
    header += TOTAL_COLUMNS

    rows = []
    for learner in results:
        person = learner.learner
        row = [person.id, person.name, person.email, person.board, syllabus.edition]
        for lesson in lessons:
            result = learner.lessons[lesson.assignment]
            row += [number(result.score), number(result.max_score), yes_no(result.complete)]
        for tag in tags:
            score, maximum = learner.by_precondition(tag)
            row += [number(score), number(maximum)]
        percent = 100 * learner.score / learner.max_score if learner.max_score else 0.0
        awaiting = sum(r.awaiting_marks for r in learner.lessons.values())
        row += [number(learner.score), number(learner.max_score), f"{percent:.1f}", yes_no(learner.complete),
                str(awaiting)]
        rows.append(row)
    return header, rows


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    """Write a UTF-8 CSV in one step: a reader never sees half a file. Text that a spreadsheet
    would run as a formula is written behind a leading quote (:mod:`coursekit.cohort.csv_cells`)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(safe_row(header))
    writer.writerows(safe_row(row) for row in rows)  # no cell a spreadsheet would run as a formula
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(buffer.getvalue())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def export_grades(results: list[LearnerResults], syllabus: Syllabus, out: Path) -> Path:
    header, rows = table(results, syllabus)
    return write_csv(out, header, rows)
