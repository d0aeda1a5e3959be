"""Moving work to another device: "Download all my work", then "Restore my work from a download".

The download is made on one learner's course folder and restored, through the progress page's
FileUpload (its value set as ipywidgets 8 sets it), into another. Hostile zips are refused whole,
with a plain message, and change nothing.
"""

from __future__ import annotations

import base64
import datetime as _dt
import io
import json
import re
import shutil
import stat
import zipfile
from pathlib import Path

import pytest

from coursekit.answers import AnswerStore, read_answers
from coursekit.learner import folder as learner_folder
from coursekit.learner.move import MoveWork
from coursekit.records import move_work, return_work
from coursekit.records.learner_files import CourseHome
from coursekit.records.learner_name import read_learner_id, read_name, save_learner_id, save_name
from course_support import ROOT

A = "goal_and_mission"
LESSON = "00_start_here"
SOLVED = ROOT / "solutions" / A / f"{A}.answers.json"


def make_home(folder: Path) -> CourseHome:
    learner_folder.make(folder)
    return CourseHome(folder)


@pytest.fixture
def home(tmp_path) -> CourseHome:
    """A learner's course on the first device, with a lesson's quiz, an exercise, a name and a record."""
    home = make_home(tmp_path / "laptop" / "coursekit-course")
    AnswerStore(LESSON, home.lessons_folder).save("what_saves", "c")
    shutil.copy(SOLVED, home.root / "exercises" / A / f"{A}.answers.json")
    save_name(home, "Sam Patel")
    save_learner_id(home, "L001")
    (home.lessons_folder / "record_of_completion.html").write_text("<p>Record</p>", "utf-8")
    return home


@pytest.fixture
def other(tmp_path) -> CourseHome:
    """The same course, freshly opened on another device."""
    return make_home(tmp_path / "tablet" / "coursekit-course")


def downloaded(view: MoveWork) -> tuple[str, bytes]:
    """The file the link saves: (download name, bytes)."""
    found = re.findall(r"<a download='([^']+)' href='data:application/zip;base64,([^']+)'", view.link.value)
    assert len(found) == 1, view.link.value
    return found[0][0], base64.b64decode(found[0][1])


def upload(view: MoveWork, name: str, data: bytes) -> str:
    """Choose a file in the FileUpload, as ipywidgets 8 gives it to the kernel; the status it shows."""
    view.upload.value = ({"name": name, "type": "application/zip", "size": len(data), "content": memoryview(data),
                          "last_modified": _dt.datetime.now(_dt.timezone.utc)},)
    return view.restore_status.value


def files(home: CourseHome) -> dict[str, bytes]:
    return {p.relative_to(home.root).as_posix(): p.read_bytes() for p in sorted(home.root.rglob("*")) if p.is_file()}


def all_work(home: CourseHome) -> bytes:
    view = MoveWork(home)
    view.make()
    return downloaded(view)[1]


def test_the_download_holds_every_lesson_exercise_and_own_record(home):
    view = MoveWork(home)
    view.make()
    name, data = downloaded(view)
    assert name == f"all_my_work_{_dt.date.today().isoformat()}.zip"
    assert "✔ Ready" in view.status.value and "do not send it to your trainer" in view.link.value
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        readme = archive.read("README.txt").decode("utf-8")
        manifest = json.loads(archive.read(move_work.MANIFEST))
        assert archive.read(f"exercises/{A}/{A}.answers.json") == SOLVED.read_bytes()
    assert sorted(names) == sorted(["coursekit_all_my_work.json", "README.txt", f"notebooks/{LESSON}.answers.json",
                                    f"exercises/{A}/{A}.answers.json", "notebooks/your_name.answers.json",
                                    "notebooks/record_of_completion.html"])
    assert "your answers to Lesson 0: Start here" in readme and "Restore my work from a download" in readme
    assert "your name and learner ID" in readme and "not for your trainer" in readme
    assert manifest["course"].startswith("Digital transformation")
    assert return_work.zip_name("L001", A) == "L001_goal_and_mission.zip"  # the trainer's zips keep their names


