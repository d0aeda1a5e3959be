"""Issue 13, the trainer's collect and grade: `collect all` collects every released exercise, from zips
and from the exchange, with a line for each; a misnamed zip is reported once, with the names accepted;
a resent zip says whose earlier work it replaced; lateness comes from times the learner cannot set
(a zip's time on the trainer's disk, the exchange's own inode change time) and becomes nbgrader's
submission timestamp; grading before collecting says to collect first; a corrupt answers file is
reported to the trainer as such; releasing with a due date already past asks first; the export's
columns are the whole course's, with lateness, and can start with a byte-order mark for Excel."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import zipfile

import pytest

from coursekit.cli import app as cli
from coursekit.cohort.autograde import grade
from coursekit.cohort.collect import RECEIVED, collect_exchange, collect_exchange_all, collect_zips
from coursekit.cohort.folder import init_cohort
from coursekit.cohort.release import make_packs, release_exchange
from course_support import ROOT
from exchange_support import submit_to_exchange

pytestmark = pytest.mark.slow

A, T = "goal_and_mission", "a_team"
UTC = dt.timezone.utc
DUE = dt.datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
BEFORE, AFTER = dt.datetime(2026, 11, 29, 10, 0, tzinfo=UTC), dt.datetime(2026, 12, 2, 10, 0, tzinfo=UTC)
ROSTER = "id,name,email,board\nL001,Ann Lee,ann@nhs.net,North\nL002,Bo Chen,bo@nhs.net,North\nL003,Cy Dale,cy@nhs.net,South\n"


def answers(assignment: str) -> bytes:
    return (ROOT / "solutions" / assignment / f"{assignment}.answers.json").read_bytes()


def sent_zip(path, assignment: str, cohort, received: dt.datetime, inside: dt.datetime | None = None,
             answers_file: bytes | None = None):
    """A zip a learner sent: the times inside it (and saved_at) are the learner's; ``received`` is its time on
    the trainer's disk."""
    inside = inside or received
    notebook = (cohort.root / "release" / assignment / f"{assignment}.ipynb").read_bytes()
    with zipfile.ZipFile(path, "w") as archive:
        stamp = inside.timetuple()[:6]
        archive.writestr(zipfile.ZipInfo(f"{assignment}/{assignment}.ipynb", stamp), notebook)
        archive.writestr(zipfile.ZipInfo(f"{assignment}/{assignment}.answers.json", stamp),
                         answers(assignment) if answers_file is None else answers_file)
    os.utime(path, (received.timestamp(), received.timestamp()))
    return path


def run(capsys, *argv) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def cohort(tmp_path_factory):
    base = tmp_path_factory.mktemp("collect-all")
    (base / "roster.csv").write_text(ROSTER, "utf-8")
    cohort = init_cohort(base / "cohort", base / "roster.csv", name="Collect all")
    make_packs(cohort, [A, T, "why_preconditions", "start_here"], due=DUE)
    return cohort


def timestamp(cohort, learner: str, assignment: str) -> str:
    return (cohort.root / "submitted" / learner / assignment / "timestamp.txt").read_text()


# -- collect all, from zips -----------------------------------------------------------------

def test_collect_all_from_zips_collects_every_released_exercise_and_names_a_misnamed_zip_once(cohort, tmp_path, capsys):
    sent_zip(tmp_path / f"L001_{A}.zip", A, cohort, BEFORE)
    sent_zip(tmp_path / f"L002_{T}.zip", T, cohort, BEFORE)
    sent_zip(tmp_path / "L003_goalmission.zip", A, cohort, BEFORE)  # names no exercise
    code, out, err = run(capsys, "collect", "all", "--from-zips", str(tmp_path), "--cohort", str(cohort.root))
    assert code == 0, err
    assert f"{A}: collected 1," in out and f"{T}: collected 1," in out
    assert "start_here: collected 0," in out and "why_preconditions: collected 0," in out, "every released exercise"
    assert not (cohort.root / "submitted" / "L001" / "clear_leadership").exists()
    wrong = [line for line in out.splitlines() if "L003_goalmission.zip" in line]
    assert len(wrong) == 1, out
    assert "it names no exercise" in wrong[0] and f"L003_{A}.zip" in wrong[0] and f"L003_{T}.zip" in wrong[0]
    assert "L003_start_here.zip" in wrong[0] and "L003_why_preconditions.zip" in wrong[0]
    assert (cohort.root / "submitted" / "L002" / T / f"{T}.answers.json").read_bytes() == answers(T)


