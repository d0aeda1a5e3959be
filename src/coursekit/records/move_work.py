"""Moving a learner's work to another device: one zip of all their work, and restoring it there.

**All my work** is one zip (``all_my_work_<date>.zip``) of every answers file the learner has in this
course (each lesson's quiz, each exercise, and ``your_name.answers.json``), with the copies the course
keeps for them (their plan, their record of completion, answers files kept aside) and a README that says
what each file is. It is the learner's own: the per-exercise zips their trainer collects
(:mod:`coursekit.records.return_work`) are made as before and are never changed by it.

**Restoring** takes that zip, or a per-exercise zip, as untrusted data. A zip is refused whole, and
nothing changes, when it is too big, holds too many files, holds a link, a special file, a nested zip,
a password-protected entry or a name that points outside the zip, holds two copies of one answers file,
an answers file that this course does not have, an answers file its own loader cannot read in full, or
answers to questions its notebook does not ask (a zip of another course). Only this course's answers
files are taken, each by its base name, and each goes to its own slot in the learner's course home: no
path in the zip is ever used as a path. Before an answer that differs is replaced, the answers file as it
was is kept beside it as ``<notebook>.answers.before-restore-<time>.json``. Standard library only.
"""

from __future__ import annotations

import datetime as _dt
import io
import json
import os
import shutil
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from coursekit import syllabus
from coursekit.answers import (MAX_FILE_BYTES, Answer, answers_path, folder_lock, parse_answers, read_answers,
                               write_answers)
from coursekit.questions.bank import load_bank
from coursekit.records import completion, learner_name, plan
from coursekit.records.learner_files import CourseHome
from coursekit.records.zip_entries import unsafe_entry

#: The zip's own description of itself, and its README.
MANIFEST, README = "coursekit_all_my_work.json", "README.txt"
FORMAT = "coursekit-all-my-work"
#: A zip to restore: at most this big, this many entries (as a returned exercise may hold), and this much
#: unpacked. Real ones are a few hundred KB (answers files of a few KB, and a plan and record as PDF).
MAX_ZIP_BYTES = 10 * 1024 * 1024
MAX_ENTRIES = 200
MAX_UNPACKED = 50 * 1024 * 1024
#: The most its list of entries may take (about 1 KB an entry), checked before the list is read.
MAX_DIRECTORY_BYTES = MAX_ENTRIES * 1024
#: How the answers file kept before a restore is named: ``<notebook>.answers.before-restore-<time>.json``.
BACKUP = "before-restore"
_SKIPPED_PARTS = ("__MACOSX", ".ipynb_checkpoints")
#: The learner's own files kept beside their answers, which the zip carries but a restore never writes.
KEPT_COPIES = (f"{plan.FILE_STEM}.html", f"{plan.FILE_STEM}.pdf", f"{completion.FILE_STEM}.html",
               f"{completion.FILE_STEM}.pdf")


class Refused(ValueError):
    """A zip that is not restored at all; the message says why and what to do, in plain English."""


@dataclass(frozen=True)
class Slot:
    """One answers file of this course, and the notebook it belongs to."""

    name: str  # the answers file's name, such as ``goal_and_mission.answers.json``
    notebook: str  # the notebook's name without ``.ipynb``
    what: str  # what it holds, in words
    questions: frozenset[str]
    exercise: bool = False

    def folder(self, home: CourseHome) -> Path | None:
        """Where this answers file is kept in ``home``, or None when this copy of the course has no such notebook."""
        saved = home.exercise_answers(self.notebook) if self.exercise else home.lesson_answers(self.notebook)
        if saved is not None:
            return saved.parent
        if self.notebook == learner_name.NOTEBOOK:
            return home.lessons_folder
        notebook = home.exercise_notebook(self.notebook) if self.exercise else home.lesson_notebook(self.notebook)
        return notebook.parent if notebook.is_file() else None

    def zip_folder(self) -> str:
        return f"exercises/{self.notebook}/" if self.exercise else "notebooks/"


