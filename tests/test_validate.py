"""nbgrader's Validate tells a learner the truth about a graded exercise.

It runs the learner's copy (as the Validate button does, through nbgrader's own Validator)
in a temporary folder: with every question answered it reports success; with one question
left it names that one, in plain text, and nothing else. Learners answer reflections and
forms in widgets, so their assessor-marked cells hold only a placeholder: Validate must not
take that for "no response".
"""

from __future__ import annotations

import json
import shutil

import pytest

from course_support import ROOT

pytest.importorskip("nbgrader")

ASSIGNMENT = "why_preconditions"
LEFT_OUT = "q3_low_thousands"


def validate(tmp_path, answers: dict | None) -> dict:
    from nbgrader.validator import Validator

    work = tmp_path / ASSIGNMENT
    shutil.copytree(ROOT / "exercises" / ASSIGNMENT, work,
                    ignore=shutil.ignore_patterns("*.answers.json", ".ipynb_checkpoints"))
    if answers is not None:
        (work / f"{ASSIGNMENT}.answers.json").write_text(json.dumps(answers))
    return Validator().validate(str(work / f"{ASSIGNMENT}.ipynb"))


def worked_answers() -> dict:
    return json.loads((ROOT / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.answers.json").read_text())


@pytest.mark.slow
def test_validate_reports_success_when_every_answer_is_given(tmp_path):
    assert validate(tmp_path, worked_answers()) == {}, "nbgrader's Validate reports success"


@pytest.mark.slow
def test_validate_names_only_the_unanswered_question_in_plain_text(tmp_path):
    answers = worked_answers()
    del answers["answers"][LEFT_OUT]
    failed = validate(tmp_path, answers)["failed"]
    assert [f'ex.check("{LEFT_OUT}")' in cell["source"] for cell in failed] == [True]
    error = failed[0]["raw_error"]
    assert "Not attempted" in error and "Answer the question above" in error
    assert "*" not in error and "did not provide a response" not in error


def test_the_learners_copy_keeps_no_checksum_on_placeholder_answer_cells():
    """The assessor-marked cells a learner answers through a widget (reflections, forms)."""
    import nbformat
    from nbgrader import utils

    nb = nbformat.read(ROOT / "exercises" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    written = [c for c in nb.cells if c.cell_type == "markdown" and utils.is_solution(c)]
    assert len(written) == 2 and all(utils.is_grade(c) for c in written)
    assert all("checksum" not in c.metadata.nbgrader for c in written)
