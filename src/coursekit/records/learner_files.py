"""Where a learner's answers files are, from their course home folder.

A learner's course sits in one of three layouts, and this module tries each:

* **the course folder** (this repository, or a copy of it):
  lessons in ``notebooks/<notebook>.ipynb``, exercises in ``exercises/<a>/<a>.ipynb``;
* **a learner pack** (the zip a trainer sends): lessons in ``notebooks/``,
  each exercise in its own folder beside it, ``<a>/<a>.ipynb``;
* **an nbgrader fetch**: each exercise in ``<a>/``, and any lessons beside them.

Each notebook's answers are in ``<notebook>.answers.json`` beside it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from coursekit.answers import answers_path

#: What the course writes beside a learner's notebooks as they take it: their answers, a copy of an
#: answers file that could not be read, the answers file as it was before a restore
#: (``records.move_work.BACKUP``), the plan and the record of completion (HTML and PDF;
#: ``records.plan.FILE_STEM`` and ``records.completion.FILE_STEM``), and JupyterLab's checkpoints.
#: The learner's own, never the course's: `coursekit generate` leaves them out, and git ignores them.
LEARNER_MADE = ("*.answers.json", "*.unreadable-*.json", "*.before-restore-*.json", "my_plan_for_the_board.*",
                "record_of_completion.*", ".ipynb_checkpoints")


def learner_made(path: Path, within: Path) -> bool:
    """Whether ``path`` (inside ``within``) is one of :data:`LEARNER_MADE`, or inside one of them."""
    from fnmatch import fnmatch

    return any(fnmatch(part, pattern) for part in path.relative_to(within).parts for pattern in LEARNER_MADE)


#: How far above the current folder to look for the course home: a notebook runs in
#: ``<home>/notebooks``, ``<home>/<a>`` or ``<home>/exercises/<a>``.
LEVELS_UP = 2


def _has_layout(folder: Path) -> bool:
    return (folder / "notebooks").is_dir() or (folder / "exercises").is_dir()


def _holds_an_exercise(folder: Path, assignments: tuple[str, ...]) -> bool:
    return any((folder / a).is_dir() for a in assignments)


def find_home(start: str | os.PathLike | None = None, assignments: tuple[str, ...] | None = None) -> Path:
    """The learner's course home, looked for from ``start`` (default: the current folder) upwards.

    The nearest folder holding ``notebooks/`` or ``exercises/`` wins; failing that, the
    nearest holding an exercise folder; failing that, ``start`` itself.
    """
    here = Path(start or Path.cwd()).resolve()
    candidates = [here, *list(here.parents)[:LEVELS_UP]]
    for folder in candidates:
        if _has_layout(folder):
            return folder
    if assignments is None:
        from coursekit import syllabus

        assignments = syllabus.load().assignments
    for folder in candidates:
        if _holds_an_exercise(folder, assignments):
            return folder
    return here


@dataclass(frozen=True)
class CourseHome:
    """A learner's course home, and where each notebook and answers file is in it."""

    root: Path

    @classmethod
    def find(cls, start: str | os.PathLike | None = None) -> "CourseHome":
        return cls(find_home(start))

    def _lesson_folders(self) -> list[Path]:
        return [self.root / "notebooks", self.root]

    def _exercise_folders(self, assignment: str) -> list[Path]:
        return [self.root / "exercises" / assignment, self.root / assignment]

    @staticmethod
    def _existing(folders: list[Path], name: str) -> Path | None:
        return next((p for p in (answers_path(f, name) for f in folders) if p.is_file()), None)

    @staticmethod
    def _folder_of(folders: list[Path], name: str) -> Path:
        """The folder that holds the notebook, else the first that exists, else the first."""
        for test in (lambda f: (f / f"{name}.ipynb").is_file(), Path.is_dir):
            found = next((f for f in folders if test(f)), None)
            if found is not None:
                return found
        return folders[0]

    def lesson_answers(self, notebook: str) -> Path | None:
        """The answers file of lesson ``notebook``, or ``None`` when nothing is saved yet."""
        return self._existing(self._lesson_folders(), notebook)

    def exercise_answers(self, assignment: str) -> Path | None:
        """The answers file of exercise ``assignment``, or ``None`` when nothing is saved yet."""
        return self._existing(self._exercise_folders(assignment), assignment)

    def lesson_notebook(self, notebook: str) -> Path:
        """Where lesson ``notebook`` is (or would be) in this home."""
        return self._folder_of(self._lesson_folders(), notebook) / f"{notebook}.ipynb"

    def exercise_notebook(self, assignment: str) -> Path:
        """Where exercise ``assignment`` is (or would be) in this home."""
        folders = self._exercise_folders(assignment)
        if not (self.root / "exercises").is_dir():
            folders = folders[1:]
        return self._folder_of(folders, assignment) / f"{assignment}.ipynb"

    @property
    def lessons_folder(self) -> Path:
        """Where the lessons are: ``notebooks/`` when there is one, else the home itself."""
        folder = self.root / "notebooks"
        return folder if folder.is_dir() else self.root


def link(path: Path, start: Path) -> str:
    """``path`` as a relative link from a page saved in folder ``start``, with forward slashes."""
    return Path(os.path.relpath(Path(path).resolve(), Path(start).resolve())).as_posix()
