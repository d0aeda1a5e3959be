"""Files learners send are data, within limits, when they are collected: returned zips and
nbgrader's exchange, tried as a hostile learner would.

A zip fills only its own learner's slot; entry modes, links, nested zips and zip bombs are
never honoured or unpacked; an odd zip never stops a batch; an exchange folder counts only
if the learner it names owns it; a date in the future never locks out later work; no
interrupted-save temp file travels into submitted/.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
import zipfile
from pathlib import Path

import pytest

from coursekit.cohort.collect import collect_exchange, collect_zips, collector_regexp
from coursekit.cohort.folder import init_cohort
from coursekit.cohort.release import make_packs, release_exchange
from coursekit.cohort.return_zip import MAX_ENTRIES, MAX_UNPACKED
from course_support import ROOT
from exchange_support import submit_to_exchange

pytestmark = pytest.mark.slow

A = "goal_and_mission"
NB = f"{A}.ipynb"
ANSWERS = f"{A}.answers.json"
ON_TIME = (2026, 11, 29, 10, 0, 0)
LATER = (2026, 11, 30, 10, 0, 0)
ROSTER = "id,name,email,board\n" + "".join(f"L0{i:02d},Learner {i},l{i}@nhs.net,North\n" for i in range(1, 13))


def answers(drop: tuple[str, ...] = ()) -> bytes:
    data = json.loads((ROOT / "solutions" / A / ANSWERS).read_text("utf-8"))
    for qid in drop:
        del data["answers"][qid]
    return json.dumps(data).encode()


def entry(name: str, when=ON_TIME, mode: int | None = None) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, when)
    if mode is not None:
        info.create_system = 3
        info.external_attr = mode << 16
    return info


def make_zip(path: Path, entries: list[tuple[zipfile.ZipInfo, bytes]], received=ON_TIME) -> Path:
    """A zip as a learner sends it, saved on the trainer's disk at ``received`` (UTC): when it was received."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in entries:
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    when = dt.datetime(*received, tzinfo=dt.timezone.utc).timestamp()
    os.utime(path, (when, when))
    return path


def plain_zip(path: Path, notebook: bytes, files: dict[str, bytes] | None = None, when=ON_TIME) -> Path:
    files = {NB: notebook, ANSWERS: answers()} if files is None else files
    return make_zip(path, [(entry(f"{A}/{name}", when), data) for name, data in files.items()], received=when)


def deep_json(levels: int) -> bytes:
    return ('{"format": "coursekit-answers", "answers": {"q1_rocks": {"value": ' + "[" * levels + "]" * levels
            + ', "saved_at": "2026-11-29T10:00:00+00:00"}}}').encode()


