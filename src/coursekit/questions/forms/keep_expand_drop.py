"""Lesson 6's form: a keep, expand or drop review of the changes your trust made in the first wave.

The criteria come from *A new era of digital leadership* (NHS Providers with Public
Digital, July 2020), "The impact of COVID-19": boards decide which digital solutions to
keep, expand or drop; they reflect on what patients, service users and staff said;
they keep the 'how' (behaviours, ways of working, processes) as well as the 'what';
governance stays proportionate to the risks, and risk appetite need not stay fixed.
The rules check the shape of a review, not its wisdom: the board still judges that.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Mapping

from coursekit.questions.forms import Field, FormSpec, criterion, words

#: Fixed rows, one change each. The first MIN_CHANGES are expected; the rest are optional.
ROWS = 4
MIN_CHANGES = 3
MIN_CHANGE_WORDS = 2
MIN_EVIDENCE_WORDS = 5
MIN_HOW_WORDS = 6
MIN_GOVERNANCE_WORDS = 8

DECISIONS = (("Keep", "keep"), ("Expand", "expand"), ("Drop", "drop"))
HEARD = (
    ("Patients or service users", "patients"),
    ("Staff", "staff"),
    ("Both patients or service users, and staff", "both"),
    ("No one yet", "none"),
)
APPETITE = (
    ("Go back to what it was before COVID-19", "before"),
    ("Stay fixed where it was in the first wave", "fixed"),
    ("Be reviewed, and change as the risks change", "review"),
    ("Not discussed yet", "undiscussed"),
)

CRITERIA = (
    f"At least {MIN_CHANGES} changes reviewed",
    "A decision for each change",
    "Evidence from patients and staff",
    "The 'how' for what you keep or expand",
    "Risk appetite considered",
)

HINTS = (
    "List the changes from the first wave that your trust still has to decide on today: new tools, new "
    "meetings, new ways of deciding. Pick the ones people talk about most.",
    "Ask who used each change. What have patients, service users and staff told you about it, in surveys, "
    "complaints, meetings or corridors?",
    "Keeping the 'what' is the easy half. What behaviour, way of working or light-touch approval made the "
    "change work, and how will you protect it?",
    "Risks change over time. Should your governance be as light as in the first wave, as heavy as before, "
    "or matched to each risk?",
)


def _row(i: int) -> tuple[Field, ...]:
    group = f"Change {i}" + ("" if i <= MIN_CHANGES else " (optional)")
    return (
        Field(f"change{i}", f"Change {i}: a change from the first wave, to decide on now", "text", group=group),
        Field(f"decision{i}", f"Change {i}: your decision", "choice", DECISIONS, group=group),
        Field(f"heard{i}", f"Change {i}: whose feedback have you heard?", "choice", HEARD, group=group),
        Field(f"evidence{i}", f"Change {i}: what did they say?", "longtext", group=group),
        Field(f"how{i}", f"Change {i}: how you will keep it (for a drop: what replaces it)",
              "longtext", placeholder="For example: the behaviours, ways of working or governance that made it work",
              group=group),
    )


def _text(answer: Mapping[str, Any], name: str) -> list[str]:
    return words(answer.get(name))


def reviewed(answer: Mapping[str, Any]) -> list[int]:
    """The rows that name a change."""
    return [i for i in range(1, ROWS + 1) if len(_text(answer, f"change{i}")) >= MIN_CHANGE_WORDS]


def _listed(rows: list[int]) -> str:
    names = [f"change {i}" for i in rows]
    text = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return text[0].upper() + text[1:]


def _decisions(answer: Mapping[str, Any], rows: list[int]):
    ids = tuple(v for _, v in DECISIONS)
    missing = [i for i in rows if answer.get(f"decision{i}") not in ids]
    stray = [i for i in range(1, ROWS + 1) if i not in rows and answer.get(f"decision{i}") in ids]
    if not rows:
        return criterion(CRITERIA[1], False, "", "Name a change, then decide: keep, expand or drop.")
    if missing:
        return criterion(CRITERIA[1], False, "", f"{_listed(missing)}: decide whether to keep, expand or drop.")
    if stray:
        return criterion(CRITERIA[1], False, "", f"{_listed(stray)}: say what the change is, or clear the decision.")
    return criterion(CRITERIA[1], True, "Every change has a decision: keep, expand or drop.", "")


def _evidence(answer: Mapping[str, Any], rows: list[int]):
    heard = {i: answer.get(f"heard{i}") for i in rows}
    thin = [i for i in rows if heard[i] in (None, "", "none") or not isinstance(heard[i], str)
            or len(_text(answer, f"evidence{i}")) < MIN_EVIDENCE_WORDS]
    patients = any(heard[i] in ("patients", "both") for i in rows)
    staff = any(heard[i] in ("staff", "both") for i in rows)
    if not rows:
        return criterion(CRITERIA[2], False, "", "Name a change, then say what people said about it.")
    if thin:
        return criterion(CRITERIA[2], False, "", f"{_listed(thin)}: say whose feedback you heard and, in at "
                         f"least {MIN_EVIDENCE_WORDS} words, what they said.")
    if not (patients and staff):
        missing = "patients or service users" if not patients else "staff"
        return criterion(CRITERIA[2], False, "", f"Hear from {missing} too. The source asks boards to reflect "
                         "on what patients, service users and staff said.")
    return criterion(CRITERIA[2], True, "You drew on what patients or service users, and staff, said.", "")


def _how(answer: Mapping[str, Any], rows: list[int]):
    kept = [i for i in rows if answer.get(f"decision{i}") in ("keep", "expand")]
    thin = [i for i in kept if len(_text(answer, f"how{i}")) < MIN_HOW_WORDS]
    if not kept:
        return criterion(CRITERIA[3], False, "", "Keep or expand at least one change, and say how you will "
                         "keep what made it work.")
    return criterion(CRITERIA[3], not thin, "For each change you keep or expand, you said how you will keep it.",
                     f"{_listed(thin) if thin else ''}: in at least {MIN_HOW_WORDS} words, say how you will keep "
                     "the behaviours, ways of working or governance behind it.")


def rules(answer: Mapping[str, Any], _set_on: _dt.date) -> list:
    rows = reviewed(answer)
    appetite = answer.get("appetite")
    governance = len(_text(answer, "governance")) >= MIN_GOVERNANCE_WORDS
    if appetite == "review" and governance:
        risk = criterion(CRITERIA[4], True, "Your governance will match the risks, and your risk appetite can move.", "")
    elif appetite == "review":
        risk = criterion(CRITERIA[4], False, "", f"Say in at least {MIN_GOVERNANCE_WORDS} words how governance "
                         "will stay in proportion to the risks.")
    else:
        risk = criterion(CRITERIA[4], False, "", "Review your risk appetite. The source says risks vary over time, "
                         "so a board's risk appetite should not necessarily stay fixed.")
    return [
        criterion(CRITERIA[0], len(rows) >= MIN_CHANGES, f"You reviewed {len(rows)} changes.",
                  f"Review at least {MIN_CHANGES} changes: you have {len(rows)} so far. Name each in a few words."),
        _decisions(answer, rows),
        _evidence(answer, rows),
        _how(answer, rows),
        risk,
    ]


def example(_today: _dt.date) -> dict[str, Any]:
    """Illustrative: a made-up trust, not from the source."""
    return {
        "change1": "Video outpatient appointments",
        "decision1": "expand",
        "heard1": "both",
        "evidence1": "Patients liked shorter journeys, but some older patients wanted a phone option. "
                     "Clinicians said follow-ups worked well by video.",
        "how1": "Clinic teams keep choosing which appointments suit video, and we offer phone as well.",
        "change2": "Board papers approved by email within a day",
        "decision2": "drop",
        "heard2": "staff",
        "evidence2": "Directors said fast approvals helped, but non-executives felt they lost time to question.",
        "how2": "Back to full board scrutiny, with a fast route kept for urgent, low-risk items.",
        "change3": "Weekly virtual town halls with the chief executive",
        "decision3": "keep",
        "heard3": "staff",
        "evidence3": "Staff said they heard news first hand and could ask questions from any site.",
        "how3": "The chief executive answers unscripted questions every week, and teams share what they tried.",
        "change4": "", "decision4": "", "heard4": "", "evidence4": "", "how4": "",
        "appetite": "review",
        "governance": "The digital committee sorts each change by risk, and only high-risk changes come to the full board.",
    }


SPEC = FormSpec(
    name="keep_expand_drop",
    title="Keep, expand or drop: your trust's first-wave changes",
    intro=f"Review at least {MIN_CHANGES} digital changes your trust made in the first wave that it still has "
          "to decide on. For each, decide now whether to keep, expand or drop it, and note what patients, service "
          "users and staff have said. The checks look at the shape of your review, not its wisdom.",
    fields=(
        *(field for i in range(1, ROWS + 1) for field in _row(i)),
        Field("appetite", "After the first wave, your board's appetite for digital risk will:", "choice", APPETITE,
              group="Risk appetite and governance"),
        Field("governance", "How will governance stay in proportion to the risks your trust faces?", "longtext",
              group="Risk appetite and governance"),
    ),
    criteria=CRITERIA,
    rules=rules,
    hints=HINTS,
    example=example,
    check_label="Check my review",
    all_met="Your review meets every criterion.",
    some_met="Here is how your review compares with the five criteria, based on the source.",
)
