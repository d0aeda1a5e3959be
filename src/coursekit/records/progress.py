"""The learner's progress: what is done and what is left, lesson by lesson.

Everything here is worked out from the saved answers files (see
:mod:`coursekit.records.learner_files`); progress is kept in no second store. For each lesson:

* quiz questions answered, in the lesson notebook;
* graded parts attempted, in the exercise (questions and forms);
* the reflection written, in the exercise.

Placeholder or filler text ("tbc", "asdf", lorem ipsum, "word word word") is not an attempt:
a reflection, or a form's text, counts only when :mod:`coursekit.questions.filler` finds the
learner's own words in it, and what is left says so.

This module computes progress and its table and notes as HTML text; the chart and the
notebook view are on the learner's side. In a notebook, one line shows it all::

    from coursekit import show_progress; show_progress()
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

from coursekit.questions import filler, forms
from coursekit import syllabus
from coursekit.answers import read_answers
from coursekit.questions.bank import Bank, BankError, describe, load_bank
from coursekit.records.learner_files import CourseHome


#: The fewest distinct real words a text counts with: a reflection, a form's long text, a one-line field.
REFLECTION_WORDS, LONGTEXT_WORDS, LINE_WORDS = 3, 2, 1


def form_attempted(spec: forms.FormSpec, value: Any) -> bool:
    """True when a form's answer is a real attempt: not blank, and its text is the learner's own words.

    Of the text fields the learner filled in, at least one, and at least as many as hold placeholder
    or filler (see :mod:`coursekit.questions.filler`), must hold real words. A form with no text
    fields counts once anything is given.
    """
    if not isinstance(value, dict) or spec.is_blank(value):
        return False
    texts = [(value.get(f.name), LONGTEXT_WORDS if f.kind == "longtext" else LINE_WORDS)
             for f in spec.fields if f.kind in ("text", "longtext")]
    filled = [(text, least) for text, least in texts if isinstance(text, str) and text.strip()]
    if not texts:
        return True
    real = sum(filler.is_real_attempt(text, least) for text, least in filled)
    return real > 0 and real * 2 >= len(filled)


def attempted(bank: Bank, qid: str, value: Any) -> bool:
    """True when ``value`` is a real answer to question ``qid`` of ``bank``: not blank, not garbled,
    and for a reflection or a form's text, not placeholder or filler. As a match question counts once
    one item is matched, a ranking counts once one response is ranked (marks need every one)."""
    if qid in bank.reflections:
        return filler.is_real_attempt(value, REFLECTION_WORDS)
    if qid in bank.forms:
        return form_attempted(forms.get(qid), value)
    try:
        return describe(bank.question(qid), value) is not None
    except BankError:
        return False


def part_name(bank: Bank, qid: str) -> str:
    """A graded part as the learner knows it: "question 2", "the form 'Your first team'", "your reflection"."""
    if qid in bank.reflections:
        return "your reflection"
    if qid in bank.forms:
        return f"the form “{forms.get(qid).title}”"
    questions = [*bank.choices, *bank.multis, *bank.matches, *bank.rankings]
    return f"question {questions.index(qid) + 1}" if qid in questions else qid


@dataclass(frozen=True)
class Count:
    done: int
    total: int

    @property
    def left(self) -> int:
        return self.total - self.done

    def __str__(self) -> str:
        return f"{self.done} of {self.total}"


@dataclass(frozen=True)
class LessonProgress:
    """One lesson: its quiz, its exercise's graded parts and reflection, and anything unreadable."""

    lesson: syllabus.Lesson
    quiz: Count
    graded: Count
    reflection: Count
    left: tuple[str, ...] = ()  # graded parts not attempted yet, in words
    problems: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()  # "lesson" and/or "exercise": not in this copy of the course yet

    @property
    def exercise_done(self) -> bool:
        """Every graded part and reflection of the exercise attempted."""
        return "exercise" not in self.missing and self.graded.left == 0 and self.reflection.left == 0

    @property
    def done(self) -> int:
        return self.quiz.done + self.graded.done + self.reflection.done

    @property
    def total(self) -> int:
        return self.quiz.total + self.graded.total + self.reflection.total

    @property
    def label(self) -> str:
        return f"Lesson {self.lesson.number}: {self.lesson.title}"


