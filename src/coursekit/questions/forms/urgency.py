"""Lesson 5's form: what will keep a sense of urgency at your trust now the first wave has passed.

The criteria come from *A new era of digital leadership* (NHS Providers with Public
Digital, July 2020): "A sense of urgency" (the sector rallied around a single, clear,
vital imperative; one trust IT department's priorities fell from 30 to two; four ways
of working changed; boards will first need to understand what changed inside the trust to
give frontline staff flexibility, and apply it in the months ahead), "Keeping the 'how' as
well as the 'what'" (the COVID-19 'burning platform') and "Clear leadership" (digital
as a public focus of the chair and chief executive). The limits (one or two priorities, a
deadline within about six months) are the course's suggestions, not the source's, and the
feedback says so. The rules check the shape of an answer, not its wisdom: the board still
judges that.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any, Mapping

from coursekit.questions.forms import Field, FormSpec, criterion, iso_date, words

#: The source's four changed ways of working, as (field name, name in the source).
WAYS = (
    ("keep_integration", "Integration of health and care"),
    ("keep_pragmatism", "Bureaucratic pragmatism"),
    ("keep_empowerment", "Local empowerment"),
    ("keep_partnerships", "Mobilising partnerships"),
)
PRIORITY_OPTIONS = (
    ("One or two", "one_two"),
    ("Three to five", "three_five"),
    ("Six to ten", "six_ten"),
    ("More than ten", "over_ten"),
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
#: Who the source says gives digital the most impetus: the chair and chief executive.
HOLDERS = ("chair", "chief_executive", "chair_and_ceo")

MIN_PLATFORM_WORDS = 15
MAX_IMPERATIVE_WORDS = 30
MIN_FRONTLINE_WORDS = 10
MIN_HOW_WORDS = 8
MIN_DEADLINE_WORDS = 4
#: The course's suggestion, not the source's: a deadline that keeps urgency falls within about six months.
MAX_DAYS = 183

CRITERIA = (
    "A burning platform in your own words",
    "A single, clear imperative",
    "What changed for frontline staff",
    "Ways of working you will keep, and how",
    "One deadline with a date",
    "Someone to hold the board to it",
)

HINTS = (
    "Think back to spring 2020 at your trust. What made people act in days rather than months?",
    "In the first wave, one trust's IT department went from 30 priorities to two. Which one or two things "
    "matter most to your board now?",
    "For each way of working you tick, picture who does what differently next month. That is your 'how'.",
    "A deadline keeps urgency only if someone on the board owns it. The source says digital gains most "
    "impetus when the chair and chief executive make it their public focus.",
)


def _sentences(text: str) -> int:
    return len([p for p in re.split(r"[.!?]+(?:\s+|$)", text.strip()) if p.strip()])


def _imperative(answer: Mapping[str, Any]):
    text = str(answer.get("imperative") or "").strip()
    if not text:
        return criterion(CRITERIA[1], False, "", "Write the one imperative your board will rally around.")
    if "\n" in text or ";" in text or _sentences(text) > 1 or len(words(text)) > MAX_IMPERATIVE_WORDS:
        return criterion(CRITERIA[1], False, "", f"Keep to one imperative, in one sentence of up to "
                         f"{MAX_IMPERATIVE_WORDS} words. In the first wave the sector rallied around one.")
    return criterion(CRITERIA[1], answer.get("priorities") == "one_two",
                     "One imperative, and few enough priorities to keep pace.",
                     "Cut your priorities to one or two: this course's suggestion, not a rule from the source. "
                     "The source tells of one trust IT department that went from 30 to two in the first wave.")


def _deadline(answer: Mapping[str, Any], set_on: _dt.date):
    what = words(answer.get("deadline"))
    due = iso_date(answer.get("deadline_date"))
    if len(what) < MIN_DEADLINE_WORDS:
        return criterion(CRITERIA[4], False, "", "Say in a few words what your trust will deliver by the deadline.")
    if due is None:
        return criterion(CRITERIA[4], False, "", "Choose a specific date for the deadline.")
    days = (due - set_on).days
    return criterion(CRITERIA[4], 0 < days <= MAX_DAYS, f"A specific deadline, {days} days away.",
                     "Choose a date after today." if days <= 0 else
                     "Bring the deadline within about six months. That limit is this course's suggestion, to keep "
                     "the deadline near: the source sets no deadline.")


def rules(answer: Mapping[str, Any], set_on: _dt.date) -> list:
    platform = words(answer.get("platform"))
    kept = [name for field, name in WAYS if answer.get(field) is True]
    holder = answer.get("holder")
    return [
        criterion(CRITERIA[0], len(platform) >= MIN_PLATFORM_WORDS,
                  "You said in your own words why your trust must keep changing.",
                  f"Say in at least {MIN_PLATFORM_WORDS} words why your trust cannot go back to old ways."),
        _imperative(answer),
        criterion(CRITERIA[2], len(words(answer.get("frontline"))) >= MIN_FRONTLINE_WORDS,
                  "You named what changed inside the trust to free frontline staff.",
                  f"In at least {MIN_FRONTLINE_WORDS} words, say what changed inside your trust that let "
                  "frontline staff work flexibly. The source says boards will first need to understand this."),
        criterion(CRITERIA[3], bool(kept) and len(words(answer.get("keep_how"))) >= MIN_HOW_WORDS,
                  "You will keep: " + ", ".join(kept) + ". And you said how." if kept else "",
                  "Tick at least one of the four ways of working to keep." if not kept else
                  f"Say in at least {MIN_HOW_WORDS} words one practical step to keep it going."),
        _deadline(answer, set_on),
        criterion(CRITERIA[5], holder in HOLDERS,
                  "Someone at the top of the board holds it to the deadline.",
                  "Name a person, not a committee, and decide who it is." if holder in ("committee", "undecided", None, "")
                  else "Ask the chair or chief executive. The source says digital is more likely to gain impetus "
                  "when it is their public focus."),
    ]


def example(today: _dt.date) -> dict[str, Any]:
    """Illustrative: a made-up trust, not from the source. The deadline is about three months on."""
    return {
        "platform": "Our waiting lists grew through the pandemic, and patients now expect to see us by video. "
                    "If we slip back to paper and phone queues, they wait longer.",
        "imperative": "Every outpatient can choose a video or phone appointment.",
        "priorities": "one_two",
        "frontline": "Clinic teams could choose video appointments without a business case, and the "
                     "digital team answered their requests the same day.",
        "keep_integration": False,
        "keep_pragmatism": True,
        "keep_empowerment": True,
        "keep_partnerships": False,
        "keep_how": "Clinic leads keep the power to change their own booking rules, and we review the "
                    "approval steps we skipped rather than bring them all back.",
        "deadline": "Video appointments offered in every outpatient specialty",
        "deadline_date": (today + _dt.timedelta(days=90)).isoformat(),
        "holder": "chief_executive",
    }


SPEC = FormSpec(
    name="urgency",
    title="Keeping a sense of urgency at your trust",
    intro="The first wave has passed. Plan how your trust keeps the pace it found. Answer for your own trust: "
          "there is no single right answer, and the checks look at the shape of your plan, not its wisdom.",
    fields=(
        Field("platform", "Your burning platform: why must your trust keep changing now?", "longtext",
              placeholder="In your own words. What would go wrong if you went back to the old ways?",
              group="Why change now"),
        Field("imperative", "The one imperative your board will rally around, in one sentence:", "text",
              group="Why change now"),
        Field("priorities", "How many digital priorities will your board hold at once?", "choice",
              PRIORITY_OPTIONS, group="Why change now"),
        Field("frontline", "What changed inside your trust that let frontline staff work flexibly in the first wave?",
              "longtext", group="What changed in the first wave"),
        *(Field(field, f"Ways of working to keep: {name}", "check", group="Which of the four ways of working will you keep?")
          for field, name in WAYS),
        Field("keep_how", "How will you keep the ways you ticked? One practical step:", "longtext",
              group="Which of the four ways of working will you keep?"),
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
    check_label="Check my plan",
    all_met="Your plan meets every criterion.",
    some_met="Here is how your plan compares with the six criteria, based on the source.",
)
