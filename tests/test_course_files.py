"""The learner's course files ship in the package (lessons and exercises, never the source with
its keys), and drift is caught."""

from __future__ import annotations

import tomllib

from coursekit.authoring import generate
from coursekit.cohort.folder import course_files
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
    assert generate.mirror_drift(root) == [f"{generate.COURSE_FILES}/notebooks: missing",
                                           f"{generate.COURSE_FILES}/exercises: missing"]
    shipped = root / generate.COURSE_FILES
    (shipped / "source" / "ex").mkdir(parents=True)  # as an older generator left it: keys in the package
    (shipped / "source" / "ex" / "ex.ipynb").write_text("source v1")
    generate.mirror(root)
    assert (shipped / "exercises" / "ex" / "ex.ipynb").read_text() == "learner copy"
    assert sorted(p.name for p in shipped.iterdir()) == ["exercises", "notebooks"], "the source is never shipped"
    assert generate.mirror_drift(root) == []
    (root / "exercises" / "ex" / "ex.ipynb").write_text("learner copy v2")
    (shipped / "notebooks" / "stray.ipynb").write_text("x")
    (shipped / "source").mkdir()
    assert generate.mirror_drift(root) == [
        f"{generate.COURSE_FILES}/notebooks/stray.ipynb: not made by the generator",
        f"{generate.COURSE_FILES}/exercises/ex/ex.ipynb: differs from its source",
        f"{generate.COURSE_FILES}/source: not made by the generator (never ship it)",
    ]


def test_the_package_ships_the_course_files():
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())
    shipped = data["tool"]["setuptools"]["package-data"]["coursekit"]
    assert "course_files/notebooks/**/*" in shipped and "course_files/exercises/**/*" in shipped
    assert not [p for p in shipped if "source" in p or p.startswith("course_files/*")], shipped
    assert not (course_files() / "source").is_dir(), "the answer keys are never in the package"
    assert (course_files() / "notebooks" / "04_goal_and_mission.ipynb").is_file()
    assert (course_files() / "exercises" / "goal_and_mission" / "goal_and_mission.ipynb").is_file()
