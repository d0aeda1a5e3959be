"""Feedback names each marked part in the question's own words, never "Test cell" or a cell id."""

from __future__ import annotations

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from coursekit.questions import forms
from coursekit.questions.bank import load_bank
from coursekit.grading.feedback_labels import LabelMarkedParts, label, short

BANK = load_bank("goal_and_mission")


def test_choice_form_and_reflection_are_named_from_the_bank_and_forms():
    assert label(BANK, "check_q2_first_goal") == short(BANK.question("q2_first_goal").prompt)
    assert label(BANK, "check_first_goal") == forms.get("first_goal").title
    assert label(BANK, "reflection") == short(BANK.reflections["reflection"].prompt)


def test_an_unknown_part_still_gets_a_readable_name():
    assert label(BANK, "check_something_new") == "Something new"
    assert label(None, "check_q2_first_goal") == "Q2 first goal"


def test_long_prompts_are_cut_at_a_word_with_an_ellipsis():
    text = "**Board** " + "word " * 40
    cut = short(text, 30)
    assert len(cut) <= 30 and cut.endswith("…") and not cut.startswith("*") and "wor…" not in cut
    assert short("First line\nsecond line") == "First line"


def test_the_preprocessor_labels_only_marked_cells_and_says_which_are_written():
    graded = {"grade": True, "solution": False, "locked": True, "points": 1, "grade_id": "check_q2_first_goal"}
    written = {"grade": True, "solution": True, "locked": False, "points": 4, "grade_id": "reflection"}
    nb = new_notebook(cells=[new_markdown_cell("Intro"), new_code_cell("ex.check('q2_first_goal')"),
                             new_markdown_cell("My reflection")])
    nb.cells[1].metadata["nbgrader"] = graded
    nb.cells[2].metadata["nbgrader"] = written
    nb, _ = LabelMarkedParts().preprocess(nbformat.from_dict(nb), {"nbgrader": {"notebook": "goal_and_mission"}})
    assert nb.metadata["coursekit"]["title"] == "Exercise 4: A goal and a mission"
    assert "coursekit" not in nb.cells[0].metadata
    assert nb.cells[1].metadata["coursekit"] == {"label": label(BANK, "check_q2_first_goal"), "written": False}
    assert nb.cells[2].metadata["coursekit"]["written"] is True
