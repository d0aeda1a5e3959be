"""coursekit's plug-ins for nbgrader: grade saved answers as data, never run learner code.

Five pieces, each set through nbgrader's own configuration (see :func:`configure`):

* :class:`GradeAnswers` replaces nbgrader's ``Execute`` in ``Autograde.autograde_preprocessors``.
  For each autograded test cell it reads the question and key from the cell *as kept in
  the gradebook* (so an edited or deleted test cell changes nothing), reads the learner's
  answers file as data, scores it with :mod:`coursekit.questions.scoring`, and writes the points as
  the cell's output, which nbgrader's ``SaveAutoGrades`` records as partial credit.
* :class:`KeepKnownCells` (while sanitizing) turns cells with forged or broken grading
  settings into ordinary cells, so one tampered notebook cannot stop the cohort's run.
* :class:`LearnerCellsAsText` (while sanitizing) makes every cell whose text is not the
  course's own show as text, never as markup: formgrader and feedback render markdown
  with raw HTML allowed, so a learner's text must never reach them as markdown.
* :class:`TolerantNotebookExporter` lets a notebook that is not valid JSON be graded from
  its answers file, with a clear message, instead of failing the learner's whole submission.
* :class:`HideAnswerKey` removes hidden tests from the feedback nbgrader generates.
"""

from __future__ import annotations

import html
import json
import os
import re
from dataclasses import dataclass
from typing import Any

import nbformat
from nbconvert.exporters import NotebookExporter
from nbformat.v4 import new_markdown_cell, new_notebook, new_output
from nbgrader import utils
from nbgrader.api import Gradebook
from nbgrader.nbgraderformat import MetadataValidator
from nbgrader.preprocessors import NbGraderPreprocessor

from coursekit.questions import forms
from coursekit.grading.cellchecks import MetadataValidator as CompiledValidator
from coursekit.grading.pages import mark_page
from coursekit.grading.learner_text import as_markdown, one_line, without_controls
from coursekit.answers import Answer, ReadResult, answers_path, read_answers
from coursekit.questions.bank import BankError, describe, form_rubric, load_bank
from coursekit.records.progress import form_attempted
from coursekit.questions.scoring import score
from coursekit.questions.testcells import WORKED_ANSWER, BadTestCell, parse_test_cell, without_hidden_tests

NOTES_KEY = "coursekit_notes"  # notes for the learner, passed from sanitizing to grading
NOTES_MARK = "coursekit-grading-notes"
RUBRIC_MARK = "coursekit-rubric"


@dataclass(frozen=True)
class SourceCell:
    """A cell of the exercise as the gradebook keeps it (hidden tests included)."""

    name: str
    cell_type: str
    source: str
    checksum: str
    locked: bool
    points: float | None  # None unless graded
    solution: bool


_SOURCE_CELLS: dict[tuple[str, str, str], dict[str, SourceCell]] = {}


def source_cells(db_url: str, assignment: str, notebook: str) -> dict[str, SourceCell]:
    """The exercise's cells from the gradebook, in order. Read once per grading process:
    they cannot change while nbgrader grades (call :func:`forget_source_cells` after
    regenerating an assignment in a long-lived process)."""
    key = (db_url, assignment, notebook)
    if key not in _SOURCE_CELLS:
        with Gradebook(db_url) as gb:
            found = gb.find_notebook(notebook, assignment)
            points = {c.name: float(c.max_score) for c in found.grade_cells}
            solutions = {c.name for c in found.solution_cells}
            _SOURCE_CELLS[key] = {
                c.name: SourceCell(c.name, c.cell_type, c.source, c.checksum, bool(c.locked),
                                   points.get(c.name), c.name in solutions)
                for c in found.source_cells
            }
    return _SOURCE_CELLS[key]


def forget_source_cells() -> None:
    _SOURCE_CELLS.clear()


