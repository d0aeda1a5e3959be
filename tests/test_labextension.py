"""The coursekit-pages JupyterLab extension: its committed build is in step with its source, and every
front end gets it (`coursekit lab`, the site, and pip's share/jupyter/labextensions for a hub).

No node is needed: labextension/build.py records the sha256 of each source file in built_from.json
when it builds; this compares them with the sources as committed.
"""

from __future__ import annotations

import importlib.util
import json
import tomllib

from course_support import ROOT
from coursekit.learner.folder import LABEXTENSIONS
from coursekit.site import labextensions

BUILT = LABEXTENSIONS / "coursekit-pages"


def _build_script():
    spec = importlib.util.spec_from_file_location("coursekit_pages_build", ROOT / "labextension" / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_committed_build_is_in_step_with_its_source():
    build = _build_script()
    recorded = json.loads(build.DIGESTS.read_text("utf-8"))["sources"]
    stale = sorted(name for name, digest in build.source_digests().items() if recorded.get(name) != digest)
    assert not stale, (f"labextension/{', '.join(stale)} changed since the extension was built. Rebuild it with "
                       "`python labextension/build.py` (node 20+ and npm) and commit src/coursekit/labextension/.")
    assert build.OUTPUT == BUILT


def test_the_build_is_a_prebuilt_extension_that_loads_its_entry_point():
    meta = json.loads((BUILT / "package.json").read_text("utf-8"))
    assert meta["name"] == "coursekit-pages"
    load = meta["jupyterlab"]["_build"]["load"]
    assert (BUILT / load).is_file(), load
    entry = (BUILT / load).read_text("utf-8")
    assert "coursekit-pages" in entry
    code = "".join(p.read_text("utf-8") for p in (BUILT / "static").glob("*.js"))
    assert "ck-page" in code and "runAll" in code  # the page class and the run on opening


def test_pip_copies_every_built_file_where_jupyterlab_and_a_hub_find_it():
    """Every file of the build is in the package data and in the data files for share/jupyter/labextensions."""
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]
    assert "labextension/coursekit-pages/**/*" in setuptools["package-data"]["coursekit"]
    data_files = setuptools["data-files"]
    from fnmatch import fnmatch

    for path in BUILT.rglob("*"):
        if path.is_file():
            target = "share/jupyter/labextensions/" + path.parent.relative_to(LABEXTENSIONS).as_posix()
            patterns = data_files.get(target, [])
            assert any(fnmatch(path.relative_to(ROOT).as_posix(), p) for p in patterns), (path, target)


def test_the_site_carries_it():
    assert "coursekit-pages" in labextensions.WANTED
    assert labextensions.find("coursekit-pages") == BUILT
