"""A self-paced learner with only the package: `coursekit lab` makes their own course folder."""

from __future__ import annotations

import re

import pytest

from coursekit.cli import app as cli
from coursekit.learner import folder as learner_folder
from coursekit import syllabus
from coursekit.cohort.feedback import LEAKS


@pytest.fixture
def made(tmp_path):
    return learner_folder.make(tmp_path / "coursekit-course")


def test_the_folder_holds_every_lesson_and_exercise_and_no_solutions_or_keys(made):
    folder = made.folder
    for lesson in syllabus.load().lessons:
        assert (folder / "notebooks" / f"{lesson.notebook}.ipynb").is_file(), lesson.notebook
        assert (folder / "exercises" / lesson.assignment / f"{lesson.assignment}.ipynb").is_file(), lesson.assignment
    assert (folder / "notebooks" / "progress.ipynb").is_file()
    assert not (folder / "solutions").exists() and not (folder / "source").exists()
    for notebook in folder.rglob("*.ipynb"):
        text = notebook.read_text("utf-8")
        assert not [m for m in LEAKS if m in text], f"{notebook} shows an answer key"
    assert not list(folder.rglob("*.answers.json")), "nobody's answers are shipped"
    assert "00_start_here.ipynb" in (folder / "README.txt").read_text("utf-8")


def test_every_link_between_notebooks_leads_to_a_file_in_the_folder(made):
    links = 0
    for notebook in made.folder.rglob("*.ipynb"):
        for target in re.findall(r"\]\(([^)#\s]+\.ipynb)\)", notebook.read_text("utf-8")):
            if "://" not in target:
                links += 1
                assert (notebook.parent / target).resolve().is_file(), f"{notebook.name} links to {target}"
    assert links >= 8


def test_making_it_again_adds_what_is_missing_and_never_overwrites_the_learners_work(made):
    folder = made.folder
    answers = folder / "exercises" / "a_team" / "a_team.answers.json"
    answers.write_text('{"answers": {"mine": 1}}')
    lesson = folder / "notebooks" / "03_a_team.ipynb"
    lesson.write_text("the learner's own edits")
    gone = folder / "notebooks" / "05_sense_of_urgency.ipynb"
    gone.unlink()
    again = learner_folder.make(folder)
    assert again.added == [gone] and again.kept == len(made.added) - 1
    assert answers.read_text() == '{"answers": {"mine": 1}}' and lesson.read_text() == "the learner's own edits"


def test_lab_outside_the_project_makes_and_opens_the_learners_folder(tmp_path, monkeypatch, capsys):
    seen = []
    monkeypatch.setattr(cli, "_run_lab", lambda command, cwd, env: seen.append((command, cwd)) or 0)
    monkeypatch.chdir(tmp_path)
    assert cli.main(["lab", "--no-browser"]) == 0
    folder = tmp_path / "coursekit-course"
    assert seen[-1] == (seen[-1][0], folder) and f"--ServerApp.root_dir={folder}" in seen[-1][0]
    assert f"Made your course folder: {folder}" in capsys.readouterr().out
    # run again from inside the folder: the same folder opens, and nothing is copied
    monkeypatch.chdir(folder)
    assert cli.main(["lab", "--no-browser"]) == 0
    assert seen[-1][1] == folder and capsys.readouterr().out.startswith("Opening the course")


def test_a_file_in_the_way_is_refused_with_what_to_do(tmp_path, monkeypatch, capsys):
    (tmp_path / "coursekit-course").write_text("not a folder")
    with pytest.raises(FileExistsError, match="is a file, not a folder"):
        learner_folder.make(tmp_path / "coursekit-course")
    monkeypatch.chdir(tmp_path)
    assert cli.main(["lab"]) == 1
    assert "is a file, not a folder. Move it, or choose another folder with --root." in capsys.readouterr().err
    assert (tmp_path / "coursekit-course").read_text() == "not a folder", "nothing lost"


@pytest.mark.slow
def test_progress_runs_in_the_learners_folder_and_counts_their_answers(made):
    import json

    import nbformat
    from nbclient import NotebookClient

    from coursekit.answers import Answer, answers_path, write_answers
    from coursekit.records import progress
    from coursekit.questions.bank import load_bank
    from coursekit.records.learner_files import CourseHome, find_home

    bank = load_bank("00_start_here")
    qid = bank.question_ids[0]
    first = bank.question(qid).options[0].id
    write_answers(answers_path(made.folder / "notebooks", "00_start_here"), "00_start_here",
                  {qid: Answer(first, "2026-11-28T10:00:00+00:00")})
    nb = nbformat.read(made.folder / "notebooks" / "progress.ipynb", as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(made.folder / "notebooks")}}).execute()
    shown = json.dumps([o for c in nb.cells if c.cell_type == "code" for o in c.outputs])
    assert '"output_type": "error"' not in shown and "ProgressView" in shown, "the view runs in the folder"
    # what the view shows, worked out as the view does from inside the folder
    found = progress.progress(CourseHome(find_home(made.folder / "notebooks")))
    first_lesson = found.lessons[0]
    assert first_lesson.lesson.notebook == "00_start_here" and not first_lesson.missing
    assert (first_lesson.quiz.done, first_lesson.quiz.total) == (1, len(bank.question_ids))
    assert sum(lesson.done for lesson in found.lessons) == 1


NOTEBOOK_FOLDERS = ("notebooks", "exercises", "solutions", "course/source", "src/coursekit/course_files")


def test_every_notebook_opens_on_the_kernel_a_fresh_install_has():
    """No "Select Kernel" dialog: each notebook names the kernel ipykernel installs, and it is there."""
    import json
    from pathlib import Path

    from jupyter_client.kernelspec import KernelSpecManager

    assert "python3" in KernelSpecManager().find_kernel_specs()
    root = Path(__file__).resolve().parents[1]
    notebooks = [p for folder in NOTEBOOK_FOLDERS for p in (root / folder).rglob("*.ipynb")
                 if ".ipynb_checkpoints" not in p.parts]
    assert len(notebooks) >= 40
    for notebook in notebooks:
        spec = json.loads(notebook.read_text("utf-8")).get("metadata", {}).get("kernelspec", {})
        assert spec.get("name") == "python3" and spec.get("language") == "python", notebook


def test_lab_opens_with_no_news_pop_up_and_no_kernel_chooser(tmp_path, monkeypatch):
    import json

    seen = []
    monkeypatch.setattr(cli, "_run_lab", lambda command, cwd, env: seen.append(command) or 0)
    monkeypatch.chdir(tmp_path)
    assert cli.main(["lab", "--no-browser"]) == 0
    settings = tmp_path / "coursekit-course" / learner_folder.SETTINGS_DIR
    assert f"--LabApp.user_settings_dir={settings}" in seen[-1]
    news = json.loads((settings / "@jupyterlab/apputils-extension/notification.jupyterlab-settings").read_text())
    assert news == {"fetchNews": "false", "checkForUpdates": False}
    tracker = json.loads((settings / "@jupyterlab/notebook-extension/tracker.jupyterlab-settings").read_text())
    assert tracker["autoStartDefaultKernel"] is True
    # a setting the learner changed in JupyterLab is kept the next time
    (settings / "@jupyterlab/apputils-extension/notification.jupyterlab-settings").write_text('{"fetchNews": "true"}')
    assert cli.main(["lab", "--no-browser"]) == 0
    assert "true" in (settings / "@jupyterlab/apputils-extension/notification.jupyterlab-settings").read_text()
