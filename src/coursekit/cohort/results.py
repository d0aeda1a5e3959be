"""A cohort's results as plain data, read from nbgrader's gradebook and the answers files.

Marks come only from nbgrader's ``Gradebook`` API. Whether a learner *attempted* each
graded part comes from their answers file (a wrong answer and no answer both score 0,
so the gradebook alone cannot tell them apart). The export and the dashboard both read
this, so they always agree.

A lesson is **complete** when the learner's submission was graded and every graded part
has an answer. An answer counts by the same rule as the learner's own progress view
(:func:`coursekit.records.progress.attempted`): placeholder or filler text ("tbc",
"word word word") in a reflection or a form is not an answer. The course is complete when
every lesson in the gradebook is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from nbgrader.api import (Assignment, BaseCell, Grade, Gradebook, Notebook, SubmittedAssignment,
                          SubmittedNotebook)

from coursekit.answers import answers_path, read_answers
from coursekit.questions.bank import Bank, BankError, load_bank
from coursekit.records.progress import attempted
from coursekit.syllabus import Lesson, Syllabus
from coursekit.questions.testcells import BadTestCell, parse_test_cell


class LearnerLike(Protocol):
    id: str
    name: str
    email: str
    board: str


class CohortLike(Protocol):
    """What these readers need of a cohort (coursekit.cohort.folder.Cohort)."""

    root: Path
    name: str
    roster: list[LearnerLike]
    syllabus: Syllabus

    def gradebook(self) -> Gradebook: ...


@dataclass(frozen=True)
class GradedPart:
    """One graded cell of an assignment, as the gradebook keeps it."""

    notebook: str
    cell: str
    question: str | None  # the answer it marks (None if its test cell cannot be read)
    max_score: float
    manual: bool  # marked by an assessor (a written answer), not by the autograder


@dataclass(frozen=True)
class PartResult:
    part: GradedPart
    score: float | None  # None while it waits for an assessor's mark
    attempted: bool


@dataclass
class LessonResult:
    lesson: Lesson
    max_score: float
    submitted: bool = False
    parts: list[PartResult] = field(default_factory=list)

    @property
    def score(self) -> float:
        return sum(p.score or 0.0 for p in self.parts)

    @property
    def awaiting_marks(self) -> int:
        return sum(1 for p in self.parts if p.score is None)

    @property
    def complete(self) -> bool:
        return self.submitted and bool(self.parts) and all(p.attempted for p in self.parts)


@dataclass
class LearnerResults:
    learner: LearnerLike
    lessons: dict[str, LessonResult]  # by assignment, in syllabus order

    @property
    def score(self) -> float:
        return sum(r.score for r in self.lessons.values())

    @property
    def max_score(self) -> float:
        return sum(r.max_score for r in self.lessons.values())

    @property
    def complete(self) -> bool:
        return bool(self.lessons) and all(r.complete for r in self.lessons.values())

    def by_precondition(self, tag: str) -> tuple[float, float]:
        """(score, max) over this learner's lessons counted towards pre-condition ``tag``."""
        chosen = [r for r in self.lessons.values() if r.lesson.precondition == tag]
        return sum(r.score for r in chosen), sum(r.max_score for r in chosen)


def graded_lessons(syllabus: Syllabus, gradebook: Gradebook) -> list[Lesson]:
    """The syllabus's lessons whose assignment is in the gradebook, in syllabus order."""
    known = {a.name for a in gradebook.assignments}
    return [lesson for lesson in syllabus.lessons if lesson.assignment in known]


def graded_parts(gradebook: Gradebook, assignment: str) -> list[GradedPart]:
    """Every graded cell of ``assignment``, with the question id each one marks."""
    parts = []
    for notebook in gradebook.find_assignment(assignment).notebooks:
        solutions = {c.name for c in notebook.solution_cells}
        sources = {c.name: c.source for c in notebook.source_cells}
        for cell in notebook.grade_cells:
            manual = cell.name in solutions
            question = cell.name if manual else _question(sources.get(cell.name, ""))
            parts.append(GradedPart(notebook.name, cell.name, question, float(cell.max_score), manual))
    return parts


def _question(source: str) -> str | None:
    try:
        return parse_test_cell(source).question
    except BadTestCell:
        return None


def answered(value: Any) -> bool:
    """True if a saved answer holds something: not empty text, list or form."""
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, (list, tuple)):
        return any(answered(v) for v in value)
    if isinstance(value, dict):
        return any(answered(v) for v in value.values())
    return True


