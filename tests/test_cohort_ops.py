"""The trainer's side of a cohort, through nbgrader itself: set up from the installed
package, release (packs and exchange), collect (returned zips and exchange), grade with
progress and resume, and feedback that never shows an answer key.

The module's cohorts are built step by step by fixtures; tests read the state they leave.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import io
import json
import os
import zipfile

import nbformat
import pytest
from nbgrader import utils

from coursekit.cli import app as cli
from coursekit.grading import feedback_labels, plugins as grading
from coursekit.questions.bank import load_bank
from coursekit.cohort.autograde import BROKEN, MARKER, MISSING, TAMPERED, grade
from coursekit.cohort.folder import Cohort, find_course, init_cohort
from coursekit.cohort.collect import collect_exchange, collect_zips
from coursekit.cohort.feedback import LEAKS, NoExchange, leaks, make_feedback, release_feedback
from coursekit.cohort.nbgrader_run import run_nbgrader
from coursekit.cohort.release import make_packs, release_exchange
from coursekit.questions.testcells import parse_test_cell
from course_support import ROOT
from exchange_support import submit_to_exchange

pytestmark = pytest.mark.slow

A = "goal_and_mission"
NB = f"{A}.ipynb"
ANSWERS = f"{A}.answers.json"
UTC = dt.timezone.utc
DUE = dt.datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
ON_TIME, LATE = (2026, 11, 29, 10, 0, 0), (2026, 12, 2, 10, 0, 0)  # both in the past: a future date is not believed

ROSTER = """Learner ID,Name,E-mail,Organisation
L001,Ann Lee,ann@nhs.net,North Board
L002,Bo Chen,bo@nhs.net,North Board
L003,Cy Dale,cy@nhs.net,North Board
L004,Dee Pryce,dee@nhs.net,South Board
L005,Ed Ng,ed@nhs.net,South Board
L006,Flo Ray,flo@nhs.net,South Board
L007,Gus Tan,gus@nhs.net,East Board
L008,Hal Moy,hal@nhs.net,East Board
"""
SUBMITTED = ["L001", "L002", "L003", "L004", "L005", "L006"]


# -- learners' work ---------------------------------------------------------------------

def answers_file(drop: tuple[str, ...] = ()) -> bytes:
    data = json.loads((ROOT / "solutions" / A / ANSWERS).read_text("utf-8"))
    for qid in drop:
        del data["answers"][qid]
    return json.dumps(data).encode()


def tampered(notebook: bytes) -> bytes:
    nb = nbformat.reads(notebook.decode(), as_version=4)
    by_id = {c.metadata.get("nbgrader", {}).get("grade_id"): c for c in nb.cells}
    by_id["check_q1_rocks"].source = "print(1.0)\n1.0"
    nb.cells.remove(by_id["check_q2_first_goal"])
    return nbformat.writes(nb).encode()


def returned_zip(path, files: dict[str, bytes], when) -> None:
    """A zip as a learner sends it, saved on the trainer's disk at ``when`` (UTC): that time is when it was received."""
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in files.items():
            archive.writestr(zipfile.ZipInfo(f"{A}/{name}", when), data)
    received = dt.datetime(*when, tzinfo=UTC).timestamp()
    os.utime(path, (received, received))


def source_keys() -> dict[str, dict]:
    nb = nbformat.read(find_course() / "source" / A / NB, as_version=4)
    return {spec.question: spec.key for spec in (parse_test_cell(c.source) for c in nb.cells
                                                 if utils.is_grade(c) and not utils.is_solution(c))}


def full_marks(cohort: Cohort) -> tuple[float, float]:
    """Auto-graded points for all right, and for all right but q3 unanswered, from the gradebook."""
    with cohort.gradebook() as gb:
        cells = [c for c in gb.find_notebook(A, A).grade_cells if c.cell_type == "code"]
        full = sum(c.max_score for c in cells)
        return full, full - next(c.max_score for c in cells if c.name == "check_q3_mission")


def auto_totals(cohort: Cohort) -> dict[str, float]:
    with cohort.gradebook() as gb:
        written = {c.name for c in gb.find_notebook(A, A).solution_cells}
        return {s.student.id: sum(g.auto_score or 0 for nb in s.notebooks for g in nb.grades if g.name not in written)
                for s in gb.find_assignment(A).submissions}


# -- the cohort, step by step -----------------------------------------------------------

