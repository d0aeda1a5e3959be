"""What a learner sees and clicks: choice questions, the first-goal form, a reflection box.

Every widget saves its answer to the :class:`~coursekit.answers.AnswerStore` the
moment it is given, puts a saved answer back after a kernel restart, and writes
its feedback to a :class:`~coursekit.accessible.LiveRegion` (``role="status"``), with
words as well as symbols so colour is never the only signal.
"""

from __future__ import annotations

import datetime as _dt
import html
from typing import Any, Callable

import ipywidgets as w

from . import goal
from .answers import AnswerStore
from .accessible import LiveRegion, RadioGroup
from .bank import Choice, Reflection
from .outcomes import Outcome, Result

OUTCOME_CLASS = {
    Outcome.CORRECT: "ck-correct",
    Outcome.PARTLY: "ck-partly",
    Outcome.INCORRECT: "ck-wrong",
    Outcome.NOT_ATTEMPTED: "ck-none",
    Outcome.UNREADABLE: "ck-wrong",
    Outcome.SAVED: "ck-none",
}


def status_html(body: str, css: str = "") -> str:
    """The inside of a feedback region: text with a style hook (a border, never colour alone)."""
    return f'<div class="coursekit-feedback {css}">{body}</div>' if body else ""


def result_html(result: Result, lead: str = "") -> str:
    parts = [f"<strong>{html.escape(result.outcome.symbol)}.</strong>"]
    if lead:
        parts.append(html.escape(lead))
    body = " ".join(parts)
    if result.criteria:
        items = "".join(
            f"<li><strong>{'✔ Met' if c.met else '✘ Not yet'}:</strong> {html.escape(c.name)}. {html.escape(c.message)}</li>"
            for c in result.criteria
        )
        body += f"<ul>{items}</ul>"
    body += "".join(f"<p>{html.escape(m)}</p>" for m in result.messages)
    return status_html(body, OUTCOME_CLASS[result.outcome])


def problems_html(problems: list[str]) -> str:
    if not problems:
        return ""
    items = "".join(f"<li>{html.escape(p)}</li>" for p in problems)
    return status_html(f"<strong>⚠ About your saved answers:</strong><ul>{items}</ul>", "ck-wrong")


class ChoiceQuestion(w.VBox):
    """One multiple-choice question. Formative questions say at once whether the
    choice is right and why; graded ones confirm the answer is saved."""

    def __init__(self, question: Choice, store: AnswerStore, *, graded: bool, number: int | None = None):
        self.question = question
        self.store = store
        self.graded = graded
        self._restoring = False
        label = f"Question {number}" if number else "Question"
        self.choices = RadioGroup(
            label=f"<strong>{label}.</strong> {html.escape(question.prompt)}",
            options=[(o.id, o.text) for o in question.options],
        )
        self.feedback = LiveRegion()
        super().__init__([self.choices, self.feedback])
        self.add_class("coursekit-widget")
        self.choices.observe(self._on_change, names="value")
        self._restore()

    def _restore(self) -> None:
        saved = self.store.value(self.question.id)
        if saved is not None and self.question.option(saved) is not None:
            self._restoring = True
            try:
                self.choices.value = saved
            finally:
                self._restoring = False

    def _on_change(self, change: dict) -> None:
        choice = change["new"]
        if choice is None:
            return
        if not self._restoring:
            try:
                self.store.save(self.question.id, choice)
            except ValueError as err:
                self.feedback.value = status_html(f"<strong>⚠ Not saved.</strong> {html.escape(str(err))}", "ck-wrong")
                return
        self.feedback.value = self._feedback(choice)

    def _feedback(self, choice: str) -> str:
        option = self.question.option(choice)
        restored = " (restored from your saved answers)" if self._restoring else ""
        if self.graded:
            text = (
                f"Saved your answer{restored}: “{option.text}”. It is marked when you submit your work. "
                "You can change it until then."
            )
            return status_html(f"<strong>✔ Saved.</strong> {html.escape(text)}")
        if choice == self.question.correct:
            return status_html(f"<strong>✔ Correct{restored}.</strong> {html.escape(option.feedback)}", "ck-correct")
        return status_html(
            f"<strong>✘ Not quite{restored}.</strong> {html.escape(option.feedback)} Try another answer.", "ck-wrong"
        )

    @property
    def value(self) -> str | None:
        return self.choices.value


