"""`coursekit release`: give assignments to the cohort, by exchange or as learner packs."""

from __future__ import annotations

import datetime as _dt
import sys

from coursekit.cli.commands._common import add_cohort, add_verb, open_cohort


def _due(text: str) -> _dt.datetime:
    try:
        when = _dt.datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"--due {text!r} is not a date. Write it as 2027-03-31 or 2027-03-31T17:00.") from None
    if len(text) <= 10:
        when = when.replace(hour=23, minute=59)
    return when if when.tzinfo else when.astimezone()


def _past_due_refused(due: _dt.datetime, ok: bool) -> bool:
    """A due date already past: released only with --past-due-ok, or when the trainer says yes at a terminal."""
    if ok or due > _dt.datetime.now(due.tzinfo):
        return False
    when = f"{due:%d %b %Y %H:%M}"
    if sys.stdin.isatty():
        answer = input(f"The due date {when} is already past, so all work will be late. Release anyway? [y/N] ")
        if answer.strip().lower() in ("y", "yes"):
            return False
        print("Nothing was released. Give a later --due, or add --past-due-ok.", file=sys.stderr)
        return True
    print(f"The due date {when} is already past. Give a later --due, or add --past-due-ok to release with it anyway.",
          file=sys.stderr)
    return True


def _release(args) -> int:
    from coursekit.cohort.release import make_packs, release_exchange

    cohort = open_cohort(args)
    due = _due(args.due) if args.due else None
    if due is not None and _past_due_refused(due, args.past_due_ok):
        return 1
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
    parser.add_argument("--due", metavar="DATE", help="the due date (2027-03-31 or 2027-03-31T17:00); later work is "
                        "reported as late. A date already past is asked about at a terminal, and refused otherwise")
    parser.add_argument("--past-due-ok", action="store_true",
                        help="release with a --due date already past without asking (for scripts)")
    add_cohort(parser)
    parser.set_defaults(func=_release)
