""""Download my work": the zip of each exercise a learner sends back, offered as a link to save.

It works where there is no exchange: in JupyterLab on one machine and in the browser site.
The zips are made in the kernel (:mod:`coursekit.records.return_work`) and offered as
``<a download>`` links with ``data:`` URLs, which both JupyterLab and JupyterLite let the
browser save. Each is named ``<learner id>_<exercise>.zip``, the name ``coursekit collect
--from-zips`` reads.
"""

from __future__ import annotations

import base64
import html

import ipywidgets as w

from coursekit import syllabus
from coursekit.learner.accessible import LiveRegion
from coursekit.records import return_work
from coursekit.records.learner_files import CourseHome
from coursekit.records.learner_name import read_learner_id, read_name, save_learner_id


def save_link(name: str, data: bytes) -> str:
    """A link that saves the zip ``data`` as the file ``name``."""
    url = "data:application/zip;base64," + base64.b64encode(data).decode("ascii")
    return f"<a download='{html.escape(name)}' href='{url}' class='coursekit-download'>Save {html.escape(name)}</a>"


def link_html(name: str, data: bytes, title: str) -> str:
    """One link that saves ``data`` as the file ``name``."""
    return f"<li>{save_link(name, data)}: your work on {html.escape(title)}</li>"


class DownloadWork(w.VBox):
    """A learner id box, a **Download my work** button, then one link to save per exercise with work."""

    def __init__(self, home: CourseHome):
        self.home = home
        self.id_box = w.Text(value=read_learner_id(home) or return_work.id_from_name(read_name(home)),
                             description="Your learner ID (your trainer gives it to you):",
                             placeholder="For example: s-patel", continuous_update=True,
                             style={"description_width": "initial"}, layout=w.Layout(width="auto", max_width="46em"))
        self.names = w.HTML()
        self.button = w.Button(description="Download my work", icon="download", button_style="primary",
                               layout=w.Layout(width="auto"))
        self.links = w.HTML()
        self.status = LiveRegion()
        super().__init__([self.id_box, self.names, self.button, self.status, self.links])
        self.add_class("coursekit-widget")
        self.id_box.observe(lambda _c: self.show_names(), names="value")
        self.button.on_click(lambda _b: self.make())
        self.show_names()

    def show_names(self) -> None:
        learner = self.id_box.value.strip() or "<your learner ID>"
        example = return_work.zip_name(learner, "goal_and_mission")
        self.names.value = (f"<p>Each exercise you have answered becomes one zip file, named with your learner ID "
                            f"and the exercise, such as <code>{html.escape(example)}</code>.</p>")

    def make(self) -> None:
        try:
            learner = return_work.check_id(self.id_box.value)
        except ValueError as err:
            self.links.value = ""
            self.status.value = f"<p><strong>⚠ No files made.</strong> {html.escape(str(err))}</p>"
            return
        try:
            save_learner_id(self.home, learner)
        except OSError:
            pass  # the id is still used now; it is only not remembered
        course = syllabus.load()
        items = []
        for assignment in return_work.with_work(self.home):
            try:
                data = return_work.return_zip(self.home, assignment)
            except (FileNotFoundError, OSError):
                continue
            items.append(link_html(return_work.zip_name(learner, assignment), data, course.lesson(assignment).title))
        if not items:
            self.links.value = ""
            self.status.value = ("<p>You have not answered any exercise yet, so there is nothing to download. "
                                 "Open an exercise from a lesson, answer it, then come back here.</p>")
            return
        self.links.value = f"<ul>{''.join(items)}</ul>"
        self.status.value = (f"<p><strong>✔ Ready.</strong> {len(items)} file{'s' if len(items) != 1 else ''} to save, "
                             "listed below. Select each link to save it, then send the files to your trainer, "
                             "by email or Teams. Keep the file names as they are.</p>")


def download_my_work(home: str | None = None) -> DownloadWork:
    """Show the "Download my work" control (one line in a notebook)."""
    return DownloadWork(CourseHome.find(home) if home else CourseHome.find())
