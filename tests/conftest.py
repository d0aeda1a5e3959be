"""Shared pytest fixtures for coursekit's tests."""

from __future__ import annotations

import importlib.util
import os

import pytest

from conftest_pg import postgres  # noqa: E402, F401 - the private PostgreSQL server fixture


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The course's browser site (`coursekit site`), built once per session in a temporary folder."""
    from site_support import build_site

    return build_site(tmp_path_factory.mktemp("coursekit-site"))

# ======================================================================================
# Browser fixtures (real Chromium against a throwaway JupyterLab) -- used only by tests
# marked ``@pytest.mark.browser``. Other fixtures go outside this section.
#
# The browser is chosen here, so plain ``python -m pytest`` needs no ``--browser``:
# ``browser_name`` is always "chromium", and ``browser_type_launch_args`` points
# Playwright at Debian's /usr/bin/chromium (never ``playwright install``).
# Without that binary the browser tests skip, unless COURSEKIT_REQUIRE_BROWSER=1
# (set in CI), when they fail instead.
# ======================================================================================

from required_support import skip_or_fail  # noqa: E402
from browser_support import CHROMIUM_ARGS, CHROMIUM_PATH, KERNEL_TIMEOUT_MS, TIMEOUT_MS, JupyterLab, serve  # noqa: E402


def _no_browser(reason: str) -> None:
    skip_or_fail(reason, "COURSEKIT_REQUIRE_BROWSER")


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    """Debian's Chromium, or skip (fail under COURSEKIT_REQUIRE_BROWSER=1) if it is missing."""
    if not (os.path.isfile(CHROMIUM_PATH) and os.access(CHROMIUM_PATH, os.X_OK)):
        _no_browser(
            f"Browser test needs Debian's Chromium at {CHROMIUM_PATH}, which is missing "
            "(install it with `apt-get install -y chromium`; do not use `playwright install`)."
        )
    for module in ("jupyterlab", "playwright"):
        if importlib.util.find_spec(module) is None:
            _no_browser(f"Browser test needs the Python package {module!r}, which is not installed.")
    return CHROMIUM_PATH


@pytest.fixture(scope="session")
def browser_name(request) -> str:
    """Always Chromium (pytest-playwright would otherwise take it from ``--browser``)."""
    requested = getattr(request, "param", None) or "chromium"
    if requested != "chromium":
        pytest.skip(f"coursekit's browser tests run only in Debian's Chromium, not {requested!r}.")
    return "chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, chromium_executable):
    return {**browser_type_launch_args, "executable_path": chromium_executable, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1280, "height": 900}}


@pytest.fixture(scope="session")
def jupyterlab(chromium_executable, tmp_path_factory, request):
    """JupyterLab on 127.0.0.1 (free port, token) serving a temp copy of notebooks/ and exercises/."""
    yield from serve(JupyterLab(tmp_path_factory.mktemp("jupyterlab")), request)


@pytest.fixture
def lab_page(page, jupyterlab):
    """A Playwright page with bounded default waits, ready to drive ``jupyterlab``."""
    from playwright.sync_api import expect

    page.set_default_timeout(TIMEOUT_MS)
    page.set_default_navigation_timeout(KERNEL_TIMEOUT_MS)
    expect.set_options(timeout=TIMEOUT_MS)  # Playwright's own default for expect() is 5 s
    return page

# ======================================================================================
# End of browser fixtures.
# ======================================================================================
