"""Notebooks test themselves, as learntools' do: the worked answer passes, a wrong answer
fails, the untouched starter reads "not attempted". Every notebook also runs headless."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbgrader import utils

from coursekit.answers import Answer, read_answers
from coursekit.questions.outcomes import Outcome
from coursekit.questions.scoring import score
from coursekit.questions.testcells import parse_test_cell
from course_support import ROOT, course_copy, write_learner_answers

ASSIGNMENTS = sorted(p.name for p in (ROOT / "course" / "source").iterdir() if p.is_dir())


def _source(assignment: str) -> Path:
    return ROOT / "course" / "source" / assignment / f"{assignment}.ipynb"


def _specs(assignment: str):
    nb = nbformat.read(_source(assignment), as_version=4)
    return [(c.metadata.nbgrader, parse_test_cell(c.source)) for c in nb.cells
            if utils.is_grade(c) and not utils.is_solution(c)]


def _all_specs():
    return [pytest.param(a, meta, spec, id=f"{a}-{spec.question}") for a in ASSIGNMENTS for meta, spec in _specs(a)]


def _wrong(spec):
    """A wrong answer for any kind of key, made from the key itself."""
    kind = spec.key["kind"]
    if kind == "choice":
        return next(option for option in (spec.key.get("options") or spec.key["why"]) if option != spec.key["correct"])
    if kind == "multi":
        return [o for o in spec.key["options"] if o not in spec.key["correct"]][:1] or []
    if kind == "match":
        return {item: "not-a-category" for item in spec.key["correct"]}
    if kind == "ranking":  # the key reversed
        return {rid: len(spec.key["correct"]) - i for i, rid in enumerate(spec.key["correct"])}
    solution = dict(spec.key["solution"])
    first = next(iter(solution))
    return {name: (value if name == first else "") for name, value in solution.items()}


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_key_agrees_with_its_cell_points(assignment):
    for meta, spec in _specs(assignment):
        assert spec.key["points"] == meta["points"], meta["grade_id"]


@pytest.mark.parametrize("assignment, meta, spec", _all_specs())
def test_worked_answer_passes_wrong_fails_blank_is_not_attempted(assignment, meta, spec):
    worked = read_answers(ROOT / "solutions" / assignment / f"{assignment}.answers.json").answers[spec.question]
    assert score(spec.key, worked).outcome is Outcome.CORRECT
    wrong = score(spec.key, Answer(_wrong(spec), worked.saved_at))
    assert wrong.outcome in (Outcome.INCORRECT, Outcome.PARTLY) and wrong.fraction < 1
    assert score(spec.key, None).outcome is Outcome.NOT_ATTEMPTED


def _run(path: Path, cwd: Path):
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(cwd)}}).execute()
    return nb


def _text(cell) -> str:
    parts = []
    for out in cell.get("outputs", []):
        parts.append(out.get("text", ""))
        parts.append(str(out.get("data", {}).get("text/plain", "")))
    return "".join(parts)


def _no_errors(nb, name: str) -> None:
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            assert out.output_type != "error", f"{name}: {out.get('ename')}: {out.get('evalue')}"


@pytest.mark.slow
@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_starter_reads_not_attempted_when_run(assignment, tmp_path):
    work = tmp_path / assignment
    course_copy(ROOT / "exercises" / assignment, work)
    nb = _run(work / f"{assignment}.ipynb", work)
    _no_errors(nb, assignment)
    checks = [c for c in nb.cells if utils.is_grade(c) and c.cell_type == "code"]
    assert len(checks) == len(_specs(assignment)) >= 1
    for cell in checks:
        assert "Not attempted" in _text(cell), cell.source


@pytest.mark.slow
@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_worked_solution_runs_and_its_hidden_tests_award_full_points_in_a_kernel(assignment, tmp_path):
    """The stock path: nbgrader would execute the hidden tests; they must give full points."""
    work = tmp_path / assignment
    course_copy(ROOT / "solutions" / assignment, work)
    nb = _run(work / f"{assignment}.ipynb", work)
    _no_errors(nb, assignment)
    for cell in nb.cells:
        if utils.is_grade(cell) and cell.cell_type == "code":
            result = [o for o in cell.outputs if o.output_type == "execute_result"]
            assert result and float(result[0].data["text/plain"]) == cell.metadata.nbgrader["points"], cell.source
            assert "✔ Correct" in _text(cell)


@pytest.mark.slow
@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_wrong_answers_fail_when_run_in_a_kernel(assignment, tmp_path):
    work = tmp_path / assignment
    course_copy(ROOT / "solutions" / assignment, work)
    write_learner_answers(work, {spec.question: _wrong(spec) for _, spec in _specs(assignment)}, assignment=assignment)
    nb = _run(work / f"{assignment}.ipynb", work)
    for cell in nb.cells:
        if utils.is_grade(cell) and cell.cell_type == "code":
            result = [o for o in cell.outputs if o.output_type == "execute_result"]
            assert float(result[0].data["text/plain"]) < cell.metadata.nbgrader["points"], cell.source


LESSONS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


@pytest.mark.slow
@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_lesson_runs_headless_and_every_figure_has_alt_text(lesson, tmp_path):
    work = tmp_path / lesson.name
    shutil.copy(lesson, work)
    nb = _run(work, tmp_path)
    _no_errors(nb, lesson.name)
    images = 0
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            page = out.get("data", {}).get("text/html", "")
            for tag in re.findall(r"<img\b[^>]*>", page):
                images += 1
                alt = re.search(r'alt="([^"]*)"', tag)
                assert alt and alt.group(1).strip(), f"{lesson.name}: an image without alt text"
            assert "image/png" not in out.get("data", {}), f"{lesson.name}: a bare image output has no alt text"
    figure_cells = sum(".figure(" in c.source for c in nb.cells if c.cell_type == "code")
    assert images == figure_cells >= 1


OTHER_NOTEBOOKS = sorted(set((ROOT / "notebooks").glob("*.ipynb")) - set(LESSONS))


@pytest.mark.slow
@pytest.mark.parametrize("path", OTHER_NOTEBOOKS, ids=lambda p: p.stem)
def test_other_notebooks_run_headless_and_their_images_have_alt_text(path, tmp_path):
    """Notebooks that are not lessons (the progress view): they run, and any image has alt text."""
    work = tmp_path / path.name
    shutil.copy(path, work)
    nb = _run(work, tmp_path)
    _no_errors(nb, path.name)
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            for tag in re.findall(r"<img\b[^>]*>", out.get("data", {}).get("text/html", "")):
                alt = re.search(r'alt="([^"]*)"', tag)
                assert alt and alt.group(1).strip(), f"{path.name}: an image without alt text"
            assert "image/png" not in out.get("data", {}), f"{path.name}: a bare image output has no alt text"
