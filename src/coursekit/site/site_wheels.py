"""The wheels the lessons install in the browser: the widgets' and coursekit's own.

They sit in the site's ``pypi/`` folder, which the build indexes for piplite: ipywidgets,
jupyterlab_widgets, anywidget, psygnal's pure wheel and comm, at the versions installed where
the site is built (so the widgets' browser code and their Python side match), and a wheel of
coursekit built from the project checkout with setuptools' own backend, offline, in a copy.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from importlib import metadata
from pathlib import Path

from coursekit.site.pypi import fetch_wheel

#: The widgets' wheels (comm is not in the Pyodide lock; psygnal's ``py3-none-any`` wheel runs in Pyodide).
WIDGETS = ("ipywidgets", "jupyterlab_widgets", "anywidget", "psygnal", "comm")
#: What a copy of the project needs to build the wheel.
PROJECT_FILES = ("pyproject.toml", "README.md", "MANIFEST.in", "LICENSE")
_SKIP = shutil.ignore_patterns("__pycache__", "*.egg-info", ".ipynb_checkpoints", "*.answers.json", "*.tmp",
                               "*.unreadable-*.json", "build")
_BUILD = "import sys; from setuptools import build_meta; print(build_meta.build_wheel(sys.argv[1]))"


def fetch_widget_wheels(cache: Path) -> list[Path]:
    return [fetch_wheel(cache / "site-wheels", name, metadata.version(name), cache) for name in WIDGETS]


def project_root() -> Path | None:
    """The project checkout this coursekit is imported from, or None (an installed wheel)."""
    import coursekit

    root = Path(coursekit.__file__).resolve().parents[2]
    return root if (root / "pyproject.toml").is_file() and (root / "src" / "coursekit").is_dir() else None


def build_own_wheel(out: Path) -> Path:
    """coursekit's wheel, built in a copy of the checkout (nothing is written into the checkout)."""
    root = project_root()
    if root is None:
        raise FileNotFoundError("coursekit site builds coursekit's wheel from the project checkout, and this "
                                "coursekit is not one. Pass the wheel with --wheel FILE.")
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "project"
        copy.mkdir()
        for name in PROJECT_FILES:
            if (root / name).is_file():
                shutil.copy2(root / name, copy / name)
        shutil.copytree(root / "src", copy / "src", ignore=_SKIP)
        built = Path(tmp) / "dist"
        built.mkdir()
        proc = subprocess.run([sys.executable, "-c", _BUILD, str(built)], cwd=copy, capture_output=True, text=True)
        wheels = sorted(built.glob("coursekit-*.whl"))
        if proc.returncode != 0 or not wheels:
            raise RuntimeError(f"Could not build coursekit's wheel:\n{proc.stderr.strip()[-1500:]}")
        out.mkdir(parents=True, exist_ok=True)
        return Path(shutil.copy2(wheels[0], out / wheels[0].name))
