"""Run an nbgrader command in a course folder, with the same Python as coursekit.

nbgrader calls helper programs (such as ``alembic``) by name, so the folder holding
this Python's scripts is put first on ``PATH``; that makes the commands work from a
virtual environment that was never activated.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def nbgrader_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    scripts = str(Path(sys.executable).parent)
    env["PATH"] = scripts + os.pathsep + env.get("PATH", "")
    env.setdefault("PYTHONIOENCODING", "utf-8")
    if extra:
        env.update(extra)
    return env


def run_nbgrader(args: list[str], course: str | os.PathLike, check: bool = True,
                 env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run ``nbgrader <args>`` in ``course``; on failure raise with nbgrader's own output."""
    proc = subprocess.run(
        [sys.executable, "-m", "nbgrader", *args],
        cwd=course, env=nbgrader_env(env), capture_output=True, text=True,
    )
    if check and proc.returncode != 0:
        raise RuntimeError(
            f"nbgrader {' '.join(args)} failed in {course} (exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr}"
        )
    return proc
