"""A cohort: one nbgrader course folder for one group of learners.

``init_cohort`` makes the folder from the course source (the graded notebooks with their
hidden tests, and the syllabus: a course folder like the project's ``course/``, found by
:func:`find_course`; never shipped in the learner's package), the lesson notebooks in the
package, and a checked roster, and adds every learner to nbgrader's gradebook.
``Cohort.open`` reads an existing one. Every other trainer's verb (release, collect, grade,
feedback) works on a :class:`Cohort`.

A cohort folder holds the keys, the gradebook and the roster, so it is the trainer's alone
(mode 0700, gradebook 0600), or shared with one assessors' group (setgid 2770, gradebook
0660). Its exchange folders are made with nbgrader's own modes (see :func:`make_exchange`).

Layout (an nbgrader course root)::

    nbgrader_config.py  cohort.toml  roster.csv  syllabus.toml
    source/<assignment>/   notebooks/   release/ submitted/ autograded/ feedback/ ...
"""

from __future__ import annotations

import datetime as _dt
import grp
import json
import os
import re
import shutil
import stat
import sys
import tempfile
import tomllib
import uuid
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from coursekit import syllabus as _syllabus
from coursekit.cohort import gradebook_db
from coursekit.cohort.roster import Learner, empty_rows_note, read_roster, roster_csv

COHORT_FILE = "cohort.toml"
ROSTER_FILE = "roster.csv"
SYLLABUS_FILE = "syllabus.toml"
CONFIG_FILE = "nbgrader_config.py"
#: A packs cohort's own exchange folder. nbgrader's Formgrader lists an assignment as released only
#: when it finds it in an exchange's outbound folder (and warns when there is no exchange at all), so
#: a cohort without a shared exchange points nbgrader's exchange here, and `release --packs` releases
#: each assignment here too, with nbgrader's own release. No learner fetches from it.
PACKS_EXCHANGE = "exchange"
#: Files coursekit writes beside graded work; nbgrader must never copy them on (to feedback).
COURSEKIT_FILES = ["*.coursekit-notes.json", "coursekit-graded.json"]

CONFIG_TEMPLATE = '''"""nbgrader settings for the cohort {name!r}, written by `coursekit cohort init`.

Every `nbgrader` and `coursekit` command run for this cohort uses it. coursekit's grading
plug-ins are switched on by `configure(c)`; everything else is nbgrader's own.
"""

import os

from coursekit.grading.plugins import configure

c = get_config()  # noqa: F821 - provided by nbgrader when it reads this file
here = os.path.dirname(os.path.abspath(__file__))

c.CourseDirectory.root = here
c.CourseDirectory.course_id = {course_id!r}
{db_line}
{exchange_line}
{shared_line}
configure(c)
c.CourseDirectory.ignore = list(c.CourseDirectory.ignore) + {ignore!r}
'''


class CohortError(ValueError):
    """A cohort folder cannot be made or read; the message says what to do."""


#: Names a course folder to make cohorts from, when ``--course`` is not given.
COURSE_ENV = "COURSEKIT_COURSE"
#: The course folder of the project checkout coursekit runs from, when it is an editable install
#: (``src/coursekit/cohort.py`` -> ``course/``). In an installed package there is none.
CHECKOUT_COURSE = Path(__file__).resolve().parents[3] / "course"

NO_COURSE = (
    "coursekit cannot find the course source (the graded notebooks with their answer keys). "
    "The answer keys are not shipped in the learner package, so a cohort is made from the course "
    "folder of the coursekit project: run this command from the project checkout (or a folder inside it), "
    "or give the course folder with --course COURSE_DIR (a copy of the project's course/ folder, holding "
    "source/ and syllabus.toml), or set the environment variable {env} to it. Nothing was made."
)


def course_files():
    """The learner's course files shipped in the package (``coursekit/course_files``): lessons and
    exercises only. The course source, with its keys, is never shipped: see :func:`find_course`."""
    return resources.files("coursekit").joinpath("course_files")


def is_project_course(folder: Path) -> bool:
    """A project checkout's ``course/`` folder: the nbgrader course with its source notebooks."""
    return (folder / "source").is_dir() and (folder / "nbgrader_config.py").is_file()