class GradeAnswers(NbGraderPreprocessor):
    """Score every autograded test cell from the learner's saved answers, as data."""

    def preprocess(self, nb, resources):
        info = resources["nbgrader"]
        notebook_id, assignment_id = info["notebook"], info["assignment"]
        student_id = info["student"]
        folder = resources.get("metadata", {}).get("path") or "."
        path = answers_path(folder, notebook_id)
        found = read_answers(path)
        earlier = list(nb.metadata.pop(NOTES_KEY, []))
        unreadable = any(note.startswith("The notebook ") for note in earlier)
        problems = [one_line(p) for p in earlier + list(found.problems)]  # learner text, for a terminal
        if not found.exists:
            problems.append(
                f"No answers file ({path.name}) came with this submission, so no answers were found. "
                "If you answered the questions, submit again from the same folder as the notebook."
            )
        self._bank = _bank_or_none(notebook_id)

        sources = source_cells(info["db_url"], assignment_id, notebook_id)
        graded = {name: cell for name, cell in sources.items() if cell.points is not None}
        seen: set[str] = set()
        for cell in list(nb.cells):
            nbg = cell.metadata.get("nbgrader", {})
            if not (nbg.get("grade") or nbg.get("solution") or nbg.get("locked") or nbg.get("task")):
                continue
            grade_id = nbg.get("grade_id")
            if grade_id is None or (nbg.get("grade") and (grade_id not in graded or grade_id in seen)):
                # Not a cell the gradebook knows: make it an ordinary cell so it cannot score.
                del cell.metadata["nbgrader"]
                continue
            if grade_id in graded:
                seen.add(grade_id)
                self._grade_cell(cell, graded[grade_id], found)

        for name, source in graded.items():
            if name not in seen:
                cell = _restore(source)
                self._grade_cell(cell, source, found)
                nb.cells.insert(_place_of(nb, list(sources), name), cell)
                if not unreadable:
                    problems.append(
                        f"The cell '{one_line(name)}' was missing from the notebook. It was put back in its place "
                        "and marked from the saved answers."
                    )

        save_notes(folder, notebook_id, problems)
        self._show_rubrics(nb)
        if problems:
            for problem in problems:
                self.log.warning("coursekit: learner '%s', %s: %s", student_id, notebook_id, problem)
            nb.cells.insert(0, _notes_cell(problems))
        return nb, resources

    def _show_rubrics(self, nb) -> None:
        """Put the rubric of each reflective question and own-trust form just above the answer,
        for the assessor and the learner."""
        if not self._bank:
            return
        for index in range(len(nb.cells) - 1, -1, -1):
            cell = nb.cells[index]
            grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
            if not utils.is_solution(cell):
                continue
            if grade_id in self._bank.reflections:
                nb.cells.insert(index, _rubric_cell(self._bank.reflections[grade_id]))
            elif grade_id in self._bank.forms and form_rubric(grade_id) is not None:
                nb.cells.insert(index, _rubric_cell(form_rubric(grade_id)))

    # -- one cell -------------------------------------------------------------------------

    def _grade_cell(self, cell, source_cell: SourceCell, found: ReadResult) -> None:
        source, max_points = source_cell.source, source_cell.points
        if utils.is_solution(cell):
            self._fill_written_answer(cell, found, source_cell)
            return
        if cell.cell_type != "code":
            return
        try:
            spec = parse_test_cell(source)
        except BadTestCell as err:
            # The course author's mistake, not the learner's: never full marks, say so loudly.
            self.log.error("coursekit: test cell '%s' cannot be read: %s", cell.metadata.nbgrader["grade_id"], err)
            _set_outputs(cell, f"⚠ This check could not be run ({err}). An assessor will review it.", 0.0)
            return
        answer = found.answers.get(spec.question)
        ranking = self._bank.rankings.get(spec.question) if self._bank else None
        result = score(spec.key, answer, ranking.labels() if ranking else None)
        text = result.text(max_points)
        shown = self._describe(spec.question, answer)
        if shown:
            first, _, rest = text.partition("\n")
            text = "\n".join(part for part in (first, shown, rest) if part)
        _set_outputs(cell, text, result.points(max_points))

    def _fill_written_answer(self, cell, found: ReadResult, source_cell: SourceCell) -> None:
        """Put a reflective answer, or an own-trust form's answer, from the answers file into the
        cell the assessor marks, as text. A form's answer is only ever the saved form: a blank or
        filler one leaves the course's own placeholder (whatever was typed into the cell), unanswered."""
        grade_id = cell.metadata.nbgrader["grade_id"]
        answer = found.answers.get(grade_id)
        if grade_id in forms.names():
            text = form_answer_text(forms.get(grade_id), answer)
            cell.source = source_cell.source if text is None else as_markdown(text)
        elif answer is not None and isinstance(answer.value, str) and answer.value.strip():
            cell.source = as_markdown(answer.value.strip())

    def _describe(self, qid: str, answer: Answer | None) -> str:
        if answer is None:
            return ""
        if self._bank:
            try:
                question = self._bank.question(qid)
            except BankError:
                return ""
            return describe(question, answer.value) or ""
        return ""


