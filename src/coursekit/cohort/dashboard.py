"""The cohort dashboard: the numbers behind each chart, and one HTML page with a PNG per chart.

First, **who to chase** (:mod:`coursekit.cohort.chase`): a table per board of each learner's work
not handed in, parts not answered, written answers awaiting marking, and late work.

Then three views, each a chart (with alt text and a caption, shown at full width) above a table of
the same numbers, rounded the same way (:func:`coursekit.cohort.charts.shown`):

* **Completion by lesson**: learners who submitted each lesson, and who completed it
  (answered every graded part).
* **Scores by pre-condition**: how many learners fall in each score band, per pre-condition.
  A learner's score for a pre-condition is the one in the grades export (all its lessons,
  a lesson not submitted counting 0). Learners who submitted none of its lessons are counted
  in a last group, "did not submit", so every learner on the roster is in the chart.
* **Then and now**: the mean self-assessment rating (1 to 5) per pre-condition and board,
  at the start (lesson ``start_here``) and the end (lesson ``your_plan``), for learners who
  gave both. The change is worked out from the rounded means shown, so 2.5 → 2.8 reads +0.3.

Then a table, with no chart: **item analysis** (:mod:`coursekit.cohort.item_analysis`) of every
auto-marked item, with its flags in words and what a trainer might do about them. The same
numbers are written to ``item_analysis.csv`` beside the page, with spreadsheet-safe cells.
"""

from __future__ import annotations

import csv
import html
from dataclasses import dataclass, field
from pathlib import Path
from decimal import Decimal
from typing import Any

from coursekit.cohort import chase as cohort_chase
from coursekit.cohort import charts as cohort_charts
from coursekit.cohort import item_analysis
from coursekit.cohort.charts import DID_NOT_SUBMIT, percent, shown
from coursekit.cohort.csv_cells import safe_row
from coursekit.answers import SUFFIX, read_answers
from coursekit.figures.style import RENDER_DPI, Figure
from coursekit.questions.forms.self_assessment import ratings
from coursekit.cohort.results import LearnerResults, read_results, submission_folder
from coursekit.syllabus import PRECONDITIONS

BANDS = ((0, 25, "0–24%"), (25, 50, "25–49%"), (50, 75, "50–74%"), (75, 101, "75–100%"))
#: The columns of the score-band chart and table: the bands, then learners who submitted nothing for it.
BAND_COLUMNS = (*(label for _, _, label in BANDS), DID_NOT_SUBMIT)
THEN, NOW = "start_here", "your_plan"
QUESTION = "self_assessment"


# -- the numbers ----------------------------------------------------------------------------

@dataclass(frozen=True)
class LessonCompletion:
    title: str
    assignment: str
    learners: int
    submitted: int
    complete: int

    @property
    def percent_complete(self) -> float:
        return 100 * self.complete / self.learners if self.learners else 0.0

    @property
    def percent_shown(self) -> str:
        """The share complete as the chart shows it: a whole percentage."""
        return f"{percent(self.complete, self.learners)}%"


def completion(results: list[LearnerResults]) -> list[LessonCompletion]:
    if not results:
        return []
    rows = []
    for assignment, first in results[0].lessons.items():
        lessons = [r.lessons[assignment] for r in results]
        rows.append(LessonCompletion(first.lesson.title, assignment, len(results),
                                     sum(x.submitted for x in lessons), sum(x.complete for x in lessons)))
    return rows


def band(percent: float) -> str:
    for low, high, label in BANDS:
        if low <= percent < high:
            return label
    return BANDS[-1][2]


def score_bands(results: list[LearnerResults]) -> dict[str, dict[str, int]]:
    """{pre-condition: {band: learners}} for each pre-condition with a lesson in the gradebook; the last
    "band", :data:`DID_NOT_SUBMIT`, counts the learners who submitted none of its lessons."""
    found: dict[str, dict[str, int]] = {}
    for tag in PRECONDITIONS:
        counts = dict.fromkeys(BAND_COLUMNS, 0)
        has_lesson = False
        for learner in results:
            lessons = [r for r in learner.lessons.values() if r.lesson.precondition == tag]
            has_lesson = has_lesson or bool(lessons)
            if not any(r.submitted for r in lessons):
                counts[DID_NOT_SUBMIT] += 1
                continue
            score, maximum = learner.by_precondition(tag)
            counts[band(100 * score / maximum if maximum else 0.0)] += 1
        if has_lesson:
            found[tag] = counts
    return found


@dataclass(frozen=True)
class Shift:
    board: str
    precondition: str
    learners: int
    then: float
    now: float

    @property
    def change(self) -> float:
        return self.now - self.then

    @property
    def then_shown(self) -> Decimal:
        return shown(self.then)

    @property
    def now_shown(self) -> Decimal:
        return shown(self.now)

    @property
    def change_shown(self) -> Decimal:
        """The change between the two means as shown, so the three numbers on a row always agree."""
        return self.now_shown - self.then_shown


