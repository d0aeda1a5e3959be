"""Lesson 5's form: today's case for urgency at your trust, and how the board keeps the pace.

The criteria come from *A new era of digital leadership* (NHS Providers with Public
Digital, July 2020): "A sense of urgency" (in the first wave the sector rallied around a
single, clear, vital imperative; boards will first need to understand how things changed
inside the trust to give frontline staff the flexibility to work well, and apply that
learning), "Keeping the 'how' as well as the 'what'" (many say there is "no going back";
for some, it may mean rebuilding the COVID-19 'burning platform' and refusing old ways)
and "Clear leadership" (digital as a public focus of the chair and chief executive).

The form asks about the trust as it is today: what makes change urgent now, in its own
situation, and what risks slipping back. It sets no limit on how many priorities a board
holds: the source's one IT department whose priorities fell from 30 to two is a story, not a
rule. The deadline window (about six months) is this course's reading, not the source's, and
the feedback says so. The rules check the shape of an answer, not its wisdom: the board still
judges that.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any, Mapping

from coursekit.questions.forms import (Field, FormSpec, criterion, has_phrase, iso_date, public_focus, vague_time,
                                      words)

#: The source's four changed ways of working, as (field name, name in the source).
WAYS = (
    ("keep_integration", "Integration of health and care"),
    ("keep_pragmatism", "Bureaucratic pragmatism"),
    ("keep_empowerment", "Local empowerment"),
    ("keep_partnerships", "Mobilising partnerships"),
)
HOLDER_OPTIONS = (
    ("The chair", "chair"),
    ("The chief executive", "chief_executive"),
    ("The chair and the chief executive together", "chair_and_ceo"),
    ("Another executive director", "executive"),
    ("A non-executive director", "non_executive"),
    ("A committee or programme board", "committee"),
    ("Not decided yet", "undecided"),
)
#: A named person on the board, not a committee or no one yet.
PEOPLE = ("chair", "chief_executive", "chair_and_ceo", "executive", "non_executive")

MIN_NOW_WORDS = 15
MIN_SLIP_WORDS = 8
MIN_IMPERATIVE_WORDS = 4
MAX_IMPERATIVE_WORDS = 30
MIN_FRONTLINE_WORDS = 10
MIN_HOW_WORDS = 8
MIN_DEADLINE_WORDS = 4
#: This course's reading, not the source's: a deadline that keeps urgency falls within about six months.
MAX_DAYS = 183

CRITERIA = (
    "Why change is urgent now, at your trust",
    "What risks slipping back",
    "A single, clear imperative",
    "What frees frontline staff, and how you keep it",
    "One deadline with a date",
    "Someone named to hold the board to it",
)

HINTS = (
    "Look at your trust this month, not in 2020. What is getting worse, or will, if nothing changes: waiting "
    "lists, staff leaving, money, patients' expectations?",
    "Which new habits are already fading? A meeting that went back to paper, an approval step that came back, "
    "a team that stopped trying new tools?",
    "In the first wave, the sector rallied around one clear imperative. What one thing would your board "
    "rally around now?",
    "For each way of working you tick, picture who does what differently next month. That is your 'how'.",
    "A deadline keeps urgency only if a named person holds the board to it. The source says digital is more "
    "likely to gain impetus when the chair and chief executive make it their public focus.",
)


def _sentences(text: str) -> int:
    return len([p for p in re.split(r"(?:[.!?]+|;)(?:\s+|$)", text.strip()) if p.strip()])


def _imperative(answer: Mapping[str, Any]):
    text = str(answer.get("imperative") or "").strip()
    if len(words(text)) < MIN_IMPERATIVE_WORDS:
        return criterion(CRITERIA[2], False, "", "Write the one imperative your board will rally around now, "
                         f"in at least {MIN_IMPERATIVE_WORDS} words.")
    one = "\n" not in text and _sentences(text) == 1 and len(words(text)) <= MAX_IMPERATIVE_WORDS
    return criterion(CRITERIA[2], one, "One imperative, in one sentence.",
                     f"Keep to one imperative, in one sentence of up to {MAX_IMPERATIVE_WORDS} words. In the "
                     "first wave the sector rallied around a single, clear one.")


def _frontline(answer: Mapping[str, Any]):
    kept = [name for field, name in WAYS if answer.get(field) is True]
    if len(words(answer.get("frontline"))) < MIN_FRONTLINE_WORDS:
        return criterion(CRITERIA[3], False, "",
                         f"In at least {MIN_FRONTLINE_WORDS} words, say what lets frontline staff at your trust "
                         "work flexibly, and how the board will apply that now. The source says boards will first "
                         "need to understand what gave them that flexibility.")
    if not kept:
        return criterion(CRITERIA[3], False, "", "Tick at least one of the four ways of working to keep.")
    return criterion(CRITERIA[3], len(words(answer.get("keep_how"))) >= MIN_HOW_WORDS,
                     "You will keep: " + ", ".join(kept) + ". And you said how.",
                     f"Say in at least {MIN_HOW_WORDS} words one practical step to keep it going.")


def _deadline(answer: Mapping[str, Any], set_on: _dt.date):
    what = str(answer.get("deadline") or "")
    due = iso_date(answer.get("deadline_date"))
    reading = "About six months is this course's reading, to keep the deadline near; the source sets no deadline."
    if len(words(what)) < MIN_DEADLINE_WORDS:
        return criterion(CRITERIA[4], False, "", "Say in a few words what your trust will deliver by the deadline.")
    if vague_time(what):
        return criterion(CRITERIA[4], False, "", f"“{vague_time(what)}” puts it off. Say what will be delivered, "
                         "and give the date below.")
    if due is None:
        return criterion(CRITERIA[4], False, "", "Choose a specific date for the deadline.")
    days = (due - set_on).days
    return criterion(CRITERIA[4], 0 < days <= MAX_DAYS, f"A specific deadline, {days} days away. {reading}",
                     "Choose a date after today." if days <= 0 else
                     f"Bring the deadline within about six months. {reading}")


def _holder(answer: Mapping[str, Any]):
    holder = answer.get("holder")
    if len(words(answer.get("deadline"))) < MIN_DEADLINE_WORDS:
        return criterion(CRITERIA[5], False, "", "Name the deadline first; then who holds the board to it.")
    return criterion(CRITERIA[5], holder in PEOPLE, "A named person holds the board to the deadline.",
                     "Name a person, not a committee, and decide who it is.")


def rules(answer: Mapping[str, Any], set_on: _dt.date) -> list:
    return [
        criterion(CRITERIA[0], len(words(answer.get("platform"))) >= MIN_NOW_WORDS,
                  "You said, in your own words, what makes change urgent at your trust now.",
                  f"Say in at least {MIN_NOW_WORDS} words what makes change urgent at your trust today, in its "
                  "own situation: not what happened in 2020."),
        criterion(CRITERIA[1], len(words(answer.get("slip_back"))) >= MIN_SLIP_WORDS,
                  "You named what risks slipping back to old ways.",
                  f"Say in at least {MIN_SLIP_WORDS} words which new ways of working at your trust risk slipping "
                  "back, and what that would cost. Many in the NHS have said there is 'no going back'."),
        _imperative(answer),
        _frontline(answer),
        _deadline(answer, set_on),
        _holder(answer),
    ]


#: Words that look back to the first wave, and words that look at the trust today.
THEN_WORDS = ("2020", "first wave", "lockdown", "spring", "back then", "at the time")
NOW_WORDS = ("now", "today", "this year", "this month", "currently", "still", "is", "are", "will", "next")


def prompts(answer: Mapping[str, Any], _set_on: _dt.date) -> list[str]:
    """Questions back to the learner, never criteria: a case for urgency that only looks back to 2020,
    and who holds the board to the deadline."""
    platform = answer.get("platform")
    looking_back = has_phrase(platform, THEN_WORDS) and not has_phrase(platform, NOW_WORDS)
    asked = ["Your case for urgency looks back to the first wave. What makes change urgent at your trust now?"
             ] if looking_back else []
    backer = {"chair": "chair", "chief_executive": "chief executive", "executive": "other",
              "non_executive": "other"}.get(answer.get("holder"))
    return asked + public_focus(backer, "this deadline")


def example(today: _dt.date) -> dict[str, Any]:
    """Illustrative: a made-up trust, not from the source. The deadline is about three months on."""
    return {
        "platform": "Our outpatient waiting list is the longest in our region and still growing, and two "
                    "clinics lose a consultant this spring. We cannot meet demand the way we work today.",
        "slip_back": "Video clinics are falling back to face-to-face by habit, and approvals that took a day "
                     "now take a month again.",
        "imperative": "Every outpatient can choose a video or phone appointment.",
        "frontline": "Clinic teams move fastest when they can change their own booking rules without a business "
                     "case, so we will give every clinic lead that power.",
        "keep_integration": False,
        "keep_pragmatism": True,
        "keep_empowerment": True,
        "keep_partnerships": False,
        "keep_how": "Clinic leads keep the power to change their own booking rules, and we review the "
                    "approval steps we skipped rather than bring them all back.",
        "deadline": "Video appointments offered in every outpatient specialty",
        "deadline_date": (today + _dt.timedelta(days=90)).isoformat(),
        "holder": "chair_and_ceo",
    }


SPEC = FormSpec(
    name="urgency",
    title="A sense of urgency at your trust, today",
    intro="Make today's case for urgency at your own trust: what makes change urgent now, in your trust's own "
          "situation, and what risks slipping back. There is no single right answer, and the checks look at "
          "the shape of your plan, not its wisdom.",
    fields=(
        Field("platform", "What makes change urgent at your trust now, in its own situation?", "longtext",
              placeholder="In your own words, about your trust today: what gets worse if nothing changes?",
              group="Why change now"),
        Field("slip_back", "What risks slipping back to old ways, and what would that cost?", "longtext",
              placeholder="For example: a new habit that is fading, or an old approval step that came back.",
              group="Why change now"),
        Field("imperative", "The one imperative your board will rally around now, in one sentence:", "text",
              group="Why change now"),
        Field("frontline", "What lets frontline staff at your trust work flexibly, and how will the board apply "
              "that now?", "longtext", group="Frontline staff, and the ways of working you keep"),
        *(Field(field, f"Ways of working to keep: {name}", "check",
                group="Frontline staff, and the ways of working you keep")
          for field, name in WAYS),
        Field("keep_how", "How will you keep the ways you ticked? One practical step:", "longtext",
              group="Frontline staff, and the ways of working you keep"),
        Field("deadline", "One thing your trust will deliver by a deadline:", "text",
              group="A deadline, and who holds the board to it"),
        Field("deadline_date", "The deadline:", "date", group="A deadline, and who holds the board to it"),
        Field("holder", "Who will hold the board to it?", "choice", HOLDER_OPTIONS,
              group="A deadline, and who holds the board to it"),
    ),
    criteria=CRITERIA,
    rules=rules,
    hints=HINTS,
    example=example,
    prompts=prompts,
    check_label="Check my plan",
    all_met="Your plan meets every criterion.",
    some_met="Here is how your plan compares with the six criteria, based on the source. The deadline window "
             "is this course's reading.",
)