def test_a_folder_with_only_another_exercises_zips_collects_nothing_and_says_so(cohort, tmp_path, capsys):
    sent_zip(tmp_path / f"L001_{T}.zip", T, cohort, BEFORE)
    code, out, err = run(capsys, "collect", "start_here", "--from-zips", str(tmp_path), "--cohort", str(cohort.root))
    assert code == 1
    assert err.strip() == (f"Nothing was collected for start_here: no zip in {tmp_path} is named for a learner on "
                           "the roster and a released exercise. Check the folder or the names above, then collect again.")
    assert f"1 zip(s) for {T}, which this run did not collect." in out


def test_collect_all_with_nothing_released_refuses(tmp_path, capsys):
    (tmp_path / "roster.csv").write_text(ROSTER, "utf-8")
    bare = init_cohort(tmp_path / "cohort", tmp_path / "roster.csv", name="Bare")
    (tmp_path / "zips").mkdir()
    code, _, err = run(capsys, "collect", "all", "--from-zips", str(tmp_path / "zips"), "--cohort", str(bare.root))
    assert code == 1 and "Nothing has been released in this cohort yet" in err


def test_a_resent_zip_says_whose_earlier_work_it_replaced(cohort, tmp_path, capsys):
    first, again = tmp_path / "first", tmp_path / "again"
    first.mkdir(), again.mkdir()
    sent_zip(first / f"L003_{A}.zip", A, cohort, BEFORE)
    assert collect_zips(cohort, A, first).collected == ["L003"]
    blank = json.dumps({"format": "coursekit-answers", "answers": {}}).encode()
    sent_zip(again / f"L003_{A}.zip", A, cohort, BEFORE + dt.timedelta(hours=1), answers_file=blank)
    code, out, err = run(capsys, "collect", A, "--from-zips", str(again), "--cohort", str(cohort.root))
    assert code == 0, err
    assert f"{A}: collected 1 (1 replacing earlier work: L003)," in out
    assert ("  L003: this replaced the work collected earlier (received 29 Nov 2026 10:00 UTC). The earlier work "
            f"is kept in archive/{A}/L003/20261129T100000Z.") in out
    assert (cohort.root / "archive" / A / "L003" / "20261129T100000Z" / f"{A}.answers.json").read_bytes() == answers(A)


# -- lateness from times the learner cannot set ----------------------------------------------

def test_a_zips_lateness_is_when_it_was_received_never_the_times_inside_it(cohort, tmp_path):
    on_time_inside = tmp_path / "late"
    late_inside = tmp_path / "on-time"
    on_time_inside.mkdir(), late_inside.mkdir()
    # L001 dated everything inside before the due date, but the zip reached the trainer after it
    sent_zip(on_time_inside / "L001_why_preconditions.zip", "why_preconditions", cohort, AFTER, inside=BEFORE)
    # L002's computer clock was wrong (after the due date), but the zip arrived before it
    sent_zip(late_inside / "L002_why_preconditions.zip", "why_preconditions", cohort, BEFORE, inside=AFTER)
    late = collect_zips(cohort, "why_preconditions", on_time_inside)
    on_time = collect_zips(cohort, "why_preconditions", late_inside)
    assert late.late == {"L001": "22 hours"} and "L002" not in on_time.late
    assert timestamp(cohort, "L001", "why_preconditions") == "2026-12-02 10:00:00.000000 UTC"
    assert timestamp(cohort, "L002", "why_preconditions") == "2026-11-29 10:00:00.000000 UTC"
    # the time received is kept: a copy or touch of the file later changes nothing
    os.utime(on_time_inside / "L001_why_preconditions.zip", (BEFORE.timestamp(), BEFORE.timestamp()))
    again = collect_zips(cohort, "why_preconditions", on_time_inside)
    assert again.unchanged == ["L001"] and again.late["L001"] == "22 hours"
    kept = json.loads((cohort.root / "archive" / "why_preconditions" / RECEIVED).read_text())
    assert sorted(kept.values()) == ["2026-11-29T10:00:00", "2026-12-02T10:00:00"]


