"""Content checks: lesson shape, question banks, faithful numbers, no long copied passages."""

from __future__ import annotations

import ast
import re
import tomllib

import nbformat
import pytest
from nbgrader import utils

from coursekit.questions.bank import form_rubric, load_bank
from coursekit.questions.testcells import parse_test_cell
from course_support import ROOT

SOURCE_TEXT = next((ROOT.parent / "shared" / "source").glob("*.txt"), None)
LESSONS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
EXERCISE_SOURCES = sorted((ROOT / "course" / "source").glob("*/*.ipynb"))
#: Numbers that come from the course, not the chapter: the year of this course's own edition
#: (course/syllabus.toml) and of its dated notes, and the year of the 10 Year Health Plan for
#: England, named in a course note. Also the axis ticks of the remote consultations figure (a scale, not a fact).
ALLOWED_NUMBERS = {"2025", "2026", "10,000", "20,000", "30,000"}
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
def test_every_quiz_in_a_lesson_exists_and_there_are_three_or_four(path):
    """A 15-minute lesson has 3 or 4 short formative questions (issue 11)."""
    nb = nbformat.read(path, as_version=4)
    bank = load_bank(path.stem)
    used = re.findall(r'lesson\.quiz\("([^"]+)"\)', "\n".join(c.source for c in nb.cells))
    questions = {**bank.choices, **bank.multis, **bank.matches, **bank.rankings}
    assert 3 <= len(used) <= 4 and set(used) <= set(questions)
    assert set(used) == set(questions), "every question in the bank is asked"
    for question in questions.values():
        assert question.correct, question.id


@pytest.mark.parametrize("path", EXERCISE_SOURCES, ids=lambda p: p.stem)
def test_exercise_banks_match_their_notebook_and_carry_no_key(path):
    nb = nbformat.read(path, as_version=4)
    bank = load_bank(path.stem)
    assert bank.graded and all(q.correct is None for q in bank.choices.values())
    assert all(q.correct is None for q in (*bank.multis.values(), *bank.matches.values(), *bank.rankings.values()))
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert set(re.findall(r'ex\.ask\("([^"]+)"\)', code)) == {*bank.choices, *bank.multis, *bank.matches, *bank.rankings}
    shown_forms = set(re.findall(r'ex\.form\("([^"]+)"\)', code)) | ({"first_goal"} if "ex.goal_form()" in code else set())
    assert shown_forms == set(bank.forms)
    checked = {parse_test_cell(c.source).question for c in nb.cells if utils.is_grade(c) and not utils.is_solution(c)}
    assert checked == {*bank.choices, *bank.multis, *bank.matches, *bank.rankings}, "own-trust forms earn no auto marks"
    assert bank.forms, "every exercise applies the lesson to the learner's own trust in a form"
    assert bank.reflections, "every exercise has a reflective answer with a rubric"
    manual = {c.metadata.nbgrader["grade_id"]: c.metadata.nbgrader["points"] for c in nb.cells if utils.is_solution(c)}
    marked_forms = {f: form_rubric(f).max_points for f in bank.forms if form_rubric(f) is not None}
    assert manual == {**{q.id: q.max_points for q in bank.reflections.values()}, **marked_forms}, \
        "rubric top mark = cell points"
    for reflection in bank.reflections.values():
        assert len(reflection.rubric) >= 3 and reflection.rubric[0].points == 0



#: The how-to boilerplate lives once, in lesson 0 under this heading; other notebooks link to it.
HOW_TO_HEADING = "## How to answer"
HOW_TO_LINK = "00_start_here.ipynb#How-to-answer"
#: Phrases that only the how-to section uses: running cells, answering by keyboard, saving, Validate, submitting.
HOW_TO_PHRASES = ("✔ Ready", "Run All Cells", "arrow keys", "Shift+Tab", ".answers.json", "Validate",
                  "Assignment List", "Restart Kernel", "Save my answer")


