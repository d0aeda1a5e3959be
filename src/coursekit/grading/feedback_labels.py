"""Name each marked part of a feedback page in the learner's words, and say which wait for marking.

nbgrader's feedback page lists the marked cells as "Test cell" and "Grade cell: check_q1",
which means nothing to a board member. This preprocessor, in ``GenerateFeedback``'s chain,
puts the question's own words in ``cell.metadata.coursekit.label`` for coursekit's feedback
template (``coursekit/templates/feedback``) to show and to link to.

:class:`GetGradesAwaitingMarks` is nbgrader's ``GetGrades`` that also says which written answers
an assessor has not marked yet: the page shows "Awaiting marking" there, never "0.0 / 4.0".
"""

from __future__ import annotations

from nbgrader import utils
from nbgrader.preprocessors import GetGrades, NbGraderPreprocessor

from coursekit.questions import forms
from coursekit.questions.bank import BankError, load_bank

#: Labels longer than this are cut at a word and end with an ellipsis.
LONGEST = 90


def short(text: str, longest: int = LONGEST) -> str:
    """The first line of ``text``, without markdown emphasis, cut at a word if long."""
    line = " ".join(text.strip().split("\n")[0].replace("*", "").split())
    if len(line) <= longest:
        return line
    return line[: longest - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def label(bank, grade_id: str) -> str:
    """What the learner was asked, for the marked cell ``grade_id`` (``check_<question>`` or a reflection)."""
    qid = grade_id[len("check_"):] if grade_id.startswith("check_") else grade_id
    if qid in forms.names():
        return forms.get(qid).title
    if bank is not None:
        if qid in bank.reflections:
            return short(bank.reflections[qid].prompt)
        try:
            return short(bank.question(qid).prompt)
        except BankError:
            pass
    return qid.replace("_", " ").capitalize()


class LabelMarkedParts(NbGraderPreprocessor):
    """For feedback: give the page the exercise's title and every marked cell a plain-English label."""

    def preprocess(self, nb, resources):
        try:
            bank = load_bank(resources["nbgrader"]["notebook"])
        except (BankError, KeyError):
            bank = None
        if bank is not None:
            nb.metadata["coursekit"] = {"title": bank.title}  # the page's heading, not the file name
        for cell in nb.cells:
            if utils.is_grade(cell) or utils.is_solution(cell) or utils.is_task(cell):
                grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
                cell.metadata["coursekit"] = {"label": label(bank, grade_id), "written": cell.cell_type == "markdown"}
        return nb, resources


class GetGradesAwaitingMarks(GetGrades):
    """nbgrader's GetGrades, and ``awaiting_marks`` on each part an assessor has still to mark
    (and their number in ``resources["nbgrader"]["awaiting_marks"]``), for the feedback template."""

    def _get_score(self, cell, resources) -> None:
        super()._get_score(cell, resources)
        grade = self.gradebook.find_grade(cell.metadata["nbgrader"]["grade_id"], self.notebook_id,
                                          self.assignment_id, self.student_id)
        cell.metadata.nbgrader["awaiting_marks"] = bool(grade.needs_manual_grade)

    def preprocess(self, nb, resources):
        nb, resources = super().preprocess(nb, resources)
        resources["nbgrader"]["awaiting_marks"] = sum(
            1 for cell in nb.cells if cell.metadata.get("nbgrader", {}).get("awaiting_marks"))
        return nb, resources
