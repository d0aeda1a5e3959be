"""The cohort dashboard: who to chase, board by board; and charts whose numbers, legends and type a trainer can read.

The cohort is chase_support's: 12 learners in 2 boards, graded by nbgrader, with late, unmarked,
filler and missing work.
"""

from __future__ import annotations

import csv
import datetime as dt
import re

import pytest
from matplotlib.text import Text

import chase_support as cs
from coursekit.cohort import charts as cohort_charts
from coursekit.cohort import chase, dashboard
from coursekit.cohort.dashboard import LessonCompletion, Shift
from coursekit.cohort.roster import Learner
from coursekit.syllabus import load

GOAL = next(lesson for lesson in load().lessons if lesson.assignment == cs.ASSIGNMENT)


# -- the charts (no gradebook) ------------------------------------------------------------------

def test_the_change_is_worked_out_from_the_means_as_shown():
    rows = dashboard.shift_rows([Shift("North", "team", 2, 2.5, 2.75), Shift("North", "goal", 2, 2.25, 2.0)])
    assert [[str(c) for c in row[2:]] for row in rows] == [["2.5", "2.8", "+0.3"], ["2.3", "2.0", "-0.3"]]
    figure = cohort_charts.shift_chart([Shift("North", tag, 2, 2.5, 2.75) for tag in ("leadership", "team", "goal", "urgency")])
    assert "A team 2.5 to 2.8" in figure.alt


def _drawn(monkeypatch, chart, *args):
    """Draw a chart and keep matplotlib's figure, drawn, and its renderer, to measure it."""
    kept = []
    real = cohort_charts.render

    def keep(fig, alt, caption):
        fig.canvas.draw()
        kept.append((fig, fig.canvas.get_renderer()))
        return real(fig, alt, caption)

    monkeypatch.setattr(cohort_charts, "render", keep)
    made = chart(*args)
    return kept[0], made


LESSONS = [LessonCompletion(t, t.lower(), 12, s, c) for t, s, c in
           [("Start here", 12, 12), ("A goal and a mission", 11, 7), ("Your plan", 12, 12)]]
BANDS = {"goal": {"0–24%": 1, "25–49%": 2, "50–74%": 0, "75–100%": 7, "Did not submit": 2},
         "team": {"0–24%": 3, "25–49%": 3, "50–74%": 2, "75–100%": 2, "Did not submit": 2}}
SHIFTS = [Shift(board, tag, 5, 2.0, 4.6) for board in ("North Trust", "South Trust")
          for tag in ("leadership", "team", "goal", "urgency")]
CHARTS = [(cohort_charts.completion_chart, LESSONS), (cohort_charts.bands_chart, BANDS),
          (cohort_charts.shift_chart, SHIFTS)]


@pytest.mark.parametrize("chart, data", CHARTS, ids=["completion", "bands", "shift"])
def test_a_charts_legend_covers_nothing_and_its_text_is_12px_or_more_as_shown(monkeypatch, chart, data):
    (fig, renderer), made = _drawn(monkeypatch, chart, data)
    legends = [*fig.legends, *(ax.get_legend() for ax in fig.axes if ax.get_legend())]
    assert legends
    in_legend = {id(t) for legend in legends for t in legend.findobj(Text)}
    texts = [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip() and id(t) not in in_legend]
    marks = [p for ax in fig.axes for p in [*ax.patches, *ax.lines] if p.get_visible()]
    for legend in legends:
        box = legend.get_window_extent(renderer)
        for artist in [*texts, *marks]:
            assert not box.overlaps(artist.get_window_extent(renderer)), f"the legend covers {artist}"
    # The page shows a chart at its own size: 96 CSS px to the inch, so 1 pt of type is 96/72 CSS px.
    png_width = int.from_bytes(made.png[16:20], "big")
    assert dashboard.display_size(made.png)[0] == round(png_width * 96 / dashboard.RENDER_DPI)
    smallest = min(t.get_fontsize() for t in [*texts, *(t for lg in legends for t in lg.get_texts())])
    assert smallest * 96 / 72 >= 12, f"the smallest text is {smallest} pt"


