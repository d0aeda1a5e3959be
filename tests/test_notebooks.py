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
from coursekit.outcomes import Outcome
from coursekit.scoring import score
from coursekit.testcells import parse_test_cell
from course_support import ASSIGNMENT, NOTEBOOK, ROOT, write_learner_answers

SOURCE = ROOT / "course" / "source" / ASSIGNMENT / NOTEBOOK


def _specs():
    nb = nbformat.read(SOURCE, as_version=4)
    return [(c.metadata.nbgrader, parse_test_cell(c.source)) for c in nb.cells
            if utils.is_grade(c) and not utils.is_solution(c)]


def _wrong(spec):
    if spec.key["kind"] == "choice":
        return next(option for option in spec.key["why"] if option != spec.key["correct"])
    return {**spec.key["solution"], "users": "team", "risk": "high"}


def test_every_key_agrees_with_its_cell_points():
    for meta, spec in _specs():
        assert spec.key["points"] == meta["points"], meta["grade_id"]


@pytest.mark.parametrize("meta, spec", _specs(), ids=lambda v: getattr(v, "question", ""))
def test_worked_answer_passes_wrong_fails_blank_is_not_attempted(meta, spec):
    worked = read_answers(ROOT / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.answers.json").answers[spec.question]
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


@pytest.mark.slow
def test_starter_reads_not_attempted_when_run(tmp_path):
    work = tmp_path / ASSIGNMENT
    shutil.copytree(ROOT / "exercises" / ASSIGNMENT, work)
    nb = _run(work / NOTEBOOK, work)
    checks = [c for c in nb.cells if utils.is_grade(c) and c.cell_type == "code"]
    assert len(checks) == 5
    for cell in checks:
        assert "Not attempted" in _text(cell), cell.source


@pytest.mark.slow
def test_worked_solution_runs_and_its_hidden_tests_award_full_points_in_a_kernel(tmp_path):
    """The stock path: nbgrader would execute the hidden tests; they must give full points."""
    work = tmp_path / ASSIGNMENT
    shutil.copytree(ROOT / "solutions" / ASSIGNMENT, work)
    nb = _run(work / NOTEBOOK, work)
    for cell in nb.cells:
        if utils.is_grade(cell) and cell.cell_type == "code":
            result = [o for o in cell.outputs if o.output_type == "execute_result"]
            assert result and float(result[0].data["text/plain"]) == cell.metadata.nbgrader["points"], cell.source
            assert "✔ Correct" in _text(cell)


@pytest.mark.slow
def test_wrong_answers_fail_when_run_in_a_kernel(tmp_path):
    work = tmp_path / ASSIGNMENT
    shutil.copytree(ROOT / "solutions" / ASSIGNMENT, work)
    write_learner_answers(work, {spec.question: _wrong(spec) for _, spec in _specs()})
    nb = _run(work / NOTEBOOK, work)
    for cell in nb.cells:
        if utils.is_grade(cell) and cell.cell_type == "code":
            result = [o for o in cell.outputs if o.output_type == "execute_result"]
            assert float(result[0].data["text/plain"]) < cell.metadata.nbgrader["points"], cell.source


LESSONS = sorted((ROOT / "notebooks").glob("*.ipynb"))


@pytest.mark.slow
@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_lesson_runs_headless_and_every_figure_has_alt_text(lesson, tmp_path):
    work = tmp_path / lesson.name
    shutil.copy(lesson, work)
    nb = _run(work, tmp_path)
    images = 0
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            assert out.output_type != "error", f"{lesson.name}: {out.get('ename')}: {out.get('evalue')}"
            page = out.get("data", {}).get("text/html", "")
            for tag in re.findall(r"<img\b[^>]*>", page):
                images += 1
                alt = re.search(r'alt="([^"]*)"', tag)
                assert alt and alt.group(1).strip(), f"{lesson.name}: an image without alt text"
            assert "image/png" not in out.get("data", {}), f"{lesson.name}: a bare image output has no alt text"
    figure_cells = sum(".figure(" in c.source for c in nb.cells if c.cell_type == "code")
    assert images == figure_cells >= 1
