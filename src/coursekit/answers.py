"""The answers store: a learner's answers, saved as data beside the notebook.

Each notebook has one answers file, ``<notebook>.answers.json``, in the same folder.
It holds plain data (choices, dates, short texts), never code. Writes are atomic:
the new content goes to a temporary file in the same folder, is flushed to disk,
then replaces the old file in one step, so a crash never leaves half a file.

Reading never raises for a bad file. A missing file means "nothing answered yet".
A corrupt, hand-edited, oversized or too deeply nested file gives a plain-English
problem that names the file and says what to do.

Two kernels or two browser tabs may save the same answers file. Each save re-reads
the file and merges it under an exclusive lock on the file's folder, so no answer is
lost: the newest save of a question wins, and answers found only in the file are
kept. Temporary files left by an interrupted save are removed on the next load or save.
Only the standard library is used here.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import errno
import json
import os
import re
import shutil
import stat
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

try:  # POSIX only; where it is missing (Windows, a browser-only Python), saves take no lock.
    import fcntl
except ImportError:  # pragma: no cover - exercised only where fcntl is absent
    fcntl = None  # type: ignore[assignment]

FORMAT_NAME = "coursekit-answers"
FORMAT_VERSION = 1
SUFFIX = ".answers.json"

#: An answers file larger than this is not read (a real one is a few kilobytes).
MAX_FILE_BYTES = 512 * 1024
#: The longest text answer kept, in characters (about 1,500 words).
MAX_TEXT_CHARS = 10_000
#: The deepest nesting of lists and mappings read (a real answers file nests about 7 deep).
#: Deeper files are refused before parsing, so they can never exhaust the stack.
MAX_DEPTH = 32
#: How long a save waits for another save of the same folder to finish, in seconds.
LOCK_WAIT_SECONDS = 10.0
#: A temporary file of an interrupted save is removed once it is this old, in seconds:
#: soon when this process holds the folder's lock (no other saver can be writing it) ...
STALE_TEMP_LOCKED_SECONDS = 60
#: ... and only after a long while when no lock could be taken.
STALE_TEMP_UNLOCKED_SECONDS = 600


def answers_path(folder: str | os.PathLike, notebook: str) -> Path:
    """Where the answers for ``notebook`` (a name without ``.ipynb``) are kept."""
    return Path(folder) / f"{notebook}{SUFFIX}"


def in_course_source(folder: str | os.PathLike) -> bool:
    """True inside ``<course>/source/<assignment>``: nbgrader copies every file there over
    each learner's submission before grading, so an answers file must never be saved there."""
    folder = Path(folder).resolve()
    return folder.parent.name == "source" and (folder.parent.parent / "nbgrader_config.py").is_file()


def now_iso() -> str:
    return _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat()


class NotSaved(ValueError):
    """An answer could not be written to disk; the message says why in plain words."""


@dataclass(frozen=True)
class Answer:
    """One saved answer: the value the learner gave and when they gave it."""

    value: Any
    saved_at: str


@dataclass
class ReadResult:
    """What reading an answers file found."""

    answers: dict[str, Answer] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    exists: bool = False
    notebook: str = ""  # the notebook the file says it belongs to ("" when it does not say)

    @property
    def readable(self) -> bool:
        return not self.problems


def _valid_value(value: Any, depth: int = 0) -> bool:
    """Answers are plain data: text, numbers, true/false, lists and small mappings."""
    if depth > 3:
        return False
    if value is None or isinstance(value, (bool, int, float)):
        return True
    if isinstance(value, str):
        return len(value) <= MAX_TEXT_CHARS
    if isinstance(value, list):
        return len(value) <= 100 and all(_valid_value(v, depth + 1) for v in value)
    if isinstance(value, dict):
        return len(value) <= 50 and all(
            isinstance(k, str) and _valid_value(v, depth + 1) for k, v in value.items()
        )
    return False


_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_A_BRACKET = re.compile(r"[^\[\]{}]+")