def form_answer_text(spec: forms.FormSpec, answer: Answer | None) -> str | None:
    """A form's saved answer for the assessor: each field the learner gave, then the instant checks'
    results, labelled as carrying no marks. ``None`` when blank, unreadable, or nothing but filler
    (no text field holds the learner's own words), so the cell stays unanswered."""
    value = answer.value if answer is not None else None
    if not form_attempted(spec, value):  # the same rule as the learner's progress
        return None
    lines = ["Your answer as saved:"] + [f"{label} {shown}" for label, shown in spec.given(value).items()]
    return "\n".join(lines + [""] + spec.formative_lines(value, answer.saved_at))


def _restore(source_cell: SourceCell):
    """A missing graded cell, rebuilt from the gradebook."""
    if source_cell.cell_type == "code":
        cell = nbformat.v4.new_code_cell(source_cell.source)
    else:
        cell = new_markdown_cell(source_cell.source)
    cell.metadata["nbgrader"] = {
        "grade": True,
        "grade_id": source_cell.name,
        "locked": source_cell.locked,
        "checksum": source_cell.checksum,
        "points": source_cell.points,
        "solution": source_cell.solution,
        "schema_version": 3,
    }
    if not source_cell.solution:
        cell.metadata["editable"] = False
    cell.metadata["deletable"] = False
    return MetadataValidator().upgrade_cell_metadata(cell)


def _place_of(nb, order: list[str], name: str) -> int:
    """Where a missing cell goes back: just after the nearest cell before it in the exercise that the
    notebook still has, else just before the nearest one after it (the exercise's order is the
    gradebook's, as nbgrader's own OverwriteCells.add_missing_cells takes it)."""
    where = {cell.metadata.get("nbgrader", {}).get("grade_id"): index for index, cell in enumerate(nb.cells)
             if isinstance(cell.metadata.get("nbgrader"), dict)}
    at = order.index(name)
    for before in reversed(order[:at]):
        if before in where:
            return where[before] + 1
    for after in order[at + 1:]:
        if after in where:
            return where[after]
    return len(nb.cells)


def _bank_or_none(notebook_id: str):
    try:
        return load_bank(notebook_id)
    except BankError:
        return None


def _set_outputs(cell, text: str, points: float) -> None:
    cell.outputs = [  # plain text (escaped where shown); a learner's saved answer is in it, so no control codes
        new_output("stream", name="stdout", text=without_controls(text) + "\n"),
        new_output("execute_result", data={"text/plain": f"{points:g}"}, execution_count=None),
    ]
    cell.execution_count = None


def _rubric_cell(reflection):
    """The rubric (of a reflection or a form) as an HTML table with inline styles: formgrader's and
    feedback's page templates do not style Markdown tables, so borders and padding must travel with it."""
    td = 'style="border: 1px solid #bbb; padding: 4px 8px; text-align: left; vertical-align: top"'
    head = "".join(f'<th scope="col" {td}>{name}</th>' for name in ("Points", "Level", "What it looks like"))
    rows = "\n".join(
        f"<tr><td {td}>{level.points:g}</td><td {td}>{html.escape(level.level)}</td>"
        f"<td {td}>{html.escape(level.descriptor)}"
        + (f"<br><em>Example:</em> {html.escape(level.example)}" if level.example else "")
        + "</td></tr>"
        for level in sorted(reflection.rubric, key=lambda lv: lv.points)
    )
    how = getattr(reflection, "how_to_mark", "")
    cell = new_markdown_cell(
        f"**Question:** {html.escape(reflection.prompt)}\n\n"
        f"**Rubric** (up to {reflection.max_points:g} points)"
        + (f" {html.escape(how)}" if how else "") + "\n\n"
        f'<table style="border-collapse: collapse">\n<thead><tr>{head}</tr></thead>\n<tbody>\n{rows}\n</tbody>\n</table>\n'
    )
    cell.metadata["tags"] = [RUBRIC_MARK]
    return cell


#: Grading notes are also left as data beside the graded notebook, for `coursekit grade`'s summary.
NOTES_SUFFIX = ".coursekit-notes.json"


