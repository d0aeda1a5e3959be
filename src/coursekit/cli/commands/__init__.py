"""The trainer's and assessor's verbs of the ``coursekit`` command line, one module each.

Each module here defines ``register(verbs)``, which adds its sub-command(s) to the
``argparse`` sub-parsers of :func:`coursekit.cli.app.build_parser`. A verb's handler
takes the parsed arguments and returns an exit code. Modules are found by name,
so adding a verb never means editing ``cli.py``.
"""

from __future__ import annotations

import importlib
import pkgutil


def register_all(verbs) -> None:
    for module in sorted(m.name for m in pkgutil.iter_modules(__path__)):
        if module.startswith("_"):
            continue
        importlib.import_module(f"{__name__}.{module}").register(verbs)