def test_with_nothing_answered_there_is_nothing_to_download(other):
    save_name(other, "Sam Patel")  # a name alone is not work
    view = MoveWork(other)
    view.make()
    assert "nothing to download" in view.status.value and not view.link.value


def test_restoring_on_another_device_brings_every_answer_back(home, other):
    message = upload(MoveWork(other), "all_my_work.zip", all_work(home))
    assert "✔ Restored" in message and "Exercise 4: A goal and a mission" in message and "role" not in message
    assert (other.root / "exercises" / A / f"{A}.answers.json").read_bytes() == SOLVED.read_bytes()
    assert read_answers(other.lessons_folder / f"{LESSON}.answers.json").answers["what_saves"].value == "c"
    assert read_name(other) == "Sam Patel" and read_learner_id(other) == "L001"
    assert not (other.lessons_folder / "record_of_completion.html").exists()  # made again, never restored
    assert "record of completion are not restored" in message
    assert not list(other.root.rglob(f"*.{move_work.BACKUP}-*")), "nothing differed, so nothing kept aside"


def test_an_answer_that_differs_is_replaced_only_after_the_old_file_is_kept(home, other):
    AnswerStore(LESSON, other.lessons_folder).save("what_saves", "a")
    AnswerStore(LESSON, other.lessons_folder).save("after_restart", "b")
    before = (other.lessons_folder / f"{LESSON}.answers.json").read_bytes()
    view = MoveWork(other)
    message = upload(view, "all_my_work.zip", all_work(home))
    now = read_answers(other.lessons_folder / f"{LESSON}.answers.json").answers
    assert now["what_saves"].value == "c" and now["after_restart"].value == "b"  # answers only here are kept
    kept = list(other.lessons_folder.glob(f"{LESSON}.answers.{move_work.BACKUP}-*.json"))
    assert len(kept) == 1 and kept[0].read_bytes() == before
    assert kept[0].name in message and "Nothing is lost" in message
    assert view.upload.value == ()  # cleared, so the same file can be chosen again
    # restoring the same file again changes nothing and keeps no second copy
    assert "Nothing to change" in upload(view, "all_my_work.zip", all_work(home))
    assert len(list(other.lessons_folder.glob(f"*.{move_work.BACKUP}-*.json"))) == 1


def test_a_zip_of_one_exercise_made_for_the_trainer_restores_too(home, other):
    data = return_work.return_zip(home, A)
    message = upload(MoveWork(other), "L001_goal_and_mission.zip", data)
    assert "✔ Restored" in message
    assert (other.root / "exercises" / A / f"{A}.answers.json").read_bytes() == SOLVED.read_bytes()
    assert not (other.root / "exercises" / A / f"{A}.answers.json").is_symlink()


def test_a_kept_copy_travels_in_the_download(home, other):
    AnswerStore(LESSON, other.lessons_folder).save("what_saves", "a")
    upload(MoveWork(other), "all_my_work.zip", all_work(home))
    with zipfile.ZipFile(io.BytesIO(all_work(other))) as archive:
        assert [n for n in archive.namelist() if f".{move_work.BACKUP}-" in n]


# ---------------------------------------------------------------------------------------------- hostile zips


