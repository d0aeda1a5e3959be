"""The progress view in a notebook: chart and table, your name, and the record of completion."""

from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as w

from coursekit.learner import charts, documents
from coursekit.learner.accessible import LiveRegion
from coursekit.learner.name_box import NameBox
from coursekit.records import completion
from coursekit.records.learner_files import CourseHome
from coursekit.records.progress import Progress, chart_rows, notes_html, progress, table_html


def chart(p: Progress) -> charts.Chart:
    """A bar per lesson: the share done (solid) and left (hatched), each labelled in words, as inline SVG."""
    return charts.progress_chart(chart_rows(p))


def view_html(p: Progress) -> str:
    """The whole view: chart and table side by side, then what is left, then any problems."""
    return ("<div style='display:flex;flex-wrap:wrap;gap:1.5em;align-items:flex-start'>"
            f"<div style='flex:1 1 26em'>{chart(p).html()}</div><div style='flex:1 1 24em'>{table_html(p)}</div>"
            f"</div>{notes_html(p)}")


class ProgressView(w.VBox):
    """What is done and what is left. **Refresh** reads the answers files again;
    **Make my record of completion** writes the HTML and PDF once every graded part is attempted."""

    def __init__(self, home: CourseHome, out: Path | None = None):
        self.home = home
        self.out = out
        self.page = w.HTML()
        self.refresh_button = w.Button(description="Refresh my progress", icon="refresh", layout=w.Layout(width="auto"))
        self.name = NameBox(home)
        self.record_button = w.Button(description="Make my record of completion", icon="certificate",
                                      button_style="primary", layout=w.Layout(width="auto"))
        self.status = LiveRegion()
        super().__init__([self.refresh_button, self.page,
                          w.HTML("<h3>Your record of completion</h3><p>Your name appears on the record exactly as "
                                 "you type it here.</p>"),
                          self.name, self.record_button, self.status])
        self.add_class("coursekit-widget")
        self.refresh_button.on_click(lambda _b: self.refresh())
        self.record_button.on_click(lambda _b: self.make_record())
        self.refresh()

    def refresh(self) -> None:
        self.progress = progress(self.home)
        self.page.value = view_html(self.progress)

    def make_record(self) -> None:
        self.refresh()
        try:
            page, paper = documents.make_record(self.home, self.out)
        except completion.NotReady as err:
            lines = str(err).splitlines()
            items = "".join(f"<li>{html.escape(x[2:])}</li>" for x in lines[1:])
            self.status.value = (f"<p><strong>○ Not yet.</strong> {html.escape(lines[0])}</p>"
                                 + (f"<ul>{items}</ul>" if items else ""))
            return
        except OSError as err:
            self.status.value = f"<p><strong>⚠ Not saved.</strong> {html.escape(str(err))}</p>"
            return
        self.status.value = (f"<p><strong>✔ Done.</strong> Your record of completion is saved as "
                             f"{documents.names_html(page, paper)} in {html.escape(str(page.parent))}. Open "
                             f"{'them' if paper else 'it'} from the file browser on the left.</p>"
                             + documents.no_pdf_html(page, paper))


def show_progress(home: str | None = None) -> ProgressView:
    """Show your progress, your name box and the record of completion button (one line in a notebook)."""
    return ProgressView(CourseHome.find(home) if home else CourseHome.find())
