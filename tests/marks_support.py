"""A small graded cohort made directly with nbgrader, for the export, moderation and dashboard tests.

Learners and what their answers earn on goal_and_mission (13 points: 9 auto, 4 for the
written reflection marked by an assessor):

* ``sol01``..``sol06``: the worked solution: 9 auto; reflection marked 4, 3, 2, 4, 1, 3
* ``part01``, ``part02``: q1 right, q2 wrong (1 auto), a reflection marked 1 and 4
* ``blank01``..``blank03``: the untouched learner copy: 0, reflection blank (automatic 0)
* ``absent``: on the roster, never submits
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from nbgrader.api import Gradebook

from coursekit.nbgrader_run import run_nbgrader
from course_support import ASSIGNMENT, ROOT, make_course, submit_copy_of, write_learner_answers


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


def expected_total(learner: str) -> float:
    if learner in SOLUTION_MARKS:
        return 9 + SOLUTION_MARKS[learner]
    if learner in PARTIAL_MARKS:
        return 1 + PARTIAL_MARKS[learner]
    return 0


def build(folder: Path, db_url: str | None = None) -> tuple[Path, str]:
    """Make, submit, autograde and first-mark the cohort; return (course folder, db_url)."""
    config = (ROOT / "course" / "nbgrader_config.py").read_text()
    if db_url:
        config += f"\nc.CourseDirectory.db_url = {db_url!r}\n"
    course = make_course(folder, config=config)
    db_url = db_url or f"sqlite:///{course / 'gradebook.db'}"
    with Gradebook(db_url) as gb:
        for person in roster():
            first, _, last = person.name.partition(" ")
            gb.update_or_create_student(person.id, first_name=first, last_name=last, email=person.email)
    for learner in SOLUTION_MARKS:
        submit_copy_of(course, learner, ROOT / "solutions" / ASSIGNMENT)
    for learner in PARTIAL_MARKS:
        write_learner_answers(submit_copy_of(course, learner, ROOT / "exercises" / ASSIGNMENT), PARTIAL_ANSWERS)
    for learner in BLANK:
        submit_copy_of(course, learner, ROOT / "exercises" / ASSIGNMENT)
    run_nbgrader(["autograde", ASSIGNMENT], course)
    first_mark(db_url, {**SOLUTION_MARKS, **PARTIAL_MARKS})
    return course, db_url


def first_mark(db_url: str, marks: dict[str, float]) -> None:
    """What formgrader does when an assessor marks the reflection."""
    with Gradebook(db_url) as gb:
        for learner, mark in marks.items():
            grade = gb.find_grade("reflection", ASSIGNMENT, ASSIGNMENT, learner)
            grade.manual_score = mark
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
