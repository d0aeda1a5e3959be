"""`coursekit mark export` and `mark import`: one question's answers marked offline, recorded as formgrader does.

The cohort is marks_support's, graded by nbgrader itself; the two partial learners wrote a hostile
reflection, and their reflections are left unmarked, so the round trip has something to mark.
"""

from __future__ import annotations

import csv
from html.parser import HTMLParser

import pytest
from nbgrader.api import Gradebook

import marks_support as ms
from coursekit.cli import app as cli
from coursekit.cohort import marking, moderation
from coursekit.cohort.export import export_grades
from coursekit.cohort.results import read_results
from coursekit.questions.bank import load_bank

pytestmark = pytest.mark.slow

HOSTILE = '=HYPERLINK("http://x") <script>alert(1)</script> <img src=x onerror=alert(2)> & "quotes"\nline two'
PARTIAL = tuple(ms.PARTIAL_MARKS)


@pytest.fixture(scope="module")
def cohort(tmp_path_factory):
    with pytest.MonkeyPatch.context() as mp:
        mp.setitem(ms.PARTIAL_ANSWERS, "reflection", HOSTILE)
        built = ms.build(tmp_path_factory.mktemp("bulk"))
    for learner in PARTIAL:
        ms.first_mark_clear(built.db_url, learner)
    return built


