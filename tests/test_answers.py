"""The answers store: atomic, round-trips, and never crashes on a bad file."""

import json
import os

import pytest

from coursekit.answers import (
    MAX_FILE_BYTES, MAX_TEXT_CHARS, Answer, AnswerStore, answers_path, read_answers, write_answers,
)


def test_save_then_reload_in_a_new_store(tmp_path):
    store = AnswerStore("nb", tmp_path)
    store.save("q1", "b")
    store.save("goal", {"goal": "x", "date": "2027-01-01"})
    again = AnswerStore("nb", tmp_path)
    assert again.value("q1") == "b"
    assert again.value("goal") == {"goal": "x", "date": "2027-01-01"}
    assert again.problems == []
    data = json.loads(answers_path(tmp_path, "nb").read_text())
    assert data["format"] == "coursekit-answers" and data["notebook"] == "nb"


def test_write_is_atomic_and_leaves_no_temp_files(tmp_path, monkeypatch):
    path = answers_path(tmp_path, "nb")
    write_answers(path, "nb", {"q1": Answer("a", "t")})
    before = path.read_text()

    def crash(*_args, **_kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        write_answers(path, "nb", {"q1": Answer("b", "t")})
    assert path.read_text() == before, "a failed write must leave the old file whole"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["nb.answers.json"], "no temporary file left behind"


def test_missing_file_is_nothing_answered(tmp_path):
    found = read_answers(tmp_path / "none.answers.json")
    assert not found.exists and found.answers == {} and found.problems == []


def test_corrupt_file_gives_a_message_and_is_kept(tmp_path):
    path = answers_path(tmp_path, "nb")
    path.write_text('{"format": "coursekit-answers", "answers": {"q1": ')
    store = AnswerStore("nb", tmp_path)
    assert store.value("q1") is None
    assert "nb.answers.json could not be read" in store.problems[0]
    kept = list(tmp_path.glob("nb.answers.unreadable-*.json"))
    assert len(kept) == 1 and kept[0].read_text().startswith('{"format"'), "the bad file is kept, nothing lost"
    store.save("q1", "a")
    assert AnswerStore("nb", tmp_path).value("q1") == "a"


def test_hand_edited_entries_are_dropped_one_by_one(tmp_path):
    path = answers_path(tmp_path, "nb")
    path.write_text(json.dumps({
        "format": "coursekit-answers", "version": 1,
        "answers": {"q1": {"value": "b"}, "q2": {"no value": 1}, "q3": {"value": {"a": {"b": {"c": {"d": {}}}}}}},
    }))
    found = read_answers(path)
    assert found.answers["q1"].value == "b"
    assert set(found.answers) == {"q1"}
    assert len(found.problems) == 2 and "'q2'" in found.problems[0]


def test_not_an_answers_file(tmp_path):
    path = answers_path(tmp_path, "nb")
    path.write_text("[1, 2, 3]")
    assert "not a coursekit answers file" in read_answers(path).problems[0]


def test_huge_file_is_refused_without_reading_it(tmp_path):
    path = answers_path(tmp_path, "nb")
    path.write_text('{"x": "' + "a" * (MAX_FILE_BYTES + 10) + '"}')
    found = read_answers(path)
    assert found.answers == {} and "larger than" in found.problems[0]


def test_overlong_text_is_refused_with_a_plain_message(tmp_path):
    store = AnswerStore("nb", tmp_path)
    with pytest.raises(ValueError, match="under 10,000 characters"):
        store.save("r", "x" * (MAX_TEXT_CHARS + 1))
    assert not answers_path(tmp_path, "nb").exists()


def test_code_objects_are_not_answers(tmp_path):
    store = AnswerStore("nb", tmp_path)
    with pytest.raises(ValueError):
        store.save("q", print)


def test_nothing_is_saved_in_the_course_source(tmp_path):
    folder = tmp_path / "course" / "source" / "goal_and_mission"
    folder.mkdir(parents=True)
    (tmp_path / "course" / "nbgrader_config.py").write_text("")
    store = AnswerStore("goal_and_mission", folder)
    store.save("q1", "a")
    assert store.value("q1") == "a", "the notebook still works"
    assert not list(folder.iterdir()), "but no answers file is written where nbgrader would copy it"
    assert "not saved" in store.problems[0]


def test_the_repository_course_source_holds_no_answers_file():
    from course_support import ROOT

    assert not list((ROOT / "course" / "source").rglob("*.answers.json"))
