"""Feedback quotes a text once: no ``““doubled””`` quotation marks and no ``results.”.``.

Data-driven: every option, response and item of every question bank goes through the
feedback a learner sees (graded saves, formative choices, descriptions of saved answers)."""

from __future__ import annotations

import re
from importlib import resources

import pytest

from coursekit.answers import AnswerStore
from coursekit.learner.widgets import ChoiceQuestion, MultiQuestion
from coursekit.questions.bank import Choice, Match, Multi, Ranking, describe, load_bank
from coursekit.questions.quoting import quoted

#: What doubled or clashing marks look like once text is quoted.
DOUBLED = re.compile(r"[“”\"]{2}|[.!?]”\.|“\s|\s”")


def bank_ids() -> list[str]:
    ids = []
    for entry in resources.files("coursekit.content").iterdir():
        name = entry.name
        if name.endswith(".toml") and name != "form_rubrics.toml":
            try:
                load_bank(name[:-5])
            except Exception:
                continue
            ids.append(name[:-5])
    return sorted(ids)


@pytest.mark.parametrize("text, expected", [
    ("We all agree on it", "“We all agree on it”"),
    ("“We all agree…”", "“We all agree…”"),
    ('"We all agree."', "“We all agree”"),
    ("It shows results.", "“It shows results”"),
    ("  ‘Single’  ", "“Single”"),
    ("Wait...", "“Wait...”"),
    ("Why now?", "“Why now?”"),
])
def test_quoted_quotes_once(text, expected):
    assert quoted(text) == expected


@pytest.mark.parametrize("bank_id", bank_ids())
def test_feedback_on_every_bank_text_has_no_doubled_quotation_marks(bank_id, tmp_path):
    bank = load_bank(bank_id)
    shown = []
    for qid in (*bank.choices, *bank.multis, *bank.matches, *bank.rankings):
        question = bank.question(qid)
        if isinstance(question, Choice):
            for option in question.options:
                shown.append(describe(question, option.id))
                for graded in (True, False):
                    widget = ChoiceQuestion(question, AnswerStore(bank_id, tmp_path / qid / str(graded)), graded=graded)
                    widget.choices.value = option.id
                    shown.append(widget.feedback.value)
        elif isinstance(question, Multi):
            ids = [o.id for o in question.options]
            shown.append(describe(question, ids))
            widget = MultiQuestion(question, AnswerStore(bank_id, tmp_path / qid), graded=True)
            widget.choices.value = ids
            shown.append(widget.feedback.value)
        elif isinstance(question, Match):
            shown.append(describe(question, {i.id: question.categories[0].id for i in question.items}))
        elif isinstance(question, Ranking):
            shown.append(describe(question, {o.id: 1 for o in question.options}))
            shown.append(describe(question, {question.options[0].id: 1}))
    import html
    bad = [text for text in shown if text and DOUBLED.search(html.unescape(text))]
    assert bad == []


@pytest.mark.parametrize("typed", ['"todo"', "“TBC”", "'tbd'"])
def test_a_placeholder_the_learner_quoted_is_quoted_once(typed):
    from coursekit.questions.filler import why_filler

    reason = why_filler(typed)
    assert reason and not DOUBLED.search(reason), reason


def test_an_aim_the_learner_quoted_is_quoted_once():
    from coursekit.questions import goal

    reason = goal.vague_aim("“Improve patient experience.”")
    assert reason and not DOUBLED.search(reason), reason