def slots() -> dict[str, Slot]:
    """Every answers file this course has, by name: each lesson's quiz, each exercise, your name."""
    found: dict[str, Slot] = {}
    for lesson in syllabus.load().lessons:
        for notebook, exercise, what in ((lesson.notebook, False, f"Lesson {lesson.number}: {lesson.title}"),
                                         (lesson.assignment, True, f"Exercise {lesson.number}: {lesson.title}")):
            name = answers_path(".", notebook).name
            found[name] = Slot(name, notebook, what, frozenset(load_bank(notebook).question_ids), exercise)
    name = answers_path(".", learner_name.NOTEBOOK).name
    found[name] = Slot(name, learner_name.NOTEBOOK, "your name and learner ID",
                       frozenset({learner_name.QID, learner_name.ID_QID}))
    return found


# ---------------------------------------------------------------------------------------------- download


def zip_name(today: _dt.date | None = None) -> str:
    """``all_my_work_<date>.zip``: never a name ``coursekit collect --from-zips`` takes for an exercise."""
    return f"all_my_work_{(today or _dt.date.today()).isoformat()}.zip"


def _kept_copy(name: str) -> bool:
    return name in KEPT_COPIES or (name.endswith(".json") and not name.endswith(".answers.json")
                                   and (".unreadable-" in name or f".{BACKUP}-" in name))


def work_files(home: CourseHome) -> list[tuple[str, Path, str]]:
    """The learner's files for the zip, in course order: (name in the zip, file, what it is)."""
    found: list[tuple[str, Path, str]] = []
    folders: dict[Path, str] = {}
    for slot in slots().values():
        folder = slot.folder(home)
        if folder is None:
            continue
        folders.setdefault(folder, slot.zip_folder())
        path = answers_path(folder, slot.notebook)
        if path.is_file() and not path.is_symlink():
            found.append((slot.zip_folder() + slot.name, path, f"your answers to {slot.what}"))
    room, budget = MAX_ENTRIES - 2 - len(found), MAX_ZIP_BYTES // 2  # so the zip can always be restored
    for folder, inside in folders.items():
        for path in sorted(folder.iterdir(), reverse=True):  # the newest copies kept aside first
            if _kept_copy(path.name) and path.is_file() and not path.is_symlink():
                budget -= path.stat().st_size
                room -= 1
                if room < 0 or budget < 0:
                    break
                what = ("an answers file kept aside; restoring does not bring it back"
                        if path.suffix == ".json" else "a copy for you; restoring does not bring it back, "
                        "so make it again from your answers")
                found.append((inside + path.name, path, what))
    return found


def has_work(home: CourseHome) -> bool:
    """Whether any lesson or exercise has answers saved (a saved name alone is not work)."""
    return any(name.endswith(".answers.json") and not name.endswith(f"/{learner_name.NOTEBOOK}.answers.json")
               for name, _path, _what in work_files(home))


def readme(files: list[tuple[str, Path, str]], made: str) -> str:
    course = syllabus.load()
    width = max(len(name) for name, _p, _w in files)
    lines = "\n".join(f"  {name.ljust(width)}  {what}" for name, _p, what in files)
    return (f"All your work on {course.course} ({course.edition}), saved {made}.\n\n"
            "Keep this file safe. It is for you, not for your trainer.\n"
            "To carry on using another device, open the course there, then open the progress page\n"
            "(progress.ipynb) and use \"Restore my work from a download\" with this file.\n\n"
            f"What is in it\n{lines}\n")


def all_work_zip(home: CourseHome, when: _dt.datetime | None = None) -> bytes:
    """The zip of all the learner's work. Raises ``FileNotFoundError`` when there is none."""
    if not has_work(home):
        raise FileNotFoundError("You have not answered anything yet, so there is nothing to download.")
    when = when or _dt.datetime.now()
    files = work_files(home)
    course = syllabus.load()
    manifest = {"format": FORMAT, "course": course.course, "edition": course.edition,
                "saved": when.replace(microsecond=0).isoformat(), "files": {name: what for name, _p, what in files}}
    entries = [(MANIFEST, (json.dumps(manifest, indent=1, ensure_ascii=False) + "\n").encode("utf-8")),
               (README, readme(files, when.strftime("%d %B %Y at %H:%M")).encode("utf-8")),
               *((name, path.read_bytes()) for name, path, _what in files)]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, when.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return out.getvalue()


