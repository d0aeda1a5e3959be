"""Lesson 4's second form: your trust's mission in a sentence or two, within its wider strategy.

The criteria come from the source's section "A goal and a mission": the first goal can be
set within a broader mission; the mission is best built around the organisation's bigger
strategic aims (its example: a world-leading integrated health and care service); it should
make digital central to how the organisation works, not a tactical response or a side
project; and trusts will want to plan it within their wider strategic context, in line with
the NHS long term plan. The rules check the shape of an answer, not its wisdom: an assessor
marks its substance against the rubric.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any, Mapping

from coursekit.questions.forms import Field, FormSpec, criterion, words

MAX_SENTENCES = 2
MAX_WORDS = 60
MIN_WORDS = 8
MIN_LINK_WORDS = 8

#: Words that say who or what the mission changes things for.
PEOPLE = ("patient", "service user", "carer", "staff", "colleague", "clinician", "nurse", "doctor", "people",
          "public", "communit", "famil", "resident", "population", "crew", "team")

PLACE_OPTIONS = (
    ("Central: it is how the whole trust will work and deliver care", "central"),
    ("One part of the trust's work, led by the digital or IT team", "one_part"),
    ("A response to a short-term pressure", "tactical"),
)

CRITERIA = (
    "A mission in a sentence or two",
    "Set within the trust's wider strategy",
    "Says what changes for patients or staff",
    "Digital is central, not a side project",
    "The first goal serves the mission",
)


def _sentences(text: str) -> int:
    return len([p for p in re.split(r"[.!?]+(?:\s+|$)", text.strip()) if p.strip()])


def _names_people(text: str) -> bool:
    lowered = text.lower()
    return any(word in lowered for word in PEOPLE)


def rules(answer: Mapping[str, Any], set_on: _dt.date) -> list:
    mission = str(answer.get("mission") or "").strip()
    count = len(words(mission))
    if not mission:
        mission_no = "Write your trust's mission in a sentence or two."
    elif _sentences(mission) > MAX_SENTENCES or "\n" in mission:
        mission_no = f"Keep it to {MAX_SENTENCES} sentences at most, so people can remember it."
    elif count > MAX_WORDS:
        mission_no = f"Say it in {MAX_WORDS} words or fewer. A mission people remember is short."
    else:
        mission_no = f"Say a little more: at least {MIN_WORDS} words."
    strategy = str(answer.get("strategy") or "").strip()
    link = str(answer.get("goal_link") or "").strip()
    return [
        criterion(CRITERIA[0], mission != "" and "\n" not in mission and _sentences(mission) <= MAX_SENTENCES
                  and MIN_WORDS <= count <= MAX_WORDS,
                  "A mission in a sentence or two.", mission_no),
        criterion(CRITERIA[1], len(words(strategy)) >= 3,
                  "You name the wider strategy the mission sits within.",
                  "Name the wider strategy or plan your mission sits within: your trust's strategy, "
                  "your system's plan, or the NHS long term plan."),
        criterion(CRITERIA[2], _names_people(mission),
                  "Your mission says who it changes things for.",
                  "Say who the mission changes things for: patients, service users, staff or the public."),
        # The drop-down alone is the learner's own rating: it counts only beside a mission in their words.
        criterion(CRITERIA[3], answer.get("place") == "central" and len(words(mission)) >= 3,
                  "Digital is central to how the trust works.",
                  "The source says a mission should make digital central to how the organisation works, "
                  "not a short-term response or one team's project. Choose where digital sits, and say "
                  "so in the mission itself."),
        criterion(CRITERIA[4], len(words(link)) >= MIN_LINK_WORDS,
                  "You say how the first goal serves the mission.",
                  f"Say in at least {MIN_LINK_WORDS} words how your first goal is a step towards the mission."),
    ]


def example(today: _dt.date) -> dict[str, Any]:
    """Illustrative: a made-up trust (the same one as the first goal's worked example)."""
    return {
        "mission": "Patients and staff in our area use joined-up digital services as the normal way to "
                   "get and give care, so that care is easier to reach and safer.",
        "strategy": "Our trust strategy for the next five years and our local system's plan, in line with "
                    "the NHS long term plan.",
        "place": "central",
        "goal_link": "Letting fracture clinic patients move their own appointments online is the first "
                     "visible step: it shows patients and staff what the mission means in practice.",
    }


SPEC = FormSpec(
    name="mission",
    title="Your trust's mission",
    intro="Write your trust's mission in a sentence or two, and say where it sits in your wider strategy.",
    fields=(
        Field("mission", "Your trust's mission, in a sentence or two:", "longtext",
              placeholder="For example: who will be able to do what, and what will be better for them?"),
        Field("strategy", "The wider strategy or plan it sits within:", "text",
              placeholder="For example: our trust strategy, our system's plan, the NHS long term plan"),
        Field("place", "Where does digital sit in this mission?", "choice", PLACE_OPTIONS),
        Field("goal_link", "How does your first goal serve this mission?", "longtext"),
    ),
    criteria=CRITERIA,
    rules=rules,
    hints=(
        "Start from your trust's biggest strategic aim, not from a system or a project. "
        "What will be different for patients and staff when you get there?",
        "The source's example of a bigger aim is a world-leading integrated health and care service. "
        "What is your trust's version, in your own words?",
        "The source wants digital to be central to how the trust works, not a side project "
        "or a short-term fix. Does your mission read that way?",
        "Your first goal is the first step. How does it show people what the mission means?",
    ),
    example=example,
    check_label="Check my mission",
    all_met="Your mission meets every check.",
    some_met="Here is how your mission compares with the checks, based on the source.",
)
