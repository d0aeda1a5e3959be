"""What a learner sees on their feedback page: parts still to be marked say so, a cell the learner
deleted is shown back in its place, and no code is shown (a check's feedback is).

One nbgrader course, graded by nbgrader with coursekit's plug-ins: ``waiting`` deleted the first_goal
answer cell and is not marked yet; ``marked`` sent the worked solution, and every written answer is marked.
"""

from __future__ import annotations

import html
import json
import re

import nbformat
import pytest
from nbgrader.api import Gradebook

from coursekit.cohort.nbgrader_run import run_nbgrader
from course_support import ASSIGNMENT, NOTEBOOK, ROOT, make_course, submission_dir

pytestmark = pytest.mark.slow

DELETED = "first_goal"


def _ids(nb) -> list[str]:
    return [c.metadata["nbgrader"]["grade_id"] for c in nb.cells if "grade_id" in c.metadata.get("nbgrader", {})]


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    course = make_course(tmp_path_factory.mktemp("feedback"))
    answers = (ROOT / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.answers.json").read_bytes()
    learner_copy = nbformat.read(course / "release" / ASSIGNMENT / NOTEBOOK, as_version=4)
    for student in ("waiting", "marked"):
        folder = submission_dir(course, student)
        nb = nbformat.from_dict(json.loads(json.dumps(learner_copy)))
        if student == "waiting":
            nb.cells = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") != DELETED]
        nbformat.write(nb, folder / NOTEBOOK)
        (folder / f"{ASSIGNMENT}.answers.json").write_bytes(answers)
    run_nbgrader(["autograde", ASSIGNMENT], course)
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:  # what formgrader does when an assessor marks
        for grade in gb.find_submission_notebook(ASSIGNMENT, ASSIGNMENT, "marked").grades:
            if grade.needs_manual_grade:
                grade.manual_score, grade.needs_manual_grade = grade.max_score, False
        gb.db.commit()
    run_nbgrader(["generate_feedback", ASSIGNMENT], course)
    return course


def _page(course, student) -> str:
    return (course / "feedback" / student / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text("utf-8")


def test_parts_not_marked_yet_say_awaiting_marking_not_zero(course):
    page = _page(course, "waiting")
    assert "Awaiting marking, up to 4.0 points" in page
    assert not re.search(r"Score: 0\.0 / 4\.0", page), "an unmarked answer is not a 0"
    assert "Score so far:" in page and "awaiting marking by your assessor" in page
    marked = _page(course, "marked")
    assert "Awaiting marking" not in marked and "Score so far" not in marked and "Score: 4.0 / 4.0" in marked


def test_a_deleted_answer_cell_is_put_back_in_its_place(course):
    exercise = _ids(nbformat.read(ROOT / "exercises" / ASSIGNMENT / NOTEBOOK, as_version=4))
    graded = nbformat.read(course / "autograded" / "waiting" / ASSIGNMENT / NOTEBOOK, as_version=4)
    assert _ids(graded) == exercise, "every cell in the exercise's order, the restored one included"
    notes = html.unescape(graded.cells[0].source)
    assert f"The cell '{DELETED}' was missing from the notebook. It was put back in its place" in notes
    page = _page(course, "waiting")
    before, after = page.index("Part B: your first goal"), page.index("Part C: your trust")
    assert before < page.index(f'id="{DELETED}"') < after


def test_feedback_shows_no_code_but_each_checks_feedback(course):
    graded = nbformat.read(course / "autograded" / "marked" / ASSIGNMENT / NOTEBOOK, as_version=4)
    check = next(c for c in graded.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "check_q1_rocks")
    feedback = next(o.text for o in check.outputs if o.output_type == "stream").splitlines()[0]
    for student in ("waiting", "marked"):
        page = _page(course, student)
        assert "ex.check(" not in page and "# Run this cell first" not in page and "This cell checks" not in page
        assert html.escape(feedback, quote=False) in page or feedback in html.unescape(page)
        assert 'id="check_q1_rocks"' in page, "the check's heading and score are still there"