def notes_path(folder: str, notebook: str) -> str:
    return os.path.join(folder, f"{notebook}{NOTES_SUFFIX}")


def save_notes(folder: str, notebook: str, problems: list[str]) -> None:
    """Write the notes (possibly none) as JSON; they are in the notebook too, so never fail grading.
    `coursekit grade` prints them, so they hold no control characters (learner text is in them)."""
    try:
        with open(notes_path(folder, notebook), "w", encoding="utf-8") as handle:
            json.dump({"notebook": notebook, "notes": [one_line(p) for p in problems]}, handle,
                      ensure_ascii=False, indent=1)
    except OSError:
        pass


def _notes_cell(problems: list[str]):
    """The notes as a list, each shown as text: they name files, cells and answers the learner chose."""
    items = "".join(f"<li>{as_markdown(p)}</li>" for p in problems)
    cell = new_markdown_cell(f"**Notes from grading**\n\n<ul>{items}</ul>\n")
    cell.metadata["tags"] = [NOTES_MARK]
    return cell


class TolerantNotebookExporter(NotebookExporter):
    """Read a submitted notebook; if it cannot be read, grade from the answers file instead.

    The learner's file is left untouched. The stand-in notebook carries a message that
    :class:`GradeAnswers` puts at the top of the graded notebook and in the log.
    """

    def from_file(self, file_stream, resources=None, **kw):
        name = getattr(file_stream, "name", "the notebook")
        try:
            nb = nbformat.read(file_stream, as_version=4)
            _check_shape(nb)
        except Exception as err:  # noqa: BLE001 - any unreadable file is the learner's, not ours
            reason = _reason(err)
            self.log.error(
                "coursekit: %s is not a readable notebook (%s). It is graded from its answers file; "
                "the file itself is kept unchanged.", name, reason,
            )
            nb = new_notebook(cells=[])
            nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
            nb.metadata[NOTES_KEY] = [
                f"The notebook {os.path.basename(str(name))} could not be opened ({reason}). "
                "It was marked from the saved answers file instead. "
                "To fix it, download the exercise again, answer again if anything is missing, and resubmit."
            ]
        return self.from_notebook_node(nb, resources=resources, **kw)


class KeepKnownCells(NbGraderPreprocessor):
    """Before nbgrader's own checks: a cell whose grading settings are forged or broken
    becomes an ordinary cell, instead of stopping the whole cohort's grading run.
    It validates every cell's settings as nbgrader's CheckCellMetadata does, so that
    check is not repeated while sanitizing (it still runs at the end of grading).

    A forged cell (an id the gradebook does not know) can then never score. A real cell
    with broken settings counts as missing, and :class:`GradeAnswers` puts it back.
    """

    def preprocess(self, nb, resources):
        info = resources["nbgrader"]
        known = source_cells(info["db_url"], info["assignment"], info["notebook"])
        notes = []
        validator = CompiledValidator()  # nbgrader's checks, schema compiled once
        for cell in nb.cells:
            nbg = cell.metadata.get("nbgrader")
            if nbg is None:
                continue
            grade_id = nbg.get("grade_id") if isinstance(nbg, dict) else None
            try:
                if grade_id not in known:
                    raise ValueError("unknown cell")
                # A learner cannot change what kind of cell this is: take that from the gradebook.
                source = known[grade_id]
                nbg.update(grade=source.points is not None, solution=source.solution, locked=source.locked)
                if source.points is not None:
                    nbg["points"] = source.points
                validator.upgrade_cell_metadata(cell)
                validator.validate_cell(cell)
            except Exception:  # noqa: BLE001 - any broken settings: ignore the cell, never crash
                del cell.metadata["nbgrader"]
                if grade_id in known:
                    notes.append(f"The grading settings of cell '{grade_id}' were damaged, so it was replaced.")
                elif isinstance(nbg, dict) and (nbg.get("grade") or nbg.get("points")):
                    notes.append(f"A cell claimed to be graded ('{str(grade_id)[:40]}') but is not part of "
                                 "the exercise. It was ignored.")
        if notes:
            nb.metadata[NOTES_KEY] = list(nb.metadata.get(NOTES_KEY, [])) + notes
        return nb, resources


