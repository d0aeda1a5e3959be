"""Every graded exercise, end to end through nbgrader: the worked solution earns every
auto-graded point, the untouched learner copy earns none, and the reflection reaches an
assessor beside its rubric. One course holds every assignment in course/source."""

from __future__ import annotations

import shutil

import nbformat
import pytest
from nbgrader import utils

from coursekit.cohort.nbgrader_run import run_nbgrader
from course_support import ROOT

pytestmark = pytest.mark.slow

ASSIGNMENTS = sorted(p.name for p in (ROOT / "course" / "source").iterdir() if p.is_dir())


def _points(assignment: str) -> tuple[dict[str, float], dict[str, float]]:
    """({auto-graded cell: points}, {manually graded cell: points}) from the one source."""
    nb = nbformat.read(ROOT / "course" / "source" / assignment / f"{assignment}.ipynb", as_version=4)
    auto, manual = {}, {}
    for cell in nb.cells:
        if utils.is_grade(cell):
            meta = cell.metadata.nbgrader
            (manual if utils.is_solution(cell) else auto)[meta["grade_id"]] = meta["points"]
    return auto, manual


def _submit(course, student, assignment, folder):
    dest = course / "submitted" / student / assignment
    dest.mkdir(parents=True)
    for item in folder.iterdir():
        if item.is_file():
            shutil.copy(item, dest / item.name)
    (dest / "timestamp.txt").write_text("2026-11-28 10:00:00.000000 UTC")


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    course = tmp_path_factory.mktemp("course")
    shutil.copy(ROOT / "course" / "nbgrader_config.py", course / "nbgrader_config.py")
    shutil.copytree(ROOT / "course" / "source", course / "source",
                    ignore=shutil.ignore_patterns("*.answers.json", ".ipynb_checkpoints"))
    for assignment in ASSIGNMENTS:
        run_nbgrader(["generate_assignment", assignment, "--force"], course)
        _submit(course, "solution", assignment, ROOT / "solutions" / assignment)
        _submit(course, "blank", assignment, ROOT / "exercises" / assignment)
        run_nbgrader(["autograde", assignment], course)
    return course


def _grades(course, assignment, student):
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        nb = gb.find_submission_notebook(assignment, assignment, student)
        return {g.name: (g.auto_score, g.needs_manual_grade) for g in nb.grades}


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_worked_solution_earns_every_auto_point_and_blank_earns_none(graded, assignment):
    auto, manual = _points(assignment)
    assert auto and manual, "every exercise has auto-graded parts and a reflection"
    solution = _grades(graded, assignment, "solution")
    assert {name: solution[name][0] for name in auto} == auto
    assert all(solution[name] == (None, True) for name in manual), "reflections wait for an assessor"
    blank = _grades(graded, assignment, "blank")
    assert all(blank[name] == (0, False) for name in auto)
    assert all(blank[name] == (0, False) for name in manual), "no reflection written: no manual task"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_assessor_sees_each_reflection_beside_its_rubric(graded, assignment):
    _, manual = _points(assignment)
    nb = nbformat.read(graded / "autograded" / "solution" / assignment / f"{assignment}.ipynb", as_version=4)
    for index, cell in enumerate(nb.cells):
        if cell.metadata.get("nbgrader", {}).get("grade_id") in manual:
            assert cell.source.strip(), "the saved reflection is in the cell the assessor marks"
            assert "Rubric" in nb.cells[index - 1].source, "the rubric sits just above it"
