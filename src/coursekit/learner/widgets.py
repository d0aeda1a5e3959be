"""What a learner sees and clicks: choice questions, the first-goal form, a reflection box.

Every widget saves its answer to the :class:`~coursekit.answers.AnswerStore` the
moment it is given, puts a saved answer back after a kernel restart, and writes
its feedback to a :class:`~coursekit.learner.accessible.LiveRegion` (``role="status"``), with
words as well as symbols so colour is never the only signal.
"""

from __future__ import annotations

import datetime as _dt
import html
import re
from typing import Any, Callable

import ipywidgets as w

from coursekit.questions import forms, scoring
from coursekit.answers import AnswerStore
from coursekit.learner.accessible import CheckGroup, LiveRegion, RadioGroup
from coursekit.questions.bank import Choice, Match, Multi, Ranking, Reflection, describe_ranking, form_rubric, short_text
from coursekit.questions.forms import Field, FormSpec
from coursekit.questions.quoting import quoted
from coursekit.questions.outcomes import Outcome, Result

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


def saved_or_said(store: AnswerStore, qid: str, value: Any, feedback: LiveRegion) -> bool:
    """Save an answer; when it cannot be saved, say why in ``feedback`` and return False."""
    try:
        store.save(qid, value)
    except ValueError as err:
        feedback.value = status_html(f"<strong>⚠ Not saved.</strong> {html.escape(str(err))}", "ck-wrong")
        return False
    return True


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
                f"Saved your answer{restored}: {quoted(option.text)}. It is marked when you submit your work. "
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


class MultiQuestion(w.VBox):
    """Choose all that apply. Formative ones say, for each choice, why it does or does not
    apply; graded ones confirm the answer is saved."""

    def __init__(self, question: Multi, store: AnswerStore, *, graded: bool, number: int | None = None):
        self.question = question
        self.store = store
        self.graded = graded
        label = f"Question {number}" if number else "Question"
        self.choices = CheckGroup(
            label=f"<strong>{label}.</strong> {html.escape(question.prompt)} <em>Choose all that apply.</em>",
            options=[(o.id, o.text) for o in question.options],
        )
        saved = store.value(question.id)
        if isinstance(saved, list):
            try:
                self.choices.value = [v for v in saved if isinstance(v, str)]
            except Exception:  # a saved id no longer in the question: start afresh
                pass
        self.feedback = LiveRegion()
        super().__init__([self.choices, self.feedback])
        self.add_class("coursekit-widget")
        if self.choices.value:
            self.feedback.value = self._feedback(self.choices.value, restored=True)
        self.choices.observe(self._on_change, names="value")

    def _on_change(self, change: dict) -> None:
        chosen = list(change["new"])
        try:
            self.store.save(self.question.id, chosen)
        except ValueError as err:
            self.feedback.value = status_html(f"<strong>⚠ Not saved.</strong> {html.escape(str(err))}", "ck-wrong")
            return
        self.feedback.value = self._feedback(chosen)

    def _feedback(self, chosen: list[str], restored: bool = False) -> str:
        again = " (restored from your saved answers)" if restored else ""
        if not chosen:
            return status_html("Nothing chosen yet. Tick every option that applies.")
        if self.graded:
            texts = "; ".join(quoted(self.question.option(c).text) for c in chosen)
            return status_html(f"<strong>✔ Saved{again}.</strong> Your choices: {html.escape(texts)}. "
                               "They are marked when you submit your work.")
        correct = set(self.question.correct or ())
        items = "".join(
            f"<li><strong>{'✔ Applies' if c in correct else '✘ Does not apply'}:</strong> "
            f"{html.escape(self.question.option(c).text)}. {html.escape(self.question.option(c).feedback)}</li>"
            for c in chosen
        )
        missed = len(correct - set(chosen))
        if set(chosen) == correct:
            lead, css = f"✔ Correct{again}. You found every one.", "ck-correct"
        elif missed:
            lead, css = f"◐ Not all yet{again}. {missed} more option{'s' if missed > 1 else ''} appl{'y' if missed > 1 else 'ies'}.", "ck-partly"
        else:
            lead, css = f"✘ Not quite{again}. Untick the options that do not apply.", "ck-wrong"
        return status_html(f"<strong>{html.escape(lead)}</strong><ul>{items}</ul>", css)

    @property
    def value(self) -> list[str]:
        return list(self.choices.value)


