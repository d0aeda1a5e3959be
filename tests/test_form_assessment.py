"""Own-trust forms earn no auto marks: their checks are formative, and an assessor marks their
substance against a rubric with plain labels and an example answer at every level."""

from __future__ import annotations

import datetime as dt
import re

import nbformat
import pytest
from nbgrader import utils

from coursekit.answers import Answer
from coursekit.authoring.course_docs import points
from coursekit.grading.learner_text import from_markdown, is_learner_text
from coursekit.grading.plugins import form_answer_text
from coursekit.questions import forms, scoring
from coursekit.questions.bank import BankError, form_rubric, form_rubrics, load_bank, parse_form_rubrics
from coursekit.questions.testcells import WORKED_ANSWER, BadTestCell, parse_test_cell
from course_support import ROOT

SOURCES = sorted((ROOT / "course" / "source").glob("*/*.ipynb"))
POINTS = {"first_goal": 4, "mission": 3, "journey": 4, "first_team": 4, "leadership_map": 4, "urgency": 4,
          "keep_expand_drop": 4, "board_commitment": 4, "preconditions_in_place": 4}
SAVED_AT = "2026-11-28T09:00:00+00:00"
JARGON = ("dialogic", "critical", "descriptive", "reflection")


def _cells(path):
    return nbformat.read(path, as_version=4).cells


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.stem)
def test_no_graded_code_cell_has_a_form_as_its_key(path):
    for cell in _cells(path):
        if cell.cell_type == "code" and utils.is_grade(cell):
            key_kind = re.search(r"'kind': '(\w+)'", cell.source)
            assert key_kind and key_kind.group(1) not in forms.names(), cell.metadata.nbgrader["grade_id"]
            assert parse_test_cell(cell.source).key["kind"] in scoring.QUESTION_KINDS


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.stem)
def test_each_form_has_an_ungraded_check_and_an_assessor_cell_with_the_rubrics_points(path):
    bank = load_bank(path.stem)
    cells = {c.metadata.get("nbgrader", {}).get("grade_id"): c for c in _cells(path)}
    for name in bank.forms:
        check = cells[f"check_{name}"]
        assert not utils.is_grade(check), f"{name}: its instant check is not graded"
        assert check.source.rstrip().endswith(f'ex.check("{name}")')
        assert check.metadata[WORKED_ANSWER]["answer"], "the worked answer is kept as data for the solutions"
        if name == "self_assessment":
            assert name not in cells and form_rubric(name) is None, "a self-rating is not marked"
            continue
        cell = cells[name]
        assert cell.cell_type == "markdown" and utils.is_grade(cell) and utils.is_solution(cell)
        assert cell.metadata.nbgrader["points"] == POINTS[name] == form_rubric(name).max_points
        assert "A worked answer (illustrative" in cell.source


def test_a_form_kind_is_refused_as_an_auto_marked_key():
    with pytest.raises(scoring.KeyError_, match="no marks"):
        scoring.validate_key({"kind": "first_goal", "points": 5})
    with pytest.raises(BadTestCell, match="own-trust form"):
        parse_test_cell('ex.check("journey", key={"kind": "journey", "points": 5, "solution": {}})')


INTRO = re.compile(r"\*\*Points:\*\* (\d+) in all: (\d+) marked automatically, (\d+) by an assessor\.")


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.stem)
def test_each_exercise_intro_states_its_points_and_split_as_the_notebook_grades_them(path):
    intro = _cells(path)[0]
    found = INTRO.search(intro.source)
    assert found, "the intro says: **Points:** N in all: A marked automatically, B by an assessor."
    auto, manual = points(ROOT, path.stem)
    assert tuple(map(int, found.groups())) == (auto + manual, auto, manual), \
        "update the exercise intro's points to match its graded cells"
    assert "[how to answer, in Start here](../../notebooks/00_start_here.ipynb)" in intro.source
    assert (ROOT / "exercises" / path.stem / "../../notebooks/00_start_here.ipynb").resolve().exists()
    assert "### How to answer" not in intro.source


