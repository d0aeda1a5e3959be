"""The learner's API, as plain as learntools: ``ask``, ``check``, ``hint``, ``solution``.

A lesson notebook starts with::

    from coursekit import Lesson
    lesson = Lesson("04_goal_and_mission")

and a graded exercise with::

    from coursekit import Exercise
    ex = Exercise("goal_and_mission")

Every other cell is one short line such as ``ex.ask("q1")``. Answers are saved
beside the notebook in ``<name>.answers.json``.
"""

from __future__ import annotations

import datetime as _dt
import html
import os
import sys
from typing import Any, Mapping

from IPython.display import display

from coursekit.questions import forms, scoring
from coursekit.learner import shipped_figure
from coursekit.learner.accessible import LiveRegion
from coursekit.answers import AnswerStore
from coursekit.questions.bank import Bank, Choice, Match, Multi, Ranking, describe, form_rubric, load_bank
from coursekit.questions.outcomes import Outcome, Result
from coursekit.learner.widgets import (ChoiceQuestion, FormWidget, GoalForm, MatchQuestion, MultiQuestion,
                                       RankingQuestion, ReflectionBox, problems_html, rubric_html, status_html)


class _Notebook:
    """What lessons and exercises share: a question bank and an answers store."""

    def __init__(self, bank_id: str, folder: str = "."):
        self.bank: Bank = load_bank(bank_id)
        self.store = AnswerStore(bank_id, folder)
        self._announce()

    def _announce(self) -> None:
        if self.store.problems:
            display(LiveRegion(value=problems_html(self.store.problems)))
            return
        count = len(self.store.answered())
        restored = f" {count} saved answer{'s' if count != 1 else ''} restored." if count else ""
        display(LiveRegion(value=status_html(
            f"✔ Ready: <em>{html.escape(self.bank.title)}</em>. Your answers are saved in "
            f"<code>{html.escape(self.store.path.name)}</code> beside this notebook.{restored}"
        )))

    def _number(self, qid: str) -> int:
        """Questions are numbered in the order the notebook shows them."""
        asked = self.__dict__.setdefault("_asked", [])
        if qid not in asked:
            asked.append(qid)
        return asked.index(qid) + 1

    def _question(self, qid: str, graded: bool):
        question = self.bank.question(qid)
        widget = {Choice: ChoiceQuestion, Multi: MultiQuestion, Match: MatchQuestion,
                  Ranking: RankingQuestion}[type(question)]
        return widget(question, self.store, graded=graded, number=self._number(qid))

    def _labels(self, qid: str) -> dict[str, str] | None:
        """A ranking's response texts, to name them in its feedback (None for any other question)."""
        question = self.bank.rankings.get(qid)
        return question.labels() if question else None

    def _hints(self, qid: str) -> tuple[str, ...]:
        if qid in forms.names():
            return forms.get(qid).hints
        return self.bank.question(qid).hints


class Lesson(_Notebook):
    """A lesson notebook: formative quiz questions with instant feedback, and figures."""

    def quiz(self, qid: str):
        """A formative question (one choice, several, matching, or a ranking) with instant feedback."""
        return self._question(qid, graded=False)

    def figure(self, name: str) -> shipped_figure.ShippedFigure:
        """The lesson figure ``name``, with its alt text and caption: drawn ahead of time, shipped as SVG."""
        return shipped_figure.load(name)

    def hint(self, qid: str, number: int = 1) -> None:
        """Show hint ``number`` (1, 2, ...) for a quiz question."""
        _hint(self._hints(qid), number)


