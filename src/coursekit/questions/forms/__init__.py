"""Forms a learner fills in about their own trust, checked by rules based on the source.

Each module in this package describes one form as a :class:`FormSpec`, named ``SPEC``:
its fields, the criteria it is checked against, hints, and an illustrative worked
example. The module's name is the form's name and the question id its answer is saved under.

The rule checks are instant, formative feedback: they carry no marks. An assessor marks the
answer's substance against the form's rubric (``content/form_rubrics.toml``), in a manually
graded cell whose grade id is the form's name (self-ratings are formative only and have none).

One generic widget (:class:`coursekit.learner.widgets.FormWidget`) shows any form, so a new
exercise is a new module here and nothing else.
"""

from __future__ import annotations

import datetime as _dt
import importlib
import math
import pkgutil
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable, Mapping

from coursekit.questions.filler import why_filler
from coursekit.questions.outcomes import Criterion, Outcome, Result

#: The kinds of field a form can hold, and the widget each becomes.
FIELD_KINDS = ("text", "longtext", "choice", "date", "rating", "check")

#: The span of days a learner's date can mean. A date field outside it counts as not given,
#: and an answer's ``saved_at`` outside it counts as not known, so no rule's date arithmetic
#: (days between two dates, a date plus three months) can ever overflow.
EARLIEST_DAY = _dt.date(2000, 1, 1)
LATEST_DAY = _dt.date(2199, 12, 31)
#: How the form's own checks are labelled wherever an assessor sees them: they carry no marks.
FORMATIVE_LABEL = "Formative check (no marks):"
#: What a learner is told beside every form: the checks are feedback; an assessor gives the marks.
NO_MARKS_NOTE = ("These checks are instant feedback only: they give no marks. "
                 "An assessor marks your answer against the rubric shown with this form.")
#: The largest number a field can hold and still be read as a number.
MAX_NUMBER = 10**12


def plain(value: Any) -> str | bool | int | float | None:
    """One field's saved value when it is plain data a rule can compare; ``None`` otherwise.

    Text and true/false pass through. Numbers pass when finite and of a sane size, so NaN,
    Infinity and numbers too long to print count as not given. Lists, mappings and anything
    else (hand-written into an answers file) count as not given too.
    """
    if isinstance(value, (str, bool)):
        return value
    if isinstance(value, int):
        return value if -MAX_NUMBER <= value <= MAX_NUMBER else None
    if isinstance(value, float):
        return value if math.isfinite(value) and abs(value) <= MAX_NUMBER else None
    return None


@dataclass(frozen=True)
class Field:
    """One control on a form. ``options`` are ``(label, value)`` pairs for choices and ratings."""

    name: str
    label: str
    kind: str = "text"
    options: tuple[tuple[str, Any], ...] = ()
    placeholder: str = ""
    group: str = ""  # fields with the same group sit together under this heading

    def __post_init__(self):
        if self.kind not in FIELD_KINDS:
            raise ValueError(f"field '{self.name}': kind must be one of {', '.join(FIELD_KINDS)}")
        if self.kind in ("choice", "rating") and not self.options:
            raise ValueError(f"field '{self.name}': a {self.kind} field needs options")

    def blank(self) -> Any:
        return False if self.kind == "check" else None if self.kind == "rating" else ""

    def shown(self, value: Any) -> str:
        """The value as the learner saw it (an option's words, not its code)."""
        if self.kind == "check":
            return "Yes" if value is True else "No"
        for label, option in self.options:
            if option == value:
                return label
        value = plain(value)
        text = "" if value is None else str(value)
        return text[:300] or "(blank)"


