"""Documents made from the course's own data, so they never disagree with it.

* The README's course table, from the syllabus and each exercise's points.
* ``course/rubrics.md``: every rubric an assessor marks against: each reflective question's,
  from the graded banks, and each own-trust form's, from ``content/form_rubrics.toml``.

``coursekit generate`` writes both; ``coursekit generate --check`` reports drift.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbgrader import utils

from coursekit import syllabus
from coursekit.questions import forms
from coursekit.questions.bank import BankError, form_rubric, form_rubrics, load_bank

TABLE_START = "<!-- course table: made by `coursekit generate` from course/syllabus.toml -->"
TABLE_END = "<!-- end of course table -->"
RUBRICS = "course/rubrics.md"
_TAGS = {**syllabus.PRECONDITIONS, "course": "The whole course"}


def points(root: Path, assignment: str) -> tuple[float, float]:
    """(auto-graded points, assessor-marked points) of one exercise, from its one source."""
    path = root / "course" / "source" / assignment / f"{assignment}.ipynb"
    if not path.exists():
        return 0.0, 0.0
    auto = manual = 0.0
    for cell in nbformat.read(path, as_version=4).cells:
        if utils.is_grade(cell):
            if utils.is_solution(cell):
                manual += cell.metadata.nbgrader["points"]
            else:
                auto += cell.metadata.nbgrader["points"]
    return auto, manual


def course_table(root: Path) -> str:
    course = syllabus.read(root / "course" / "syllabus.toml")
    rows = [
        "| # | Lesson | Minutes (lesson + exercise) | Graded exercise | Points | Counts towards |",
        "|---|---|---|---|---|---|",
    ]
    for lesson in course.lessons:
        auto, manual = points(root, lesson.assignment)
        rows.append(
            f"| {lesson.number} | [{lesson.title}](notebooks/{lesson.notebook}.ipynb) | {lesson.lesson_minutes} + {lesson.exercise_minutes} "
            f"| [{lesson.assignment}](exercises/{lesson.assignment}/{lesson.assignment}.ipynb) "
            f"| {auto + manual:g} ({auto:g} auto-graded, {manual:g} by an assessor) | {_TAGS[lesson.precondition]} |"
        )
    rows.append("")
    rows.append(f"In all: {course.minutes} minutes (about {course.hours:g} hours), in sittings of "
                f"{syllabus.SITTING} minutes or fewer. "
                f"Course edition: {course.edition}. Source: *{course.source}*.")
    return "\n".join(rows)


def readme_with_table(root: Path) -> str:
    readme = (root / "README.md").read_text("utf-8")
    start, end = readme.find(TABLE_START), readme.find(TABLE_END)
    if start < 0 or end < start:
        raise ValueError(f"README.md: put the lines {TABLE_START!r} and {TABLE_END!r} where the course table goes.")
    return readme[: start + len(TABLE_START)] + "\n\n" + course_table(root) + "\n\n" + readme[end:]


def rubrics(root: Path) -> str:
    course = syllabus.read(root / "course" / "syllabus.toml")
    how = next(iter(form_rubrics().values())).how_to_mark if form_rubrics() else ""
    parts = [
        "# Rubrics for the answers an assessor marks",
        "",
        "Made by `coursekit generate` from the graded question banks (`src/coursekit/content/`) and the "
        "own-trust forms' rubrics (`src/coursekit/content/form_rubrics.toml`). "
        "Do not edit: change the bank or the rubrics file and regenerate. Assessors see the same rubric beside each "
        "answer in formgrader, and learners see it with the question or form.",
        "",
        "The own-trust forms' instant checks are formative feedback for the learner and carry no marks: "
        "an assessor marks each form's substance against its rubric below. " + how,
    ]
    for lesson in course.lessons:
        try:
            bank = load_bank(lesson.assignment)
        except BankError:
            continue
        for reflection in bank.reflections.values():
            parts += ["", f"## Lesson {lesson.number}, {lesson.title}: `{reflection.id}` "
                          f"(up to {reflection.max_points:g} points)", "", f"**Question.** {reflection.prompt}"]
            if reflection.guidance:
                parts += ["", f"**Guidance for learners.** {reflection.guidance}"]
            parts += _rubric_table(reflection.rubric)
        for name in bank.forms:
            rubric = form_rubric(name)
            if rubric is None:
                continue
            parts += ["", f"## Lesson {lesson.number}, {lesson.title}: the form `{name}` "
                          f"(up to {rubric.max_points:g} points)", "",
                      f"**Form.** {rubric.prompt}"]
            parts += _rubric_table(rubric.rubric)
    return "\n".join(parts) + "\n"


def _rubric_table(levels) -> list[str]:
    return ["", "| Points | Level | What it looks like |", "|---|---|---|"] + [
        f"| {level.points:g} | {level.level} | {level.descriptor}"
        + (f"<br>*Example:* {level.example}" if level.example else "") + " |"
        for level in sorted(levels, key=lambda lv: lv.points)]


def update(root: Path) -> None:
    load_bank.cache_clear()
    form_rubrics.cache_clear()
    (root / "README.md").write_text(readme_with_table(root), "utf-8")
    (root / RUBRICS).write_text(rubrics(root), "utf-8")


def drift(root: Path) -> list[str]:
    load_bank.cache_clear()
    form_rubrics.cache_clear()
    problems = []
    if (root / "README.md").read_text("utf-8") != readme_with_table(root):
        problems.append("README.md: the course table differs from course/syllabus.toml")
    rubric_file = root / RUBRICS
    if not rubric_file.exists() or rubric_file.read_text("utf-8") != rubrics(root):
        problems.append(f"{RUBRICS}: differs from the question banks")
    return problems
