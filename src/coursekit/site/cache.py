"""Where the site's downloads are kept, so a second build needs no network."""

from __future__ import annotations

import os
from pathlib import Path

#: The cache folder's name under the user's cache folder (``~/.cache`` or ``$XDG_CACHE_HOME``).
NAME = "coursekit-site"


def default_cache() -> Path:
    """``$COURSEKIT_SITE_CACHE``, else ``$XDG_CACHE_HOME/coursekit-site``, else ``~/.cache/coursekit-site``."""
    if os.environ.get("COURSEKIT_SITE_CACHE"):
        return Path(os.environ["COURSEKIT_SITE_CACHE"]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base).expanduser() / NAME


class DownloadFailed(RuntimeError):
    """A download the site needs failed and is not in the cache; the message says what to do."""


def offline_hint(what: str, cache: Path) -> str:
    return (f"Could not download {what}, and it is not in the cache ({cache}). Building the site the first "
            "time needs the package registries (PyPI and npm); later builds use the cache and need no network.")
