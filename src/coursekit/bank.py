"""Question banks: the questions of a lesson or exercise, as data in ``content/<id>.toml``.

A lesson's bank holds formative questions, each with its right answer and
feedback for every option. An exercise's bank holds graded questions with no
right answer: the key lives only in nbgrader's hidden tests in ``course/source``,
so nothing a learner receives gives it away.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


class BankError(ValueError):
    """A question bank is malformed: an author's mistake, reported with the file name."""


@dataclass(frozen=True)
class Option:
    id: str
    text: str
    feedback: str = ""


@dataclass(frozen=True)
class Choice:
    id: str
    prompt: str
    options: tuple[Option, ...]
    correct: str | None = None  # formative questions only
    source: str = ""  # where in the source the answer comes from
    hints: tuple[str, ...] = ()

    def option(self, option_id: str) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)


@dataclass(frozen=True)
class RubricLevel:
    points: float
    level: str
    descriptor: str


@dataclass(frozen=True)
class Reflection:
    id: str
    prompt: str
    guidance: str
    rubric: tuple[RubricLevel, ...]

    @property
    def max_points(self) -> float:
        return max(level.points for level in self.rubric)


@dataclass(frozen=True)
class Bank:
    id: str
    title: str
    graded: bool
    choices: dict[str, Choice]
    reflections: dict[str, Reflection]

    def choice(self, qid: str) -> Choice:
        try:
            return self.choices[qid]
        except KeyError:
            raise BankError(f"There is no question '{qid}' in {self.id}.toml.") from None

    def reflection(self, qid: str) -> Reflection:
        try:
            return self.reflections[qid]
        except KeyError:
            raise BankError(f"There is no reflective question '{qid}' in {self.id}.toml.") from None


def _require(table: dict, key: str, where: str) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        raise BankError(f"{where}: '{key}' is missing or empty.")
    return value.strip()


def parse_bank(bank_id: str, data: dict) -> Bank:
    where = f"{bank_id}.toml"
    graded = bool(data.get("graded", False))
    choices: dict[str, Choice] = {}
    for table in data.get("choice", []):
        qid = _require(table, "id", where)
        here = f"{where}, question '{qid}'"
        options = tuple(
            Option(_require(o, "id", here), _require(o, "text", here), str(o.get("feedback", "")).strip())
            for o in table.get("options", [])
        )
        if len(options) < 2:
            raise BankError(f"{here}: a question needs at least two options.")
        if len({o.id for o in options}) != len(options):
            raise BankError(f"{here}: two options share an id.")
        correct = table.get("correct")
        if graded and correct is not None:
            raise BankError(f"{here}: a graded question must not carry its answer; put it in the hidden test.")
        if not graded:
            if correct not in {o.id for o in options}:
                raise BankError(f"{here}: 'correct' must name one of the options.")
            if not all(o.feedback for o in options):
                raise BankError(f"{here}: every option of a formative question needs feedback saying why.")
        if qid in choices:
            raise BankError(f"{where}: two questions have the id '{qid}'.")
        hints = tuple(str(h).strip() for h in table.get("hints", []) if str(h).strip())
        choices[qid] = Choice(
            qid, _require(table, "prompt", here), options, correct, str(table.get("source", "")).strip(), hints
        )

    reflections: dict[str, Reflection] = {}
    for table in data.get("reflection", []):
        qid = _require(table, "id", where)
        here = f"{where}, reflection '{qid}'"
        rubric = tuple(
            RubricLevel(float(level["points"]), _require(level, "level", here), _require(level, "descriptor", here))
            for level in table.get("rubric", [])
        )
        if len(rubric) < 2:
            raise BankError(f"{here}: a rubric needs at least two levels.")
        reflections[qid] = Reflection(qid, _require(table, "prompt", here), str(table.get("guidance", "")).strip(), rubric)

    return Bank(bank_id, _require(data, "title", where), graded, choices, reflections)


@lru_cache(maxsize=None)
def load_bank(bank_id: str) -> Bank:
    """Load ``content/<bank_id>.toml`` from the installed package."""
    try:
        text = resources.files("coursekit").joinpath("content", f"{bank_id}.toml").read_text("utf-8")
    except FileNotFoundError:
        raise BankError(f"coursekit has no lesson or exercise called '{bank_id}'.") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise BankError(f"{bank_id}.toml is not valid TOML: {err}") from None
    return parse_bank(bank_id, data)