def _checked_course(folder: str | os.PathLike, named_by: str) -> Path:
    course = Path(folder).expanduser().resolve()
    missing = [name for name, present in (("source/", (course / "source").is_dir()),
                                          (SYLLABUS_FILE, (course / SYLLABUS_FILE).is_file())) if not present]
    if missing:
        raise CohortError(
            f"{course} (given {named_by}) is not a course folder: it has no {' or '.join(missing)}. "
            "Give the project's course/ folder, or a copy of it, which holds source/<assignment>/ and syllabus.toml. "
            "Nothing was made."
        )
    return course


def find_course(course: str | os.PathLike | None = None, *, start: Path | None = None) -> Path:
    """The course folder a cohort is made from (it holds ``source/`` and ``syllabus.toml``).

    In order: ``course`` (``--course``); the environment variable ``COURSEKIT_COURSE``; the
    ``course/`` folder of the project checkout coursekit runs from (an editable install); a
    ``course/`` folder in ``start`` (the current folder) or above it. The answer keys are never
    in the installed package, so without any of these a :class:`CohortError` says what to pass.
    """
    if course:
        return _checked_course(course, "with --course")
    if os.environ.get(COURSE_ENV):
        return _checked_course(os.environ[COURSE_ENV], f"by the environment variable {COURSE_ENV}")
    if is_project_course(CHECKOUT_COURSE):
        return CHECKOUT_COURSE
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if is_project_course(folder / "course"):
            return folder / "course"
    raise CohortError(NO_COURSE.format(env=COURSE_ENV))


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "cohort"


def scripts_on_path() -> None:
    """nbgrader runs helper programs (``alembic``) by name, even in-process: make sure this
    Python's scripts folder is on PATH, as :func:`coursekit.cohort.nbgrader_run.nbgrader_env` does."""
    scripts = str(Path(sys.executable).parent)
    if scripts not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = scripts + os.pathsep + os.environ.get("PATH", "")


def default_db_url(root: Path) -> str:
    return f"sqlite:///{Path(root).resolve() / 'gradebook.db'}"


def find_cohort(start: str | os.PathLike = ".") -> Path | None:
    """The cohort folder at or above ``start`` (the first holding cohort.toml), as git finds its folder; or None."""
    here = Path(start).resolve()
    for folder in (here, *here.parents):
        try:
            if (folder / COHORT_FILE).is_file():
                return folder
        except OSError:  # a folder above that this user may not look into
            return None
    return None


