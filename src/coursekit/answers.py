"""The answers store: a learner's answers, saved as data beside the notebook.

Each notebook has one answers file, ``<notebook>.answers.json``, in the same folder.
It holds plain data (choices, dates, short texts), never code. Writes are atomic:
the new content goes to a temporary file in the same folder, is flushed to disk,
then replaces the old file in one step, so a crash never leaves half a file.

Reading never raises for a bad file. A missing file means "nothing answered yet".
A corrupt, hand-edited or oversized file gives a plain-English problem that names
the file and says what to do.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FORMAT_NAME = "coursekit-answers"
FORMAT_VERSION = 1
SUFFIX = ".answers.json"

#: An answers file larger than this is not read (a real one is a few kilobytes).
MAX_FILE_BYTES = 512 * 1024
#: The longest text answer kept, in characters (about 1,500 words).
MAX_TEXT_CHARS = 10_000


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


def read_answers(path: str | os.PathLike) -> ReadResult:
    """Read an answers file as data. Never raises; problems are returned as messages."""
    path = Path(path)
    result = ReadResult()
    if not path.exists():
        return result
    result.exists = True
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            result.problems.append(
                f"The answers file {path.name} is {size:,} bytes, larger than the "
                f"{MAX_FILE_BYTES:,} bytes an answers file can be. It was not read. "
                "Answer the questions again in the notebook, or ask your trainer for help."
            )
            return result
        raw = path.read_bytes()
        data = json.loads(raw.decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as err:
        result.problems.append(
            f"The answers file {path.name} could not be read ({_short(err)}). "
            "It may have been damaged or edited by hand. "
            "Answer the questions again in the notebook, or ask your trainer for help."
        )
        return result

    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        result.problems.append(
            f"The answers file {path.name} is not a coursekit answers file. "
            "Answer the questions again in the notebook, or ask your trainer for help."
        )
        return result
    entries = data.get("answers")
    if not isinstance(entries, dict):
        result.problems.append(
            f"The answers file {path.name} has no list of answers in it. "
            "Answer the questions again in the notebook."
        )
        return result

    for qid, entry in entries.items():
        if (
            not isinstance(qid, str)
            or not isinstance(entry, dict)
            or "value" not in entry
            or not _valid_value(entry["value"])
        ):
            result.problems.append(
                f"The answer to '{qid}' in {path.name} is not in a form coursekit can read, "
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


class AnswerStore:
    """The answers of one notebook, loaded once and saved on every change.

    A file that cannot be read in full is copied to ``<name>.unreadable-<time>.json``
    before anything new is saved, so nothing the learner gave is lost; the answers
    that could be read are kept, and the reason is kept in :attr:`problems` for the
    notebook to show.
    """

    def __init__(self, notebook: str, folder: str | os.PathLike = "."):
        self.notebook = notebook
        self.path = answers_path(folder, notebook)
        self.problems: list[str] = []
        self._answers: dict[str, Answer] = {}
        self.persist = not in_course_source(folder)
        if self.persist:
            self._load()
        else:
            self.problems.append(
                "This is the course's source copy of the exercise, so answers given here are not saved: "
                "nbgrader would copy them over every learner's work. Try the exercise in exercises/ instead."
            )

    def _load(self) -> None:
        found = read_answers(self.path)
        self._answers = dict(found.answers)
        self.problems = list(found.problems)
        if found.problems and found.exists:
            stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
            aside = self.path.with_name(f"{self.path.name[: -len('.json')]}.unreadable-{stamp}.json")
            try:
                shutil.copy2(self.path, aside)
                self.problems.append(
                    f"A copy of the file as it was is kept as {aside.name}, so nothing is lost. "
                    "New answers are saved to a fresh file."
                )
            except OSError:
                self.problems.append(
                    f"coursekit could not keep a copy of {self.path.name}. "
                    "Copy it somewhere safe before you answer again."
                )

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
        answer = Answer(value, now_iso())
        previous = self._answers.get(qid)
        self._answers[qid] = answer
        if self.persist:
            try:
                write_answers(self.path, self.notebook, self._answers)
            except OSError as err:
                if previous is None:
                    del self._answers[qid]
                else:
                    self._answers[qid] = previous
                raise NotSaved(
                    f"Your answer could not be saved to {self.path.name} ({err.strerror or err}). "
                    "Check you can save files in this folder, or ask your trainer for help."
                ) from err
        return answer

    def answered(self) -> set[str]:
        return set(self._answers)

    def __contains__(self, qid: str) -> bool:
        return qid in self._answers
