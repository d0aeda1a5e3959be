"""The ``coursekit`` command line."""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import subprocess
import sys
from pathlib import Path

from coursekit import __version__
from coursekit.cohort.nbgrader_run import nbgrader_env
from coursekit.learner import folder as learner_folder

#: Where the trainer's and assessor's tools (nbgrader, SQLAlchemy, ...) come from; a learner's install has none.
TRAINER_EXTRA = 'pip install "coursekit[trainer]"'


def _generate(args: argparse.Namespace) -> int:
    from coursekit.authoring import generate

    root = generate.find_root(Path(args.root) if args.root else None)
    if args.check:
        problems = generate.drift(root, args.assignments or None)
        if problems:
            print("These generated files are out of step with course/source:")
            for problem in problems:
                print(f"  {problem}")
            print("Run `coursekit generate` and commit the result.")
            return 1
        print("exercises/ and solutions/ match course/source.")
        return 0
    for assignment in generate.generate(root, args.assignments or None):
        print(f"Generated exercises/{assignment}/ and solutions/{assignment}/ from course/source/{assignment}/")
    return 0


def _lab(args: argparse.Namespace, extra: list[str]) -> int:
    if not learner_folder.jupyterlab_installed():  # checked first: nothing is made that could not be opened
        print(f"coursekit: {learner_folder.NO_JUPYTERLAB}", file=sys.stderr)
        return 1
    root = _cohort_root(Path(args.root) if args.root else Path.cwd())
    if root is None:
        root = _project_root(Path(args.root) if args.root else None)
    if root is None:  # not in the project: the learner's own folder, made from the package
        root = _learner_folder(Path(args.root) if args.root else learner_folder.choose(Path.cwd()))
    settings = learner_folder.lab_settings(root)  # no news pop-up, no kernel chooser
    command = _lab_command(root, settings)
    print(f"Opening the course in JupyterLab from {root}. Press Ctrl+C twice to stop.")
    # nbgrader's formgrader finds the course (or cohort) through nbgrader_config.py in this folder,
    # and calls helper programs by name: run from there, with this Python's scripts on PATH.
    return _run_lab([*command, *extra], cwd=root, env=nbgrader_env())


def _lab_command(root: Path, settings: Path) -> list[str]:
    command = [sys.executable, "-m", "jupyter", "lab", f"--ServerApp.root_dir={root}",
               f"--LabApp.user_settings_dir={settings}",
               # coursekit-pages (lessons run when they open, code out of sight), from this package itself:
               # found even where pip's copy in share/jupyter/labextensions is older or missing
               f"--LabApp.extra_labextensions_path={learner_folder.LABEXTENSIONS}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")  # course machines are often single-user containers run as root
    return command


def _cohort_root(start: Path) -> Path | None:
    """The cohort folder at or above ``start``, where `coursekit lab` opens the trainer's view, or None."""
    try:
        from coursekit.cohort.folder import Cohort, find_cohort
    except ModuleNotFoundError as err:
        if _is_ours(err):
            raise
        return None  # a learner's install (or Windows): no cohort here
    root = find_cohort(start)
    if root is None:
        return None
    Cohort.open(root).own_gradebook()  # Formgrader will open it: this cohort's, and it can be opened
    print(f"{root} is a cohort folder, so coursekit opens the trainer's view: JupyterLab "
          "in the cohort folder, with nbgrader's Formgrader (menu Nbgrader > Formgrader) to mark this cohort's work. "
          "No learner's course folder is made here; to take the course as a learner, run `coursekit lab` from a "
          "folder outside the cohort.")
    return root


def _terminal_sent(signum: int) -> bool:
    """Whether Ctrl+C at the terminal sent this signal: the terminal sends it to JupyterLab as well
    (same process group, or Windows' console), so passing it on would count it twice."""
    if signum != signal.SIGINT:
        return False
    if not hasattr(os, "tcgetpgrp"):
        return True
    try:
        return os.tcgetpgrp(sys.stdin.fileno()) == os.getpgrp()
    except (OSError, ValueError, AttributeError):
        return False  # no terminal: a program (a service manager, a script) sent it to coursekit alone


def _run_lab(command: list[str], cwd: Path, env: dict) -> int:
    """Run JupyterLab as a child, pass SIGTERM and SIGINT on to it, and wait for it to stop, so
    stopping `coursekit lab` never leaves a JupyterLab server running."""
    child: list[subprocess.Popen] = []
    pending: list[int] = []

    def pass_on(signum, _frame):
        if _terminal_sent(signum):
            return
        if not child:
            pending.append(signum)
            return
        with contextlib.suppress(ProcessLookupError):
            child[0].send_signal(signum)

    caught = (signal.SIGTERM, signal.SIGINT)
    previous = {signum: signal.signal(signum, pass_on) for signum in caught}
    try:
        child.append(subprocess.Popen(command, cwd=cwd, env=env))
        for signum in pending:
            child[0].send_signal(signum)
        code = child[0].wait()
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    return 128 - code if code < 0 else code  # stopped by a signal: the shell's number for it


