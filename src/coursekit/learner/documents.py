"""The plan's and the record of completion's files: an HTML page and, where matplotlib is installed, a PDF.

The pages' words come from :mod:`coursekit.records.plan` and :mod:`coursekit.records.completion`;
the then-and-now chart from :mod:`coursekit.learner.charts`; the PDF from
:mod:`coursekit.learner.onepage`. Without matplotlib the HTML page is still written and
``paper`` is ``None``: :data:`coursekit.learner.onepage.NEEDS_MATPLOTLIB` says what to do.
"""

from __future__ import annotations

import datetime as _dt
import html
from pathlib import Path

from coursekit.learner import charts, onepage
from coursekit.records import completion, plan
from coursekit.records.learner_files import CourseHome
from coursekit.syllabus import PRECONDITIONS


def then_and_now_chart(then: dict[str, int] | None, now: dict[str, int]) -> charts.Chart:
    """The self-assessment then (lesson 0) and now (lesson 7) as an accessible SVG chart."""
    return charts.then_and_now_chart(PRECONDITIONS, then, now)


def plan_page(made: plan.Plan, out: Path) -> str:
    """The plan's HTML page, with the then-and-now chart under the ratings table when there are ratings now."""
    chart = then_and_now_chart(made.then, made.now).html() if made.now else ""
    return plan.plan_html(made, out, chart)


def plan_pdf(made: plan.Plan) -> bytes:
    """The plan as a PDF: readable type (nothing under 10 pt), on as many A4 pages as it needs.
    Raises :class:`onepage.PdfUnavailable` without matplotlib."""
    return onepage.pdf(plan.plan_lines(made), title="Our digital plan: one page for the board", author=made.name)


def record_pdf(r: completion.Record) -> bytes:
    """The record as a one-page landscape PDF. Raises :class:`onepage.PdfUnavailable` without matplotlib."""
    return onepage.pdf(completion.record_lines(r), title=f"Record of completion: {r.name}", author=r.name,
                       landscape=True, one_page=True)


def _write(out: Path | None, stem: str, page_html, paper_bytes) -> tuple[Path, Path | None]:
    out = Path(out or Path.cwd())
    out.mkdir(parents=True, exist_ok=True)
    page, paper = out / f"{stem}.html", out / f"{stem}.pdf"
    page.write_text(page_html(out), "utf-8")
    try:
        data = paper_bytes()
    except onepage.PdfUnavailable:
        return page, None
    paper.write_bytes(data)
    return page, paper


def export_plan(home: CourseHome | None = None, out: Path | None = None,
                today: _dt.date | None = None) -> tuple[Path, Path | None]:
    """Write the plan as ``my_plan_for_the_board.html`` and ``.pdf`` into ``out`` (default: the current folder).
    The PDF is ``None`` where matplotlib is not installed."""
    made = plan.assemble(home, today)
    return _write(out, plan.FILE_STEM, lambda folder: plan_page(made, folder), lambda: plan_pdf(made))


def make_record(home: CourseHome | None = None, out: Path | None = None,
                today: _dt.date | None = None) -> tuple[Path, Path | None]:
    """Write ``record_of_completion.html`` and ``.pdf`` into ``out`` (default: the current folder).
    The PDF is ``None`` where matplotlib is not installed.

    Raises :class:`coursekit.records.completion.NotReady` while graded parts are left or no name is saved.
    """
    r = completion.record_for(home, today)
    return _write(out, completion.FILE_STEM, lambda _folder: completion.record_html(r), lambda: record_pdf(r))


def names_html(page: Path, paper: Path | None) -> str:
    """The files' names as the learner is told them: "<code>x.html</code> and <code>x.pdf</code>"."""
    return " and ".join(f"<code>{html.escape(p.name)}</code>" for p in (page, paper) if p is not None)


def no_pdf_html(page: Path, paper: Path | None) -> str:
    """When no PDF was made: a plain note saying why and what to do instead (empty when the PDF was made)."""
    if paper is not None:
        return ""
    old = page.with_suffix(".pdf")
    stale = (f" The PDF <code>{html.escape(old.name)}</code> beside it is from an earlier save and does not "
             "show this one." if old.exists() else "")
    return f"<p><strong>⚠ No PDF.</strong> {html.escape(onepage.no_pdf_reason())}{stale}</p>"