class MatchQuestion(w.VBox):
    """Match each item to one category with a drop-down per item. Formative ones check
    each match and say why; graded ones confirm the answer is saved."""

    def __init__(self, question: Match, store: AnswerStore, *, graded: bool, number: int | None = None):
        self.question = question
        self.store = store
        self.graded = graded
        saved = store.value(question.id)
        saved = saved if isinstance(saved, dict) else {}
        label = f"Question {number}" if number else "Question"
        options = tuple((c.text, c.id) for c in question.categories)
        self.dropdowns = {
            item.id: _dropdown(item.text, options, saved.get(item.id)) for item in question.items
        }
        self.check_button = w.Button(description="Check my matches", icon="check", button_style="primary",
                                     layout=w.Layout(width="auto"), disabled=graded)
        self.feedback = LiveRegion()
        heading = w.HTML(f"<p><strong>{label}.</strong> {html.escape(question.prompt)}</p>")
        controls = [heading, *self.dropdowns.values()]
        if not graded:
            controls.append(self.check_button)
        super().__init__([*controls, self.feedback])
        self.add_class("coursekit-widget")
        for dropdown in self.dropdowns.values():
            dropdown.observe(self._on_change, names="value")
        self.check_button.on_click(lambda _b: self.check())
        if saved:
            self.feedback.value = status_html(f"✔ Restored {len(self.value)} saved match{'es' if len(self.value) != 1 else ''}.")

    @property
    def value(self) -> dict[str, str]:
        return {item: d.value for item, d in self.dropdowns.items() if d.value}

    def _on_change(self, _change: dict) -> None:
        if not saved_or_said(self.store, self.question.id, self.value, self.feedback):
            return
        left = len(self.dropdowns) - len(self.value)
        todo = f" {left} still to match." if left else " All matched."
        what = "They are marked when you submit your work." if self.graded else "Check your matches when you are ready."
        self.feedback.value = status_html(f"<strong>✔ Saved.</strong>{todo} {what}")

    def check(self) -> None:
        correct = self.question.correct or {}
        value = self.value
        rows = []
        for item in self.question.items:
            chosen = value.get(item.id)
            if not chosen:
                rows.append(f"<li><strong>○ Not matched yet:</strong> {html.escape(item.text)}</li>")
            elif chosen == correct.get(item.id):
                rows.append(f"<li><strong>✔ Right:</strong> {html.escape(item.text)}. {html.escape(item.feedback)}</li>")
            else:
                rows.append(f"<li><strong>✘ Not this one:</strong> {html.escape(item.text)}. "
                            "Think again about this one.</li>")
        right = sum(value.get(i) == c for i, c in correct.items())
        css = "ck-correct" if right == len(correct) else "ck-partly" if right else "ck-wrong"
        self.feedback.value = status_html(
            f"<strong>{right} of {len(correct)} matched rightly.</strong><ul>{''.join(rows)}</ul>", css)


