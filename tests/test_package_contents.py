"""No hidden test, answer key or worked solution in anything `pip install coursekit` gives a learner.

The wheel and the sdist are built (with setuptools' own PEP 517 backend, offline) from a copy of
the project, and searched for what only a trainer may read:

- every hidden test's key line (``ex.check("q1", key={...})``) and every model answer, taken
  from ``course/source/`` itself, in any file, as text or as a line of a notebook's JSON;
- nbgrader's markers for hidden tests and solutions in any file that is not code;
- the course source, the worked solutions and the tests (which read both), and any answers file.

The wheel must still carry the learner's lessons and exercises, byte for byte. A cohort is made
from the course folder (``--course``, ``COURSEKIT_COURSE``, the project checkout, or a ``course/``
folder above the current one); an installed (non-editable) coursekit without one makes nothing
and says what to pass.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import nbformat
import pytest
from nbgrader import utils

from coursekit.cohort import folder as cohort_module
from coursekit.cohort.folder import CohortError, find_course, init_cohort
from coursekit.questions.testcells import BEGIN_HIDDEN, WORKED_ANSWER
from course_support import ROOT

slow = pytest.mark.slow
A = "goal_and_mission"

#: Markers that only a source or solution notebook holds (a hidden test, a form's worked answer kept as
#: data); code (.py) may name them, as testcells.py does.
MARKERS = (BEGIN_HIDDEN.lstrip("# "), "END HIDDEN TESTS", "BEGIN SOLUTION", "key=", WORKED_ANSWER)

BUILD = """
import sys
from setuptools import build_meta
out = sys.argv[1]  # read first: the backend rewrites sys.argv
print(build_meta.build_sdist(out))
print(build_meta.build_wheel(out))
"""


def project_files() -> list[str]:
    """The files a build of this checkout can see: in git, and new files not ignored."""
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT,
                            capture_output=True, check=True).stdout.decode().split("\0")
    return [name for name in listed if name and (ROOT / name).is_file()]


def secrets() -> dict[str, str]:
    """{text a learner must never get: where it comes from}, read from the course source."""
    found: dict[str, str] = {}
    for path in sorted((ROOT / "course" / "source").glob("*/*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            if not utils.is_grade(cell) and not utils.is_solution(cell):
                continue
            if utils.is_solution(cell):  # a model answer: its longer lines are its own words
                found.update({line.strip(): f"model answer in {path.name}"
                              for line in cell.source.splitlines() if len(line.strip()) >= 60})
            elif BEGIN_HIDDEN in cell.source:
                hidden = cell.source.split(BEGIN_HIDDEN, 1)[1]
                found.update({line.strip(): f"hidden test in {path.name}" for line in hidden.splitlines()
                              if "key=" in line})
    return found


def leaks(files: dict[str, bytes], hidden: dict[str, str], forbidden_digests: set[str]) -> list[str]:
    problems = []
    for name, data in files.items():
        parts = name.split("/")
        if name.endswith(".answers.json") or "solutions" in parts or "tests" in parts or "source" in parts \
                or (len(parts) > 1 and parts[1] == "course"):
            problems.append(f"{name}: must never ship")
        if hashlib.sha256(data).hexdigest() in forbidden_digests:
            problems.append(f"{name}: a copy of a source or solution notebook")
        text = data.decode("utf-8", "replace")
        if not name.endswith(".py"):
            problems += [f"{name}: holds {marker!r}" for marker in MARKERS if marker in text]
        for secret, origin in hidden.items():
            if secret in text or json.dumps(secret)[1:-1] in text:
                problems.append(f"{name}: holds the {origin}: {secret[:60]}")
    return problems


def _members(archive: Path) -> dict[str, bytes]:
    if archive.suffix == ".whl":
        with zipfile.ZipFile(archive) as whl:
            return {info.filename: whl.read(info) for info in whl.infolist() if not info.is_dir()}
    with tarfile.open(archive) as sdist:
        return {m.name: sdist.extractfile(m).read() for m in sdist.getmembers() if m.isfile()}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tree = tmp_path_factory.mktemp("project")
    for name in project_files():
        (tree / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, tree / name)
    out = tmp_path_factory.mktemp("dist")
    proc = subprocess.run([sys.executable, "-c", BUILD, str(out)], cwd=tree, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    wheel, = out.glob("*.whl")
    sdist, = out.glob("*.tar.gz")
    return {"wheel": wheel, "sdist": sdist}


@pytest.fixture(scope="module")
def forbidden():
    hidden = secrets()
    notebooks = [*(ROOT / "course" / "source").glob("*/*.ipynb"), *(ROOT / "solutions").glob("*/*")]
    digests = {hashlib.sha256(p.read_bytes()).hexdigest() for p in notebooks if p.is_file()}
    assert len(hidden) >= 20 and len(digests) >= 16, "the course source should have keys and model answers to look for"
    return hidden, digests


def test_the_search_finds_keys_where_they_are(forbidden):
    """The check itself: it finds the keys in the source and solutions, and nothing in an exercise."""
    hidden, digests = forbidden
    a = "goal_and_mission"
    source = {f"x/course/source/{a}/{a}.ipynb": (ROOT / "course" / "source" / a / f"{a}.ipynb").read_bytes()}
    assert any("hidden test" in p for p in leaks(source, hidden, digests))
    assert any("model answer" in p for p in leaks(source, hidden, digests))
    assert leaks({f"coursekit/course_files/exercises/{a}/{a}.ipynb":
                  (ROOT / "exercises" / a / f"{a}.ipynb").read_bytes()}, hidden, digests) == []


@slow
@pytest.mark.parametrize("kind", ["wheel", "sdist"])
def test_no_key_hidden_test_or_solution_is_in_the_package(built, forbidden, kind):
    files = _members(built[kind])
    assert any(name.endswith("coursekit/cohort/folder.py") for name in files), sorted(files)
    assert leaks(files, *forbidden) == []


@slow
def test_the_wheel_carries_every_lesson_and_exercise(built):
    files = _members(built["wheel"])
    wanted = {f"coursekit/course_files/{p.relative_to(ROOT).as_posix()}": p
              for folder in ("notebooks", "exercises") for p in sorted((ROOT / folder).rglob("*.ipynb"))
              if ".ipynb_checkpoints" not in p.parts}
    assert len(wanted) >= 16
    missing = [name for name in wanted if name not in files]
    assert not missing, missing
    assert all(files[name] == path.read_bytes() for name, path in wanted.items())
    assert "coursekit/content/syllabus.toml" in files
    # the coursekit-pages extension, in the package and where JupyterLab and a hub's server find it
    share = [n for n in files if ".data/data/share/jupyter/labextensions/coursekit-pages/" in n]
    assert any(n.endswith("coursekit-pages/package.json") for n in share)
    assert any("/static/remoteEntry." in n for n in share), share
    assert "coursekit/labextension/coursekit-pages/package.json" in files


@slow
def test_an_installed_coursekit_says_where_the_keys_are(built, tmp_path):
    """Installed from the wheel (not the checkout), `cohort init` makes nothing and says what to pass."""
    site = tmp_path / "site"
    with zipfile.ZipFile(built["wheel"]) as whl:
        whl.extractall(site)
    (tmp_path / "roster.csv").write_text("id,name,email,board\nL001,Ann Lee,ann@nhs.net,North\n", "utf-8")
    env = {k: v for k, v in os.environ.items() if k != "COURSEKIT_COURSE"}
    env["PYTHONPATH"] = str(site)
    command = [sys.executable, "-c", "import sys, coursekit.cli.app; sys.exit(coursekit.cli.app.main())",
               "cohort", "init", "cohort", "--roster", "roster.csv"]
    proc = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True)
    assert proc.returncode != 0 and not (tmp_path / "cohort").exists()
    assert "not shipped in the learner package" in proc.stderr and "--course" in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr
    where = subprocess.run([sys.executable, "-c", "import coursekit; print(coursekit.__file__)"],
                           cwd=tmp_path, env=env, capture_output=True, text=True).stdout
    assert where.startswith(str(site)), where  # the wheel's copy ran, not the checkout's


# -- where a cohort's course source comes from ------------------------------------------------

def course_copy(folder: Path, assignments=(A,)) -> Path:
    """A trainer's own copy of the project's course/ folder, with some of its assignments."""
    for assignment in assignments:
        shutil.copytree(ROOT / "course" / "source" / assignment, folder / "source" / assignment)
    shutil.copy(ROOT / "course" / "syllabus.toml", folder / "syllabus.toml")
    shutil.copy(ROOT / "course" / "nbgrader_config.py", folder / "nbgrader_config.py")
    return folder


@pytest.fixture
def no_checkout(monkeypatch, tmp_path):
    """coursekit as if installed from the package: no project checkout around it."""
    monkeypatch.setattr(cohort_module, "CHECKOUT_COURSE", tmp_path / "site-packages" / "course")
    monkeypatch.delenv("COURSEKIT_COURSE", raising=False)
    monkeypatch.chdir(tmp_path)


def test_the_project_checkout_is_found_with_no_option(monkeypatch, tmp_path):
    monkeypatch.delenv("COURSEKIT_COURSE", raising=False)
    monkeypatch.chdir(tmp_path)  # anywhere: the editable install knows its checkout
    assert find_course() == ROOT / "course"


def test_the_option_then_the_environment_name_the_course(monkeypatch, tmp_path):
    mine, other = course_copy(tmp_path / "mine"), course_copy(tmp_path / "other")
    monkeypatch.setenv("COURSEKIT_COURSE", str(other))
    assert find_course() == other
    assert find_course(mine) == mine
    monkeypatch.setenv("COURSEKIT_COURSE", str(tmp_path / "missing"))
    with pytest.raises(CohortError, match="given by the environment variable COURSEKIT_COURSE.*no source/ or syllabus.toml"):
        find_course()


def test_a_course_folder_above_the_current_folder_is_found(no_checkout, tmp_path, monkeypatch):
    course = course_copy(tmp_path / "project" / "course")
    deep = tmp_path / "project" / "cohorts" / "2027"
    deep.mkdir(parents=True)
    monkeypatch.chdir(deep)
    assert find_course() == course


def test_without_a_course_folder_nothing_is_made_and_the_message_says_what_to_pass(no_checkout, tmp_path):
    (tmp_path / "roster.csv").write_text("id,name,email,board\nL001,Ann Lee,ann@nhs.net,North\n", "utf-8")
    with pytest.raises(CohortError) as caught:
        init_cohort(tmp_path / "cohort", tmp_path / "roster.csv")
    message = str(caught.value)
    assert "not shipped in the learner package" in message and "--course" in message and "COURSEKIT_COURSE" in message
    assert not (tmp_path / "cohort").exists() and not list(tmp_path.glob(".cohort.building-*"))
    (tmp_path / "half").mkdir()
    (tmp_path / "half" / "syllabus.toml").write_text("x")
    with pytest.raises(CohortError, match=r"half \(given with --course\) is not a course folder: it has no source/"):
        init_cohort(tmp_path / "cohort", tmp_path / "roster.csv", course=tmp_path / "half")


@slow
def test_a_cohort_is_made_from_the_course_given(no_checkout, tmp_path):
    course = course_copy(tmp_path / "trainer" / "course")
    (course / "source" / A / f"{A}.answers.json").write_text("{}")  # someone's answers: never copied
    (tmp_path / "roster.csv").write_text("id,name,email,board\nL001,Ann Lee,ann@nhs.net,North\n", "utf-8")
    made = init_cohort(tmp_path / "cohort", tmp_path / "roster.csv", course=course)
    assert made.assignments == [A]
    assert (made.root / "source" / A / f"{A}.ipynb").read_bytes() == (course / "source" / A / f"{A}.ipynb").read_bytes()
    assert not (made.root / "source" / A / f"{A}.answers.json").exists()
    assert (made.root / "syllabus.toml").read_bytes() == (course / "syllabus.toml").read_bytes()
    assert (made.root / "notebooks" / "04_goal_and_mission.ipynb").is_file(), "the lessons come from the package"