def test_nbgrader_grades_lateness_from_the_time_collect_recorded(cohort):
    summary = grade(cohort, ["why_preconditions"], progress=False)
    assert sorted(summary.graded) == [("L001", "why_preconditions"), ("L002", "why_preconditions")]
    with cohort.gradebook() as gb:
        late = {s.student.id: s.total_seconds_late for s in gb.find_assignment("why_preconditions").submissions}
    assert late == {"L001": 22 * 3600.0, "L002": 0.0}


# -- grade before collect; a corrupt answers file ---------------------------------------------

def test_grading_before_collecting_says_to_collect_first(cohort, capsys):
    code, out, err = run(capsys, "grade", "clear_leadership", "--quiet", "--cohort", str(cohort.root))
    assert code == 1
    assert "No problems found" not in out
    assert ("Nothing has been collected for clear_leadership, so nothing was graded. Run `coursekit collect "
            "clear_leadership` (or add --from-zips FOLDER) first.") in out


def test_a_corrupt_answers_file_is_reported_to_the_trainer_as_unreadable(cohort, tmp_path, capsys):
    sent_zip(tmp_path / "L001_start_here.zip", "start_here", cohort, BEFORE, answers_file=b'{"format": "coursekit-answers", ')
    assert collect_zips(cohort, "start_here", tmp_path).collected == ["L001"]
    code, out, err = run(capsys, "grade", "start_here", "--quiet", "--cohort", str(cohort.root))
    line = next(line for line in out.splitlines() if line.startswith("  L001, start_here:"))
    assert line.startswith("  L001, start_here: answers file unreadable (corrupt JSON: "), out
    assert "missing answers" not in out
    assert "submitted/L001/start_here/start_here.answers.json" in line
    assert "Ask the learner to send the exercise again" in line and "Answer the questions again" not in line


def test_a_zip_without_its_answers_file_tells_the_trainer_what_to_ask_the_learner(cohort, tmp_path, capsys):
    notebook = (cohort.root / "release" / "start_here" / "start_here.ipynb").read_bytes()
    sent = tmp_path / "L003_start_here.zip"
    with zipfile.ZipFile(sent, "w") as archive:  # the folder zipped by hand before anything was answered
        archive.writestr("start_here/start_here.ipynb", notebook)
    os.utime(sent, (BEFORE.timestamp(), BEFORE.timestamp()))
    assert collect_zips(cohort, "start_here", tmp_path).collected == ["L003"]
    code, out, err = run(capsys, "grade", "start_here", "--quiet", "--cohort", str(cohort.root))
    line = next(line for line in out.splitlines() if line.startswith("  L003, start_here:"))
    assert line == ("  L003, start_here: missing answers: no answers file (start_here.answers.json) came with this "
                    "submission, so no answers were found and the questions score 0. Ask the learner to send the "
                    "exercise again, then run `coursekit collect start_here` and `coursekit grade start_here "
                    "--learner L003`. The exercise folder they send must hold that file: it is where their answers "
                    "are saved."), out
    assert "submit again" not in out, "the learner's advice is not the trainer's"


# -- release with a due date already past ----------------------------------------------------

def test_releasing_with_a_past_due_date_asks_first(cohort, capsys, monkeypatch):
    root = str(cohort.root)
    code, _, err = run(capsys, "release", A, "--packs", "--due", "2020-01-31", "--cohort", root)
    assert code == 1
    assert err.strip() == ("The due date 31 Jan 2020 23:59 is already past. Give a later --due, or add "
                           "--past-due-ok to release with it anyway.")
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: "n")
    code, out, err = run(capsys, "release", A, "--packs", "--due", "2020-01-31", "--cohort", root)
    assert code == 1 and "Nothing was released." in err
    monkeypatch.setattr("builtins.input", lambda prompt: "y")
    assert run(capsys, "release", A, "--packs", "--due", "2020-01-31", "--cohort", root)[0] == 0
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert run(capsys, "release", A, "--packs", "--due", "2020-01-31", "--past-due-ok", "--cohort", root)[0] == 0
    with cohort.gradebook() as gb:
        assert gb.find_assignment(A).duedate == dt.datetime(2020, 1, 31, 23, 59)
    # and back to the real due date, for the export below
    assert run(capsys, "release", A, "--packs", "--due", "2027-12-01", "--cohort", root)[0] == 0


