"""`coursekit collect`: bring learners' work in from the exchange or from returned zips."""

from __future__ import annotations

import sys

from coursekit.cohort.submitted_files import MAX_BYTES, MAX_FILES
from coursekit.cli.commands._common import add_cohort, add_verb, open_cohort


def _collect(args) -> int:
    from coursekit.cohort.collect import collect_exchange_all, collect_zip_folder

    cohort = open_cohort(args)
    if args.from_zips:
        run = collect_zip_folder(cohort, args.assignments, args.from_zips)
        reports, lines = run.reports, run.lines()
        where = f"no zip in {run.folder} is named for a learner on the roster and a released exercise"
    else:
        reports = collect_exchange_all(cohort, args.assignments)
        lines = [line for report in reports for line in report.lines()]
        where = "no learner on the roster has submitted it to the exchange yet"
    print("\n".join(lines))
    if any(report.problems or report.unmatched for report in reports):
        where = "what was sent could not be collected, for the reasons listed above"
    if not any(report.anything for report in reports):
        print(f"Nothing was collected for {', '.join(r.assignment for r in reports)}: {where}. "
              "Check the folder or the names above, then collect again.", file=sys.stderr)
        return 1
    return 0


def register(verbs) -> None:
    parser = add_verb(
        verbs, "collect", help="collect work from the exchange or from returned zips",
        description="Collect assignments' submissions into submitted/, with nbgrader's collect (exchange) "
        "or zip_collect (a folder of zips named <id>_<assignment>.zip). 'all' collects every released "
        "exercise, with a summary line for each; a file that names no exercise is listed once, with the names "
        "that would be accepted. The latest submission wins; earlier ones are kept in archive/, and the summary "
        "says whose earlier work was replaced. Wrong file names, duplicates and late work are listed per learner. "
        "When work was handed in is never taken from the learner's files: a zip counts as received at its "
        "file's time on your disk (when your computer saved it), an exchange submission at the time the "
        "exchange's file system last changed it; either is kept in archive/<assignment>/received.json the "
        "first time collect sees it, and becomes nbgrader's submission timestamp. "
        "Learners' files are taken as data: only the exercise's notebooks and answers files are taken from a zip, "
        f"as ordinary files; links are never followed; a zip over {MAX_BYTES // 2**20} MB unpacked or {MAX_FILES} files is "
        "refused, and zips "
        "inside zips are never opened; an exchange submission counts only if its folder belongs to the learner it "
        "names. Each refusal is listed, with its reason. It exits with 1 when nothing at all has been "
        "collected for the assignments named.",
        example="  coursekit collect goal_and_mission\n"
        "  coursekit collect all --from-zips ~/Downloads/returned --cohort board-2027",
    )
    parser.add_argument("assignments", nargs="+", metavar="ASSIGNMENT",
                        help="assignment names, or 'all' for every released one")
    parser.add_argument("--from-zips", metavar="FOLDER", help="a folder of zips learners sent back")
    add_cohort(parser)
    parser.set_defaults(func=_collect)
