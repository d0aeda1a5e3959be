"""Item analysis (coursekit.cohort.item_analysis) on hand-made numbers, and on a synthetic cohort
graded by nbgrader in which one question is deliberately bad and one is too easy.

The synthetic cohort: 16 learners on goal_and_mission, learner ``n`` (0..15) stronger the higher ``n``.
The questions and keys are read from the course's source, so the test follows the course:

* the first choice question is the bad one: only the weakest four learners get it right;
* the second choice question is too easy: everyone gets it right;
* every other auto-marked question is answered right (own-trust forms are not auto-marked)
  by the learners from some point of strength up, and wrongly or not at all below it.

Expected marks come from coursekit.questions.scoring (what the grader uses); expected statistics
from the standard library's ``statistics.correlation``.
"""

from __future__ import annotations

import csv
import re
import statistics
from collections import Counter
from html import unescape
from pathlib import Path

import nbformat
import pytest
from nbgrader import utils

from coursekit.answers import Answer, answers_path, read_answers
from coursekit.cli.app import main
from coursekit.questions import forms
from coursekit.cohort import dashboard, item_analysis as ia
from coursekit.cohort.csv_cells import read_cell
from coursekit.cohort.folder import find_course, init_cohort
from coursekit.cohort.nbgrader_run import run_nbgrader
from coursekit.questions import scoring
from coursekit.questions.bank import Choice, Multi, Option, load_bank
from coursekit.questions.testcells import parse_test_cell
from course_support import ASSIGNMENT, ROOT, submit_copy_of, write_learner_answers
from marks_support import Person

LEARNERS = [f"L{n:02d}" for n in range(16)]
BAD_RIGHT = 4  # the weakest four get the bad question right (few enough that, with four auto-marked
#               questions, the rest of the test still ranks the learners by ability)
HOSTILE = "<script>alert('x')</script>"
SAVED_AT = "2026-11-28T09:00:00+00:00"


# -- the statistics on small numbers -----------------------------------------------------------

def test_correlation_by_hand():
    # rest = total - item = [2, 1, 1, 2, 2, 1]; deviations ±0.5 each: sxy = 0.5, sxx = syy = 1.5, r = 1/3
    assert ia.discrimination([1, 0, 1, 0, 1, 0], [3, 1, 2, 2, 3, 1]) == pytest.approx(1 / 3)
    # right only for the learners with nothing else right: r = -1
    assert ia.discrimination([1, 1, 0, 0, 0], [1, 1, 1, 1, 1]) == pytest.approx(-1)
    assert ia.correlation([1, 2, 3, 4, 5], [2, 4, 6, 8, 10]) == pytest.approx(1)


def test_discrimination_is_undefined_without_enough_data():
    assert ia.discrimination([1, 1, 1, 1, 1, 1], [1, 2, 3, 4, 5, 6]) is None  # everyone right
    assert ia.discrimination([1, 0, 1, 0, 1], [1, 0, 1, 0, 1]) is None  # nothing else scored: the rest does not vary
    assert ia.discrimination([1, 0, 1, 0], [3, 0, 2, 1]) is None  # fewer than MIN_LEARNERS
    assert ia.MIN_LEARNERS == 5
    with pytest.raises(ValueError):
        ia.correlation([1, 2], [1])


def test_facility_and_mean_share():
    assert ia.facility([1, 1, 0, 0.5], 1) == 0.5
    assert ia.mean_share([3, 1.5, 0, 1.5], 3) == pytest.approx(0.5)
    assert ia.facility([], 1) is None and ia.mean_share([1], 0) is None


@pytest.mark.parametrize("facility, discrimination, learners, expected", [
    (0.95, 0.5, 10, (ia.TOO_EASY_FLAG,)),
    (0.9, 0.5, 10, ()),  # "above 0.9"
    (0.1, 0.5, 10, (ia.TOO_HARD_FLAG,)),
    (0.2, 0.2, 10, ()),
    (0.5, -0.01, 10, (ia.AGAINST_FLAG,)),
    (0.5, 0.0, 10, (ia.WEAK_FLAG,)),
    (0.5, 0.19, 10, (ia.WEAK_FLAG,)),
    (1.0, None, 10, (ia.TOO_EASY_FLAG,)),
    (0.05, -0.5, 10, (ia.TOO_HARD_FLAG, ia.AGAINST_FLAG)),
    (1.0, -0.5, 4, ()),  # too few learners to flag anything
])
def test_flags(facility, discrimination, learners, expected):
    assert ia.flags(facility, discrimination, learners) == expected
    assert (ia.TOO_EASY, ia.TOO_HARD, ia.WEAK) == (0.9, 0.2, 0.2)