class RankingQuestion(w.VBox):
    """A situational judgement item: an illustrative situation and 4 or 5 responses, each ranked with
    its own drop-down (a native ``<select>``: Tab to it, arrow keys to choose). Every change is saved
    as ``{response id: rank}`` (unranked responses are left out). The status says plainly what is
    still to rank or shares a rank; a formative item then says, response by response in the
    learner's own order, where the key puts it and why; a graded one confirms it is saved."""

    UNRANKED = 0

    def __init__(self, question: Ranking, store: AnswerStore, *, graded: bool, number: int | None = None):
        self.question = question
        self.store = store
        self.graded = graded
        self.ids = [o.id for o in question.options]
        n = len(self.ids)
        saved = store.value(question.id)
        ranks = scoring.read_ranking(self.ids, saved) if saved is not None else {}
        label = f"Question {number}" if number else "Question"
        choices = [("— not ranked", self.UNRANKED), *((_rank_label(r, n), r) for r in range(1, n + 1))]
        self.dropdowns = {
            o.id: w.Dropdown(options=choices, value=(ranks or {}).get(o.id) or self.UNRANKED,
                             description=f"Rank: {o.text}", style={"description_width": "initial"},
                             layout=w.Layout(width="auto", max_width="46em"))
            for o in question.options
        }
        heading = w.HTML(
            f"<p><strong>{label}.</strong> <strong class='coursekit-illustrative'>Illustrative situation</strong> "
            f"(made up for this course): {html.escape(_without_label(question.scenario))}</p>"
            f"<p>{html.escape(question.prompt)}</p>"
        )
        self.feedback = LiveRegion()
        super().__init__([heading, *self.dropdowns.values(), self.feedback])
        self.add_class("coursekit-widget")
        self.add_class("coursekit-ranking")  # long response texts wrap above their drop-down
        for dropdown in self.dropdowns.values():
            dropdown.observe(self._on_change, names="value")
        if ranks is None:
            self.feedback.value = status_html(
                "<strong>⚠ Your saved ranking could not be read.</strong> Rank the responses again.", "ck-wrong")
        elif self.value:
            self.feedback.value = self._feedback(restored=True)

    @property
    def value(self) -> dict[str, int]:
        """The learner's ranking: response id -> rank (1 = most appropriate); unranked ones left out."""
        return {rid: d.value for rid, d in self.dropdowns.items() if d.value != self.UNRANKED}

    def _on_change(self, _change: dict) -> None:
        if saved_or_said(self.store, self.question.id, self.value, self.feedback):
            self.feedback.value = self._feedback()

    def _feedback(self, restored: bool = False) -> str:
        value = self.value
        n = len(self.ids)
        saved = "✔ Restored your saved ranking." if restored else "✔ Saved."
        problems = []
        for rank in sorted({r for r in value.values() if list(value.values()).count(r) > 1}):
            sharing = [self.question.option(i).text for i in self.ids if value.get(i) == rank]
            problems.append(f"{len(sharing)} responses share rank {rank}: "
                            + "; ".join(quoted(short_text(t)) for t in sharing) + ". Give each response its own rank.")
        left = n - len(value)
        if left:
            problems.append(f"{left} response{'s' if left > 1 else ''} still to rank.")
        if problems:
            items = "".join(f"<li>{html.escape(p)}</li>" for p in problems)
            after = ("It is marked when you submit your work." if self.graded
                     else "You see how your ranking compares once every response has its own rank.")
            return status_html(f"<strong>{saved}</strong> <strong>⚠ Not finished:</strong><ul>{items}</ul>"
                               f"<p>{html.escape(after)}</p>", "ck-partly")
        if self.graded:
            shown = describe_ranking(self.question, value) or ""
            return status_html(f"<strong>{saved}</strong> Every response has its own rank. {html.escape(shown)} "
                               "It is marked when you submit your work. You can change it until then.")
        result = scoring.rank_result(self.question.correct or (), {o.id: o.feedback for o in self.question.options},
                                     value, self.question.labels())
        return result_html(result, saved)


def _rank_label(rank: int, n: int) -> str:
    return {1: "1 (most appropriate)", n: f"{n} (least appropriate)"}.get(rank, str(rank))


def _without_label(scenario: str) -> str:
    """The scenario without its own leading "Illustrative situation." (the widget shows that label)."""
    return re.sub(r"^\s*illustrative(\s+situation)?\s*[.:\-–—]\s*", "", scenario, flags=re.IGNORECASE) or scenario


def _dropdown(description: str, options: tuple[tuple[str, str], ...], value: Any) -> w.Dropdown:
    values = {v for _, v in options}
    return w.Dropdown(
        options=[("Choose one…", ""), *options],
        value=value if value in values else "",
        description=description,
        style={"description_width": "initial"},
        layout=w.Layout(width="auto", max_width="46em"),
    )


