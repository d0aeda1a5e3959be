"""The record of completion: HTML and a one-page PDF, once every graded part is attempted.

It shows the learner's name (as they typed it, see :mod:`coursekit.records.learner_name`), the
course and the edition of the source it teaches, the date, and the hours (from the
syllabus). Until every graded part of every exercise is attempted, it is refused with
a plain list of what is still left.
"""

from __future__ import annotations

import datetime as _dt
import html
from dataclasses import dataclass
from pathlib import Path

from coursekit import syllabus
from coursekit.records.learner_files import CourseHome
from coursekit.records.learner_name import read_name
from coursekit.learner.onepage import Line, pdf
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


def record_pdf(r: Record) -> bytes:
    return pdf(record_lines(r), title=f"Record of completion: {r.name}", author=r.name, landscape=True)


def make(home: CourseHome | None = None, out: Path | None = None, today: _dt.date | None = None) -> tuple[Path, Path]:
    """Write ``record_of_completion.html`` and ``.pdf`` into ``out`` (default: the current folder).

    Raises :class:`NotReady` while graded parts are left or no name is saved.
    """
    r = record(progress(home), today)
    out = Path(out or Path.cwd())
    out.mkdir(parents=True, exist_ok=True)
    page, paper = out / f"{FILE_STEM}.html", out / f"{FILE_STEM}.pdf"
    page.write_text(record_html(r), "utf-8")
    paper.write_bytes(record_pdf(r))
    return page, paper
