"""The Pyodide kernel's start-up wheels from PyPI, and a ``pyodide-lock.json`` that names them.

The npm ``pyodide`` package holds the runtime and its lock file but no wheels. The kernel loads
micropip, IPython and their pure dependencies at start-up, so those come from PyPI at the lock's
versions. PyPI's wheels differ byte for byte from Pyodide's own builds, so the lock's ``sha256``
and ``file_name`` are rewritten to match the wheels actually served.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from coursekit.site.pypi import canonical, fetch_wheel, wheel_name_version

#: What the kernel loads when it starts (micropip, ipython, jedi and their pure dependencies).
STARTUP = ("micropip", "ipython", "jedi", "asttokens", "decorator", "executing", "matplotlib-inline", "parso",
           "prompt-toolkit", "pure-eval", "pygments", "six", "stack-data", "traitlets", "typing-extensions",
           "wcwidth")


def _entries(lock: dict) -> dict[str, dict]:
    return {canonical(entry.get("name", key)): entry for key, entry in lock["packages"].items()}


def fetch_kernel_wheels(lock: dict, cache: Path) -> list[Path]:
    """The start-up wheels at the lock's versions, from the cache or PyPI."""
    entries = _entries(lock)
    missing = [name for name in STARTUP if name not in entries]
    if missing:
        raise ValueError(f"This Pyodide lock file has no {', '.join(missing)}: it is not the one the site expects.")
    folder = cache / "kernel-wheels"
    return [fetch_wheel(folder, name, entries[name]["version"], cache) for name in STARTUP]


def rewrite_lock(lock: dict, wheels: list[Path]) -> dict:
    """The lock with each start-up package's ``file_name`` and ``sha256`` set to the wheel served."""
    entries = _entries(lock)
    for wheel in wheels:
        name, version = wheel_name_version(wheel)
        entry = entries[name]
        if entry["version"] != version:
            raise ValueError(f"{wheel.name} is not the version the lock names ({entry['version']}).")
        entry["file_name"] = wheel.name
        entry["sha256"] = hashlib.sha256(wheel.read_bytes()).hexdigest()
    return lock


def write_lock(source: Path, target: Path, wheels: list[Path]) -> None:
    lock = rewrite_lock(json.loads(source.read_text("utf-8")), wheels)
    target.write_text(json.dumps(lock, indent=1), "utf-8")
