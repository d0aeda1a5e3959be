"""Who to chase: for each board, each learner's missing, unmarked and late work, as data and as HTML tables.

For every learner on the roster, over the lessons released so far (every assignment in the gradebook):

* **not handed in**: released, but nothing of the learner's was collected;
* **parts not answered**: handed in, but a graded part has no answer. The rule is the learner's own
  progress view's (:func:`coursekit.cohort.results.part_answered`): placeholder or filler text is not
  an answer;
* **awaiting marking**: written answers (reflections, own-trust forms) the assessor has not marked yet
  in nbgrader's gradebook; and work collected but not auto-marked yet;
* **late**: handed in after the due date, by how long, as nbgrader's gradebook has it
  (``SubmittedAssignment.total_seconds_late``: its timestamp against the due date and any extension).

Names and boards come from the roster, which is untrusted text: the HTML shows them escaped.
"""

from __future__ import annotations

import datetime as _dt
import html
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nbgrader.api import Assignment, SubmittedAssignment

from coursekit.cohort.results import (LearnerLike, LearnerResults, LessonResult, answered, bank_of, part_answered,
                                      saved_answers)
from coursekit.questions import forms
from coursekit.questions.bank import Bank
from coursekit.records.progress import part_name
from coursekit.syllabus import Lesson

NO_BOARD = "No board given"
NONE = "None"


@dataclass(frozen=True)
class Late:
    lesson: Lesson
    seconds: float
    due: _dt.datetime | None  # naive UTC, extension included

    @property
    def how_late(self) -> str:
        return duration(self.seconds)


@dataclass
class ToChase:
    """What one learner has outstanding, lesson by lesson (each list in syllabus order)."""

    learner: LearnerLike
    missing: list[Lesson] = field(default_factory=list)
    unanswered: list[tuple[Lesson, list[str]]] = field(default_factory=list)
    awaiting: list[tuple[Lesson, list[str]]] = field(default_factory=list)
    late: list[Late] = field(default_factory=list)
    due: dict[str, _dt.datetime | None] = field(default_factory=dict)  # each lesson's due date, naive UTC

    @property
    def nothing(self) -> bool:
        return not (self.missing or self.unanswered or self.awaiting or self.late)


