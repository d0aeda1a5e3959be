"""A small, visible first goal: the form's fields, the source's criteria as rules, hints.

The criteria come from *A new era of digital leadership* (NHS Providers with
Public Digital, 2020), section "A goal and a mission": boards agree one clear goal, a
tangible thing the trust will deliver, ideally by a set date; and in Public Digital's
experience that goal is relatively small, visible, realistic and low-risk, and
strikingly different from what is normal.

These rules are the course's reading of those words. They judge only what can be judged from
the learner's own words and the date: one goal, said in a sentence or two; a tangible thing
people can use, not an aim such as "do digital better"; what people will notice; and a
specific date. The source gives no range of dates: 4 weeks to a year is this course's reading,
not the source's, and the feedback says so every time. Size, risk and difference are the
learner's own ratings: they never meet a criterion, and come back as prompts to reflect. No
rule judges the goal's wisdom: an assessor or the board still does.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any, Mapping

from coursekit.questions.outcomes import Criterion, Outcome, Result
from coursekit.questions.quoting import quoted

#: A realistic first goal is due at least this many days after it is set ...
MIN_DAYS = 28
#: ... and no more than this many (the course's reading: the source gives no range).
MAX_DAYS = 366
MAX_WORDS = 50

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
    "One goal, in a sentence or two",
    "Something tangible people can use",
    "Visible: people will notice it",
    "A specific date",
)

#: A goal says who will be able to do what: at least this many words ...
MIN_GOAL_WORDS = 6
#: ... in no more than this many sentences (a goal and a word on why is still one goal).
MAX_SENTENCES = 2
#: What people will notice, in at least this many words.
MIN_DIFFERENCE_WORDS = 5

#: Aims, not things: a goal made only of these words says nothing tangible ("do digital better",
#: "improve digital maturity", "transform care through innovation").
AIM_WORDS = frozenset({
    "digital", "digitally", "digitise", "digitize", "digitisation", "digitization", "better", "best", "improve",
    "improved", "improving", "improvement", "improvements", "enhance", "enhanced", "transform", "transformed",
    "transformation", "transforming", "modernise", "modernize", "modernisation", "optimise", "optimize",
    "maturity", "mature", "innovation", "innovative", "innovate", "excellence", "excellent", "world-class",
    "world", "class", "leading", "culture", "strategy", "strategic", "vision", "efficiency", "efficient",
    "effective", "effectiveness", "quality", "outcomes", "experience", "experiences", "services", "service",
    "care", "capability", "capabilities", "agenda", "journey", "ambition", "ambitions", "maximise", "leverage",
    "embrace", "embed", "drive", "deliver", "achieve", "become", "be", "do", "make", "get", "more", "most",
    "fully", "our", "we", "the", "a", "an", "to", "of", "and", "in", "across", "through", "for", "with",
    "trust", "organisation", "organization", "nhs", "first", "technology", "technologies", "tech", "it",
    "systems", "system", "everything", "things", "all", "whole", "overall", "generally", "way", "ways",
    "working", "work", "will", "be", "is", "are", "people", "everyone", "feel", "notice", "different",
    "change", "changes", "new", "modern", "smarter", "faster", "easier", "simpler", "much", "lot", "lots",
    "by", "on", "at", "as", "so", "that", "this", "its", "their", "using", "use", "value", "data-driven",
    "paperless", "future", "ready", "fit", "joined-up", "integrated", "integration", "seamless", "online",
    "patients", "patient", "staff", "clinicians", "clinical", "public", "users", "user", "service-users",
    "year", "years", "month", "months", "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december", "spring", "summer", "autumn", "winter", "end",
    "difference", "differently", "happier", "happy", "pleased", "satisfied", "benefit", "benefits", "see", "them",
})
#: Phrases that mark an aim rather than a thing, wherever they appear.
AIM_PHRASES = ("do digital better", "digital maturity", "be more digital", "digital first", "digital by default",
               "world class", "world-class", "best in class", "digital transformation", "digital culture",
               "digital strategy", "digital excellence")

HINTS = (
    "Picture the day your goal is met. Who is using something new, and what are they doing with it?",
    "The source warns that strategy papers, architecture diagrams and slideware are not enough. "
    "Is your goal something people can use, not something they can read?",
    "Aims such as 'do digital better' or 'improve digital maturity' are not a goal. Name the people, "
    "and what they will be able to do that they cannot do today.",
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
    parts = [p for p in re.split(r"(?:[.!?]+|;)(?:\s+|$)", text.strip()) if p.strip()]
    return len(parts)


def is_blank(answer: Mapping[str, Any] | None) -> bool:
    return not answer or not any(str(answer.get(name) or "").strip() for name in FIELDS)


def check_goal(answer: Any, saved_at: str | None = None) -> Result:
    """Check a first goal against its criteria, one share of the points each, with prompts to reflect."""
    from coursekit.questions.forms import get

    return get("first_goal").check(answer, saved_at)


def vague_aim(text: str) -> str | None:
    """Why ``text`` reads as an aim rather than a tangible thing ("do digital better"), or ``None``."""
    from coursekit.questions.forms import has_phrase

    found = has_phrase(text, AIM_PHRASES)
    content = [w.lower() for w in _words(text) if not w.isdigit()]
    if content and all(w in AIM_WORDS for w in content):
        return f"{quoted(text.strip()[:60])} is an aim, not a thing people can use"
    if found and len(content) < 2 * MIN_GOAL_WORDS:
        return f"“{found}” is an aim, not a thing people can use"
    return None


def _one_goal(text: str) -> Criterion:
    name = CRITERIA[0]
    if not text:
        return Criterion(name, False, "Write your goal in a sentence or two: who will be able to do what?")
    if "\n" in text.strip() or re.search(r"(^|\s)(\d+[.)]|[-*•])\s", text):
        return Criterion(name, False, "Keep to one goal. A list of goals invites 'collecting rocks'.")
    if _sentences(text) > MAX_SENTENCES:
        return Criterion(name, False, f"Say your one goal in one or two sentences. You wrote {_sentences(text)}.")
    words = _words(text)
    if len(words) > MAX_WORDS:
        return Criterion(name, False, f"Say it in {MAX_WORDS} words or fewer. A clear goal is short.")
    if len(words) < MIN_GOAL_WORDS:
        return Criterion(name, False, f"Say who will be able to do what, in at least {MIN_GOAL_WORDS} words.")
    return Criterion(name, True, "One goal, said plainly.")


def _tangible(text: str, kind: Any) -> Criterion:
    name = CRITERIA[1]
    aim = vague_aim(text) if text else None
    if not text:
        return Criterion(name, False, "Write your goal first: something people will be able to use.")
    if aim:
        return Criterion(name, False, f"{aim[0].upper()}{aim[1:]}. The source asks for something tangible the "
                                      "trust will deliver: say who will be able to do what.")
    if kind != "service":
        return Criterion(name, False, "You chose a paper, a plan or a purchase, not something people can use. The "
                                      "source says papers, diagrams and slides are not enough: make it a thing people use."
                         if kind in {v for _, v in KIND_OPTIONS} else "Choose what kind of thing it is.")
    return Criterion(name, True, "A tangible thing, in your own words, that people can use.")


def _visible(answer: Mapping[str, Any]) -> Criterion:
    name = CRITERIA[2]
    difference = str(answer.get("difference") or "").strip()
    users = answer.get("users")
    if users not in {"patients", "staff", "public"}:
        return Criterion(name, False, "Aim for something patients, staff or the public will see, not only the "
                                      "board or the project team." if users in {"board", "team"}
                         else "Choose who will see it or use it.")
    if len(_words(difference)) < MIN_DIFFERENCE_WORDS:
        return Criterion(name, False, f"Say in at least {MIN_DIFFERENCE_WORDS} words what people will notice "
                                      "on the day it goes live.")
    if vague_aim(difference):
        return Criterion(name, False, "Say what people will notice in plain terms: what will they do, see or stop "
                                      "doing? 'Things will be better' is not something anyone notices.")
    return Criterion(name, True, "You say what real people will notice.")


def _dated(answer: Mapping[str, Any], set_on: _dt.date) -> Criterion:
    from coursekit.questions.forms import iso_date

    name = CRITERIA[3]
    reading = ("The source says 'preferably by a specific date' and gives no range: 4 weeks to a year is this "
               "course's reading, not the source's.")
    due = iso_date(answer.get("date"))
    if due is None:
        return Criterion(name, False, "Choose a specific date. " + reading)
    days = (due - set_on).days
    if days < MIN_DAYS:
        return Criterion(name, False, f"Allow at least {MIN_DAYS} days, so the date is realistic. " + reading)
    if days > MAX_DAYS:
        return Criterion(name, False, "Bring the date within a year, to keep momentum. " + reading)
    return Criterion(name, True, f"A specific date, {days} days away. " + reading)


def rules(answer: Mapping[str, Any], set_on: _dt.date) -> list[Criterion]:
    """The criteria that can be judged from the learner's own words and the date.

    The drop-downs on size, risk and difference are the learner's own ratings: they never meet a
    criterion, and come back as prompts to reflect (:func:`prompts`)."""
    text = str(answer.get("goal") or "").strip()
    return [_one_goal(text), _tangible(text, answer.get("kind")), _visible(answer), _dated(answer, set_on)]


#: Sweeping words in a goal that suggest it is not "relatively small".
SWEEPING = ("every", "all", "whole trust", "trust-wide", "across the trust", "across the organisation",
            "across the system", "all services", "every service", "organisation-wide")


def prompts(answer: Mapping[str, Any], _set_on: _dt.date) -> list[str]:
    """Questions back to the learner about their own ratings of size, risk and difference.

    A rating is the learner's view, so it is never taken as a criterion met. In Public Digital's
    experience, the source says, a first goal is best kept relatively small, visible, realistic and
    low-risk, and strikingly unlike what is normal."""
    from coursekit.questions.forms import has_phrase

    scale, risk, different = answer.get("scale"), answer.get("risk"), answer.get("different")
    asked = []
    if scale == "one_team":
        asked.append("You rated it a job for one small team: name the people in that team (lesson 3 helps).")
    elif scale in ("several_teams", "whole_trust"):
        asked.append("You said it needs more than one team. In Public Digital's experience, the source says, a "
                     "first goal should be relatively small: is there a first slice one team could deliver?")
    sweeping = has_phrase(answer.get("goal"), SWEEPING)
    if sweeping:
        asked.append(f"Your goal says “{sweeping}”. Is that relatively small, or a later stage of the journey?")
    if risk == "low":
        asked.append("You rated it low-risk: say how people could go back to the old way if it went wrong.")
    elif risk in ("medium", "high"):
        asked.append("You rated the risk above low. In Public Digital's experience, a first goal should be "
                     "low-risk: what would make it safe to try, such as one clinic first, with the old way kept open?")
    if different == "strikingly":
        asked.append("You rated it strikingly different: would someone who has never heard of the project notice "
                     "it on the day it goes live?")
    elif different in ("somewhat", "barely"):
        asked.append("You rated it less than strikingly different. In Public Digital's experience, a first goal "
                     "stands out from what is normal: what could make the change plain to see?")
    return asked
