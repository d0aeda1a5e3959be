"""The `coursekit` command line."""

import os
import sys
from pathlib import Path

from coursekit.cli import app as cli
from coursekit.learner.folder import LABEXTENSIONS
from course_support import ROOT


def test_lab_starts_jupyterlab_in_the_project_with_nbgrader_able_to_run(monkeypatch):
    seen = {}

    def fake_call(command, cwd, env):
        seen.update(command=command, cwd=cwd, env=env)
        return 0

    monkeypatch.setattr(cli, "_run_lab", fake_call)
    assert cli.main(["lab", "--root", str(ROOT), "--port", "8999", "--no-browser"]) == 0
    assert seen["command"][:4] == [sys.executable, "-m", "jupyter", "lab"]
    assert f"--ServerApp.root_dir={ROOT}" in seen["command"]
    # coursekit-pages (lessons run on opening, code out of sight) from the package itself
    assert f"--LabApp.extra_labextensions_path={LABEXTENSIONS}" in seen["command"]
    assert (LABEXTENSIONS / "coursekit-pages" / "package.json").is_file()
    assert seen["command"][-3:] == ["--port", "8999", "--no-browser"], "extra options pass through to jupyter lab"
    assert seen["cwd"] == ROOT, "nbgrader finds the course through ./nbgrader_config.py"
    assert seen["env"]["PATH"].split(os.pathsep)[0] == str(Path(sys.executable).parent), "nbgrader finds alembic"
    assert ("--allow-root" in seen["command"]) == (os.geteuid() == 0)


def test_unknown_options_are_refused_for_other_verbs(capsys):
    try:
        cli.main(["generate", "--bogus"])
    except SystemExit as stop:
        assert stop.code == 2
    assert "unrecognised arguments: --bogus" in capsys.readouterr().err


def test_project_config_points_nbgrader_at_the_course():
    text = (ROOT / "nbgrader_config.py").read_text()
    assert '"course"' in text and "load_subconfig" in text
