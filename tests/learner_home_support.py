"""Synthetic learner course homes in each layout, with answers files made from the banks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from coursekit.questions import forms
from coursekit import syllabus
from coursekit.answers import Answer, answers_path, write_answers
from coursekit.questions.bank import Bank, BankError, load_bank

TODAY = dt.date(2026, 11, 28)
SAVED_AT = "2026-11-28T09:00:00+00:00"

#: layout name -> (lessons folder, exercise folder for assignment a), relative to the home.
LAYOUTS = {
    "course folder": (lambda home: home / "notebooks", lambda home, a: home / "exercises" / a),
    "learner pack": (lambda home: home / "notebooks", lambda home, a: home / a),
    "nbgrader fetch": (lambda home: home, lambda home, a: home / a),
}


def bank_or_none(bank_id: str) -> Bank | None:
    try:
        return load_bank(bank_id)
    except BankError:
        return None


def available_lessons() -> list[syllabus.Lesson]:
    """The syllabus lessons whose lesson and exercise banks are in this copy of the course."""
    return [lesson for lesson in syllabus.load().lessons
            if bank_or_none(lesson.notebook) and bank_or_none(lesson.assignment)]


def an_answer(bank: Bank, qid: str) -> Any:
    """Some real answer to any question (not necessarily right)."""
    if qid in bank.reflections:
        return "What? My board. So what? It matters. Now what? I will act."
    if qid in bank.forms:
        return forms.get(qid).example(TODAY)
    question = bank.question(qid)
    if qid in bank.choices:
        return question.options[0].id
    if qid in bank.multis:
        return [question.options[0].id]
    if qid in bank.rankings:
        return {o.id: rank for rank, o in enumerate(question.options, 1)}
    return {question.items[0].id: question.categories[0].id}


def a_filler_answer(bank: Bank, qid: str) -> Any:
    """Placeholder where the learner writes (a reflection, a form's text fields); real choices elsewhere."""
    if qid in bank.reflections:
        return "word word word"
    if qid in bank.forms:
        spec = forms.get(qid)
        return {name: ("tbc" if spec.field(name).kind in ("text", "longtext") else value)
                for name, value in spec.example(TODAY).items()}
    return an_answer(bank, qid)


def write(folder: Path, notebook: str, answers: dict[str, Any]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = answers_path(folder, notebook)
    write_answers(path, notebook, {k: Answer(v, SAVED_AT) for k, v in answers.items()})
    return path


def make_home(root: Path, layout: str, lessons: list[syllabus.Lesson], how_much: str = "all") -> Path:
    """A home in ``layout`` with the notebooks' folders, and answers: "none", "some" (half) or "all"."""
    lessons_folder, exercise_folder = LAYOUTS[layout]
    lessons_folder(root).mkdir(parents=True, exist_ok=True)
    for lesson in lessons:
        exercise_folder(root, lesson.assignment).mkdir(parents=True, exist_ok=True)
        (exercise_folder(root, lesson.assignment) / f"{lesson.assignment}.ipynb").write_text("{}")
        if how_much == "none":
            continue
        for bank, folder in ((load_bank(lesson.notebook), lessons_folder(root)),
                             (load_bank(lesson.assignment), exercise_folder(root, lesson.assignment))):
            ids = bank.question_ids if how_much == "all" else bank.question_ids[: len(bank.question_ids) // 2]
            write(folder, bank.id, {q: an_answer(bank, q) for q in ids})
    return root
