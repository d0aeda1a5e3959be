"""Every graded exercise, end to end through nbgrader: the worked solution earns every
auto-graded point, the untouched learner copy earns none, and each reflection and own-trust
form reaches an assessor beside its rubric. A box-ticked form (every drop-down at its best
option, every box ticked, filler text) earns no marks at all. One course holds every assignment
in course/source."""

from __future__ import annotations

import datetime as dt
import json
import shutil

import nbformat
import pytest
from nbgrader import utils

from coursekit.cohort.nbgrader_run import run_nbgrader
from coursekit.grading.learner_text import from_markdown, is_learner_text
from coursekit.questions import forms
from coursekit.questions.bank import load_bank
from course_support import ROOT, course_files_in, write_learner_answers
from hostile_support import PAYLOADS

pytestmark = pytest.mark.slow

ASSIGNMENTS = sorted(p.name for p in (ROOT / "course" / "source").iterdir() if p.is_dir())


def _points(assignment: str) -> tuple[dict[str, float], dict[str, float]]:
    """({auto-graded cell: points}, {manually graded cell: points}) from the one source."""
    nb = nbformat.read(ROOT / "course" / "source" / assignment / f"{assignment}.ipynb", as_version=4)
    auto, manual = {}, {}
    for cell in nb.cells:
        if utils.is_grade(cell):
            meta = cell.metadata.nbgrader
            (manual if utils.is_solution(cell) else auto)[meta["grade_id"]] = meta["points"]
    return auto, manual


def _submit(course, student, assignment, folder, made_here: bool = False):
    """Submit ``folder``: the course's own files from a checkout folder, or every file of a
    submission this test ``made_here`` (its answers file included)."""
    dest = course / "submitted" / student / assignment
    dest.mkdir(parents=True)
    for item in (sorted(p for p in folder.iterdir() if p.is_file()) if made_here else course_files_in(folder)):
        shutil.copy(item, dest / item.name)
    (dest / "timestamp.txt").write_text("2026-11-28 10:00:00.000000 UTC")


FILLER = "word word word word word word word word word word word word"
SAVED_AT = "2026-11-28T09:00:00+00:00"


def box_ticked(spec: forms.FormSpec) -> dict:
    """Every drop-down and rating at the option the worked example chose (the one the checks
    reward), every box ticked, every date as in the worked example, every text filler."""
    best = spec.example(dt.date(2026, 11, 28))
    answer = {}
    for field in spec.fields:
        if field.kind == "check":
            answer[field.name] = True
        elif field.kind in ("text", "longtext"):
            answer[field.name] = FILLER
        elif field.kind in ("choice", "rating"):
            answer[field.name] = best.get(field.name) if best.get(field.name) not in (None, "") else field.options[0][1]
        else:
            answer[field.name] = best.get(field.name) or "2027-01-15"
    return answer


def hostile(spec: forms.FormSpec) -> dict:
    """The worked example with every text field carrying script payloads among real words."""
    answer = dict(spec.example(dt.date(2026, 11, 28)))
    for field in spec.fields:
        if field.kind in ("text", "longtext"):
            answer[field.name] = "Our board will name one goal by March. " + " ".join(PAYLOADS)
    return answer


def _form_submission(course, student, assignment, make, typed: str | None = None) -> None:
    """The worked solution's answers, with every form answered by ``make``, and ``typed`` (if any)
    typed straight into each form's assessor cell."""
    folder = course / "tmp_submissions" / student / assignment
    folder.mkdir(parents=True)
    nb = nbformat.read(ROOT / "exercises" / assignment / f"{assignment}.ipynb", as_version=4)
    for cell in nb.cells:
        if typed and cell.metadata.get("nbgrader", {}).get("grade_id") in forms.names():
            cell.source = typed
    nbformat.write(nb, folder / f"{assignment}.ipynb")
    saved = json.loads((ROOT / "solutions" / assignment / f"{assignment}.answers.json").read_text("utf-8"))
    answers = {qid: entry["value"] for qid, entry in saved["answers"].items()}
    for name in load_bank(assignment).forms:
        answers[name] = make(forms.get(name))
    write_learner_answers(folder, answers, SAVED_AT, assignment)
    _submit(course, student, assignment, folder, made_here=True)


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    course = tmp_path_factory.mktemp("course")
    shutil.copy(ROOT / "course" / "nbgrader_config.py", course / "nbgrader_config.py")
    shutil.copytree(ROOT / "course" / "source", course / "source",
                    ignore=shutil.ignore_patterns("*.answers.json", ".ipynb_checkpoints"))
    for assignment in ASSIGNMENTS:
        run_nbgrader(["generate_assignment", assignment, "--force"], course)
        _submit(course, "solution", assignment, ROOT / "solutions" / assignment)
        _submit(course, "blank", assignment, ROOT / "exercises" / assignment)
        _form_submission(course, "boxticked", assignment, box_ticked, typed="Our goal is excellent. Full marks please.")
        _form_submission(course, "hostile", assignment, hostile)
        run_nbgrader(["autograde", assignment], course)
    return course


