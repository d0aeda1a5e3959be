"""A small, visible first goal: the form's fields, the source's criteria as rules, hints.

The criteria come from *A new era of digital leadership* (NHS Providers with
Public Digital, 2020), section "A goal and a mission": boards agree one clear goal, a
tangible thing the trust will deliver, ideally by a set date; and in Public Digital's
experience that goal is relatively small, visible, realistic and low-risk, and
strikingly different from what is normal.

These rules are the course's reading of those words. The source gives no range of
dates: 4 weeks to a year is the course's reading, and the feedback says so. They check the structure of
an answer, not its wisdom: an assessor or the board still judges whether the goal
is a good one.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any, Mapping

from coursekit.questions.outcomes import Criterion, Outcome, Result

#: A realistic first goal is due at least this many days after it is set ...
MIN_DAYS = 28
#: ... and no more than this many (the course's reading: the source gives no range).
MAX_DAYS = 366
MAX_WORDS = 40

FIELDS: tuple[str, ...] = ("goal", "kind", "users", "date", "scale", "risk", "difference", "different")

KIND_OPTIONS = (
    ("A service or tool that real people can use", "service"),
    ("A strategy, policy or business case", "document"),
    ("A plan, architecture diagram or slide deck", "diagram"),
    ("A contract or purchase", "purchase"),
)
USERS_OPTIONS = (
    ("Patients or service users", "patients"),
    ("Staff on the front line", "staff"),
    ("The public", "public"),
    ("The board or a committee", "board"),
    ("Only the project team", "team"),
)
SCALE_OPTIONS = (
    ("One small team can deliver it", "one_team"),
    ("It needs several teams working together", "several_teams"),
    ("It needs a programme across the whole trust", "whole_trust"),
)
RISK_OPTIONS = (
    ("Low: people could go back to the old way with little harm", "low"),
    ("Medium: some services would be disrupted for a while", "medium"),
    ("High: a business-critical service could fail", "high"),
)
DIFFERENT_OPTIONS = (
    ("Strikingly different: people will notice at once", "strikingly"),
    ("Somewhat different", "somewhat"),
    ("Much the same as today", "barely"),
)

CRITERIA = (
    "A single, tangible goal",
    "Visible to real users",
    "A specific, realistic date",
    "Small and low-risk",
    "Strikingly different from today",
)

HINTS = (
    "Picture the day your goal is met. Who is using something new, and what are they doing with it?",
    "The source warns that strategy papers, architecture diagrams and slideware are not enough. "
    "Is your goal something people can use, not something they can read?",
    "Small and low-risk does not mean unimportant. Could one small team deliver it, "
    "and could people go back to the old way if it went wrong?",
    "A date makes a goal real. Pick a day a few months away: near enough to keep momentum, "
    "far enough to be realistic.",
)

#: Shown after a first attempt. Illustrative: a made-up trust, not from the source.
WORKED_EXAMPLE: dict[str, str] = {
    "goal": "Patients at our fracture clinic can move their own appointment online, without phoning us.",
    "kind": "service",
    "users": "patients",
    "date": "",  # filled in relative to today when shown; see worked_example()
    "scale": "one_team",
    "risk": "low",
    "difference": "Patients change a booking in two minutes on their phone instead of waiting on hold.",
    "different": "strikingly",
}


FIELD_LABELS = dict(zip(FIELDS, (
    "Goal", "Kind", "Who sees it", "Date", "Size", "Risk", "What people notice", "How different",
)))
_CHOICES = {"kind": KIND_OPTIONS, "users": USERS_OPTIONS, "scale": SCALE_OPTIONS,
            "risk": RISK_OPTIONS, "different": DIFFERENT_OPTIONS}


def readable(answer: Mapping[str, Any]) -> dict[str, str]:
    """A saved goal with each choice shown as the words the learner saw, for people to read."""
    from coursekit.questions.forms import plain

    shown = {}
    for name in FIELDS:
        value = str(plain(answer.get(name)) or "")
        options = dict((v, text) for text, v in _CHOICES.get(name, ()))
        shown[name] = options.get(value, value)[:300] or "(blank)"
    return shown


def worked_example(today: _dt.date | None = None) -> dict[str, str]:
    """The illustrative worked example, dated about four months after ``today``."""
    today = today or _dt.date.today()
    example = dict(WORKED_EXAMPLE)
    example["date"] = (today + _dt.timedelta(days=120)).isoformat()
    return example


def _words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z0-9'’-]+", text)


def _sentences(text: str) -> int:
    parts = [p for p in re.split(r"[.!?]+(?:\s+|$)", text.strip()) if p.strip()]
    return len(parts)


def is_blank(answer: Mapping[str, Any] | None) -> bool:
    return not answer or not any(str(answer.get(name) or "").strip() for name in FIELDS)


def check_goal(answer: Any, saved_at: str | None = None) -> Result:
    """Check a first goal against the five criteria, one share of the points each."""
    from coursekit.questions.forms import get

    return get("first_goal").check(answer, saved_at)


def rules(answer: Mapping[str, Any], set_on: _dt.date) -> list[Criterion]:
    """The five criteria, checked against one saved first goal."""
    text = str(answer.get("goal") or "").strip()
    words = _words(text)
    criteria: list[Criterion] = []

    # 1. A single, tangible goal.
    if not text:
        criteria.append(Criterion(CRITERIA[0], False, "Write your goal in one sentence."))
    elif "\n" in text or ";" in text or _sentences(text) > 1 or re.search(r"(^|\s)(\d+[.)]|[-*•])\s", text):
        criteria.append(Criterion(CRITERIA[0], False, "Keep to one goal in one sentence. A list of goals invites 'collecting rocks'."))
    elif len(words) > MAX_WORDS:
        criteria.append(Criterion(CRITERIA[0], False, f"Say it in {MAX_WORDS} words or fewer. A clear goal is short."))
    elif answer.get("kind") != "service":
        criteria.append(Criterion(CRITERIA[0], False, "Make it something people can use. Papers, diagrams and slides are not enough on their own."))
    else:
        criteria.append(Criterion(CRITERIA[0], True, "One goal, and something people can use."))

    # 2. Visible to real users.
    if answer.get("users") in {"patients", "staff", "public"}:
        criteria.append(Criterion(CRITERIA[1], True, "Real people will see and use it."))
    else:
        criteria.append(Criterion(CRITERIA[1], False, "Aim for something patients, staff or the public will see, not only the board or the team."))

    # 3. A specific, realistic date.
    from coursekit.questions.forms import iso_date

    due = iso_date(answer.get("date"))
    if due is None:
        criteria.append(Criterion(CRITERIA[2], False, "Choose a specific date."))
    else:
        days = (due - set_on).days
        if days < MIN_DAYS:
            criteria.append(Criterion(CRITERIA[2], False, f"Allow at least {MIN_DAYS} days from today, so the date is realistic. "
                                          "The source gives no range: 4 weeks to a year is this course's reading."))
        elif days > MAX_DAYS:
            criteria.append(Criterion(CRITERIA[2], False, "Bring the date within a year. The source gives no range: 4 weeks to a year "
                                          "is this course's reading, to keep momentum."))
        else:
            criteria.append(Criterion(CRITERIA[2], True, f"A specific date, {days} days away."))

    # 4. Small and low-risk.
    if answer.get("scale") == "one_team" and answer.get("risk") == "low":
        criteria.append(Criterion(CRITERIA[3], True, "One small team can deliver it, and little harm follows if it goes wrong."))
    else:
        criteria.append(Criterion(CRITERIA[3], False, "Start smaller: one team, and a change people could step back from."))

    # 5. Strikingly different from today.
    difference = str(answer.get("difference") or "").strip()
    if answer.get("different") == "strikingly" and len(_words(difference)) >= 5:
        criteria.append(Criterion(CRITERIA[4], True, "People will notice the change."))
    elif answer.get("different") == "strikingly":
        criteria.append(Criterion(CRITERIA[4], False, "Say in a few words what people will notice."))
    else:
        criteria.append(Criterion(CRITERIA[4], False, "Choose something people will notice at once. Small is fine; invisible is not."))

    return criteria