def zipped(*entries: tuple[str | zipfile.ZipInfo, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in entries:
            archive.writestr(name, data)
    return out.getvalue()


def answers_json(notebook: str, answers: dict) -> bytes:
    return json.dumps({"format": "coursekit-answers", "version": 1, "notebook": notebook,
                       "answers": {q: {"value": v, "saved_at": "2026-11-30T10:00:00+00:00"} for q, v in answers.items()}
                       }).encode("utf-8")


def link_entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.create_system = 3
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info


GOOD = (f"{A}/{A}.answers.json", SOLVED.read_bytes())
HOSTILE = {
    "too big": (b"PK" + b"\0" * move_work.MAX_ZIP_BYTES, "larger than the 10 MB a download"),
    "too many files": (zipped(GOOD, *((f"x/{n}.txt", b"") for n in range(move_work.MAX_ENTRIES))), "more than the 200"),
    "dot dot": (zipped((f"../{A}.answers.json", SOLVED.read_bytes())), "points outside the zip"),
    "absolute": (zipped((f"/tmp/{A}.answers.json", SOLVED.read_bytes())), "points outside the zip"),
    "link": (zipped(GOOD, (link_entry(f"{A}/{LESSON}.answers.json"), b"../../../etc/passwd")), "is a link, which is never followed"),
    "nested zip": (zipped(GOOD, ("inner.zip", zipped(GOOD))), "is a zip inside the zip"),
    "wrong json": (zipped((f"{A}/{A}.answers.json", b"{not json")), "could not be read in full: it is damaged"),
    "not answers": (zipped((f"{A}/{A}.answers.json", b'{"format": "something else"}')), "not a coursekit answers file"),
    "unknown notebook": (zipped(("budget_2027.answers.json", answers_json("budget_2027", {"q1": "a"}))),
                         "not an answers file of this course"),
    "another course's questions": (zipped((f"{A}.answers.json", answers_json(A, {"q9_budget": "a"}))),
                                   "does not ask"),
    "another course's zip": (zipped(GOOD, (move_work.MANIFEST, json.dumps({"format": move_work.FORMAT,
                                                                           "course": "Cooking for beginners"}).encode())),
                             "another course"),
    "renamed file": (zipped((f"{A}.answers.json", answers_json("a_team", {"reflection": "Our team"}))),
                     "It may have been renamed"),
    "two copies": (zipped(GOOD, (f"copy/{A}.answers.json", SOLVED.read_bytes())), "two copies"),
    "oversized answers": (zipped((f"{A}.answers.json", b" " * (600 * 1024))), "larger than the 512 KB"),
    "not a zip": (b"%PDF-1.4 not a zip", "could not be opened as a zip"),
    "no answers": (zipped(("README.txt", b"hello"), (f"{A}/{A}.ipynb", b"{}")), "holds no answers of this course"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_zip_is_refused_whole_and_changes_nothing(case, other):
    AnswerStore(LESSON, other.lessons_folder).save("what_saves", "a")
    before = files(other)
    data, why = HOSTILE[case]
    message = upload(MoveWork(other), "all_my_work.zip", data)
    assert "⚠ Not restored." in message and why in message, message
    assert "Nothing was restored" in message and "try again" in message
    assert files(other) == before


def test_a_file_name_from_the_upload_is_escaped_and_never_a_path(other):
    before = files(other)
    message = upload(MoveWork(other), "<img src=x onerror=alert(1)>.zip", b"not a zip")
    assert "<img" not in message and "&lt;img" in message
    assert files(other) == before


def test_an_exercise_missing_here_is_named_and_the_rest_restored(home, other):
    shutil.rmtree(other.root / "exercises" / A)
    message = upload(MoveWork(other), "all_my_work.zip", all_work(home))
    assert "✔ Restored" in message and "Lesson 0: Start here" in message
    assert "Exercise 4: A goal and a mission is not in this copy of the course" in message
    assert not (other.root / "exercises" / A).exists() and not (other.root / f"{A}.answers.json").exists()


def test_the_download_can_always_be_restored_however_many_copies_were_kept(home, other):
    for n in range(move_work.MAX_ENTRIES + 50):
        (home.lessons_folder / f"{LESSON}.answers.{move_work.BACKUP}-20261201-{n:06d}.json").write_text("{}", "utf-8")
    data = all_work(home)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
    assert len(names) <= move_work.MAX_ENTRIES and f"notebooks/{LESSON}.answers.json" in names
    assert f"notebooks/{LESSON}.answers.{move_work.BACKUP}-20261201-000249.json" in names  # the newest kept
    assert "✔ Restored" in upload(MoveWork(other), "all_my_work.zip", data)