def _project_root(start: Path | None) -> Path | None:
    """The project folder at or above ``start``, or None outside one or where the trainer's tools are not installed."""
    try:
        from coursekit.authoring import generate
    except ModuleNotFoundError as err:
        if _is_ours(err):
            raise
        return None  # a learner's install: nbgrader is not here to open the project's course with
    try:
        return generate.find_root(start)
    except FileNotFoundError:
        return None


def _db_url(args: argparse.Namespace) -> str | None:
    """The gradebook database of the verb's cohort, when it can be read, to name it (without its password)."""
    if getattr(args, "db_url", None):
        return args.db_url
    try:
        from coursekit.cohort.folder import Cohort

        return Cohort.open(getattr(args, "cohort", None) or ".").db_url
    except Exception:  # noqa: BLE001 - only for the message
        return None


def _is_ours(err: ModuleNotFoundError) -> bool:
    return (err.name or "").split(".")[0] == "coursekit"


def _learner_folder(folder: Path) -> Path:
    made = learner_folder.make(folder.resolve())
    if made.added and not made.kept:
        print(f"Made your course folder: {made.folder}")
    elif made.added:
        print(f"Added {len(made.added)} new file(s) to your course folder, {made.folder}. Your own files are unchanged.")
    return made.folder


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="coursekit",
        description="Tools for the coursekit course on the four pre-conditions of digital transformation.",
    )
    parser.add_argument("--version", action="version", version=f"coursekit {__version__}")
    verbs = parser.add_subparsers(dest="verb", metavar="VERB")

    gen = verbs.add_parser(
        "generate",
        help="make exercises/ and solutions/ from course/source/",
        description="Make the learner copies in exercises/ and the worked solutions in solutions/ "
        "from their one source in course/source/, with nbgrader's generate_assignment and generate_solution.",
        epilog="Example: coursekit generate            (all assignments)\n"
        "         coursekit generate --check    (fail if the committed copies have drifted)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    gen.add_argument("assignments", nargs="*", help="assignment names (default: all in course/source)")
    gen.add_argument("--check", action="store_true", help="change nothing; list files that differ from a fresh generation")
    gen.add_argument("--root", help="the project folder (default: found from the current folder)")
    gen.set_defaults(func=_generate)

    lab = verbs.add_parser(
        "lab",
        help="open the course in JupyterLab",
        description="Open the course in JupyterLab: lessons in notebooks/, exercises in exercises/, "
        "and nbgrader's Formgrader and Assignments pages for the course in course/. "
        "In a cohort folder (or a folder inside one), it opens that cohort for its trainer, with nbgrader's "
        "Formgrader to mark its work. "
        "Elsewhere outside the project folder, it opens your own course folder, coursekit-course/, "
        "and makes it from the installed package first if it is not there. "
        "Any further options are passed to `jupyter lab`.",
        epilog="Example: coursekit lab\n         coursekit lab --port 8890 --no-browser\n"
        "         coursekit lab --root ~/Documents/my-course    (your own folder, made if needed)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    lab.add_argument("--root", help="the project folder, or your own course folder "
                     "(default: found from the current folder, else ./coursekit-course)")
    lab.set_defaults(func=_lab, passthrough=True)

    from coursekit.cli import commands

    commands.register_all(verbs)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    if extra and not getattr(args, "passthrough", False):
        parser.error(f"unrecognised arguments: {' '.join(extra)}")
    try:
        return args.func(args, extra) if getattr(args, "passthrough", False) else args.func(args)
    except (FileNotFoundError, FileExistsError, RuntimeError, ValueError) as err:
        print(f"coursekit: {err}", file=sys.stderr)
        return 1
    except ModuleNotFoundError as err:
        if _is_ours(err):
            raise
        print(f"coursekit: `coursekit {args.verb}` is one of the trainer's tools, and needs {err.name}, "
              f"which is not installed here. Install the trainer's tools with:  {TRAINER_EXTRA}", file=sys.stderr)
        return 1
    except Exception as err:
        if not type(err).__module__.startswith("sqlalchemy."):
            raise
        from coursekit.cohort.gradebook_db import database_problem  # a database failed in the middle of a verb

        print(f"coursekit: {database_problem(err, _db_url(args))}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