def test_option_counts_take_only_real_options():
    options = (Option("a", "First"), Option("b", "Second"), Option("c", "Third"))
    counts, none = ia.option_counts(Choice("q", "?", options), ["a", "b", "a", None, "zzz", ["a"], HOSTILE])
    assert [(o.id, o.text, o.chosen) for o in counts] == [("a", "First", 2), ("b", "Second", 1), ("c", "Third", 0)]
    assert none == 4
    counts, none = ia.option_counts(Multi("m", "?", options), [["a", "b"], ["b", "zzz"], "a", [], None])
    assert [o.chosen for o in counts] == [1, 2, 0] and none == 3


def test_the_csv_cells_cannot_run_in_a_spreadsheet(tmp_path):
    options = (Option("a", "=HYPERLINK(\"http://x\")"), Option("b", "@SUM(A1)"))
    item = ia.Item("a1", "Lesson", "a1", "check_q", "q", "+cmd|' /C calc'!A0", 1.0, (1, 0, 1, 1, 0),
                   None, ia.option_counts(Choice("q", "?", options), ["a", "b", "a", "a", None])[0], 1)
    path = dashboard.write_item_csv(tmp_path / "items.csv", [item])
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["option text"] for r in rows] == ["'=HYPERLINK(\"http://x\")", "'@SUM(A1)"]
    assert rows[0]["prompt"].startswith("'+cmd") and read_cell(rows[0]["prompt"]) == item.prompt
    assert [(r["times chosen"], r["facility"], r["discrimination"], r["no option chosen"]) for r in rows] == \
           [("3", "0.600", "not enough data", "1"), ("1", "0.600", "not enough data", "1")]


# -- a synthetic cohort graded by nbgrader -----------------------------------------------------

