"""Move your work to another device: **Download all my work**, then **Restore my work from a download** there.

In JupyterLab a learner's answers are files beside the notebooks; in the browser site they are kept
in that browser, on that device. The download is one zip of all their work
(:mod:`coursekit.records.move_work`), offered as a link to save, as "Download my work" offers its
zips. The restore is an ipywidgets ``FileUpload``, which works in JupyterLab and in JupyterLite: the
zip comes to the kernel as bytes, is checked as untrusted data, and only then written, answers file by
answers file, each into its own place.
"""

from __future__ import annotations

import html

import ipywidgets as w

from coursekit.learner.accessible import LiveRegion
from coursekit.learner.download import save_link
from coursekit.records import move_work
from coursekit.records.learner_files import CourseHome

#: The longest file name shown back to the learner (a name is theirs, so it is escaped and cut).
NAME_CHARS = 80


def _items(lines: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{html.escape(line)}</li>" for line in lines) + "</ul>" if lines else ""


def restored_html(report: move_work.Restored) -> str:
    """What a restore did, for the status region."""
    parts = []
    if report.changed:
        parts.append("<p><strong>✔ Restored.</strong> Your answers from the download are now saved here:</p>"
                     + _items(report.changed))
        parts.append("<p>Close each lesson or exercise that is open, then open it again to see them. "
                     "Select <strong>Refresh my progress</strong> above to see your progress.</p>")
    if report.backups:
        parts.append("<p>Some answers in the download were different from the ones here. Nothing is lost: the "
                     "answers you had here are kept in these files, beside the notebooks:</p>"
                     + _items(report.backups))
    if report.left:
        parts.append("<p>Your plan and record of completion are not restored from a download. Make them again "
                     "from your answers: your plan in Exercise 7, your record on this page.</p>")
    if report.same and not report.changed:
        parts.append("<p><strong>✔ Nothing to change.</strong> The answers here already match the download.</p>")
    if report.problems:
        parts.append("<p><strong>⚠ Not everything was restored.</strong></p>" + _items(report.problems))
    return "".join(parts)


class MoveWork(w.VBox):
    """**Download all my work** (one zip, with a link to save it) and **Restore my work from a download**."""

    def __init__(self, home: CourseHome):
        self.home = home
        self.button = w.Button(description="Download all my work", icon="download", button_style="primary",
                               layout=w.Layout(width="auto"))
        self.status = LiveRegion()
        self.link = w.HTML()
        self.upload = w.FileUpload(description="Restore my work from a download", accept=".zip", multiple=False,
                                   icon="upload", layout=w.Layout(width="auto"))
        self.restore_status = LiveRegion()
        super().__init__([self.button, self.status, self.link,
                          w.HTML("<p>On the other device, open this page, then choose the zip file you saved.</p>"),
                          self.upload, self.restore_status])
        self.add_class("coursekit-widget")
        self.button.on_click(lambda _b: self.make())
        self.upload.observe(lambda change: self.restore(change["new"]), names="value")

    def make(self) -> None:
        try:
            data = move_work.all_work_zip(self.home)
        except FileNotFoundError:
            self.link.value = ""
            self.status.value = ("<p>You have not answered anything yet, so there is nothing to download. "
                                 "Answer a lesson's quiz or an exercise, then come back here.</p>")
            return
        except OSError as err:
            self.link.value = ""
            self.status.value = (f"<p><strong>⚠ No file made.</strong> One of your answers files could not be read "
                                 f"({html.escape(err.strerror or str(err))}). Try again, or ask your trainer for help.</p>")
            return
        name = move_work.zip_name()
        self.link.value = (f"<ul><li>{save_link(name, data)}: all your answers, lessons and exercises, with your "
                           "name and learner ID. Keep it safe, or use it to carry on using another device. "
                           "It is for you: do not send it to your trainer.</li></ul>")
        self.status.value = ("<p><strong>✔ Ready.</strong> Select the link below to save the file. "
                             "Keep its name as it is.</p>")

    def restore(self, files) -> None:
        if not files:
            return  # the upload was cleared
        try:
            self.restore_status.value = self.restore_files(files)
        finally:
            self.upload.value = ()  # free the bytes, and let the same file be chosen again

    def restore_files(self, files) -> str:
        uploads = []
        for item in files:
            name = str(item.get("name") or "the file")[:NAME_CHARS]
            content = item.get("content")
            size = max(int(item.get("size") or 0), len(content) if content is not None else 0)
            try:
                if size > move_work.MAX_ZIP_BYTES:  # said before its bytes are copied
                    raise move_work.too_big(name)
                uploads.append(move_work.read_upload(name, bytes(content or b"")))
            except move_work.Refused as err:
                return f"<p><strong>⚠ Not restored.</strong> {html.escape(str(err))}</p>"
        report = move_work.Restored()
        for upload in uploads:
            done = move_work.restore(self.home, upload)
            for part in ("changed", "same", "backups", "problems", "left"):
                getattr(report, part).extend(getattr(done, part))
        return restored_html(report)


def move_my_work(home: str | None = None) -> MoveWork:
    """Show "Download all my work" and "Restore my work from a download" (one line in a notebook)."""
    return MoveWork(CourseHome.find(home) if home else CourseHome.find())