@pytest.fixture(scope="module")
def packed(tmp_path_factory):
    base = tmp_path_factory.mktemp("zips")
    (base / "roster.csv").write_text(ROSTER, "utf-8")
    cohort = init_cohort(base / "cohort", base / "roster.csv", name="North, South and East boards")
    packs = make_packs(cohort, ["all"], due=DUE)
    return cohort, packs


@pytest.fixture(scope="module")
def collected(packed, tmp_path_factory):
    cohort, packs = packed
    notebook = zipfile.ZipFile(packs[0]).read(f"exercises/{A}/{NB}")
    back = tmp_path_factory.mktemp("returned")
    returned_zip(back / "L001_goal_and_mission.zip", {NB: notebook, ANSWERS: answers_file()}, ON_TIME)
    returned_zip(back / "L002_goal_and_mission.zip", {NB: notebook}, ON_TIME)  # nothing answered
    returned_zip(back / "L003_goal_and_mission.zip", {NB: notebook, ANSWERS: answers_file(("q3_mission", "reflection"))}, ON_TIME)
    returned_zip(back / "L004_goal_and_mission.zip", {NB: b'{"cells": [ {"cell_type": "code", ', ANSWERS: answers_file()}, ON_TIME)
    returned_zip(back / "L005_goal_and_mission.zip", {NB: tampered(notebook), ANSWERS: answers_file()}, ON_TIME)
    returned_zip(back / "L006_goal_and_mission.zip", {NB: notebook}, ON_TIME)  # first try, blank
    returned_zip(back / "L006_goal_and_mission (1).zip", {NB: notebook, ANSWERS: answers_file()}, LATE)  # again, late
    returned_zip(back / "L007-goal-and-mission.zip", {NB: notebook, ANSWERS: answers_file()}, ON_TIME)  # wrong name
    returned_zip(back / "X999_goal_and_mission.zip", {NB: notebook}, ON_TIME)  # nobody on the roster
    return cohort, collect_zips(cohort, A, back)


@pytest.fixture(scope="module")
def graded(collected):
    """Grading is interrupted inside nbgrader at the third submission, then run again."""
    cohort, _ = collected
    calls = {"n": 0}
    real = grading.GradeAnswers.preprocess

    def interrupt_third(self, nb, resources):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        return real(self, nb, resources)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(grading.GradeAnswers, "preprocess", interrupt_third)
        with pytest.raises(KeyboardInterrupt):
            grade(cohort, progress=False)
    first = {p.parent.parent.name: json.loads(p.read_text()) for p in (cohort.root / "autograded").glob(f"*/{A}/{MARKER}")}
    # a run killed outright can leave a half-made graded folder with no marker
    stale = cohort.root / "autograded" / "L006" / A
    stale.mkdir(parents=True)
    (stale / "timestamp.txt").write_text("half done")

    api, seen = cohort.api(), []
    real_autograde = api.autograde
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(api, "autograde", lambda *a, **k: seen.append(a[:2]) or real_autograde(*a, **k))
        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            summary = grade(cohort)
    return cohort, first, summary, seen, err.getvalue()


# -- set up -------------------------------------------------------------------------------

def test_cohort_is_made_from_the_installed_package(packed):
    cohort, _ = packed
    root = cohort.root
    for name in ("nbgrader_config.py", "cohort.toml", "roster.csv", "syllabus.toml", "gradebook.db"):
        assert (root / name).is_file(), name
    assert A in cohort.assignments
    assert sorted(cohort.assignments) == sorted(p.name for p in (find_course() / "source").iterdir() if p.is_dir())
    assert (root / "source" / A / NB).read_bytes() == (find_course() / "source" / A / NB).read_bytes()
    assert not list(root.glob(".*building*")) and not list(root.parent.glob(".*building*"))
    again = Cohort.open(root)
    assert (again.name, again.course_id, again.db_url) == ("North, South and East boards", "north-south-and-east-boards",
                                                           f"sqlite:///{root / 'gradebook.db'}")
    assert again.edition == cohort.syllabus.edition and [lr.board for lr in again.roster][-1] == "East Board"
    assert (root / "roster.csv").read_text("utf-8").splitlines()[0] == "id,name,email,board"
    with cohort.gradebook() as gb:
        students = {s.id: (s.first_name, s.last_name, s.email) for s in gb.students}
    assert students["L001"] == ("Ann", "Lee", "ann@nhs.net") and len(students) == 8
    config = cohort.nbgrader_config()
    assert config.CourseDirectory.course_id == cohort.course_id
    assert config.Autograde.autograde_preprocessors == grading.AUTOGRADE_PREPROCESSORS, "coursekit's grading is on"