def test_the_how_to_is_taught_once_in_lesson_0_and_every_other_lesson_links_to_it():
    start = LESSONS[0]
    assert start.stem == "00_start_here"
    text = _markdown(nbformat.read(start, as_version=4))
    assert re.search(rf"^{re.escape(HOW_TO_HEADING)}$", text, re.M), "lesson 0 keeps the heading others link to"
    for phrase in HOW_TO_PHRASES:
        assert phrase in text, f"lesson 0 teaches {phrase!r}"
    for path in LESSONS[1:]:
        text = _markdown(nbformat.read(path, as_version=4))
        found = [phrase for phrase in HOW_TO_PHRASES if phrase in text]
        assert not found, f"{path.name} repeats the how-to ({found}): link to lesson 0 instead"
        assert f"]({HOW_TO_LINK})" in text, f"{path.name} does not link to lesson 0's how-to section"
        assert "## How to use this notebook" not in text


def test_the_how_to_link_target_is_the_heading_jupyterlab_makes_an_anchor_of():
    """JupyterLab's anchor for a heading is its text with spaces as hyphens."""
    assert HOW_TO_LINK.split("#")[1] == HOW_TO_HEADING.lstrip("# ").replace(" ", "-")


#: Learner-facing words in the lessons (markdown) and their quiz banks (prompts, options, hints,
#: feedback). Issue 11 found 19,949 (11,443 in lessons, 8,506 in banks) for a source of about
#: 3,000 words; the shortened course has 11,614 (6,122 and 5,492), 42% fewer. The cap leaves a little room.
LESSON_WORDS_CAP = 11_800


def _bank_words(value, key=None) -> list[str]:
    if isinstance(value, str):
        return [] if key in ("id", "correct") else [value]
    if isinstance(value, dict):
        return [s for k, item in value.items() for s in _bank_words(item, k)]
    if isinstance(value, list):
        return [s for item in value for s in _bank_words(item, key)]
    return []


def lesson_words() -> dict[str, int]:
    count = {}
    for path in LESSONS:
        bank = ROOT / "src" / "coursekit" / "content" / f"{path.stem}.toml"
        text = _markdown(nbformat.read(path, as_version=4)) + "\n" + "\n".join(
            _bank_words(tomllib.loads(bank.read_text("utf-8"))))
        count[path.stem] = len(re.findall(r"[A-Za-z0-9][\w'’,.-]*", text))
    return count


def test_the_lessons_stay_short():
    count = lesson_words()
    assert len(count) == 8
    total = sum(count.values())
    print(f"\nLearner-facing words in lessons and their banks: {total} (cap {LESSON_WORDS_CAP})")
    assert total <= LESSON_WORDS_CAP, f"{total} words in the lessons and their banks: {count}"


#: Where learner- and trainer-facing words live, as globs under the checkout. Each must find files:
#: a glob that finds none (say, after a move) would let the checks below pass while checking nothing.
TEXT_GLOBS = {
    "lessons": "notebooks/*.ipynb",
    "exercise sources": "course/source/*/*.ipynb",
    "question banks": "src/coursekit/content/*.toml",
    "forms": "src/coursekit/questions/forms/*.py",
    "first goal": "src/coursekit/questions/goal.py",
    "figures": "src/coursekit/figures/*.py",
    "trainer notes": "course/trainer_notes/*.md",
}


def _found(kind: str) -> list:
    paths = sorted(ROOT.glob(TEXT_GLOBS[kind]))
    assert paths, f"no {kind} found at {TEXT_GLOBS[kind]}: have they moved? Update TEXT_GLOBS"
    return paths


def _toml_strings(value) -> list[str]:
    """Every string in a parsed TOML document (question text, options, hints, feedback, rubrics)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _toml_strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _toml_strings(item)]
    return []


def _key_feedback(nb) -> str:
    """The feedback in an exercise's hidden answer keys: the 'why' of each option, which a learner reads."""
    keys = [parse_test_cell(c.source).key for c in nb.cells if utils.is_grade(c) and not utils.is_solution(c)]
    return "\n".join(_toml_strings([key.get("why", {}) for key in keys]))