# -- the export ----------------------------------------------------------------------------------

def test_the_export_has_the_whole_courses_columns_with_lateness_and_an_excel_option(cohort, tmp_path, capsys):
    out = tmp_path / "grades.csv"
    code, printed, err = run(capsys, "export", "--out", str(out), "--excel", "--cohort", str(cohort.root))
    assert code == 0, err
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "a UTF-8 byte-order mark, for Excel"
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    header = list(rows[0])
    lessons = [lesson.assignment for lesson in cohort.syllabus.lessons]
    expected = [f"{a}_{c}" for a in lessons for c in ("score", "max", "complete", "late", "minutes_late")]
    assert [h for h in header if h.startswith(tuple(f"{a}_" for a in lessons))] == expected
    by_id = {row["id"]: row for row in rows}
    assert by_id["L001"]["why_preconditions_late"] == "yes" and by_id["L001"]["why_preconditions_minutes_late"] == "1320"
    assert by_id["L002"]["why_preconditions_late"] == "no" and by_id["L002"]["why_preconditions_minutes_late"] == "0"
    assert by_id["L003"]["why_preconditions_late"] == "" and by_id["L003"]["why_preconditions_score"] == "0"
    unreleased = "after_the_first_wave"
    assert all(by_id["L001"][f"{unreleased}_{c}"] == "" for c in ("score", "max", "complete", "late", "minutes_late"))
    plain = tmp_path / "plain.csv"
    assert run(capsys, "export", "--out", str(plain), "--cohort", str(cohort.root))[0] == 0
    assert not plain.read_bytes().startswith(b"\xef\xbb\xbf") and plain.read_text("utf-8").split("\n")[0] == ",".join(header)


# -- the exchange ----------------------------------------------------------------------------------

def test_collect_all_from_the_exchange_times_work_by_the_exchange_not_the_learner(tmp_path, capsys):
    (tmp_path / "roster.csv").write_text(ROSTER, "utf-8")
    exchange = tmp_path / "exchange"
    cohort = init_cohort(tmp_path / "cohort", tmp_path / "roster.csv", exchange=exchange, name="Exchange all")
    release_exchange(cohort, [A, T], due=DUE)  # the due date is already past: all work now is late
    inbound = exchange / cohort.course_id / "inbound"
    for assignment in (A, T):
        notebook = (exchange / cohort.course_id / "outbound" / assignment / f"{assignment}.ipynb").read_bytes()
        # the learner's side names a time before the due date, and writes it in timestamp.txt
        submit_to_exchange(inbound, "L001", assignment, BEFORE.replace(tzinfo=None),
                           {f"{assignment}.ipynb": notebook, f"{assignment}.answers.json": answers(assignment)})
    seen = dt.datetime.now(UTC).replace(tzinfo=None)
    code, out, err = run(capsys, "collect", "all", "--cohort", str(cohort.root))
    assert code == 0, err
    assert f"{A}: collected 1," in out and f"{T}: collected 1," in out
    for assignment in (A, T):
        taken = dt.datetime.strptime(timestamp(cohort, "L001", assignment), "%Y-%m-%d %H:%M:%S.%f UTC")
        assert taken.date() == seen.date() and taken >= DUE.replace(tzinfo=None), "the exchange's time, not the learner's"
    assert "late: handed in" in out
    reports = collect_exchange_all(cohort, ["all"])
    assert [r.unchanged for r in reports] == [["L001"], ["L001"]] and all(r.late for r in reports)
    assert collect_exchange(cohort, A).collected == []


def test_collect_all_from_an_empty_exchange_exits_1(tmp_path, capsys):
    (tmp_path / "roster.csv").write_text(ROSTER, "utf-8")
    cohort = init_cohort(tmp_path / "cohort", tmp_path / "roster.csv", exchange=tmp_path / "exchange", name="Empty")
    release_exchange(cohort, [A])
    code, out, err = run(capsys, "collect", "all", "--cohort", str(cohort.root))
    assert code == 1 and f"{A}: collected 0, unchanged 0, nothing yet from 3." in out
    assert err.strip() == (f"Nothing was collected for {A}: no learner on the roster has submitted it to the exchange "
                           "yet. Check the folder or the names above, then collect again.")