def bank_of(assignment: str) -> Bank | None:
    """The question bank of an assignment, or None when the course has none for it."""
    try:
        return load_bank(assignment)
    except BankError:
        return None


def part_answered(bank: Bank | None, question: str, value: Any) -> bool:
    """True if a saved answer counts as an answer: the learner's progress rule when the question
    is in the bank (filler is not an answer), else :func:`answered`."""
    if bank is not None and question in bank.question_ids:
        return attempted(bank, question, value)
    return answered(value)


def submission_folder(root: Path, learner: str, assignment: str) -> Path:
    """Where the graded copy of a submission lives (autograded/), else where it was collected."""
    graded = Path(root) / "autograded" / learner / assignment
    return graded if graded.is_dir() else Path(root) / "submitted" / learner / assignment


def saved_answers(root: Path, learner: str, assignment: str, notebook: str) -> dict[str, Any]:
    """{question: value} from a learner's answers file for one notebook (empty if none or unreadable)."""
    found = read_answers(answers_path(submission_folder(root, learner, assignment), notebook))
    return {qid: answer.value for qid, answer in found.answers.items()}


def read_results(cohort: CohortLike) -> list[LearnerResults]:
    """Every learner's marks and completion for every lesson in the cohort's gradebook."""
    root, syllabus = Path(cohort.root), cohort.syllabus
    results = []
    with cohort.gradebook() as gb:
        lessons = graded_lessons(syllabus, gb)
        parts = {lesson.assignment: graded_parts(gb, lesson.assignment) for lesson in lessons}
        grades = {lesson.assignment: grades_of(gb, lesson.assignment) for lesson in lessons}
    banks = {lesson.assignment: bank_of(lesson.assignment) for lesson in lessons}
    for learner in cohort.roster:
        by_assignment = {}
        for lesson in lessons:
            todo = parts[lesson.assignment]
            result = LessonResult(lesson, sum(p.max_score for p in todo))
            mine = grades[lesson.assignment].get(learner.id)
            if mine is not None:
                result.submitted = True
                answers = {nb: saved_answers(root, learner.id, lesson.assignment, nb) for nb in {p.notebook for p in todo}}
                for part in todo:
                    grade = mine.get((part.notebook, part.cell))
                    score = None if grade is None or grade.needs_manual_grade else grade.score
                    done = part.question is not None and part_answered(
                        banks[lesson.assignment], part.question, answers[part.notebook].get(part.question))
                    result.parts.append(PartResult(part, score, done))
            by_assignment[lesson.assignment] = result
        results.append(LearnerResults(learner, by_assignment))
    return results


@dataclass(frozen=True)
class GradeRow:
    """One grade of one submission, as the gradebook holds it."""

    score: float  # nbgrader's score: the manual mark if there is one, else the automatic one
    manual_score: float | None
    needs_manual_grade: bool


def grades_of(gb: Gradebook, assignment: str) -> dict[str, dict[tuple[str, str], GradeRow]]:
    """{learner: {(notebook, cell): grade}} for every graded submission of ``assignment``.

    One query through nbgrader's own tables and models, instead of loading each submission
    (which makes nbgrader compute every submission's totals): a cohort of thousands reads in seconds.
    """
    query = per_cell(gb, Grade, assignment, Grade.score, Grade.manual_score, Grade.needs_manual_grade)
    found: dict[str, dict[tuple[str, str], GradeRow]] = {}
    for learner, notebook, cell, score, manual, needs in query:
        found.setdefault(learner, {})[(notebook, cell)] = GradeRow(float(score or 0.0), manual, bool(needs))
    return found


def per_cell(gb: Gradebook, model, assignment: str, *columns):
    """A query of (learner, notebook, cell, *columns) over every ``model`` row (nbgrader's Grade or
    Comment) of every submission of ``assignment``, through nbgrader's own tables and models."""
    return (gb.db.query(SubmittedAssignment.student_id, Notebook.name, BaseCell.name, *columns)
            .select_from(model)
            .join(SubmittedNotebook, model.notebook_id == SubmittedNotebook.id)
            .join(SubmittedAssignment, SubmittedNotebook.assignment_id == SubmittedAssignment.id)
            .join(Assignment, SubmittedAssignment.assignment_id == Assignment.id)
            .join(Notebook, SubmittedNotebook.notebook_id == Notebook.id)
            .join(BaseCell, model.cell_id == BaseCell.id)
            .filter(Assignment.name == assignment))
