"""Wheels from PyPI for Pyodide (pure Python, any platform), downloaded once into the cache."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from coursekit.site.cache import DownloadFailed, offline_hint

#: The Python that Pyodide 314.0.6 runs.
PYTHON_VERSION = "3.14"


def canonical(name: str) -> str:
    """A distribution's name as PEP 503 compares them (``prompt_toolkit`` and ``prompt-toolkit`` are one)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def wheel_name_version(path: Path) -> tuple[str, str]:
    """(canonical name, version) from a wheel's file name."""
    name, version = path.name.split("-")[:2]
    return canonical(name), version


def cached_wheel(folder: Path, name: str, version: str) -> Path | None:
    return next((p for p in sorted(folder.glob("*.whl")) if wheel_name_version(p) == (canonical(name), version)), None)


def fetch_wheel(folder: Path, name: str, version: str, cache: Path) -> Path:
    """The pure wheel of ``name==version`` in ``folder``, downloaded from PyPI unless it is there already."""
    found = cached_wheel(folder, name, version)
    if found is not None:
        return found
    folder.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
                           "--python-version", PYTHON_VERSION, "--platform", "any", "--implementation", "py",
                           "--abi", "none", "--disable-pip-version-check", "-q", "-d", str(folder),
                           f"{name}=={version}"], capture_output=True, text=True)
    found = cached_wheel(folder, name, version)
    if proc.returncode != 0 or found is None:
        raise DownloadFailed(offline_hint(f"{name} {version} from PyPI", cache) + f"\n{proc.stderr.strip()[-500:]}")
    return found
