"""Text is shown as text, everywhere: nothing a learner sends, or a roster holds, can become markup,
a formula or a maths command.

One nbgrader course grades three learners: a hostile one (script payloads in the reflection,
in an added markdown cell, a raw HTML cell, an SVG attachment, widget state and answers-file
keys), one who typed HTML straight into the reflection cell, and one who sent the learner
copy untouched. The autograded notebooks (what formgrader renders) and the feedback pages
must hold no markup from any of them, while the marks work as before.
"""

from __future__ import annotations

import csv
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
from nbconvert.filters import markdown2html
from traitlets.config import Config

from coursekit.cli import app as cli
from coursekit.cohort import charts as cohort_charts
from coursekit.grading import plugins as grading
from coursekit.grading.clean_html import clean
from coursekit.cohort.folder import init_cohort
from coursekit.cohort.csv_cells import read_cell, safe_cell
from coursekit.cohort.dashboard import Shift
from coursekit.cohort.export import write_csv
from coursekit.grading.learner_text import as_markdown, from_markdown, is_learner_text, one_line
from coursekit.cohort.moderation import _read_store
from coursekit.cohort.nbgrader_run import run_nbgrader
from coursekit.cohort.roster import RosterError, parse_roster
from marks_support import points
from course_support import ASSIGNMENT, NOTEBOOK, ROOT, grades, make_course, submission_dir
from hostile_support import (
    ADDED_CELL, BAD_KEY, PAYLOADS, REFLECTION, TEMP_FILE, TERMINAL_KEY, submit_hostile,
)

#: Tags that can run script, load something or hide text behind a click.
DANGEROUS_TAGS = {"script", "img", "svg", "iframe", "details", "object", "embed", "link", "style", "math", "form",
                  "input", "video", "audio", "source", "base", "meta"}


