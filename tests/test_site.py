"""`coursekit site`: the static browser site holds the learner's course and never a key.

Built once per session (tests/site_support.py). The site must hold the lessons, the exercises,
the progress page, lesson 7, every figure (inside coursekit's wheel) and the wheels the lessons
install, name the local Pyodide runtime and refuse PyPI, and carry no course source, worked
solution, hidden test or answer key anywhere, the wheels' insides included.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest

from coursekit.site.build import KERNEL_SETTINGS
from coursekit.site.kernel_wheels import STARTUP
from coursekit.site.pypi import canonical
from course_support import ROOT
from test_package_contents import MARKERS, secrets

pytestmark = pytest.mark.slow


def site_files(site: Path) -> dict[str, bytes]:
    """Every file in the site, and every file inside its wheels as ``<wheel>!/<member>``."""
    found = {}
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        name = path.relative_to(site).as_posix()
        if path.suffix == ".whl":
            with zipfile.ZipFile(path) as wheel:
                found.update({f"{name}!/{m.filename}": wheel.read(m) for m in wheel.infolist() if not m.is_dir()})
        elif path.suffix not in (".wasm", ".zip"):
            found[name] = path.read_bytes()
    return found


def test_the_site_holds_the_course_a_learner_needs(built_site):
    site = built_site.output
    files = site / "files"
    assert (files / "notebooks" / "00_start_here.ipynb").is_file()
    assert (files / "notebooks" / "07_your_plan.ipynb").is_file() and (files / "notebooks" / "progress.ipynb").is_file()
    for exercise in (ROOT / "exercises").iterdir():
        assert (files / "exercises" / exercise.name / f"{exercise.name}.ipynb").is_file(), exercise.name
    assert not (files / "solutions").exists() and not (files / "source").exists() and not (files / "course").exists()
    wheels = {p.name.split("-")[0] for p in (site / "pypi").glob("*.whl")}
    assert {"coursekit", "ipywidgets", "jupyterlab_widgets", "anywidget", "psygnal", "comm"} <= wheels
    own, = (site / "pypi").glob("coursekit-*.whl")
    figures = {n for n in zipfile.ZipFile(own).namelist() if n.startswith("coursekit/content/figures/")}
    shipped = {f"coursekit/content/figures/{p.name}" for p in (ROOT / "src/coursekit/content/figures").iterdir()}
    assert shipped <= figures, sorted(shipped - figures)


def test_the_kernel_loads_only_from_the_site(built_site):
    site = built_site.output
    config = json.loads((site / "jupyter-lite.json").read_text("utf-8"))["jupyter-config-data"]
    settings = config["litePluginSettings"]["@jupyterlite/pyodide-kernel-extension:kernel"]
    assert {key: settings[key] for key in KERNEL_SETTINGS} == KERNEL_SETTINGS
    assert all(url.startswith("./") for url in settings["pipliteUrls"]), settings["pipliteUrls"]
    lock = json.loads((site / "static/pyodide/pyodide-lock.json").read_text("utf-8"))
    entries = {canonical(e["name"]): e for e in lock["packages"].values()}
    for name in STARTUP:
        wheel = site / "static/pyodide" / entries[name]["file_name"]
        assert hashlib.sha256(wheel.read_bytes()).hexdigest() == entries[name]["sha256"], name
    extensions = sorted(e["name"] for e in config["federated_extensions"])
    assert extensions == ["@jupyter-widgets/jupyterlab-manager", "@jupyterlite/pyodide-kernel-extension", "anywidget",
                          "coursekit-pages"]  # coursekit's own: lessons and exercises run when they open


def test_no_key_hidden_test_or_solution_is_in_the_site(built_site):
    hidden = secrets()
    assert len(hidden) >= 20
    digests = {hashlib.sha256(p.read_bytes()).hexdigest()
               for p in [*(ROOT / "course/source").glob("*/*.ipynb"), *(ROOT / "solutions").glob("*/*")] if p.is_file()}
    problems = []
    for name, data in site_files(built_site.output).items():
        ours = name.startswith("files/") or name.startswith("api/") or "coursekit-" in name.split("!/")[0]
        if ours and (name.endswith(".answers.json") or "/solutions/" in name or "/source/" in name):
            problems.append(f"{name}: must never be in the site")
        if hashlib.sha256(data).hexdigest() in digests:
            problems.append(f"{name}: a copy of a source or solution notebook")
        text = data.decode("utf-8", "replace")
        if ours and not name.endswith(".py"):  # the browser's own bundles may say key= for other reasons
            problems += [f"{name}: holds {marker!r}" for marker in MARKERS if marker in text]
        for secret, origin in hidden.items():
            if secret in text or json.dumps(secret)[1:-1] in text:
                problems.append(f"{name}: holds the {origin}: {secret[:60]}")
    assert not problems, "\n".join(problems[:20])


def test_building_again_needs_no_network(built_site, tmp_path, monkeypatch):
    """Everything downloaded is in the cache: a second build with npm and pip unable to fetch anything."""
    from coursekit.site import build as site_build
    from coursekit.site.cache import default_cache

    monkeypatch.setenv("PATH", "/nonexistent")  # no npm
    monkeypatch.setenv("PIP_NO_INDEX", "1")  # pip may not look anywhere
    again = site_build.build(tmp_path / "again", default_cache())
    assert sorted(p.name for p in (again.output / "pypi").glob("*.whl")) == \
        sorted(p.name for p in (built_site.output / "pypi").glob("*.whl"))
