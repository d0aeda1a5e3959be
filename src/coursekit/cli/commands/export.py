"""`coursekit export`: the grades CSV for learning systems."""

from __future__ import annotations

from pathlib import Path

from coursekit.cli.commands._common import add_cohort, add_verb, open_cohort


def _export(args) -> int:
    from coursekit.cohort.export import export_grades, lateness
    from coursekit.cohort.results import read_results

    cohort = open_cohort(args)
    out = Path(args.out) if args.out else cohort.root / "export" / "grades.csv"
    results = read_results(cohort)
    with cohort.gradebook() as gb:
        late = lateness(gb)
    path = export_grades(results, cohort.syllabus, out, late=late, bom=args.excel)
    released = len(results[0].lessons) if results else 0
    print(f"Wrote {path}: {len(results)} learner(s), {len(cohort.syllabus.lessons)} lesson(s) "
          f"({released} released), edition {cohort.syllabus.edition!r}"
          f"{', with a byte-order mark for Excel' if args.excel else ''}.")
    return 0


def register(verbs) -> None:
    parser = add_verb(
        verbs, "export", help="write the grades CSV for a learning system",
        description="Write one CSV row per learner: id, name, email, board, course edition; for each lesson "
        "of the syllabus its score, maximum, completion, late (yes/no) and minutes_late; for each pre-condition "
        "its score and maximum; then the overall score, completion, and how many written answers still await "
        "a mark. The columns are the same for the whole course: a lesson not released yet has empty cells, so "
        "a learning system's column mapping never shifts. Lateness is nbgrader's: the submission timestamp "
        "collect recorded against the due date. Marks are read from nbgrader's gradebook. Text a spreadsheet "
        "would run as a formula is written behind a leading quote.",
        example="  coursekit export\n"
        "  coursekit export --out grades-2027-01.csv --excel --cohort board-2027",
    )
    parser.add_argument("--out", metavar="FILE", help="where to write the CSV (default: export/grades.csv in the cohort)")
    parser.add_argument("--excel", "--bom", dest="excel", action="store_true",
                        help="start the file with a UTF-8 byte-order mark, so Excel shows accented names correctly")
    add_cohort(parser)
    parser.set_defaults(func=_export)