@pytest.fixture(scope="module")
def zips(tmp_path_factory):
    """One genuine collection for L001, then a batch of hostile and odd zips among good ones."""
    base = tmp_path_factory.mktemp("zips")
    (base / "roster.csv").write_text(ROSTER, "utf-8")
    cohort = init_cohort(base / "cohort", base / "roster.csv", name="Hostile zips")
    packs = make_packs(cohort, [A])
    notebook = zipfile.ZipFile(packs[0]).read(f"exercises/{A}/{NB}")

    first = base / "first"
    first.mkdir()
    plain_zip(first / f"L001_{A}.zip", notebook, {NB: notebook, ANSWERS: answers(("q3_mission",))})
    first_report = collect_zips(cohort, A, first)
    l001_before = (cohort.root / "submitted" / "L001" / A / ANSWERS).read_bytes()

    secret = base / "model-answers.json"  # a root-only file a learner must never get graded from
    secret.write_bytes(answers())
    secret.chmod(0o600)
    back = base / "returned"
    back.mkdir()
    forged = f"extracted/L001+{A}+20991231T000000Z"
    make_zip(back / f"L002_{A}.zip", [  # L002 tries to fill L001's slot, and their own
        (entry(f"{forged}/{NB}"), notebook), (entry(f"{forged}/{ANSWERS}"), answers()),
        (entry(f"{A}/{NB}"), notebook), (entry(f"{A}/{ANSWERS}"), answers(("q1_rocks",)))])
    make_zip(back / f"L003_{A}.zip", [(entry(f"{A}/{NB}", mode=0o104755), notebook),
                                      (entry(f"{A}/{ANSWERS}", mode=0o104755), answers())])
    make_zip(back / f"L004_{A}.zip", [(entry(f"{A}/{NB}"), notebook),
                                      (entry(f"{A}/{ANSWERS}", mode=stat.S_IFLNK | 0o777), str(secret).encode())])
    (back / f"L005_{A}.zip").symlink_to(plain_zip(base / f"L001-copy_{A}.zip", notebook))  # a linked zip
    (back / "linked-folder").symlink_to(first, target_is_directory=True)
    make_zip(back / f"L006_{A}.zip", [(entry(f"{A}/{NB}"), notebook),
                                      (entry(f"{A}/{ANSWERS}"), b" " * (MAX_UNPACKED + 1))])  # a zip bomb
    make_zip(back / f"L007_{A}.zip", [(entry(f"{A}/{NB}"), notebook), (entry(f"{A}/{ANSWERS}"), deep_json(3000))])
    odd_dates = json.loads(answers())
    for value in odd_dates["answers"].values():
        value["saved_at"] = "9999-12-31T23:59:59-05:00"
    odd_dates["answers"]["q1_rocks"]["saved_at"] = "0001-01-01T00:00:00+05:00"
    make_zip(back / f"L008_{A}.zip", [(entry(f"{A}/{NB}", (2099, 12, 31, 0, 0, 0)), notebook),
                                      (entry(f"{A}/{ANSWERS}"), json.dumps(odd_dates).encode())])
    inner = plain_zip(base / "inner.zip", notebook)
    make_zip(back / f"L009_{A}.zip", [
        (entry(f"{A}/{NB}"), notebook), (entry(f"{A}/{ANSWERS}"), answers()),
        (entry(f"{A}/more.zip"), inner.read_bytes()),
        (entry(f"{A}/.{ANSWERS}.k2j3.tmp"), b'{"half": '),
        (entry(f"../../{A}/{ANSWERS}"), answers(("q1_rocks",))), (entry(f"/etc/{ANSWERS}"), answers(("q1_rocks",)))])
    make_zip(back / f"L010_{A}.zip", [(entry(f"{A}/{NB}"), notebook)]
             + [(entry(f"{A}/notes-{i}.txt"), b"x") for i in range(MAX_ENTRIES + 1)])
    plain_zip(back / f"L011_{A}.zip", notebook)  # an ordinary, good zip in the same batch
    report = collect_zips(cohort, A, back)
    l001_archived = sorted((cohort.root / "archive" / A / "L001").glob("2*"))
    l001_after = (cohort.root / "submitted" / "L001" / A / ANSWERS).read_bytes()

    again = base / "again"
    again.mkdir()
    plain_zip(again / f"L001_{A}.zip", notebook, when=LATER)  # L001's genuine, later work
    return cohort, first_report, (l001_before, l001_after, l001_archived), report, collect_zips(cohort, A, again), notebook


def problems(report, learner: str) -> str:
    return " ".join(report.problems.get(learner, []))


def test_a_zip_fills_only_its_own_learners_slot(zips):
    cohort, first, (before, after, archived), report, again, _ = zips
    assert first.collected == ["L001"]
    assert "L001" not in report.collected and "L001" not in report.unchanged
    assert after == before, "L002's zip did not touch L001's submission"
    assert archived == [], "nothing of L001's was archived by L002's zip"
    l002 = cohort.root / "submitted" / "L002" / A
    assert sorted(p.name for p in l002.iterdir()) == sorted([NB, ANSWERS, "timestamp.txt"]), "flat, only its files"
    assert again.collected == ["L001"], "L001's genuine later zip is not locked out as 'older'"
    assert (cohort.root / "submitted" / "L001" / A / ANSWERS).read_bytes() == answers()