class Markup(HTMLParser):
    """Every tag and attribute in an HTML text, and the text a reader sees."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        self.text.append(data)

    def problems(self, allowed_tags=frozenset()) -> list[str]:
        found = []
        for tag, attrs in self.tags:
            if tag in DANGEROUS_TAGS and tag not in allowed_tags:
                found.append(f"<{tag}>")
            for name, value in attrs.items():
                if name.startswith("on"):
                    found.append(f"{tag} {name}=")
                if name in {"href", "src", "action", "formaction", "xlink:href"} and value and \
                        re.match(r"\s*(javascript|vbscript|data):", value, re.I):
                    found.append(f"{tag} {name}={value}")
        return found


# -- learner text as markdown ----------------------------------------------------------------

@pytest.mark.parametrize("text", PAYLOADS + [REFLECTION, "line one\n\n\nline <b>two</b>\r\nthree\ttab", "a & b's \"c\""])
def test_learner_text_renders_as_exactly_its_characters(text):
    source = as_markdown(text)
    assert "\n" not in source, "one line: a blank line would end the HTML block and let markdown resume"
    assert is_learner_text(source) and from_markdown(source) == text.replace("\r\n", "\n")
    rendered = Markup(markdown2html(source))
    assert [tag for tag, _ in rendered.tags] == ["div"], rendered.tags
    assert "tex2jax_ignore" in rendered.tags[0][1]["class"] and "mathjax_ignore" in rendered.tags[0][1]["class"]
    assert "".join(rendered.text).strip() == text.replace("\r\n", "\n").strip()
    assert "$" not in source and "\\" not in source, "no maths delimiter reaches MathJax or the markdown parser"


def test_forged_learner_text_markup_is_not_taken_for_learner_text():
    forged = as_markdown("x")[:-len("</div>")] + "</div><script>1</script><div>" + "</div>"
    assert not is_learner_text(forged) and from_markdown(forged) is None


def test_terminal_lines_hold_no_control_characters():
    assert one_line(f"key '{TERMINAL_KEY}'\u202eevil") == "key ']0;owned[2Jwiped'evil"
    assert one_line("a\n  b\tc") == "a b c"


# -- autograde, formgrader's notebook and feedback ------------------------------------------------

TYPED = "<img src=x onerror=\"document.title='pwned'\"> typed straight into the cell"


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    course = make_course(tmp_path_factory.mktemp("hostile"))
    submit_hostile(course, "hostile")
    submit_hostile(course, "typed", with_answers=False, typed=TYPED)
    blank = submission_dir(course, "blank")
    (blank / NOTEBOOK).write_bytes((ROOT / "exercises" / ASSIGNMENT / NOTEBOOK).read_bytes())
    proc = run_nbgrader(["autograde", ASSIGNMENT], course)
    run_nbgrader(["generate_feedback", ASSIGNMENT], course)
    return course, proc.stdout + proc.stderr


def _autograded(course: Path, student: str):
    return nbformat.read(course / "autograded" / student / ASSIGNMENT / NOTEBOOK, as_version=4)


@pytest.mark.parametrize("student", ["hostile", "typed", "blank"])
def test_formgraders_notebook_holds_no_markup_from_the_learner(graded, student):
    course, _ = graded
    nb = _autograded(course, student)
    assert set(nb.metadata) <= {"kernelspec", "language_info"}, "no widget state or other settings reach the page"
    assert "widgets" not in json.dumps(nb.metadata)
    assert all(c.cell_type in {"markdown", "code"} for c in nb.cells), "no raw cell is left to be shown as HTML"
    assert not any(c.get("attachments") for c in nb.cells), "attachments (an SVG can hold script) are dropped"
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            assert Markup(markdown2html(cell.source)).problems() == [], cell.source


def test_the_learners_words_are_all_still_there_as_text(graded):
    course, _ = graded
    nb = _autograded(course, "hostile")
    shown = [from_markdown(c.source) for c in nb.cells if c.cell_type == "markdown" and is_learner_text(c.source)]
    assert REFLECTION in shown, "the reflection from the answers file, shown as typed"
    assert ADDED_CELL in shown, "the markdown cell the learner added, shown as typed"
    assert "![a picture](attachment:x.svg)" in shown
    assert any(PAYLOADS[0] in text and text.startswith("<p>raw</p>") for text in shown), "the raw cell, as text"
    reflection = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "reflection")
    assert from_markdown(reflection.source) == REFLECTION
    typed = next(c for c in _autograded(course, "typed").cells
                 if c.metadata.get("nbgrader", {}).get("grade_id") == "reflection")
    assert from_markdown(typed.source) == TYPED, "HTML typed into the reflection cell is shown as text"


def test_course_text_is_left_as_the_course_wrote_it(graded):
    course, _ = graded
    released = nbformat.read(course / "release" / ASSIGNMENT / NOTEBOOK, as_version=4)
    ours = {c.metadata["nbgrader"]["grade_id"]: c.source for c in released.cells if c.cell_type == "markdown"}
    blank = {c.metadata["nbgrader"]["grade_id"]: c.source for c in _autograded(course, "blank").cells
             if c.cell_type == "markdown" and "nbgrader" in c.metadata}
    assert blank == ours, "headings, instructions and the unanswered reflection's stub, byte for byte"


def test_marks_still_follow_nbgraders_rules(graded):
    course, _ = graded
    assert grades(course, "hostile")["reflection"] == (None, True), "an answered reflection waits for an assessor"
    assert grades(course, "typed")["reflection"] == (None, True), "so does one typed into the cell"
    assert grades(course, "blank")["reflection"] == (0, False), "an unanswered one still gets 0 automatically"
    hostile = grades(course, "hostile")
    assert sum(score or 0 for name, (score, _) in hostile.items() if name != "reflection") == points()[0], \
        "the worked answers still score every automatic point"


def test_grading_notes_name_the_bad_keys_as_text(graded):
    course, log = graded
    nb = _autograded(course, "hostile")
    notes = nb.cells[0]
    assert notes.metadata.get("tags") == [grading.NOTES_MARK]
    rendered = Markup(markdown2html(notes.source))
    assert rendered.problems() == [], notes.source
    assert BAD_KEY in "".join(rendered.text), "the key is named, as text"
    saved = json.loads(Path(grading.notes_path(str(course / "autograded" / "hostile" / ASSIGNMENT), ASSIGNMENT))
                       .read_text("utf-8"))["notes"]
    assert any(BAD_KEY in note for note in saved)
    assert not any(re.search(r"[\x00-\x08\x0b-\x1f\x7f]", note) for note in saved), "no terminal control characters"
    assert any("]0;owned[2Jwiped" in note for note in saved)
    assert "\x1b" not in log


def test_check_outputs_hold_no_control_codes():
    cell = nbformat.v4.new_code_cell("ex.check('first_goal')")
    grading._set_outputs(cell, "Your answer as saved:\n  Your first goal: Fix it\x1b[2J\x1b]0;owned\x07 now", 2.0)
    assert cell.outputs[0].text == "Your answer as saved:\n  Your first goal: Fix it[2J]0;owned now\n"
    assert cell.outputs[1].data["text/plain"] == "2"


def test_interrupted_saves_never_travel_with_a_submission(graded):
    course, _ = graded
    assert (course / "submitted" / "hostile" / ASSIGNMENT / TEMP_FILE).exists()
    assert not (course / "autograded" / "hostile" / ASSIGNMENT / TEMP_FILE).exists()
    assert not list((course / "feedback").rglob("*.tmp"))
    config = Config()
    grading.configure(config)
    assert ".*.tmp" in config.CourseDirectory.ignore


@pytest.mark.parametrize("student", ["hostile", "typed", "blank"])
def test_feedback_pages_run_nothing_and_load_nothing(graded, student):
    course, _ = graded
    page = (course / "feedback" / student / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text("utf-8")
    markup = Markup(page)
    assert markup.problems(allowed_tags={"style", "meta"}) == []
    assert not [tag for tag, _ in markup.tags if tag == "script"], "no script at all, not even MathJax"
    metas = [attrs for tag, attrs in markup.tags if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy"]
    assert len(metas) == 1 and "default-src 'none'" in metas[0]["content"] and "script-src" not in metas[0]["content"]
    for tag, attrs in markup.tags:
        for name in ("src", "href"):
            value = attrs.get(name) or ""
            assert not (tag != "a" and re.match(r"\s*(https?:)?//", value)), f"<{tag} {name}={value}> loads from outside"
            assert not re.match(r"\s*javascript:", value, re.I), (tag, value)
    if student == "hostile":
        text = "".join(markup.text)
        assert "onerror=\"document.title='pwned'\"" in text and "window.__pwned=1" in text, "payloads shown as text"


def test_the_feedback_sanitizer_keeps_course_markup_and_drops_the_rest():
    rubric = ('<table style="border-collapse: collapse;"><tbody><tr><th scope="col" style="border: 1px solid #bbb; '
              'padding: 4px 8px;">Points</th></tr></tbody></table>')
    assert clean(rubric) == rubric
    assert clean('<h2 id="part-a">Part A<a class="anchor-link" href="#part-a">¶</a></h2>').startswith('<h2 id="part-a">')
    dirty = clean('<p onclick="x()">hi <a href="javascript:alert(1)">link</a><img src="https://e.invalid/x.png">'
                  '<script>alert(2)</script><span style="background: url(https://e.invalid/)">s</span></p>')
    assert Markup(dirty).problems() == [] and "url(" not in dirty and "onclick" not in dirty
    assert "<script" not in dirty and "hi" in dirty and "link" in dirty


# -- roster ---------------------------------------------------------------------------------------

def _problems(text: str) -> list[str]:
    with pytest.raises(RosterError) as caught:
        parse_roster("id,name,email,board\n" + text, "cohort/roster.csv")
    assert "cohort/roster.csv" in str(caught.value)
    return caught.value.problems


@pytest.mark.parametrize("learner_id, why", [
    ("con", "Windows keeps"), ("NUL", "Windows keeps"), ("aux.txt", "Windows keeps"), ("com1", "Windows keeps"),
    ("LPT9.csv", "Windows keeps"), ("x.", "ends with '.'"), ("a..b", "holds '..'"),
])
def test_risky_ids_are_refused_with_why_and_what_to_do(learner_id, why):
    problems = _problems(f"{learner_id},Ann Lee,ann@nhs.net,North\n")
    assert len(problems) == 1 and problems[0].startswith("line 2:") and why in problems[0]
    assert learner_id in problems[0] and "Use " in problems[0]


def test_ids_that_only_look_like_reserved_names_are_fine():
    ids = ["console", "com10", "lpt0", "nul1", "a.b", "x.y.z"]
    assert [x.id for x in parse_roster("id,name,email,board\n" + "".join(f"{i},Ann Lee,a@nhs.net,N\n" for i in ids))] == ids


@pytest.mark.parametrize("field, value", [("name", "<script>alert(1)</script>"), ("name", "Ann `Lee`"),
                                          ("board", "North<img src=x>"), ("board", "North\x1b[31m"),
                                          ("name", "Ann\u202eLee")])
def test_names_and_boards_that_could_carry_markup_are_refused(field, value):
    row = ["L001", value, "ann@nhs.net", "North"] if field == "name" else ["L001", "Ann Lee", "ann@nhs.net", value]
    problems = _problems(",".join(row) + "\n")
    assert len(problems) == 1 and problems[0].startswith("line 2:") and f"the {field}" in problems[0]
    assert "Remove them" in problems[0]


def test_line_breaks_in_names_are_spaces():
    learners = parse_roster('id,name,email,board\nL001,"Ann\r\nLee",ann@nhs.net,"North\tBoard"\n')
    assert (learners[0].name, learners[0].board) == ("Ann Lee", "North Board")


def test_quotes_in_names_reach_the_gradebook_as_typographic_quotes(tmp_path):
    (tmp_path / "roster.csv").write_text('id,name,email,board\nL001,"Siobhán O\'Brien ""Sho""",s@nhs.net,North & East\n',
                                         "utf-8")
    cohort = init_cohort(tmp_path / "cohort", tmp_path / "roster.csv", name="Quotes")
    with cohort.gradebook() as gb:
        student = gb.find_student("L001")
        assert (student.first_name, student.last_name) == ("Siobhán", "O’Brien ”Sho”")
    assert cohort.roster[0].name == 'Siobhán O\'Brien "Sho"', "the roster itself keeps the name as typed"