def self_assessment(root: Path, learner: str, assignment: str) -> dict[str, int] | None:
    """A learner's four ratings saved in a lesson's answers, or None."""
    folder = submission_folder(root, learner, assignment)
    if not folder.is_dir():
        return None
    for path in sorted(folder.glob(f"*{SUFFIX}")):
        answer = read_answers(path).answers.get(QUESTION)
        if answer is not None and ratings(answer.value):
            return ratings(answer.value)
    return None


def shifts(cohort: Any) -> tuple[list[Shift], dict[str, int]]:
    """Mean ratings then and now by board and pre-condition, for learners who rated both times;
    and how many learners rated {"then", "now", "both"}."""
    pairs: dict[str, list[tuple[dict, dict]]] = {}
    counts = {"then": 0, "now": 0, "both": 0}
    for learner in cohort.roster:
        then = self_assessment(cohort.root, learner.id, THEN)
        now = self_assessment(cohort.root, learner.id, NOW)
        counts["then"] += then is not None
        counts["now"] += now is not None
        if then and now:
            counts["both"] += 1
            pairs.setdefault(learner.board, []).append((then, now))
    found = []
    for board in sorted(pairs):
        group = pairs[board]
        for tag in PRECONDITIONS:
            found.append(Shift(board, tag, len(group), sum(t[tag] for t, _ in group) / len(group),
                               sum(n[tag] for _, n in group) / len(group)))
    return found, counts


def shift_rows(moved: list[Shift]) -> list[list[Any]]:
    """The "then and now" table's rows: board and pre-condition, learners, then, now and the change, as shown."""
    return [[f"{s.board}: {PRECONDITIONS[s.precondition]}", s.learners, s.then_shown, s.now_shown,
             f"{s.change_shown:+}"] for s in moved]


# -- the page -------------------------------------------------------------------------------

@dataclass
class Dashboard:
    page: Path
    images: list[Path]
    completion: list[LessonCompletion]
    bands: dict[str, dict[str, int]]
    shifts: list[Shift]
    rated: dict[str, int]
    items: list[item_analysis.Item] = field(default_factory=list)
    item_csv: Path | None = None  # item_analysis.csv beside the page
    chase: dict[str, list[cohort_chase.ToChase]] = field(default_factory=dict)  # by board


def _table(caption: str, header: list[str], rows: list[list[Any]]) -> str:
    head = "".join(f'<th scope="col">{html.escape(h)}</th>' for h in header)
    body = "\n".join(
        "<tr>" + f'<th scope="row">{html.escape(str(row[0]))}</th>'
        + "".join(f"<td>{html.escape(str(cell))}</td>" for cell in row[1:]) + "</tr>"
        for row in rows
    )
    return (f"<table>\n<caption>{html.escape(caption)}</caption>\n<thead><tr>{head}</tr></thead>\n"
            f"<tbody>\n{body}\n</tbody>\n</table>")


def _figure(out: Path, name: str, figure: Figure) -> tuple[str, Path]:
    path = out / f"{name}.png"
    path.write_bytes(figure.png)
    width, height = display_size(figure.png)
    tag = (f'<figure><img src="{name}.png" alt="{html.escape(figure.alt, quote=True)}" width="{width}" '
           f'height="{height}"><figcaption>{html.escape(figure.caption)}</figcaption></figure>')
    return tag, path


def display_size(png: bytes) -> tuple[int, int]:
    """The CSS size at which a chart shows at its own size (96 CSS px to the inch), so its type is as drawn:
    a 10 pt label is 13 px. On a narrower screen the page's style shrinks it to fit."""
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    return round(width * 96 / RENDER_DPI), round(height * 96 / RENDER_DPI)


def _section(title: str, figure_html: str, table_html: str) -> str:
    """A chart at full width, then its table."""
    return f"<section>\n<h2>{html.escape(title)}</h2>\n{figure_html}\n{table_html}\n</section>"


# -- item analysis --------------------------------------------------------------------------

ITEM_CSV = "item_analysis.csv"
ITEM_COLUMNS = ["assignment", "lesson", "notebook", "cell", "question", "prompt", "points", "learners",
                "full marks", "facility", "mean share of points", "discrimination", "flags", "no option chosen",
                "option", "option text", "times chosen", "counted as"]


def _share(value: float | None) -> str:
    return "" if value is None else f"{value:.3f}"


def _discrimination(value: float | None) -> str:
    return item_analysis.NOT_ENOUGH_DATA if value is None else f"{value:.3f}"


