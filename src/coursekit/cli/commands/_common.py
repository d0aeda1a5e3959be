"""What the trainer's verbs share: the --cohort option and the help layout."""

from __future__ import annotations

import argparse
import textwrap


def add_verb(verbs, name: str, help: str, description: str, example: str) -> argparse.ArgumentParser:
    """A sub-command whose --help ends with an 'Example:' block."""
    return verbs.add_parser(name, help=help, description=textwrap.fill(description, 88),
                            epilog="Example:\n" + example,
                            formatter_class=argparse.RawDescriptionHelpFormatter)


def add_cohort(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--cohort", default=".", metavar="DIR",
                        help="the cohort folder (default: the current folder or the nearest one above it)")


def open_cohort(args):
    from coursekit.cohort.folder import Cohort

    return Cohort.open(args.cohort)
