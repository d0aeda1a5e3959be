"""A whole cohort, end to end, on SQLite and on PostgreSQL.

30 learners in 3 boards are set up from a roster, the lessons released through nbgrader's
exchange and as learner packs, their work collected from both (15 each), graded, given
feedback, first-marked (as formgrader does), moderated, exported and reported. The
gradebook, the CSV and the dashboard are checked against what each synthetic answer
should earn on goal_and_mission (its auto-graded and assessor-marked points are read from
the source the cohort copies):

* solution: the worked answers: every auto point, the reflection marked by the assessor
* partial: q1 right, q2 wrong, the goal ranking partly right (2 of 4), q3 and any other question
  unanswered: 3 auto; a first goal (own-trust forms earn no auto marks) and the reflection, marked by the assessor
* blank: the learner copy, no answers: 0, the empty reflection scored 0 by nbgrader
* broken: the notebook is not valid JSON, the answers are the worked ones: graded from the answers
* tampered: wrong answers, a test cell rewritten to print full marks, a forged 100-point cell: 0
* twice: first a blank submission, graded; then the worked answers, collected and graded again
* absent: never submits

Six learners in the three boards also send lesson 0 (start_here) and five of them lesson 7
(your_plan), with the worked answers and self-assessment ratings chosen here, so the
dashboard's "then and now" means can be checked.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
import zipfile

import nbformat
import pytest

from coursekit.cohort import dashboard, moderation
from coursekit.answers import Answer, answers_path, write_answers
from coursekit.cohort.autograde import BROKEN, TAMPERED, grade
from coursekit.cli.app import main
from coursekit.cohort.folder import find_course, init_cohort
from coursekit.cohort.collect import collect_exchange, collect_zips
from coursekit.cohort.feedback import leaks, make_feedback
from coursekit.cohort.export import number
from coursekit.cohort.release import make_packs, release_exchange
from course_support import ROOT
from exchange_support import submit_to_exchange
from marks_support import AUTO_POINTS, MAX_POINTS, points

pytestmark = pytest.mark.slow

A = "goal_and_mission"
NB, ANSWERS = f"{A}.ipynb", f"{A}.answers.json"
BOARDS = ("North Board", "South Board", "East Board")
IDS = [f"L{n:02d}" for n in range(1, 31)]
PROFILE = {}
for _via, _first in (("exchange", 1), ("zips", 16)):
    for _offset, _profile in enumerate(["solution"] * 6 + ["partial"] * 3 + ["blank"] * 2
                                       + ["broken", "tampered", "twice", "absent"]):
        PROFILE[f"L{_first + _offset:02d}"] = _profile
VIA = {lid: "exchange" if int(lid[1:]) <= 15 else "zips" for lid in IDS}
AUTO = {"solution": AUTO_POINTS, "partial": 3, "blank": 0, "broken": AUTO_POINTS, "tampered": 0,
        "twice": AUTO_POINTS, "absent": 0}
WRITES_REFLECTION = {"solution", "partial", "broken", "twice"}
GOAL_3_OF_5 = {
    "goal": "Staff on ward 7 can order supplies from a tablet.", "kind": "service", "users": "staff",
    "date": "2027-02-15", "scale": "whole_trust", "risk": "high", "difference": "", "different": "barely",
}
PARTIAL = {"q1_rocks": "c", "q2_first_goal": "a", "sjt_goal": {"e": 1, "a": 2, "c": 3, "d": 4, "b": 5}, "first_goal": GOAL_3_OF_5,
           "reflection": "We would wait for the new patient record first."}
WRONG = {"q1_rocks": "a", "q2_first_goal": "c", "q3_mission": "d"}
THEN, NOW = "start_here", "your_plan"
RATINGS = {  # learner: (ratings then, ratings now), as (leadership, team, goal, urgency)
    "L01": ((1, 2, 1, 2), (3, 4, 3, 4)),
    "L02": ((2, 2, 2, 2), (4, 3, 2, 5)),
    "L03": ((3, 3, 3, 3), None),  # no lesson 7 yet: left out of the means
    "L11": ((3, 3, 3, 3), (5, 5, 5, 5)),
    "L16": ((1, 1, 1, 1), (2, 2, 2, 2)),
    "L21": ((2, 3, 4, 5), (2, 3, 4, 5)),
}
SELF_ASSESSED = all((find_course() / "source" / a).is_dir() and (ROOT / "solutions" / a / f"{a}.answers.json").is_file()
                    for a in (THEN, NOW))
FIRST = dt.datetime(2026, 11, 29, 9, 0)
AGAIN = dt.datetime(2026, 11, 30, 16, 0)


def board(lid: str) -> str:
    return BOARDS[(int(lid[1:]) - 1) // 10]


def first_mark(lid: str) -> int:
    """The assessor's mark for a learner's reflection (0 to 4)."""
    return int(lid[1:]) % 5


def written_points(assignment: str = A) -> dict[str, float]:
    """{cell: points} of the assessor-marked cells: the reflection and each own-trust form."""
    nb = nbformat.read(find_course() / "source" / assignment / f"{assignment}.ipynb", as_version=4)
    return {c.metadata["nbgrader"]["grade_id"]: float(c.metadata["nbgrader"]["points"]) for c in nb.cells
            if c.metadata.get("nbgrader", {}).get("grade") and c.metadata["nbgrader"].get("solution")}


def expected_total(lid: str) -> float:
    """Auto points, and the assessor's mark (capped at each cell's points) on every written answer given:
    the worked answers give the reflection and every form; the partial one the reflection and the goal."""
    profile = PROFILE[lid]
    written = written_points()
    given = written if profile in {"solution", "broken", "twice"} else \
        {k: written[k] for k in ("reflection", "first_goal")} if profile == "partial" else {}
    return AUTO[profile] + sum(min(first_mark(lid), most) for most in given.values())


# -- learners' files ------------------------------------------------------------------------

def answers_bytes(tmp_path, answers: dict) -> bytes:
    write_answers(answers_path(tmp_path, A), A, {k: Answer(v, "2026-11-28T09:00:00+00:00") for k, v in answers.items()})
    return answers_path(tmp_path, A).read_bytes()


def self_assessed(assignment: str, ratings: tuple[int, int, int, int]) -> bytes:
    """The worked answers of lesson 0 or 7, with these self-assessment ratings."""
    data = json.loads((ROOT / "solutions" / assignment / f"{assignment}.answers.json").read_text("utf-8"))
    value = data["answers"]["self_assessment"]["value"]
    value.update(zip(("leadership", "team", "goal", "urgency"), ratings))
    return json.dumps(data).encode()


def tampered(notebook: bytes) -> bytes:
    nb = nbformat.reads(notebook.decode(), as_version=4)
    by_id = {c.metadata.get("nbgrader", {}).get("grade_id"): c for c in nb.cells}
    by_id["check_q1_rocks"].source = "print(1.0)\n1.0"
    forged = nbformat.v4.new_code_cell("1.0")
    forged.metadata["nbgrader"] = {"grade": True, "solution": False, "locked": True, "grade_id": "bonus",
                                   "points": 100, "schema_version": 3}
    nb.cells.append(forged)
    return nbformat.writes(nb).encode()


def files_for(profile: str, notebook: bytes, scratch) -> dict[str, bytes]:
    solution = (ROOT / "solutions" / A / ANSWERS).read_bytes()
    return {
        "solution": {NB: notebook, ANSWERS: solution},
        "partial": {NB: notebook, ANSWERS: answers_bytes(scratch, PARTIAL)},
        "blank": {NB: notebook},
        "broken": {NB: b'{"cells": [ {"cell_type": "code", ', ANSWERS: solution},
        "tampered": {NB: tampered(notebook), ANSWERS: answers_bytes(scratch, WRONG)},
        "twice": {NB: notebook},  # the first try; the second is the worked answers
    }[profile]


def return_zip(folder, lid: str, when: dt.datetime, files: dict[str, bytes], suffix: str = "",
               assignment: str = A) -> None:
    """The exercise folder zipped and sent back by email, as the pack's README asks."""
    with zipfile.ZipFile(folder / f"{lid}_{assignment}{suffix}.zip", "w") as archive:
        for name, data in files.items():
            archive.writestr(zipfile.ZipInfo(f"{assignment}/{name}", when.timetuple()[:6]), data)


