"""The learner's name, as they typed it for their plan and record of completion.

It is saved as data, like every answer: ``your_name.answers.json`` in the lessons
folder, under ``name``. Lesson 7's plan and the progress view both read and write it
(the box to type it in is :class:`coursekit.learner.name_box.NameBox`). The learner id a trainer
gave them is kept there too, under ``learner_id``, for "Download my work".
"""

from __future__ import annotations

from coursekit.answers import AnswerStore, read_answers
from coursekit.records.learner_files import CourseHome

NOTEBOOK = "your_name"
QID = "name"
#: The learner id their trainer gave them, which starts the name of each zip they send back.
ID_QID = "learner_id"
MAX_CHARS = 80


def _saved(home: CourseHome, qid: str) -> str:
    path = home.lesson_answers(NOTEBOOK)
    if path is None:
        return ""
    answer = read_answers(path).answers.get(qid)
    value = answer.value if answer else ""
    return " ".join(value.split())[:MAX_CHARS] if isinstance(value, str) else ""


def read_name(home: CourseHome) -> str:
    """The saved name, or ``""`` when none is saved (or the file cannot be read)."""
    return _saved(home, QID)


def read_learner_id(home: CourseHome) -> str:
    """The saved learner id, or ``""``."""
    return _saved(home, ID_QID)


def save_learner_id(home: CourseHome, learner_id: str) -> None:
    """Save a learner id already checked (:func:`coursekit.records.return_work.check_id`)."""
    AnswerStore(NOTEBOOK, home.lessons_folder).save(ID_QID, learner_id)


def save_name(home: CourseHome, name: str) -> str:
    """Save ``name`` (spaces tidied). Returns what was saved. Raises ``ValueError`` when it is too long."""
    tidy = " ".join(str(name).split())
    if len(tidy) > MAX_CHARS:
        raise ValueError(f"Please keep your name under {MAX_CHARS} characters.")
    AnswerStore(NOTEBOOK, home.lessons_folder).save(QID, tidy)
    return tidy

