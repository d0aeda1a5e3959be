"""The syllabus: the course's one list of lessons, read from ``course/syllabus.toml``.

The file ships inside the package too (``coursekit/content/syllabus.toml`` is a copy
made by ``coursekit generate``), so an installed package knows its lessons without
the project folder.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

PRECONDITIONS: dict[str, str] = {
    "leadership": "Clear leadership",
    "team": "A team",
    "goal": "A goal and a mission",
    "urgency": "A sense of urgency",
}
TAGS = (*PRECONDITIONS, "course")
SITTING = 30  # the longest sitting, in minutes, that the course design allows (a board member's short slot)
COURSE = 240  # the longest the whole course may run, in minutes: lessons and exercises together


class SyllabusError(ValueError):
    """The syllabus file is malformed: an author's mistake, reported with the file name."""


@dataclass(frozen=True)
class Lesson:
    number: int
    title: str
    notebook: str
    assignment: str
    precondition: str
    lesson_minutes: int
    exercise_minutes: int
    outcomes: tuple[str, ...]

    @property
    def minutes(self) -> int:
        """The lesson and its graded exercise together."""
        return self.lesson_minutes + self.exercise_minutes


@dataclass(frozen=True)
class Syllabus:
    course: str
    edition: str
    source: str
    lessons: tuple[Lesson, ...]

    @property
    def minutes(self) -> int:
        return sum(lesson.minutes for lesson in self.lessons)

    @property
    def hours(self) -> float:
        return round(self.minutes / 60, 1)

    def lesson(self, key: int | str) -> Lesson:
        for lesson in self.lessons:
            if key in (lesson.number, lesson.notebook, lesson.assignment):
                return lesson
        raise SyllabusError(f"The syllabus has no lesson or assignment called {key!r}.")

    @property
    def assignments(self) -> tuple[str, ...]:
        return tuple(lesson.assignment for lesson in self.lessons)


def parse(text: str, where: str = "syllabus.toml") -> Syllabus:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise SyllabusError(f"{where} is not valid TOML: {err}") from None
    lessons = []
    for i, table in enumerate(data.get("lesson", []), start=1):
        here = f"{where}, lesson {i}"
        try:
            lesson = Lesson(
                int(table["number"]), str(table["title"]), str(table["notebook"]), str(table["assignment"]),
                str(table["precondition"]), int(table["lesson_minutes"]), int(table["exercise_minutes"]),
                tuple(str(o) for o in table.get("outcomes", [])),
            )
        except (KeyError, TypeError, ValueError) as err:
            raise SyllabusError(f"{here}: missing or malformed field {err}.") from None
        if not (0 < lesson.lesson_minutes <= SITTING and 0 < lesson.exercise_minutes <= SITTING):
            raise SyllabusError(f"{here}: lesson_minutes and exercise_minutes must each be between 1 and {SITTING}, "
                                "so that every sitting stays short. Split a longer lesson in two.")
        if lesson.precondition not in TAGS:
            raise SyllabusError(f"{here}: precondition must be one of {', '.join(TAGS)}.")
        lessons.append(lesson)
    for field in ("number", "notebook", "assignment"):
        values = [getattr(lesson, field) for lesson in lessons]
        if len(set(values)) != len(values):
            raise SyllabusError(f"{where}: two lessons have the same {field}.")
    try:
        return Syllabus(str(data["course"]), str(data["edition"]), str(data["source"]), tuple(lessons))
    except KeyError as err:
        raise SyllabusError(f"{where}: missing {err}.") from None


def read(path: Path) -> Syllabus:
    return parse(path.read_text("utf-8"), str(path))


@lru_cache(maxsize=None)
def load() -> Syllabus:
    """The installed course's syllabus (a copy of ``course/syllabus.toml`` in the package)."""
    text = resources.files("coursekit").joinpath("content", "syllabus.toml").read_text("utf-8")
    return parse(text, "coursekit/content/syllabus.toml")