def _check_shape(nb) -> None:
    if not isinstance(nb.get("cells"), list):
        raise ValueError("it has no list of cells")
    for index, cell in enumerate(nb.cells):
        if not isinstance(cell, dict) or cell.get("cell_type") not in {"code", "markdown", "raw"}:
            raise ValueError(f"cell {index + 1} is not a notebook cell")
        if not isinstance(cell.get("source", ""), str):
            raise ValueError(f"cell {index + 1} has no text")
        if not isinstance(cell.get("metadata", {}), dict):
            raise ValueError(f"cell {index + 1} has broken settings")


def _reason(err: Exception) -> str:
    if isinstance(err, (json.JSONDecodeError,)) or "JSON" in type(err).__name__ or "Unreadable" in type(err).__name__:
        return "it is not valid notebook JSON"
    if isinstance(err, UnicodeDecodeError):
        return "it is not a text file"
    text = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
    return one_line(text, 160)


class LearnerCellsAsText(NbGraderPreprocessor):
    """While sanitizing, after nbgrader's OverwriteCells has put back the course's locked cells:
    every markdown or raw cell whose text is not the course's own becomes learner text
    (:func:`coursekit.grading.learner_text.as_markdown`), shown as typed and never as markup.

    The course's own text is the gradebook's copy of that cell; an unanswered reflection is
    left byte for byte as the course wrote it, so nbgrader's checksum still gives it 0 without
    an assessor. Cell attachments are dropped (an SVG is markup too), and the notebook's settings
    are cut to the kernel and language: nbconvert would otherwise embed a learner's widget state
    in the assessor's page.
    """

    def preprocess(self, nb, resources):
        info = resources["nbgrader"]
        known = source_cells(info["db_url"], info["assignment"], info["notebook"])
        for cell in nb.cells:
            cell.pop("attachments", None)
            if cell.cell_type == "code":
                continue  # shown as highlighted code, never as markup; its outputs were cleared
            nbg = cell.metadata.get("nbgrader")
            own = known.get(nbg.get("grade_id")) if isinstance(nbg, dict) else None
            if own is not None and own.cell_type == cell.cell_type and own.source == cell.source:
                continue
            if cell.cell_type != "markdown":  # a raw cell may be shown as raw HTML
                cell.cell_type = "markdown"
                for key in ("format", "raw_mimetype"):
                    cell.metadata.pop(key, None)
            cell.source = as_markdown(cell.source)
        nb.metadata = nbformat.from_dict(_plain_metadata(nb.metadata))
        return nb, resources


_PLAIN_NAME = re.compile(r"[\w .()+-]{1,80}")


def _plain_metadata(metadata: dict) -> dict:
    """A notebook's settings cut to what grading needs: the kernel, the language and coursekit's notes."""
    def words(value, keys):
        value = value if isinstance(value, dict) else {}
        return {k: value[k] for k in keys if isinstance(value.get(k), str) and _PLAIN_NAME.fullmatch(value[k])}

    kernel = words(metadata.get("kernelspec"), ("name", "display_name", "language"))
    kept = {"kernelspec": kernel if {"name", "display_name"} <= set(kernel) else
            {"name": "python3", "display_name": "Python 3", "language": "python"},
            "language_info": words(metadata.get("language_info"), ("name",)) or {"name": "python"}}
    if NOTES_KEY in metadata:
        kept[NOTES_KEY] = list(metadata[NOTES_KEY])
    return kept


class DropWorkedAnswers(NbGraderPreprocessor):
    """For generate_assignment and generate_solution: drop the worked answers that a form's
    formative check cell keeps in ``course/source``, so no generated copy carries them."""

    def preprocess_cell(self, cell, resources, index):
        cell.metadata.pop(WORKED_ANSWER, None)
        return cell, resources


class NoChecksumOnWrittenAnswers(NbGraderPreprocessor):
    """For generate_assignment, last: the learner's copy keeps no checksum on the assessor-marked
    cells that hold only the written-answer placeholder (reflections and forms).

    Learners answer those in widgets; the answer reaches the cell only at grading. With the
    checksum, nbgrader's Validate takes the untouched placeholder for "no response" and reports
    a failed cell even when everything is done. Without it, Validate leaves them to the assessor,
    and autograde is unchanged: OverwriteCells puts the gradebook's checksum back first.
    """

    def preprocess_cell(self, cell, resources, index):
        if (cell.cell_type == "markdown" and utils.is_grade(cell) and utils.is_solution(cell)
                and cell.source.strip() == WRITTEN_ANSWER_STUB):
            cell.metadata.nbgrader.pop("checksum", None)
        return cell, resources


