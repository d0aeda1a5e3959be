"""Question banks: the questions of a lesson or exercise, as data in ``content/<id>.toml``.

A lesson's bank holds formative questions, each with its right answer and
feedback for every option. An exercise's bank holds graded questions with no
right answer: the key lives only in nbgrader's hidden tests in ``course/source``,
so nothing a learner receives gives it away.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from importlib import resources

from coursekit.questions import scoring
from coursekit.questions.quoting import quoted


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
class Multi:
    """Choose every option that applies. Formative ones carry ``correct``: the ids that apply."""

    id: str
    prompt: str
    options: tuple[Option, ...]
    correct: tuple[str, ...] | None = None
    source: str = ""
    hints: tuple[str, ...] = ()

    def option(self, option_id: str) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)


@dataclass(frozen=True)
class Match:
    """Match each item to one category. Formative ones carry ``correct``: item id -> category id,
    and each item's ``feedback`` says why."""

    id: str
    prompt: str
    items: tuple[Option, ...]
    categories: tuple[Option, ...]
    correct: dict[str, str] | None = None
    source: str = ""
    hints: tuple[str, ...] = ()

    def category(self, category_id: str) -> Option | None:
        return next((c for c in self.categories if c.id == category_id), None)


@dataclass(frozen=True)
class Ranking:
    """A situational judgement item: an illustrative board situation and 4 or 5 responses, ranked
    from most appropriate (1) to least. Formative ones carry ``correct`` (response ids, most
    appropriate first) and each response's ``feedback`` says why it sits where it does."""

    id: str
    scenario: str
    prompt: str
    options: tuple[Option, ...]
    correct: tuple[str, ...] | None = None  # formative rankings only
    source: str = ""
    hints: tuple[str, ...] = ()

    def option(self, option_id: str) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)

    def labels(self) -> dict[str, str]:
        """Each response's text, cut short, to name it in feedback."""
        return {o.id: short_text(o.text) for o in self.options}


Question = Choice | Multi | Match | Ranking


def short_text(text: str, limit: int = 60) -> str:
    """``text`` on one line, cut at a word to about ``limit`` characters."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:.") + "…"


@dataclass(frozen=True)
class RubricLevel:
    points: float
    level: str
    descriptor: str
    example: str = ""  # a short illustrative answer at this level, for assessors and learners


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
class FormRubric:
    """How an assessor marks the substance of an own-trust form (``content/form_rubrics.toml``).

    The form's own rule checks are instant, formative feedback and carry no marks."""

    form: str
    prompt: str
    rubric: tuple[RubricLevel, ...]
    how_to_mark: str = ""

    @property
    def max_points(self) -> float:
        return max(level.points for level in self.rubric)


#: The file holding every own-trust form's rubric, keyed by the form's name.
FORM_RUBRICS = "form_rubrics"


def parse_form_rubrics(data: dict, where: str = f"{FORM_RUBRICS}.toml") -> dict[str, FormRubric]:
    """Every form's rubric. Each level needs a plain label, a descriptor and an example answer,
    and the levels run from 0 points upwards."""
    from coursekit.questions.forms import names as form_names

    how = str(data.get("how_to_mark", "")).strip()
    found: dict[str, FormRubric] = {}
    for name, table in data.items():
        if name == "how_to_mark":
            continue
        here = f"{where}, form '{name}'"
        if name not in form_names():
            raise BankError(f"{here}: there is no such form in coursekit/questions/forms/.")
        if not isinstance(table, dict):
            raise BankError(f"{here}: must be a table.")
        levels = tuple(
            RubricLevel(float(level.get("points", -1)), _require(level, "level", here),
                        _require(level, "descriptor", here), _require(level, "example", here))
            for level in table.get("level", [])
        )
        points = [level.points for level in levels]
        if len(levels) < 2 or points[0] != 0 or points != sorted(set(points)):
            raise BankError(f"{here}: a rubric needs at least two levels, from 0 points upwards, each worth more.")
        found[name] = FormRubric(name, _require(table, "prompt", here), levels, how)
    return found