def test_the_collector_pattern_matches_only_the_top_of_the_cohorts_own_extracted_folder():
    import re

    pattern = collector_regexp(A, "/c/downloaded/goal_and_mission/extracted")
    top = f"/c/downloaded/{A}/extracted/L002+{A}+20261129T100000Z"
    assert re.match(pattern, f"{top}/{ANSWERS}").group("student_id") == "L002"
    assert not re.match(pattern, f"{top}/extracted/L001+{A}+20991231T000000Z/{ANSWERS}")
    assert not re.match(pattern, f"{top}/sub/{ANSWERS}")
    assert not re.match(pattern, f"/elsewhere/extracted/L001+{A}+20991231T000000Z/{ANSWERS}")


def test_collected_files_are_ordinary_files_of_the_collector_never_setuid_or_executable(zips):
    cohort, *_ = zips
    for path in (cohort.root / "submitted" / "L003" / A).iterdir():
        info = os.lstat(path)
        assert stat.S_ISREG(info.st_mode) and stat.S_IMODE(info.st_mode) == 0o644, (path.name, oct(info.st_mode))
        assert info.st_uid == os.geteuid()
    assert (cohort.root / "submitted" / "L003" / A / ANSWERS).read_bytes() == answers()


def test_links_in_a_zip_or_the_returned_folder_are_never_followed(zips):
    cohort, _, _, report, *_ = zips
    l004 = cohort.root / "submitted" / "L004" / A
    assert (l004 / NB).is_file() and not (l004 / ANSWERS).exists(), "the linked answers file is not taken"
    assert "is a link, which is never followed" in problems(report, "L004")
    assert "L005" not in report.collected and not (cohort.root / "submitted" / "L005").exists()
    assert "links are never followed" in problems(report, "L005")
    assert any("linked-folder" in u for u in report.unmatched), "a linked folder is reported, not walked"


def test_a_zip_over_the_limits_is_refused_and_nested_zips_are_never_opened(zips):
    cohort, _, _, report, *_ = zips
    for learner, why in (("L006", "unpacks to more than 50 MB"), ("L010", f"more than the {MAX_ENTRIES}")):
        assert learner not in report.collected and not (cohort.root / "submitted" / learner).exists(), learner
        assert why in problems(report, learner), problems(report, learner)
    l009 = cohort.root / "submitted" / "L009" / A
    assert "L009" in report.collected
    assert sorted(p.name for p in l009.iterdir()) == sorted([NB, ANSWERS, "timestamp.txt"])
    assert (l009 / ANSWERS).read_bytes() == answers(), "`..` and absolute paths were skipped, not used"
    assert "more.zip is a zip inside the zip, which is never opened" in problems(report, "L009")
    assert "points outside the zip's own folder" in problems(report, "L009")
    assert not list((cohort.root / "downloaded").rglob("more*")), "never unpacked, even in the staging area"


def test_deep_json_and_odd_dates_never_stop_a_batch(zips):
    cohort, _, _, report, *_ = zips
    assert {"L002", "L003", "L007", "L008", "L009", "L011"} <= set(report.collected)
    assert (cohort.root / "submitted" / "L007" / A / ANSWERS).read_bytes() == deep_json(3000), "kept as sent"
    taken = (cohort.root / "submitted" / "L008" / A / "timestamp.txt").read_text()
    assert taken.startswith("2026-11-29 10:00:00"), "the time the zip was received, never a date the learner wrote"


# -- the exchange ---------------------------------------------------------------------------

def _stamp(when: dt.datetime) -> str:
    return when.strftime("%Y-%m-%d %H:%M:%S.%f UTC")