def _content_texts():
    """(name, text) for every place the course puts words in front of a learner or a trainer."""
    for path in _found("lessons"):
        yield path.name, _markdown(nbformat.read(path, as_version=4))
    for path in _found("exercise sources"):
        nb = nbformat.read(path, as_version=4)
        yield path.name, _markdown(nb)
        yield f"{path.name} (answer keys' feedback)", _key_feedback(nb)
    for path in _found("question banks"):
        yield path.name, "\n".join(_toml_strings(tomllib.loads(path.read_text("utf-8"))))
    # Forms, the first goal and figures hold learner-facing words too: labels, hints, feedback, alt text.
    for kind in ("forms", "first goal", "figures"):
        for path in _found(kind):
            yield f"{path.parent.name}/{path.name}", _strings(path.read_text("utf-8"))
    for path in _found("trainer notes"):
        yield f"trainer_notes/{path.name}", path.read_text("utf-8")


def _strings(python: str) -> str:
    """The text in a Python module's string literals (what a learner can read), not its code."""
    return "\n".join(node.value for node in ast.walk(ast.parse(python))
                     if isinstance(node, ast.Constant) and isinstance(node.value, str))


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("’", "'"))


@pytest.mark.skipif(SOURCE_TEXT is None, reason="../shared/source is not beside the checkout")
def test_numbers_in_the_course_come_from_the_source():
    source = SOURCE_TEXT.read_text()
    for name, text in _content_texts():
        text = re.sub(r"#[0-9A-Fa-f]{6}\b", "", text)  # colour codes in figure modules
        for number in set(re.findall(r"\b\d{1,3}(?:,\d{3})+\b|\b\d{4,}\b", text)):
            # A figure module writes 1,881 as the literal 1881.
            as_in_source = f"{int(number.replace(',', '')):,}"
            assert number in source or as_in_source in source or number in ALLOWED_NUMBERS, \
                f"{name}: {number} is not in the source"


#: A run of this many words in a row, the same as in the source, counts as copied.
COPIED_RUN = 12


def _without_quotes(text: str) -> str:
    """The text with each chief executive's attributed quote taken out (from its opening to the line's end)."""
    for opening in QUOTE_OPENINGS:
        text = re.sub(re.escape(opening) + r"[^\n]*", "", text)
    return text


def copied_runs(text: str, source: str, length: int = COPIED_RUN) -> list[str]:
    """Each longest run of ``length`` or more words that ``text`` shares word for word with ``source``."""
    words = _words(_without_quotes(source))
    grams = {tuple(words[i:i + length]) for i in range(len(words) - length + 1)}
    mine = _words(_without_quotes(text))
    hits = [i for i in range(len(mine) - length + 1) if tuple(mine[i:i + length]) in grams]
    runs: list[list[int]] = []
    for i in hits:
        if runs and i <= runs[-1][1]:
            runs[-1][1] = i + length
        else:
            runs.append([i, i + length])
    return [" ".join(mine[a:b]) for a, b in runs]


@pytest.mark.skipif(SOURCE_TEXT is None, reason="../shared/source is not beside the checkout")
def test_no_long_passage_is_copied_from_the_source_except_the_quotes():
    """Lessons, exercises, banks, forms, the first goal, answer-key feedback and trainer notes: own words."""
    source = SOURCE_TEXT.read_text()
    found = [f"{name}: {run!r}" for name, text in _content_texts() for run in copied_runs(text, source)]
    assert not found, f"copied from the source word for word ({COPIED_RUN}+ words):\n" + "\n".join(found)


