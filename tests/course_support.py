"""Shared helpers for tests that need a real nbgrader course folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat

from coursekit.answers import Answer, answers_path, write_answers
from coursekit.cohort.nbgrader_run import run_nbgrader
from coursekit.records.learner_files import LEARNER_MADE

ROOT = Path(__file__).resolve().parents[1]
ASSIGNMENT = "goal_and_mission"
NOTEBOOK = f"{ASSIGNMENT}.ipynb"


def make_course(folder: Path, config: str | None = None) -> Path:
    """A fresh nbgrader course: the repo's config and source, the assignment generated."""
    folder.mkdir(parents=True, exist_ok=True)
    if config is None:
        shutil.copy(ROOT / "course" / "nbgrader_config.py", folder / "nbgrader_config.py")
    else:
        (folder / "nbgrader_config.py").write_text(config)
    shutil.copytree(ROOT / "course" / "source", folder / "source")
    run_nbgrader(["generate_assignment", ASSIGNMENT, "--force"], folder)
    return folder


def submission_dir(course: Path, student: str) -> Path:
    path = course / "submitted" / student / ASSIGNMENT
    path.mkdir(parents=True, exist_ok=True)
    (path / "timestamp.txt").write_text("2026-11-28 10:00:00.000000 UTC")
    return path


_LEARNER_MADE = shutil.ignore_patterns(*LEARNER_MADE)


def COURSE_ONLY(folder: str, names: list[str]) -> set[str]:
    """For ``shutil.copytree``: leave out what a learner who took the course in this checkout made (answers,
    plan, record, checkpoints). A worked solution's answers file, committed in solutions/, is the course's."""
    left_out = set(_LEARNER_MADE(folder, names))
    if Path(folder).parent.name == "solutions":
        left_out.discard(f"{Path(folder).name}.answers.json")
    return left_out


def course_copy(folder: Path, into: Path) -> Path:
    """A copy of ``folder`` (a lesson or exercise folder of this checkout) as a fresh clone has it:
    the course's own files, never the answers or documents of a learner who used the course here."""
    shutil.copytree(folder, into, ignore=COURSE_ONLY)
    return into


def course_files_in(folder: Path) -> list[Path]:
    """The course's own files directly in ``folder``: what a fresh clone has there."""
    left_out = COURSE_ONLY(str(folder), [p.name for p in folder.iterdir()])
    return sorted(p for p in folder.iterdir() if p.is_file() and p.name not in left_out)


def submit_copy_of(course: Path, student: str, folder: Path) -> Path:
    """Submit every file of the course in ``folder`` (as nbgrader's submit would) for ``student``: a learner
    who took the course in this checkout is not submitted with them."""
    dest = submission_dir(course, student)
    for item in course_files_in(folder):
        shutil.copy(item, dest / item.name)
    return dest


def write_learner_answers(path: Path, answers: dict, saved_at: str = "2026-11-28T09:00:00+00:00",
                          assignment: str = ASSIGNMENT) -> None:
    write_answers(answers_path(path, assignment), assignment, {k: Answer(v, saved_at) for k, v in answers.items()})


def read_notebook(path: Path):
    return nbformat.read(path, as_version=4)


def grades(course: Path, student: str) -> dict[str, tuple[float | None, bool]]:
    """{grade cell: (auto score, needs manual grade)} for one learner, from the gradebook."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        submission = gb.find_submission_notebook(ASSIGNMENT, ASSIGNMENT, student)
        return {g.name: (g.auto_score, g.needs_manual_grade) for g in submission.grades}

