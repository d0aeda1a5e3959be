"""Lesson 7: the learner's one-page plan for their board, and their self-assessment then and now.

The plan is assembled from the learner's own answers across the course (leadership
map, first team, mission, first goal, journey, urgency, keep / expand / drop, and when it goes to
the board). A part not answered yet says which lesson to answer it in. This module
computes the plan, its HTML page and its PDF's lines from the answers files alone; the
then-and-now chart and the files (``my_plan_for_the_board.html`` and ``.pdf``) are made on
the learner's side, in :mod:`coursekit.learner.charts` and :mod:`coursekit.learner.documents`.
"""

from __future__ import annotations

import datetime as _dt
import html
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coursekit.questions import forms
from coursekit import syllabus
from coursekit.answers import read_answers
from coursekit.questions.forms.self_assessment import RATINGS, ratings
from coursekit.records.learner_files import CourseHome, link
from coursekit.records.learner_name import read_name
from coursekit.records import plan_words
from coursekit.records.page_lines import Line
from coursekit.syllabus import PRECONDITIONS

THEN, NOW = "start_here", "your_plan"  # the assignments holding the self-assessment, then and now
SELF_ASSESSMENT = "self_assessment"
FILE_STEM = "my_plan_for_the_board"
SCALE = dict((value, label) for label, value in RATINGS)


@dataclass(frozen=True)
class Section:
    """One part of the plan: a form answered in one exercise."""

    title: str
    assignment: str
    form: str
    why: str
    optional: bool = False  # left out of the plan, not flagged, when not answered


SECTIONS = (
    Section("Who leads digital", "clear_leadership", "leadership_map",
            "Clear leadership: a senior leader at the helm, digital a public focus of the chair and chief "
            "executive, and the whole board sharing it."),
    Section("Our first team", "a_team", "first_team",
            "A small, empowered, multidisciplinary team that can show the thing."),
    Section("Our mission", "goal_and_mission", "mission",
            "The broader mission that the first goal serves.", optional=True),
    Section("Our first goal", "goal_and_mission", "first_goal",
            "One small, visible goal with a date, within a broader mission."),
    Section("Our journey, stage by stage", "goal_and_mission", "journey",
            "The stages ahead, without too many business-critical changes at once.", optional=True),
    Section("Our sense of urgency", "sense_of_urgency", "urgency",
            "Keeping the focus and pace the first wave of COVID-19 brought."),
    Section("Keep, expand or drop", "after_the_first_wave", "keep_expand_drop",
            "What our trust keeps, expands or drops from the changes it made."),
    Section("Taking it to the board", "your_plan", "board_commitment",
            "When the plan goes to the board, who backs it, and the decision we ask for."),
)


@dataclass(frozen=True)
class Part:
    """A section as filled in from the learner's answers: its paragraphs (``text``) and sub-headings
    (``label``), in order; ``words`` is ``None`` when not answered yet."""

    section: Section
    lesson: syllabus.Lesson
    words: tuple[Line, ...] | None
    notebook: Path  # where to answer it

    @property
    def exercise(self) -> str:
        return f"Exercise {self.lesson.number}: {self.lesson.title}"

    @property
    def pointer(self) -> str:
        return f"Not yet answered in lesson {self.lesson.number}. Answer it in {self.exercise}."


@dataclass(frozen=True)
class Plan:
    name: str
    made: _dt.date
    then: dict[str, int] | None
    now: dict[str, int] | None
    parts: tuple[Part, ...]
    problems: tuple[str, ...]
    home: CourseHome

    @property
    def missing(self) -> list[Part]:
        return [p for p in self.parts if p.words is None]


class _Answers:
    """Each exercise's saved answers, read once."""

    def __init__(self, home: CourseHome):
        self.home = home
        self.cache: dict[str, dict[str, Any]] = {}
        self.problems: list[str] = []

    def value(self, assignment: str, qid: str) -> Any:
        if assignment not in self.cache:
            path = self.home.exercise_answers(assignment)
            found = read_answers(path) if path else None
            if found and found.problems:
                self.problems += [f"{p} (The file is {path}.)" for p in found.problems]
            self.cache[assignment] = {q: a.value for q, a in found.answers.items()} if found else {}
        return self.cache[assignment].get(qid)