class MarkAsPage(NbGraderPreprocessor):
    """For generate_assignment, last: the learner's copy reads like a page (:mod:`coursekit.grading.pages`):
    its code cells' inputs hidden, and marked to run when it opens. Every copy nbgrader makes for
    learners (``exercises/``, a cohort's release) gets it from the one source, which stays as written."""

    def preprocess(self, nb, resources):
        mark_page(nb)
        return nb, resources


class HideAnswerKey(NbGraderPreprocessor):
    """For feedback: remove every hidden-test region, so no answer key reaches a learner."""

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "code" and utils.is_grade(cell):
            cell.source = without_hidden_tests(cell.source)
        return cell, resources


SANITIZE_PREPROCESSORS = [
    "nbgrader.preprocessors.ClearOutput",
    "nbgrader.preprocessors.DeduplicateIds",
    "nbgrader.preprocessors.OverwriteKernelspec",
    "coursekit.grading.plugins.KeepKnownCells",
    "nbgrader.preprocessors.OverwriteCells",
    "coursekit.grading.plugins.LearnerCellsAsText",
]

AUTOGRADE_PREPROCESSORS = [
    "coursekit.grading.plugins.GradeAnswers",
    "nbconvert.preprocessors.ClearMetadataPreprocessor",
    "nbgrader.preprocessors.LimitOutput",
    "nbgrader.preprocessors.SaveAutoGrades",
    "nbgrader.preprocessors.AssignLatePenalties",
    "coursekit.grading.cellchecks.CheckCellMetadata",  # nbgrader's own checks, schema compiled once
]

FEEDBACK_PREPROCESSORS = [
    "coursekit.grading.feedback_labels.LabelMarkedParts",  # names each marked part in the question's own words
    "coursekit.grading.plugins.HideAnswerKey",
    "coursekit.grading.feedback_labels.GetGradesAwaitingMarks",  # nbgrader's GetGrades, and which await marking
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]

#: What a learner's copy shows in place of the model answer to a reflective question or a form.
WRITTEN_ANSWER_STUB = (
    "*Give your answer above and save it. "
    "It appears here for your assessor when your work is marked.*"
)


#: The folder holding coursekit's ``feedback`` template, found before nbgrader's own.
FEEDBACK_TEMPLATES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "templates")


def configure(c: Any) -> None:
    """Apply coursekit's grading to an nbgrader config object ``c``.

    Everything else (gradebook, exchange, formgrader, feedback, export) stays nbgrader's own.
    """
    c.Autograde.sanitize_preprocessors = SANITIZE_PREPROCESSORS
    c.Autograde.autograde_preprocessors = AUTOGRADE_PREPROCESSORS
    c.Autograde.exporter_class = "coursekit.grading.plugins.TolerantNotebookExporter"
    c.GenerateFeedback.preprocessors = FEEDBACK_PREPROCESSORS
    # coursekit's feedback template (templates/feedback): accessible, and in the learner's words
    c.HTMLExporter.extra_template_basedirs.prepend([FEEDBACK_TEMPLATES])  # keep formgrader's own templates
    c.HTMLExporter.filters = {"coursekit_clean": "coursekit.grading.clean_html.clean"}  # used by that template
    c.HTMLExporter.sanitize_html = True  # outputs: HTML cleaned, no script or widget state (feedback and formgrader)
    c.ClearSolutions.text_stub = WRITTEN_ANSWER_STUB
    from nbgrader.converters import GenerateAssignment

    drop = "coursekit.grading.plugins.DropWorkedAnswers"
    c.GenerateAssignment.preprocessors = [drop, *GenerateAssignment.class_traits()["preprocessors"].default(),
                                          "coursekit.grading.plugins.NoChecksumOnWrittenAnswers",
                                          "coursekit.grading.plugins.MarkAsPage"]
    # Worked solutions are not executed: their answers live in the answers file beside them.
    c.GenerateSolution.preprocessors = [
        drop,
        "nbgrader.preprocessors.IncludeHeaderFooter",
        "nbgrader.preprocessors.LockCells",
        "nbgrader.preprocessors.ClearOutput",
        "nbgrader.preprocessors.ClearMarkScheme",
    ]
    # Answers files travel with the submission; these never should.
    # (".*.tmp": what an interrupted save of an answers file leaves behind.)
    c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", "*.unreadable-*.json",
                                ".*.tmp"]