def test_every_marked_form_has_a_rubric_with_plain_labels_and_an_example_at_every_level():
    rubrics = form_rubrics()
    assert set(rubrics) == set(POINTS)
    for name, rubric in rubrics.items():
        assert rubric.max_points == POINTS[name]
        assert [level.points for level in rubric.rubric] == list(range(POINTS[name] + 1))
        for level in rubric.rubric:
            assert level.example and level.descriptor and level.level
            assert not any(word in level.level.lower() for word in JARGON), level.level
        assert "level below" in rubric.how_to_mark, "says how to mark a partial match"
    assert "must not lose marks" in form_rubric("journey").rubric[-1].descriptor


def test_a_rubric_without_an_example_or_from_zero_is_refused():
    level = {"points": 0, "level": "Not yet", "descriptor": "Blank.", "example": "x"}
    top = {"points": 1, "level": "Strong", "descriptor": "All.", "example": "y"}
    assert parse_form_rubrics({"mission": {"prompt": "P", "level": [level, top]}})["mission"].max_points == 1
    with pytest.raises(BankError, match="example"):
        parse_form_rubrics({"mission": {"prompt": "P", "level": [level, {**top, "example": ""}]}})
    with pytest.raises(BankError, match="from 0"):
        parse_form_rubrics({"mission": {"prompt": "P", "level": [{**level, "points": 1}, {**top, "points": 2}]}})
    with pytest.raises(BankError, match="no such form"):
        parse_form_rubrics({"nope": {"prompt": "P", "level": [level, top]}})


def test_rubrics_md_lists_every_form_rubric():
    text = (ROOT / "course" / "rubrics.md").read_text("utf-8")
    for name, rubric in form_rubrics().items():
        assert f"the form `{name}` (up to {rubric.max_points:g} points)" in text
        assert rubric.rubric[0].example in text


@pytest.mark.parametrize("name", sorted(POINTS))
def test_the_assessor_text_shows_the_answer_and_the_formative_checks(name):
    spec = forms.get(name)
    example = spec.example(dt.date(2026, 11, 28))
    text = form_answer_text(spec, Answer(example, SAVED_AT))
    assert text.startswith("Your answer as saved:")
    assert "Formative check (no marks):" in text
    assert all(label in text for label in spec.given(example))


@pytest.mark.parametrize("name", sorted(POINTS))
def test_a_blank_or_filler_form_leaves_the_assessor_cell_unanswered(name):
    spec = forms.get(name)
    assert form_answer_text(spec, None) is None
    assert form_answer_text(spec, Answer(spec.blank_answer(), SAVED_AT)) is None
    filler = {f.name: ("asdf asdf asdf" if f.kind in ("text", "longtext") else
                       True if f.kind == "check" else f.options[0][1] if f.options else "2027-01-01")
              for f in spec.fields}
    assert form_answer_text(spec, Answer(filler, SAVED_AT)) is None


def test_the_assessor_cell_shows_hostile_text_as_text():
    from coursekit.grading.learner_text import as_markdown

    spec = forms.get("mission")
    answer = {**spec.example(dt.date(2026, 11, 28)), "mission": "Patients first. <script>alert(1)</script> $x$"}
    cell = as_markdown(form_answer_text(spec, Answer(answer, SAVED_AT)))
    assert is_learner_text(cell) and "<script" not in cell
    assert "<script>alert(1)</script> $x$" in from_markdown(cell)


def test_the_goal_and_mission_exercise_holds_the_mission_form():
    assert load_bank("goal_and_mission").forms == ("first_goal", "mission", "journey")


def test_the_worked_solutions_answers_files_hold_every_form():
    import json

    for path in SOURCES:
        saved = json.loads((ROOT / "solutions" / path.stem / f"{path.stem}.answers.json").read_text("utf-8"))
        for name in load_bank(path.stem).forms:
            value = saved["answers"][name]["value"]
            assert isinstance(value, dict) and not forms.get(name).is_blank(value), f"{path.stem}: {name}"
        exercise = (ROOT / "exercises" / path.stem / f"{path.stem}.ipynb").read_text("utf-8")
        assert WORKED_ANSWER not in exercise, "no learner copy carries a worked answer"