def _keys() -> dict[str, dict]:
    """{question: key} of every auto-marked cell with points, from the source the cohort copies."""
    nb = nbformat.read(find_course() / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    keys = {}
    for cell in nb.cells:
        if utils.is_grade(cell) and not utils.is_solution(cell) and float(cell.metadata["nbgrader"]["points"]) > 0:
            spec = parse_test_cell(cell.source)
            keys[spec.question] = dict(spec.key)
    return keys


def _plan() -> tuple[str, str, dict[str, dict[str, object]]]:
    """(bad question, easy question, {learner: {question: answer}}) for the synthetic cohort."""
    keys, bank = _keys(), load_bank(ASSIGNMENT)
    worked = {q: a.value for q, a in read_answers(answers_path(ROOT / "solutions" / ASSIGNMENT, ASSIGNMENT)).answers.items()}
    choices = [q for q, k in keys.items() if k["kind"] == "choice"]
    assert len(choices) >= 3, "the synthetic cohort needs three choice questions in goal_and_mission"
    bad, easy = choices[0], choices[1]
    answers: dict[str, dict[str, object]] = {learner: {} for learner in LEARNERS}
    others = [q for q in keys if q not in (bad, easy)]
    for n, learner in enumerate(LEARNERS):
        for q, key in keys.items():
            if q == easy:
                right = True
            elif q == bad:
                right = n < BAD_RIGHT
            else:
                right = n >= (6, 8, 10, 12)[others.index(q) % 4]
            if key["kind"] == "choice":
                wrong = [o.id for o in bank.question(q).options if o.id != key["correct"]]
                answers[learner][q] = key["correct"] if right else wrong[n % len(wrong)]
            elif key["kind"] == "multi":
                answers[learner][q] = list(key["correct"]) if right else \
                    [o for o in key["options"] if o not in key["correct"]][:1 + n % 2]
            elif right:  # a form or other kind: the worked solution's answer
                answers[learner][q] = key.get("solution", worked.get(q))
                assert answers[learner][q] is not None, f"no worked answer to {q} for the synthetic cohort"
    # The weakest learner saves something that is not an option (as a hostile file might).
    answers[LEARNERS[0]][choices[2]] = HOSTILE
    return bad, easy, answers


def _score(key: dict, value) -> float:
    return 0.0 if value is None else scoring.score(key, Answer(value, SAVED_AT)).points(float(key["points"]))


@pytest.fixture(scope="module")
def cohort(tmp_path_factory):
    base = tmp_path_factory.mktemp("items")
    with (base / "roster.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "name", "email", "board"])
        writer.writerows([p.id, p.name, p.email, p.board] for p in
                         (Person(i, f"Learner {i}", f"{i}@nhs.example", "North Trust") for i in LEARNERS))
    made = init_cohort(base / "cohort", base / "roster.csv", name="Item analysis cohort")
    run_nbgrader(["generate_assignment", ASSIGNMENT, "--force"], made.root)
    bad, easy, answers = _plan()
    for learner in LEARNERS:
        write_learner_answers(submit_copy_of(made.root, learner, ROOT / "exercises" / ASSIGNMENT), answers[learner])
    run_nbgrader(["autograde", ASSIGNMENT], made.root)
    return made, bad, easy, answers


@pytest.fixture(scope="module")
def report(cohort):
    made = cohort[0]
    built = dashboard.build(made)
    with built.item_csv.open(encoding="utf-8", newline="") as handle:
        rows = [{k: read_cell(v) for k, v in row.items()} for row in csv.DictReader(handle)]
    return built, rows, built.page.read_text("utf-8")


def _expected(answers) -> dict[str, list[float]]:
    keys = _keys()
    return {q: [_score(key, answers[learner].get(q)) for learner in LEARNERS] for q, key in keys.items()}


def test_the_csv_holds_the_numbers_the_answers_imply(cohort, report):
    _, bad, easy, answers = cohort
    built, rows, _ = report
    assert built.item_csv == built.page.parent / "item_analysis.csv"
    keys, scores = _keys(), _expected(answers)
    totals = [sum(scores[q][n] for q in keys) for n in range(len(LEARNERS))]
    by_question = {}
    for row in rows:
        by_question.setdefault(row["question"], []).append(row)
    assert set(by_question) == set(keys)
    assert not set(by_question) & set(forms.names()), "own-trust forms are not auto-marked items"
    for q, key in keys.items():
        first = by_question[q][0]
        points = float(key["points"])
        full = sum(1 for s in scores[q] if s >= points)
        assert (first["learners"], first["full marks"]) == (str(len(LEARNERS)), str(full)), q
        assert float(first["facility"]) == pytest.approx(full / len(LEARNERS), abs=1e-3), q
        assert float(first["mean share of points"]) == pytest.approx(sum(scores[q]) / len(LEARNERS) / points, abs=1e-3)
        rest = [t - s for t, s in zip(totals, scores[q])]
        if len(set(scores[q])) > 1:
            assert float(first["discrimination"]) == pytest.approx(statistics.correlation(scores[q], rest), abs=1e-3), q
        else:
            assert first["discrimination"] == "not enough data", q
        if key["kind"] in ("choice", "multi"):
            chosen = Counter()
            for learner in LEARNERS:
                value = answers[learner].get(q)
                chosen.update([value] if isinstance(value, str) else value or [])
            question = load_bank(ASSIGNMENT).question(q)
            assert [(r["option"], r["option text"], int(r["times chosen"])) for r in by_question[q]] == \
                   [(o.id, o.text, chosen[o.id]) for o in question.options], q
            hostile = sum(1 for learner in LEARNERS if answers[learner].get(q) == HOSTILE)
            assert int(first["no option chosen"]) == hostile, q
        elif key["kind"] == "ranking":
            # For a ranking, each response's count is how many learners ranked it first.
            firsts = Counter(next((o for o, r in (answers[learner].get(q) or {}).items() if r == 1), None)
                             for learner in LEARNERS)
            question = load_bank(ASSIGNMENT).question(q)
            assert [(r["option"], int(r["times chosen"]), r["counted as"]) for r in by_question[q]] == \
                   [(o.id, firsts[o.id], "ranked first") for o in question.options], q
        else:
            assert len(by_question[q]) == 1 and first["option"] == "", q
    assert float(by_question[bad][0]["discrimination"]) < 0
    assert by_question[bad][0]["flags"] == ia.AGAINST_FLAG
    assert float(by_question[easy][0]["facility"]) == 1.0 and by_question[easy][0]["flags"] == ia.TOO_EASY_FLAG
    assert {q for q, r in by_question.items() if r[0]["flags"]} == {bad, easy}


def _cells(page: str) -> dict[str, list[str]]:
    """{row header: [cells as text]} of the item-analysis table."""
    section = page[page.index("<h2>Item analysis</h2>"):]
    table = section[:section.index("</table>")]
    assert "<caption>" in table and '<th scope="col">' in table
    found = {}
    for header, cells in re.findall(r'<tr><th scope="row">(.*?)</th>(.*?)</tr>', table, re.S):
        found[unescape(header)] = [unescape(re.sub(r"<[^>]+>", " ", c)).strip()
                                   for c in re.findall(r"<td[^>]*>(.*?)</td>", cells, re.S)]
    return found


def test_the_dashboard_flags_exactly_the_bad_and_the_easy_question_in_words(cohort, report):
    _, bad, easy, _ = cohort
    built, _, page = report
    rows = _cells(page)
    assert len(rows) == len(_keys())
    flagged = {header: cells[-1] for header, cells in rows.items() if cells[-1] != "none"}
    assert len(flagged) == 2
    [bad_row] = [h for h in flagged if f": {bad} (" in h]
    [easy_row] = [h for h in flagged if f": {easy} (" in h]
    assert flagged[bad_row] == "works against the rest of the test"
    assert flagged[easy_row] == "too easy"
    assert rows[easy_row][3] == "not enough data" and rows[easy_row][1] == "100%"
    # What to do, in words, for just those two; the thresholds are said on the page.
    todo = page[page.index("<h3>Questions to look at</h3>"):]
    todo = todo[:todo.index("</ul>")]
    assert todo.count("<li>") == 2
    assert "Check the key first" in todo and "make the wrong options" in todo.lower()
    assert "more than 90% of learners" in page and "fewer than 20%" in page and "from 0 to 0.2" in page
    # Learner-given text never reaches the page; the option counts do.
    assert HOSTILE not in page and "alert(" not in page
    assert "No option chosen: 1" in page
    assert [i.question for i in built.items if i.flags] in ([bad, easy], [easy, bad])


def test_coursekit_report_says_where_the_item_analysis_is(cohort, capsys, tmp_path):
    made = cohort[0]
    assert main(["report", "--cohort", str(made.root), "--out", str(tmp_path / "out")]) == 0
    said = capsys.readouterr().out
    assert (tmp_path / "out" / "item_analysis.csv").is_file()
    assert f"item analysis of {len(_keys())} auto-marked question(s)" in said and "2 question(s) flagged" in said


def test_a_cohort_with_no_submissions_says_so(tmp_path):
    (tmp_path / "roster.csv").write_text("id,name,email,board\nL01,Learner One,l1@nhs.example,North\n", "utf-8")
    made = init_cohort(tmp_path / "cohort", tmp_path / "roster.csv", name="Empty")
    built = dashboard.build(made)
    assert built.items == []
    assert built.item_csv.read_text("utf-8").splitlines() == [",".join(dashboard.ITEM_COLUMNS)]
    assert "No exercise has auto-marked submissions yet" in built.page.read_text("utf-8")


@pytest.mark.browser
def test_the_item_analysis_with_its_flags_has_no_wcag_violations(page, report):
    from test_accessibility import violations

    built, _, _ = report
    page.set_default_timeout(30_000)
    page.goto(built.page.as_uri())
    table = page.get_by_role("table", name="How each auto-marked question worked")
    assert table.get_by_role("rowheader").count() == len(built.items)
    assert table.get_by_role("cell", name="works against the rest of the test").count() == 1
    assert violations(page) == []
