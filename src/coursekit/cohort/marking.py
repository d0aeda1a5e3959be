"""Bulk marking: every learner's written answer to one question, for an assessor working offline.

``export_question`` writes two files for one assessor-marked cell (a reflection or a form):

* an HTML page: the question and its rubric (levels and examples) at the top, then each
  learner's answer, shown as text. Answers are the learner's own data: every character is
  escaped, and a Content-Security-Policy lets the page run nothing and load nothing;
* a CSV to fill in: ``learner_id, exercise, question, max_points, answer, points, comment``.

The answers are read from the autograded notebooks, the cells formgrader shows the assessor,
so the page holds exactly what formgrader shows. A blank answer already scores 0 in nbgrader:
it is listed as blank, and the CSV asks for no mark for it.

``import_marks`` checks every row of a filled-in CSV first and changes nothing if any row
is bad. Then it records each mark and comment in nbgrader's gradebook as formgrader's own
handlers do (``Grade.manual_score``, ``needs_manual_grade``, ``Comment.manual_comment``).
"""

from __future__ import annotations

import csv
import html
import math
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbgrader.api import Comment, MissingEntry

from coursekit.cohort.csv_cells import read_cell
from coursekit.cohort.export import number, write_csv
from coursekit.cohort.results import GradedPart, graded_parts, grades_of, per_cell, submission_folder
from coursekit.grading.feedback_labels import label
from coursekit.grading.learner_text import from_markdown, without_controls
from coursekit.questions.bank import BankError, form_rubric, load_bank

COLUMNS = ["learner_id", "exercise", "question", "max_points", "answer", "points", "comment"]
WRITTEN = "written"
BLANK = "blank: no answer written, scores 0"
MISSING = "not found: open it in formgrader"
#: The largest marks file read (a cohort of thousands with long comments is well under this).
MAX_BYTES = 5 * 1024 * 1024
#: What the page may do: show itself with inline styles. No script, no outside resource.
CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


class MarkingError(ValueError):
    """Bulk marking cannot go ahead; the message says why and what to do."""


@dataclass(frozen=True)
class LearnerAnswer:
    learner: str
    text: str | None  # None when blank
    status: str  # WRITTEN, BLANK or MISSING
    points: float | None  # the assessor's mark so far (None if not marked)
    comment: str


@dataclass
class Exported:
    page: Path
    sheet: Path
    answers: list[LearnerAnswer]

    @property
    def written(self) -> int:
        return sum(1 for a in self.answers if a.status == WRITTEN)


def marked_part(gb, exercise: str, question: str) -> GradedPart:
    """The assessor-marked cell ``question`` of ``exercise``, or a MarkingError naming the ones there are."""
    try:
        parts = [p for p in graded_parts(gb, exercise) if p.manual]
    except MissingEntry:
        raise MarkingError(f"The gradebook has no exercise called '{exercise}'. Check the name, "
                           "or release and grade it first.") from None
    for part in parts:
        if part.cell == question:
            return part
    have = ", ".join(p.cell for p in parts) or "none"
    raise MarkingError(f"'{question}' is not a question an assessor marks in '{exercise}'. "
                       f"The questions you can mark there are: {have}.")


def answer_text(root: Path, learner: str, exercise: str, part: GradedPart) -> tuple[str | None, str]:
    """(text, status) of one learner's answer, from the autograded notebook formgrader shows."""
    path = submission_folder(root, learner, exercise) / f"{part.notebook}.ipynb"
    if "autograded" not in path.parts or path.is_symlink() or not path.is_file():
        return None, MISSING
    try:
        nb = nbformat.read(path, as_version=4)
    except Exception:  # noqa: BLE001 - any unreadable notebook: the assessor opens formgrader instead
        return None, MISSING
    for cell in nb.cells:
        if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") == part.cell:
            text = from_markdown(cell.source)  # the learner's text; the course's placeholder is not
            return (text, WRITTEN) if text and text.strip() else (None, BLANK)
    return None, MISSING