def item_rows(items: list[item_analysis.Item]) -> list[list[Any]]:
    """The CSV's rows: one per item, or one per option of a choice, multi or ranking item. For a ranking,
    "times chosen" is how many learners ranked that response first ("counted as" says so)."""
    rows = []
    for item in items:
        common = [item.assignment, item.lesson, item.notebook, item.cell, item.question or "", item.prompt,
                  item.max_score, item.learners, item.full_marks, _share(item.facility), _share(item.mean_share),
                  _discrimination(item.discrimination), "; ".join(item.flags),
                  item.unanswered if item.options else ""]
        if item.options:
            rows += [[*common, o.id, o.text, o.chosen, item.counted] for o in item.options]
        else:
            rows.append([*common, "", "", "", ""])
    return rows


def write_item_csv(path: Path, items: list[item_analysis.Item]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(ITEM_COLUMNS)
        writer.writerows(safe_row(row) for row in item_rows(items))
    return path


def _percent(value: float | None) -> str:
    return "" if value is None else f"{100 * value:.0f}%"


def _options_html(item: item_analysis.Item) -> str:
    if not item.options:
        return "Not a choice question"
    lines = [f"<li>{html.escape(o.id)}. {html.escape(o.text)}: {o.chosen}</li>" for o in item.options]
    ranking = item.counted != "chosen"
    if item.unanswered:
        lines.append(f"<li>No {'response ranked first' if ranking else 'option chosen'}: {item.unanswered}</li>")
    lead = "<p>A ranking: how many learners ranked each response first.</p>" if ranking else ""
    return lead + "<ul>" + "".join(lines) + "</ul>"


def _item_label(item: item_analysis.Item, words: int = 16) -> str:
    """The lesson, the question's id and the start of its words (the CSV has them whole)."""
    name = item.question or item.cell
    prompt = item.prompt.split()
    shown = " ".join(prompt[:words]) + ("…" if len(prompt) > words else "")
    return f"{item.lesson}: {name}" + (f" ({shown})" if shown else "")


def item_section(items: list[item_analysis.Item], csv_name: str) -> str:
    """The dashboard's item-analysis section: what the numbers mean, a table, and what to do about flags."""
    ia = item_analysis
    intro = (
        "<p>For every question marked by the computer, over the learners who handed in that exercise. "
        "<strong>Full marks</strong> (the facility) is the share of learners who got every point for it. "
        "<strong>Discrimination</strong> is how closely the marks on the question go with the learners' marks "
        "on the rest of the exercise's auto-marked questions (a correlation from −1 to 1): a good question is "
        "answered well by the learners who do well on the rest. It shows “not enough data” when fewer than "
        f"{ia.MIN_LEARNERS} learners handed in, or when the marks do not vary.</p>\n"
        f"<p>A question is flagged “{ia.TOO_EASY_FLAG}” when more than {_percent(ia.TOO_EASY)} of learners get "
        f"full marks, “{ia.TOO_HARD_FLAG}” when fewer than {_percent(ia.TOO_HARD)} do, "
        f"“{ia.AGAINST_FLAG}” when its discrimination is below 0, and “{ia.WEAK_FLAG}” when it is from 0 to "
        f"{ia.WEAK}. No question is flagged with fewer than {ia.MIN_LEARNERS} learners. The same numbers, with "
        f'each option\'s count, are in <a href="{html.escape(csv_name, quote=True)}">{html.escape(csv_name)}</a>.</p>')
    if not items:
        return (f'<section>\n<h2>Item analysis</h2>\n{intro}\n<p class="note">No exercise has auto-marked '
                "submissions yet, so there is nothing to show.</p>\n</section>")
    head = "".join(f'<th scope="col">{h}</th>' for h in (
        "Question", "Learners", "Full marks", "Mean share of points", "Discrimination",
        "Options chosen (a ranking: ranked first)", "Flags"))
    body = "\n".join(
        f'<tr><th scope="row">{html.escape(_item_label(i))}</th><td>{i.learners}</td>'
        f"<td>{_percent(i.facility)}</td><td>{_percent(i.mean_share)}</td>"
        f"<td>{html.escape(_discrimination(i.discrimination))}</td>"
        f'<td class="text">{_options_html(i)}</td>'
        f'<td class="text">{html.escape("; ".join(i.flags) or "none")}</td></tr>'
        for i in items)
    table = (f"<table>\n<caption>How each auto-marked question worked</caption>\n<thead><tr>{head}</tr></thead>\n"
             f"<tbody>\n{body}\n</tbody>\n</table>")
    flagged = [i for i in items if i.flags]
    if flagged:
        advice = "\n".join(
            f"<li><strong>{html.escape(_item_label(i))}</strong>: {html.escape(', '.join(i.flags))}. "
            + " ".join(html.escape(ia.ADVICE[f]) for f in i.flags) + "</li>" for i in flagged)
        todo = f"<h3>Questions to look at</h3>\n<ul>\n{advice}\n</ul>"
    else:
        todo = '<p class="note">No question is flagged.</p>'
    return f'<section>\n<h2>Item analysis</h2>\n{intro}\n{table}\n{todo}\n</section>'


STYLE = """body{font-family:Arial,Helvetica,sans-serif;max-width:70rem;margin:1rem auto;padding:0 1rem;color:#212b32;line-height:1.5}
figure{margin:0 0 1rem}img{max-width:100%;height:auto;display:block}
table{border-collapse:collapse;margin-bottom:1rem}caption{text-align:left;font-weight:bold;padding-bottom:.3rem}
table.chase{width:100%;table-layout:fixed}table.chase th:first-child{width:16%}table.chase td,table.chase th{vertical-align:top}.id{font-weight:normal;color:#4c6272}
th,td{border:1px solid #768692;padding:.25rem .5rem;text-align:left}td{text-align:right}
td.text{text-align:left}td ul{margin:0;padding-left:1.2rem}
figcaption{font-size:.95rem}.note{border-left:4px solid #005eb8;padding:.5rem 1rem;background:#f0f4f5}"""


def build(cohort: Any, out: Path | None = None) -> Dashboard:
    """Write ``report/index.html`` and its PNG charts for the cohort; return what was shown."""
    out = Path(out) if out else Path(cohort.root) / "report"
    out.mkdir(parents=True, exist_ok=True)
    results = read_results(cohort)
    to_chase = cohort_chase.who_to_chase(cohort, results)
    done = completion(results)
    bands = score_bands(results)
    moved, rated = shifts(cohort)
    sections, images = [cohort_chase.section(to_chase)], []

    if done:
        fig, path = _figure(out, "completion_by_lesson", cohort_charts.completion_chart(done))
        images.append(path)
        table = _table("Completion by lesson", ["Lesson", "Learners", "Submitted", "Complete", "% complete"],
                       [[d.title, d.learners, d.submitted, d.complete, d.percent_shown] for d in done])
        sections.append(_section("Completion by lesson", fig, table))
    else:
        sections.append('<section><h2>Completion by lesson</h2><p class="note">No lesson has been released '
                        "and graded yet, so there is nothing to show.</p></section>")

    if bands:
        fig, path = _figure(out, "scores_by_precondition", cohort_charts.bands_chart(bands))
        images.append(path)
        waiting = sum(r.awaiting_marks for learner in results for r in learner.lessons.values() if r.submitted)
        unmarked = (f" {waiting} written answer{'s are' if waiting != 1 else ' is'} not marked yet: "
                    "until marked, each counts as 0 here, so these bands will rise as marking goes on."
                    if waiting else "")
        table = _table("Learners in each score band, by pre-condition (every learner on the roster: "
                       "“did not submit” counts those who handed in none of its lessons)." + unmarked,
                       ["Pre-condition", *BAND_COLUMNS, "Learners"],
                       [[PRECONDITIONS[t], *(c[b] for b in BAND_COLUMNS), sum(c.values())] for t, c in bands.items()])
        sections.append(_section("Scores by pre-condition", fig, table))

    if moved:
        fig, path = _figure(out, "self_assessment_shift", cohort_charts.shift_chart(moved))
        images.append(path)
        table = _table("Mean self-assessment (1 to 5), then and now, by board",
                       ["Board and pre-condition", "Learners", "Then", "Now", "Change"],
                       shift_rows(moved))
        sections.append(_section("Then and now: self-assessment by board", fig, table))
    else:
        sections.append(
            '<section><h2>Then and now: self-assessment by board</h2><p class="note">No learner has a '
            f"self-assessment from both the first lesson and the last one yet ({rated['then']} rated at the "
            f"start, {rated['now']} at the end). This chart appears when learners have submitted both.</p></section>")

    items = item_analysis.analyse(results, Path(cohort.root))
    item_csv = write_item_csv(out / ITEM_CSV, items)
    sections.append(item_section(items, ITEM_CSV))

    name = html.escape(getattr(cohort, "name", "") or Path(cohort.root).name)
    edition = html.escape(cohort.syllabus.edition)
    complete = sum(r.complete for r in results)
    page = out / "index.html"
    page.write_text(
        f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>Cohort dashboard: {name}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n"
        f"<h1>Cohort dashboard: {name}</h1>\n"
        f"<p>{html.escape(cohort.syllabus.course)} ({edition}). {len(results)} learners; "
        f"{complete} have completed every lesson released so far.</p>\n"
        + "\n".join(sections) + "\n</main>\n</body>\n</html>\n", "utf-8")
    return Dashboard(page, images, done, bands, moved, rated, items, item_csv, to_chase)