class FormWidget(w.VBox):
    """A form about the learner's own trust: no code, controls. Any form in :mod:`coursekit.questions.forms`.

    Every change is saved. The check button gives instant feedback against the form's
    criteria, which carries no marks; an assessor marks the answer against the rubric shown
    under the form. The hint button gives hints that never give the answer away; the worked
    example (illustrative) appears only after a first check.
    """

    def __init__(self, spec: FormSpec, store: AnswerStore, today: Callable[[], _dt.date] = _dt.date.today):
        self.spec = spec
        self.store = store
        self.today = today
        self._restoring = True
        saved = store.value(spec.name)
        if not isinstance(saved, dict):
            saved = {}
        self.controls: dict[str, w.Widget] = {f.name: _control(f, saved.get(f.name)) for f in spec.fields}
        for name, control in self.controls.items():
            if not hasattr(type(self), name) and name not in self.__dict__:
                setattr(self, name, control)  # form.goal, form.date ... for tests and notebooks
        self.check_button = w.Button(description=spec.check_label, button_style="primary", icon="check",
                                     layout=w.Layout(width="auto"))
        self.hint_button = w.Button(description="Show a hint", icon="lightbulb-o", layout=w.Layout(width="auto"))
        self.example_button = w.Button(
            description="Show the worked example", icon="book", disabled=spec.is_blank(saved),
            tooltip="Available after you have checked your answer once", layout=w.Layout(width="auto"),
        )
        self.feedback = LiveRegion()
        self.hints = LiveRegion()
        self.example = LiveRegion()
        self._hints_shown = 0
        self.rubric = form_rubric(spec.name)
        self.marking = w.HTML(marking_html(spec))
        super().__init__([
            *_laid_out(spec, self.controls),
            w.HBox([self.check_button, self.hint_button, self.example_button]),
            self.feedback, self.hints, self.example, self.marking,
        ])
        self.add_class("coursekit-widget")
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        self.check_button.on_click(lambda _b: self.check())
        self.hint_button.on_click(lambda _b: self.hint())
        self.example_button.on_click(lambda _b: self.show_example())
        self._restoring = False
        if spec.name in store:
            self.check(save=False)

    def answer(self) -> dict[str, Any]:
        return {f.name: _read(f, self.controls[f.name]) for f in self.spec.fields}

    def _on_change(self, _change: dict) -> None:
        if not self._restoring:
            self._save()

    def _save(self) -> bool:
        try:
            self.store.save(self.spec.name, self.answer())
        except ValueError as err:
            self.feedback.value = status_html(f"<strong>⚠ Not saved.</strong> {html.escape(str(err))}", "ck-wrong")
            return False
        return True

    def check(self, save: bool = True) -> Result:
        if save and not self._save():
            return self.spec.check(self.answer())
        saved = self.store.get(self.spec.name)
        result = self.spec.check(self.answer(), saved.saved_at if saved else None)
        if result.outcome is Outcome.NOT_ATTEMPTED:
            self.feedback.value = result_html(result)
            return result
        lead = self.spec.all_met if result.outcome is Outcome.CORRECT else self.spec.some_met
        self.feedback.value = result_html(result, f"{lead} {self.no_marks}")
        self.example_button.disabled = False
        return result

    @property
    def no_marks(self) -> str:
        """What the instant checks are worth: nothing. The assessor's rubric gives the marks."""
        if self.rubric is None:
            return "These checks are instant feedback only: this form gives no marks."
        return forms.NO_MARKS_NOTE

    def hint(self) -> str:
        hints = self.spec.hints
        text = hints[min(self._hints_shown, len(hints) - 1)]
        self._hints_shown += 1
        number = min(self._hints_shown, len(hints))
        self.hints.value = status_html(f"<strong>Hint {number} of {len(hints)}:</strong> {html.escape(text)}")
        return text

    def show_example(self) -> None:
        if self.spec.is_blank(self.store.value(self.spec.name)):
            self.example.value = status_html("Check your own answer first. The worked example appears after that.")
            return
        rows = "".join(
            f"<tr><th scope='row'>{html.escape(label)}</th><td>{html.escape(value)}</td></tr>"
            for label, value in self.spec.readable(self.spec.example(self.today())).items()
        )
        self.example.value = (
            "<div class='coursekit-feedback'><p><strong>A worked example</strong> (illustrative: a made-up trust, "
            f"not from the source). It meets all {len(self.spec.criteria)} criteria.</p>"
            f"<table>{rows}</table></div>"
        )