def _cohort_key(where: Path, data: dict) -> str:
    """The key the cohort records as its gradebook's owner; a cohort made before keys were recorded gets one now."""
    if data.get("gradebook_key"):
        return str(data["gradebook_key"])
    key = uuid.uuid4().hex
    try:
        with where.open("a", encoding="utf-8") as out:
            out.write(f"# Recorded in the gradebook as its owner: no other cohort may use that gradebook.\n"
                      f"gradebook_key = {json.dumps(key)}\n")
    except OSError as err:
        raise CohortError(f"{where} needs one line added by this copy of coursekit, but it cannot be written "
                          f"({err.strerror or err}). Ask the cohort's owner to run any coursekit command in the "
                          "cohort folder once, then try again.") from None
    return key


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
    gradebook_key: str = ""
    _api: object = field(default=None, repr=False, compare=False)
    _owned: bool = field(default=False, repr=False, compare=False)

    @classmethod
    def open(cls, start: str | os.PathLike = ".") -> "Cohort":
        """The cohort in the folder ``start``, or in the nearest folder above it that is a cohort."""
        root = find_cohort(start)
        if root is None:
            raise CohortError(
                f"{Path(start).resolve()} is not a cohort folder, nor inside one (no {COHORT_FILE} there or in any "
                "folder above). Run the command from the cohort folder, or pass --cohort DIR. To make a cohort: "
                "`coursekit cohort init DIR --roster roster.csv`."
            )
        where = root / COHORT_FILE
        try:
            data = tomllib.loads(where.read_text("utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
            raise CohortError(f"{where} cannot be read ({err}). Restore it from a backup.") from None
        db_url = data.get("db_url") or default_db_url(root)
        exchange = Path(data["exchange"]) if data.get("exchange") else None
        cohort = cls(root, data["name"], data["course_id"], db_url, exchange, data.get("edition", ""),
                     data.get("created", ""), read_roster(root / ROSTER_FILE), _syllabus.read(root / SYLLABUS_FILE),
                     _cohort_key(where, data))
        if cohort.group_id is not None:
            os.umask(SHARED_UMASK)  # what this process makes in a shared cohort stays group-writable
        return cohort

    @property
    def group_id(self) -> int | None:
        """The assessors' group the cohort is shared with (its folder is setgid), or None."""
        info = self.root.stat()
        return info.st_gid if info.st_mode & stat.S_ISGID else None

    @property
    def packs_exchange(self) -> Path | None:
        """The cohort's own exchange folder (see :data:`PACKS_EXCHANGE`), when nbgrader's settings
        point there; None in a cohort with a shared exchange, or one made before it existed."""
        folder = self.root / PACKS_EXCHANGE
        if self.exchange is not None or not folder.is_dir():
            return None
        config = self.nbgrader_config()
        root = config.Exchange.root if "root" in config.Exchange else None
        return folder if isinstance(root, str) and Path(root).resolve() == folder.resolve() else None

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

    def own_gradebook(self) -> None:
        """Check, once, that the gradebook can be opened and is this cohort's (see :mod:`gradebook_db`),
        recording it as this cohort's if no cohort has claimed it yet."""
        if self._owned:
            return
        from nbgrader.api import Gradebook

        scripts_on_path()
        gradebook_db.check_owner(self.db_url, self.gradebook_key, self.course_id)
        with Gradebook(self.db_url, self.course_id):  # nbgrader's tables first: see gradebook_db
            pass
        gradebook_db.record_owner(self.db_url, self.gradebook_key, self.course_id, self.name, str(self.root))
        self._owned = True

    def gradebook(self):
        """nbgrader's gradebook for this cohort (use as a context manager)."""
        from nbgrader.api import Gradebook

        self.own_gradebook()
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

            self.own_gradebook()
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


#: Never copied from the course source into a cohort: scratch files and anyone's saved answers.
_NOT_COPIED = (".ipynb_checkpoints", "*.answers.json", "*.unreadable-*.json", ".*.tmp", "__pycache__")


def _write_files(build: Path, learners: list[Learner], name: str, course_id: str, db_url: str | None,
                 exchange: Path | None, course: Path, shared: bool = False, key: str = "") -> None:
    try:
        syl = _syllabus.read(course / SYLLABUS_FILE)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, _syllabus.SyllabusError) as err:
        raise CohortError(f"{course / SYLLABUS_FILE} cannot be read ({err}). Restore it from the project. "
                          "Nothing was made.") from None
    db_line = (f"c.CourseDirectory.db_url = {db_url!r}" if db_url
               else 'c.CourseDirectory.db_url = "sqlite:///" + os.path.join(here, "gradebook.db")')
    exchange_line = (f"c.Exchange.root = {str(exchange)!r}" if exchange else
                     "# Packs: the cohort's own exchange, where `release --packs` records releases for Formgrader.\n"
                     f"c.Exchange.root = os.path.join(here, {PACKS_EXCHANGE!r})")
    shared_line = ("# Shared with the assessors' group: nbgrader makes its files group-writable (g+ws).\n"
                   "c.CourseDirectory.groupshared = True") if shared else "# Not shared: the trainer's account only."
    (build / CONFIG_FILE).write_text(CONFIG_TEMPLATE.format(
        name=name, course_id=course_id, db_line=db_line, exchange_line=exchange_line, shared_line=shared_line,
        ignore=COURSEKIT_FILES), "utf-8")
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
        "# Recorded in the gradebook as its owner: no other cohort may use that gradebook.",
        f"gradebook_key = {json.dumps(key)}",
        f"learners = {len(learners)}",
        f"boards = {json.dumps(boards, ensure_ascii=False)}",
    ]
    (build / COHORT_FILE).write_text("\n".join(lines) + "\n", "utf-8")
    (build / ROSTER_FILE).write_text(roster_csv(learners), "utf-8")
    shutil.copyfile(course / SYLLABUS_FILE, build / SYLLABUS_FILE)
    if not exchange:
        (build / PACKS_EXCHANGE).mkdir()
    shutil.copytree(course / "source", build / "source", ignore=shutil.ignore_patterns(*_NOT_COPIED))
    lessons = course_files().joinpath("notebooks")
    if lessons.is_dir():
        with resources.as_file(lessons) as folder:
            shutil.copytree(folder, build / "notebooks", ignore=shutil.ignore_patterns(*_NOT_COPIED))


