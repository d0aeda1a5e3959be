"""What learners' answers to ``start_here`` should earn, for the JupyterHub tests.

The keys and points come from the checkout's ``course/source`` (the trainer's copy, which
``coursekit cohort init --course`` reads), never from the installed package. Expected
scores are worked out here from the answers a test gives, not by coursekit's scorer.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import nbformat

from coursekit.questions.testcells import parse_test_cell
from course_support import ROOT, write_learner_answers

A = "start_here"
NB, ANSWERS = f"{A}.ipynb", f"{A}.answers.json"
COURSE = ROOT / "course"
WRONG_QUESTION = "q2_restart"  # the hub test's learner B gets this choice wrong

#: Reads every learner's per-cell auto scores, and how many submission rows each has, from a gradebook.
GRADES_SCRIPT = """
import json, sys
from nbgrader.api import Gradebook, SubmittedAssignment
db_url, course_id, assignment, *students = sys.argv[1:]
with Gradebook(db_url, course_id) as gb:
    rows = gb.db.query(SubmittedAssignment).filter(SubmittedAssignment.assignment.has(name=assignment)).all()
    out = {"rows": {}, "grades": {}}
    for row in rows:
        out["rows"][row.student.id] = out["rows"].get(row.student.id, 0) + 1
    for s in students:
        out["grades"][s] = {g.name: g.auto_score for g in gb.find_submission_notebook(assignment, assignment, s).grades}
    print(json.dumps(out))
"""


def auto_cells() -> dict[str, tuple[str, dict, float]]:
    """{grade id: (question, key, points)} of every auto-graded cell in the course's source."""
    nb = nbformat.read(COURSE / "source" / A / NB, as_version=4)
    cells = {}
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade") and not meta.get("solution"):
            spec = parse_test_cell(cell.source)
            cells[meta["grade_id"]] = (spec.question, dict(spec.key), float(meta["points"]))
    return cells


def worked_answers() -> dict:
    data = json.loads((ROOT / "solutions" / A / ANSWERS).read_text("utf-8"))
    return {qid: entry["value"] for qid, entry in data["answers"].items()}


def key_of(question: str) -> tuple[dict, float]:
    return next((key, points) for q, key, points in auto_cells().values() if q == question)


def wrong_choice(question: str) -> str:
    key, _ = key_of(question)
    assert key["kind"] == "choice"
    return sorted(set(key["why"]) - {key["correct"]})[0]


def learner_answers() -> dict[str, dict]:
    """Learner A: the worked answers. Learner B: the same with one choice wrong and their own reflection."""
    right = worked_answers()
    key, _ = key_of(WRONG_QUESTION)
    assert key["kind"] == "choice" and right[WRONG_QUESTION] == key["correct"]
    return {"a": right, "b": {**right, WRONG_QUESTION: wrong_choice(WRONG_QUESTION),
                              "reflection": "We would start with the team."}}


def expected_scores(answers: dict) -> dict[str, float]:
    """Per auto-graded cell: its points when the answer is the key's, else 0 (complete self-assessments earn theirs)."""
    out = {}
    for grade_id, (question, key, points) in auto_cells().items():
        given = answers.get(question)
        if key["kind"] == "choice":
            out[grade_id] = points if given == key["correct"] else 0.0
        elif key["kind"] == "multi":
            out[grade_id] = points if sorted(given or []) == sorted(key["correct"]) else 0.0
        else:  # forms and the self-assessment: A and B give the worked, complete answer
            assert given == worked_answers()[question]
            out[grade_id] = points
    return out


def answers_file(answers: dict, scratch: Path) -> str:
    """The answers file exactly as the widgets' store writes it."""
    write_learner_answers(scratch, answers, assignment=A)
    return (scratch / ANSWERS).read_text("utf-8")


# -- many learners, each earning a different set of marks ------------------------------

def _multi_earning(question: str, points: float) -> dict[float, list[str]]:
    """Choices for a choose-all-that-apply question earning all, half, or none of its points
    (one right choice of two earns half; one wrong choice alone earns nothing)."""
    key, _ = key_of(question)
    correct, wrong = sorted(key["correct"]), sorted(set(key["options"]) - set(key["correct"]))
    assert len(correct) == 2 and wrong, key  # half marks need exactly two right options
    return {points: correct, points / 2: correct[:1], 0.0: wrong[:1]}


def _self_assessment_earning(points: float) -> dict[float, dict]:
    """Self-assessments meeting both criteria, one (all rated, reason too short), or none (one not rated)."""
    worked = worked_answers()["self_assessment"]
    short = {**worked, "reason": "Not sure yet."}
    unrated = {name: value for name, value in short.items() if name != "urgency"}
    return {points: worked, points / 2: short, 0.0: unrated}


def varied_answers(count: int) -> list[tuple[dict, dict[str, float]]]:
    """``count`` learners' answers, each with the marks they earn per grade id, no two alike.

    Each auto-graded cell of ``start_here`` is answered so that it earns one of the marks it can
    give (2 x 2 x 3 x 3 = 36 combinations), and each learner writes their own reflection, so a
    learner's work graded as another's shows in the gradebook."""
    cells = auto_cells()
    ways: dict[str, dict[float, object]] = {}
    for grade_id, (question, key, points) in cells.items():
        if key["kind"] == "choice":
            ways[grade_id] = {points: key["correct"], 0.0: wrong_choice(question)}
        elif key["kind"] == "multi":
            ways[grade_id] = _multi_earning(question, points)
        elif key["kind"] == "self_assessment":
            ways[grade_id] = _self_assessment_earning(points)
        else:
            raise AssertionError(f"{A} has a {key['kind']} cell; varied_answers needs a way to vary it")
    grade_ids = sorted(ways)
    combos = list(itertools.product(*(sorted(ways[g], reverse=True) for g in grade_ids)))
    # Since issue 11 start_here has three auto-marked cells (12 sets of marks): beyond that, sets repeat,
    # and each learner's own reflection still tells their work apart. The last learner earns nothing.
    assert len(combos) >= 12, f"{A}'s cells give only {len(combos)} different sets of marks"
    chosen = [combos[n % (len(combos) - 1)] for n in range(count - 1)] + [combos[-1]]
    out = []
    for n, marks in enumerate(chosen):
        answers = {**worked_answers(), "reflection": f"Learner {n}: we would start with the team, week {n}."}
        for grade_id, mark in zip(grade_ids, marks):
            answers[cells[grade_id][0]] = ways[grade_id][mark]
        out.append((answers, dict(zip(grade_ids, marks))))
    return out
