"""Content checks: lesson shape, question banks, faithful numbers, no long copied passages."""

from __future__ import annotations

import re

import nbformat
import pytest
from nbgrader import utils

from coursekit.bank import load_bank
from coursekit.testcells import parse_test_cell
from course_support import ROOT

SOURCE_TEXT = next((ROOT.parent / "shared" / "source").glob("*.txt"), None)
LESSONS = sorted((ROOT / "notebooks").glob("*.ipynb"))
EXERCISE_SOURCES = sorted((ROOT / "course" / "source").glob("*/*.ipynb"))
#: Numbers that come from the course design notes, not the chapter: the later edition's year.
ALLOWED_NUMBERS = {"2024"}
#: The chief executives' one-line quotes: the only text that may be verbatim.
QUOTE_OPENINGS = ("Board members need to embrace digital", "It’s about organisational development",
                  "It's about organisational development", "Boards need to work out their journey")


def _markdown(nb) -> str:
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_lesson_has_the_episode_shape(path):
    nb = nbformat.read(path, as_version=4)
    text = _markdown(nb)
    assert re.search(r"\*\*Time\*\*:?\s*\d+ minutes", text), "states expected minutes"
    assert "Learning outcomes" in text and "Questions this lesson answers" in text
    last_heading = [c.source for c in nb.cells if c.cell_type == "markdown" and c.source.startswith("## ")][-1]
    assert last_heading.startswith("## Key points"), "closes with key points"
    assert "A new era of digital leadership" in text and "2020" in text, "names the source and edition"
    first_code = next(c for c in nb.cells if c.cell_type == "code")
    assert f'Lesson("{path.stem}")' in first_code.source


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_every_quiz_in_a_lesson_exists_and_there_are_at_least_four(path):
    nb = nbformat.read(path, as_version=4)
    bank = load_bank(path.stem)
    used = re.findall(r'lesson\.quiz\("([^"]+)"\)', "\n".join(c.source for c in nb.cells))
    assert len(used) >= 4 and set(used) <= set(bank.choices)
    for question in bank.choices.values():
        assert question.correct and all(o.feedback for o in question.options)


@pytest.mark.parametrize("path", EXERCISE_SOURCES, ids=lambda p: p.stem)
def test_exercise_banks_match_their_notebook_and_carry_no_key(path):
    nb = nbformat.read(path, as_version=4)
    bank = load_bank(path.stem)
    assert bank.graded and all(q.correct is None for q in bank.choices.values())
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert set(re.findall(r'ex\.ask\("([^"]+)"\)', code)) == set(bank.choices)
    checked = {parse_test_cell(c.source).question for c in nb.cells if utils.is_grade(c) and not utils.is_solution(c)}
    assert checked == set(bank.choices) | {"first_goal"}
    manual = {c.metadata.nbgrader["grade_id"]: c.metadata.nbgrader["points"] for c in nb.cells if utils.is_solution(c)}
    assert manual == {q.id: q.max_points for q in bank.reflections.values()}, "rubric top mark = cell points"
    for reflection in bank.reflections.values():
        assert len(reflection.rubric) >= 3 and reflection.rubric[0].points == 0


def _content_texts():
    for path in [*LESSONS, *EXERCISE_SOURCES]:
        yield path.name, _markdown(nbformat.read(path, as_version=4))
    for path in sorted((ROOT / "src" / "coursekit" / "content").glob("*.toml")):
        yield path.name, path.read_text()


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("’", "'"))


@pytest.mark.skipif(SOURCE_TEXT is None, reason="../shared/source is not beside the checkout")
def test_numbers_in_the_course_come_from_the_source():
    source = SOURCE_TEXT.read_text()
    for name, text in _content_texts():
        for number in set(re.findall(r"\b\d{1,3}(?:,\d{3})+\b|\b\d{4,}\b", text)):
            assert number in source or number in ALLOWED_NUMBERS, f"{name}: {number} is not in the source"


@pytest.mark.skipif(SOURCE_TEXT is None, reason="../shared/source is not beside the checkout")
def test_no_long_passage_is_copied_from_the_source_except_the_quotes():
    source = SOURCE_TEXT.read_text()
    for opening in QUOTE_OPENINGS:
        start = source.find(opening)
        if start >= 0:
            source = source[:start] + source[source.find("\n", start):]
    words = _words(source)
    grams = {tuple(words[i:i + 12]) for i in range(len(words) - 11)}
    for name, text in _content_texts():
        for opening in QUOTE_OPENINGS:
            text = re.sub(re.escape(opening) + r"[^\n]*", "", text)
        mine = _words(text)
        copied = [" ".join(mine[i:i + 12]) for i in range(len(mine) - 11) if tuple(mine[i:i + 12]) in grams]
        assert not copied, f"{name} copies the source word for word: {copied[0]!r}"


@pytest.mark.parametrize("path", EXERCISE_SOURCES, ids=lambda p: p.stem)
def test_learner_copy_holds_no_answer_key_or_model_answer(path):
    learner = (ROOT / "exercises" / path.parent.name / path.name).read_text()
    assert "HIDDEN TESTS" not in learner and "key=" not in learner
    source = nbformat.read(path, as_version=4)
    for cell in source.cells:
        if utils.is_grade(cell) and not utils.is_solution(cell):
            key = parse_test_cell(cell.source).key
            for text in key.get("why", {}).values():
                assert text not in learner
        elif utils.is_solution(cell):
            first_line = cell.source.strip().splitlines()[-1][:60]
            assert first_line not in learner, "the model answer is removed"