def _add_learners(db_url: str, course_id: str, learners: list[Learner], key: str, name: str, folder: Path) -> None:
    from nbgrader.api import Gradebook

    scripts_on_path()
    with Gradebook(db_url, course_id) as gb:
        for learner in learners:
            gb.update_or_create_student(learner.id, first_name=learner.first_name,
                                        last_name=learner.last_name, email=learner.email)
    gradebook_db.record_owner(db_url, key, course_id, name, str(folder))


# -- who may read a cohort, and its exchange folders -----------------------------------------

#: The cohort folder holds the answer keys, the gradebook and the roster: the trainer's alone.
PRIVATE_ROOT, PRIVATE_FILE = 0o700, 0o600
#: With an assessors' group (``--group``), the group may read and write: assessors record marks and
#: comments in the gradebook through formgrader (SQLite also writes its journal beside the gradebook,
#: so the folder must be writable too), and run `coursekit grade`, `feedback`, `moderate`, `export`
#: and `report`, which write in the cohort folder. setgid keeps every later file in the group;
#: nbgrader's own ``groupshared`` setting and a umask of 007 (see :meth:`Cohort.open`) keep them
#: group-writable. Nobody else may read anything.
GROUP_FOLDER, GROUP_FILE = 0o2770, 0o660
SHARED_UMASK = 0o007
#: The exchange root: nbgrader makes it 0777 (every learner's server writes in it); the sticky bit
#: (as on /tmp) adds that nobody can rename or remove another user's folder in it. nbgrader checks
#: only the 0777 bits, so it keeps the sticky bit.
EXCHANGE_ROOT_MODE = 0o1777
#: A course's exchange folders, with nbgrader's own modes (nbgrader/exchange/default/
#: release_assignment.py and release_feedback.py): the course folder and outbound 0755; inbound
#: 0733 with setgid, so a learner can add a submission but not list or read anyone's; feedback
#: 0711, so a learner can fetch only the page whose hashed name they know.
EXCHANGE_MODES = {".": 0o755, "outbound": 0o755, "inbound": 0o2733, "feedback": 0o711}
#: The same with nbgrader's ``groupshared`` (a cohort with an assessors' group, which owns them):
#: the group may also write, and read inbound.
SHARED_EXCHANGE_MODES = {".": 0o2775, "outbound": 0o2775, "inbound": 0o2773, "feedback": 0o2771}


def group_id(group: str) -> int:
    """The id of the unix group ``group``, which this user must belong to (or be root)."""
    try:
        gid = grp.getgrnam(group).gr_gid
    except KeyError:
        raise CohortError(
            f"There is no unix group called {group!r} on this server. Ask the server's administrator to make "
            f"the assessors' group (`groupadd {group}`) and add you and each assessor to it, then run this "
            "command again. Nothing was made."
        ) from None
    if os.geteuid() != 0 and gid != os.getegid() and gid not in os.getgroups():
        raise CohortError(
            f"You are not a member of the group {group!r}, so you cannot share a cohort with it. Ask the "
            f"server's administrator to add you (`usermod -aG {group} {_user_name(os.geteuid())}`), log in again, "
            "then run this command again. Nothing was made."
        )
    return gid


def _user_name(uid: int) -> str:
    import pwd

    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)


def protect(root: Path, gid: int | None = None) -> None:
    """Make a cohort folder readable by the trainer only, or also by the assessors' group ``gid``."""
    gradebook = root / "gradebook.db"
    if gid is None:
        root.chmod(PRIVATE_ROOT)
        for private in (gradebook, root / ROSTER_FILE):
            if private.is_file():
                private.chmod(PRIVATE_FILE)
        return
    for path in [root, *sorted(root.rglob("*"))]:
        if path.is_symlink():
            continue
        os.chown(path, -1, gid)
        path.chmod(GROUP_FOLDER if path.is_dir() else GROUP_FILE)


def _exchange_folders(exchange: Path, course_id: str, shared: bool = False) -> list[tuple[Path, int]]:
    return [((exchange / course_id / sub) if sub != "." else exchange / course_id, mode)
            for sub, mode in (SHARED_EXCHANGE_MODES if shared else EXCHANGE_MODES).items()]


