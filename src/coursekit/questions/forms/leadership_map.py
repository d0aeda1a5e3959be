"""Lesson 2's form: map your board's digital agenda across the three pillars of the Milton Keynes case.

From *A new era of digital leadership* (NHS Providers with Public Digital, 2020), "Clear
leadership" and the Milton Keynes University Hospital NHS Foundation Trust case: the board
split its digital agenda into three pillars, one each for patients, clinicians and
professional support staff, so that digital is part of every board portfolio; every
executive takes part; no single board member owns digital; digital is treated like the
trust's finances, a core part of the board's business; and, in the source's definition of
clear leadership, a senior leader at the helm as figurehead, top cover and chief
'un-blocker', and digital made a public focus by the chair and chief executive from the start.

The rules are the course's reading of those words. Milton Keynes' practice (three pillars,
every executive taking part) is one trust's way, not the source's definition of clear
leadership: so the tick for "every executive has a part" is the learner's own word, never a
criterion, and comes back as a prompt. The source gives no number of executives and no
frequency of review: "at least three executives" and "at least every quarter" are this
course's reading, and the feedback says so. The rules check the shape of a map, not its
wisdom: the board still judges whether the right people own the right parts.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Mapping

from coursekit.questions.forms import Field, FormSpec, criterion, vague_time, words

#: The three pillars of the Milton Keynes case: (field prefix, label).
PILLARS: tuple[tuple[str, str], ...] = (
    ("patients", "Supporting patients"),
    ("clinicians", "Supporting clinicians"),
    ("support_staff", "Supporting professional support staff"),
)
#: Executive roles on a typical NHS trust board. Also used by lesson 3's first team form.
EXECUTIVES: tuple[tuple[str, str], ...] = (
    ("Chief executive", "ceo"),
    ("Medical director", "medical"),
    ("Director of nursing (chief nurse)", "nursing"),
    ("Finance director", "finance"),
    ("Chief operating officer", "operations"),
    ("Director of people (workforce)", "people"),
    ("Director of strategy", "strategy"),
    ("Director of estates and facilities", "estates"),
    ("Chief information officer or director of digital", "cio"),
)
EXECUTIVE_IDS = frozenset(value for _, value in EXECUTIVES)
LEAD_OPTIONS = (*EXECUTIVES, ("No one yet", "none"))
SHARED_OPTIONS = (("No one else", "none"), *EXECUTIVES)
CEO_OPTIONS: tuple[tuple[str, str], ...] = (
    ("With the chair, make digital a public focus from the start, and clear obstacles for every pillar", "figurehead"),
    ("Leave digital to the executives who lead the pillars", "delegate"),
    ("Lead all of digital personally, as its single owner", "own_all"),
    ("Approve digital plans and budgets when they reach the board", "approve"),
)
REVIEW_OPTIONS: tuple[tuple[str, str], ...] = (
    ("At every board meeting", "every_meeting"),
    ("Every quarter", "quarterly"),
    ("Once a year", "yearly"),
    ("Only when a project runs into trouble", "by_exception"),
)

#: Three pillars and every executive engaged: the course reads this as at least three
#: different executives taking a part, so that no one person holds the agenda.
MIN_OWNERS = 3
#: Reviews often enough to keep digital a core part of the board's business (this course's reading).
REGULAR = ("every_meeting", "quarterly")
#: A first responsibility says what someone will do: at least this many words.
MIN_DUTY_WORDS = 6
MIN_OBSTACLE_WORDS = 4

CRITERIA = (
    "No pillar left unowned",
    "Shared across the executive team",
    "The chief executive's part",
    "A concrete first responsibility for each lead",
    "A regular item of board business",
)


def _pillar_fields(prefix: str, label: str) -> tuple[Field, ...]:
    return (
        Field(f"{prefix}_lead", f"{label}: lead executive", "choice", LEAD_OPTIONS, group=f"Pillar: {label.lower()}"),
        Field(f"{prefix}_shared", f"{label}: shared with", "choice", SHARED_OPTIONS, group=f"Pillar: {label.lower()}"),
        Field(f"{prefix}_first", f"{label}: the lead's first responsibility", "longtext",
              placeholder="What will the lead executive do first, and for whom?", group=f"Pillar: {label.lower()}"),
    )


FIELDS = (
    *(f for prefix, label in PILLARS for f in _pillar_fields(prefix, label)),
    Field("ceo_role", "The chief executive's part", "choice", CEO_OPTIONS, group="The chief executive and the chair"),
    Field("ceo_obstacle", "The first obstacle the chief executive will clear", "text",
          placeholder="For example: a decision that keeps getting stuck", group="The chief executive and the chair"),
    Field("review", "How often the board reviews the digital agenda", "choice", REVIEW_OPTIONS,
          group="Keeping digital on the board's agenda"),
    Field("everyone", "Every executive director on our board has a part in at least one pillar", "check",
          group="Keeping digital on the board's agenda"),
)


def _label(options: tuple[tuple[str, str], ...], value: Any) -> str:
    return next((text for text, option in options if option == value), str(value))


def rules(answer: Mapping[str, Any], _set_on: _dt.date) -> list:
    leads = {prefix: answer.get(f"{prefix}_lead") for prefix, _ in PILLARS}
    unowned = [label for prefix, label in PILLARS if leads[prefix] not in EXECUTIVE_IDS]
    owners = {answer.get(f"{prefix}_{part}") for prefix, _ in PILLARS for part in ("lead", "shared")} & EXECUTIVE_IDS
    return [
        criterion(CRITERIA[0], not unowned, "Each of the three pillars has a lead executive.",
                  "Name a lead executive for every pillar. Still unowned: " + ", ".join(unowned) + "."),
        _shared(leads, owners),
        _chief_executive(answer),
        _first_responsibilities(answer),
        criterion(CRITERIA[4], answer.get("review") in REGULAR,
                  "Digital comes to the board regularly. The source gives no frequency: 'at least every quarter' "
                  "is this course's reading of a core part of the board's business.",
                  "The Milton Keynes board treats digital like its finances: a core part of the board's business. "
                  "The source does not say how often a board should review it: at least every quarter is this "
                  "course's reading."),
    ]


def prompts(answer: Mapping[str, Any], _set_on: _dt.date) -> list[str]:
    """A question back to the learner about their own tick for "every executive has a part": never a criterion."""
    if answer.get("everyone") is True:
        return ["You ticked that every executive director has a part. At your next board meeting, could each "
                "of them say in a sentence what their part is?"]
    return ["At Milton Keynes every executive takes part through their own portfolio, which built the "
            "non-executives' confidence. Which of your executive directors has no part yet, and should they?"]


def _shared(leads: dict[str, Any], owners: set[str]):
    single = set(leads.values())
    if len(single) == 1 and single <= EXECUTIVE_IDS:
        who = _label(EXECUTIVES, next(iter(single)))
        extra = (" Milton Keynes chose not to put a chief information officer on its board for this reason."
                 if single == {"cio"} else "")
        return criterion(CRITERIA[1], False, "",
                         f"One executive ({who}) leads every pillar. At Milton Keynes, digital is not owned by a "
                         f"single board member.{extra} Share the pillars out.")
    if len(owners) < MIN_OWNERS:
        return criterion(CRITERIA[1], False, "",
                         f"You named {len(owners)} different executive{'s' if len(owners) != 1 else ''}. Bring in at "
                         f"least {MIN_OWNERS}, so digital is part of several board portfolios, not one or two. "
                         f"The number {MIN_OWNERS} is this course's reading; the source gives none.")
    return criterion(CRITERIA[1], True,
                     f"{len(owners)} different executives share the agenda, so it is not left with one executive. "
                     f"The number {MIN_OWNERS} is this course's reading; the source gives none.", "")


def _chief_executive(answer: Mapping[str, Any]):
    if answer.get("ceo_role") != "figurehead":
        return criterion(CRITERIA[2], False, "",
                         "Look again at the chief executive's part. The source says digital is more likely to gain "
                         "impetus when the chair and chief executive make it their public focus from the start, with "
                         "a senior leader at the helm to clear obstacles.")
    return criterion(CRITERIA[2], len(words(answer.get("ceo_obstacle"))) >= MIN_OBSTACLE_WORDS,
                     "The chief executive leads in public and will clear a named obstacle.",
                     f"Name the first obstacle the chief executive will clear, in at least {MIN_OBSTACLE_WORDS} words.")


def _first_responsibilities(answer: Mapping[str, Any]):
    texts = {label: " ".join(words(answer.get(f"{prefix}_first"))).lower() for prefix, label in PILLARS}
    short = [label for label, text in texts.items() if len(text.split()) < MIN_DUTY_WORDS]
    if short:
        return criterion(CRITERIA[3], False, "",
                         f"Give each lead a first responsibility of at least {MIN_DUTY_WORDS} words that says what "
                         "they will do. Missing or too short: " + ", ".join(short) + ".")
    put_off = [label for label, text in texts.items() if vague_time(text)]
    if put_off:
        return criterion(CRITERIA[3], False, "",
                         "A first responsibility is something the lead does first, not 'at some point' or 'soon'. "
                         "Say what they will do for: " + ", ".join(put_off) + ".")
    return criterion(CRITERIA[3], len(set(texts.values())) == len(texts),
                     "Each lead has a first responsibility of their own.",
                     "Two pillars have the same first responsibility. Give each lead a task of their own.")


HINTS = (
    "Start with the three pillars from the Milton Keynes case. For each one, ask: whose portfolio do these "
    "people already sit in?",
    "One system can touch several pillars. At Milton Keynes, two executives each cared about a different part of "
    "the same patient record. Let more than one executive share the work.",
    "Think about what the source asks of the chair and chief executive from the very beginning, and what "
    "a figurehead with top cover can do that others cannot.",
    "A first responsibility is an action, not a theme. Say what the lead will do, and who will notice.",
    "How does your board treat its finances? Not everyone is an expert, yet they are a core part of the "
    "board's business.",
)

#: Shown after a first attempt. Illustrative: a made-up trust, not from the source.
WORKED_EXAMPLE: dict[str, Any] = {
    "patients_lead": "nursing",
    "patients_shared": "operations",
    "patients_first": "Let outpatients see and change their own appointments online, starting with one clinic.",
    "clinicians_lead": "medical",
    "clinicians_shared": "cio",
    "clinicians_first": "Work with ward doctors to cut the number of log-ins needed to see test results.",
    "support_staff_lead": "finance",
    "support_staff_shared": "people",
    "support_staff_first": "Automate invoice matching so finance staff stop typing supplier invoices in twice.",
    "ceo_role": "figurehead",
    "ceo_obstacle": "The slow sign-off process for sharing patient information with our partners.",
    "review": "every_meeting",
    "everyone": True,
}


def worked_example(_today: _dt.date | None = None) -> dict[str, Any]:
    return dict(WORKED_EXAMPLE)


SPEC = FormSpec(
    name="leadership_map",
    title="Your board's digital leadership map",
    intro="Map your board's digital agenda across the three pillars from the Milton Keynes case: supporting "
          "patients, clinicians and professional support staff. Give every pillar a lead executive. At Milton "
          "Keynes every executive takes a part: one trust's way of sharing the agenda, not the only one.",
    fields=FIELDS,
    criteria=CRITERIA,
    rules=rules,
    hints=HINTS,
    example=worked_example,
    prompts=prompts,
    check_label="Check my leadership map",
    all_met="Your leadership map meets every criterion.",
    some_met="Here is how your leadership map compares with the five criteria, based on the source.",
)