def test_the_copy_check_finds_a_copied_run_but_not_a_quote_or_a_short_phrase():
    source = ("In the corporate world the same thing could be said of the chief executive of the firm today.\n"
              "Boards need to work out their journey, based on a crystal-clear understanding of where they are now.\n")
    copied = "As it says, in the corporate world the same thing could be said of the chief executive, they said."
    assert copied_runs(copied, source) == ["in the corporate world the same thing could be said of the chief executive"]
    quoted = "\"Boards need to work out their journey, based on a crystal-clear understanding of where they are now.\""
    assert copied_runs(quoted, source) == []
    assert copied_runs("The same thing could be said of the chief executive.", source) == []


def test_every_text_glob_finds_files():
    """The checks above read these globs; a glob that finds nothing must fail, not pass quietly."""
    for kind in TEXT_GLOBS:
        assert _found(kind), kind
    names = [name for name, _ in _content_texts()]
    assert any(name.startswith("trainer_notes/") for name in names)
    assert "questions/goal.py" in names and "forms/urgency.py" in names
    assert any("answer keys' feedback" in name for name in names)


def test_no_text_claims_a_later_edition_of_the_source():
    """Nobody can check a claimed later edition's wording, so the course makes no such claim."""
    readme = ROOT / "README.md"
    texts = [*_content_texts(), ("README.md", readme.read_text("utf-8") if readme.exists() else "")]
    for name, text in texts:
        assert "2024 edition" not in text, f"{name} claims a 2024 edition of the source"
        assert not re.search(r"\b(?!2020\b)20\d\d edition\b|\b(later|new|newer) edition of the (guide|source)\b", text, re.I), \
            f"{name} claims a later edition of the source"


#: What has aged since the source (July 2020): each note, in which file, and words it must hold.
#: A note is the course's, never the source's, so each says "Course note (2026)".
DATED_NOTES = {
    "notebooks/04_goal_and_mission.ipynb": ("10 Year Health Plan for England (2025)", "NHS long term plan"),
    "course/trainer_notes/04_goal_and_mission.md": ("10 Year Health Plan for England (2025)",),
    "notebooks/02_clear_leadership.ipynb": ("2023", "forecast"),
    "course/trainer_notes/02_clear_leadership.md": ("2023", "forecast"),
    "course/trainer_notes/05_sense_of_urgency.md": ("joined", "since"),
    "course/trainer_notes/06_after_the_first_wave.md": ("joined", "since"),
}


def _note_paragraphs(path) -> list[str]:
    text = _markdown(nbformat.read(path, as_version=4)) if path.suffix == ".ipynb" else path.read_text("utf-8")
    return [para for para in re.split(r"\n\s*\n|\n(?=\s*[-|] |\d+\. )", text) if "Course note (2026)" in para]


@pytest.mark.parametrize("where", sorted(DATED_NOTES))
def test_each_dated_context_note_is_there_and_marked_as_the_courses(where):
    notes = _note_paragraphs(ROOT / where)
    assert notes, f"{where} has no 'Course note (2026)'"
    words = DATED_NOTES[where]
    assert any(all(w in note for w in words) for note in notes), f"{where}: no course note names {words}"


def test_the_2023_university_is_never_given_as_a_plain_fact():
    """The source's 2023 opening is its 2020 forecast: wherever the course gives it, a note says so."""
    for name, text in _content_texts():
        if "university" in text and "2023" in text and name.endswith((".ipynb", ".md")):
            assert re.search(r"forecast", text), f"{name} gives the 2023 university without calling it a forecast"


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


# --- The syllabus: one list of lessons, checked against the notebooks and the README ---

from coursekit import syllabus as _syllabus# noqa: E402

SYLLABUS = _syllabus.read(ROOT / "course" / "syllabus.toml")


def test_the_packaged_syllabus_is_the_course_syllabus():
    assert (ROOT / "src" / "coursekit" / "content" / "syllabus.toml").read_text() == \
        (ROOT / "course" / "syllabus.toml").read_text(), "run `coursekit generate`"
    assert [lesson.number for lesson in SYLLABUS.lessons] == list(range(8))


