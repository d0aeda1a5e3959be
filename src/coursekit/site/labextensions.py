"""The browser extensions the site carries: the widgets', anywidget's, the Pyodide kernel's and coursekit's
own (``coursekit-pages``: lessons and exercises run when they open, their code out of sight), and no others.

coursekit's own comes from the package itself; the others are found where pip installed them
(``share/jupyter/labextensions``). Other extensions
installed where the site is built (nbgrader's assignment list, for one) are left out: in the
browser there is no exchange, and a learner must never see an exchange error.
"""

from __future__ import annotations

import os
import shutil
import site
import sys
from pathlib import Path

#: The extensions the site needs, by their npm names.
WANTED = ("@jupyter-widgets/jupyterlab-manager", "anywidget", "@jupyterlite/pyodide-kernel-extension",
          "coursekit-pages")
_SHARE = Path("share", "jupyter", "labextensions")
#: coursekit's own prebuilt extensions, shipped inside the package (and copied to share/ by pip).
PACKAGED = Path(__file__).resolve().parents[1] / "labextension"


def search_path() -> list[Path]:
    """Where installed extensions may be, nearest first (coursekit's own, ``JUPYTER_PATH``, this Python's prefix, the user's)."""
    folders = [PACKAGED]
    folders += [Path(p) / "labextensions" for p in os.environ.get("JUPYTER_PATH", "").split(os.pathsep) if p]
    folders += [Path(sys.prefix) / _SHARE, Path(site.getuserbase()) / _SHARE,
                Path("/usr/local") / _SHARE, Path("/usr") / _SHARE]
    return folders


def find(name: str) -> Path:
    for folder in search_path():
        if (folder / name / "package.json").is_file():
            return folder / name
    raise FileNotFoundError(f"The browser extension {name} is not installed here. Install the site's tools with: "
                            'pip install "coursekit[site]"')


def copy_wanted(target: Path) -> list[Path]:
    """Copy each wanted extension into ``target/<name>`` (the lite folder's ``extensions/``)."""
    copied = []
    for name in WANTED:
        dest = target / name
        shutil.copytree(find(name), dest, ignore=shutil.ignore_patterns("*.map"))
        copied.append(dest)
    return copied
