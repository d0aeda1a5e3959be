"""`coursekit cohort init`: set up a cohort folder from the course source and a roster."""

from __future__ import annotations

import os
from pathlib import Path

from coursekit.cli.commands._common import add_verb


def check_exchange(folder: str | None) -> None:
    """Refuse, before anything is made, an exchange folder that is missing and that this user cannot make."""
    from coursekit.cohort.folder import CohortError

    if not folder:
        return
    exchange = Path(folder).resolve()
    existing = exchange
    while not existing.exists():
        existing = existing.parent
    if existing != exchange and not os.access(existing, os.W_OK | os.X_OK):
        raise CohortError(
            f"The exchange folder {exchange} does not exist, and you cannot make it: you may not write in {existing}. "
            f"Ask the server's administrator to make it for everyone (`mkdir -p {exchange} && chmod 1777 {exchange}`), "
            "then run this command again. Nothing was made."
        )


def _init(args) -> int:
    from coursekit.cohort.folder import init_cohort

    check_exchange(args.exchange)
    notes: list[str] = []
    cohort = init_cohort(args.dir, args.roster, db_url=args.db_url, exchange=args.exchange, name=args.name,
                         course=args.course, group=args.group, notes=notes)
    for note in notes:
        print(f"Note: {note}")
    boards = sorted({learner.board for learner in cohort.roster})
    print(f"Made the cohort '{cohort.name}' in {cohort.root}: {len(cohort.roster)} learners from "
          f"{len(boards)} board(s), assignments {', '.join(cohort.assignments) or 'none yet'}.")
    print("Gradebook: " + ("SQLite, gradebook.db in the cohort folder" if cohort.db_url.startswith("sqlite") else "PostgreSQL"))
    print("Who can read it: " + (f"you and the group '{args.group}' (the assessors)" if args.group
                                 else "only you (your account)"))
    print(f"Next: cd {cohort.root} and run `coursekit release all --packs` (or --exchange).")
    return 0


def register(verbs) -> None:
    cohort = add_verb(verbs, "cohort", help="set up a cohort of learners",
                      description="Work with cohorts: one nbgrader course folder per group of learners.",
                      example="  coursekit cohort init board-2027 --roster roster.csv")
    actions = cohort.add_subparsers(dest="action", metavar="ACTION", required=True)
    init = add_verb(
        actions, "init", help="make a cohort folder from a roster CSV",
        description="Make a cohort folder: the course's source notebooks (with the answer keys) and syllabus from "
        "the course folder, the lessons from the installed coursekit, nbgrader's settings, and every learner on the "
        "roster added to the gradebook. The course folder is the project's course/ folder: found by itself when you "
        "run coursekit from the project checkout; otherwise give it with --course or the environment variable "
        "COURSEKIT_COURSE (the answer keys are never in the learner's package). "
        "The cohort folder is readable by your account only, or also by an assessors' unix group (--group). "
        "The roster is a CSV file (UTF-8) with columns for learner id, name, email, and board or organisation. "
        "A bad roster is refused with every problem and its line number, and nothing is written.",
        example="  coursekit cohort init board-2027 --roster roster.csv\n"
        "  coursekit cohort init board-2027 --roster roster.csv --exchange /srv/nbgrader/exchange\n"
        "  coursekit cohort init board-2027 --roster roster.csv --db-url postgresql://coursekit@db/board2027\n"
        "  coursekit cohort init board-2027 --roster roster.csv --course ~/coursekit-trainer/course --group assessors",
    )
    init.add_argument("dir", metavar="DIR", help="the new cohort folder (must not exist, or be empty)")
    init.add_argument("--roster", required=True, metavar="FILE", help="the roster CSV: id, name, email, board")
    init.add_argument("--db-url", metavar="URL", help="a PostgreSQL gradebook URL (default: SQLite in the folder)")
    init.add_argument("--exchange", metavar="DIR", help="nbgrader's exchange folder, for release and collect by exchange")
    init.add_argument("--name", help="the cohort's name (default: the folder's name)")
    init.add_argument("--course", metavar="COURSE_DIR",
                      help="the course folder, holding source/ and syllabus.toml (default: $COURSEKIT_COURSE, "
                      "else the project checkout's course/ folder)")
    init.add_argument("--group", metavar="NAME",
                      help="a unix group of assessors who may read and mark the cohort (default: only you)")
    init.set_defaults(func=_init)