def self_assessments(home: CourseHome) -> tuple[dict[str, int] | None, dict[str, int] | None]:
    """The four ratings then (lesson 0) and now (lesson 7); ``None`` for either not given."""
    answers = _Answers(home)
    return ratings(answers.value(THEN, SELF_ASSESSMENT)), ratings(answers.value(NOW, SELF_ASSESSMENT))


def assemble(home: CourseHome | None = None, today: _dt.date | None = None) -> Plan:
    """The plan from the answers saved in ``home`` (default: found from the current folder)."""
    home = home or CourseHome.find()
    course = syllabus.load()
    answers = _Answers(home)
    parts = []
    for section in SECTIONS:
        value = answers.value(section.assignment, section.form)
        known = section.form in forms.names()
        blank = not known or not isinstance(value, dict) or forms.get(section.form).is_blank(value)
        if blank and section.optional:
            continue
        words = None if blank else tuple(plan_words.words(forms.get(section.form), value))
        parts.append(Part(section, course.lesson(section.assignment), words, home.exercise_notebook(section.assignment)))
    then, now = ratings(answers.value(THEN, SELF_ASSESSMENT)), ratings(answers.value(NOW, SELF_ASSESSMENT))
    return Plan(read_name(home), today or _dt.date.today(), then, now, tuple(parts), tuple(answers.problems), home)


_when = plan_words.written_date


def _rating(value: int | None) -> str:
    return SCALE.get(value, "not rated") if value else "not rated"


def ratings_rows(plan: Plan) -> list[tuple[str, str, str]]:
    return [(PRECONDITIONS[k], _rating((plan.then or {}).get(k)), _rating((plan.now or {}).get(k))) for k in PRECONDITIONS]


def plan_html(plan: Plan, out: Path, chart: str = "") -> str:
    """The plan as a page for the board. Links to unanswered parts are relative to ``out``.
    ``chart`` is HTML (the then-and-now chart) placed under the ratings table."""
    e = html.escape
    course = syllabus.load()
    who = f" by {e(plan.name)}" if plan.name else ""
    rating_rows = "".join(f"<tr><th scope='row'>{e(a)}</th><td>{e(b)}</td><td>{e(c)}</td></tr>"
                          for a, b, c in ratings_rows(plan))
    sections = []
    for part in plan.parts:
        head = f"<h2>{e(part.section.title)}</h2><p class='why'>{e(part.section.why)}</p>"
        if part.words is None:
            href = e(link(part.notebook, out), quote=True)
            body = (f"<p class='missing'><strong>○ Not yet answered in lesson {part.lesson.number}.</strong> "
                    f"Answer it in <a href=\"{href}\">{e(part.exercise)}</a>.</p>")
        else:
            body = "".join(f"<h3>{e(line.text)}</h3>" if line.style == "label" else f"<p>{e(line.text)}</p>"
                           for line in part.words)
        sections.append(f"<section>{head}{body}</section>")
    return f"""<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Our digital plan: one page for the board</title>
<style>body{{font-family:Arial,Helvetica,sans-serif;max-width:50em;margin:1.5em auto;color:#212b32;line-height:1.4;font-size:11pt}}
h1{{font-size:1.5em;margin-bottom:.2em}} h2{{font-size:1.1em;margin:.9em 0 .1em;border-bottom:1px solid #768692}}
.why{{margin:.1em 0;font-style:italic}} h3{{font-size:1em;margin:.5em 0 .1em}} p{{margin:.25em 0}}
h2,h3{{break-after:avoid}} p{{overflow-wrap:break-word}} .missing{{border-left:4px solid #d5281b;padding-left:.5em}}
table{{border-collapse:collapse}} th,td{{border:1px solid #768692;padding:.15em .5em;text-align:left}}
.coursekit-chart{{margin:.6em 0}} .coursekit-chart svg{{max-width:34em!important}} figcaption{{font-size:.9em}}
@media print{{body{{margin:0;font-size:9.5pt}} a{{color:inherit}} .coursekit-chart svg{{max-width:24em!important}}}}</style></head><body>
<h1>Our digital plan: one page for the board</h1>
<p>Prepared{who} on <time datetime="{plan.made.isoformat()}">{e(_when(plan.made))}</time>, from answers given in the course
<em>{e(course.course)}</em> ({e(course.edition)}).</p>
<h2>Where we are now: the four pre-conditions</h2>
<table><caption>Self-assessment from 1 (not in place) to 5 (fully in place), at the start of the course and at the end</caption>
<thead><tr><th scope="col">Pre-condition</th><th scope="col">At the start</th><th scope="col">Now</th></tr></thead>
<tbody>{rating_rows}</tbody></table>
{chart}{''.join(sections)}
<p><small>Source: {e(course.source)}. The course checked the shape of these answers against the source, not their wisdom:
that is for the board to judge.</small></p>
</body></html>
"""


