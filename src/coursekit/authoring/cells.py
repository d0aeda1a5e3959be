"""Helpers for course authors writing a graded exercise's one source in ``course/source``.

They make cells with the nbgrader metadata coursekit expects, so an author writes::

    from coursekit.authoring import cells as a
    cells = [
        a.markdown("intro", "# Exercise 2: Clear leadership ..."),
        a.setup("clear_leadership"),
        a.ask("q1_pillars"),
        a.check("q1_pillars", {"kind": "choice", "correct": "b", "points": 1, "why": {...}}),
        a.form("leadership_map"),
        a.formative_check("leadership_map", {...worked answer...}),
        a.form_answer("leadership_map", 4, {...worked answer...}),
        a.reflect("reflection"),
        a.model_answer("reflection", 4, "*A model answer (illustrative) ...*"),
    ]
    a.write(Path("course/source/clear_leadership/clear_leadership.ipynb"), cells)

then runs ``coursekit generate clear_leadership``. The notebook, not the script, is the source.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from coursekit.questions import forms
from coursekit.questions.testcells import BEGIN_HIDDEN, END_HIDDEN, WORKED_ANSWER

#: When the worked answers count as "saved": fixed, so the solutions' answers files are reproducible.
WORKED_ANSWERS_SAVED_AT = "2026-11-28T09:00:00+00:00"


def _meta(cell, grade_id: str, *, grade: bool = False, solution: bool = False, points: float | None = None):
    meta = {"grade": grade, "solution": solution, "locked": not solution, "grade_id": grade_id, "schema_version": 3}
    if points is not None:
        meta["points"] = points
    cell.metadata["nbgrader"] = meta
    if not solution:
        cell.metadata.update({"editable": False, "deletable": False})
    return cell


def markdown(grade_id: str, text: str):
    """Locked teaching text."""
    return _meta(new_markdown_cell(text.strip("\n")), grade_id)


def code(grade_id: str, source: str):
    """A locked code cell (one short line with a plain-English comment)."""
    return _meta(new_code_cell(source.strip("\n")), grade_id)


def setup(assignment: str):
    return code("setup", "# Run this cell first. It loads the questions and your saved answers.\n"
                         f'from coursekit import Exercise\nex = Exercise("{assignment}")')


def ask(qid: str, comment: str = "Answer the question. It is saved as soon as you click."):
    return code(f"ask_{qid}", f'# {comment}\nex.ask("{qid}")')


def form(name: str, comment: str = "Fill in the form. Every change is saved as you make it."):
    return code(f"ask_{name}", f'# {comment}\nex.form("{name}")')


def reflect(qid: str, comment: str = "Write your answer in the box. It is saved when you click Save or leave the box."):
    return code(f"ask_{qid}", f'# {comment}\nex.reflect("{qid}")')


def check(qid: str, key: Mapping[str, Any],
          comment: str = "This cell checks your saved answer when your work is marked. Run it to see what is saved."):
    """An auto-graded test cell: the learner sees ``ex.check(qid)``; the key stays hidden."""
    points = key["points"]
    source = (f'# {comment}\nex.check("{qid}")\n{BEGIN_HIDDEN}\n'
              f'ex.check("{qid}", key={dict(key)!r})\n{END_HIDDEN}')
    return _meta(new_code_cell(source), f"check_{qid}", grade=True, points=points)


def formative_check(name: str, worked: Mapping[str, Any], saved_at: str = WORKED_ANSWERS_SAVED_AT,
                    comment: str = "Run this cell to see what is saved and how it compares with the checks. "
                                   "The checks give no marks."):
    """A form's instant check, ungraded: it earns no marks. In ``course/source`` it keeps the form's
    worked answer as data, for the worked solution's answers file (dropped from every generated copy)."""
    cell = code(f"check_{name}", f'# {comment}\nex.check("{name}")')
    cell.metadata[WORKED_ANSWER] = {"answer": dict(worked), "saved_at": saved_at}
    return cell


def worked_text(name: str, worked: Mapping[str, Any], saved_at: str = WORKED_ANSWERS_SAVED_AT) -> str:
    """A form's worked answer as readable markdown, for the assessor-marked cell of the worked solution.
    A date is shown as a day and month and how far it is from the day the answer was saved."""
    spec = forms.get(name)
    saved = forms.set_on(saved_at)
    shown = dict(worked)
    for field in spec.fields:
        day = forms.iso_date(worked.get(field.name)) if field.kind == "date" else None
        if day is not None:
            shown[field.name] = f"{day.day} {day:%B} ({(day - saved).days} days after the answer was saved)"
    lines = [f"*A worked answer (illustrative, written for a made-up trust): {spec.title}.*", ""]
    lines += [f"- **{label}** {value}" for label, value in spec.given(shown).items()]
    return "\n".join(lines)


def form_answer(name: str, points: float, worked: Mapping[str, Any], saved_at: str = WORKED_ANSWERS_SAVED_AT):
    """The assessor-marked cell of an own-trust form: its grade id is the form's name. In the worked
    solution it shows the worked answer; at grading, coursekit puts the learner's answer here."""
    return model_answer(name, points, worked_text(name, worked, saved_at))


def model_answer(qid: str, points: float, text: str):
    """The manually graded cell for a reflection. Its text is the model answer (solutions only);
    at grading, coursekit puts the learner's saved reflection here for the assessor."""
    return _meta(new_markdown_cell(text.strip("\n")), qid, grade=True, solution=True, points=points)


def write(path: Path, cells: list) -> None:
    nb = new_notebook(cells=cells, metadata={
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    })
    nbformat.validate(nb)
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