def json_depth(text: str) -> int:
    """How deeply the lists and mappings in JSON ``text`` nest, without parsing it.

    Brackets inside strings do not count. Cheap (two regular expressions and a loop over
    the brackets alone), and never recursive, so any text can be measured safely.
    """
    brackets = _NOT_A_BRACKET.sub("", _JSON_STRING.sub("", text))
    depth = deepest = 0
    for char in brackets:
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth = max(depth - 1, 0)
    return deepest


def read_answers(path: str | os.PathLike) -> ReadResult:
    """Read an answers file as data. Never raises; problems are returned as messages."""
    path = Path(path)
    if not path.exists():
        return ReadResult()
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return _too_big(path.name, size)
        data = path.read_bytes()
    except OSError as err:
        return _unreadable(path.name, err)
    return parse_answers(data, path.name)


def _too_big(name: str, size: int) -> ReadResult:
    return ReadResult(exists=True, problems=[
        f"The answers file {name} is {size:,} bytes, larger than the "
        f"{MAX_FILE_BYTES:,} bytes an answers file can be. It was not read. "
        "Answer the questions again in the notebook, or ask your trainer for help."])


def _unreadable(name: str, err: Exception) -> ReadResult:
    return ReadResult(exists=True, problems=[
        f"The answers file {name} could not be read ({_short(err)}). "
        "It may have been damaged or edited by hand. "
        "Answer the questions again in the notebook, or ask your trainer for help."])


def parse_answers(data: bytes, name: str) -> ReadResult:
    """Read the bytes of an answers file called ``name`` as data, as :func:`read_answers` reads a file.
    Never raises; problems are returned as messages that name the file."""
    if len(data) > MAX_FILE_BYTES:
        return _too_big(name, len(data))
    result = ReadResult(exists=True)
    try:
        text = data.decode("utf-8")
        if json_depth(text) > MAX_DEPTH:
            result.problems.append(
                f"The answers file {name} is not laid out the way coursekit saves answers, "
                "so it was not read. It may have been damaged or edited by hand. "
                "Answer the questions again in the notebook, or ask your trainer for help."
            )
            return result
        parsed = json.loads(text)
    except (UnicodeDecodeError, ValueError, RecursionError) as err:
        return _unreadable(name, err)

    if not isinstance(parsed, dict) or parsed.get("format") != FORMAT_NAME:
        result.problems.append(
            f"The answers file {name} is not a coursekit answers file. "
            "Answer the questions again in the notebook, or ask your trainer for help."
        )
        return result
    entries = parsed.get("answers")
    if not isinstance(entries, dict):
        result.problems.append(
            f"The answers file {name} has no list of answers in it. "
            "Answer the questions again in the notebook."
        )
        return result
    notebook = parsed.get("notebook")
    result.notebook = notebook if isinstance(notebook, str) else ""

    for qid, entry in entries.items():
        if (
            not isinstance(qid, str)
            or not isinstance(entry, dict)
            or "value" not in entry
            or not _valid_value(entry["value"])
        ):
            result.problems.append(
                f"The answer to '{qid}' in {name} is not in a form coursekit can read, "
                "so it was left out. Answer that question again in the notebook."
            )
            continue
        saved_at = entry.get("saved_at")
        result.answers[qid] = Answer(entry["value"], saved_at if isinstance(saved_at, str) else "")
    return result


def _short(err: Exception) -> str:
    text = str(err).strip() or type(err).__name__
    return text if len(text) <= 120 else text[:117] + "..."


