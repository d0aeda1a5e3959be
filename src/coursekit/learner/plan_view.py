"""Lesson 7's views in the exercise: the self-assessment then and now, and the one-page plan.

Each is one short line in the notebook::

    from coursekit.learner.plan_view import then_and_now; then_and_now()
    from coursekit.learner.plan_view import plan_maker; plan_maker()
"""

from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as w

from coursekit.learner import documents
from coursekit.learner.accessible import LiveRegion
from coursekit.learner.name_box import NameBox
from coursekit.records import plan
from coursekit.records.learner_files import CourseHome


def then_and_now_html(home: CourseHome) -> str:
    """The then-and-now chart with the ratings table beside it, or a plain message saying what is missing."""
    then, now = plan.self_assessments(home)
    chart = documents.then_and_now_chart(then, now).html() if now else ""
    return plan.then_and_now_html(then, now, chart)


class ThenAndNowView(w.VBox):
    """Your four ratings then (lesson 0) and now, as a chart with a table beside it."""

    def __init__(self, home: CourseHome):
        self.home = home
        self.button = w.Button(description="Show then and now", icon="bar-chart", button_style="primary",
                               layout=w.Layout(width="auto"))
        self.page = LiveRegion()
        super().__init__([self.button, self.page])
        self.add_class("coursekit-widget")
        self.button.on_click(lambda _b: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        self.page.value = then_and_now_html(self.home)


class PlanView(w.VBox):
    """Your one-page plan, assembled from your answers: shown here, and saved as HTML and (with matplotlib) PDF."""

    def __init__(self, home: CourseHome, out: Path | None = None):
        self.home = home
        self.out = Path(out or Path.cwd())
        self.name = NameBox(home)
        self.show_button = w.Button(description="Show my plan", icon="eye", layout=w.Layout(width="auto"))
        self.save_button = w.Button(description="Save my plan as HTML and PDF", icon="download",
                                    button_style="primary", layout=w.Layout(width="auto"))
        self.status = LiveRegion()
        self.preview = w.HTML()
        super().__init__([self.name, w.HBox([self.show_button, self.save_button]), self.status, self.preview])
        self.add_class("coursekit-widget")
        self.show_button.on_click(lambda _b: self.show())
        self.save_button.on_click(lambda _b: self.save())

    def show(self) -> plan.Plan:
        made = plan.assemble(self.home)
        page = documents.plan_page(made, self.out)
        body = page[page.index("<body>") + len("<body>"):page.index("</body>")]
        self.preview.value = f"<div class='coursekit-plan' style='border:1px solid #768692;padding:0 1em'>{body}</div>"
        self.status.value = self._summary(made)
        return made

    def save(self) -> None:
        made = self.show()
        try:
            page, paper = documents.export_plan(self.home, self.out)
        except OSError as err:
            self.status.value = f"<p><strong>⚠ Not saved.</strong> {html.escape(str(err))}</p>"
            return
        self.status.value = (self._summary(made) + f"<p><strong>✔ Saved.</strong> Your plan is in "
                             f"{documents.names_html(page, paper)}, beside this notebook. Open "
                             f"{'them' if paper else 'it'} from the file browser on the left.</p>"
                             + documents.no_pdf_html(page, paper))

    @staticmethod
    def _summary(made: plan.Plan) -> str:
        missing = made.missing
        problems = "".join(f"<p><strong>⚠</strong> {html.escape(x)}</p>" for x in made.problems)
        if not missing:
            return problems + "<p><strong>✔ Every part of your plan is filled in.</strong></p>"
        items = "".join(f"<li>{html.escape(p.section.title)}: {html.escape(p.pointer)}</li>" for p in missing)
        return problems + (f"<p><strong>○ {len(missing)} part{'s' if len(missing) != 1 else ''} of your plan "
                f"{'are' if len(missing) != 1 else 'is'} not answered yet.</strong> The plan says so where "
                f"each would go.</p><ul>{items}</ul>")


def then_and_now(home: str | None = None) -> ThenAndNowView:
    return ThenAndNowView(CourseHome.find(home))


def plan_maker(home: str | None = None) -> PlanView:
    return PlanView(CourseHome.find(home))
