"""End to end through nbgrader itself: generate, submit, autograde, gradebook, feedback.

One temporary course holds a whole small cohort: the worked solution, the untouched
learner copy, partly right, tampered, broken, corrupt and huge submissions. One
`nbgrader autograde` grades them all; the gradebook must hold the marks their
answers earn, and the feedback must hold no hidden tests or answer key.
"""

from __future__ import annotations

import html
import json

import nbformat
import pytest

from coursekit.grading.learner_text import from_markdown
from coursekit.cohort.nbgrader_run import run_nbgrader
from marks_support import points
from course_support import (
    ASSIGNMENT, NOTEBOOK, ROOT, grades, make_course, read_notebook, submission_dir,
    submit_copy_of, write_learner_answers,
)

pytestmark = pytest.mark.slow

AUTO_POINTS, WRITTEN_POINTS = points()  # from the source: forms and the reflection are marked by an assessor

AUTO_CELLS = ["check_q1_rocks", "check_q2_first_goal", "check_q3_mission", "check_sjt_goal"]
#: The own-trust forms: no auto marks, marked by an assessor in the cell named after the form.
FORM_CELLS = ["first_goal", "mission", "journey"]
GOAL_3_OF_5 = {
    "goal": "Staff on ward 7 can order supplies from a tablet.", "kind": "service", "users": "staff",
    "date": "2027-02-15", "scale": "whole_trust", "risk": "high", "difference": "", "different": "barely",
}
WRONG = {"q1_rocks": "a", "q2_first_goal": "c", "q3_mission": "d"}


def _release(course):
    return course / "release" / ASSIGNMENT / NOTEBOOK


def _tampered_notebook(course, path):
    nb = read_notebook(_release(course))
    by_id = {c.metadata.get("nbgrader", {}).get("grade_id"): c for c in nb.cells}
    # 1. edit a test cell so it would print full marks if run
    by_id["check_q1_rocks"].source = "print(1.0)\n1.0"
    # 2. delete another test cell
    nb.cells.remove(by_id["check_q2_first_goal"])
    # 3. an extra cell that rebinds coursekit's helper, and code pasted into an answer cell
    rebind = nbformat.v4.new_code_cell("import coursekit\nex.check = lambda *a, **k: 1.0\nopen('PWNED', 'w').write('x')")
    nb.cells.insert(2, rebind)
    by_id["ask_first_goal"].source = "import os\nos.system('touch PWNED')\nex.goal_form()"
    # 4. a forged grade cell worth 100 points, and a duplicate of a real one
    forged = nbformat.v4.new_code_cell("1.0")
    forged.metadata["nbgrader"] = {"grade": True, "solution": False, "locked": True, "grade_id": "bonus",
                                   "points": 100, "schema_version": 3}
    nb.cells.append(forged)
    nb.cells.append(nbformat.v4.new_code_cell(by_id["check_q3_mission"].source,
                                              metadata=json.loads(json.dumps(by_id["check_q3_mission"].metadata))))
    # 5. flags flipped: a test cell made an answer cell, an answer cell made a test cell
    by_id["check_journey"].metadata["nbgrader"]["solution"] = True
    by_id["reflection"].metadata["nbgrader"].update(solution=False, points=40)
    nbformat.write(nb, path / NOTEBOOK)


@pytest.fixture(scope="module")
def cohort(tmp_path_factory):
    course = make_course(tmp_path_factory.mktemp("course"))
    submit_copy_of(course, "solution", ROOT / "solutions" / ASSIGNMENT)
    submit_copy_of(course, "blank", ROOT / "exercises" / ASSIGNMENT)

    partly = submit_copy_of(course, "partly", ROOT / "exercises" / ASSIGNMENT)
    write_learner_answers(partly, {"q1_rocks": "c", "q2_first_goal": "a", "sjt_goal": {"e": 1, "a": 2, "c": 3, "d": 4, "b": 5},
                                   "first_goal": GOAL_3_OF_5, "reflection": "We would wait for the EPR."})

    tampered = submit_copy_of(course, "tampered", ROOT / "exercises" / ASSIGNMENT)
    write_learner_answers(tampered, WRONG)
    _tampered_notebook(course, tampered)

    broken = submit_copy_of(course, "broken", ROOT / "solutions" / ASSIGNMENT)
    (broken / NOTEBOOK).write_text('{"cells": [ {"cell_type": "code", ')

    corrupt = submit_copy_of(course, "corrupt", ROOT / "solutions" / ASSIGNMENT)
    (corrupt / f"{ASSIGNMENT}.answers.json").write_text('{"format": "coursekit-answers", "answers": {"q1_rocks": ')

    huge = submit_copy_of(course, "huge", ROOT / "solutions" / ASSIGNMENT)
    (huge / f"{ASSIGNMENT}.answers.json").write_text(json.dumps({"format": "coursekit-answers", "answers": {
        "reflection": {"value": "word " * 400_000, "saved_at": ""}}}))

    proc = run_nbgrader(["autograde", ASSIGNMENT], course)
    return course, proc.stdout + proc.stderr


