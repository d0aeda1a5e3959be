"""Lesson 3's form: design your trust's first digital team.

From *A new era of digital leadership* (NHS Providers with Public Digital, 2020), "A team":
the first team should be small, empowered, multidisciplinary and able to 'show the thing'
(build prototype services that real people can use), made of digital and clinical
practitioners who use the board's top cover, and not wholly dependent on management
consultants or outside contractors, with outside help covering gaps while skills are
brought in house.

The source gives no numbers for any of this. The ranges below (team size, how many
disciplines and decisions, how soon to show something, how much of the team is in house)
are the course's reading of its words, and the exercise says so. The rules check the shape
of a team, not its wisdom.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Mapping

from coursekit.questions.forms import Field, FormSpec, criterion, iso_date, words
from coursekit.questions.goal import vague_aim
from coursekit.questions.forms.leadership_map import EXECUTIVE_IDS, EXECUTIVES

#: Small: at least one person for each of three disciplines, and few enough to sit round
#: one table and decide together (the course's reading of "small").
MIN_SIZE, MAX_SIZE = 3, 12
SIZE_OPTIONS = (*((str(n), n) for n in range(1, 21)), ("More than 20", 21))

#: (field, label, kind of practitioner). "digital" practitioners can build and test a service.
DISCIPLINES: tuple[tuple[str, str, str], ...] = (
    ("disc_clinical", "In the team: clinicians, such as doctors, nurses or therapists", "clinical"),
    ("disc_frontline", "In the team: frontline service or operational managers", "service"),
    ("disc_design", "In the team: service designers", "digital"),
    ("disc_research", "In the team: user researchers", "digital"),
    ("disc_developer", "In the team: software developers or engineers", "digital"),
    ("disc_product", "In the team: product or delivery managers", "digital"),
    ("disc_data", "In the team: data analysts", "digital"),
    ("disc_it", "In the team: IT and infrastructure specialists", "it"),
    ("disc_strategy", "In the team: strategy or policy staff", "strategy"),
)
MIN_DISCIPLINES = 3

DECISIONS: tuple[tuple[str, str], ...] = (
    ("decide_next", "Decides without asking the board: what to build or test next"),
    ("decide_change", "Decides without asking the board: how to change the service after feedback from users"),
    ("decide_roles", "Decides without asking the board: who in the team does what"),
    ("decide_spend", "Decides without asking the board: how to spend an agreed budget"),
)
MIN_DECISIONS = 2
SPONSOR_OPTIONS = (*EXECUTIVES, ("No one on the board yet", "none"))

SHOW_OPTIONS: tuple[tuple[str, str], ...] = (
    ("A working prototype that real people can use", "prototype"),
    ("A strategy paper or business case", "paper"),
    ("A technical architecture diagram", "diagram"),
    ("A slide deck for the board", "slides"),
)
MIN_SHOW_WORDS = 6
#: Soon enough to keep momentum, far enough to build something (the course's reading).
MIN_SHOW_DAYS, MAX_SHOW_DAYS = 14, 120

IN_HOUSE_OPTIONS: tuple[tuple[str, str], ...] = (
    ("All of them", "all"),
    ("Most of them", "most"),
    ("About half", "half"),
    ("Fewer than half", "few"),
    ("None: all are consultants or contractors", "none"),
)
MIN_PLAN_WORDS = 6

CRITERIA = (
    "Small",
    "Multidisciplinary",
    "Empowered",
    "Able to show the thing",
    "A date to show it",
    "Not wholly dependent on outsiders",
)

FIELDS = (
    Field("purpose", "What the first team will work on", "longtext",
          placeholder="Your first goal from lesson 4 is a good place to start.", group="What the team is for"),
    Field("team_size", "Number of people in the team", "choice", SIZE_OPTIONS, group="Size and skills"),
    *(Field(name, label, "check", group="Size and skills") for name, label, _ in DISCIPLINES),
    Field("sponsor", "Board executive who gives the team top cover", "choice", SPONSOR_OPTIONS,
          group="Who decides"),
    *(Field(name, label, "check", group="Who decides") for name, label in DECISIONS),
    Field("show_what", "What the team will show, and to whom", "longtext",
          placeholder="Who will use it, and what will they be able to do?", group="Show the thing"),
    Field("show_kind", "What kind of thing they will show", "choice", SHOW_OPTIONS, group="Show the thing"),
    Field("show_date", "Date they will show it", "date", group="Show the thing"),
    Field("in_house", "How many of the team are your own staff", "choice", IN_HOUSE_OPTIONS,
          group="Skills in house"),
    Field("outside_plan", "Gaps that outside help will fill, and how you will build those skills in house",
          "longtext", placeholder="For example: which skill, for how long, and who will learn it?",
          group="Skills in house"),
)


def rules(answer: Mapping[str, Any], set_on: _dt.date) -> list:
    return [_small(answer), _multidisciplinary(answer), _empowered(answer), _show(answer),
            _show_date(answer, set_on), _in_house(answer)]


def _small(answer: Mapping[str, Any]):
    size = answer.get("team_size")
    if not isinstance(size, int) or isinstance(size, bool):
        return criterion(CRITERIA[0], False, "", "Choose how many people will be in the team.")
    if size < MIN_SIZE:
        return criterion(CRITERIA[0], False, "",
                         f"With {size}, the team is too small to hold three disciplines. Aim for {MIN_SIZE} to "
                         f"{MAX_SIZE} people.")
    return criterion(CRITERIA[0], size <= MAX_SIZE, f"{size} people: a small team.",
                     f"The source asks for a small first team. This course reads that as {MAX_SIZE} people at most: "
                     "few enough to sit round one table and decide together.")


def _multidisciplinary(answer: Mapping[str, Any]):
    kinds = [kind for name, _, kind in DISCIPLINES if answer.get(name) is True]
    if len(kinds) < MIN_DISCIPLINES:
        return criterion(CRITERIA[1], False, "",
                         f"Tick at least {MIN_DISCIPLINES} disciplines. The source warns against a first team from "
                         "one part of the organisation or, worse, one discipline.")
    if "clinical" not in kinds:
        return criterion(CRITERIA[1], False, "",
                         "Add clinicians. The source looks for clinical as well as digital practitioners on the ground.")
    return criterion(CRITERIA[1], "digital" in kinds,
                     f"{len(kinds)} disciplines, with clinical and digital practitioners working together.",
                     "Add people who can build and test a service, such as service designers, user researchers "
                     "or developers. Strategy, policy or IT alone is the common mistake the source describes.")


def _empowered(answer: Mapping[str, Any]):
    decisions = sum(answer.get(name) is True for name, _ in DECISIONS)
    if answer.get("sponsor") not in EXECUTIVE_IDS:
        return criterion(CRITERIA[2], False, "",
                         "Name a board executive who gives the team top cover. The team's work on the ground "
                         "depends on strong steers from the board table.")
    return criterion(CRITERIA[2], decisions >= MIN_DECISIONS,
                     f"The team has top cover and makes {decisions} kinds of decision without escalation.",
                     f"Let the team make at least {MIN_DECISIONS} kinds of decision without asking the board. "
                     "An empowered team does not wait for permission at every step.")


def _show(answer: Mapping[str, Any]):
    kind = answer.get("show_kind")
    if kind != "prototype":
        return criterion(CRITERIA[3], False, "",
                         "The source says architecture diagrams, strategy papers and impressive slideware are not "
                         "enough. Choose something real people can use."
                         if kind in {v for _, v in SHOW_OPTIONS} else "Choose what kind of thing the team will show.")
    what = str(answer.get("show_what") or "")
    if len(words(what)) >= MIN_SHOW_WORDS and vague_aim(what):
        return criterion(CRITERIA[3], False, "", "Say what the team will show in plain terms: who will use it, "
                         "and to do what. An aim such as 'better digital services' is not a thing to show.")
    return criterion(CRITERIA[3], len(words(what)) >= MIN_SHOW_WORDS,
                     "Something real people can use, and you have said who.",
                     f"Say in at least {MIN_SHOW_WORDS} words what the team will show, and who will use it.")


def _show_date(answer: Mapping[str, Any], set_on: _dt.date):
    due = iso_date(answer.get("show_date"))
    if due is None:
        return criterion(CRITERIA[4], False, "", "Choose the date the team will show it.")
    days = (due - set_on).days
    return criterion(CRITERIA[4], MIN_SHOW_DAYS <= days <= MAX_SHOW_DAYS,
                     f"A date {days} days away. {MIN_SHOW_DAYS} to {MAX_SHOW_DAYS} days is this course's reading; "
                     "the source gives no date.",
                     f"Choose a date between {MIN_SHOW_DAYS} and {MAX_SHOW_DAYS} days from today. This course reads "
                     "'show the thing' as something early: soon enough to keep momentum, late enough to build it.")


def _in_house(answer: Mapping[str, Any]):
    share = answer.get("in_house")
    if share == "none":
        return criterion(CRITERIA[5], False, "",
                         "The source warns against a first team wholly dependent on management consultants or "
                         "outside contractors. Build the team around your own staff.")
    if share not in ("all", "most"):
        return criterion(CRITERIA[5], False, "",
                         "Make most of the team your own staff. The source sees outside help as a way to cover "
                         "gaps, so this course reads that as fewer than half the team."
                         if share in ("half", "few") else "Choose how many of the team are your own staff.")
    if share == "all":
        return criterion(CRITERIA[5], True, "The whole team are your own staff.", "")
    return criterion(CRITERIA[5], len(words(answer.get("outside_plan"))) >= MIN_PLAN_WORDS,
                     "Most of the team are your own staff, and you have a plan to bring outside skills in house.",
                     "Say which gap outside help will fill, such as service design or user research, and how "
                     "your own staff will learn those skills over time.")


HINTS = (
    "Picture the team's first week. Who is in the room, and which of them could build something a patient "
    "or member of staff could try?",
    "Count the disciplines, not the people. A team drawn from one department is the common mistake the "
    "source describes.",
    "Which decisions would slow the team down if each one went to the board? Those are the ones to hand over, "
    "with a board executive giving top cover.",
    "Papers, diagrams and slides describe a service. What could real people click, tap or use, and how soon?",
    "Outside help is fine for a gap. Ask which of your own staff will learn that skill, so the trust becomes "
    "an informed buyer.",
)

#: Shown after a first attempt. Illustrative: a made-up trust, not from the source.
WORKED_EXAMPLE: dict[str, Any] = {
    "purpose": "Patients at our fracture clinic move their own appointments online (our first goal).",
    "team_size": 7,
    "disc_clinical": True, "disc_frontline": True, "disc_design": True, "disc_research": True,
    "disc_developer": True, "disc_product": True, "disc_data": False, "disc_it": False, "disc_strategy": False,
    "sponsor": "operations",
    "decide_next": True, "decide_change": True, "decide_roles": True, "decide_spend": False,
    "show_what": "A rebooking page that six fracture clinic patients and two receptionists can try out.",
    "show_kind": "prototype",
    "show_date": "",  # set relative to today; see worked_example()
    "in_house": "most",
    "outside_plan": "A contracted user researcher fills our gap for six months and coaches two of our "
                    "service improvement staff.",
}


def worked_example(today: _dt.date | None = None) -> dict[str, Any]:
    """The illustrative worked example, showing its prototype about eight weeks after ``today``."""
    example = dict(WORKED_EXAMPLE)
    example["show_date"] = ((today or _dt.date.today()) + _dt.timedelta(days=56)).isoformat()
    return example


SPEC = FormSpec(
    name="first_team",
    title="Your trust's first team",
    intro="Design the first team that will deliver digital change at your trust: small, empowered, "
          "multidisciplinary, able to show the thing, and not wholly dependent on outsiders.",
    fields=FIELDS,
    criteria=CRITERIA,
    rules=rules,
    hints=HINTS,
    example=worked_example,
    check_label="Check my team",
    all_met="Your first team meets every criterion.",
    some_met="Here is how your first team compares with the six criteria, based on the source.",
)
