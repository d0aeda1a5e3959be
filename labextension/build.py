"""Rebuild the coursekit-pages JupyterLab extension into src/coursekit/labextension/coursekit-pages/.

Run from anywhere, with node 20+ and npm on PATH and JupyterLab installed in this Python:

    python labextension/build.py

It installs the locked npm packages (``npm ci``), compiles ``src/index.ts`` with TypeScript, builds
the prebuilt extension with ``@jupyterlab/builder`` against this JupyterLab's shared packages, and
writes ``built_from.json`` beside it: the sha256 of each source file, which
tests/test_labextension.py compares with the sources (no node needed) to catch a stale build.
Commit the whole output folder and built_from.json.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUTPUT = HERE.parent / "src" / "coursekit" / "labextension" / "coursekit-pages"
DIGESTS = OUTPUT.parent / "built_from.json"
#: What the build is made from (node_modules comes from package-lock.json).
SOURCES = ("package.json", "package-lock.json", "tsconfig.json", "src/index.ts", "style/index.css", "style/base.css")


def source_digests(folder: Path = HERE) -> dict[str, str]:
    """{source file: sha256 of its bytes}, for every file the build is made from."""
    return {name: hashlib.sha256((folder / name).read_bytes()).hexdigest() for name in SOURCES}


def main() -> int:
    import jupyterlab

    staging = Path(jupyterlab.__file__).parent / "staging"  # this JupyterLab's shared packages and versions
    npm = shutil.which("npm")
    if npm is None:
        print("npm is not on PATH: install node 20+ and npm first.", file=sys.stderr)
        return 1
    subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=HERE, check=True)
    shutil.rmtree(HERE / "lib", ignore_errors=True)
    (HERE / "tsconfig.tsbuildinfo").unlink(missing_ok=True)
    subprocess.run([str(HERE / "node_modules" / ".bin" / "tsc")], cwd=HERE, check=True)
    shutil.rmtree(OUTPUT, ignore_errors=True)
    builder = HERE / "node_modules" / "@jupyterlab" / "builder" / "lib" / "build-labextension.js"
    subprocess.run(["node", str(builder), "--core-path", str(staging), str(HERE)], cwd=HERE, check=True)
    DIGESTS.write_text(json.dumps({"about": "sha256 of the sources labextension/build.py built "
                                   "coursekit-pages from", "sources": source_digests()}, indent=2) + "\n", "utf-8")
    print(f"Built {OUTPUT.relative_to(HERE.parent)} and {DIGESTS.relative_to(HERE.parent)}. Commit both.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
