"""`coursekit report`: the cohort dashboard, an HTML page with its PNG charts."""

from __future__ import annotations

from pathlib import Path

from coursekit.cli.commands._common import add_cohort, add_verb, open_cohort


def _report(args) -> int:
    from coursekit.cohort.dashboard import build

    cohort = open_cohort(args)
    made = build(cohort, Path(args.out) if args.out else None)
    print(f"Wrote the dashboard {made.page} with {len(made.images)} chart(s).")
    if not made.shifts:
        print("No learner has a self-assessment from both the first and the last lesson yet, "
              "so the page says so instead of showing the 'then and now' chart.")
    return 0


def register(verbs) -> None:
    parser = add_verb(
        verbs, "report", help="make the cohort dashboard (an HTML page and PNG charts)",
        description="Make the cohort dashboard: completion by lesson, the score distribution per "
        "pre-condition, and the 'then and now' self-assessment by board. Each chart is a PNG with alt text, "
        "shown on one HTML page beside a table of the same numbers.",
        example="  coursekit report\n"
        "  coursekit report --out dashboard --cohort board-2027",
    )
    parser.add_argument("--out", metavar="DIR", help="folder for index.html and the PNGs (default: report/ in the cohort)")
    add_cohort(parser)
    parser.set_defaults(func=_report)