# -- CSV ------------------------------------------------------------------------------------------

def test_csv_cells_that_could_run_get_a_leading_quote_and_numbers_stay_numbers(tmp_path):
    risky = ["=HYPERLINK(\"http://e.invalid\",\"x\")", "+44 1234", "-2+3", "@SUM(A1)", "\tTab", "\rCR", "-cmd|x"]
    plain = ["Ann Lee", "North Board", "", "L001", "it's = fine"]
    numbers = ["7", "-1", "2.5", "-0.33", "+1", "1e3"]
    path = write_csv(tmp_path / "out.csv", ["id", "value"], [[str(i), v] for i, v in enumerate(risky + plain + numbers)]
                     + [[99, 2.5]])
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))[1:]
    written = [row[1] for row in rows]
    as_read = [v.replace("\r", "\n") for v in risky]  # a lone carriage return would end the row
    assert written[:len(risky)] == ["'" + v for v in as_read]
    assert written[len(risky):-1] == plain + numbers
    assert rows[-1] == ["99", "2.5"] and len(rows) == len(risky + plain + numbers) + 1
    assert [read_cell(safe_cell(v)) for v in risky + plain + numbers] == as_read + plain + numbers


def test_the_moderation_store_reads_back_what_it_was_given(tmp_path):
    from coursekit.cohort.moderation import STORE_COLUMNS

    row = {"learner_id": "L001", "notebook": ASSIGNMENT, "cell": "reflection", "max_points": "4", "first_mark": "3",
           "second_mark": "2", "second_marker": "@marker", "comment": "- too short; =ask again", "recorded_at": "x"}
    path = write_csv(tmp_path / "store.csv", STORE_COLUMNS, [[row[c] for c in STORE_COLUMNS]])
    text = path.read_text("utf-8")
    assert "'@marker" in text and "'- too short" in text
    assert _read_store(path) == {("L001", ASSIGNMENT, "reflection"): row}


