"""The record of completion, once every graded part is attempted: its data, its HTML page and its PDF's lines.

It shows the learner's name (as they typed it, see :mod:`coursekit.records.learner_name`), the
course and the edition of the source it teaches, the date, and the hours (from the
syllabus). Until every graded part of every exercise is attempted, it is refused with
a plain list of what is still left. The files are written by :mod:`coursekit.learner.documents`
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


class NotReady(Exception):
    """The record cannot be made yet; the message says what to do first."""


@dataclass(frozen=True)
class Record:
    name: str
    course: str
    edition: str
    source: str
    date: _dt.date
    hours: float
    lessons: int

    @property
    def when(self) -> str:
        return f"{self.date.day} {self.date:%B %Y}"

    @property
    def hours_text(self) -> str:
        return f"{self.hours:g} hour{'' if self.hours == 1 else 's'}"


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
                  course.hours, len(course.lessons))


def record_for(home: CourseHome | None = None, today: _dt.date | None = None) -> Record:
    """The record for the learner whose answers files are in ``home`` (default: found from the current folder)."""
    return record(progress(home), today)


def record_html(r: Record) -> str:
    e = html.escape
    return f"""<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Record of completion: {e(r.name)}</title>
<style>body{{font-family:Arial,Helvetica,sans-serif;max-width:42em;margin:3em auto;color:#212b32;line-height:1.5;text-align:center}}
main{{border:3px double #005eb8;padding:2em}} h1{{font-size:1.6em}} .name{{font-size:2em;font-weight:bold;margin:.5em 0}}
dl{{display:grid;grid-template-columns:auto 1fr;gap:.3em 1em;text-align:left;max-width:34em;margin:1.5em auto}} dt{{font-weight:bold}}</style>
</head><body><main>
<h1>Record of completion</h1>
<p>This records that</p>
<p class="name">{e(r.name)}</p>
<p>has attempted every graded part of all {r.lessons} lessons of the course</p>
<p><strong>{e(r.course)}</strong></p>
<dl>
<dt>Course edition</dt><dd>{e(r.edition)}</dd>
<dt>Source</dt><dd>{e(r.source)}</dd>
<dt>Date</dt><dd><time datetime="{r.date.isoformat()}">{e(r.when)}</time></dd>
<dt>Hours</dt><dd>{e(r.hours_text)} of learning</dd>
</dl>
<p>Made by coursekit from the learner's saved answers. It records work attempted, not marks.</p>
</main></body></html>
"""


def record_lines(r: Record) -> list[Line]:
    return [
        Line("big", ""),
        Line("title", "Record of completion", centre=True),
        Line("subtitle", "This records that", centre=True),
        Line("big", r.name, centre=True),
        Line("subtitle", f"has attempted every graded part of all {r.lessons} lessons of the course", centre=True),
        Line("heading", r.course, centre=True),
        Line("heading", "Course edition", centre=True), Line("subtitle", r.edition, centre=True),
        Line("heading", "Source", centre=True), Line("subtitle", r.source, centre=True),
        Line("heading", "Date", centre=True), Line("subtitle", r.when, centre=True),
        Line("heading", "Hours", centre=True), Line("subtitle", f"{r.hours_text} of learning", centre=True),
        Line("note", "Made by coursekit from the learner's saved answers. It records work attempted, not marks.",
             centre=True),
    ]
