"""benchmarks/trainer_run.py builds what its docstring says: 12 learners in 2 boards, wrong answers that differ
from the worked ones, two late zips, and an assessor's marks that nbgrader would accept. The run itself (every
verb as a command) is the benchmark's, not a test's."""

from __future__ import annotations

import csv
import datetime as dt
import sys

from course_support import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import trainer_run as tr  # noqa: E402

DUE = dt.datetime(2026, 11, 30, 17, 0, tzinfo=dt.timezone.utc)


def test_the_roster_is_12_learners_in_2_boards_of_6(tmp_path):
    rows = list(csv.DictReader(tr.write_roster(tmp_path / "roster.csv").open(encoding="utf-8")))
    assert [r["id"] for r in rows] == [f"L{n:02d}" for n in range(1, 13)]
    assert sorted(sum(r["board"] == b for r in rows) for b in tr.BOARDS) == [6, 6]


def test_a_wrong_answer_differs_from_the_worked_one_in_every_choice_and_ranking():
    plan = tr.Plan(wrong=True)
    for exercise in sorted(p.name for p in (ROOT / "solutions").iterdir() if p.is_dir()):
        right, wrong = tr.answers_for(exercise, tr.Plan()), tr.answers_for(exercise, plan)
        choices = [q for q, v in right.items() if q.startswith(("q", "sjt_"))]
        assert choices, exercise
        assert all(wrong[q] != right[q] for q in choices), exercise
        assert wrong["reflection"] == right["reflection"], "written answers are left as they were"


def test_two_goal_and_mission_zips_arrive_after_the_due_date_and_no_others():
    late = {(lid, a) for lid in tr.NAMES for a in ("start_here", "goal_and_mission") if tr.received(a, lid, DUE) > DUE}
    assert late == {("L04", "goal_and_mission"), ("L09", "goal_and_mission")}


def test_the_assessor_marks_each_written_answer_but_the_blank_and_the_one_left_for_later(tmp_path):
    sheet = tmp_path / "marks.csv"
    rows = [("L01", "written"), ("L05", "written"), ("L08", "blank: no answer written, scores 0"), ("L09", "written"),
            ("L10", "written")]  # the CSV says whether there is an answer; its text is on the page beside it
    with sheet.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["learner_id", "exercise", "question", "max_points", "answer", "points", "comment"])
        writer.writerows([lid, "goal_and_mission", "reflection", "4", text, "", ""] for lid, text in rows)
    marked = {r["learner_id"]: r["points"] for r in csv.DictReader(tr.fill_marks(sheet).open(encoding="utf-8"))}
    assert marked == {"L01": "3", "L05": "0", "L08": "", "L09": "", "L10": "1"}