def _grades(course, assignment, student):
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        nb = gb.find_submission_notebook(assignment, assignment, student)
        return {g.name: (g.auto_score, g.needs_manual_grade) for g in nb.grades}


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_worked_solution_earns_every_auto_point_and_blank_earns_none(graded, assignment):
    auto, manual = _points(assignment)
    assert auto and manual, "every exercise has auto-graded parts and a reflection"
    solution = _grades(graded, assignment, "solution")
    assert {name: solution[name][0] for name in auto} == auto
    assert all(solution[name] == (None, True) for name in manual), "reflections wait for an assessor"
    blank = _grades(graded, assignment, "blank")
    assert all(blank[name] == (0, False) for name in auto)
    assert all(blank[name] == (0, False) for name in manual), "no reflection written: no manual task"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_assessor_sees_each_reflection_beside_its_rubric(graded, assignment):
    _, manual = _points(assignment)
    nb = nbformat.read(graded / "autograded" / "solution" / assignment / f"{assignment}.ipynb", as_version=4)
    for index, cell in enumerate(nb.cells):
        if cell.metadata.get("nbgrader", {}).get("grade_id") in manual:
            assert cell.source.strip(), "the saved reflection is in the cell the assessor marks"
            assert "Rubric" in nb.cells[index - 1].source, "the rubric sits just above it"


def _form_cells(assignment: str) -> dict[str, float]:
    """{form: points} of the assessor-marked cells of the own-trust forms."""
    _, manual = _points(assignment)
    return {name: points for name, points in manual.items() if name in forms.names()}


def _graded_nb(course, student, assignment):
    return nbformat.read(course / "autograded" / student / assignment / f"{assignment}.ipynb", as_version=4)


def _cell(nb, grade_id):
    index = next(i for i, c in enumerate(nb.cells) if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)
    return index, nb.cells[index]


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_a_box_ticked_form_earns_no_marks_and_the_rest_earns_its_auto_points(graded, assignment):
    auto, manual = _points(assignment)
    assert not any(name.removeprefix("check_") in forms.names() for name in auto), "no form is auto-marked"
    grades = _grades(graded, assignment, "boxticked")
    assert sum(grades[name][0] for name in auto) == sum(auto.values()), "the non-form items earn their points"
    for name in _form_cells(assignment):
        assert grades[name] == (0, False), f"{name}: a box-ticked form with filler text earns nothing, unmarked"
    nb = _graded_nb(graded, "boxticked", assignment)
    for name in _form_cells(assignment):
        _, cell = _cell(nb, name)
        assert not is_learner_text(cell.source), f"{name}: filler leaves the cell unanswered for the assessor"
        assert "Full marks please" not in cell.source, "text typed into the cell is not the form's answer"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_the_worked_solution_shows_each_form_to_the_assessor_with_its_rubric_and_formative_checks(graded, assignment):
    forms_here = _form_cells(assignment)
    assert set(forms_here) == {f for f in load_bank(assignment).forms if f != "self_assessment"}
    grades = _grades(graded, assignment, "solution")
    nb = _graded_nb(graded, "solution", assignment)
    for name in forms_here:
        assert grades[name] == (None, True), f"{name}: the worked answer waits for an assessor"
        index, cell = _cell(nb, name)
        text = from_markdown(cell.source)
        assert text is not None, "the form's answer is shown as text"
        example = forms.get(name).example(dt.date(2026, 11, 28))
        first_text = next(example[f.name] for f in forms.get(name).fields if f.kind in ("text", "longtext"))
        assert "Your answer as saved:" in text
        assert "Formative check (no marks):" in text
        assert "Rubric" in nb.cells[index - 1].source and "Not yet" in nb.cells[index - 1].source
        assert first_text.split()[0] in text


def test_the_assessor_sees_hostile_form_text_as_text(graded):
    for assignment in ASSIGNMENTS:
        nb = _graded_nb(graded, "hostile", assignment)
        for name in _form_cells(assignment):
            _, cell = _cell(nb, name)
            assert is_learner_text(cell.source), f"{assignment}/{name}: shown as inert text"
            assert "<script" not in cell.source and "<img" not in cell.source and "](javascript" not in cell.source
            text = from_markdown(cell.source)
            assert all(payload in text for payload in PAYLOADS), "every character the learner typed is shown"