def mark_reflections(cohort) -> set[str]:
    """What formgrader does when the assessor marks each reflection waiting for a mark."""
    marked = set()
    with cohort.gradebook() as gb:
        for submission in gb.find_assignment(A).submissions:
            for notebook in submission.notebooks:
                for g in notebook.grades:
                    if g.needs_manual_grade:
                        mark = min(first_mark(submission.student.id), g.max_score)
                        g.manual_score, g.needs_manual_grade = mark, False
                        marked.add(submission.student.id)
        gb.db.commit()
    return marked


def send_self_assessments(cohort, base, inbound, returned) -> bool:
    """Lessons 0 and 7 from the learners in RATINGS, each by their own route; collected and graded."""
    for assignment, which in ((THEN, 0), (NOW, 1)):
        fetched = (base / "exchange" / cohort.course_id / "outbound" / assignment / f"{assignment}.ipynb").read_bytes()
        for lid, pair in RATINGS.items():
            if pair[which] is None:
                continue
            files = {f"{assignment}.ipynb": fetched, f"{assignment}.answers.json": self_assessed(assignment, pair[which])}
            if VIA[lid] == "exchange":
                submit_to_exchange(inbound, lid, assignment, FIRST, files)
            else:
                return_zip(returned, lid, FIRST, files, assignment=assignment)
        collect_exchange(cohort, assignment)
        collect_zips(cohort, assignment, returned)
    grade(cohort, [THEN, NOW], progress=False)
    return True