def _rows(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _write(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=marking.COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return path


class Page(HTMLParser):
    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.tags, self.headings, self.text, self._in = [], [], [], None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in = tag

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        self.text.append(data)
        if self._in in {"h1", "h2", "h3"}:
            self.headings.append((self._in, data))


def test_export_writes_the_rubric_and_every_answer_as_text(cohort, tmp_path):
    done = marking.export_question(cohort, ms.ASSIGNMENT, "reflection", tmp_path)
    page = done.page.read_text("utf-8")
    parsed = Page(page)
    assert [t for t, _ in parsed.tags if t in {"script", "img", "iframe", "link"}] == []
    assert not [a for _, attrs in parsed.tags for a in attrs if a.startswith("on")]
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    levels = [h for h in parsed.headings if h[0] == "h2"]
    assert [h[1] for h in levels] == ["Rubric", "Answers"]
    assert sum(1 for h in parsed.headings if h[0] == "h1") == 1
    for level in load_bank(ms.ASSIGNMENT).reflections["reflection"].rubric:
        assert level.level in page and (not level.example or level.example.replace('"', "&quot;")
                                        .replace("'", "&#x27;") in page)
    text = "".join(parsed.text)
    assert text.count(HOSTILE) == len(PARTIAL)  # the learner's exact characters, shown as text
    assert text.count("No answer written. It scores 0 already.") == len(ms.BLANK)
    assert done.written == len(ms.SOLUTION_MARKS) + len(PARTIAL)

    rows = _rows(done.sheet)
    assert list(rows[0]) == marking.COLUMNS
    assert sorted(r["learner_id"] for r in rows) == sorted([*ms.SOLUTION_MARKS, *PARTIAL, *ms.BLANK])
    by_id = {r["learner_id"]: r for r in rows}
    assert {by_id[b]["answer"] for b in ms.BLANK} == {marking.BLANK}
    assert by_id["sol01"]["points"] == "4" and by_id["part01"]["points"] == ""  # marked so far, and not yet
    assert {r["max_points"] for r in rows} == {"4"}


def test_a_form_is_exported_with_its_own_rubric(cohort, tmp_path):
    from coursekit.questions.bank import form_rubric

    done = marking.export_question(cohort, ms.ASSIGNMENT, "first_goal", tmp_path)
    text = "".join(Page(done.page.read_text("utf-8")).text)
    rubric = form_rubric("first_goal")
    assert rubric.prompt in text and all(level.descriptor in text for level in rubric.rubric)
    assert done.written == len(ms.SOLUTION_MARKS), "only the worked solutions filled in the form"
    assert {r["max_points"] for r in _rows(done.sheet)} == {marking.number(ms.FORM_POINTS["first_goal"])}


def test_an_unknown_question_names_the_ones_that_can_be_marked(cohort, tmp_path):
    with pytest.raises(marking.MarkingError, match="The questions you can mark there are: .*reflection"):
        marking.export_question(cohort, ms.ASSIGNMENT, "check_q1_rocks", tmp_path)


def test_import_records_marks_and_comments_as_formgrader_does(cohort, tmp_path, capsys):
    before = {r.learner.id: r.score for r in read_results(cohort)}
    assert cli.main(["mark", "export", ms.ASSIGNMENT, "reflection", "--out", str(tmp_path),
                     "--cohort", str(cohort.root)]) == 0
    sheet = tmp_path / f"{ms.ASSIGNMENT}-reflection-marks.csv"
    rows = _rows(sheet)
    for row in rows:
        if row["learner_id"] == "part01":
            row["points"], row["comment"] = "3", "=Good link to the board's goal"
        if row["learner_id"] == "part02":
            row["points"] = "2.5"
    _write(sheet, rows)
    assert cli.main(["mark", "import", str(sheet), "--cohort", str(cohort.root)]) == 0
    out = capsys.readouterr().out
    assert "Recorded 2 mark(s) and 1 comment(s) in the gradebook." in out

    with Gradebook(cohort.db_url) as gb:
        grade = gb.find_grade("reflection", ms.ASSIGNMENT, ms.ASSIGNMENT, "part01")
        assert (grade.manual_score, grade.needs_manual_grade, grade.score) == (3, False, 3)
        assert gb.find_comment("reflection", ms.ASSIGNMENT, ms.ASSIGNMENT, "part01").comment == \
            "=Good link to the board's goal"
        assert gb.find_grade("reflection", ms.ASSIGNMENT, ms.ASSIGNMENT, "part02").score == 2.5
        assert gb.find_grade("reflection", ms.ASSIGNMENT, ms.ASSIGNMENT, "sol01").manual_score == 4  # unchanged
    after = {r.learner.id: r.score for r in read_results(cohort)}
    assert after["part01"] == before["part01"] + 3 and after["part02"] == before["part02"] + 2.5
    assert {k: v for k, v in after.items() if k not in PARTIAL} == {k: v for k, v in before.items() if k not in PARTIAL}
    exported = _rows(export_grades(read_results(cohort), cohort.syllabus, tmp_path / "grades.csv"))
    assert {r["id"]: float(r["overall_score"]) for r in exported}["part01"] == after["part01"]

    # exported again: the marks and comment are filled in; imported again: nothing changes
    again = marking.export_question(cohort, ms.ASSIGNMENT, "reflection", tmp_path / "again")
    row = {r["learner_id"]: r for r in _rows(again.sheet)}["part01"]
    assert (row["points"], row["comment"]) == ("3", "'=Good link to the board's goal")  # the CSV guard's quote
    assert marking.import_marks(cohort, again.sheet) == marking.Imported(0, 0, len(_rows(again.sheet)))
    for learner in PARTIAL:
        ms.first_mark_clear(cohort.db_url, learner)


def test_any_bad_row_stops_the_whole_file_and_every_bad_row_is_named(cohort, tmp_path, capsys):
    done = marking.export_question(cohort, ms.ASSIGNMENT, "reflection", tmp_path)
    rows = _rows(done.sheet)
    by_id = {r["learner_id"]: r for r in rows}
    by_id["part01"]["points"] = "3"  # good
    by_id["part02"]["points"] = "5"  # over the 4 points
    by_id["sol01"]["points"] = "four"
    by_id["blank01"]["points"], by_id["blank01"]["answer"] = "1", ""  # a blank answer, whatever the column says
    bad = [dict(by_id["sol02"], learner_id="nobody", points="1"),
           dict(by_id["sol03"], question="check_q1_rocks", points="1"),
           dict(by_id["sol04"], points="2")]  # sol04 again
    sheet = _write(tmp_path / "filled.csv", rows + bad)
    snapshot = ms.grades_snapshot(cohort.db_url)
    assert cli.main(["mark", "import", str(sheet), "--cohort", str(cohort.root)]) == 1
    err = capsys.readouterr().err
    assert "No marks were recorded" in err
    line = {r["learner_id"]: n for n, r in enumerate(rows, start=2)}
    n = len(rows) + 2
    for expected in (f"line {line['part02']}: the points 5 are outside 0 to 4",
                     f"line {line['sol01']}: the points 'four' are not a number",
                     f"line {line['blank01']}: blank01 wrote no answer",
                     f"line {n}: 'nobody' is not a learner",
                     f"line {n + 1}: 'check_q1_rocks' is not a question an assessor marks",
                     f"line {n + 2}: sol04's 'reflection' is given again (first on line {line['sol04']})"):
        assert expected in err, expected
    assert f"line {line['part01']}:" not in err
    assert ms.grades_snapshot(cohort.db_url) == snapshot


def test_a_file_that_is_too_large_or_not_text_is_refused(cohort, tmp_path, monkeypatch):
    big = tmp_path / "big.csv"
    big.write_bytes(b"x" * 2000)
    monkeypatch.setattr(marking, "MAX_BYTES", 1000)
    with pytest.raises(marking.MarkingError, match="too large"):
        marking.import_marks(cohort, big)
    monkeypatch.undo()
    big.write_bytes(b"\xff\xfe" + "learner_id".encode("utf-16-le"))
    with pytest.raises(marking.MarkingError, match="not a UTF-8 text file"):
        marking.import_marks(cohort, big)


def test_the_moderation_sample_carries_each_answer_as_guarded_text_and_no_blank_rows(cohort):
    ms.first_mark(cohort.db_url, ms.PARTIAL_MARKS)
    try:
        sample = moderation.write_sample(cohort, ms.ASSIGNMENT, force=True)
    finally:
        for learner in PARTIAL:
            ms.first_mark_clear(cohort.db_url, learner)
    rows = _rows(sample.path)
    answers = {r["learner_id"]: r["answer"] for r in rows if r["cell"] == "reflection"}
    assert answers["part01"] == "'" + HOSTILE  # a spreadsheet shows it as text, never runs it
    assert not set(answers) & set(ms.BLANK) and sample.nothing_written == list(ms.BLANK)