def write_answers(path: str | os.PathLike, notebook: str, answers: dict[str, Answer]) -> None:
    """Write all answers atomically: a crash leaves either the old file or the new one."""
    path = Path(path)
    payload = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "notebook": notebook,
        "answers": {
            qid: {"value": a.value, "saved_at": a.saved_at} for qid, a in sorted(answers.items())
        },
    }
    text = json.dumps(payload, indent=1, ensure_ascii=False, sort_keys=False) + "\n"
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _saved_when(saved_at: str) -> _dt.datetime:
    """When an answer was saved, for deciding which of two saves is newer.

    Anything unreadable, or later than a day from now (a clock far ahead, or a file edited
    by hand), counts as the oldest possible time, so it never outranks a genuine save."""
    oldest = _dt.datetime.min.replace(tzinfo=_dt.timezone.utc)
    try:
        when = _dt.datetime.fromisoformat(saved_at) if isinstance(saved_at, str) and saved_at else None
        if when is None:
            return oldest
        when = when.replace(tzinfo=_dt.timezone.utc) if when.tzinfo is None else when.astimezone(_dt.timezone.utc)
        latest = _dt.datetime.now(_dt.timezone.utc) + _dt.timedelta(days=1)
    except (ValueError, OverflowError):
        return oldest
    return oldest if when > latest else when


@contextlib.contextmanager
def folder_lock(folder: str | os.PathLike, wait: float | None = None) -> Iterator[bool]:
    """Hold an exclusive lock on ``folder`` while answers files in it are read and replaced.

    The lock is taken on the folder itself (``flock`` on a descriptor of the folder), so no
    lock file is left to travel with a submission, and it is released when the process ends,
    however it ends. Yields ``True`` while the lock is held and ``False`` where no lock can be
    taken (no ``fcntl`` or no ``flock``, as in the browser, or a file system without locks): the caller then goes on unlocked.
    Raises :class:`TimeoutError` when another process holds the lock for ``wait`` seconds.
    """
    if fcntl is None or not hasattr(fcntl, "flock"):  # Pyodide's fcntl has no flock: one tab, one process
        yield False
        return
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        yield False
        return
    try:
        wait = LOCK_WAIT_SECONDS if wait is None else wait
        deadline = time.monotonic() + wait
        pause = 0.002
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                locked = True
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise TimeoutError(
                        errno.ETIMEDOUT,
                        f"another save in this folder had not finished after {wait:g} seconds",
                    ) from None
                time.sleep(pause)
                pause = min(pause * 2, 0.05)
            except OSError:
                locked = False  # this file system has no locks: go on without one
                break
        yield locked
    finally:
        os.close(fd)  # closing the descriptor releases the lock