def test_the_score_bands_count_learners_who_did_not_submit_and_say_so():
    made = cohort_charts.bands_chart(BANDS)
    assert "2 did not submit" in made.alt and "did not submit" in made.caption


# -- who to chase: the table alone ------------------------------------------------------------

def test_a_board_table_shows_names_as_text_with_headers_and_words():
    person = Learner("L99", "<script>alert(1)</script> Smith", "x@nhs.example", "<b>Board</b>")
    late = chase.Late(GOAL, 3 * 3600 + 5 * 60, None)
    page = chase.section({"<b>Board</b>": [chase.ToChase(person, missing=[GOAL], late=[late]),
                                           chase.ToChase(Learner("L98", "Pat Kay", "p@nhs.example", "B"))]})
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; Smith" in page
    assert "<b>Board</b>" not in page and "<h3>&lt;b&gt;Board&lt;/b&gt;</h3>" in page
    assert '<th scope="col">Not handed in</th>' in page and '<th scope="row">Pat Kay' in page
    assert "<caption>&lt;b&gt;Board&lt;/b&gt;: 2 learners, 1 with something to follow up</caption>" in page
    assert f"Lesson {GOAL.number}: {GOAL.title}: 3 hours 5 minutes late" in page
    assert page.count(f"<td class=\"text\">{chase.NONE}</td>") == 4 + 2, "an empty cell says None in words"
    future = chase.ToChase(person, missing=[GOAL], due={GOAL.assignment: dt.datetime(2027, 1, 5, 17, 0)})
    assert chase.cells(future, now=dt.datetime(2027, 1, 1))[0] == [
        f"Lesson {GOAL.number}: {GOAL.title} (due 5 Jan 2027 17:00 UTC, not passed yet)"]


def test_awaiting_marking_is_one_short_line_per_learner():
    person = Learner("L97", "Ann Lee", "a@nhs.example", "B")
    forms = ["the form “Your trust's first goal”", "the form “Your trust's mission”", "the form “Your journey”"]
    first = load().lessons[0]
    many = chase.ToChase(person, awaiting=[(first, ["the reflection"]), (GOAL, ["the reflection", *forms])])
    assert chase.cells(many)[2] == [f"5 written answers, in lessons {first.number} and {GOAL.number}"]
    one = chase.ToChase(person, awaiting=[(GOAL, [forms[0]])])
    assert chase.cells(one)[2] == [f"1 written answer, in lesson {GOAL.number}"]
    assert chase.cells(chase.ToChase(person))[2] == []
    ungraded = chase.ToChase(person, awaiting=[(first, [chase.NOT_GRADED]), (GOAL, forms)])
    assert chase.cells(ungraded)[2] == [f"Lesson {first.number}: {first.title}: {chase.NOT_GRADED}",
                                        f"3 written answers, in lesson {GOAL.number}"]


@pytest.mark.parametrize("seconds, words", [(30, "under a minute"), (60, "1 minute"), (3600, "1 hour"),
                                            (2 * 86400 + 2 * 3600 + 40 * 60, "2 days 2 hours"),
                                            (86400 + 59, "1 day")])
def test_lateness_in_words(seconds, words):
    assert chase.duration(seconds) == words


# -- who to chase: a cohort graded by nbgrader ---------------------------------------------------

@pytest.fixture(scope="module")
def made(tmp_path_factory):
    cohort = cs.build(tmp_path_factory.mktemp("chase"))
    return cohort, dashboard.build(cohort, cohort.root / "report")


