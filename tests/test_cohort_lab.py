"""`coursekit lab` in a cohort folder opens the trainer's view, and stopping it stops JupyterLab too."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from coursekit.cli import app as cli
from coursekit.cohort.folder import init_cohort

#: A stand-in for `jupyter lab`: a real process that records the signal that stops it.
FAKE_LAB = """
import os, signal, sys, time
from pathlib import Path

record = Path(sys.argv[1])

def stop(signum, frame):
    record.with_suffix(".signal").write_text(signal.Signals(signum).name)
    sys.exit(0)

signal.signal(signal.SIGTERM, stop)
signal.signal(signal.SIGINT, stop)
record.write_text(str(os.getpid()))
while True:
    time.sleep(3600)
"""

#: `coursekit lab` as a trainer runs it, with the fake JupyterLab in place of the real one.
COURSEKIT_LAB = """
import sys
from coursekit.cli import app

fake, record, folder = sys.argv[1:4]
app._lab_command = lambda root, settings: [sys.executable, fake, record]
sys.exit(app.main(["lab", "--root", folder]))
"""


def test_lab_in_a_cohort_folder_opens_the_cohort_for_its_trainer(tmp_path, monkeypatch, capsys):
    (tmp_path / "roster.csv").write_text("id,name,email,board\nL001,Ann Lee,ann@nhs.net,North\n", "utf-8")
    cohort = init_cohort(tmp_path / "cohort", tmp_path / "roster.csv", name="Board 2027")
    seen = {}

    def fake_run(command, cwd, env):
        seen.update(command=command, cwd=cwd)
        return 0

    monkeypatch.setattr(cli, "_run_lab", fake_run)
    monkeypatch.chdir(cohort.root / "source")  # a folder inside the cohort, as a trainer might be
    assert cli.main(["lab", "--no-browser"]) == 0
    assert seen["cwd"] == cohort.root, "formgrader reads the cohort's nbgrader_config.py from here"
    assert f"--ServerApp.root_dir={cohort.root}" in seen["command"]
    assert not any(p.name == "coursekit-course" for p in tmp_path.rglob("coursekit-course")), "no learner's folder"
    assert capsys.readouterr().out.splitlines()[0] == (
        f"{cohort.root} is a cohort folder, so coursekit opens the trainer's view: JupyterLab in the cohort folder, "
        "with nbgrader's Formgrader (menu Nbgrader > Formgrader) to mark this cohort's work. No learner's course "
        "folder is made here; to take the course as a learner, run `coursekit lab` from a folder outside the cohort.")

    # Formgrader would open the gradebook: one that cannot be opened stops `coursekit lab` first, in one line.
    where = cohort.root / "cohort.toml"
    where.write_text(where.read_text("utf-8").replace('db_url = ""', 'db_url = "postgresql://t:pw@127.0.0.1:1/gb"'))
    seen.clear()
    assert cli.main(["lab", "--no-browser"]) == 1
    assert not seen, "JupyterLab was not started"
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "nothing answered at 127.0.0.1 port 1" in err and ":pw@" not in err


def _alive(pid: int) -> bool:
    return Path(f"/proc/{pid}").exists()


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_stopping_coursekit_lab_stops_its_jupyterlab(tmp_path, signum):
    fake, wrapper, record = tmp_path / "fake_lab.py", tmp_path / "coursekit_lab.py", tmp_path / "lab.pid"
    fake.write_text(FAKE_LAB, "utf-8")
    wrapper.write_text(COURSEKIT_LAB, "utf-8")
    lab = subprocess.Popen([sys.executable, str(wrapper), str(fake), str(record), str(tmp_path / "my-course")],
                           stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 300  # waiting for start-up on a busy machine, not a measured time
    while not (record.is_file() and record.read_text()) and lab.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)
    assert record.is_file(), lab.communicate()
    child = int(record.read_text())
    try:
        assert _alive(child)
        lab.send_signal(signum)  # as a service manager or `kill` stops coursekit lab, not the terminal
        out, err = lab.communicate(timeout=300)
        assert record.with_suffix(".signal").read_text() == signum.name, "the signal reached JupyterLab"
        assert not _alive(child), "JupyterLab stopped, and coursekit lab waited for it"
        assert lab.returncode == 0, err
    finally:
        if _alive(child):
            os.kill(child, signal.SIGKILL)
        if lab.poll() is None:
            lab.kill()
