"""`coursekit collect`: bring learners' work in from the exchange or from returned zips."""

from __future__ import annotations

from coursekit.cohort.submitted_files import MAX_BYTES, MAX_FILES
from coursekit.cli.commands._common import add_cohort, add_verb, open_cohort


def _collect(args) -> int:
    from coursekit.cohort.collect import collect_exchange, collect_zips

    cohort = open_cohort(args)
    if args.from_zips:
        report = collect_zips(cohort, args.assignment, args.from_zips)
    else:
        report = collect_exchange(cohort, args.assignment)
    print("\n".join(report.lines()))
    return 0


def register(verbs) -> None:
    parser = add_verb(
        verbs, "collect", help="collect work from the exchange or from returned zips",
        description="Collect one assignment's submissions into submitted/, with nbgrader's collect (exchange) "
        "or zip_collect (a folder of zips named <id>_<assignment>.zip). The latest submission wins; earlier "
        "ones are kept in archive/. Wrong file names, duplicates and late work are listed per learner. "
        "Learners' files are taken as data: only the exercise's notebooks and answers files are taken from a zip, "
        f"as ordinary files; links are never followed; a zip over {MAX_BYTES // 2**20} MB unpacked or {MAX_FILES} files is "
        "refused, and zips "
        "inside zips are never opened; an exchange submission counts only if its folder belongs to the learner it "
        "names; a date in the future is not believed. Each refusal is listed, with its reason.",
        example="  coursekit collect goal_and_mission\n"
        "  coursekit collect goal_and_mission --from-zips ~/Downloads/returned --cohort board-2027",
    )
    parser.add_argument("assignment", metavar="ASSIGNMENT", help="the assignment to collect")
    parser.add_argument("--from-zips", metavar="FOLDER", help="a folder of zips learners sent back")
    add_cohort(parser)
    parser.set_defaults(func=_collect)
