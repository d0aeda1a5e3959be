"""The Pyodide runtime, from the npm ``pyodide`` package at the version jupyterlite-pyodide-kernel pins."""

from __future__ import annotations

import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

from coursekit.site.cache import DownloadFailed, offline_hint

#: jupyterlite-pyodide-kernel 0.8.6 pins this Pyodide (Python 3.14).
PYODIDE_VERSION = "314.0.6"
#: What the site needs from the npm package (it holds no wheels).
FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")


def fetch_runtime(cache: Path) -> Path:
    """The folder in ``cache`` that holds the runtime's files, downloading them with ``npm pack`` once."""
    folder = cache / f"pyodide-{PYODIDE_VERSION}"
    if all((folder / name).is_file() for name in FILES):
        return folder
    npm = shutil.which("npm")
    if npm is None:
        raise DownloadFailed(offline_hint(f"Pyodide {PYODIDE_VERSION}", cache) + " npm is not installed: "
                             "install Node.js's npm (on Debian: apt-get install npm).")
    with tempfile.TemporaryDirectory() as tmp:
        proc = subprocess.run([npm, "pack", f"pyodide@{PYODIDE_VERSION}", "--pack-destination", tmp],
                              cwd=tmp, capture_output=True, text=True)
        packed = sorted(Path(tmp).glob("pyodide-*.tgz"))
        if proc.returncode != 0 or not packed:
            raise DownloadFailed(offline_hint(f"Pyodide {PYODIDE_VERSION} from npm", cache)
                                 + f"\n{proc.stderr.strip()[-500:]}")
        unpacked = folder.with_name(folder.name + ".partial")
        shutil.rmtree(unpacked, ignore_errors=True)
        unpacked.mkdir(parents=True)
        with tarfile.open(packed[0]) as archive:
            for name in FILES:
                member = archive.getmember(f"package/{name}")
                with archive.extractfile(member) as source, open(unpacked / name, "wb") as target:
                    shutil.copyfileobj(source, target)
        shutil.rmtree(folder, ignore_errors=True)
        unpacked.rename(folder)
    return folder