@pytest.mark.slow
def test_each_board_lists_every_learner_with_what_to_chase(made):
    _, built = made
    assert list(built.chase) == ["North Trust", "South Trust"]
    rows = {c.learner.id: c for learners in built.chase.values() for c in learners}
    assert sorted(rows) == sorted(cs.NAMES)
    for board, learners in built.chase.items():
        assert all(cs.board_of(c.learner.id) == board for c in learners)

    assert {lid for lid, c in rows.items() if c.missing} == set(cs.ABSENT)
    assert all(c.missing == [GOAL] for lid, c in rows.items() if lid in cs.ABSENT)
    late = {lid: (c.late[0].how_late, c.late[0].due.hour) for lid, c in rows.items() if c.late}
    assert late == {"L02": ("1 hour 15 minutes", 9), "L04": ("2 days 2 hours", 9)}
    waiting = {lid: c.awaiting[0][1] for lid, c in rows.items() if c.awaiting}
    assert set(waiting) == set(cs.UNMARKED)
    assert "the reflection" in waiting["L03"] and len(waiting["L03"]) == 4, "the reflection and three forms"
    assert waiting[cs.FILLER] == waiting["L03"], "a filler reflection is still the assessor's to mark"
    assert rows[cs.FILLER].unanswered == [(GOAL, ["the reflection (placeholder text only)"])]
    assert "the reflection" in rows[cs.BLANK].unanswered[0][1]
    assert {lid for lid, c in rows.items() if c.nothing} == {"L01", "L09", "L10", "L11", "L12"}


@pytest.mark.slow
def test_the_page_shows_one_accessible_table_per_board(made):
    _, built = made
    page = built.page.read_text("utf-8")
    section = page[page.index("<h2>Who to chase</h2>"):page.index("<h2>Completion by lesson</h2>")]
    assert section.count('<table class="chase">') == 2
    assert "<caption>North Trust: 6 learners, 3 with something to follow up</caption>" in section
    assert "<caption>South Trust: 6 learners, 4 with something to follow up</caption>" in section
    assert '<th scope="row">Dev Patel &amp; Co<br><span class="id">L04</span></th>' in section
    row = re.search(r'<th scope="row">Ben O&#x27;Neill.*?</tr>', section).group(0)
    assert "1 hour 15 minutes late (due 28 Nov 2026 09:00 UTC)" in row
    assert "the reflection (placeholder text only)" in section
    row = re.search(r'<th scope="row">Grace Lee.*?</tr>', section).group(0)
    assert f"Lesson {GOAL.number}: {GOAL.title} (due 28 Nov 2026 09:00 UTC" in row


@pytest.mark.slow
def test_filler_is_not_an_answer_in_the_dashboard_or_the_export(made, tmp_path):
    from coursekit.cohort.export import export_grades
    from coursekit.cohort.results import read_results

    cohort, built = made
    (goal,) = built.completion
    assert (goal.submitted, goal.complete) == (10, len(cs.SOLUTION)), "the filler reflection is not complete"
    with export_grades(read_results(cohort), cohort.syllabus, tmp_path / "grades.csv").open(encoding="utf-8") as f:
        rows = {r["id"]: r for r in csv.DictReader(f)}
    assert rows[cs.FILLER]["goal_and_mission_complete"] == "no"
    assert rows["L03"]["goal_and_mission_complete"] == "yes"


@pytest.mark.slow
def test_the_score_bands_count_everyone_on_the_roster(made):
    _, built = made
    assert built.bands["goal"]["Did not submit"] == 2 and sum(built.bands["goal"].values()) == 12
    page = built.page.read_text("utf-8")
    assert '<th scope="col">Did not submit</th>' in page
    waiting = sum(len(c.awaiting[0][1]) for learners in built.chase.values() for c in learners if c.awaiting)
    assert f"{waiting} written answers are not marked yet: until marked, each counts as 0 here" in page
    for image in built.images:
        assert re.search(rf'<img src="{image.name}" alt="[^"]+" width="\d+" height="\d+">', page)