@lru_cache(maxsize=None)
def form_rubrics() -> dict[str, FormRubric]:
    """The assessor's rubric of every own-trust form that is marked (a self-rating has none)."""
    text = resources.files("coursekit").joinpath("content", f"{FORM_RUBRICS}.toml").read_text("utf-8")
    try:
        return parse_form_rubrics(tomllib.loads(text))
    except tomllib.TOMLDecodeError as err:
        raise BankError(f"{FORM_RUBRICS}.toml is not valid TOML: {err}") from None


def form_rubric(name: str) -> FormRubric | None:
    """The rubric of form ``name``, or None when the form is formative only (a self-rating)."""
    return form_rubrics().get(name)


@dataclass(frozen=True)
class Bank:
    id: str
    title: str
    graded: bool
    choices: dict[str, Choice]
    reflections: dict[str, Reflection]
    multis: dict[str, Multi] = field(default_factory=dict)
    matches: dict[str, Match] = field(default_factory=dict)
    forms: tuple[str, ...] = ()  # the forms (coursekit.questions.forms) an exercise holds, in order
    rankings: dict[str, Ranking] = field(default_factory=dict)

    def question(self, qid: str) -> Question:
        """A choice, multi, match or ranking question by id."""
        for table in (self.choices, self.multis, self.matches, self.rankings):
            if qid in table:
                return table[qid]
        raise BankError(f"There is no question '{qid}' in {self.id}.toml.")

    @property
    def question_ids(self) -> tuple[str, ...]:
        """Every answer this notebook saves, in the bank's order: questions, forms, reflections."""
        return (*self.choices, *self.multis, *self.matches, *self.rankings, *self.forms, *self.reflections)

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
            RubricLevel(float(level["points"]), _require(level, "level", here), _require(level, "descriptor", here),
                        str(level.get("example", "")).strip())
            for level in table.get("rubric", [])
        )
        if len(rubric) < 2:
            raise BankError(f"{here}: a rubric needs at least two levels.")
        reflections[qid] = Reflection(qid, _require(table, "prompt", here), str(table.get("guidance", "")).strip(), rubric)

    multis = {}
    for table in data.get("multi", []):
        qid, prompt, options, here = _question(table, where, "options")
        correct = table.get("correct")
        ids = {o.id for o in options}
        if graded and correct is not None:
            raise BankError(f"{here}: a graded question must not carry its answer; put it in the hidden test.")
        if not graded:
            if not isinstance(correct, list) or not set(correct) <= ids:
                raise BankError(f"{here}: 'correct' must list the ids of the options that apply.")
            if not all(o.feedback for o in options):
                raise BankError(f"{here}: every option of a formative question needs feedback saying why.")
            correct = tuple(correct)
        multis[qid] = Multi(qid, prompt, options, correct, str(table.get("source", "")).strip(), _hints(table))

    matches = {}
    for table in data.get("match", []):
        qid, prompt, items, here = _question(table, where, "items")
        categories = tuple(Option(_require(c, "id", here), _require(c, "text", here)) for c in table.get("categories", []))
        if len(categories) < 2 or len({c.id for c in categories}) != len(categories):
            raise BankError(f"{here}: a match question needs at least two categories with different ids.")
        correct = table.get("correct")
        if graded and correct is not None:
            raise BankError(f"{here}: a graded question must not carry its answer; put it in the hidden test.")
        if not graded:
            if not isinstance(correct, dict) or set(correct) != {i.id for i in items} or \
                    not set(correct.values()) <= {c.id for c in categories}:
                raise BankError(f"{here}: 'correct' must match every item id to a category id.")
            if not all(i.feedback for i in items):
                raise BankError(f"{here}: every item of a formative question needs feedback saying why.")
        matches[qid] = Match(qid, prompt, items, categories, correct, str(table.get("source", "")).strip(), _hints(table))

    rankings = {}
    for table in data.get("ranking", []):
        ranking = _ranking(table, where, graded)
        if ranking.id in rankings:
            raise BankError(f"{where}: two questions have the id '{ranking.id}'.")
        rankings[ranking.id] = ranking

    forms = tuple(str(f) for f in data.get("forms", []))
    from coursekit.questions.forms import names as form_names

    unknown = [f for f in forms if f not in form_names()]
    if unknown:
        raise BankError(f"{where}: no form called {', '.join(map(repr, unknown))} in coursekit/forms/.")
    seen = [*choices, *multis, *matches, *rankings, *forms, *reflections]
    if len(set(seen)) != len(seen):
        raise BankError(f"{where}: two questions share an id.")
    return Bank(bank_id, _require(data, "title", where), graded, choices, reflections, multis, matches, forms,
                rankings)