def _rubric(notebook: str, question: str):
    try:
        bank = load_bank(notebook)
    except BankError:
        return None, question.replace("_", " ").capitalize()
    if question in bank.reflections:
        return bank.reflections[question], label(bank, question)
    return (form_rubric(question) if question in bank.forms else None), label(bank, question)


def export_question(cohort, exercise: str, question: str, out: Path | None = None) -> Exported:
    """Write the page and the CSV for ``question`` of ``exercise`` into ``out`` (default: marking/)."""
    with cohort.gradebook() as gb:
        part = marked_part(gb, exercise, question)
        grades = grades_of(gb, exercise)
        comments = _comments(gb, exercise, part)
    answers = []
    for learner in sorted(grades):
        grade = grades[learner].get((part.notebook, part.cell))
        if grade is None:
            continue
        text, status = answer_text(Path(cohort.root), learner, exercise, part)
        answers.append(LearnerAnswer(learner, text, status, grade.manual_score, comments.get(learner, "")))
    if not answers:
        raise MarkingError(f"No submission of '{exercise}' has been graded yet. "
                           f"Run `coursekit grade {exercise}` first.")
    out = Path(out) if out else Path(cohort.root) / "marking"
    out.mkdir(parents=True, exist_ok=True)
    rubric, title = _rubric(part.notebook, question)
    page = out / f"{exercise}-{question}.html"
    _write_text(page, _page(exercise, question, title, part.max_score, rubric, answers))
    rows = [[a.learner, exercise, question, number(part.max_score), a.status,
             "" if a.points is None else number(a.points), a.comment] for a in answers]
    sheet = write_csv(out / f"{exercise}-{question}-marks.csv", COLUMNS, rows)
    return Exported(page, sheet, answers)


def _comments(gb, exercise: str, part: GradedPart) -> dict[str, str]:
    """{learner: the assessor's comment on ``part``}, in one query (as :func:`grades_of` reads grades)."""
    query = per_cell(gb, Comment, exercise, Comment.manual_comment)
    return {learner: comment or "" for learner, notebook, cell, comment in query
            if (notebook, cell) == (part.notebook, part.cell)}


