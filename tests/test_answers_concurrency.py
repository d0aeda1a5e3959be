"""The answers store under concurrency and interruption: two kernels or tabs lose nothing,
``kill -9`` leaves no corrupt file, and stray temporary files are tidied away."""

from __future__ import annotations

import ast
import datetime as dt
import json
import multiprocessing
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from coursekit import answers
from coursekit.answers import AnswerStore, NotSaved, answers_path, folder_lock, read_answers

WORKERS = 4
QUESTIONS = 12  # each worker's own questions
ROUNDS = 3  # each question saved this many times, the last value winning


def _saver(folder: str, worker: int, start, failures) -> None:
    """One 'kernel': opened before the others save, then saves its own questions many times."""
    try:
        store = AnswerStore("nb", folder)
        start.wait(timeout=30)
        for round_ in range(ROUNDS):
            for q in range(QUESTIONS):
                store.save(f"w{worker}-q{q}", f"worker {worker} question {q} round {round_}")
    except BaseException as err:  # reported to the test, which fails with it
        failures.put(f"worker {worker}: {err!r}")
        raise


def test_concurrent_savers_lose_no_answer(tmp_path):
    context = multiprocessing.get_context("fork")
    start, failures = context.Barrier(WORKERS), context.Queue()
    procs = [context.Process(target=_saver, args=(str(tmp_path), w, start, failures)) for w in range(WORKERS)]
    for proc in procs:
        proc.start()
    deadline = time.monotonic() + 60
    for proc in procs:
        proc.join(max(0.1, deadline - time.monotonic()))
    for proc in procs:
        if proc.is_alive():
            proc.kill()
    assert all(p.exitcode == 0 for p in procs), [failures.get() for _ in range(failures.qsize())] or "a saver hung"

    found = read_answers(answers_path(tmp_path, "nb"))
    assert found.problems == []
    expected = {f"w{w}-q{q}": f"worker {w} question {q} round {ROUNDS - 1}"
                for w in range(WORKERS) for q in range(QUESTIONS)}
    lost = sorted(set(expected) - set(found.answers))
    assert not lost, f"{len(lost)} of {len(expected)} answers lost: {lost[:5]}..."
    assert {qid: a.value for qid, a in found.answers.items()} == expected, "each question's newest save wins"
    assert [p.name for p in tmp_path.iterdir()] == ["nb.answers.json"], "no temporary or lock file is left"


def test_two_tabs_in_one_process_keep_each_others_answers(tmp_path):
    first, second = AnswerStore("nb", tmp_path), AnswerStore("nb", tmp_path)
    first.save("q1", "a")
    second.save("q2", "b")
    first.save("q3", "c")
    assert {k: a.value for k, a in read_answers(answers_path(tmp_path, "nb")).answers.items()} == \
        {"q1": "a", "q2": "b", "q3": "c"}
    assert first.value("q2") == "b", "a save also takes in what the other tab saved"


def test_the_newest_save_of_a_question_wins(tmp_path):
    first, second = AnswerStore("nb", tmp_path), AnswerStore("nb", tmp_path)
    first.save("goal", "old idea")
    second.save("goal", "new idea")
    first.save("other", "x")  # first still holds "old idea" in memory: it must not write it back
    saved = read_answers(answers_path(tmp_path, "nb")).answers
    assert saved["goal"].value == "new idea" and saved["other"].value == "x"


def test_answers_only_in_the_file_are_kept_and_newer_saves_win_either_way(tmp_path):
    path = answers_path(tmp_path, "nb")
    store = AnswerStore("nb", tmp_path)
    store.save("mine_newer", "mine")
    store.save("theirs_newer", "mine")
    soon = (dt.datetime.now(dt.timezone.utc) + dt.timedelta(hours=1)).isoformat()
    data = json.loads(path.read_text())
    data["answers"]["mine_newer"] = {"value": "an older copy put back", "saved_at": "2020-01-01T00:00:00+00:00"}
    data["answers"]["theirs_newer"] = {"value": "saved later elsewhere", "saved_at": soon}
    data["answers"]["from_elsewhere"] = {"value": "kept", "saved_at": "2020-01-01T00:00:00+00:00"}
    path.write_text(json.dumps(data))
    store.save("q2", "two")
    saved = {k: a.value for k, a in read_answers(path).answers.items()}
    assert saved == {"mine_newer": "mine", "theirs_newer": "saved later elsewhere",
                     "from_elsewhere": "kept", "q2": "two"}


def test_a_future_dated_answer_in_memory_never_outranks_a_genuine_save(tmp_path):
    path = answers_path(tmp_path, "nb")
    path.write_text(json.dumps({"format": "coursekit-answers", "version": 1, "answers": {
        "q1": {"value": "hand edited", "saved_at": "9999-12-31T23:59:59+00:00"}}}))
    first, second = AnswerStore("nb", tmp_path), AnswerStore("nb", tmp_path)
    second.save("q1", "genuine")
    first.save("q2", "x")
    assert read_answers(path).answers["q1"].value == "genuine"