# -- release --------------------------------------------------------------------------------

def test_one_pack_per_learner_with_exercise_lessons_and_readme(packed):
    cohort, packs = packed
    assert [p.name for p in packs] == [f"L00{i}.zip" for i in range(1, 9)]
    names = set(zipfile.ZipFile(packs[0]).namelist())
    assert {"README.txt", f"exercises/{A}/{NB}", "notebooks/04_goal_and_mission.ipynb"} <= names
    readme = zipfile.ZipFile(packs[0]).read("README.txt").decode()
    assert f"L001_{cohort.assignments[0]}.zip" in readme and f"exercises/{A}/" in readme
    assert "Ann Lee" in readme and "Send it to your trainer" in readme
    with cohort.gradebook() as gb:
        assert gb.find_assignment(A).duedate == DUE.replace(tzinfo=None)


def test_packs_never_hold_solutions_or_hidden_tests(packed):
    cohort, packs = packed
    source = nbformat.read(cohort.root / "source" / A / NB, as_version=4)
    hidden = [line.strip() for c in source.cells if utils.is_grade(c) and not utils.is_solution(c)
              for line in c.source.split("BEGIN HIDDEN TESTS", 1)[-1].splitlines() if "key=" in line]
    assert hidden, "the source has hidden tests to look for"
    why_right = [key["why"][key["correct"]] for key in source_keys().values() if key["kind"] == "choice"]
    for pack in packs:
        with zipfile.ZipFile(pack) as archive:
            assert not any(n.startswith(("solutions/", "source/", "solution/")) or n.endswith(".answers.json")
                           for n in archive.namelist()), pack.name
            for name in archive.namelist():
                text = archive.read(name).decode("utf-8", errors="replace")
                assert not [m for m in LEAKS if m in text], (pack.name, name)
                assert not [h for h in hidden if h in text], (pack.name, name)
                if name.startswith(f"{A}/"):
                    assert not [w for w in why_right if w in text], (pack.name, name)


# -- collect from returned zips -----------------------------------------------------------

def test_zip_collection_reports_names_duplicates_and_late_work_per_learner(collected):
    cohort, report = collected
    assert sorted(report.collected) == SUBMITTED
    assert report.missing == ["L007", "L008"]
    assert any("wrong file name L007-goal-and-mission.zip" in p and "L007_goal_and_mission.zip" in p
               for p in report.problems["L007"])
    assert any("X999_goal_and_mission.zip" in u for u in report.unmatched)
    l006 = " ".join(report.problems["L006"])
    assert "sent 2 zips" in l006 and "L006_goal_and_mission (1).zip" in l006 and "late" in l006
    assert list(report.late) == ["L006"], "only the resubmission came after the due date"
    submitted = cohort.root / "submitted"
    assert (submitted / "L006" / A / ANSWERS).read_bytes() == answers_file(), "the latest zip wins"
    kept = sorted(p.name for p in (cohort.root / "archive" / A / "L006" / "returned").iterdir())
    assert kept == ["L006_goal_and_mission (1).zip", "L006_goal_and_mission.zip"], "the earlier one is kept"
    assert not (submitted / "L002" / A / ANSWERS).exists() and (submitted / "L002" / A / NB).exists()
    assert "\n".join(report.lines()).count("L007") >= 1


# -- grade ---------------------------------------------------------------------------------

def test_grading_resumes_after_an_interruption_without_double_counting(graded):
    cohort, first, summary, seen, _ = graded
    assert sorted(first) == ["L001", "L002"], "two were graded before the interruption"
    assert summary.skipped == [("L001", A), ("L002", A)]
    assert seen == [(A, "L003"), (A, "L004"), (A, "L005"), (A, "L006")], "the rest, and the half-made one, again"
    assert sorted(summary.graded) == [(lid, A) for lid in ["L003", "L004", "L005", "L006"]]
    for lid in ("L001", "L002"):
        assert json.loads((cohort.root / "autograded" / lid / A / MARKER).read_text()) == first[lid]
    with cohort.gradebook() as gb:
        cells = len(gb.find_notebook(A, A).grade_cells)
        submissions = gb.find_assignment(A).submissions
        assert sorted(s.student.id for s in submissions) == SUBMITTED, "one submission per learner"
        assert all(len(nb.grades) == cells for s in submissions for nb in s.notebooks), "one grade per cell, never two"
    full, without_q3 = full_marks(cohort)
    assert auto_totals(cohort) == {"L001": full, "L002": 0, "L003": without_q3, "L004": full, "L005": full, "L006": full}