class Exercise(_Notebook):
    """A graded exercise notebook. The answer key is not here: it lives only in nbgrader's
    hidden tests, so ``check`` without a key tells you what is saved, not whether it is right."""

    def ask(self, qid: str):
        """A graded question (one choice, several, matching, or a ranking): the answer is saved, marked later."""
        return self._question(qid, graded=True)

    def form(self, name: str) -> FormWidget:
        """A form about your own trust, checked at once against rules from the source."""
        if name not in self.bank.forms:
            raise ValueError(f"{self.bank.id}.toml does not list the form '{name}' under 'forms'.")
        return FormWidget(forms.get(name), self.store)

    def goal_form(self) -> GoalForm:
        return GoalForm(self.store)

    def reflect(self, qid: str):
        import ipywidgets as w

        reflection = self.bank.reflection(qid)
        intro = (
            f"<p><strong>Reflect.</strong> {html.escape(reflection.prompt)}</p>"
            + (f"<p>{html.escape(reflection.guidance)}</p>" if reflection.guidance else "")
            + rubric_html(reflection)
        )
        box = w.VBox([w.HTML(intro), ReflectionBox(reflection, self.store)])
        box.add_class("coursekit-widget")
        return box

    def result(self, qid: str, key: Mapping[str, Any] | None = None) -> Result:
        """The outcome of one question. Without a key, only what can be known without it."""
        answer = self.store.get(qid)
        if key is not None:
            return scoring.score(key, answer, self._labels(qid))
        if qid in self.bank.forms:
            return forms.get(qid).check(answer.value if answer else None, answer.saved_at if answer else None)
        if qid in self.bank.reflections:
            if answer and str(answer.value).strip():
                return Result(Outcome.SAVED, 0.0, ("An assessor marks this answer against the rubric.",))
            return Result(Outcome.NOT_ATTEMPTED, 0.0, ("Write your answer in the box above and save it.",))
        question = self.bank.question(qid)
        if answer is None or answer.value in (None, "", [], {}):
            return Result(Outcome.NOT_ATTEMPTED, 0.0, ("Answer the question above.",))
        shown = describe(question, answer.value)
        if shown is None and isinstance(question, Ranking):
            ranks = scoring.read_ranking([o.id for o in question.options], answer.value)
            if ranks is not None:  # readable, but nothing ranked yet
                return Result(Outcome.NOT_ATTEMPTED, 0.0, ("Rank the responses above.",))
            return Result(Outcome.UNREADABLE, 0.0, ("The saved ranking could not be read. Rank the responses again.",))
        if shown is None:
            return Result(Outcome.UNREADABLE, 0.0, ("The saved answer is not one of the choices. Answer again.",))
        return Result(Outcome.SAVED, 0.0, (f"{shown} It is marked when you submit your work.",))

    def check(self, qid: str, key: Mapping[str, Any] | None = None) -> float | None:
        """Print what a check of ``qid`` finds.

        With a ``key`` (nbgrader runs this in a hidden test) it also returns the points
        earned, which nbgrader records as partial credit. coursekit's own grading never
        runs this cell: it reads the same key as data and scores with the same functions.
        """
        result = self.result(qid, key)
        if key is None:
            text = result.text()
            if qid in self.bank.forms:
                text += "\n" + (forms.NO_MARKS_NOTE if form_rubric(qid) else
                                 "These checks are instant feedback only: this form gives no marks.")
            print(text, file=sys.stderr if _needs_work(result) else sys.stdout)
            return None
        points = float(key.get("points", 1))
        print(result.text(points))
        return result.points(points)

    def hint(self, qid: str, number: int = 1) -> None:
        """Show hint ``number`` (1, 2, ...): each helps a little more, none gives the answer."""
        _hint(self._hints(qid), number)

    def solution(self, qid: str) -> None:
        if qid in self.bank.forms:
            spec = forms.get(qid)
            if spec.is_blank(self.store.value(qid)):
                print("Try the form first. The worked example appears after your first attempt.")
                return
            print(f"A worked example (illustrative, a made-up trust). It meets all {len(spec.criteria)} criteria:")
            for label, value in spec.readable(spec.example(_dt.date.today())).items():
                print(f"  {label} {value}")
            return
        print("Worked answers to graded questions come back with your feedback after marking.")


def _needs_work(result: Result) -> bool:
    """Whether a check without a key goes to stderr (JupyterLab shows it on red; nbgrader counts
    the cell as failed). An unreadable answer always does. A question not answered yet does only
    while nbgrader's Validate runs the notebook (it sets NBGRADER_VALIDATING=1), so Validate lists
    what is left to do; when the learner runs the notebook, a question they have not reached yet
    is a calm, ordinary line, not an alarm."""
    if result.outcome is Outcome.UNREADABLE:
        return True
    return result.outcome is Outcome.NOT_ATTEMPTED and os.environ.get("NBGRADER_VALIDATING") == "1"


def _hint(hints: tuple[str, ...], number: int) -> None:
    if not hints:
        print("There is no hint for this question. Re-read the section above it.")
        return
    number = max(1, min(number, len(hints)))
    more = f" For another, ask for hint {number + 1}." if number < len(hints) else ""
    print(f"Hint {number} of {len(hints)}: {hints[number - 1]}{more}")

