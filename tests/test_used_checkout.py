"""The test suite passes in a checkout where the course has been used, and git ignores what the learner made.

Someone who clones the project and takes the course in it (``coursekit lab`` opens the project
itself) leaves answers files beside every notebook, a plan and a record of completion, and
JupyterLab's checkpoints. Tests take the course's files from the checkout, never the learner's.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from course_support import ROOT, course_copy, course_files_in
from used_checkout_support import GENERATED, use

#: What a learner who took the course here leaves behind, one of each kind (git must ignore them all).
LEARNER_FILES = ("notebooks/00_start_here.answers.json", "notebooks/your_name.answers.json",
                 "exercises/a_team/a_team.answers.json",
                 "exercises/goal_and_mission/goal_and_mission.answers.unreadable-20261128T090000.json",
                 "notebooks/00_start_here.answers.before-restore-20261203-153000.json",
                 *(f"exercises/your_plan/{name}" for name in GENERATED), *(f"notebooks/{name}" for name in GENERATED),
                 "notebooks/.ipynb_checkpoints/04_goal_and_mission-checkpoint.ipynb",
                 "exercises/a_team/.ipynb_checkpoints/a_team-checkpoint.ipynb",
                 ".coursekit/jupyterlab-settings/@jupyterlab/apputils-extension/notification.jupyterlab-settings")


def _ignored(paths: list[str]) -> set[str]:
    proc = subprocess.run(["git", "check-ignore", "--no-index", "--stdin"], cwd=ROOT, input="\n".join(paths),
                          capture_output=True, text=True)
    assert proc.returncode in (0, 1), proc.stderr
    return set(proc.stdout.split())


@pytest.mark.skipif(shutil.which("git") is None or not (ROOT / ".git").exists(), reason="needs git and a git checkout")
def test_git_ignores_what_a_learner_made_but_not_the_worked_solutions_answers():
    assert _ignored(list(LEARNER_FILES)) == set(LEARNER_FILES)
    committed = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "solutions").glob("*/*.answers.json"))
    assert len(committed) >= 8 and _ignored(committed) == set()


@pytest.fixture
def used(tmp_path):
    """The lesson, exercise and solution folders of this checkout, copied as they are, then used by a learner."""
    for folder in ("notebooks", "exercises", "solutions"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    use(tmp_path)
    return tmp_path


def test_the_course_files_taken_from_a_used_checkout_are_those_of_a_fresh_clone(used, tmp_path):
    for folder in ("notebooks", "exercises/goal_and_mission", "exercises/your_plan", "solutions/goal_and_mission"):
        mine = [p.name for p in course_files_in(used / folder)]
        assert mine == [p.name for p in course_files_in(ROOT / folder)], folder
        assert not [n for n in mine if n.endswith((".answers.json", ".html", ".pdf")) and "solutions" not in folder]
    copy = course_copy(used / "exercises" / "goal_and_mission", tmp_path / "copy")
    assert sorted(p.name for p in copy.rglob("*")) == ["goal_and_mission.ipynb"]
    # the worked solution's answers are the course's own, and are kept
    assert "goal_and_mission.answers.json" in [p.name for p in course_files_in(used / "solutions" / "goal_and_mission")]


#: Tests that take the course's files from the checkout's exercises/ and solutions/ (run, submitted, graded),
#: run again in a used copy: a learner's answers there would turn "not attempted" into marks.
REPRESENTATIVE = (
    "tests/test_notebooks.py::test_starter_reads_not_attempted_when_run[goal_and_mission]",
    "tests/test_notebooks.py::test_worked_solution_runs_and_its_hidden_tests_award_full_points_in_a_kernel[your_plan]",
    "tests/test_nbgrader_e2e.py",
    "tests/test_learner_folder.py",
)


@pytest.mark.slow
def test_the_tests_that_read_the_checkout_pass_in_one_where_the_course_was_used(tmp_path):
    """A copy of this checkout, used by a learner (answers, plan, record, checkpoints, saved outputs),
    passes the tests that read the checkout's notebooks, exercises and generated files."""
    used = tmp_path / "used"
    shutil.copytree(ROOT, used, ignore=shutil.ignore_patterns(".git", ".venv", "__pycache__", ".pytest_cache",
                                                               "build", "*.egg-info"))
    for path in (*used.glob("notebooks/*.answers*.json"), *used.glob("exercises/*/*.answers*.json")):
        path.unlink()  # whatever this checkout holds, the copy holds the test learner's files only
    use(used)
    _run_as_a_learner(used / "notebooks" / "04_goal_and_mission.ipynb")
    _run_as_a_learner(used / "exercises" / "goal_and_mission" / "goal_and_mission.ipynb")
    from coursekit.authoring import generate

    assert generate.drift(used, ["your_plan"]) == [], "a learner's files and saved outputs are not drift"
    env = {**os.environ, "PYTHONPATH": str(used / "src")}
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-x", *REPRESENTATIVE],
                          cwd=used, env=env, capture_output=True, text=True, timeout=1800)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]


def _run_as_a_learner(notebook):
    """Save outputs and run counts into ``notebook``, as JupyterLab does when a learner runs it and saves."""
    import json

    data = json.loads(notebook.read_text("utf-8"))
    for n, cell in enumerate(c for c in data["cells"] if c["cell_type"] == "code"):
        cell.update(execution_count=n + 1, outputs=[{"output_type": "stream", "name": "stdout", "text": ["ran\n"]}])
    data["metadata"]["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}, "version_major": 2}}
    notebook.write_text(json.dumps(data, indent=1), "utf-8")