@dataclass(frozen=True)
class Progress:
    home: CourseHome
    lessons: tuple[LessonProgress, ...]

    @property
    def complete(self) -> bool:
        """Every graded part of every exercise in the syllabus attempted: the record of completion is ready."""
        return all(lesson.exercise_done for lesson in self.lessons)

    @property
    def problems(self) -> list[str]:
        return [p for lesson in self.lessons for p in lesson.problems]

    def still_left(self) -> list[str]:
        """What is left before the record of completion, one plain sentence per exercise."""
        lines = []
        for lp in self.lessons:
            if "exercise" in lp.missing:
                what = "this lesson is" if "lesson" in lp.missing else "its exercise is"
                lines.append(f"{lp.label}: {what} not in this copy of the course yet. Ask your trainer for it.")
            elif not lp.exercise_done:
                lines.append(f"{lp.label}: in the exercise, answer {_join(lp.left)}.")
        return lines


def _join(items: tuple[str, ...] | list[str]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _left(bank: Bank, qid: str, value: Any) -> str:
    """A part not attempted yet, in words; when something is there, that it is placeholder text."""
    given = (isinstance(value, str) and value.strip()) if qid in bank.reflections else (
        qid in bank.forms and isinstance(value, dict) and not forms.get(qid).is_blank(value))
    return part_name(bank, qid) + (" (in your own words: placeholder text does not count)" if given else "")


def _answers(path) -> tuple[dict[str, Any], list[str]]:
    if path is None:
        return {}, []
    found = read_answers(path)
    problems = [f"{p} (The file is {path}.)" for p in found.problems]
    return {qid: a.value for qid, a in found.answers.items()}, problems


def lesson_progress(home: CourseHome, lesson: syllabus.Lesson) -> LessonProgress:
    missing, problems = [], []
    quiz = Count(0, 0)
    try:
        bank = load_bank(lesson.notebook)
        values, found = _answers(home.lesson_answers(lesson.notebook))
        problems += found
        quiz = Count(sum(attempted(bank, q, values.get(q)) for q in bank.question_ids), len(bank.question_ids))
    except BankError:
        missing.append("lesson")
    graded, reflection, left = Count(0, 0), Count(0, 0), ()
    try:
        bank = load_bank(lesson.assignment)
        values, found = _answers(home.exercise_answers(lesson.assignment))
        problems += found
        parts = [q for q in bank.question_ids if q not in bank.reflections]
        graded = Count(sum(attempted(bank, q, values.get(q)) for q in parts), len(parts))
        reflection = Count(sum(attempted(bank, q, values.get(q)) for q in bank.reflections), len(bank.reflections))
        left = tuple(_left(bank, q, values.get(q)) for q in bank.question_ids if not attempted(bank, q, values.get(q)))
    except BankError:
        missing.append("exercise")
    return LessonProgress(lesson, quiz, graded, reflection, left, tuple(problems), tuple(missing))


def progress(home: CourseHome | None = None) -> Progress:
    """Progress across every lesson in the syllabus, from the answers files in ``home``."""
    home = home or CourseHome.find()
    return Progress(home, tuple(lesson_progress(home, lesson) for lesson in syllabus.load().lessons))


# --- What the learner reads: the table and the notes (the chart is drawn on the learner's side) ---

def table_html(p: Progress) -> str:
    def mark(count: Count) -> str:
        if count.total == 0:
            return "–"
        word = "✔ done" if count.left == 0 else "○ to do"
        return f"{count} <span class='ck-mark'>({word})</span>"

    rows = "".join(
        f"<tr><th scope='row'>{html.escape(lp.label)}</th><td>{mark(lp.quiz)}</td><td>{mark(lp.graded)}</td>"
        f"<td>{mark(lp.reflection)}</td></tr>" for lp in p.lessons)
    return ("<table class='coursekit-progress'><caption>What is done, lesson by lesson</caption><thead><tr>"
            "<th scope='col'>Lesson</th><th scope='col'>Quiz questions answered</th>"
            "<th scope='col'>Graded parts attempted</th><th scope='col'>Reflection written</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>")


def chart_rows(p: Progress) -> list[tuple[int, str, int, int]]:
    """Each lesson as (number, label, done, total): the numbers a chart of this progress shows."""
    return [(lp.lesson.number, lp.label, lp.done, lp.total) for lp in p.lessons]


def notes_html(p: Progress) -> str:
    """What is left (or that all is done), any answers files that could not be read, and where it all came from."""
    if p.complete:
        body = ("<p><strong>✔ Every graded part of every exercise is attempted.</strong> "
                "You can make your record of completion below.</p>")
    else:
        items = "".join(f"<li>{html.escape(line)}</li>" for line in p.still_left())
        body = f"<h3>Still to do before your record of completion</h3><ul>{items}</ul>"
    if p.problems:
        items = "".join(f"<li>{html.escape(x)}</li>" for x in p.problems)
        body += f"<h3>⚠ Answers files that could not be read in full</h3><ul>{items}</ul>"
    return body + f"<p class='ck-note'>Worked out from the answers files in {html.escape(str(p.home.root))}.</p>"
