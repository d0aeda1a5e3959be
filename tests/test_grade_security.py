"""`coursekit grade` takes a learner's submitted files as data: a link or special file is set
aside untouched, never followed into the grade, autograded/ or feedback/; and each kind of
problem has its own accurate label."""

from __future__ import annotations

import json
import os
import stat

import pytest

from coursekit.cli import app as cli
from coursekit.cohort.autograde import FAILED, MISSING, SET_ASIDE, TAMPERED, UNREADABLE, UNSAFE, grade
from coursekit.cohort.folder import init_cohort
from coursekit.cohort.feedback import make_feedback
from coursekit.cohort.release import generate
from course_support import ROOT, grades

pytestmark = pytest.mark.slow

A = "goal_and_mission"
NB = f"{A}.ipynb"
ANSWERS = f"{A}.answers.json"


def auto_totals(cohort) -> dict[str, float]:
    """Each graded learner's automatic points (reflections, marked by hand, left out)."""
    with cohort.gradebook() as gb:
        learners = [s.student.id for s in gb.find_assignment(A).submissions]
    return {lid: sum(score or 0 for score, manual in grades(cohort.root, lid).values() if not manual)
            for lid in learners}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    base = tmp_path_factory.mktemp("grade")
    (base / "roster.csv").write_text("id,name,email,board\n" + "".join(
        f"L00{i},Learner {i},l{i}@nhs.net,North\n" for i in range(1, 9)), "utf-8")
    cohort = init_cohort(base / "cohort", base / "roster.csv", name="Hostile submissions")
    generate(cohort, [A])
    notebook = (cohort.root / "release" / A / NB).read_bytes()  # what the learner was given
    model = (ROOT / "solutions" / A / ANSWERS).read_bytes()
    secret = base / "model-answers.json"  # root-only: grading must never read it for a learner
    secret.write_bytes(model)
    secret.chmod(0o600)
    elsewhere = base / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / NB).write_bytes(notebook)
    (elsewhere / ANSWERS).write_bytes(model)

    def submit(lid: str, files: dict[str, bytes]):
        folder = cohort.root / "submitted" / lid / A
        folder.mkdir(parents=True)
        for name, data in files.items():
            (folder / name).write_bytes(data)
        (folder / "timestamp.txt").write_text("2026-11-29 10:00:00.000000 UTC")
        return folder

    (submit("L001", {NB: notebook}) / ANSWERS).symlink_to(secret)
    (submit("L002", {NB: notebook, ANSWERS: model}) / "passwd.txt").symlink_to("/etc/passwd")
    os.mkfifo(submit("L003", {NB: notebook, ANSWERS: model}) / "pipe")
    (cohort.root / "submitted" / "L004").mkdir()
    (cohort.root / "submitted" / "L004" / A).symlink_to(elsewhere, target_is_directory=True)
    submit("L005", {NB: notebook, ANSWERS: b'{"format": "coursekit-answers", "answers": {'})  # cut short
    odd = json.loads(model)
    odd["answers"]["q1_rocks"]["value"] = [[[[["nested too deeply to be an answer"]]]]]
    submit("L006", {NB: notebook, ANSWERS: json.dumps(odd).encode()})
    submit("L007", {NB: notebook})
    (submit("L008", {ANSWERS: model}) / NB).symlink_to(cohort.root / "source" / A / NB)  # the keys' notebook
    summary = grade(cohort, progress=False)
    return cohort, summary, make_feedback(cohort, [A]), secret


def test_a_linked_answers_file_is_set_aside_and_never_scored(graded):
    cohort, summary, _, secret = graded
    totals = auto_totals(cohort)
    assert totals["L001"] == 0 and totals["L002"] > 0, "the model answers behind the link scored nothing"
    assert summary.kinds("L001") == {UNSAFE, MISSING}
    kept = list((cohort.root / "archive" / A / "L001" / SET_ASIDE).glob(f"*/{ANSWERS}"))
    assert len(kept) == 1 and kept[0].is_symlink() and os.readlink(kept[0]) == str(secret), "moved, untouched"
    assert not (cohort.root / "autograded" / "L001" / A / ANSWERS).exists()
    assert "It was moved, untouched, to archive/" in " ".join(p.detail for p in summary.problems["L001"])


def test_a_link_to_a_system_file_never_reaches_autograded_or_feedback(graded):
    cohort, summary, pages, _ = graded
    assert ("L002", A) in summary.graded and summary.kinds("L002") == {UNSAFE}
    for folder in ("autograded", "feedback"):
        found = [p for p in (cohort.root / folder).rglob("*") if p.name == "passwd.txt"]
        assert not found, found
        for path in (cohort.root / folder).rglob("*"):
            assert not path.is_symlink(), path
            if path.is_file():
                assert "root:x:0:0" not in path.read_text("utf-8", errors="replace"), path
    assert any(p.parent.parent.name == "L002" for p in pages)
    aside = list((cohort.root / "archive" / A / "L002" / SET_ASIDE).glob("*/passwd.txt"))
    assert len(aside) == 1 and aside[0].is_symlink()


def test_a_special_file_is_set_aside_and_the_rest_graded(graded):
    cohort, summary, *_ = graded
    assert ("L003", A) in summary.graded and summary.kinds("L003") == {UNSAFE}
    aside = list((cohort.root / "archive" / A / "L003" / SET_ASIDE).glob("*/pipe"))
    assert len(aside) == 1 and stat.S_ISFIFO(os.lstat(aside[0]).st_mode)
    assert auto_totals(cohort)["L003"] == auto_totals(cohort)["L002"]


def test_a_linked_submission_folder_is_set_aside_whole_and_not_graded(graded):
    cohort, summary, *_ = graded
    assert ("L004", A) not in summary.graded and summary.kinds("L004") == {UNSAFE, FAILED}
    assert not (cohort.root / "submitted" / "L004" / A).exists() and "L004" not in auto_totals(cohort)
    assert list((cohort.root / "archive" / A / "L004" / SET_ASIDE).glob(f"*/{A}"))[0].is_symlink()


def test_a_linked_notebook_is_set_aside_and_nothing_graded(graded):
    cohort, summary, *_ = graded
    assert ("L008", A) not in summary.graded and summary.kinds("L008") == {UNSAFE, FAILED}
    assert not (cohort.root / "autograded" / "L008").exists() and "L008" not in auto_totals(cohort)
    assert list((cohort.root / "archive" / A / "L008" / SET_ASIDE).glob(f"*/{NB}"))[0].is_symlink()


def test_each_kind_of_answers_problem_has_an_accurate_label(graded):
    _, summary, *_ = graded
    assert summary.kinds("L005") == {UNREADABLE}, "a damaged answers file is unreadable, not missing"
    assert UNREADABLE in summary.kinds("L006") and TAMPERED not in summary.kinds("L006")
    assert any("q1_rocks" in p.detail for p in summary.problems["L006"] if p.kind == UNREADABLE)
    assert summary.kinds("L007") == {MISSING}
    text = "\n".join(summary.lines())
    assert f"L005, {A}: answers file unreadable (corrupt JSON: " in text and f"L007, {A}: missing answers: " in text


def test_the_grade_help_names_every_kind_of_problem():
    parser = cli.build_parser()
    verbs = next(a for a in parser._actions if a.dest == "verb").choices
    text = " ".join(verbs["grade"].format_help().split())
    for kind in ("broken notebook", "missing answers", "answers file unreadable", "tampering restored",
                 "unsafe file set aside", "not graded"):
        assert kind in text, kind
