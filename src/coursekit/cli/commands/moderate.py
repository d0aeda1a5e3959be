"""`coursekit moderate`: sample written answers for a second marker, record their marks, report disagreement."""

from __future__ import annotations

from coursekit.cli.commands._common import add_cohort, add_verb, open_cohort


def _sample(args) -> int:
    from coursekit.cohort import moderation

    cohort = open_cohort(args)
    sample = moderation.write_sample(cohort, args.assignment, force=args.force)
    fails = sum(1 for why in sample.chosen.values() if why.startswith("fail"))
    print(f"Chose {len(sample.chosen)} learner(s) for second marking: {len(sample.chosen) - fails} at random "
          f"(at least {moderation.SAMPLE_SHARE:.0%} of the {sample.marked} whose written answers were marked) "
          f"and {fails} fail(s) (under {moderation.FAIL_BELOW:.0%} of the points).")
    if sample.nothing_written:
        print(f"{len(sample.nothing_written)} chosen learner(s) wrote no answer to mark, so they score 0 and have "
              f"no rows: {', '.join(sample.nothing_written)}.")
    print(f"Give the second marker {sample.path}. Each row has the answer to read. They fill in second_mark "
          "(and second_marker, comment);")
    print(f"then run: coursekit moderate record {args.assignment} FILE")
    return 0


def _record(args) -> int:
    from coursekit.cohort import moderation

    cohort = open_cohort(args)
    done = moderation.record(cohort, args.assignment, args.file)
    print(f"Recorded {done.added} new and {done.changed} changed second mark(s) in {done.path}.")
    if done.blank:
        print(f"{done.blank} row(s) have no second mark yet; record the file again when they do.")
    print("The gradebook's first marks are unchanged. See where markers disagree with: "
          f"coursekit moderate report {args.assignment}")
    return 0


def _report(args) -> int:
    from coursekit.cohort import moderation
    from coursekit.cohort.export import number

    cohort = open_cohort(args)
    result = moderation.report(cohort, args.assignment)
    rate = result.agreement_rate
    print(f"Second-marked answers: {len(result.compared)}. Markers agree (within "
          f"{number(moderation.TOLERANCE)} point) on {rate:.0%} of them.")
    if result.disagreements:
        print("Where the markers disagree:")
        for c in result.disagreements:
            first = "not marked" if c.first is None else number(c.first)
            print(f"  {c.learner}, {c.cell}: first mark {first}, second mark {number(c.second)} "
                  f"(out of {number(c.max_score)})")
        print("Agree a mark, then change it in formgrader if needed; run this report again to check.")
    else:
        print("No disagreements.")
    print(f"Full comparison: {result.path}")
    return 0


def register(verbs) -> None:
    parser = add_verb(
        verbs, "moderate", help="second-mark a sample of written answers and report disagreement",
        description="Moderation in three steps. 'sample' picks learners for a second marker: at least 10% of "
        "those whose written answers were marked, at random but the same every time, and every fail (under 50% "
        "of the points). It writes moderation/ASSIGNMENT-sample.csv, with each answer's text; a blank answer "
        "scores 0 without a marker, so it is left out. 'record' reads that file once the second "
        "marker has filled it in. 'report' lists answers where the two marks differ by more than 1 point, and "
        "the agreement rate. Moderation never changes the gradebook.",
        example="  coursekit moderate sample goal_and_mission\n"
        "  coursekit moderate record goal_and_mission moderation/goal_and_mission-sample.csv\n"
        "  coursekit moderate report goal_and_mission --cohort board-2027",
    )
    steps = parser.add_subparsers(dest="step", metavar="STEP", required=True)
    sample = _step(steps, "sample", _sample, "pick the sample and write the CSV for the second marker",
                   "Pick learners for second marking and write moderation/ASSIGNMENT-sample.csv.",
                   "coursekit moderate sample goal_and_mission", "the assignment to moderate")
    sample.add_argument("--force", action="store_true", help="write the sample file again even if it exists")
    record = _step(steps, "record", _record, "record the second marks from a filled-in sample CSV",
                   "Check every second mark in FILE and keep them in moderation/ASSIGNMENT-second-marks.csv. "
                   "Any bad line stops the whole file.",
                   "coursekit moderate record goal_and_mission marked.csv", "the assignment the marks are for")
    record.add_argument("file", metavar="FILE", help="the sample CSV with second_mark filled in")
    _step(steps, "report", _report, "list where the markers disagree, and the agreement rate",
          "Compare each second mark with the first mark now in the gradebook.",
          "coursekit moderate report goal_and_mission", "the assignment to report on")


def _step(steps, name: str, func, help: str, description: str, example: str, assignment_help: str):
    """One step of `coursekit moderate`: ASSIGNMENT, --cohort, and an example."""
    step = add_verb(steps, name, help=help, description=description, example=f"  {example}")
    step.add_argument("assignment", metavar="ASSIGNMENT", help=assignment_help)
    add_cohort(step)
    step.set_defaults(func=func)
    return step
