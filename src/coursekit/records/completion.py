"""The record of completion, once every graded part is attempted: its data, its HTML page and its PDF's lines.

It claims only what the learner's answers files show: the learner's name (as they typed it,
see :mod:`coursekit.records.learner_name`), the lessons whose quiz questions they answered
(a lesson with none answered is not named), and the exercises they handed in, every graded
part attempted (placeholder or filler text does not count, see :mod:`coursekit.questions.filler`).
Marks are not on the learner's side, so the record says the exercises were handed in and shows
no marks. Hours are shown only as the syllabus's estimate for the whole course, never as hours
the learner spent. Until every graded part of every exercise is attempted, the record is refused
with a plain list of what is still left. The files are written by :mod:`coursekit.learner.documents`
(``record_of_completion.html`` and ``.pdf``).
"""

from __future__ import annotations

import datetime as _dt
import html
from dataclasses import dataclass

from coursekit import syllabus
from coursekit.records.learner_files import CourseHome
from coursekit.records.learner_name import read_name
from coursekit.records.page_lines import Line
from coursekit.records.progress import Progress, progress

FILE_STEM = "record_of_completion"
NO_MARKS = ("Marks are not shown: the exercises are marked by the course's assessor, "
            "and this record is made from the learner's own saved answers.")
NO_LESSONS = "No lesson's quiz questions were answered."


class NotReady(Exception):
    """The record cannot be made yet; the message says what to do first."""


@dataclass(frozen=True)
class Done:
    """One thing the learner did, as the record names it: "Lesson 4: …" and "5 of 6 quiz questions answered"."""

    label: str
    detail: str

    def __str__(self) -> str:
        return f"{self.label}: {self.detail}"


@dataclass(frozen=True)
class Record:
    name: str
    course: str
    edition: str
    source: str
    date: _dt.date
    hours: float  # the syllabus's estimate for the whole course, not the learner's time
    lessons: tuple[Done, ...]  # lessons whose quiz questions were answered
    exercises: tuple[Done, ...]  # exercises handed in, every graded part attempted

    @property
    def when(self) -> str:
        return f"{self.date.day} {self.date:%B %Y}"

    @property
    def hours_text(self) -> str:
        return (f"The syllabus estimates {self.hours:g} hour{'' if self.hours == 1 else 's'} for the whole course. "
                "This is not a measure of the learner's own time.")

    @property
    def claim(self) -> str:
        count = len(self.exercises)
        return (f"has handed in {'the' if count == 1 else f'all {count}'} graded exercise{'' if count == 1 else 's'}, "
                "with every graded part attempted, in the course")


def done_lessons(p: Progress) -> tuple[Done, ...]:
    """The lessons whose quiz questions the learner answered (at least one), with how many."""
    return tuple(Done(lp.label, f"{lp.quiz} quiz question{'' if lp.quiz.total == 1 else 's'} answered")
                 for lp in p.lessons if lp.quiz.done > 0)


def done_exercises(p: Progress) -> tuple[Done, ...]:
    """The exercises handed in: every graded part (and reflection) attempted. No marks: none are known here."""
    return tuple(Done(f"Exercise for lesson {lp.lesson.number}: {lp.lesson.title}",
                      f"handed in, {lp.graded} graded parts attempted"
                      + (", reflection written" if lp.reflection.total else ""))
                 for lp in p.lessons if lp.exercise_done)


def record(p: Progress, today: _dt.date | None = None) -> Record:
    """The record for this learner, or :class:`NotReady` saying plainly what is left."""
    if not p.complete:
        raise NotReady("Your record of completion is not ready yet. Still to do:\n"
                       + "\n".join(f"- {line}" for line in p.still_left()))
    name = read_name(p.home)
    if not name:
        raise NotReady("Type your name in the box, as it should appear on your record, and save it.")
    course = syllabus.load()
    return Record(name, course.course, course.edition, course.source, today or _dt.date.today(),
                  course.hours, done_lessons(p), done_exercises(p))


def record_for(home: CourseHome | None = None, today: _dt.date | None = None) -> Record:
    """The record for the learner whose answers files are in ``home`` (default: found from the current folder)."""
    return record(progress(home), today)


def record_html(r: Record) -> str:
    e = html.escape
    return f"""<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Record of completion: {e(r.name)}</title>
<style>body{{font-family:Arial,Helvetica,sans-serif;max-width:42em;margin:3em auto;color:#212b32;line-height:1.5;text-align:center}}
main{{border:3px double #005eb8;padding:2em}} h1{{font-size:1.6em}} .name{{font-size:2em;font-weight:bold;margin:.5em 0}}
dl{{display:grid;grid-template-columns:auto 1fr;gap:.3em 1em;text-align:left;max-width:34em;margin:1.5em auto}} dt{{font-weight:bold}} h2{{font-size:1.1em;margin-top:1.5em}}
ul{{text-align:left;max-width:34em;margin:.5em auto}}</style>
</head><body><main>
<h1>Record of completion</h1>
<p>This records that</p>
<p class="name">{e(r.name)}</p>
<p>{e(r.claim)}</p>
<p><strong>{e(r.course)}</strong></p>
<dl>
<dt>Course edition</dt><dd>{e(r.edition)}</dd>
<dt>Source</dt><dd>{e(r.source)}</dd>
<dt>Date</dt><dd><time datetime="{r.date.isoformat()}">{e(r.when)}</time></dd>
<dt>Course length</dt><dd>{e(r.hours_text)}</dd>
</dl>
<h2>Lessons whose quiz questions were answered</h2>
{_list(r.lessons, NO_LESSONS)}
<h2>Exercises handed in</h2>
{_list(r.exercises, "None.")}
<p>{e(NO_MARKS)}</p>
<p>Made by coursekit from the learner's saved answers. It records work attempted, not marks or time spent.</p>
</main></body></html>
"""


def _list(items: tuple[Done, ...], empty: str) -> str:
    if not items:
        return f"<p>{html.escape(empty)}</p>"
    return "<ul>" + "".join(f"<li>{html.escape(str(item))}</li>" for item in items) + "</ul>"


def record_lines(r: Record) -> list[Line]:
    def listed(items: tuple[Done, ...], empty: str) -> list[Line]:
        return [Line("text", f"• {item}") for item in items] or [Line("text", empty)]

    return [
        Line("title", "Record of completion", centre=True),
        Line("subtitle", "This records that", centre=True),
        Line("big", r.name, centre=True),
        Line("subtitle", r.claim, centre=True),
        Line("heading", r.course, centre=True),
        Line("text", f"Course edition: {r.edition}. Source: {r.source}. Date: {r.when}.", centre=True),
        Line("text", f"Course length: {r.hours_text}", centre=True),
        Line("heading", "Lessons whose quiz questions were answered"), *listed(r.lessons, NO_LESSONS),
        Line("heading", "Exercises handed in"), *listed(r.exercises, "None."),
        Line("note", NO_MARKS),
        Line("note", "Made by coursekit from the learner's saved answers. It records work attempted, "
                     "not marks or time spent."),
    ]