def test_grading_shows_progress(graded):
    *_, err = graded
    assert "Grading [" in err and "6/6" in err
    assert len(err.splitlines()) <= 12, "a bar, not a line per cell"


def test_each_learners_problems_are_summarised(graded):
    cohort, _, summary, _, _ = graded
    assert summary.kinds("L001") == set() and summary.kinds("L006") == set()
    assert summary.kinds("L002") == {MISSING}
    assert any("q3_mission, reflection" in p.detail for p in summary.problems["L003"])
    assert summary.kinds("L004") == {BROKEN}
    assert summary.kinds("L005") == {TAMPERED}
    tampering = " ".join(p.detail for p in summary.problems["L005"])
    assert "check_q1_rocks" in tampering and "check_q2_first_goal" in tampering, "edited and deleted cells named"
    assert "check_q3_mission" not in tampering, "cells the learner did not touch are not blamed"
    text = "\n".join(summary.lines())
    assert "L004, goal_and_mission: broken notebook" in text and "L005, goal_and_mission: tampering restored" in text
    notes = json.loads((cohort.root / "autograded" / "L004" / A / f"{A}{grading.NOTES_SUFFIX}").read_text())
    assert "could not be opened" in notes["notes"][0], "grading's notes are there as data"


def test_one_learner_is_regraded_alone(graded):
    cohort, *_ = graded
    before = auto_totals(cohort)
    markers = {lid: (cohort.root / "autograded" / lid / A / MARKER).read_text() for lid in SUBMITTED}
    summary = grade(cohort, learner="L003", progress=False)
    assert summary.graded == [("L003", A)] and summary.skipped == []
    assert auto_totals(cohort) == before
    assert all((cohort.root / "autograded" / lid / A / MARKER).read_text() == markers[lid]
               for lid in SUBMITTED if lid != "L003")


def test_work_graded_by_an_earlier_coursekit_is_graded_again(graded):
    """Before learner text was shown only as text, a graded notebook could hold a learner's raw HTML:
    such work carries no grading version in its marker, and the next plain run grades it again."""
    cohort, *_ = graded
    before = auto_totals(cohort)
    marker = cohort.root / "autograded" / "L004" / A / MARKER
    old = json.loads(marker.read_text())
    assert old.pop("grading_version") == 2
    marker.write_text(json.dumps(old))
    summary = grade(cohort, progress=False)
    assert summary.graded == [("L004", A)], "only the work graded the old way"
    assert ("L004", A) not in summary.skipped and len(summary.skipped) == len(SUBMITTED) - 1
    assert auto_totals(cohort) == before, "the same marks, counted once"
    assert json.loads(marker.read_text())["grading_version"] == 2


# -- feedback ------------------------------------------------------------------------------

