"""`coursekit mark`: mark one question's written answers offline, then record the marks in the gradebook."""

from __future__ import annotations

from coursekit.cli.commands._common import add_cohort, add_verb, open_cohort


def _export(args) -> int:
    from coursekit.cohort import marking

    cohort = open_cohort(args)
    done = marking.export_question(cohort, args.exercise, args.question, args.out)
    blank = sum(1 for a in done.answers if a.status == marking.BLANK)
    missing = sum(1 for a in done.answers if a.status == marking.MISSING)
    print(f"Wrote {len(done.answers)} learner(s)' answers to '{args.question}': {done.written} written, "
          f"{blank} blank (they score 0 already).")
    if missing:
        print(f"{missing} answer(s) could not be read; mark those in formgrader.")
    print(f"Read the answers and the rubric in: {done.page}")
    print(f"Fill in points (and comment) in:    {done.sheet}")
    print(f"Then run: coursekit mark import {done.sheet}")
    return 0


def _import(args) -> int:
    from coursekit.cohort import marking

    cohort = open_cohort(args)
    done = marking.import_marks(cohort, args.file)
    print(f"Recorded {done.marked} mark(s) and {done.comments} comment(s) in the gradebook. "
          f"{done.skipped} row(s) had nothing new.")
    print("Formgrader now shows these marks. Rows with no points keep the mark they had.")
    return 0


def register(verbs) -> None:
    parser = add_verb(
        verbs, "mark", help="mark one question's written answers offline, with a CSV file",
        description="Bulk marking in two steps. 'export' writes every learner's written answer to one question "
        "as a web page, with the rubric at the top, and a CSV file to fill in with points and comments. "
        "'import' checks every row of the filled-in CSV file and records the marks and comments in the "
        "gradebook, as formgrader does. If any row is wrong, nothing is recorded and every wrong row is listed.",
        example="  coursekit mark export goal_and_mission reflection\n"
        "  coursekit mark import marking/goal_and_mission-reflection-marks.csv\n"
        "  coursekit mark export goal_and_mission first_goal --out ~/marking --cohort board-2027",
    )
    steps = parser.add_subparsers(dest="step", metavar="STEP", required=True)
    export = add_verb(steps, "export", help="write one question's answers, with its rubric, and a CSV to fill in",
                      description="Write marking/EXERCISE-QUESTION.html (the rubric, then each learner's answer, "
                      "as text) and marking/EXERCISE-QUESTION-marks.csv (learner_id, exercise, question, "
                      "max_points, answer, points, comment). Points already given are filled in.",
                      example="  coursekit mark export goal_and_mission reflection")
    export.add_argument("exercise", metavar="EXERCISE", help="the exercise (assignment), e.g. goal_and_mission")
    export.add_argument("question", metavar="QUESTION",
                        help="the question an assessor marks, e.g. reflection or first_goal")
    export.add_argument("--out", metavar="DIR", help="where to write the two files (default: COHORT/marking)")
    add_cohort(export)
    export.set_defaults(func=_export)
    imp = add_verb(steps, "import", help="record the points and comments from a filled-in CSV file",
                   description="Check every row of FILE: a known learner, a question an assessor marks in that "
                   "exercise, points a number from 0 to the question's points, each answer once. Then record "
                   "the marks and comments in the gradebook. A row with no points keeps its mark. Any bad row "
                   "stops the whole file.",
                   example="  coursekit mark import marking/goal_and_mission-reflection-marks.csv")
    imp.add_argument("file", metavar="FILE", help="the CSV file from `coursekit mark export`, filled in")
    add_cohort(imp)
    imp.set_defaults(func=_import)