# -- the flow -------------------------------------------------------------------------------

@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def flow(request, tmp_path_factory):
    base = tmp_path_factory.mktemp(f"flow-{request.param}")
    db_url = request.getfixturevalue("postgres").new_database("flow") if request.param == "postgresql" else None
    with (base / "roster.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Learner ID", "Name", "Email", "Board"])
        writer.writerows([lid, f"Learner {lid[1:]} Smith", f"{lid.lower()}@nhs.example", board(lid)] for lid in IDS)
    cohort = init_cohort(base / "cohort", base / "roster.csv", db_url=db_url, exchange=base / "exchange",
                         name=f"Three boards ({request.param})")
    run = {"cohort": cohort, "base": base}

    # release: through the exchange and as packs
    run["released"] = release_exchange(cohort, ["all"])
    run["packs"] = make_packs(cohort, ["all"])
    fetched = (base / "exchange" / cohort.course_id / "outbound" / A / NB).read_bytes()
    from_pack = {lid: zipfile.ZipFile(cohort.root / "packs" / f"{lid}.zip").read(f"exercises/{A}/{NB}") for lid in IDS}

    # learners submit, and the first collection and grading
    inbound = base / "exchange" / cohort.course_id / "inbound"
    returned = base / "returned"
    returned.mkdir()
    scratch = base / "scratch"
    scratch.mkdir()
    for lid, profile in PROFILE.items():
        if profile == "absent":
            continue
        if VIA[lid] == "exchange":
            submit_to_exchange(inbound, lid, A, FIRST, files_for(profile, fetched, scratch))
        else:
            return_zip(returned, lid, FIRST, files_for(profile, from_pack[lid], scratch))
    run["collect_exchange"] = collect_exchange(cohort, A)
    run["collect_zips"] = collect_zips(cohort, A, returned)
    run["first_grading"] = grade(cohort, [A], progress=False)

    # some learners also send lessons 0 and 7, with their self-assessments
    run["self_assessed"] = SELF_ASSESSED and send_self_assessments(cohort, base, inbound, returned)

    # the learners who submit twice send the worked answers; collect and grade again
    solution = (ROOT / "solutions" / A / ANSWERS).read_bytes()
    for lid in (lid for lid, p in PROFILE.items() if p == "twice"):
        if VIA[lid] == "exchange":
            submit_to_exchange(inbound, lid, A, AGAIN, {NB: fetched, ANSWERS: solution})
        else:
            return_zip(returned, lid, AGAIN, {NB: from_pack[lid], ANSWERS: solution}, suffix=" (1)")
    run["collect_exchange_again"] = collect_exchange(cohort, A)
    run["collect_zips_again"] = collect_zips(cohort, A, returned)
    run["second_grading"] = grade(cohort, [A], progress=False)

    run["feedback"] = make_feedback(cohort, [A])
    run["marked"] = mark_reflections(cohort)
    return run


def test_release_reaches_the_exchange_and_every_learner_has_a_pack(flow):
    cohort = flow["cohort"]
    assert A in flow["released"] and flow["released"] == cohort.assignments
    assert sorted(p.name for p in flow["packs"]) == sorted(f"{lid}.zip" for lid in IDS)


