"""`coursekit feedback`: feedback pages for learners, without hidden tests or answer keys."""

from __future__ import annotations

from ._common import add_cohort, add_verb, open_cohort


def _feedback(args) -> int:
    from ..feedback import make_feedback

    cohort = open_cohort(args)
    pages = make_feedback(cohort, args.assignments or None, learner=args.learner)
    learners = sorted({page.parent.parent.name for page in pages})
    print(f"Made {len(pages)} feedback page(s) for {len(learners)} learner(s) in {cohort.root / 'feedback'}.")
    return 0


def register(verbs) -> None:
    parser = add_verb(
        verbs, "feedback", help="make each learner's feedback page",
        description="Make an HTML feedback page per learner and assignment with nbgrader's generate_feedback. "
        "It explains each mark; hidden tests and answer keys are never shown.",
        example="  coursekit feedback\n"
        "  coursekit feedback goal_and_mission --learner L001 --cohort board-2027",
    )
    parser.add_argument("assignments", nargs="*", metavar="ASSIGNMENT", help="assignment names (default: all)")
    parser.add_argument("--learner", metavar="ID", help="only this learner")
    add_cohort(parser)
    parser.set_defaults(func=_feedback)
