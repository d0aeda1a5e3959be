"""`coursekit feedback`: feedback pages for learners, without hidden tests or answer keys."""

from __future__ import annotations

import sys

from coursekit.cli.commands._common import add_cohort, add_verb, open_cohort


def _feedback(args) -> int:
    from coursekit.cohort.feedback import make_feedback

    cohort = open_cohort(args)
    pages = make_feedback(cohort, args.assignments or None, learner=args.learner)
    learners = sorted({page.parent.parent.name for page in pages})
    print(f"Made {len(pages)} feedback page(s) for {len(learners)} learner(s) in {cohort.root / 'feedback'}.")
    if args.release:
        from coursekit.cohort.feedback import NoExchange, release_feedback

        try:
            released, by_hand = release_feedback(cohort, pages)
        except NoExchange as err:
            print(err, file=sys.stderr)
            return 1
        print(f"Released {len(released)} to the exchange. Learners fetch it in JupyterLab: Nbgrader, then Assignments.")
        for learner, assignment in by_hand:
            print(f"{learner}, {assignment}: this work did not come through the exchange, so send "
                  f"{cohort.root / 'feedback' / learner / assignment} to the learner yourself.")
    return 0


def register(verbs) -> None:
    parser = add_verb(
        verbs, "feedback", help="make each learner's feedback page",
        description="Make an HTML feedback page per learner and assignment with nbgrader's generate_feedback. "
        "It explains each mark; hidden tests and answer keys are never shown.",
        example="  coursekit feedback\n"
        "  coursekit feedback goal_and_mission --learner L001 --cohort board-2027\n"
        "  coursekit feedback --release    # and put the pages in the exchange for learners to fetch",
    )
    parser.add_argument("assignments", nargs="*", metavar="ASSIGNMENT", help="assignment names (default: all)")
    parser.add_argument("--learner", metavar="ID", help="only this learner")
    parser.add_argument("--release", action="store_true",
                        help="also release the pages through nbgrader's exchange (cohorts set up with --exchange)")
    add_cohort(parser)
    parser.set_defaults(func=_feedback)
