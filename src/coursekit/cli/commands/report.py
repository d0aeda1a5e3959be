"""`coursekit report`: the cohort dashboard, an HTML page with its PNG charts and item analysis."""

from __future__ import annotations

from pathlib import Path

from coursekit.cli.commands._common import add_cohort, add_verb, open_cohort


def _report(args) -> int:
    from coursekit.cohort.dashboard import build

    cohort = open_cohort(args)
    made = build(cohort, Path(args.out) if args.out else None)
    print(f"Wrote the dashboard {made.page} with {len(made.images)} chart(s).")
    learners = [c for board in made.chase.values() for c in board]
    print(f"Who to chase: {sum(not c.nothing for c in learners)} of {len(learners)} learner(s) in "
          f"{len(made.chase)} board(s) have work not handed in, not answered, awaiting marking or late.")
    flagged = sum(1 for item in made.items if item.flags)
    print(f"Wrote the item analysis of {len(made.items)} auto-marked question(s) to {made.item_csv}; "
          f"{flagged} question(s) flagged on the dashboard.")
    if not made.shifts:
        print("No learner has a self-assessment from both the first and the last lesson yet, "
              "so the page says so instead of showing the 'then and now' chart.")
    return 0


def register(verbs) -> None:
    parser = add_verb(
        verbs, "report", help="make the cohort dashboard (an HTML page, PNG charts and item analysis)",
        description="Make the cohort dashboard: who to chase (a table per board of each learner's work not "
        "handed in, parts not answered, written answers awaiting marking, and late work), completion by lesson, "
        "the score distribution per "
        "pre-condition, and the 'then and now' self-assessment by board. Each chart is a PNG with alt text, "
        "shown on one HTML page beside a table of the same numbers. The page ends with item analysis: for "
        "every auto-marked question, the share of learners with full marks, how well it separates learners "
        "who do well on the rest of the exercise, and how often each option was chosen; questions that are "
        "too easy, too hard or work against the rest of the test are flagged in words. The same numbers are "
        "saved as item_analysis.csv beside the page.",
        example="  coursekit report\n"
        "  coursekit report --out dashboard --cohort board-2027",
    )
    parser.add_argument("--out", metavar="DIR", help="folder for index.html, the PNGs and item_analysis.csv (default: report/ in the cohort)")
    add_cohort(parser)
    parser.set_defaults(func=_report)