def _total(course, student):
    return sum(score or 0 for name, (score, _) in grades(course, student).items() if name in AUTO_CELLS)


def test_solution_scores_full_marks_and_reflection_waits_for_an_assessor(cohort):
    course, _ = cohort
    marks = grades(course, "solution")
    assert {name: marks[name][0] for name in AUTO_CELLS} == {
        "check_q1_rocks": 1, "check_q2_first_goal": 1, "check_q3_mission": 1, "check_sjt_goal": 4}
    assert not any(marks[name][1] for name in AUTO_CELLS)
    assert marks["reflection"] == (None, True), "the written answer goes to an assessor"
    assert all(marks[name] == (None, True) for name in FORM_CELLS), "each form's answer goes to an assessor"


def test_blank_learner_copy_scores_zero(cohort):
    course, _ = cohort
    marks = grades(course, "blank")
    assert all(marks[name] == (0, False) for name in AUTO_CELLS)
    assert marks["reflection"] == (0, False), "an empty reflection is 'no response', not a manual task"
    assert all(marks[name] == (0, False) for name in FORM_CELLS), "an empty form is not a manual task"


def test_partly_right_earns_its_partial_credit(cohort):
    course, _ = cohort
    marks = grades(course, "partly")
    assert marks["check_q1_rocks"][0] == 1 and marks["check_q2_first_goal"][0] == 0
    assert marks["check_q3_mission"][0] == 0
    assert marks["check_sjt_goal"][0] == pytest.approx(2), "two responses 3 places from the key: half the points"
    assert "check_first_goal" not in marks, "a form's instant check is not marked"
    assert marks["first_goal"] == (None, True), "the goal goes to an assessor, whatever its checks found"
    assert marks["reflection"] == (None, True)
    graded = read_notebook(course / "autograded" / "partly" / ASSIGNMENT / NOTEBOOK)
    reflection = next(c for c in graded.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "reflection")
    assert from_markdown(reflection.source) == "We would wait for the EPR.", "the assessor sees the saved reflection"
    rubric_index = graded.cells.index(reflection) - 1
    assert "Rubric" in graded.cells[rubric_index].source and "Commits" in graded.cells[rubric_index].source


def test_nothing_the_learner_wrote_runs_and_tampering_changes_nothing(cohort):
    course, _ = cohort
    marks = grades(course, "tampered")
    assert "bonus" not in marks
    assert {name: marks[name] for name in AUTO_CELLS} == {name: (0, False) for name in AUTO_CELLS}
    assert marks["reflection"] == (0, False), "still the reflection, worth its own points, with no answer"
    assert not list(course.rglob("PWNED")) and not (ROOT / "PWNED").exists()
    graded = read_notebook(course / "autograded" / "tampered" / ASSIGNMENT / NOTEBOOK)
    q1 = [c for c in graded.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "check_q1_rocks"]
    assert len(q1) == 1 and "print(1.0)" not in q1[0].source, "the edited test cell was restored"
    q2 = [c for c in graded.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "check_q2_first_goal"]
    assert len(q2) == 1, "the deleted test cell was put back and scored"
    notes = html.unescape(graded.cells[0].source)  # notes are shown as text: every character an entity
    assert "check_q2_first_goal' was missing" in notes


