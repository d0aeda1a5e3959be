"""`coursekit export`: the grades CSV for learning systems."""

from __future__ import annotations

from pathlib import Path

from coursekit.cli.commands._common import add_cohort, add_verb, open_cohort


def _export(args) -> int:
    from coursekit.cohort.export import export_grades
    from coursekit.cohort.results import read_results

    cohort = open_cohort(args)
    out = Path(args.out) if args.out else cohort.root / "export" / "grades.csv"
    results = read_results(cohort)
    path = export_grades(results, cohort.syllabus, out)
    lessons = len(results[0].lessons) if results else 0
    print(f"Wrote {path}: {len(results)} learner(s), {lessons} lesson(s), edition {cohort.syllabus.edition!r}.")
    return 0


def register(verbs) -> None:
    parser = add_verb(
        verbs, "export", help="write the grades CSV for a learning system",
        description="Write one CSV row per learner: id, name, email, board, course edition; for each lesson "
        "its score, maximum and completion; for each pre-condition its score and maximum; then the overall "
        "score, completion, and how many written answers still await a mark. Marks are read from nbgrader's "
        "gradebook.",
        example="  coursekit export\n"
        "  coursekit export --out grades-2027-01.csv --cohort board-2027",
    )
    parser.add_argument("--out", metavar="FILE", help="where to write the CSV (default: export/grades.csv in the cohort)")
    add_cohort(parser)
    parser.set_defaults(func=_export)
