"""Export and moderation against a gradebook made and graded by nbgrader itself (SQLite).

See marks_support.py for the learners and what their answers earn.
"""

from __future__ import annotations

import csv
import math
import shutil

import pytest

import marks_support as ms
from coursekit.cohort import dashboard, moderation
from coursekit import syllabus
from coursekit.cohort.export import export_grades, number
from coursekit.cohort.results import read_results

pytestmark = pytest.mark.slow

SYLLABUS = syllabus.read(ms.ROOT / "course" / "syllabus.toml")


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    return ms.build(tmp_path_factory.mktemp("marks"))


@pytest.fixture
def cohort(graded):
    """The graded cohort, with no moderation files yet."""
    shutil.rmtree(graded.root / "moderation", ignore_errors=True)
    return graded


def _rows(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# -- export ---------------------------------------------------------------------------------

def test_export_has_one_row_per_learner_with_the_marks_they_earned(graded, tmp_path):
    out = export_grades(read_results(graded), SYLLABUS, tmp_path / "grades.csv")
    rows = {r["id"]: r for r in _rows(out)}
    assert list(rows) == [p.id for p in ms.roster()]
    for person in ms.roster():
        row = rows[person.id]
        assert (row["name"], row["email"], row["board"]) == (person.name, person.email, person.board)
        assert row["edition"] == SYLLABUS.edition
        assert float(row["goal_and_mission_score"]) == ms.expected_total(person.id), person.id
        assert row["goal_and_mission_max"] == number(ms.MAX_POINTS)
        assert float(row["goal_score"]) == ms.expected_total(person.id) and row["goal_max"] == number(ms.MAX_POINTS)
        assert float(row["overall_score"]) == ms.expected_total(person.id)
        assert row["overall_percent"] == f"{100 * ms.expected_total(person.id) / ms.MAX_POINTS:.1f}"
        assert row["awaiting_marks"] == "0"
    # complete = every graded part answered: only the worked solutions answered everything
    assert {i for i, r in rows.items() if r["goal_and_mission_complete"] == "yes"} == set(ms.SOLUTION_MARKS)
    assert {i for i, r in rows.items() if r["complete"] == "yes"} == set(ms.SOLUTION_MARKS)
    header = next(csv.reader(open(out, encoding="utf-8")))
    assert header[:5] == ["id", "name", "email", "board", "edition"]
    assert "leadership_score" in header, "the columns are the whole course's, released or not"
    assert all(r["leadership_score"] == r["leadership_max"] == "" for r in rows.values()), \
        "no lesson of that pre-condition is in the gradebook yet"


def test_answers_awaiting_a_marker_are_counted_not_hidden(graded, tmp_path):
    db_url = graded.db_url
    ms.first_mark_clear(db_url, "sol06")
    try:
        results = {r.learner.id: r for r in read_results(graded)}
        lesson = results["sol06"].lessons["goal_and_mission"]
        assert lesson.awaiting_marks == 1 and lesson.score == ms.AUTO_POINTS + sum(ms.FORM_POINTS.values())
    finally:
        ms.first_mark(db_url, {"sol06": ms.SOLUTION_MARKS["sol06"]})


# -- moderation -----------------------------------------------------------------------------

def test_sample_is_ten_percent_of_the_marked_plus_every_fail_and_reproducible(cohort):
    folder, db_url = cohort.root, cohort.db_url
    sample = moderation.write_sample(cohort, "goal_and_mission")
    marked = set(ms.SOLUTION_MARKS) | set(ms.PARTIAL_MARKS)
    assert sample.marked == len(marked) == 8
    fails = {i for i in ms.roster_ids() if i != "absent" and ms.expected_total(i) < ms.MAX_POINTS / 2}
    assert fails == {"part01", "part02", *ms.BLANK}
    randoms = {i for i, why in sample.chosen.items() if why == "random sample"}
    assert len(randoms) == math.ceil(0.1 * 8) == 1 and randoms <= set(ms.SOLUTION_MARKS)
    assert set(sample.chosen) == fails | randoms
    everything = _rows(sample.path)
    assert sample.path == folder / "moderation" / "goal_and_mission-sample.csv"
    assert {r["cell"] for r in everything} == {"reflection", *ms.FORM_POINTS}, "every written answer, forms too"
    rows = [r for r in everything if r["cell"] == "reflection"]
    # a blank answer scores 0 without a marker: no row asks for a second mark on it
    assert [(r["learner_id"], r["cell"]) for r in rows] == [(i, "reflection") for i in sorted(sample.chosen)
                                                             if i not in ms.BLANK]
    assert sample.nothing_written == list(ms.BLANK) and not {r["learner_id"] for r in everything} & set(ms.BLANK)
    first = {r["learner_id"]: r["first_mark"] for r in rows}
    assert first["part01"] == "1" and first["part02"] == "4"
    assert {r["learner_id"]: r["answer"] for r in rows}["part01"] == ms.PARTIAL_ANSWERS["reflection"]
    assert all(r["answer"].strip() for r in everything), "every row has the answer to read"
    maximum = {"reflection": ms.WRITTEN_POINTS - sum(ms.FORM_POINTS.values()), **ms.FORM_POINTS}
    assert all(r["second_mark"] == "" and r["max_points"] == number(maximum[r["cell"]]) for r in everything)

    with pytest.raises(moderation.ModerationError, match="already exists"):
        moderation.write_sample(cohort, "goal_and_mission")
    again = moderation.write_sample(cohort, "goal_and_mission", force=True)
    assert again.chosen == sample.chosen, "the same seed draws the same sample"
    others = {tuple(moderation.choose(moderation.first_marks(cohort, "goal_and_mission"), f"cohort-{n}"))
              for n in range(12)}
    assert len(others) > 1, "a different cohort draws a different sample"


def test_sample_waits_until_every_written_answer_has_a_first_mark(cohort):
    folder, db_url = cohort.root, cohort.db_url
    ms.first_mark_clear(db_url, "sol02")
    try:
        with pytest.raises(moderation.ModerationError, match=r"1 learner\(s\) still have written answers.*sol02"):
            moderation.write_sample(cohort, "goal_and_mission")
        assert not (folder / "moderation" / "goal_and_mission-sample.csv").exists()
    finally:
        ms.first_mark(db_url, {"sol02": ms.SOLUTION_MARKS["sol02"]})


def _fill(sample_csv, out, seconds):
    rows = _rows(sample_csv)
    for row in rows:
        if row["learner_id"] in seconds and row["cell"] == "reflection":
            row["second_mark"] = seconds[row["learner_id"]]
            row["second_marker"] = "Second Marker"
    with open(out, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return out


def test_record_and_report_where_markers_disagree(cohort, tmp_path):
    folder, db_url = cohort.root, cohort.db_url
    sample = moderation.write_sample(cohort, "goal_and_mission")
    chance = next(i for i, why in sample.chosen.items() if why == "random sample")
    near = ms.SOLUTION_MARKS[chance] + (1 if ms.SOLUTION_MARKS[chance] < 4 else -1)
    filled = _fill(sample.path, tmp_path / "filled.csv",
                   {"part01": "1", "part02": "2", chance: str(near)})  # part02: 4 -> 2 disagrees
    recorded = moderation.record(cohort, "goal_and_mission", filled)
    assert (recorded.added, recorded.changed) == (3, 0)
    assert recorded.blank == len(_rows(sample.path)) - 3, "rows not yet second-marked are left for later"

    before = ms.grades_snapshot(db_url)
    result = moderation.report(cohort, "goal_and_mission")
    assert ms.grades_snapshot(db_url) == before, "moderation never changes the gradebook"
    assert [(c.learner, c.difference) for c in result.disagreements] == [("part02", -2)]
    assert result.agreement_rate == 2 / 3
    rows = {r["learner_id"]: r for r in _rows(result.path)}
    assert rows["part02"]["agree"] == "no" and rows[chance]["agree"] == "yes", "1 point apart is within tolerance"

    # the first marker reconsiders in formgrader; the report then shows the new mark
    ms.first_mark(db_url, {"part02": 2})
    try:
        result = moderation.report(cohort, "goal_and_mission")
        assert result.agreement_rate == 1.0
        assert {r["learner_id"]: r for r in _rows(result.path)}["part02"]["first_mark_changed_since_sample"] == "yes"
    finally:
        ms.first_mark(db_url, {"part02": ms.PARTIAL_MARKS["part02"]})

    again = moderation.record(cohort, "goal_and_mission",
                              _fill(sample.path, tmp_path / "again.csv", {"part02": "3"}))
    assert (again.added, again.changed) == (0, 1)


def test_bad_second_marks_are_refused_with_file_and_line_and_nothing_is_kept(cohort, tmp_path):
    folder, db_url = cohort.root, cohort.db_url
    sample = moderation.write_sample(cohort, "goal_and_mission")
    rows = [r for r in _rows(sample.path) if r["cell"] == "reflection"]
    rows = rows[:3] + [dict(rows[0]), dict(rows[0], learner_id="blank01", second_mark="0")]
    rows[0]["second_mark"] = "five"
    rows[1]["second_mark"] = "7"
    rows[2]["learner_id"], rows[2]["second_mark"] = "nobody", "1"
    rows[3]["cell"], rows[3]["second_mark"] = "q1_rocks", "1"
    bad = tmp_path / "bad.csv"
    with open(bad, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    with pytest.raises(moderation.ModerationError) as err:
        moderation.record(cohort, "goal_and_mission", bad)
    message = str(err.value)
    assert "bad.csv, line 2: the second mark 'five' is not a number" in message
    assert "bad.csv, line 3: the second mark 7 is outside 0 to 4" in message
    assert "bad.csv, line 4: 'nobody' is not a learner" in message
    assert "bad.csv, line 5: 'q1_rocks' is not a written answer" in message
    assert "bad.csv, line 6: blank01 wrote no answer to 'reflection', so it scores 0 and has no second mark" in message
    assert not moderation.store_path(folder, "goal_and_mission").exists()

    with pytest.raises(FileNotFoundError, match="no file"):
        moderation.record(cohort, "goal_and_mission", tmp_path / "missing.csv")
    (tmp_path / "wrong.csv").write_text("learner,mark\nsol01,3\n")
    with pytest.raises(moderation.ModerationError, match="wrong.csv has no column"):
        moderation.record(cohort, "goal_and_mission", tmp_path / "wrong.csv")
    with pytest.raises(moderation.ModerationError, match="No second marks are recorded"):
        moderation.report(cohort, "goal_and_mission")
    with pytest.raises(moderation.ModerationError, match="no assignment called 'nope'"):
        moderation.write_sample(cohort, "nope")


# -- dashboard ------------------------------------------------------------------------------

def _rate(cohort, learner, assignment, value):
    from coursekit.answers import Answer, answers_path, write_answers

    folder = cohort.root / "autograded" / learner / assignment
    folder.mkdir(parents=True, exist_ok=True)
    write_answers(answers_path(folder, assignment), assignment, {"self_assessment": Answer(value, "2026-11-28")})


def _four(leadership, team, goal, urgency):
    return {"leadership": leadership, "team": team, "goal": goal, "urgency": urgency, "reason": "Because."}


def test_dashboard_numbers_charts_and_tables(graded, tmp_path):
    cohort = graded
    first = dashboard.build(cohort, tmp_path / "before")
    page = first.page.read_text()
    assert "No learner has a self-assessment from both the first lesson and the last one yet" in page
    assert [p.name for p in first.images] == ["completion_by_lesson.png", "scores_by_precondition.png"]

    (done,) = first.completion
    assert (done.assignment, done.learners, done.submitted, done.complete) == ("goal_and_mission", 12, 11, 6)
    bands = dict.fromkeys(dashboard.BAND_COLUMNS, 0)
    for learner in ms.roster_ids()[:-1]:  # all but "absent"
        bands[dashboard.band(100 * ms.expected_total(learner) / ms.MAX_POINTS)] += 1
    bands["Did not submit"] = 1  # "absent" is counted, as not submitting
    assert first.bands == {"goal": bands} and bands["75–100%"] == 6

    north = [p.id for p in ms.roster() if p.board == "North Trust"]
    south = [p.id for p in ms.roster() if p.board == "South Trust"]
    _rate(cohort, north[0], "start_here", _four(1, 2, 3, 4))
    _rate(cohort, north[0], "your_plan", _four(3, 3, 3, 5))
    _rate(cohort, north[1], "start_here", _four(1, 1, 1, 1))
    _rate(cohort, north[1], "your_plan", _four(5, 5, 5, 5))
    _rate(cohort, north[2], "start_here", _four(2, 2, 2, 2))  # no "now": left out of the means
    _rate(cohort, south[0], "start_here", _four(2, 2, 2, 2))
    _rate(cohort, south[0], "your_plan", _four(4, 4, 4, 4))
    _rate(cohort, south[1], "start_here", _four(7, 2, 2, 2))  # not a rating: ignored
    _rate(cohort, south[1], "your_plan", _four(1, 1, 1, 1))
    try:
        after = dashboard.build(cohort, tmp_path / "after")
    finally:
        for folder in [*cohort.root.glob("autograded/*/start_here"), *cohort.root.glob("autograded/*/your_plan")]:
            shutil.rmtree(folder)
    means = {(s.board, s.precondition): (s.learners, s.then, s.now) for s in after.shifts}
    assert means[("North Trust", "leadership")] == (2, 1.0, 4.0)
    assert means[("North Trust", "urgency")] == (2, 2.5, 5.0)
    assert means[("South Trust", "team")] == (1, 2.0, 4.0)
    assert after.rated == {"then": 4, "now": 4, "both": 3}

    page = after.page.read_text()
    assert "No learner has a self-assessment" not in page
    assert len(after.images) == 3 and all(p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for p in after.images)
    for image in after.images:
        assert f'<img src="{image.name}" alt="' in page
    assert 'alt="Bar chart of completion by lesson. A goal and a mission: 11 of 12 submitted (92%), 6 complete (50%).' in page
    assert "North Trust: Clear leadership 1.0 to 4.0" in page, "the alt text states the numbers"
    assert page.count("<table>") == 4  # three charts' tables, and item analysis
    assert page.count('<table class="chase">') == 2 and page.count("<caption>") == 6  # and who to chase, by board
    assert '<th scope="row">North Trust: Clear leadership</th><td>2</td><td>1.0</td><td>4.0</td><td>+3.0</td>' in page
    cells = "".join(f"<td>{n}</td>" for n in [*first.bands["goal"].values(), 12])
    assert f'<th scope="row">A goal and a mission</th>{cells}' in page


# -- the command line -----------------------------------------------------------------------

def test_commands_export_report_and_moderate(cohort, tmp_path, capsys):
    from coursekit.cli.app import main

    root = str(cohort.root)
    assert main(["export", "--cohort", root]) == 0
    rows = _rows(cohort.root / "export" / "grades.csv")
    assert {r["id"]: float(r["overall_score"]) for r in rows} == {i: ms.expected_total(i) for i in ms.roster_ids()}
    assert main(["report", "--cohort", root, "--out", str(tmp_path / "dash")]) == 0
    assert (tmp_path / "dash" / "index.html").is_file()
    assert "No learner has a self-assessment" in capsys.readouterr().out

    assert main(["moderate", "sample", "goal_and_mission", "--cohort", root]) == 0
    out = capsys.readouterr().out
    assert "Chose 6 learner(s) for second marking: 1 at random" in out and "5 fail(s)" in out
    assert "3 chosen learner(s) wrote no answer to mark, so they score 0 and have no rows: blank01, blank02, blank03." in out
    sample = cohort.root / "moderation" / "goal_and_mission-sample.csv"
    assert main(["moderate", "sample", "goal_and_mission", "--cohort", root]) == 1
    assert "already exists" in capsys.readouterr().err
    filled = _fill(sample, tmp_path / "filled.csv", {"part01": "1", "part02": "1"})
    assert main(["moderate", "record", "goal_and_mission", str(filled), "--cohort", root]) == 0
    assert "Recorded 2 new and 0 changed" in capsys.readouterr().out
    assert main(["moderate", "report", "goal_and_mission", "--cohort", root]) == 0
    out = capsys.readouterr().out
    assert "agree (within 1 point) on 50% of them" in out
    assert "part02, reflection: first mark 4, second mark 1 (out of 4)" in out
    assert main(["moderate", "record", "goal_and_mission", str(tmp_path / "nope.csv"), "--cohort", root]) == 1
    assert "There is no file" in capsys.readouterr().err