class GoalForm(FormWidget):
    """Lesson 4's form: a small, visible first goal for your own trust."""

    QID = "first_goal"

    def __init__(self, store: AnswerStore, today: Callable[[], _dt.date] = _dt.date.today):
        super().__init__(forms.get(self.QID), store, today)


def _control(field: Field, saved: Any) -> w.Widget:
    wide = w.Layout(width="auto", max_width="46em")
    initial = {"description_width": "initial"}
    if field.kind in ("text", "longtext"):
        cls = w.Textarea if field.kind == "longtext" else w.Text
        extra = {"rows": 4} if field.kind == "longtext" else {}
        return cls(value=str(saved or ""), description=field.label, placeholder=field.placeholder,
                   continuous_update=False, style=initial, layout=wide, **extra)
    if field.kind == "date":
        return w.DatePicker(value=_date_or_none(saved), description=field.label, style=initial)
    if field.kind == "check":
        return w.Checkbox(value=saved is True, description=field.label, indent=False, layout=wide)
    values = [v for _, v in field.options]
    # "Choose one…" has the value "", so the drop-down shows it (a None value shows nothing).
    return w.Dropdown(
        options=[("Choose one…", ""), *field.options],
        value=saved if saved in values and saved != "" else "",
        description=field.label, style=initial, layout=wide,
    )


def _read(field: Field, control: w.Widget) -> Any:
    value = control.value
    if field.kind in ("text", "longtext"):
        return value.strip()
    if field.kind == "date":
        return value.isoformat() if value else ""
    if field.kind == "check":
        return bool(value)
    if value is None or value == "":
        return field.blank()
    return value


def _laid_out(spec: FormSpec, controls: dict[str, w.Widget]) -> list[w.Widget]:
    """The controls, each group under its own heading."""
    parts: list[w.Widget] = []
    if spec.intro:
        parts.append(w.HTML(f"<p>{html.escape(spec.intro)}</p>"))
    group = ""
    for field in spec.fields:
        if field.group and field.group != group:
            parts.append(w.HTML(f"<h4>{html.escape(field.group)}</h4>"))
        group = field.group
        parts.append(controls[field.name])
    return parts


def _date_or_none(value: Any) -> _dt.date | None:
    try:
        return _dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def marking_html(spec: FormSpec) -> str:
    """Under a form: the checks give no marks, and the rubric an assessor marks the answer against."""
    rubric = form_rubric(spec.name)
    if rubric is None:
        return status_html("<strong>No marks.</strong> The checks above are instant feedback only. "
                           "This form is not marked.")
    how = f"<p>{html.escape(rubric.how_to_mark)}</p>" if rubric.how_to_mark else ""
    return (
        "<div class='coursekit-feedback'><p><strong>How this form is marked.</strong> "
        f"{html.escape(forms.NO_MARKS_NOTE)}</p>"
        f"<details><summary>Show the rubric (up to {rubric.max_points:g} points)</summary>{how}"
        f"{rubric_html(rubric)}</details></div>"
    )


def rubric_html(reflection: Reflection) -> str:
    """The rubric of a reflection (or of any object with ``rubric`` and ``max_points``) as a table."""
    rows = "".join(
        f"<tr><td>{level.points:g}</td><th scope='row'>{html.escape(level.level)}</th><td>{html.escape(level.descriptor)}"
        + (f"<br><em>Example:</em> {html.escape(level.example)}" if level.example else "")
        + "</td></tr>"
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