def check_exchange_folders(exchange: Path, course_id: str, gid: int | None = None) -> None:
    """Refuse a course folder in the exchange that is not a plain folder of this user's (or, in a
    cohort shared with the assessors' group ``gid``, of that group's: no learner can give a folder it)."""
    for folder, _ in _exchange_folders(exchange, course_id):
        if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
            raise CohortError(f"{folder} is not a folder. Ask the server's administrator to remove it, "
                              "then run this command again. Nothing was made.")
        if folder.is_dir() and folder.stat().st_uid != os.geteuid() and (gid is None or folder.stat().st_gid != gid):
            raise CohortError(
                f"The exchange folder {folder} belongs to another user ({_user_name(folder.stat().st_uid)}), "
                "so learners' work sent there could not be trusted. Ask the server's administrator to remove it, "
                "or give the cohort another --name, then run this command again. Nothing was made."
            )


def make_exchange(exchange: Path, course_id: str, gid: int | None = None) -> None:
    """Make the exchange root (if missing) and this course's folders in it, with nbgrader's modes
    (its ``groupshared`` modes, in the assessors' group ``gid``, when one is given)."""
    if not exchange.exists():
        exchange.mkdir(parents=True)
        exchange.chmod(EXCHANGE_ROOT_MODE)
    check_exchange_folders(exchange, course_id, gid)
    for folder, mode in _exchange_folders(exchange, course_id, shared=gid is not None):
        if not folder.is_dir():
            folder.mkdir()
        if folder.stat().st_uid != os.geteuid():
            continue  # a colleague's in the assessors' group: they set its modes
        if gid is not None and folder.stat().st_gid != gid:
            os.chown(folder, -1, gid)
        if stat.S_IMODE(folder.stat().st_mode) != mode:
            folder.chmod(mode)  # mkdir cannot make some modes, such as 0733, through the umask


def init_cohort(root: str | os.PathLike, roster_csv_path: str | os.PathLike, *, db_url: str | None = None,
                exchange: str | os.PathLike | None = None, name: str | None = None,
                course: str | os.PathLike | None = None, group: str | None = None,
                notes: list[str] | None = None) -> Cohort:
    """Make a cohort folder at ``root`` from the course folder ``course`` (see :func:`find_course`).
    Anything the trainer should know (such as empty rows skipped in the roster) is added to ``notes``.

    The roster is checked whole first; the folder is built beside ``root`` and renamed into place
    only when complete, so a failure leaves nothing. The folder is the trainer's alone, or shared
    with the assessors' unix ``group``; see :func:`protect`."""
    root = Path(root).resolve()
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise CohortError(f"{root} already exists and is not empty. Choose a new folder for the cohort.")
    empty_lines: list[int] = []
    learners = read_roster(roster_csv_path, empty_lines)
    if db_url:
        _check_db_url(db_url)
    course_dir = find_course(course)
    gid = group_id(group) if group else None
    exchange_path = Path(exchange).resolve() if exchange else None
    name = name or root.name
    course_id = slug(name)
    if exchange_path:
        check_exchange_folders(exchange_path, course_id, gid)
    key = uuid.uuid4().hex
    if db_url:  # an empty database that no cohort and no other nbgrader course uses
        gradebook_db.check_owner(db_url, key, course_id, new=True)
    root.parent.mkdir(parents=True, exist_ok=True)
    build = Path(tempfile.mkdtemp(prefix=f".{root.name}.building-", dir=root.parent))  # mode 0700
    try:
        _write_files(build, learners, name, course_id, db_url, exchange_path, course_dir, shared=gid is not None,
                     key=key)
        # SQLite: the gradebook is built in the temporary folder and moves with it.
        _add_learners(db_url or default_db_url(build), course_id, learners, key, name, root)
        protect(build, gid)
        if exchange_path:
            make_exchange(exchange_path, course_id, gid)
        if root.exists():
            root.rmdir()  # empty, checked above
        os.replace(build, root)
    except BaseException:
        shutil.rmtree(build, ignore_errors=True)
        raise
    if notes is not None and empty_lines:
        notes.append(empty_rows_note(roster_csv_path, empty_lines))
    return Cohort.open(root)
