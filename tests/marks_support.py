"""A small graded cohort (coursekit.cohort.folder, then nbgrader itself), for the export, moderation and dashboard tests.

Learners and what their answers earn on goal_and_mission (its points, auto-graded and
assessor-marked, are read from the course's source: see :func:`points`):

* ``sol01``..``sol06``: the worked solution: every auto point; each own-trust form marked in full by the
  assessor; reflection marked 4, 3, 2, 4, 1, 3
* ``part01``, ``part02``: q1 right, q2 wrong (1 auto), no forms (nothing to mark), a reflection marked 1 and 4
* ``blank01``..``blank03``: the untouched learner copy: 0, reflection blank (automatic 0)
* ``absent``: on the roster, never submits
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from nbgrader.api import Gradebook

from coursekit.cohort.folder import init_cohort
from coursekit.cohort.nbgrader_run import run_nbgrader
from course_support import ASSIGNMENT, ROOT, submit_copy_of, write_learner_answers


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    email: str
    board: str


SOLUTION_MARKS = {"sol01": 4, "sol02": 3, "sol03": 2, "sol04": 4, "sol05": 1, "sol06": 3}
PARTIAL_MARKS = {"part01": 1, "part02": 4}
BLANK = ("blank01", "blank02", "blank03")
PARTIAL_ANSWERS = {"q1_rocks": "c", "q2_first_goal": "a", "reflection": "We would wait for the EPR."}
BOARDS = ("North Trust", "South Trust")


def roster() -> list[Person]:
    ids = [*SOLUTION_MARKS, *PARTIAL_MARKS, *BLANK, "absent"]
    return [Person(i, f"Learner {i.title()}", f"{i}@nhs.example", BOARDS[n % 2]) for n, i in enumerate(ids)]


def points(assignment: str = ASSIGNMENT) -> tuple[float, float]:
    """(auto-graded points, assessor-marked points) of an assignment, from the source a cohort copies."""
    import nbformat
    from nbgrader import utils

    from coursekit.cohort.folder import find_course

    nb = nbformat.read(find_course() / "source" / assignment / f"{assignment}.ipynb", as_version=4)
    graded = [c for c in nb.cells if utils.is_grade(c)]
    auto = sum(float(c.metadata["nbgrader"]["points"]) for c in graded if not utils.is_solution(c))
    written = sum(float(c.metadata["nbgrader"]["points"]) for c in graded if utils.is_solution(c))
    return auto, written


AUTO_POINTS, WRITTEN_POINTS = points()
MAX_POINTS = AUTO_POINTS + WRITTEN_POINTS


def form_points(assignment: str = ASSIGNMENT) -> dict[str, float]:
    """{form: points} of the assessor-marked cells of the own-trust forms (all manual cells but the reflection)."""
    import nbformat
    from nbgrader import utils

    from coursekit.cohort.folder import find_course

    nb = nbformat.read(find_course() / "source" / assignment / f"{assignment}.ipynb", as_version=4)
    return {c.metadata["nbgrader"]["grade_id"]: float(c.metadata["nbgrader"]["points"]) for c in nb.cells
            if utils.is_grade(c) and utils.is_solution(c) and c.metadata["nbgrader"]["grade_id"] != "reflection"}


FORM_POINTS = form_points()


def expected_total(learner: str) -> float:
    if learner in SOLUTION_MARKS:
        return AUTO_POINTS + sum(FORM_POINTS.values()) + SOLUTION_MARKS[learner]
    if learner in PARTIAL_MARKS:
        return 1 + PARTIAL_MARKS[learner]
    return 0


def write_roster(folder: Path, people: list[Person]) -> Path:
    """``folder``/roster.csv with these learners."""
    folder.mkdir(parents=True, exist_ok=True)
    roster_file = folder / "roster.csv"
    with roster_file.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "name", "email", "board"])
        writer.writerows([p.id, p.name, p.email, p.board] for p in people)
    return roster_file


def build(folder: Path, db_url: str | None = None):
    """Make the cohort (coursekit.cohort.folder), then submit, autograde and first-mark with nbgrader itself."""
    cohort = init_cohort(folder / "cohort", write_roster(folder, roster()), db_url=db_url, name="Marks test cohort")
    course = cohort.root
    run_nbgrader(["generate_assignment", ASSIGNMENT, "--force"], course)
    for learner in SOLUTION_MARKS:
        submit_copy_of(course, learner, ROOT / "solutions" / ASSIGNMENT)
    for learner in PARTIAL_MARKS:
        write_learner_answers(submit_copy_of(course, learner, ROOT / "exercises" / ASSIGNMENT), PARTIAL_ANSWERS)
    for learner in BLANK:
        submit_copy_of(course, learner, ROOT / "exercises" / ASSIGNMENT)
    run_nbgrader(["autograde", ASSIGNMENT], course)
    first_mark(cohort.db_url, {**SOLUTION_MARKS, **PARTIAL_MARKS})
    return cohort


def first_mark(db_url: str, marks: dict[str, float]) -> None:
    """What formgrader does when an assessor marks the reflection, and each own-trust form that waits for
    a mark (only the worked solutions answered them: full marks)."""
    with Gradebook(db_url) as gb:
        for learner, mark in marks.items():
            grade = gb.find_grade("reflection", ASSIGNMENT, ASSIGNMENT, learner)
            grade.manual_score = mark
            grade.needs_manual_grade = False
            for form, form_mark in FORM_POINTS.items():
                grade = gb.find_grade(form, ASSIGNMENT, ASSIGNMENT, learner)
                if grade.needs_manual_grade:
                    grade.manual_score = form_mark
                    grade.needs_manual_grade = False
        gb.db.commit()


def first_mark_clear(db_url: str, learner: str) -> None:
    """Undo an assessor's mark, as if the reflection were still waiting to be marked."""
    with Gradebook(db_url) as gb:
        grade = gb.find_grade("reflection", ASSIGNMENT, ASSIGNMENT, learner)
        grade.manual_score = None
        grade.needs_manual_grade = True
        gb.db.commit()


def roster_ids() -> list[str]:
    return [p.id for p in roster()]


def grades_snapshot(db_url: str) -> list[tuple]:
    """Every grade in the gradebook, to show that something did not change it."""
    with Gradebook(db_url) as gb:
        return sorted((s.student_id, g.name, g.auto_score, g.manual_score, g.needs_manual_grade)
                      for s in gb.assignment_submissions(ASSIGNMENT) for nb in s.notebooks for g in nb.grades)
