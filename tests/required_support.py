"""Test helper: a test that needs something missing (a browser, a database, a hub) skips and says
why, unless a CI switch such as ``COURSEKIT_REQUIRE_BROWSER=1`` is set: then it fails instead,
so a missing piece can never pass unseen."""

from __future__ import annotations

import os

import pytest


def required(*switches: str) -> bool:
    """True when any of the switches is set to 1."""
    return any(os.environ.get(name, "").strip() == "1" for name in switches)


def skip_or_fail(reason: str, *switches: str) -> None:
    """Skip with ``reason``; fail instead when any of ``switches`` is set (the first one is the one to name)."""
    if required(*switches):
        named = " or ".join(f"{name}=1" for name in switches)
        pytest.fail(f"{reason} {named} is set, so this is a failure, not a skip.", pytrace=False)
    pytest.skip(f"{reason} Set {switches[0]}=1 to make this a failure.")
