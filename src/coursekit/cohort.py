"""A cohort: one nbgrader course folder for one group of learners.

``init_cohort`` makes the folder from the installed package (the course's source
notebooks, lesson notebooks and syllabus) and a checked roster, and adds every
learner to nbgrader's gradebook. ``Cohort.open`` reads an existing one. Every other
trainer's verb (release, collect, grade, feedback) works on a :class:`Cohort`.

Layout (an nbgrader course root)::

    nbgrader_config.py  cohort.toml  roster.csv  syllabus.toml
    source/<assignment>/   notebooks/   release/ submitted/ autograded/ feedback/ ...
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import re
import shutil
import sys
import tempfile
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from . import syllabus as _syllabus
from .roster import Learner, read_roster, roster_csv

COHORT_FILE = "cohort.toml"
ROSTER_FILE = "roster.csv"
SYLLABUS_FILE = "syllabus.toml"
CONFIG_FILE = "nbgrader_config.py"
#: Files coursekit writes beside graded work; nbgrader must never copy them on (to feedback).
COURSEKIT_FILES = ["*.coursekit-notes.json", "coursekit-graded.json"]

CONFIG_TEMPLATE = '''"""nbgrader settings for the cohort {name!r}, written by `coursekit cohort init`.

Every `nbgrader` and `coursekit` command run for this cohort uses it. coursekit's grading
plug-ins are switched on by `configure(c)`; everything else is nbgrader's own.
"""

import os

from coursekit.grading import configure

c = get_config()  # noqa: F821 - provided by nbgrader when it reads this file
here = os.path.dirname(os.path.abspath(__file__))

c.CourseDirectory.root = here
c.CourseDirectory.course_id = {course_id!r}
{db_line}
{exchange_line}
configure(c)
c.CourseDirectory.ignore = list(c.CourseDirectory.ignore) + {ignore!r}
'''


class CohortError(ValueError):
    """A cohort folder cannot be made or read; the message says what to do."""


def course_files():
    """The course files shipped in the package (``coursekit/course_files``)."""
    return resources.files("coursekit").joinpath("course_files")


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "cohort"


def scripts_on_path() -> None:
    """nbgrader runs helper programs (``alembic``) by name, even in-process: make sure this
    Python's scripts folder is on PATH, as :func:`coursekit.nbgrader_run.nbgrader_env` does."""
    scripts = str(Path(sys.executable).parent)
    if scripts not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = scripts + os.pathsep + os.environ.get("PATH", "")


def default_db_url(root: Path) -> str:
    return f"sqlite:///{Path(root).resolve() / 'gradebook.db'}"