def test_broken_notebook_is_graded_from_its_answers_with_a_message(cohort):
    course, log = cohort
    assert "broken/goal_and_mission/goal_and_mission.ipynb is not a readable notebook" in log
    assert _total(course, "broken") == AUTO_POINTS
    graded = read_notebook(course / "autograded" / "broken" / ASSIGNMENT / NOTEBOOK)
    assert "could not be opened" in html.unescape(graded.cells[0].source)
    assert (course / "submitted" / "broken" / ASSIGNMENT / NOTEBOOK).read_text().startswith('{"cells": [ {'), \
        "the learner's file is kept as it was"


@pytest.mark.parametrize("student, words", [("corrupt", "could not be read"), ("huge", "larger than")])
def test_bad_answers_files_score_zero_with_a_message_naming_the_file(cohort, student, words):
    course, log = cohort
    assert _total(course, student) == 0
    graded = read_notebook(course / "autograded" / student / ASSIGNMENT / NOTEBOOK)
    notes = html.unescape(graded.cells[0].source)
    assert "goal_and_mission.answers.json" in notes and words in notes
    assert f"learner '{student}'" in log


def test_the_rest_of_the_cohort_is_graded(cohort):
    course, _ = cohort
    for student in ["solution", "blank", "partly", "tampered", "broken", "corrupt", "huge"]:
        assert (course / "autograded" / student / ASSIGNMENT / NOTEBOOK).exists(), student
        assert all(grades(course, student)[name][0] is not None for name in AUTO_CELLS), student


def test_same_submission_twice_scores_the_same(cohort):
    course, _ = cohort
    before = grades(course, "solution"), grades(course, "partly")
    run_nbgrader(["autograde", ASSIGNMENT, "--force", "--student", "solution"], course)
    run_nbgrader(["autograde", ASSIGNMENT, "--force", "--student", "partly"], course)
    assert (grades(course, "solution"), grades(course, "partly")) == before


def test_feedback_holds_no_hidden_tests_or_answer_key(cohort):
    course, _ = cohort
    run_nbgrader(["generate_feedback", ASSIGNMENT, "--force"], course)
    for student in ["solution", "blank", "partly", "tampered", "broken", "corrupt", "huge"]:
        page = (course / "feedback" / student / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text()
        assert "HIDDEN" not in page and "key=" not in page, student
        assert "correct" not in page.replace("Correct", ""), student
    # a learner who chose wrong sees why their choice is wrong, never why the right one is right
    tampered = (course / "feedback" / "tampered" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text()
    for question, key in _keys_by_question().items():
        if key["kind"] == "choice":
            assert key["why"][key["correct"]] not in tampered, question
            assert key["why"][WRONG[question]] in tampered, question


def _keys_by_question():
    from coursekit.questions.testcells import parse_test_cell
    from nbgrader import utils

    nb = read_notebook(ROOT / "course" / "source" / ASSIGNMENT / NOTEBOOK)
    specs = [parse_test_cell(c.source) for c in nb.cells if utils.is_grade(c) and not utils.is_solution(c)]
    return {spec.question: spec.key for spec in specs}


def test_submission_dir_helper_writes_a_timestamp(tmp_path):
    assert (submission_dir(tmp_path, "x") / "timestamp.txt").read_text().startswith("2026")


def test_assessor_marks_then_export_and_feedback_work_unchanged(cohort):
    """What formgrader does when an assessor marks the reflection: a manual score in the gradebook.
    nbgrader's own export and feedback then carry the total."""
    from nbgrader.api import Gradebook

    course, _ = cohort
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        grade = gb.find_grade("reflection", ASSIGNMENT, ASSIGNMENT, "partly")
        grade.manual_score = 2
        gb.db.commit()
    run_nbgrader(["export", "--to", str(course / "grades.csv")], course)
    import csv

    rows = {row["student_id"]: row for row in csv.DictReader((course / "grades.csv").open())}
    assert float(rows["partly"]["raw_score"]) == 1 + 2 + 2, "q1 right, the ranking half right, the reflection marked 2"
    total = AUTO_POINTS + WRITTEN_POINTS
    assert float(rows["solution"]["raw_score"]) == AUTO_POINTS and float(rows["solution"]["max_score"]) == total
    run_nbgrader(["generate_feedback", ASSIGNMENT, "--force", "--student", "partly"], course)
    page = (course / "feedback" / "partly" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text()
    assert f"5 / {total:g}" in page or f"5.0 / {total:.1f}" in page