def test_a_file_that_became_unreadable_since_load_is_copied_aside_before_it_is_replaced(tmp_path):
    path = answers_path(tmp_path, "nb")
    store = AnswerStore("nb", tmp_path)
    store.save("q1", "a")
    path.write_text('{"format": "coursekit-answers", "answers": {"q9": ')  # damaged by something else
    store.save("q2", "b")
    kept = list(tmp_path.glob("nb.answers.unreadable-*.json"))
    assert len(kept) == 1 and kept[0].read_text().endswith('"q9": '), "the damaged content is kept"
    assert any(kept[0].name in p and "changed since it was opened" in p for p in store.problems)
    assert {k: a.value for k, a in read_answers(path).answers.items()} == {"q1": "a", "q2": "b"}
    store.save("q3", "c")
    assert len(list(tmp_path.glob("nb.answers.unreadable-*.json"))) == 1, "a readable file is not copied again"


def test_an_unreadable_file_is_copied_aside_once_per_version(tmp_path):
    path = answers_path(tmp_path, "nb")
    path.write_text("not json, version 1")
    store = AnswerStore("nb", tmp_path)  # copied aside at load
    other = AnswerStore("nb", tmp_path)  # copied aside again: a second copy of the same bytes, harmless
    path.write_text("not json, version 2")  # changed again before either saved
    store.save("q1", "a")
    other.save("q2", "b")
    contents = sorted(p.read_text() for p in tmp_path.glob("nb.answers.unreadable-*.json"))
    assert "not json, version 2" in contents and "not json, version 1" in contents
    assert contents.count("not json, version 2") == 1, "the version seen at save is kept once"
    assert {k: a.value for k, a in read_answers(path).answers.items()} == {"q1": "a", "q2": "b"}


def test_a_failed_save_keeps_the_old_file_and_says_why(tmp_path, monkeypatch):
    store = AnswerStore("nb", tmp_path)
    store.save("q1", "a")
    before = answers_path(tmp_path, "nb").read_text()

    def full_disk(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(NotSaved, match="No space left on device"):
        store.save("q1", "b")
    assert answers_path(tmp_path, "nb").read_text() == before
    assert store.value("q1") == "a", "the store still holds what is on disk"
    assert [p.name for p in tmp_path.iterdir()] == ["nb.answers.json"]


def test_a_save_that_cannot_get_the_lock_says_so_and_keeps_nothing_half_done(tmp_path, monkeypatch):
    monkeypatch.setattr(answers, "LOCK_WAIT_SECONDS", 0.2)
    store = AnswerStore("nb", tmp_path)
    store.save("q1", "a")
    started = time.monotonic()
    with folder_lock(tmp_path) as locked:
        assert locked
        with pytest.raises(NotSaved, match="had not finished"):
            store.save("q1", "b")
    assert time.monotonic() - started < 5, "the wait is bounded"
    assert store.value("q1") == "a"
    assert store.save("q1", "c").value == "c", "once the lock is free, saving works again"


def test_without_fcntl_saves_still_work(tmp_path, monkeypatch):
    monkeypatch.setattr(answers, "fcntl", None)
    store = AnswerStore("nb", tmp_path)
    store.save("q1", "a")
    AnswerStore("nb", tmp_path).save("q2", "b")
    store.save("q3", "c")
    assert set(read_answers(answers_path(tmp_path, "nb")).answers) == {"q1", "q2", "q3"}


def test_the_answers_store_imports_only_the_standard_library():
    tree = ast.parse(Path(answers.__file__).read_text())
    imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import)
                for alias in node.names}
    imported |= {node.module.split(".")[0] for node in ast.walk(tree)
                 if isinstance(node, ast.ImportFrom) and node.module and not node.level}
    assert imported <= set(sys.stdlib_module_names), imported - set(sys.stdlib_module_names)


# Stray temporary files ------------------------------------------------------------------------

def _temp(folder: Path, name: str, age: float) -> Path:
    path = folder / name
    path.write_text('{"half a')
    then = time.time() - age
    os.utime(path, (then, then))
    return path


def test_stale_temp_files_of_this_store_are_removed_on_load_and_save(tmp_path):
    old = _temp(tmp_path, ".nb.answers.json.k3j_x9ab.tmp", 11 * 60)
    fresh = _temp(tmp_path, ".nb.answers.json.fresh123.tmp", 0)  # perhaps another kernel mid-save
    others = [
        _temp(tmp_path, ".other.answers.json.k3j_x9ab.tmp", 3600),  # another notebook's
        _temp(tmp_path, ".nb.answers.json.tmp.bak", 3600),  # not a name write_answers makes
        _temp(tmp_path, "notes.tmp", 3600),
    ]
    store = AnswerStore("nb", tmp_path)
    assert not old.exists(), "an interrupted save's temp file is removed on load"
    assert fresh.exists(), "a temp file that may still be being written is left alone"
    assert all(p.exists() for p in others), "only this store's own temp files are touched"
    again = _temp(tmp_path, ".nb.answers.json.again456.tmp", 11 * 60)
    store.save("q1", "a")
    assert not again.exists(), "and on save"
    assert fresh.exists()