def plan_lines(plan: Plan) -> list[Line]:
    course = syllabus.load()
    who = f" by {plan.name}" if plan.name else ""
    lines = [Line("title", "Our digital plan: one page for the board"),
             Line("subtitle", f"Prepared{who} on {_when(plan.made)}, from answers given in the course "
                              f"'{course.course}' ({course.edition})."),
             Line("heading", "Where we are now: the four pre-conditions (1 not in place to 5 fully in place)")]
    lines += [Line("text", f"{a}: at the start {b}; now {c}.") for a, b, c in ratings_rows(plan)]
    for part in plan.parts:
        lines.append(Line("heading", part.section.title))
        if part.words is None:
            lines.append(Line("text", f"{part.pointer} (In your course folder: "
                                      f"{link(part.notebook, plan.home.root)}.)"))
            continue
        lines += part.words
    lines.append(Line("note", f"Source: {course.source}. The course checked the shape of these answers against "
                              "the source, not their wisdom: that is for the board to judge."))
    return lines


# --- Then and now: the self-assessment as a table (the chart beside it is drawn on the learner's side) ---

NOTHING_YET = ("<p><strong>○ Nothing to show yet.</strong> Rate all four pre-conditions in the self-assessment "
               "above, then click <strong>Show then and now</strong>.</p>")
NO_BASELINE = (
    "<p><strong>No baseline.</strong> Your self-assessment from lesson 0 (Start here) was not found in your "
    "course folder, so there is nothing to compare with. The chart shows your ratings now. If you took "
    "lesson 0 on another computer, copy its answers file into its exercise folder and click the button again.</p>")


def then_and_now_html(then: dict[str, int] | None, now: dict[str, int] | None, chart: str = "") -> str:
    """The ratings table with ``chart`` (HTML) beside it, or a plain message saying what is missing."""
    if now is None:
        return NOTHING_YET
    rows = "".join(
        f"<tr><th scope='row'>{html.escape(PRECONDITIONS[k])}</th><td>{then[k] if then else '–'}</td><td>{now[k]}</td>"
        f"<td>{_change(then, now, k)}</td></tr>" for k in PRECONDITIONS)
    table = ("<table><caption>Your ratings, 1 to 5</caption><thead><tr><th scope='col'>Pre-condition</th>"
             "<th scope='col'>Then</th><th scope='col'>Now</th><th scope='col'>Change</th></tr></thead>"
             f"<tbody>{rows}</tbody></table>")
    return (("" if then else NO_BASELINE) + "<div style='display:flex;flex-wrap:wrap;gap:1.5em;align-items:flex-start'>"
            f"<div style='flex:1 1 26em'>{chart}</div><div style='flex:1 1 18em'>{table}</div></div>")


def _change(then: dict[str, int] | None, now: dict[str, int], key: str) -> str:
    if not then:
        return "no baseline"
    diff = now[key] - then[key]
    return "no change" if diff == 0 else f"up {diff}" if diff > 0 else f"down {-diff}"