@dataclass(frozen=True)
class FormSpec:
    """A form: what it asks, how it is checked, and the help around it."""

    name: str
    title: str
    fields: tuple[Field, ...]
    criteria: tuple[str, ...]
    rules: Callable[[Mapping[str, Any], _dt.date], list[Criterion]]
    hints: tuple[str, ...]
    example: Callable[[_dt.date], dict[str, Any]]
    intro: str = ""
    #: Prompts to reflect, drawn from what the learner rated or chose about their own trust. A
    #: self-rating is never a criterion met: it becomes a question back to the learner, shown
    #: after the criteria. ``None``: the form has no prompts.
    prompts: Callable[[Mapping[str, Any], _dt.date], list[str]] | None = None
    check_label: str = "Check my answer"
    all_met: str = "Your answer meets every criterion."
    some_met: str = "Here is how your answer compares with the criteria, based on the source."

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    def blank_answer(self) -> dict[str, Any]:
        return {f.name: f.blank() for f in self.fields}

    def is_blank(self, answer: Any) -> bool:
        if not isinstance(answer, Mapping):
            return answer is None
        # A value that is not plain data (a list, NaN, a number too long to print) is something
        # given, not blank: it is then checked, and earns nothing.
        return not any(value not in (None, "", False) and (plain(value) is None or str(value).strip())
                       for value in (answer.get(f.name) for f in self.fields))

    def readable(self, answer: Mapping[str, Any]) -> dict[str, str]:
        """``{label: shown value}``: the answer for people to read (feedback, the plan)."""
        return {f.label: f.shown(answer.get(f.name)) for f in self.fields}

    def given(self, answer: Mapping[str, Any]) -> dict[str, str]:
        """:meth:`readable` in full (text not cut short), without the fields left blank:
        the answer as an assessor reads it."""
        shown = {}
        for f in self.fields:
            value = answer.get(f.name)
            if f.kind in ("text", "longtext") and isinstance(plain(value), str) and value.strip():
                shown[f.label] = value.strip()
            elif value not in (None, "", False) or f.kind == "check":
                shown[f.label] = f.shown(value)
        return shown

    def formative_lines(self, answer: Any, saved_at: str | None = None) -> list[str]:
        """The instant checks' results as lines of text, labelled as carrying no marks."""
        result = self.check(answer, saved_at)
        if not result.criteria:
            return [f"{FORMATIVE_LABEL} " + " ".join(result.messages)]
        met = sum(c.met for c in result.criteria)
        return [f"{FORMATIVE_LABEL} {met} of {len(result.criteria)} checks met."] + [
            f"{'✔' if c.met else '✘'} {c.name}: {c.message}" for c in result.criteria]

    def check(self, answer: Any, saved_at: str | None = None) -> Result:
        """Check an answer against every criterion: an equal share of the points each."""
        if answer is None or self.is_blank(answer):
            return Result(Outcome.NOT_ATTEMPTED, 0.0, ("Fill in the form above, then check your answer.",))
        if not isinstance(answer, Mapping):
            return Result(Outcome.UNREADABLE, 0.0, ("The saved answer is not in the form's shape. Fill in the form again.",))
        # Every field holds one plain value. Anything else (a list or mapping written into the
        # answers file by hand, NaN, Infinity, a number too long to print) counts as blank, so
        # no rule ever meets a value it cannot compare.
        answer = {f.name: f.blank() if (v := plain(answer.get(f.name))) is None else v for f in self.fields}
        # Placeholder and filler text ("word word word", "tbc", lorem ipsum) counts as not given,
        # in every text field of every form, and the feedback says which and why.
        answer, not_counted = self.without_filler(answer)
        day = set_on(saved_at)
        criteria = tuple(self.rules(answer, day))
        if [c.name for c in criteria] != list(self.criteria):
            raise RuntimeError(f"form '{self.name}': its rules must return one result per criterion, in order")
        messages = (*not_counted, *(self.prompts(answer, day) if self.prompts else ()))
        met = sum(c.met for c in criteria)
        outcome = Outcome.CORRECT if met == len(criteria) else Outcome.PARTLY if met else Outcome.INCORRECT
        return Result(outcome, met / len(criteria), tuple(messages), criteria)

    def without_filler(self, answer: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
        """The answer with each text field that holds only filler blanked, and a note for each one."""
        kept, notes = dict(answer), []
        for f in self.fields:
            value = kept.get(f.name)
            if f.kind in ("text", "longtext") and isinstance(value, str) and value.strip():
                # One real word is enough here: each rule sets its own length, so only placeholders,
                # keyboard mash, lorem ipsum and repeated filler are taken out.
                why = why_filler(value, min_words=1)
                if why:
                    kept[f.name] = f.blank()
                    notes.append(f"Not counted: “{f.label.rstrip(':')}”, because {why}. Write it in your own words.")
        return kept, notes


def set_on(saved_at: Any) -> _dt.date:
    """The day an answer was given: the day it was saved, so a regrade gives the same result.

    The learner's own file says when, so it may say anything. A ``saved_at`` that is missing,
    cannot be read (a time zone of 99 hours, words), or is absurd (a year thousands of years away) counts
    as not known, and the answer is checked as if given today."""
    if isinstance(saved_at, str) and saved_at:
        try:
            day = _dt.datetime.fromisoformat(saved_at[:64]).date()
        except (ValueError, OverflowError):
            day = None
        if day is not None and EARLIEST_DAY <= day <= LATEST_DAY:
            return day
    return _dt.date.today()


def names() -> tuple[str, ...]:
    """Every form coursekit knows."""
    return tuple(sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_")))


@lru_cache(maxsize=None)
def get(name: str) -> FormSpec:
    if name not in names():
        raise KeyError(f"coursekit has no form called {name!r}")
    spec = importlib.import_module(f"{__name__}.{name}").SPEC
    if spec.name != name:
        raise RuntimeError(f"forms/{name}.py: its SPEC is named {spec.name!r}")
    return spec


def criterion(name: str, met: bool, yes: str, no: str) -> Criterion:
    """A criterion result with the message that fits: ``yes`` when met, ``no`` otherwise."""
    return Criterion(name, met, yes if met else no)


def words(text: Any) -> list[str]:
    import re

    return re.findall(r"[A-Za-z0-9'’-]+", str(text or ""))


def iso_date(value: Any) -> _dt.date | None:
    """A date field's saved value (``YYYY-MM-DD``) as a date; ``None`` when blank, not a date,
    or outside the years a learner can mean (:data:`EARLIEST_DAY` to :data:`LATEST_DAY`)."""
    if not isinstance(value, str) or not value:
        return None
    try:
        day = _dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
    return day if EARLIEST_DAY <= day <= LATEST_DAY else None


#: Words for "some time": they put a step off rather than give it a date or a meeting.
VAGUE_TIMES = ("at some point", "some time", "sometime", "soon", "next year", "in due course", "when possible",
               "where possible", "as soon as possible", "asap", "in the future", "eventually", "at a later date",
               "at a later meeting", "when we can", "when ready", "down the line", "going forward")


def has_phrase(text: Any, phrases: tuple[str, ...] | frozenset[str]) -> str | None:
    """The first of ``phrases`` found in ``text`` as whole words (so "set" is not found in "settle"),
    ignoring case and spacing; ``None`` when there is none."""
    tokens = " " + " ".join(w.lower().replace("’", "'") for w in words(text)) + " "
    for phrase in phrases:
        if f" {' '.join(phrase.lower().split())} " in tokens:
            return phrase
    return None


def vague_time(text: Any) -> str | None:
    """The vague time word in ``text`` ("at some point", "soon", "next year" ...), or ``None``."""
    return has_phrase(text, VAGUE_TIMES)


def public_focus(backer: str | None, what: str) -> list[str]:
    """A prompt, never a criterion: the source's hope that the chair and chief executive both back ``what``.

    ``backer`` is "chair" or "chief executive" when one of them backs it alone, "other" when someone
    else on the board does, and ``None`` when there is nothing to ask."""
    said = ("The source says digital is more likely to gain impetus when the chair and the chief executive "
            "make it their public focus from the start.")
    if backer in ("chair", "chief executive"):
        other = "chief executive" if backer == "chair" else "chair"
        return [f"{said} Could the {other} back {what} in public too?"]
    return [f"{said} How will they back {what} in public?"] if backer == "other" else []