@dataclass
class Cohort:
    root: Path
    name: str
    course_id: str
    db_url: str
    exchange: Path | None
    edition: str
    created: str
    roster: list[Learner]
    syllabus: _syllabus.Syllabus
    _api: object = field(default=None, repr=False, compare=False)

    @classmethod
    def open(cls, root: str | os.PathLike = ".") -> "Cohort":
        root = Path(root).resolve()
        where = root / COHORT_FILE
        if not where.is_file():
            raise CohortError(
                f"{root} is not a cohort folder (it has no {COHORT_FILE}). "
                "Make one with `coursekit cohort init DIR --roster roster.csv`, or pass --cohort DIR."
            )
        try:
            data = tomllib.loads(where.read_text("utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
            raise CohortError(f"{where} cannot be read ({err}). Restore it from a backup.") from None
        db_url = data.get("db_url") or default_db_url(root)
        exchange = Path(data["exchange"]) if data.get("exchange") else None
        return cls(root, data["name"], data["course_id"], db_url, exchange, data.get("edition", ""),
                   data.get("created", ""), read_roster(root / ROSTER_FILE), _syllabus.read(root / SYLLABUS_FILE))

    # -- what the cohort holds ----------------------------------------------------------

    @property
    def assignments(self) -> list[str]:
        """Assignments present in source/, in syllabus order (any others after, by name)."""
        source = self.root / "source"
        present = {p.name for p in source.iterdir() if p.is_dir() and not p.name.startswith(".")} if source.is_dir() else set()
        ordered = [a for a in self.syllabus.assignments if a in present]
        return ordered + sorted(present - set(ordered))

    def learner(self, learner_id: str) -> Learner:
        for learner in self.roster:
            if learner.id == learner_id:
                return learner
        raise CohortError(f"No learner '{learner_id}' in {self.root / ROSTER_FILE}. Check the id and try again.")

    def resolve(self, assignments: list[str] | None) -> list[str]:
        """The named assignments (``all`` or none: every one), checked against source/."""
        have = self.assignments
        if not assignments or list(assignments) == ["all"]:
            return have
        unknown = [a for a in assignments if a not in have]
        if unknown:
            raise CohortError(
                f"No assignment {', '.join(repr(a) for a in unknown)} in {self.root / 'source'}. "
                f"This cohort has: {', '.join(have) or 'none'}."
            )
        return list(assignments)

    def gradebook(self):
        """nbgrader's gradebook for this cohort (use as a context manager)."""
        from nbgrader.api import Gradebook

        scripts_on_path()
        return Gradebook(self.db_url, self.course_id)

    def nbgrader_config(self):
        """The cohort's nbgrader configuration, loaded as nbgrader loads it."""
        from traitlets.config.loader import PyFileConfigLoader

        config = PyFileConfigLoader(CONFIG_FILE, path=str(self.root)).load_config()
        config.CourseDirectory.root = str(self.root)
        config.NbGraderAPI.log_level = "WARN"  # per-cell notes are collected, not printed
        return config

    def api(self):
        """nbgrader's own Python API (``NbGraderAPI``) for this cohort, made once."""
        if self._api is None:
            from nbgrader.apps.api import NbGraderAPI
            from nbgrader.coursedir import CourseDirectory

            scripts_on_path()
            config = self.nbgrader_config()
            self._api = NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)
        return self._api


# -- making a cohort --------------------------------------------------------------------

def _check_db_url(db_url: str) -> None:
    if not re.match(r"^(sqlite|postgresql)(\+\w+)?://", db_url):
        raise CohortError(
            f"The database URL {db_url!r} is not one coursekit can use. Give a PostgreSQL URL such as "
            "postgresql://user:password@host:5432/dbname, or leave --db-url out for SQLite."
        )


def _write_files(build: Path, learners: list[Learner], name: str, course_id: str,
                 db_url: str | None, exchange: Path | None) -> None:
    package = course_files()
    source = package.joinpath("source")
    if not source.is_dir():
        raise CohortError(
            "This copy of coursekit has no course files (coursekit/course_files/source is missing). "
            "Reinstall coursekit, or in the project folder run `coursekit generate`."
        )
    syl = _syllabus.load()
    db_line = (f"c.CourseDirectory.db_url = {db_url!r}" if db_url
               else 'c.CourseDirectory.db_url = "sqlite:///" + os.path.join(here, "gradebook.db")')
    exchange_line = f"c.Exchange.root = {str(exchange)!r}" if exchange else "# c.Exchange.root is nbgrader's default"
    (build / CONFIG_FILE).write_text(CONFIG_TEMPLATE.format(
        name=name, course_id=course_id, db_line=db_line, exchange_line=exchange_line, ignore=COURSEKIT_FILES), "utf-8")
    boards = sorted({learner.board for learner in learners})
    created = _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat()
    lines = [
        "# This cohort, written by `coursekit cohort init`. The roster is roster.csv.",
        f"name = {json.dumps(name, ensure_ascii=False)}",
        f"course_id = {json.dumps(course_id)}",
        f"edition = {json.dumps(syl.edition, ensure_ascii=False)}",
        "# Empty db_url: the SQLite gradebook.db in this folder.",
        f"db_url = {json.dumps(db_url or '')}",
        f"exchange = {json.dumps(str(exchange) if exchange else '')}",
        f"created = {json.dumps(created)}",
        f"learners = {len(learners)}",
        f"boards = {json.dumps(boards, ensure_ascii=False)}",
    ]
    (build / COHORT_FILE).write_text("\n".join(lines) + "\n", "utf-8")
    (build / ROSTER_FILE).write_text(roster_csv(learners), "utf-8")
    (build / SYLLABUS_FILE).write_text(resources.files("coursekit").joinpath("content", "syllabus.toml").read_text("utf-8"), "utf-8")
    for kind in ("source", "notebooks"):
        folder = package.joinpath(kind)
        if folder.is_dir():
            shutil.copytree(Path(str(folder)), build / kind,
                            ignore=shutil.ignore_patterns(".ipynb_checkpoints", "*.answers.json", "__pycache__"))


def _add_learners(db_url: str, course_id: str, learners: list[Learner]) -> None:
    from nbgrader.api import Gradebook

    scripts_on_path()
    with Gradebook(db_url, course_id) as gb:
        for learner in learners:
            gb.update_or_create_student(learner.id, first_name=learner.first_name,
                                        last_name=learner.last_name, email=learner.email)


def init_cohort(root: str | os.PathLike, roster_csv_path: str | os.PathLike, *, db_url: str | None = None,
                exchange: str | os.PathLike | None = None, name: str | None = None) -> Cohort:
    """Make a cohort folder at ``root``. The roster is checked whole first; the folder is
    built beside ``root`` and renamed into place only when complete, so a failure leaves nothing."""
    root = Path(root).resolve()
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise CohortError(f"{root} already exists and is not empty. Choose a new folder for the cohort.")
    learners = read_roster(roster_csv_path)
    if db_url:
        _check_db_url(db_url)
    exchange_path = Path(exchange).resolve() if exchange else None
    name = name or root.name
    course_id = slug(name)
    root.parent.mkdir(parents=True, exist_ok=True)
    build = Path(tempfile.mkdtemp(prefix=f".{root.name}.building-", dir=root.parent))
    umask = os.umask(0)
    os.umask(umask)
    build.chmod(0o777 & ~umask)  # mkdtemp makes it private; a cohort folder is an ordinary folder
    try:
        _write_files(build, learners, name, course_id, db_url, exchange_path)
        # SQLite: the gradebook is built in the temporary folder and moves with it.
        _add_learners(db_url or default_db_url(build), course_id, learners)
        if root.exists():
            root.rmdir()  # empty, checked above
        os.replace(build, root)
    except BaseException:
        shutil.rmtree(build, ignore_errors=True)
        raise
    if exchange_path and not exchange_path.exists():
        exchange_path.mkdir(parents=True)
        exchange_path.chmod(0o777)  # as nbgrader makes it: every trainer and learner on the server uses it
    return Cohort.open(root)