def _write_text(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def _e(text) -> str:
    return html.escape(without_controls(str(text)), quote=True)


def _page(exercise: str, question: str, title: str, max_points: float, rubric, answers: list[LearnerAnswer]) -> str:
    cell = 'style="border: 1px solid #767676; padding: 4px 8px; text-align: left; vertical-align: top"'
    parts = [
        "<!DOCTYPE html>", '<html lang="en-GB">', "<head>", '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Marking: {_e(title)} ({_e(exercise)})</title>",
        "<style>body { font-family: Arial, sans-serif; font-size: 16px; line-height: 1.5; max-width: 60em; "
        "margin: 1em auto; padding: 0 1em; color: #212b32; } .answer { white-space: pre-wrap; "
        "overflow-wrap: anywhere; border-left: 4px solid #005eb8; padding: 0.5em 1em; background: #f0f4f5; } "
        ".blank { font-style: italic; } table { border-collapse: collapse; }</style>",
        "</head>", "<body>", "<main>",
        f"<h1>Marking: {_e(title)}</h1>",
        f"<p>Exercise: {_e(exercise)}. Question: {_e(question)}. Up to {_e(number(max_points))} points. "
        f"{len(answers)} learner(s), {sum(1 for a in answers if a.status == WRITTEN)} with a written answer.</p>",
        f"<p>Mark each answer in the CSV file that came with this page ({_e(exercise)}-{_e(question)}-marks.csv): "
        "fill in <em>points</em> and, if you like, <em>comment</em>. Then give the file to "
        "<code>coursekit mark import</code>. A blank answer already scores 0: it needs no mark.</p>",
        "<h2>Rubric</h2>",
    ]
    if rubric is None:
        parts.append("<p>This question has no rubric in the course. Mark it as the course guide says.</p>")
    else:
        parts.append(f"<p><strong>Question:</strong> {_e(rubric.prompt)}</p>")
        how = getattr(rubric, "how_to_mark", "")
        if how:
            parts.append(f"<p>{_e(how)}</p>")
        parts.append(f'<table><caption>Rubric: up to {_e(number(rubric.max_points))} points</caption>'
                     f'<thead><tr><th scope="col" {cell}>Points</th><th scope="col" {cell}>Level</th>'
                     f'<th scope="col" {cell}>What it looks like</th></tr></thead><tbody>')
        for level in sorted(rubric.rubric, key=lambda lv: lv.points):
            example = f"<br><em>Example:</em> {_e(level.example)}" if level.example else ""
            parts.append(f"<tr><td {cell}>{_e(number(level.points))}</td><td {cell}>{_e(level.level)}</td>"
                         f"<td {cell}>{_e(level.descriptor)}{example}</td></tr>")
        parts.append("</tbody></table>")
    parts.append("<h2>Answers</h2>")
    for index, answer in enumerate(answers, start=1):
        parts.append(f'<section aria-labelledby="a{index}"><h3 id="a{index}">Answer {index}: learner '
                     f"{_e(answer.learner)}</h3>")
        if answer.status == WRITTEN:
            parts.append(f'<div class="answer">{_e(answer.text)}</div>')
        elif answer.status == BLANK:
            parts.append('<p class="blank">No answer written. It scores 0 already.</p>')
        else:
            parts.append('<p class="blank">The answer could not be read here. Open it in formgrader.</p>')
        if answer.points is not None:
            parts.append(f"<p>Marked so far: {_e(number(answer.points))} of {_e(number(max_points))}.</p>")
        parts.append("</section>")
    parts += ["</main>", "</body>", "</html>", ""]
    return "\n".join(parts)


# -- import ---------------------------------------------------------------------------------

def read_filled_csv(path: Path, columns, made_by: str, error=None) -> csv.DictReader:
    """The rows of a CSV file a marker filled in: a real file, not too large, UTF-8, with ``columns``.
    ``made_by`` names the file the marker should have used; ``error`` is the exception raised."""
    error = error or MarkingError
    path = Path(path)
    if path.is_symlink() or not path.is_file():
        raise FileNotFoundError(f"There is no file {path}. Give {made_by}, filled in.")
    if path.stat().st_size > MAX_BYTES:
        raise error(f"{path} is larger than {MAX_BYTES // (1024 * 1024)} MB, too large for a file of marks. "
                    "Check you chose the right file.")
    try:
        text = path.read_text("utf-8-sig")
    except UnicodeDecodeError:
        raise error(f"{path} is not a UTF-8 text file. Save it from your spreadsheet as 'CSV UTF-8' "
                    "and try again.") from None
    reader = csv.DictReader(text.splitlines())
    missing = [c for c in columns if c not in (reader.fieldnames or [])]
    if missing:
        raise error(f"{path} has no column(s) {', '.join(missing)}. Use {made_by}, and keep its first line.")
    return reader


def parse_mark(raw: str, max_score: float, what: str) -> tuple[float | None, str | None]:
    """(mark, None) for a number from 0 to ``max_score``, else (None, what is wrong with it)."""
    verb = "are" if what.endswith("s") else "is"
    try:
        mark = float(raw)
        if not math.isfinite(mark):
            raise ValueError
    except ValueError:
        return None, f"{what} '{raw}' {verb} not a number."
    if mark < 0 or mark > max_score:
        return None, f"{what} {raw} {verb} outside 0 to {number(max_score)}, the points this answer is worth."
    return mark, None


@dataclass(frozen=True)
class Mark:
    learner: str
    exercise: str
    question: str
    points: float | None  # None: leave the mark as it is
    comment: str


@dataclass
class Imported:
    marked: int
    comments: int
    skipped: int  # rows with no points and no comment change


def read_marks(cohort, path: Path) -> list[Mark]:
    """Every row of the filled-in CSV ``path``, checked against the gradebook. Every problem is reported at
    once, with its line number, and then a MarkingError is raised."""
    path = Path(path)
    reader = read_filled_csv(path, ("learner_id", "exercise", "question", "points", "comment"),
                             "the CSV file that `coursekit mark export` wrote", MarkingError)
    rows = list(enumerate(reader, start=2))
    problems, marks, seen = [], [], {}
    with cohort.gradebook() as gb:
        parts, grades = {}, {}
        for line, row in rows:
            where = f"{path.name}, line {line}"
            learner = (row.get("learner_id") or "").strip()
            exercise = (row.get("exercise") or "").strip()
            question = (row.get("question") or "").strip()
            raw = (row.get("points") or "").strip()
            if exercise not in parts:
                try:
                    parts[exercise] = {p.cell: p for p in graded_parts(gb, exercise) if p.manual}
                    grades[exercise] = grades_of(gb, exercise)
                except MissingEntry:
                    parts[exercise], grades[exercise] = None, {}
            if parts[exercise] is None:
                problems.append(f"{where}: '{exercise}' is not an exercise in the gradebook.")
                continue
            part = parts[exercise].get(question)
            if part is None:
                problems.append(f"{where}: '{question}' is not a question an assessor marks in '{exercise}'.")
                continue
            if learner not in grades[exercise] or (part.notebook, part.cell) not in grades[exercise][learner]:
                problems.append(f"{where}: '{learner}' is not a learner with a graded submission of '{exercise}'.")
                continue
            if (learner, exercise, question) in seen:
                problems.append(f"{where}: {learner}'s '{question}' is given again (first on line "
                                f"{seen[(learner, exercise, question)]}). Keep one row for it.")
                continue
            seen[(learner, exercise, question)] = line
            points = None
            if raw:
                points, problem = parse_mark(raw, part.max_score, "the points")
                if problem:
                    problems.append(f"{where}: {problem}")
                    continue
                grade = grades[exercise][learner][(part.notebook, part.cell)]
                if grade.manual_score is None and not grade.needs_manual_grade:  # nbgrader's own 0: no answer
                    problems.append(f"{where}: {learner} wrote no answer, so it scores 0 already. "
                                    "Leave points empty on this row.")
                    continue
            marks.append(Mark(learner, exercise, question, points, read_cell(row.get("comment") or "").strip()))
    if not rows:
        problems.append(f"{path.name} has no rows of marks.")
    if problems:
        raise MarkingError(f"No marks were recorded from {path}, because of these problems:\n  "
                           + "\n  ".join(problems) + "\nCorrect them in the file and run the command again.")
    return marks


def import_marks(cohort, path: Path) -> Imported:
    """Check every row of ``path``, then record the marks and comments in the gradebook, as formgrader does."""
    marks = read_marks(cohort, path)
    marked = commented = skipped = 0
    with cohort.gradebook() as gb:
        notebooks = {}
        for mark in marks:
            if mark.exercise not in notebooks:
                notebooks[mark.exercise] = {p.cell: p.notebook for p in graded_parts(gb, mark.exercise)}
            notebook = notebooks[mark.exercise][mark.question]
            changed = False
            if mark.points is not None:
                grade = gb.find_grade(mark.question, notebook, mark.exercise, mark.learner)
                if grade.manual_score != mark.points or grade.needs_manual_grade:
                    # formgrader's GradeHandler.put: the manual score, and no longer waiting for a mark
                    grade.manual_score = mark.points
                    grade.needs_manual_grade = False
                    marked += 1
                    changed = True
            comment = gb.find_comment(mark.question, notebook, mark.exercise, mark.learner)
            if (comment.manual_comment or "") != mark.comment:
                comment.manual_comment = mark.comment or None  # formgrader's CommentHandler.put
                commented += 1
                changed = True
            skipped += not changed
        gb.db.commit()
    return Imported(marked, commented, skipped)
