"""The learner's name, as they typed it for their plan and record of completion.

It is saved as data, like every answer: ``your_name.answers.json`` in the lessons
folder, under ``name``. Lesson 7's plan and the progress view both read and write it.
"""

from __future__ import annotations

import html

import ipywidgets as w

from coursekit.learner.accessible import LiveRegion
from coursekit.answers import AnswerStore, read_answers
from coursekit.records.learner_files import CourseHome

NOTEBOOK = "your_name"
QID = "name"
MAX_CHARS = 80


def read_name(home: CourseHome) -> str:
    """The saved name, or ``""`` when none is saved (or the file cannot be read)."""
    path = home.lesson_answers(NOTEBOOK)
    if path is None:
        return ""
    answer = read_answers(path).answers.get(QID)
    value = answer.value if answer else ""
    return " ".join(value.split())[:MAX_CHARS] if isinstance(value, str) else ""


def save_name(home: CourseHome, name: str) -> str:
    """Save ``name`` (spaces tidied). Returns what was saved. Raises ``ValueError`` when it is too long."""
    tidy = " ".join(str(name).split())
    if len(tidy) > MAX_CHARS:
        raise ValueError(f"Please keep your name under {MAX_CHARS} characters.")
    AnswerStore(NOTEBOOK, home.lessons_folder).save(QID, tidy)
    return tidy


class NameBox(w.VBox):
    """A box for the learner's name, saved when they leave the box or click Save."""

    def __init__(self, home: CourseHome):
        self.home = home
        self.text = w.Text(value=read_name(home), description="Your name, as it should appear:",
                           placeholder="For example: Dr Sam Patel", continuous_update=False,
                           style={"description_width": "initial"}, layout=w.Layout(width="auto", max_width="46em"))
        self.save_button = w.Button(description="Save my name", icon="save", layout=w.Layout(width="auto"))
        self.status = LiveRegion()
        super().__init__([w.HBox([self.text, self.save_button]), self.status])
        self.add_class("coursekit-widget")
        self.text.observe(lambda _c: self.save(), names="value")
        self.save_button.on_click(lambda _b: self.save())

    def save(self) -> None:
        try:
            saved = save_name(self.home, self.text.value)
        except (ValueError, OSError) as err:
            self.status.value = f"<p><strong>⚠ Not saved.</strong> {html.escape(str(err))}</p>"
            return
        self.status.value = (f"<p><strong>✔ Saved.</strong> Your name will appear as “{html.escape(saved)}”.</p>"
                             if saved else "<p>Your name is blank. Type it above to put it on your record.</p>")