def _text(page: str) -> str:
    import html
    import re

    page = re.sub(r"<(style|script)\b.*?</\1>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def test_feedback_explains_each_mark_and_never_shows_a_key(graded):
    cohort, *_ = graded
    pages = make_feedback(cohort)
    assert sorted(p.parent.parent.name for p in pages) == SUBMITTED
    keys = source_keys()
    why_right = [key["why"][key["correct"]] for key in keys.values() if key["kind"] == "choice"]
    with cohort.gradebook() as gb:
        auto_cells = [c.name for c in gb.find_notebook(A, A).grade_cells if c.cell_type == "code"]
    for page in pages:
        raw = page.read_text("utf-8")
        assert not [m for m in LEAKS if m in raw], page
        assert "HIDDEN" not in raw
        text = _text(raw)
        for cell in auto_cells:
            named = feedback_labels.label(load_bank(A), cell)  # the question's words, not "Grade cell: check_q1"
            assert text.count(named) == 2, (page, cell, "listed at the top and heading its part")
            shown = text.rsplit(named, 1)[1][:600]
            assert "Score:" in shown and "point" in shown, (page, cell, shown[:200])
    blank = _text((cohort.root / "feedback" / "L002" / A / f"{A}.html").read_text("utf-8"))
    assert not [w for w in why_right if w in blank], "a learner who did not answer is not told the right answer"
    only = make_feedback(cohort, learner="L001")
    assert [p.parent.parent.name for p in only] == ["L001"]


# -- collect again: last, as it changes the cohort ---------------------------------------

def test_collecting_again_keeps_the_earlier_submission_and_uses_the_latest(graded, tmp_path):
    cohort, *_ = graded
    notebook = (cohort.root / "release" / A / NB).read_bytes()
    returned_zip(tmp_path / "L001_goal_and_mission.zip", {NB: notebook, ANSWERS: answers_file(("q3_mission",))}, LATE)
    returned_zip(tmp_path / "L002_goal_and_mission.zip", {NB: notebook, ANSWERS: answers_file()}, (2026, 11, 1, 9, 0, 0))
    report = collect_zips(cohort, A, tmp_path)
    assert report.collected == ["L001"]
    assert "L002" in report.unchanged and any("was received before the work already collected" in p for p in report.problems["L002"])
    earlier = list((cohort.root / "archive" / A / "L001").glob("2026*/"))
    assert len(earlier) == 1 and (earlier[0] / ANSWERS).read_bytes() == answers_file(), "the first submission is kept"
    assert (cohort.root / "submitted" / "L001" / A / ANSWERS).read_bytes() == answers_file(("q3_mission",))
    summary = grade(cohort, progress=False)
    assert summary.graded == [("L001", A)], "only the new submission is graded"
    assert auto_totals(cohort)["L001"] == full_marks(cohort)[1]


# -- the exchange ----------------------------------------------------------------------------

def test_grading_work_that_was_never_released_here_prepares_only_its_own_assignment(tmp_path):
    (tmp_path / "roster.csv").write_text(ROSTER, "utf-8")
    cohort = init_cohort(tmp_path / "cohort", tmp_path / "roster.csv", name="Work from another server")
    folder = cohort.root / "submitted" / "L001" / A
    folder.mkdir(parents=True)
    (folder / NB).write_bytes((find_course() / "source" / A / NB).read_bytes())
    (folder / ANSWERS).write_bytes(answers_file())
    summary = grade(cohort, progress=False)  # every assignment asked for; only one has work
    assert summary.graded == [("L001", A)]
    with cohort.gradebook() as gb:
        assert [a.name for a in gb.assignments] == [A], "assignments nobody submitted are not generated"
    assert auto_totals(cohort) == {"L001": full_marks(cohort)[0]}


def test_exchange_release_collect_and_grade(tmp_path):
    user = getpass.getuser()
    (tmp_path / "roster.csv").write_text(f"id,name,email,board\nL001,Ann Lee,ann@nhs.net,North\n"
                                         f"L002,Bo Chen,bo@nhs.net,North\n{user},Hub User,hub@nhs.net,South\n", "utf-8")
    exchange = tmp_path / "exchange"
    cohort = init_cohort(tmp_path / "cohort", tmp_path / "roster.csv", exchange=exchange, name="Hub cohort")
    assert release_exchange(cohort, ["all"], due=DUE) == cohort.assignments
    outbound = exchange / cohort.course_id / "outbound" / A / NB
    assert outbound.exists() and not [m for m in LEAKS if m in outbound.read_text("utf-8")]

    # one learner fetches and submits with nbgrader itself
    home = tmp_path / "home"
    home.mkdir()
    (home / "nbgrader_config.py").write_text(
        f"c = get_config()\nc.Exchange.root = {str(exchange)!r}\nc.CourseDirectory.course_id = {cohort.course_id!r}\n")
    run_nbgrader(["fetch_assignment", A], home)
    (home / A / ANSWERS).write_bytes(answers_file())
    run_nbgrader(["submit", A], home)
    # the others as nbgrader's submit leaves them
    inbound = exchange / cohort.course_id / "inbound"
    notebook = outbound.read_bytes()
    submit_to_exchange(inbound, "L001", A, dt.datetime(2026, 11, 29, 9, 0), {NB: notebook})
    submit_to_exchange(inbound, "L001", A, dt.datetime(2026, 11, 30, 9, 0), {NB: notebook, ANSWERS: answers_file()})
    submit_to_exchange(inbound, "L002", A, dt.datetime(2026, 12, 3, 9, 0), {NB: notebook, ANSWERS: answers_file()})
    submit_to_exchange(inbound, "stranger", A, dt.datetime(2026, 11, 30, 9, 0), {NB: notebook})

    report = collect_exchange(cohort, A)
    assert sorted(report.collected) == sorted(["L001", "L002", user])
    assert any("submitted 2 times" in p for p in report.problems["L001"])
    assert "L002" in report.late and any("late" in p for p in report.problems["L002"])
    assert any("stranger" in u for u in report.unmatched) and not (cohort.root / "submitted" / "stranger").exists()
    assert (cohort.root / "submitted" / "L001" / A / ANSWERS).read_bytes() == answers_file(), "the latest wins"

    submit_to_exchange(inbound, "L001", A, dt.datetime(2026, 11, 30, 15, 0), {NB: notebook, ANSWERS: answers_file(("q3_mission",))})
    again = collect_exchange(cohort, A)
    assert again.collected == ["L001"] and sorted(again.unchanged) == sorted(["L002", user])
    kept = list((cohort.root / "archive" / A / "L001").iterdir())
    assert len(kept) == 1 and (kept[0] / ANSWERS).read_bytes() == answers_file(), "the earlier one is kept"

    summary = grade(cohort, progress=False)
    assert len(summary.graded) == 3
    full, without_q3 = full_marks(cohort)
    assert auto_totals(cohort) == {"L001": without_q3, "L002": full, user: full}
    assert (exchange.stat().st_mode & 0o777) == 0o777, "made as nbgrader makes an exchange: open to all"

    # feedback goes back through the exchange; the learner fetches it with nbgrader itself
    pages = make_feedback(cohort, [A])
    (cohort.root / "feedback" / "L002" / A / "submission_secret.txt").unlink()  # as if it came back by email
    assert release_feedback(cohort, pages) == ([("L001", A), (user, A)], [("L002", A)])
    run_nbgrader(["fetch_feedback", A], home)
    fetched = list((home / A / "feedback").glob(f"*/{A}.html"))
    assert len(fetched) == 1 and not leaks(fetched[0].read_text("utf-8"))


def test_feedback_cannot_be_released_without_an_exchange(packed, capsys):
    cohort, _ = packed
    with pytest.raises(NoExchange, match="no exchange.*Send each learner their own page"):
        release_feedback(cohort, [])


# -- the command line ----------------------------------------------------------------------

def test_every_trainer_verb_has_help_with_an_example():
    parser = cli.build_parser()
    verbs = next(a for a in parser._actions if a.dest == "verb").choices
    for verb in ("cohort", "release", "collect", "grade", "feedback"):
        assert "Example:" in verbs[verb].format_help(), verb
    init = next(a for a in verbs["cohort"]._actions if a.dest == "action").choices["init"]
    assert "Example:" in init.format_help() and "--roster" in init.format_help()


def test_the_command_line_runs_a_cohort(tmp_path, capsys):
    (tmp_path / "roster.csv").write_text("id,name,email,board\nL001,Ann Lee,ann@nhs.net,North\n", "utf-8")
    cohort = tmp_path / "cohort"
    assert cli.main(["cohort", "init", str(cohort), "--roster", str(tmp_path / "roster.csv")]) == 0
    assert cli.main(["release", "all", "--packs", "--cohort", str(cohort)]) == 0
    assert (cohort / "packs" / "L001.zip").exists()
    assert cli.main(["grade", "--cohort", str(cohort), "--learner", "L999"]) == 1
    err = capsys.readouterr().err
    assert "No learner 'L999'" in err
    bad = tmp_path / "bad.csv"
    bad.write_text("id,name,email,board\nL001,Ann,ann@nhs.net,A\nL001,Bo,bo@nhs.net,B\n", "utf-8")
    assert cli.main(["cohort", "init", str(tmp_path / "other"), "--roster", str(bad)]) == 1
    assert "line 3" in capsys.readouterr().err and not (tmp_path / "other").exists()


def test_every_link_between_notebooks_in_a_pack_leads_to_a_file_in_the_pack(packed):
    import posixpath
    import re as _re

    _, packs = packed
    with zipfile.ZipFile(packs[0]) as archive:
        names = set(archive.namelist())
        links = 0
        for name in names:
            if not name.endswith(".ipynb"):
                continue
            for target in _re.findall(r"\]\(([^)#\s]+\.ipynb)\)", archive.read(name).decode("utf-8")):
                if "://" in target:
                    continue
                links += 1
                resolved = posixpath.normpath(posixpath.join(posixpath.dirname(name), target))
                assert resolved in names, f"{name} links to {target}, which is not in the pack"
        assert links >= 8, "each lesson links to its exercise"