def _dropdown(description: str, options: tuple[tuple[str, str], ...], value: Any) -> w.Dropdown:
    values = {v for _, v in options}
    return w.Dropdown(
        options=[("Choose one…", ""), *options],
        value=value if value in values else "",
        description=description,
        style={"description_width": "initial"},
        layout=w.Layout(width="auto", max_width="46em"),
    )


class GoalForm(w.VBox):
    """Define a small, visible first goal for your own trust: no code, a form.

    Every change is saved. "Check my goal" gives instant feedback against the five
    criteria; "Show a hint" gives hints that never give the answer away; the worked
    example appears only after a first check.
    """

    QID = "first_goal"

    def __init__(self, store: AnswerStore, today: Callable[[], _dt.date] = _dt.date.today):
        self.store = store
        self.today = today
        self._restoring = True
        saved = store.value(self.QID) or {}
        if not isinstance(saved, dict):
            saved = {}
        wide = w.Layout(width="auto", max_width="46em")
        initial = {"description_width": "initial"}
        self.goal = w.Textarea(
            value=str(saved.get("goal", "")), description="Your first goal, in one sentence:",
            placeholder="For example: who will be able to do what, that they cannot do today?",
            rows=2, continuous_update=False, style=initial, layout=wide,
        )
        self.kind = _dropdown("What kind of thing is it?", goal.KIND_OPTIONS, saved.get("kind"))
        self.users = _dropdown("Who will see it or use it?", goal.USERS_OPTIONS, saved.get("users"))
        self.date = w.DatePicker(
            value=_date_or_none(saved.get("date")), description="The date it will be live:", style=initial,
        )
        self.scale = _dropdown("How big is the job?", goal.SCALE_OPTIONS, saved.get("scale"))
        self.risk = _dropdown("If it went wrong, what would happen?", goal.RISK_OPTIONS, saved.get("risk"))
        self.difference = w.Textarea(
            value=str(saved.get("difference", "")), description="What will people notice that is different?",
            rows=2, continuous_update=False, style=initial, layout=wide,
        )
        self.different = _dropdown("How different will it feel to them?", goal.DIFFERENT_OPTIONS, saved.get("different"))
        self.check_button = w.Button(description="Check my goal", button_style="primary", icon="check",
                                     layout=w.Layout(width="auto"))
        self.hint_button = w.Button(description="Show a hint", icon="lightbulb-o", layout=w.Layout(width="auto"))
        self.example_button = w.Button(
            description="Show the worked example", icon="book", disabled=goal.is_blank(saved),
            tooltip="Available after you have checked your goal once", layout=w.Layout(width="auto"),
        )
        self.feedback = LiveRegion()
        self.hints = LiveRegion()
        self.example = LiveRegion()
        self._hints_shown = 0
        controls = [self.goal, self.kind, self.users, self.date, self.scale, self.risk, self.difference, self.different]
        super().__init__([
            *controls,
            w.HBox([self.check_button, self.hint_button, self.example_button]),
            self.feedback, self.hints, self.example,
        ])
        self.add_class("coursekit-widget")
        for control in controls:
            control.observe(self._on_change, names="value")
        self.check_button.on_click(lambda _b: self.check())
        self.hint_button.on_click(lambda _b: self.hint())
        self.example_button.on_click(lambda _b: self.show_example())
        self._restoring = False
        if self.QID in store:
            self.check(save=False)

    def answer(self) -> dict[str, str]:
        return {
            "goal": self.goal.value.strip(),
            "kind": self.kind.value or "",
            "users": self.users.value or "",
            "date": self.date.value.isoformat() if self.date.value else "",
            "scale": self.scale.value or "",
            "risk": self.risk.value or "",
            "difference": self.difference.value.strip(),
            "different": self.different.value or "",
        }

    def _on_change(self, _change: dict) -> None:
        if not self._restoring:
            self._save()

    def _save(self) -> bool:
        try:
            self.store.save(self.QID, self.answer())
        except ValueError as err:
            self.feedback.value = status_html(f"<strong>⚠ Not saved.</strong> {html.escape(str(err))}", "ck-wrong")
            return False
        return True

    def check(self, save: bool = True) -> Result:
        if save and not self._save():
            return goal.check_goal(self.answer())
        saved = self.store.get(self.QID)
        result = goal.check_goal(self.answer(), saved.saved_at if saved else None)
        if result.outcome is Outcome.NOT_ATTEMPTED:
            self.feedback.value = result_html(result)
            return result
        lead = "Your goal meets every criterion." if result.outcome is Outcome.CORRECT else (
            "Here is how your goal compares with the five criteria from the source."
        )
        self.feedback.value = result_html(result, lead)
        self.example_button.disabled = False
        return result

    def hint(self) -> str:
        text = goal.HINTS[min(self._hints_shown, len(goal.HINTS) - 1)]
        self._hints_shown += 1
        number = min(self._hints_shown, len(goal.HINTS))
        self.hints.value = status_html(f"<strong>Hint {number} of {len(goal.HINTS)}:</strong> {html.escape(text)}")
        return text

    def show_example(self) -> None:
        if goal.is_blank(self.store.value(self.QID)):
            self.example.value = status_html("Check your own goal first. The worked example appears after that.")
            return
        example = goal.worked_example(self.today())
        labels, readable = goal.FIELD_LABELS, goal.readable(example)
        rows = "".join(f"<tr><th scope='row'>{labels[k]}</th><td>{html.escape(readable[k])}</td></tr>" for k in goal.FIELDS)
        self.example.value = (
            "<div class='coursekit-feedback'><p><strong>A worked example</strong> (illustrative: a made-up trust, "
            "not from the source). It meets all five criteria.</p>"
            f"<table>{rows}</table></div>"
        )


