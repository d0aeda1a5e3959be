"""A cohort of 12 learners in 2 boards with work to chase, for the dashboard's "who to chase" tests and screenshot.

goal_and_mission is released with a due date of 28 November 2026, 09:00 UTC, then handed in,
graded by nbgrader and first-marked (see marks_support.first_mark) as below. Boards alternate:
L01, L03, ... are in North Trust; L02, L04, ... in South Trust.

* ``L01``, ``L09``..``L12``: the worked solution, on time, marked
* ``L02``: the worked solution, 1 hour 15 minutes late, marked
* ``L03``: the worked solution, on time, not marked yet (the reflection and the three own-trust forms wait)
* ``L04``: a partial answer (q1, q2, the reflection), 2 days 2 hours 40 minutes late, marked
* ``L05``: the worked solution but a filler reflection ("word word word"), on time, not marked yet
  (the reflection and the forms wait)
* ``L06``: the untouched learner copy, on time (nothing answered)
* ``L07``, ``L08``: on the roster, never hand in

With ``more=True`` (the screenshot), start_here and your_plan are released too, and handed in by
every learner but L07 and L08 (L06 hands in start_here only), on time, with self-assessment ratings
that rise, so every chart of the dashboard has something to show; their written answers are marked,
but for L03's and L05's.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

from coursekit.cohort.folder import init_cohort
from coursekit.cohort.nbgrader_run import run_nbgrader
from coursekit.cohort.release import generate
from course_support import ASSIGNMENT, ROOT, course_files_in, write_learner_answers
from marks_support import BOARDS, PARTIAL_ANSWERS, Person, first_mark, write_roster

DUE = dt.datetime(2026, 11, 28, 9, 0, tzinfo=dt.timezone.utc)
ON_TIME = "2026-11-28 08:30:00.000000 UTC"
HANDED_IN = {"L02": "2026-11-28 10:15:00.000000 UTC", "L04": "2026-11-30 11:40:00.000000 UTC"}
SOLUTION = ("L01", "L02", "L03", "L09", "L10", "L11", "L12")
PARTIAL, FILLER, BLANK, ABSENT = "L04", "L05", "L06", ("L07", "L08")
UNMARKED = ("L03", FILLER)
FILLER_TEXT = "word word word"
NAMES = {"L01": "Ada Okafor", "L02": "Ben O'Neill", "L03": "Chloe Singh", "L04": "Dev Patel & Co",
         "L05": "Erin Walsh", "L06": "Femi Adeyemi", "L07": "Grace Lee", "L08": "Huw Jones",
         "L09": "Isla Brown", "L10": "Jon Evans", "L11": "Kate Murray", "L12": "Liam Hughes"}


def roster() -> list[Person]:
    return [Person(lid, name, f"{lid.lower()}@nhs.example", BOARDS[n % 2]) for n, (lid, name) in enumerate(NAMES.items())]


def board_of(lid: str) -> str:
    return next(p.board for p in roster() if p.id == lid)


def _with_filler_reflection(folder: Path) -> None:
    path = folder / f"{ASSIGNMENT}.answers.json"
    data = json.loads(path.read_text("utf-8"))
    data["answers"]["reflection"]["value"] = FILLER_TEXT
    path.write_text(json.dumps(data), "utf-8")


def _hand_in(course: Path, lid: str, folder: Path, assignment: str = ASSIGNMENT) -> Path:
    """Hand in a copy of ``folder`` for ``lid``; only goal_and_mission is ever late."""
    got = course / "submitted" / lid / assignment  # as course_support.submit_copy_of, for any assignment
    got.mkdir(parents=True, exist_ok=True)
    for item in course_files_in(folder):
        shutil.copy(item, got / item.name)
    (got / "timestamp.txt").write_text(HANDED_IN.get(lid, ON_TIME) if assignment == ASSIGNMENT else ON_TIME)
    return got


def _rated(course: Path, lid: str, assignment: str, rating: int) -> None:
    got = _hand_in(course, lid, ROOT / "solutions" / assignment, assignment)
    path = got / f"{assignment}.answers.json"
    data = json.loads(path.read_text("utf-8"))
    value = data["answers"]["self_assessment"]["value"]
    value.update(leadership=rating, team=min(5, rating + 1), goal=rating, urgency=max(1, rating - 1))
    path.write_text(json.dumps(data), "utf-8")


def build(folder: Path, more: bool = False):
    cohort = init_cohort(folder / "cohort", write_roster(folder, roster()), name="Who to chase test cohort")
    course = cohort.root
    released = [ASSIGNMENT, *(("start_here", "your_plan") if more else ())]
    generate(cohort, released, due=DUE)
    for lid in SOLUTION:
        _hand_in(course, lid, ROOT / "solutions" / ASSIGNMENT)
    _with_filler_reflection(_hand_in(course, FILLER, ROOT / "solutions" / ASSIGNMENT))
    write_learner_answers(_hand_in(course, PARTIAL, ROOT / "exercises" / ASSIGNMENT), PARTIAL_ANSWERS)
    _hand_in(course, BLANK, ROOT / "exercises" / ASSIGNMENT)
    if more:
        for n, lid in enumerate(lid for lid in NAMES if lid not in ABSENT):
            _rated(course, lid, "start_here", 1 + n % 3)
            if lid != BLANK:
                _rated(course, lid, "your_plan", 3 + n % 3)
    for assignment in released:
        run_nbgrader(["autograde", assignment], course)
    first_mark(cohort.db_url, {lid: 3 for lid in [*SOLUTION, PARTIAL] if lid not in UNMARKED})
    if more:
        _mark_all(cohort.db_url, released[1:], [lid for lid in NAMES if lid not in UNMARKED])
    return cohort


def _mark_all(db_url: str, assignments: list[str], learners: list[str]) -> None:
    """An assessor's mark (full marks) on every written answer still waiting in these assignments."""
    from nbgrader.api import Gradebook

    with Gradebook(db_url) as gb:
        for assignment in assignments:
            for submission in gb.assignment_submissions(assignment):
                if submission.student_id in learners:
                    for grade in (g for nb in submission.notebooks for g in nb.grades if g.needs_manual_grade):
                        grade.manual_score = grade.max_score
                        grade.needs_manual_grade = False
        gb.db.commit()