@pytest.fixture(scope="module")
def exchange(tmp_path_factory):
    if os.geteuid() != 0:
        pytest.skip("needs root, to make folders owned by another unix account")
    import pwd

    nobody = pwd.getpwnam("nobody")
    base = tmp_path_factory.mktemp("exchange")
    (base / "roster.csv").write_text(ROSTER + "nobody,Nobody Hub,nobody@nhs.net,South\n", "utf-8")
    cohort = init_cohort(base / "cohort", base / "roster.csv", exchange=base / "exchange", name="Hostile exchange")
    release_exchange(cohort, [A])
    inbound = base / "exchange" / cohort.course_id / "inbound"
    notebook = (base / "exchange" / cohort.course_id / "outbound" / A / NB).read_bytes()
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    hour = dt.timedelta(hours=1)
    secret = base / "model-answers.json"
    secret.write_bytes(answers())
    secret.chmod(0o600)
    elsewhere = base / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / NB).write_bytes(notebook)
    (elsewhere / ANSWERS).write_bytes(answers())

    # L001's genuine work, and a folder another account made in L001's name, dated in the future
    submit_to_exchange(inbound, "L001", A, now - 3 * hour, {NB: notebook, ANSWERS: answers(("q3_mission",))})
    forged = submit_to_exchange(inbound, "L001", A, dt.datetime(2099, 12, 31), {NB: notebook, ANSWERS: b"{}"})
    os.chown(forged, nobody.pw_uid, nobody.pw_gid)
    # L002 names the future: the folder's own time is used, so later genuine work is not locked out
    future = submit_to_exchange(inbound, "L002", A, dt.datetime(2099, 12, 31), {NB: notebook})
    os.utime(future, (future.stat().st_atime, (now - 2 * hour).replace(tzinfo=dt.timezone.utc).timestamp()))
    # L003: an earlier clean submission, then one whose answers file is a link to the model answers
    submit_to_exchange(inbound, "L003", A, now - 3 * hour, {NB: notebook, ANSWERS: answers(("q1_rocks",))})
    linked = submit_to_exchange(inbound, "L003", A, now - 2 * hour, {NB: notebook})
    (linked / ANSWERS).symlink_to(secret)
    # L004: the inbound entry itself is a link to a folder elsewhere
    (inbound / f"L004+{A}+{_stamp(now - hour)}+abcd1234").symlink_to(elsewhere, target_is_directory=True)
    # L005: a setuid file and a temp file from an interrupted save
    l005 = submit_to_exchange(inbound, "L005", A, now - hour, {NB: notebook, ANSWERS: answers(),
                                                               f".{ANSWERS}.x1y2.tmp": b'{"half": '})
    (l005 / NB).chmod(0o4755)
    # 'nobody' has a unix account: only a folder that account owns counts
    submit_to_exchange(inbound, "nobody", A, now - 3 * hour, {NB: notebook, ANSWERS: answers()})  # owned by root
    report = collect_exchange(cohort, A)

    started = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)
    later = submit_to_exchange(inbound, "L002", A, now - hour, {NB: notebook, ANSWERS: answers()})
    owned = submit_to_exchange(inbound, "nobody", A, now - hour, {NB: notebook, ANSWERS: answers()})
    for path in [owned, *owned.iterdir()]:
        os.chown(path, nobody.pw_uid, nobody.pw_gid)
    return cohort, report, collect_exchange(cohort, A), (later, started)


def test_an_exchange_folder_counts_only_if_the_learner_it_names_owns_it(exchange):
    cohort, report, again, _ = exchange
    assert "L001" in report.collected
    assert (cohort.root / "submitted" / "L001" / A / ANSWERS).read_bytes() == answers(("q3_mission",))
    refused = [u for u in report.unmatched if u.startswith("L001+")]
    assert len(refused) == 1 and "2099" in refused[0] and "owned by unix user 'nobody'" in refused[0]
    assert "nobody" not in report.collected
    assert any(u.startswith("nobody+") and "'root'" in u and "the unix account nobody" in u for u in report.unmatched)
    assert again.collected == ["L002", "nobody"], "a folder owned by the learner's own account is collected"


