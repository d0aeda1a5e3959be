"""Test helper: the course's browser site, built once per test session into a temporary folder.

The build needs ``coursekit[site]`` (jupyterlite-core, jupyterlite-pyodide-kernel) and, the first
time, npm and PyPI; later builds use the download cache (``$COURSEKIT_SITE_CACHE``, else
``~/.cache/coursekit-site``), never the checkout. Without the site's tools the tests skip, unless
``COURSEKIT_REQUIRE_SITE=1`` (set in CI), when they fail.
"""

from __future__ import annotations

import importlib.util
import shutil
import time
from pathlib import Path

from required_support import skip_or_fail


def build_site(folder: Path):
    """Build the site into ``folder``; the :class:`coursekit.site.build.Built` record."""
    from coursekit.site.build import build
    from coursekit.site.cache import default_cache

    if importlib.util.find_spec("jupyterlite_core") is None:
        skip_or_fail('The site\'s tools are not installed (pip install "coursekit[site]").', "COURSEKIT_REQUIRE_SITE")
    if shutil.which("npm") is None and not (default_cache() / "pyodide-314.0.6").is_dir():
        skip_or_fail("npm is not installed and Pyodide is not in the cache.", "COURSEKIT_REQUIRE_SITE")
    started = time.monotonic()
    built = build(folder / "site", default_cache())
    print(f"\nSite built in {time.monotonic() - started:.1f} s: {built.size_bytes / 2**20:.1f} MB, "
          f"{built.notebooks} notebooks, at {built.output}")
    return built
