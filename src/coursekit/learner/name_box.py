"""The box where a learner types their name for their plan and record of completion (saved as data)."""

from __future__ import annotations

import html

import ipywidgets as w

from coursekit.learner.accessible import LiveRegion
from coursekit.records.learner_files import CourseHome
from coursekit.records.learner_name import read_name, save_name


class NameBox(w.VBox):
    """A box for the learner's name, saved when they leave the box or click Save."""

    def __init__(self, home: CourseHome):
        self.home = home
        self.text = w.Text(value=read_name(home), description="Your name, as it should appear:",
                           placeholder="For example: Dr Sam Patel", continuous_update=False,
                           style={"description_width": "initial"}, layout=w.Layout(width="auto", max_width="46em"))
        self.save_button = w.Button(description="Save my name", icon="save", layout=w.Layout(width="auto"))
        self.status = LiveRegion()
        super().__init__([w.HBox([self.text, self.save_button]), self.status])
        self.add_class("coursekit-widget")
        self.text.observe(lambda _c: self.save(), names="value")
        self.save_button.on_click(lambda _b: self.save())

    def save(self) -> None:
        try:
            saved = save_name(self.home, self.text.value)
        except (ValueError, OSError) as err:
            self.status.value = f"<p><strong>⚠ Not saved.</strong> {html.escape(str(err))}</p>"
            return
        self.status.value = (f"<p><strong>✔ Saved.</strong> Your name will appear as “{html.escape(saved)}”.</p>"
                             if saved else "<p>Your name is blank. Type it above to put it on your record.</p>")