# ---------------------------------------------------------------------------------------------- restore


@dataclass
class Upload:
    """What a zip to restore holds that is worth taking: this course's answers files, read and checked."""

    name: str
    answers: dict[str, dict[str, Answer]] = field(default_factory=dict)  # answers file name -> its answers
    left: list[str] = field(default_factory=list)  # copies in the zip that a restore does not write


def _again(name: str) -> str:
    return (f"Nothing was restored. Choose the zip that \"Download all my work\" made, or a zip of one exercise, "
            f"and try again. If {name} is that zip, download it again on the device it came from.")


def too_big(name: str) -> Refused:
    return Refused(f"{name} is larger than the {MAX_ZIP_BYTES // 1024 // 1024} MB a download of your work can be. "
                   + _again(name))


def _read_bounded(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes | None:
    """The entry's bytes, or None when it holds more than ``limit`` (its declared size is never trusted)."""
    with archive.open(info) as handle:
        data = handle.read(limit + 1)
    return None if len(data) > limit else data


def _check_answers(name: str, base: str, data: bytes | None, slot: Slot) -> dict[str, Answer]:
    if data is None:
        raise Refused(f"In {name}, {base} is larger than the {MAX_FILE_BYTES // 1024} KB an answers file can be. "
                      + _again(name))
    found = parse_answers(data, base)
    if found.problems:
        raise Refused(f"In {name}, {base} could not be read in full: it is damaged, or it is not a coursekit "
                      "answers file. " + _again(name))
    if found.notebook and found.notebook != slot.notebook:
        raise Refused(f"In {name}, {base} says it holds the answers of {found.notebook[:60]}, not of "
                      f"{slot.notebook}. It may have been renamed. " + _again(name))
    unknown = sorted(set(found.answers) - slot.questions)
    if unknown:
        raise Refused(f"In {name}, {base} holds answers to questions that {slot.what} does not ask "
                      f"(such as '{unknown[0][:60]}'). It may come from another course or another edition "
                      "of this one. " + _again(name))
    return found.answers


def _check_manifest(name: str, data: bytes | None) -> None:
    try:
        said = json.loads(data.decode("utf-8")) if data is not None else None
    except (UnicodeDecodeError, ValueError, RecursionError):
        said = None
    course = syllabus.load().course
    if not isinstance(said, dict) or said.get("format") != FORMAT:
        raise Refused(f"{name} says what is in it in a way this course cannot read. " + _again(name))
    if said.get("course") != course:
        raise Refused(f"{name} holds work on another course, not on “{course}”. " + _again(name))


def read_upload(name: str, data: bytes) -> Upload:
    """This course's answers files in the zip ``name`` (its bytes ``data``), checked. Raises :class:`Refused`."""
    if len(data) > MAX_ZIP_BYTES:
        raise too_big(name)
    known = slots()
    upload = Upload(name)
    try:
        record = zipfile._EndRecData(io.BytesIO(data))  # the standard library's reader of the zip's end record
        if record and int(record[zipfile._ECD_SIZE]) > MAX_DIRECTORY_BYTES:
            raise Refused(f"{name} holds more than the {MAX_ENTRIES} files a download of your work can hold. "
                          + _again(name))
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_ENTRIES:
                raise Refused(f"{name} holds {len(infos)} files, more than the {MAX_ENTRIES} a download of your "
                              "work can hold. " + _again(name))
            if sum(info.file_size for info in infos) > MAX_UNPACKED:
                raise Refused(f"{name} unpacks to more than {MAX_UNPACKED // 1024 // 1024} MB, far more than your "
                              "work. " + _again(name))
            for info in infos:
                parts = info.filename.replace("\\", "/").split("/")
                base = parts[-1]
                why = unsafe_entry(info, parts)
                if why is not None:
                    raise Refused(f"{name} holds a file that is never taken: {why[:160]}. " + _again(name))
                if info.is_dir() or not base or any(p in _SKIPPED_PARTS for p in parts) or base.startswith("._") \
                        or (base.startswith(".") and base.endswith(".tmp")):
                    continue
                if base == MANIFEST:
                    _check_manifest(name, _read_bounded(archive, info, 64 * 1024))
                elif base in known:
                    if base in upload.answers:
                        raise Refused(f"{name} holds two copies of {base}, so it is not clear which to restore. "
                                      + _again(name))
                    upload.answers[base] = _check_answers(name, base, _read_bounded(archive, info, MAX_FILE_BYTES),
                                                          known[base])
                elif base.endswith(".answers.json"):
                    raise Refused(f"{name} holds {base[:80]}, which is not an answers file of this course. "
                                  "It may come from another course. " + _again(name))
                elif base in KEPT_COPIES:
                    upload.left.append(base)
    except Refused:
        raise
    except Exception as err:  # noqa: BLE001 - zipfile, zlib, lzma and bz2 errors: an upload is never a crash
        raise Refused(f"{name} could not be opened as a zip file: it may be damaged, or not a zip. " + _again(name)) from err
    if not upload.answers:
        raise Refused(f"{name} holds no answers of this course. " + _again(name))
    return upload


@dataclass
class Restored:
    """What a restore did, file by file, in plain English."""

    changed: list[str] = field(default_factory=list)  # what was restored, one line a file
    same: list[str] = field(default_factory=list)  # answers files that already held the same answers
    backups: list[str] = field(default_factory=list)  # the files kept as they were before
    problems: list[str] = field(default_factory=list)
    left: list[str] = field(default_factory=list)  # copies in the zip that are never restored (plan, record)


def backup_path(path: Path, when: _dt.datetime | None = None) -> Path:
    """A free name for the copy of ``path`` kept before a restore."""
    stem = path.name[: -len(".json")]
    base = f"{stem}.{BACKUP}-{(when or _dt.datetime.now()).strftime('%Y%m%d-%H%M%S')}"
    target, number = path.with_name(f"{base}.json"), 1
    while os.path.lexists(target):
        number += 1
        target = path.with_name(f"{base}-{number}.json")
    return target


def _restore_one(path: Path, slot: Slot, theirs: dict[str, Answer], report: Restored) -> None:
    with folder_lock(path.parent):
        current = read_answers(path)
        ours = current.answers
        new = [q for q in theirs if q not in ours]
        differ = [q for q in theirs if q in ours and ours[q].value != theirs[q].value]
        if not new and not differ and not current.problems:
            report.same.append(slot.what)
            return
        if (differ or current.problems) and current.exists:
            kept = backup_path(path)
            shutil.copy2(path, kept)
            report.backups.append(kept.name)
        write_answers(path, slot.notebook, {**ours, **{q: theirs[q] for q in new + differ}})
    count = len(new) + len(differ)
    report.changed.append(f"{slot.what}: {count} answer{'s' if count != 1 else ''} restored"
                          + (f", {len(differ)} of them different from the ones here" if differ else ""))


def restore(home: CourseHome, upload: Upload) -> Restored:
    """Write the upload's answers into their own answers files in ``home``. Answers only here are kept;
    where an answer differs, the answers file as it was is kept beside it first."""
    report = Restored(left=list(upload.left))
    for name, slot in slots().items():
        if name not in upload.answers:
            continue
        folder = slot.folder(home)
        if folder is None:
            report.problems.append(f"{slot.what} is not in this copy of the course, so its answers were not "
                                   "restored. Get it from your trainer, then restore again.")
            continue
        try:
            _restore_one(answers_path(folder, slot.notebook), slot, upload.answers[name], report)
        except OSError as err:  # TimeoutError too: another save in that folder did not finish
            report.problems.append(f"The answers to {slot.what} could not be saved ({err.strerror or err}). "
                                   "Check you can save files in this folder, then restore again.")
    return report
