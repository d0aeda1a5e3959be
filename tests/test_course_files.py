"""The course files ship in the package (for `coursekit cohort init`), and drift is caught."""

from __future__ import annotations

import tomllib

from coursekit import generate
from coursekit.cohort import course_files
from course_support import ROOT


def _project(tmp_path):
    root = tmp_path / "project"
    (root / "course" / "source" / "ex").mkdir(parents=True)
    (root / "notebooks").mkdir()
    (root / "exercises" / "ex").mkdir(parents=True)
    (root / "exercises" / "ex" / "ex.ipynb").write_text("learner copy")
    (root / "course" / "source" / "ex" / "ex.ipynb").write_text("source v1")
    (root / "course" / "source" / "ex" / "ex.answers.json").write_text("{}")  # someone's answers: never shipped
    (root / "notebooks" / "01_lesson.ipynb").write_text("lesson")
    return root


def test_the_mirror_is_made_and_drift_is_reported(tmp_path):
    root = _project(tmp_path)
    assert generate.mirror_drift(root) == [f"{generate.COURSE_FILES}/source: missing",
                                           f"{generate.COURSE_FILES}/notebooks: missing",
                                           f"{generate.COURSE_FILES}/exercises: missing"]
    generate.mirror(root)
    shipped = root / generate.COURSE_FILES
    assert (shipped / "source" / "ex" / "ex.ipynb").read_text() == "source v1"
    assert not (shipped / "source" / "ex" / "ex.answers.json").exists()
    assert generate.mirror_drift(root) == []
    (root / "course" / "source" / "ex" / "ex.ipynb").write_text("source v2")
    (shipped / "notebooks" / "stray.ipynb").write_text("x")
    assert generate.mirror_drift(root) == [
        f"{generate.COURSE_FILES}/source/ex/ex.ipynb: differs from its source",
        f"{generate.COURSE_FILES}/notebooks/stray.ipynb: not made by the generator",
    ]


def test_the_package_ships_the_course_files():
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert "course_files/**/*" in data["tool"]["setuptools"]["package-data"]["coursekit"]
    assert (course_files() / "source" / "goal_and_mission" / "goal_and_mission.ipynb").is_file()
    assert (course_files() / "notebooks" / "04_goal_and_mission.ipynb").is_file()
    assert (course_files() / "exercises" / "goal_and_mission" / "goal_and_mission.ipynb").is_file()
