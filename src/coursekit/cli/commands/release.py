"""`coursekit release`: give assignments to the cohort, by exchange or as learner packs."""

from __future__ import annotations

import datetime as _dt

from coursekit.cli.commands._common import add_cohort, add_verb, open_cohort


def _due(text: str) -> _dt.datetime:
    try:
        when = _dt.datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"--due {text!r} is not a date. Write it as 2027-03-31 or 2027-03-31T17:00.") from None
    if len(text) <= 10:
        when = when.replace(hour=23, minute=59)
    return when if when.tzinfo else when.astimezone()


def _release(args) -> int:
    from coursekit.cohort.release import make_packs, release_exchange

    cohort = open_cohort(args)
    due = _due(args.due) if args.due else None
    if args.exchange:
        done = release_exchange(cohort, args.assignments, due=due)
        print(f"Released {', '.join(done)} to the exchange in {cohort.exchange}.")
    else:
        packs = make_packs(cohort, args.assignments, due=due)
        print(f"Made {len(packs)} learner pack(s) in {cohort.root / 'packs'}, one zip per learner. "
              "Send each learner their own zip.")
    return 0


def register(verbs) -> None:
    parser = add_verb(
        verbs, "release", help="release assignments by exchange or as learner packs",
        description="Make the learner copies of assignments with nbgrader (hidden tests and model answers "
        "removed) and release them: through nbgrader's exchange, for a shared server or JupyterHub, or as one "
        "zip per learner in packs/, to send by email or Teams. A pack holds the exercises, their lessons and a "
        "README that says how to send work back.",
        example="  coursekit release all --packs\n"
        "  coursekit release goal_and_mission --exchange --due 2027-03-31\n"
        "  coursekit release goal_and_mission a_team --packs --cohort board-2027",
    )
    parser.add_argument("assignments", nargs="+", metavar="ASSIGNMENT", help="assignment names, or 'all'")
    how = parser.add_mutually_exclusive_group(required=True)
    how.add_argument("--exchange", action="store_true", help="release through nbgrader's exchange")
    how.add_argument("--packs", action="store_true", help="make one zip per learner in packs/")
    parser.add_argument("--due", metavar="DATE", help="the due date (2027-03-31 or 2027-03-31T17:00); later work is reported as late")
    add_cohort(parser)
    parser.set_defaults(func=_release)
