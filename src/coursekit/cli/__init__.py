"""The `coursekit` command line and its verbs (one module each in `commands/`)."""

from coursekit.cli.app import build_parser, main

__all__ = ["build_parser", "main"]