def _ranking(table: Any, where: str, graded: bool) -> Ranking:
    """One ``[[ranking]]`` table: a situational judgement item with 4 or 5 responses."""
    if not isinstance(table, dict):
        raise BankError(f"{where}: each [[ranking]] must be a table.")
    qid, prompt, options, here = _question(table, where, "options")
    if len(options) not in scoring.RANKING_SIZES:
        raise BankError(f"{here}: a ranking has 4 or 5 responses, not {len(options)}.")
    scenario = _require(table, "scenario", here)  # shown under an "Illustrative situation" label
    correct = table.get("correct")
    if graded and correct is not None:
        raise BankError(f"{here}: a graded question must not carry its answer; put it in the hidden test.")
    if not graded:
        if not all(o.feedback for o in options):
            raise BankError(f"{here}: every response of a formative ranking needs feedback saying why.")
        try:
            scoring.validate_ranking(correct, {o.id: o.feedback for o in options}, [o.id for o in options])
        except scoring.KeyError_ as err:
            raise BankError(f"{here}: {err}.") from None
        correct = tuple(correct)
    return Ranking(qid, scenario, prompt, options, correct, str(table.get("source", "")).strip(), _hints(table))


def _hints(table: dict) -> tuple[str, ...]:
    return tuple(str(h).strip() for h in table.get("hints", []) if str(h).strip())


def _question(table: dict, where: str, options_key: str):
    qid = _require(table, "id", where)
    here = f"{where}, question '{qid}'"
    options = tuple(
        Option(_require(o, "id", here), _require(o, "text", here), str(o.get("feedback", "")).strip())
        for o in table.get(options_key, [])
    )
    if len(options) < 2:
        raise BankError(f"{here}: a question needs at least two {options_key}.")
    if len({o.id for o in options}) != len(options):
        raise BankError(f"{here}: two {options_key} share an id.")
    return qid, _require(table, "prompt", here), options, here


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


def describe(question: Question, value: Any) -> str | None:
    """A saved answer in the words the learner saw, or ``None`` when it does not fit the question
    (for a ranking: when it cannot be read, or no response is ranked yet)."""
    if isinstance(question, Ranking):
        return describe_ranking(question, value)
    if isinstance(question, Choice):
        option = question.option(value) if isinstance(value, str) else None
        return f"Your answer: {quoted(option.text)}." if option else None
    if isinstance(question, Multi):
        if not isinstance(value, list) or not all(isinstance(v, str) and question.option(v) for v in value):
            return None
        return "Your choices: " + "; ".join(quoted(question.option(v).text) for v in value) + "."
    if not isinstance(value, dict):
        return None
    items = {i.id: i.text for i in question.items}
    shown = [f"{quoted(items[k])} → {question.category(v).text}" for k, v in value.items()
             if k in items and isinstance(v, str) and question.category(v)]
    return "Your matches: " + "; ".join(shown) + "." if shown else None


def describe_ranking(question: Ranking, value: Any) -> str | None:
    """"Your ranking: 1. “…”; 2. “…”." in the learner's order, saying what is unranked or shares a rank."""
    ids = [o.id for o in question.options]
    ranks = scoring.read_ranking(ids, value)
    if ranks is None or all(r is None for r in ranks.values()):
        return None
    ranked = sorted((r, ids.index(i), i) for i, r in ranks.items() if r is not None)
    used = [r for r, _, _ in ranked]
    shown = "; ".join(f"{r}. {quoted(question.option(i).text)}" + (" (shares its rank)" if used.count(r) > 1 else "")
                      for r, _, i in ranked)
    unranked = [quoted(question.option(i).text) for i in ids if ranks[i] is None]
    rest = f" Not ranked: {'; '.join(unranked)}." if unranked else ""
    return f"Your ranking: {shown}.{rest}"