# -- charts ---------------------------------------------------------------------------------------

MATHS_BOARD = "$\\undefinedmacro{x}$"


def test_a_board_named_like_maths_is_drawn_as_text():
    shifts = [Shift(MATHS_BOARD, tag, 1, 2.0, 3.0) for tag in ("leadership", "team", "goal", "urgency")]
    figure = cohort_charts.shift_chart(shifts)
    assert figure.png.startswith(b"\x89PNG") and MATHS_BOARD in figure.alt


def test_coursekit_report_draws_a_cohort_whose_board_is_maths(tmp_path, capsys):
    from coursekit.cohort.dashboard import NOW, THEN

    with (tmp_path / "roster.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["id", "name", "email", "board"], ["L001", "Ann Lee", "ann@nhs.net", MATHS_BOARD],
                                      ["L002", "Bo Chen", "bo@nhs.net", "=cmd|' /C calc'!A0"]])
    cohort = init_cohort(tmp_path / "cohort", tmp_path / "roster.csv", name="Maths board")
    for lid in ("L001", "L002"):
        for assignment, rating in ((THEN, 2), (NOW, 4)):
            folder = cohort.root / "submitted" / lid / assignment
            folder.mkdir(parents=True)
            data = json.loads((ROOT / "solutions" / assignment / f"{assignment}.answers.json").read_text("utf-8"))
            data["answers"]["self_assessment"]["value"].update(leadership=rating, team=rating, goal=rating, urgency=rating)
            (folder / f"{assignment}.answers.json").write_text(json.dumps(data), "utf-8")
    assert cli.main(["report", "--cohort", str(cohort.root)]) == 0
    page = (cohort.root / "report" / "index.html").read_text("utf-8")
    assert "self_assessment_shift.png" in page and MATHS_BOARD in page
    assert "Wrote the dashboard" in capsys.readouterr().out
    assert cli.main(["export", "--cohort", str(cohort.root)]) == 0
    rows = {row["id"]: row for row in csv.DictReader((cohort.root / "export" / "grades.csv").open(encoding="utf-8"))}
    assert rows["L002"]["board"] == "'=cmd|' /C calc'!A0", "the grades CSV shows the board as text"
    assert rows["L001"]["board"] == MATHS_BOARD and rows["L001"]["overall_score"] == "0"