def _date_or_none(value: Any) -> _dt.date | None:
    try:
        return _dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def rubric_html(reflection: Reflection) -> str:
    rows = "".join(
        f"<tr><td>{level.points:g}</td><th scope='row'>{html.escape(level.level)}</th><td>{html.escape(level.descriptor)}</td></tr>"
        for level in sorted(reflection.rubric, key=lambda lv: lv.points)
    )
    return (
        f"<table><caption>How this answer is marked (up to {reflection.max_points:g} points)</caption>"
        f"<thead><tr><th scope='col'>Points</th><th scope='col'>Level</th><th scope='col'>What it looks like</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )


class ReflectionBox(w.VBox):
    """A short written answer, saved as you leave the box or press Save, marked by an assessor."""

    def __init__(self, reflection: Reflection, store: AnswerStore):
        self.reflection = reflection
        self.store = store
        saved = store.value(reflection.id)
        self.text = w.Textarea(
            value=saved if isinstance(saved, str) else "",
            placeholder="Write your answer here. It is saved when you click Save or move out of the box.",
            rows=8, continuous_update=False, layout=w.Layout(width="auto", max_width="46em"),
            description="Your answer:", style={"description_width": "initial"},
        )
        self.save_button = w.Button(description="Save my answer", icon="save", button_style="primary")
        self.status = LiveRegion()
        super().__init__([self.text, self.save_button, self.status])
        self.add_class("coursekit-widget")
        self.text.observe(lambda _c: self.save(), names="value")
        self.save_button.on_click(lambda _b: self.save())
        if isinstance(saved, str) and saved:
            self.status.value = status_html(f"✔ Restored your saved answer ({_count_words(saved)} words).")

    def save(self) -> None:
        text = self.text.value
        try:
            answer = self.store.save(self.reflection.id, text)
        except ValueError as err:
            self.status.value = status_html(f"<strong>⚠ Not saved.</strong> {html.escape(str(err))}", "ck-wrong")
            return
        when = answer.saved_at[11:16]
        self.status.value = status_html(
            f"<strong>✔ Saved</strong> at {when} UTC ({_count_words(text)} words). An assessor marks this answer."
        )


def _count_words(text: str) -> int:
    return len(text.split())