@pytest.mark.parametrize("lesson", SYLLABUS.lessons, ids=lambda lesson: lesson.notebook)
def test_every_syllabus_entry_exists_and_agrees_with_its_notebook(lesson):
    path = ROOT / "notebooks" / f"{lesson.notebook}.ipynb"
    assert path.exists(), f"{path} is missing"
    for kind in ("course/source", "exercises", "solutions"):
        assert (ROOT / kind / lesson.assignment / f"{lesson.assignment}.ipynb").exists(), f"{kind}/{lesson.assignment}"
    text = _markdown(nbformat.read(path, as_version=4))
    minutes = re.search(r"\*\*Time\*\*:?\s*(\d+) minutes, in two sittings: about (\d+) minutes for this lesson"
                        r" and its quiz, then (\d+) minutes for the graded exercise", text)
    assert minutes, "the notebook states its minutes in the syllabus's words"
    assert tuple(map(int, minutes.groups())) == (lesson.minutes, lesson.lesson_minutes, lesson.exercise_minutes)
    exercise = _markdown(nbformat.read(ROOT / "exercises" / lesson.assignment / f"{lesson.assignment}.ipynb", 4))
    stated = re.search(r"\*\*Time:\*\* about (\d+) minutes", exercise)
    assert stated and int(stated.group(1)) == lesson.exercise_minutes, "the exercise states the syllabus minutes"
    assert max(lesson.lesson_minutes, lesson.exercise_minutes) <= _syllabus.SITTING, "every sitting is short"
    assert len(lesson.outcomes) >= 2
    for outcome in lesson.outcomes:
        assert f"- {outcome}" in text, f"outcome not in the notebook: {outcome}"
    assert f"# Lesson {lesson.number}: {lesson.title}" in text


def test_readme_course_table_matches_the_syllabus():
    readme = (ROOT / "README.md").read_text()
    rows = re.findall(r"^\| (\d+) \| \[([^]]+)\]\(notebooks/[^)]+\) \| (\d+) \+ (\d+) \| \[([a-z_]+)\]", readme, re.M)
    assert [(int(n), t, int(m), int(e), a) for n, t, m, e, a in rows] == [
        (lesson.number, lesson.title, lesson.lesson_minutes, lesson.exercise_minutes, lesson.assignment)
        for lesson in SYLLABUS.lessons
    ]
    assert f"In all: {SYLLABUS.minutes} minutes" in readme


@pytest.mark.skipif(SOURCE_TEXT is None, reason="../shared/source is not beside the checkout")
def test_every_number_and_person_in_the_source_appears_in_the_course():
    source = SOURCE_TEXT.read_text()
    course = "\n".join(text for _, text in _content_texts())
    for number in set(re.findall(r"\b\d[\d,]*\d\b|\b\d\b", source)):
        assert re.search(rf"(?<![\d,]){re.escape(number)}(?![\d,])", course), f"the source's {number} is not taught"
    for person in ("Professor Joe Harrison", "John Lawlor OBE", "Will Hancock"):
        assert person in source and person in course, person
    for trust in ("Milton Keynes University Hospital NHS Foundation Trust",
                  "Cumbria, Northumberland, Tyne and Wear NHS Foundation Trust",
                  "South Central Ambulance Service NHS Foundation Trust"):
        assert trust in source and trust in course, trust


def test_every_link_between_notebooks_leads_to_a_file():
    """Lessons link to their exercises and back; the progress view is linked from lessons."""
    checked = 0
    for path in [*ROOT.glob("notebooks/*.ipynb"), *ROOT.glob("exercises/*/*.ipynb")]:
        text = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown")
        for target in re.findall(r"\]\(([^)#\s]+\.(?:ipynb|md))(?:#[^)]*)?\)", text):
            if "://" in target:
                continue
            checked += 1
            assert (path.parent / target).resolve().exists(), f"{path.relative_to(ROOT)} links to {target}, which is missing"
    assert checked >= 8, "each lesson links to its exercise"
