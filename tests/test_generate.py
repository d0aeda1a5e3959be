"""exercises/ and solutions/ are generated from course/source by one command, and never drift."""

import pytest

from coursekit.authoring import generate
from coursekit.cli.app import main
from course_support import ROOT


@pytest.mark.slow
def test_committed_copies_match_a_fresh_generation():
    problems = generate.drift(ROOT)
    assert problems == [], "Run `coursekit generate` and commit:\n" + "\n".join(problems)


def test_drift_is_detected(tmp_path):
    fresh, committed = tmp_path / "fresh", tmp_path / "committed"
    fresh.mkdir()
    committed.mkdir()
    (fresh / "a.ipynb").write_text("one")
    (committed / "a.ipynb").write_text("two")
    (committed / "stray.txt").write_text("x")
    (committed / "mine.answers.json").write_text("{}")
    problems = generate._compare(fresh, committed, "exercises/x")
    assert problems == ["exercises/x/stray.txt: not made by the generator", "exercises/x/a.ipynb: differs from its source"]


def test_cli_outside_a_project_says_what_to_do(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["generate", "--check"]) == 1
    assert "Run this inside the coursekit project folder" in capsys.readouterr().err


def test_worked_answers_come_from_the_source_keys():
    answers = generate.worked_answers(ROOT / "course" / "source" / "goal_and_mission" / "goal_and_mission.ipynb")
    assert set(answers) == {"q1_rocks", "q2_first_goal", "q3_mission", "sjt_goal",
                            "first_goal", "mission", "journey", "reflection"}
    assert isinstance(answers["mission"].value, dict), "a form's worked answer, kept by its formative check cell"
    assert isinstance(answers["sjt_goal"].value, dict), "a ranking's worked answer is the key's order as ranks"
    assert all(a.saved_at == generate.WORKED_ANSWERS_SAVED_AT for a in answers.values())


def _ran(notebook, into):
    """``notebook`` as JupyterLab saves it after a learner ran it: outputs, run counts, widget state."""
    import json

    data = json.loads(notebook.read_text("utf-8"))
    for n, cell in enumerate(c for c in data["cells"] if c["cell_type"] == "code"):
        cell.update(execution_count=n + 1, outputs=[{"output_type": "stream", "name": "stdout", "text": ["hi\n"]}])
        cell["metadata"]["execution"] = {"iopub.status.idle": "2026-11-28T09:00:00Z"}
    data["metadata"].update(widgets={"application/vnd.jupyter.widget-state+json": {"state": {}}},
                            language_info={"name": "python", "version": "3.11.7"})
    data["metadata"]["kernelspec"]["display_name"] = "Python 3 (ipykernel)"
    into.write_text(json.dumps(data, indent=2), "utf-8")


def test_a_learners_files_and_runs_are_not_drift(tmp_path):
    """A checkout where the course was used: answers, plan, record, checkpoints and saved outputs are the
    learner's, not drift; a changed source still is."""
    fresh, committed = tmp_path / "fresh", tmp_path / "committed"
    lesson = ROOT / "exercises" / "your_plan" / "your_plan.ipynb"
    for folder in (fresh, committed):
        folder.mkdir()
        (folder / "your_plan.ipynb").write_bytes(lesson.read_bytes())
    _ran(lesson, committed / "your_plan.ipynb")
    for name in ("your_plan.answers.json", "your_plan.answers.unreadable-20261128T090000.json",
                 "my_plan_for_the_board.html", "my_plan_for_the_board.pdf", "record_of_completion.html",
                 "record_of_completion.pdf", ".ipynb_checkpoints/your_plan-checkpoint.ipynb"):
        (committed / name).parent.mkdir(exist_ok=True)
        (committed / name).write_text("the learner's")
    assert generate._compare(fresh, committed, "exercises/your_plan") == []
    (committed / "your_plan.ipynb").write_text((committed / "your_plan.ipynb").read_text().replace("board", "bored"))
    assert generate._compare(fresh, committed, "exercises/your_plan") == [
        "exercises/your_plan/your_plan.ipynb: differs from its source"]


def test_the_package_mirror_leaves_out_a_learners_files_and_outputs(tmp_path):
    import json
    import shutil

    root = tmp_path / "project"
    for folder in generate.MIRRORED:
        shutil.copytree(ROOT / folder, root / folder, ignore=shutil.ignore_patterns(*generate._NOT_MIRRORED))
    _ran(ROOT / "notebooks" / "04_goal_and_mission.ipynb", root / "notebooks" / "04_goal_and_mission.ipynb")
    for name in ("04_goal_and_mission.answers.json", "my_plan_for_the_board.pdf", "record_of_completion.html"):
        (root / "notebooks" / name).write_text("the learner's")
    generate.mirror(root, tmp_path / "mirror")
    shipped = tmp_path / "mirror" / "notebooks"
    assert not [p.name for p in shipped.iterdir() if p.suffix != ".ipynb"]
    cells = json.loads((shipped / "04_goal_and_mission.ipynb").read_text())["cells"]
    assert not [c for c in cells if c["cell_type"] == "code" and (c["outputs"] or c["execution_count"])]
    # a notebook with no outputs ships byte for byte
    shutil.copy(shipped / "04_goal_and_mission.ipynb", root / "notebooks" / "04_goal_and_mission.ipynb")
    generate.mirror(root, tmp_path / "again")
    assert (tmp_path / "again" / "notebooks" / "04_goal_and_mission.ipynb").read_bytes() == \
        (shipped / "04_goal_and_mission.ipynb").read_bytes()


def test_lessons_and_exercises_are_pages_and_a_lesson_that_is_not_is_drift(tmp_path):
    """Every lesson and exercise is marked as a page (code cells' inputs hidden, run on opening), the
    worked solutions keep their code in sight, and `coursekit generate` marks a lesson that lost it."""
    import json
    import shutil

    from coursekit.grading.pages import is_page

    assert generate.pages_drift(ROOT) == []
    assert not any(is_page(json.loads(p.read_text("utf-8"))) for p in (ROOT / "solutions").glob("*/*.ipynb"))
    for folder in ("notebooks", "exercises"):
        shutil.copytree(ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("*.answers.json"))
    lesson = tmp_path / "notebooks" / "04_goal_and_mission.ipynb"
    data = json.loads(lesson.read_text("utf-8"))
    code = next(c for c in data["cells"] if c["cell_type"] == "code")
    del code["metadata"]["jupyter"]
    lesson.write_text(json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n", "utf-8")
    assert generate.pages_drift(tmp_path) == [
        "notebooks/04_goal_and_mission.ipynb: not marked as a page (code in sight, not run when it opens)"]
    assert generate.mark_lessons(tmp_path) == [lesson]
    assert generate.pages_drift(tmp_path) == []
    assert lesson.read_bytes() == (ROOT / "notebooks" / "04_goal_and_mission.ipynb").read_bytes()