def test_temp_files_go_sooner_under_the_lock_than_without_it(tmp_path, monkeypatch):
    two_minutes = _temp(tmp_path, ".nb.answers.json.abcdefgh.tmp", 120)
    monkeypatch.setattr(answers, "fcntl", None)  # no lock: another saver might still be writing
    AnswerStore("nb", tmp_path)
    assert two_minutes.exists()
    monkeypatch.undo()
    AnswerStore("nb", tmp_path)  # under the lock no saver can be writing it
    assert not two_minutes.exists()


def test_a_symlink_named_like_a_temp_file_is_not_followed_or_removed(tmp_path):
    target = tmp_path / "precious.txt"
    target.write_text("keep me")
    link = tmp_path / ".nb.answers.json.linklink.tmp"
    link.symlink_to(target)
    os.utime(link, (0, 0), follow_symlinks=False)
    AnswerStore("nb", tmp_path)
    assert target.read_text() == "keep me" and link.is_symlink()


SAVE_FOREVER = """
import sys
from coursekit.answers import AnswerStore
store = AnswerStore("nb", sys.argv[1])
print("ready", flush=True)
n = 0
while True:
    n += 1
    store.save(f"q{n % 40}", "answer " + "x" * (n % 500))
"""


def test_kill_9_mid_save_never_leaves_a_corrupt_file_and_its_temp_files_are_tidied(tmp_path):
    rng = random.Random(9)
    path = answers_path(tmp_path, "nb")
    for _ in range(30):
        proc = subprocess.Popen([sys.executable, "-c", SAVE_FOREVER, str(tmp_path)],
                                stdout=subprocess.PIPE, text=True)
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.005, 0.05))
        proc.kill()
        proc.wait(10)
        proc.stdout.close()
        found = read_answers(path)
        assert found.exists and found.problems == [], found.problems
        assert found.answers, "the answers saved before the kill are all there"
    leftovers = list(tmp_path.glob(".nb.answers.json.*.tmp"))
    for temp in leftovers:  # as if the learner came back later
        os.utime(temp, (time.time() - 3600,) * 2)
    store = AnswerStore("nb", tmp_path)
    assert store.problems == []
    assert [p.name for p in tmp_path.iterdir()] == ["nb.answers.json"], "no stray temp file is left"


# Deep JSON ------------------------------------------------------------------------------------

def test_deeply_nested_file_is_refused_with_a_message_not_an_exception(tmp_path):
    path = answers_path(tmp_path, "nb")
    path.write_text('{"format": "coursekit-answers", "answers": {"q1": {"value": '
                    + "[" * 3000 + "]" * 3000 + "}}}")
    found = read_answers(path)
    assert found.answers == {}
    assert len(found.problems) == 1
    assert "nb.answers.json" in found.problems[0] and "not laid out the way coursekit saves" in found.problems[0]
    assert "Answer the questions again" in found.problems[0]
    store = AnswerStore("nb", tmp_path)  # the learner's exercise still opens
    assert list(tmp_path.glob("nb.answers.unreadable-*.json")), "and the file is kept aside"
    store.save("q1", "a")
    assert AnswerStore("nb", tmp_path).value("q1") == "a"


@pytest.mark.parametrize("opener,closer", [("[", "]"), ('{"a":', "}")])
def test_deep_nesting_anywhere_never_raises(tmp_path, opener, closer):
    path = answers_path(tmp_path, "nb")
    for depth in (answers.MAX_DEPTH + 1, 3000, 100_000):
        path.write_text(opener * depth + "1" + closer * depth)
        assert read_answers(path).problems, depth
    path.write_text("[" * 200_000)  # not even closed
    assert read_answers(path).problems


def test_brackets_inside_text_answers_do_not_count_as_nesting(tmp_path):
    store = AnswerStore("nb", tmp_path)
    text = '[[[{{{ "quoted \\" [[[ ' * 200
    store.save("reflection", text)
    again = AnswerStore("nb", tmp_path)
    assert again.problems == [] and again.value("reflection") == text


def test_json_depth_counts_structure_only():
    assert answers.json_depth('{"a": [1, {"b": []}]}') == 4
    assert answers.json_depth('{"a": "[[[[[[", "b": "\\"{{{"}') == 1
    assert answers.json_depth("") == 0
    assert answers.json_depth("[" * 50) == 50