def test_collection_from_both_routes(flow):
    submitters = {lid for lid, p in PROFILE.items() if p != "absent"}
    exchange, zips = flow["collect_exchange"], flow["collect_zips"]
    assert set(exchange.collected) == {lid for lid in submitters if VIA[lid] == "exchange"}
    assert set(zips.collected) == {lid for lid in submitters if VIA[lid] == "zips"}
    twice = {lid for lid, p in PROFILE.items() if p == "twice"}
    assert set(flow["collect_exchange_again"].collected) | set(flow["collect_zips_again"].collected) == twice
    archive = flow["cohort"].root / "archive" / A
    for lid in twice:
        assert (archive / lid).is_dir(), f"{lid}'s first submission is kept"


def test_grading_summary_names_broken_and_tampered_work_and_regrades_only_the_resubmissions(flow):
    first, second = flow["first_grading"], flow["second_grading"]
    assert len(first.graded) == sum(1 for p in PROFILE.values() if p != "absent") and not first.failed
    for lid, profile in PROFILE.items():
        if profile == "broken":
            assert BROKEN in first.kinds(lid), lid
        if profile == "tampered":
            assert TAMPERED in first.kinds(lid), lid
    assert sorted(second.graded) == sorted((lid, A) for lid, p in PROFILE.items() if p == "twice")


def test_the_gradebook_holds_what_each_answer_earns(flow):
    cohort = flow["cohort"]
    assert flow["marked"] == {lid for lid, p in PROFILE.items() if p in WRITES_REFLECTION}, \
        "exactly the written reflections wait for the assessor"
    with cohort.gradebook() as gb:
        scores = {s.student.id: s.score for s in gb.find_assignment(A).submissions}
        bonus = [g for s in gb.find_assignment(A).submissions for nb in s.notebooks for g in nb.grades
                 if g.name == "bonus"]
    assert scores == {lid: expected_total(lid) for lid, p in PROFILE.items() if p != "absent"}
    assert not bonus, "a forged grade cell never reaches the gradebook"


def test_feedback_for_every_graded_learner_without_keys(flow):
    pages = flow["feedback"]
    assert sorted(p.parent.parent.name for p in pages) == sorted(lid for lid, p in PROFILE.items() if p != "absent")
    for page in pages:
        assert not leaks(page.read_text("utf-8")), page