def test_a_date_in_the_future_never_locks_out_later_work(exchange):
    cohort, report, again, (later, started) = exchange
    assert "L002" in report.collected
    assert "L002" in again.collected, "the genuine later submission is not 'unchanged'"
    taken = (cohort.root / "submitted" / "L002" / A / "timestamp.txt").read_text()
    assert taken != later.name.split("+")[2], "never the date the learner's side wrote"
    assert started <= dt.datetime.strptime(taken, "%Y-%m-%d %H:%M:%S.%f UTC") <= dt.datetime.now(dt.timezone.utc).replace(tzinfo=None), \
        "the exchange's own time for the later submission"


def test_links_in_the_exchange_are_never_followed(exchange):
    cohort, report, *_ = exchange
    l003 = cohort.root / "submitted" / "L003" / A
    assert (l003 / ANSWERS).read_bytes() == answers(("q1_rocks",)), "the earlier, clean submission is used"
    assert f"{ANSWERS} is a link" in problems(report, "L003")
    assert "L004" not in report.collected and not (cohort.root / "submitted" / "L004").exists()
    assert "links are never followed" in problems(report, "L004")
    for path in (cohort.root / "submitted").rglob("*"):
        assert not path.is_symlink(), path


def test_exchange_copies_are_plain_files_without_temp_files(exchange):
    cohort, report, *_ = exchange
    l005 = cohort.root / "submitted" / "L005" / A
    assert "L005" in report.collected
    assert sorted(p.name for p in l005.iterdir()) == sorted([NB, ANSWERS, "submission_secret.txt", "timestamp.txt"])
    for path in l005.iterdir():
        info = os.lstat(path)
        assert stat.S_IMODE(info.st_mode) == 0o644 and info.st_uid == os.geteuid(), (path.name, oct(info.st_mode))


def test_the_collect_help_states_the_limits():
    from coursekit.cli import app as cli

    parser = cli.build_parser()
    verbs = next(a for a in parser._actions if a.dest == "verb").choices
    text = " ".join(verbs["collect"].format_help().split())
    assert f"{MAX_UNPACKED // 2**20} MB unpacked or {MAX_ENTRIES} files is refused" in text
    assert "links are never followed" in text and "belongs to the learner it names" in text


def test_a_learners_folder_is_copied_as_data_or_not_at_all(tmp_path):
    from coursekit.cohort.submitted_files import UnsafeFile, check_tree, copy_tree

    src = tmp_path / "sent"
    (src / "sub").mkdir(parents=True)
    (src / "a.txt").write_text("a")
    (src / "sub" / "b.txt").write_text("b")
    (src / "sub" / "b.txt").chmod(0o6755)
    copy_tree(src, tmp_path / "copy")
    assert (tmp_path / "copy" / "sub" / "b.txt").read_text() == "b"
    assert stat.S_IMODE((tmp_path / "copy" / "sub" / "b.txt").stat().st_mode) == 0o644
    with pytest.raises(UnsafeFile, match="owner"):
        copy_tree(src, tmp_path / "not-theirs", owner=os.geteuid() + 1)
    assert not (tmp_path / "not-theirs").exists()
    (src / "sub" / "key").symlink_to(tmp_path / "copy" / "a.txt")
    assert [f.why for f in check_tree(src)] == ["sub/key is a link, which is never followed or copied."]
    with pytest.raises(UnsafeFile, match="sub/key is a link"):
        copy_tree(src, tmp_path / "again")
    assert not (tmp_path / "again").exists(), "no partial copy is left"
    assert "more than the 1 a submission may hold" in " ".join(f.why for f in check_tree(src, max_files=1))


def test_a_zip_of_many_tiny_entries_is_refused_before_its_list_is_read(tmp_path, monkeypatch):
    from coursekit.cohort import return_zip

    many = make_zip(tmp_path / f"L001_{A}.zip", [(entry(f"{A}/{i}"), b"") for i in range(10_000)])
    monkeypatch.setattr(return_zip.zipfile, "ZipFile", lambda *a, **k: pytest.fail("the list was read"))
    with pytest.raises(return_zip.RefusedZip, match=f"more than the {MAX_ENTRIES} files"):
        return_zip.read_return(many, {NB})
