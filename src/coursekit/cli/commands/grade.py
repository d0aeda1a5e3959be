"""`coursekit grade`: autograde the cohort, or one learner, with nbgrader."""

from __future__ import annotations

import sys

from coursekit.cli.commands._common import add_cohort, add_verb, open_cohort


def _grade(args) -> int:
    from coursekit.cohort.autograde import FAILED, grade

    cohort = open_cohort(args)
    try:
        summary = grade(cohort, args.assignments or None, learner=args.learner, progress=not args.quiet)
    except KeyboardInterrupt:
        print("\nStopped. Nothing graded so far is lost: run the same command again to carry on.", file=sys.stderr)
        return 130
    print("\n".join(summary.lines()))
    if summary.nothing_collected:
        return 1
    return 1 if any(p.kind == FAILED for ps in summary.problems.values() for p in ps) else 0


def register(verbs) -> None:
    parser = add_verb(
        verbs, "grade", help="autograde submissions, with progress and a summary of problems",
        description="Autograde collected work with nbgrader, in one run with a progress bar. If it stops, run "
        "it again: work already graded is skipped and nothing is counted twice. With --learner, that learner's "
        "work is graded again even if it was graded before. It ends with each learner's problems: broken "
        "notebook (it could not be opened, so it was marked from the answers file); missing answers (no answers "
        "file, or questions left unanswered); answers file unreadable (corrupt JSON or the like: the file "
        "is named, and you are told to ask the learner to send the exercise again; an answer in it that could not "
        "be read is named the same way); tampering restored (graded cells changed or removed, and put back); unsafe file set aside "
        "(a link or special file, moved untouched to archive/<assignment>/<learner>/set-aside/ and never "
        "followed); not graded. An assignment named (or released) with nothing collected is listed with "
        "what to run first; when there is nothing at all to grade it exits with 1.",
        example="  coursekit grade\n"
        "  coursekit grade goal_and_mission --learner L001\n"
        "  coursekit grade --cohort board-2027",
    )
    parser.add_argument("assignments", nargs="*", metavar="ASSIGNMENT", help="assignment names (default: all)")
    parser.add_argument("--learner", metavar="ID", help="grade (again) only this learner's work")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    add_cohort(parser)
    parser.set_defaults(func=_grade)