class AnswerStore:
    """The answers of one notebook, loaded once and saved on every change.

    A file that cannot be read in full is copied to ``<name>.unreadable-<time>.json``
    before anything new is saved, so nothing the learner gave is lost; the answers
    that could be read are kept, and the reason is kept in :attr:`problems` for the
    notebook to show.

    Every save re-reads the file under the folder's lock and merges it first, so a second
    kernel or browser tab saving the same file loses nothing: for each question the newest
    save wins, and answers only in the file are kept.
    """

    def __init__(self, notebook: str, folder: str | os.PathLike = "."):
        self.notebook = notebook
        self.path = answers_path(folder, notebook)
        self.problems: list[str] = []
        self._answers: dict[str, Answer] = {}
        self._kept_aside: tuple[int, ...] | None = None  # which unreadable file was last copied aside
        self.persist = not in_course_source(folder)
        if self.persist:
            self._load()
        else:
            self.problems.append(
                "This is the course's source copy of the exercise, so answers given here are not saved: "
                "nbgrader would copy them over every learner's work. Try the exercise in exercises/ instead."
            )

    def _load(self) -> None:
        try:
            with folder_lock(self.path.parent) as locked:
                self._load_now(locked)
        except TimeoutError:
            self._load_now(False)  # reading is safe unlocked: every write replaces the file whole

    def _load_now(self, locked: bool) -> None:
        self.remove_stale_temp_files(locked)
        found = read_answers(self.path)
        self._answers = dict(found.answers)
        self.problems = list(found.problems)
        if found.problems and found.exists:
            self._keep_aside(
                "A copy of the file as it was is kept as {aside}, so nothing is lost. "
                "New answers are saved to a fresh file."
            )

    def _fingerprint(self) -> tuple[int, ...] | None:
        try:
            info = os.stat(self.path)
        except OSError:
            return None
        return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)

    def _keep_aside(self, message: str) -> None:
        """Copy the unreadable file on disk aside, once for each version of it."""
        seen = self._fingerprint()
        if seen is not None and seen == self._kept_aside:
            return  # this very file was copied aside already
        stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        base = f"{self.path.name[: -len('.json')]}.unreadable-{stamp}"
        aside = self.path.with_name(f"{base}.json")
        number = 1
        while os.path.lexists(aside):
            number += 1
            aside = self.path.with_name(f"{base}-{number}.json")
        try:
            shutil.copy2(self.path, aside)
        except OSError:
            self.problems.append(
                f"coursekit could not keep a copy of {self.path.name}. "
                "Copy it somewhere safe before you answer again."
            )
            return
        self._kept_aside = seen
        self.problems.append(message.replace("{aside}", aside.name))

    def remove_stale_temp_files(self, locked: bool = False) -> list[str]:
        """Remove this store's temporary files left by a save that was interrupted (``kill -9``).

        Only files named as :func:`write_answers` names them, for this answers file, are
        removed, and only once they are old enough that no save can still be writing them.
        Returns the names removed.
        """
        age = STALE_TEMP_LOCKED_SECONDS if locked else STALE_TEMP_UNLOCKED_SECONDS
        own = re.compile(rf"\.{re.escape(self.path.name)}\.[A-Za-z0-9_]+\.tmp")
        removed: list[str] = []
        now = time.time()
        try:
            entries = list(os.scandir(self.path.parent))
        except OSError:
            return removed
        for entry in entries:
            if not own.fullmatch(entry.name):
                continue
            try:
                info = entry.stat(follow_symlinks=False)
                if stat.S_ISREG(info.st_mode) and now - info.st_mtime >= age:
                    os.unlink(entry.path)
                    removed.append(entry.name)
            except OSError:
                continue
        return removed

    def _merge_from_disk(self) -> None:
        """Take in what other kernels or tabs saved since this store last read the file."""
        found = read_answers(self.path)
        if found.problems and found.exists:
            self._keep_aside(
                f"{self.path.name} changed since it was opened and could not be read in full. "
                "A copy of it as it was is kept as {aside}, so nothing is lost."
            )
        for qid, theirs in found.answers.items():
            ours = self._answers.get(qid)
            if ours is None or not _saved_when(ours.saved_at) > _saved_when(theirs.saved_at):
                self._answers[qid] = theirs  # the file's answer is as new or newer

    def get(self, qid: str) -> Answer | None:
        return self._answers.get(qid)

    def value(self, qid: str, default: Any = None) -> Any:
        answer = self._answers.get(qid)
        return default if answer is None else answer.value

    def save(self, qid: str, value: Any) -> Answer:
        if isinstance(value, str) and len(value) > MAX_TEXT_CHARS:
            raise ValueError(
                f"That answer is {len(value):,} characters long. "
                f"Please keep it under {MAX_TEXT_CHARS:,} characters."
            )
        if not _valid_value(value):
            raise ValueError("coursekit can only save choices, dates, numbers and short texts.")
        if not self.persist:
            answer = self._answers[qid] = Answer(value, now_iso())
            return answer
        try:
            with folder_lock(self.path.parent) as locked:
                self.remove_stale_temp_files(locked)
                self._merge_from_disk()
                answer = Answer(value, now_iso())  # timed inside the lock: saves are ordered
                previous = self._answers.get(qid)
                self._answers[qid] = answer
                try:
                    write_answers(self.path, self.notebook, self._answers)
                except BaseException:
                    if previous is None:
                        del self._answers[qid]
                    else:
                        self._answers[qid] = previous
                    raise
        except OSError as err:
            raise NotSaved(
                f"Your answer could not be saved to {self.path.name} ({err.strerror or err}). "
                "Check you can save files in this folder, or ask your trainer for help."
            ) from err
        return answer

    def answered(self) -> set[str]:
        return set(self._answers)

    def __contains__(self, qid: str) -> bool:
        return qid in self._answers