def duration(seconds: float) -> str:
    """A lateness in words, to the minute: "1 day 3 hours", "2 hours 5 minutes", "under a minute"."""
    minutes = int(seconds // 60)
    if minutes < 1:
        return "under a minute"
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts = [(days, "day"), (hours, "hour")] if days else [(hours, "hour"), (minutes, "minute")]
    return " ".join(f"{n} {word}{'s' if n != 1 else ''}" for n, word in parts if n) or "under a minute"


def lateness(gb: Any, assignment: str) -> dict[str, tuple[float, _dt.datetime | None]]:
    """{learner: (seconds late, due date)} for each submission of ``assignment`` handed in after its due date,
    from nbgrader's gradebook."""
    found = {}
    query = gb.db.query(SubmittedAssignment).join(Assignment).filter(Assignment.name == assignment)
    for submission in query:
        late = submission.total_seconds_late
        if late > 0:
            found[submission.student_id] = (float(late), submission.duedate)
    return found


def lesson_label(lesson: Lesson) -> str:
    return f"Lesson {lesson.number}: {lesson.title}"


def _part_label(bank: Bank | None, question: str | None, cell: str) -> str:
    """A graded part as a trainer reads it: "the reflection", "the form “Your first team”", "question 2"."""
    if bank is None or question is None or question not in bank.question_ids:
        return cell
    if question in bank.reflections:
        return "the reflection"
    if question in bank.forms:
        return f"the form “{forms.get(question).title}”"
    return part_name(bank, question)


def _unanswered(root: Path, learner: str, result: LessonResult, bank: Bank | None) -> list[str]:
    left = []
    answers: dict[str, dict[str, Any]] = {}
    for part in (p for p in result.parts if not p.attempted):
        if part.part.notebook not in answers:
            answers[part.part.notebook] = saved_answers(root, learner, result.lesson.assignment, part.part.notebook)
        found = answers[part.part.notebook]
        value = found.get(part.part.question) if part.part.question else None
        label = _part_label(bank, part.part.question, part.part.cell)
        if part.part.question and answered(value) and not part_answered(bank, part.part.question, value):
            label += " (placeholder text only)"
        left.append(label)
    return left


def who_to_chase(cohort: Any, results: list[LearnerResults]) -> dict[str, list[ToChase]]:
    """{board: [what each learner has outstanding]}, boards in name order, learners in roster order."""
    root = Path(cohort.root)
    assignments = list(results[0].lessons) if results else []
    with cohort.gradebook() as gb:
        late = {a: lateness(gb, a) for a in assignments}
        dues = {a: gb.find_assignment(a).duedate for a in assignments}
    banks = {a: bank_of(a) for a in assignments}
    boards: dict[str, list[ToChase]] = {}
    for learner in results:
        who = learner.learner
        chase = ToChase(who, due=dues)
        for assignment, result in learner.lessons.items():
            lesson = result.lesson
            if not result.submitted:
                if (root / "submitted" / who.id / assignment).is_dir():
                    chase.awaiting.append((lesson, [NOT_GRADED]))
                else:
                    chase.missing.append(lesson)
                continue
            left = _unanswered(root, who.id, result, banks[assignment])
            if left:
                chase.unanswered.append((lesson, left))
            waiting = [_part_label(banks[assignment], p.part.question, p.part.cell)
                       for p in result.parts if p.part.manual and p.score is None]
            if waiting:
                chase.awaiting.append((lesson, waiting))
            if who.id in late[assignment]:
                seconds, due = late[assignment][who.id]
                chase.late.append(Late(lesson, seconds, due))
        boards.setdefault(who.board.strip() or NO_BOARD, []).append(chase)
    return dict(sorted(boards.items()))


# -- the page ---------------------------------------------------------------------------------

def _items(lines: list[str]) -> str:
    if not lines:
        return NONE
    if len(lines) == 1:
        return html.escape(lines[0])
    return "<ul>" + "".join(f"<li>{html.escape(line)}</li>" for line in lines) + "</ul>"


def _due(when: _dt.datetime) -> str:
    return f"due {when.day} {when:%b %Y %H:%M} UTC"


def _missing(lesson: Lesson, due: _dt.datetime | None, now: _dt.datetime) -> str:
    """A lesson not handed in, with its due date, and whether that date has passed."""
    if due is None:
        return lesson_label(lesson)
    return f"{lesson_label(lesson)} ({_due(due)}{', not passed yet' if due > now else ''})"


#: What stands for a lesson that was collected but not auto-marked yet, in a learner's awaiting list.
NOT_GRADED = "all of it: handed in, not auto-marked yet"


def _awaiting(awaiting: list[tuple[Lesson, list[str]]]) -> list[str]:
    """One short line for the assessor's backlog: how many written answers, and in which lessons.

    The trainer chases learners; which form or reflection waits is formgrader's (and ``coursekit mark``'s) to show.
    """
    lines = [f"{lesson_label(lesson)}: {NOT_GRADED}" for lesson, parts in awaiting if parts == [NOT_GRADED]]
    written = [(lesson, parts) for lesson, parts in awaiting if parts != [NOT_GRADED]]
    if written:
        answers = sum(len(parts) for _lesson, parts in written)
        numbers = [str(lesson.number) for lesson, _parts in written]
        where = (f"lesson {numbers[0]}" if len(numbers) == 1
                 else f"lessons {', '.join(numbers[:-1])} and {numbers[-1]}")
        lines.append(f"{answers} written answer{'s' if answers != 1 else ''}, in {where}")
    return lines


def cells(chase: ToChase, now: _dt.datetime | None = None) -> list[list[str]]:
    """The four columns of a learner's row as lines of plain text."""
    now = now or _dt.datetime.now(_dt.timezone.utc).replace(tzinfo=None)
    return [
        [_missing(lesson, chase.due.get(lesson.assignment), now) for lesson in chase.missing],
        [f"{lesson_label(lesson)}: {', '.join(parts)}" for lesson, parts in chase.unanswered],
        _awaiting(chase.awaiting),
        [f"{lesson_label(late.lesson)}: {late.how_late} late" + (f" ({_due(late.due)})" if late.due else "")
         for late in chase.late],
    ]


COLUMNS = ("Learner", "Not handed in", "Handed in, parts not answered", "Awaiting marking", "Handed in late")


def board_table(board: str, learners: list[ToChase]) -> str:
    """One board's table: a row per learner, every cell in words ("None" when there is nothing)."""
    busy = sum(not c.nothing for c in learners)
    caption = (f"{board}: {len(learners)} learner{'s' if len(learners) != 1 else ''}, "
               f"{busy} with something to follow up")
    head = "".join(f'<th scope="col">{name}</th>' for name in COLUMNS)
    rows = "\n".join(
        f'<tr><th scope="row">{html.escape(c.learner.name or c.learner.id)}'
        f'<br><span class="id">{html.escape(c.learner.id)}</span></th>'
        + "".join(f'<td class="text">{_items(lines)}</td>' for lines in cells(c)) + "</tr>"
        for c in learners)
    return (f'<table class="chase">\n<caption>{html.escape(caption)}</caption>\n<thead><tr>{head}</tr></thead>\n'
            f"<tbody>\n{rows}\n</tbody>\n</table>")


def section(boards: dict[str, list[ToChase]]) -> str:
    """The dashboard's "Who to chase" section: what the columns mean, then one table per board."""
    intro = ("<p>For each board, every learner on the roster and what is outstanding in the lessons released "
             "so far. <strong>Not handed in</strong>: released, but no work collected (with the due date, if "
             "one is set). <strong>Handed in, parts not "
             "answered</strong>: a graded part is blank, or holds only placeholder text such as “tbc” (the same "
             "rule as the learner's own progress page). <strong>Awaiting marking</strong>: written answers the "
             "assessor has not marked yet, or work not auto-marked yet (run <code>coursekit grade</code>). "
             "<strong>Handed in late</strong>: after the due date (with any extension), by how long, as "
             "nbgrader's gradebook records it.</p>")
    if not boards:
        return f'<section>\n<h2>Who to chase</h2>\n{intro}\n<p class="note">No learners on the roster.</p>\n</section>'
    tables = "\n".join(f"<h3>{html.escape(board)}</h3>\n{board_table(board, learners)}"
                       for board, learners in boards.items())
    return f"<section>\n<h2>Who to chase</h2>\n{intro}\n{tables}\n</section>"