def test_moderation_samples_marks_and_reports(flow, tmp_path):
    cohort = flow["cohort"]
    sample = moderation.write_sample(cohort, A)
    fails = {lid for lid, p in PROFILE.items() if p != "absent" and expected_total(lid) < MAX_POINTS / 2}
    marked = flow["marked"]
    assert sample.marked == len(marked) == 22
    randoms = {lid for lid, why in sample.chosen.items() if why == "random sample"}
    assert len(randoms) == math.ceil(0.1 * len(marked)) and not randoms & fails and randoms <= marked
    assert set(sample.chosen) == fails | randoms

    with open(sample.path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    reflections = [r for r in rows if r["cell"] == "reflection"]
    # a blank answer scores 0 without a marker, so it has no row; every row has the answer to read
    assert {r["learner_id"]: float(r["first_mark"]) for r in reflections} == {
        lid: first_mark(lid) for lid in sample.chosen if lid in marked}
    assert sorted(sample.nothing_written) == sorted(set(sample.chosen) - marked)
    assert all(r["answer"].strip() for r in rows)
    # the second marker agrees everywhere but on two reflections, where they give 2 points more
    raised = [r["learner_id"] for r in reflections if float(r["first_mark"]) <= 2][:2]
    for row in rows:
        more = 2 if row["learner_id"] in raised and row["cell"] == "reflection" else 0
        row["second_mark"] = str(float(row["first_mark"]) + more)
    filled = tmp_path / "second-marks.csv"
    with open(filled, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    assert moderation.record(cohort, A, filled).added == len(rows)
    result = moderation.report(cohort, A)
    assert sorted(c.learner for c in result.disagreements) == sorted(raised) and len(raised) == 2
    assert result.agreement_rate == pytest.approx((len(rows) - 2) / len(rows))


def test_export_csv_has_each_learners_marks_completion_and_edition(flow):
    cohort = flow["cohort"]
    assert main(["export", "--cohort", str(cohort.root)]) == 0
    with open(cohort.root / "export" / "grades.csv", encoding="utf-8", newline="") as handle:
        rows = {r["id"]: r for r in csv.DictReader(handle)}
    assert list(rows) == IDS
    only_lesson = cohort.assignments == [A]
    for lid, profile in PROFILE.items():
        row = rows[lid]
        assert (row["name"], row["email"], row["board"]) == (f"Learner {lid[1:]} Smith", f"{lid.lower()}@nhs.example",
                                                             board(lid))
        assert row["edition"] == cohort.syllabus.edition == cohort.edition
        assert float(row[f"{A}_score"]) == expected_total(lid) == float(row["goal_score"]), lid
        assert row[f"{A}_max"] == number(MAX_POINTS) and row["goal_max"] == number(MAX_POINTS)
        complete = profile in {"solution", "broken", "twice"}
        assert row[f"{A}_complete"] == ("yes" if complete else "no"), lid
        assert row["complete"] == ("yes" if complete and only_lesson else "no"), lid
        assert float(row["overall_score"]) == sum(float(row[f"{a}_score"]) for a in cohort.assignments), lid
        sent = [a for a, which in ((THEN, 0), (NOW, 1)) if SELF_ASSESSED and lid in RATINGS and RATINGS[lid][which]]
        assert float(row["overall_score"]) == expected_total(lid) + sum(points(a)[0] for a in sent), lid
        assert row["awaiting_marks"] == str(sum(written_cells(a) for a in sent)), "their reflections wait for a mark"
        for a in sent:
            assert row[f"{a}_complete"] == "yes" and float(row[f"{a}_score"]) == points(a)[0]


def written_cells(assignment: str) -> int:
    nb = nbformat.read(find_course() / "source" / assignment / f"{assignment}.ipynb", as_version=4)
    return sum(1 for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade") and c.metadata["nbgrader"].get("solution"))


def expected_shifts() -> dict[tuple[str, str], tuple[int, float, float]]:
    """(board, pre-condition) -> (learners, mean then, mean now) for learners who rated both times."""
    pairs: dict[str, list] = {}
    for lid, (then, now) in RATINGS.items():
        if now is not None:
            pairs.setdefault(board(lid), []).append((then, now))
    found = {}
    for name, group in pairs.items():
        for i, tag in enumerate(("leadership", "team", "goal", "urgency")):
            found[(name, tag)] = (len(group), sum(t[i] for t, _ in group) / len(group),
                                  sum(n[i] for _, n in group) / len(group))
    return found


def test_dashboard_numbers(flow, tmp_path):
    cohort = flow["cohort"]
    assert main(["report", "--cohort", str(cohort.root), "--out", str(tmp_path / "report")]) == 0
    made = dashboard.build(cohort, tmp_path / "again")
    lesson = next(c for c in made.completion if c.assignment == A)
    submitters = [lid for lid, p in PROFILE.items() if p != "absent"]
    assert (lesson.learners, lesson.submitted, lesson.complete) == (
        30, len(submitters), sum(PROFILE[lid] in {"solution", "broken", "twice"} for lid in submitters))
    bands = dict.fromkeys(dashboard.BAND_COLUMNS, 0)
    for lid in submitters:
        bands[dashboard.band(100 * expected_total(lid) / MAX_POINTS)] += 1
    bands["Did not submit"] = 30 - len(submitters)
    assert made.bands["goal"] == bands
    page = (tmp_path / "report" / "index.html").read_text("utf-8")
    assert f"{lesson.submitted} of 30 submitted ({dashboard.percent(lesson.submitted, 30)}%), {lesson.complete} complete" in page
    assert all(f'<img src="{p.name}" alt="' in page for p in made.images)
    if not SELF_ASSESSED:
        assert made.shifts == [] and "No learner has a self-assessment" in page
        return
    shifts = {(s.board, s.precondition): (s.learners, s.then, s.now) for s in made.shifts}
    assert shifts == expected_shifts()
    assert shifts[("North Board", "leadership")] == (2, 1.5, 3.5) and shifts[("East Board", "goal")] == (1, 4, 4)
    assert made.rated == {"then": 6, "now": 5, "both": 5}
    done = {c.assignment: (c.submitted, c.complete) for c in made.completion}
    assert done[THEN] == (6, 6) and done[NOW] == (5, 5)
    assert "North Board: Clear leadership 1.5 to 3.5" in page
    assert '<th scope="row">North Board: A sense of urgency</th><td>2</td><td>2.0</td><td>4.5</td><td>+2.5</td>' in page
