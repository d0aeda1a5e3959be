"""The plan's words: each form's answer written as sentences a board would read, not as the form's labels.

One writer per form turns a saved answer into paragraphs (``Line("text", ...)``) and, for the
journey, a sub-heading per stage (``Line("label", ...)``). Dates are written out ("31 March
2027"); the learner's own words are kept as they typed them; blank fields are left out. A form
with no writer here falls back to its answers as "label: value" lines.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any, Callable, Mapping

from coursekit.questions import forms
from coursekit.records.page_lines import Line

#: Words that may start a learner's phrase and read better in lower case inside a sentence.
_OPENERS = {"a", "an", "the", "our", "this", "these", "each", "every", "one", "two", "all", "some", "its", "their"}


def written_date(day: _dt.date) -> str:
    """A date as a board paper writes it: "31 March 2027"."""
    return f"{day.day} {day:%B %Y}"


def _iso_day(value: Any) -> _dt.date | None:
    if isinstance(value, str):
        try:
            return _dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def sentence(text: str) -> str:
    """``text`` with a capital first letter and a full stop (or its own end mark)."""
    text = " ".join(text.split())
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."


def inline(text: str) -> str:
    """A phrase to set inside a sentence: a first word such as "Our" or "The" in lower case, no end stop."""
    text = " ".join(text.split()).rstrip(".")
    first, _, rest = text.partition(" ")
    return f"{first.lower()} {rest}".strip() if first.lower() in _OPENERS and first[1:].islower() else text


def lower_first(label: str) -> str:
    """An option's label inside a sentence ("Chief operating officer" -> "chief operating officer")."""
    first = label.split(" ")[0]
    return label[:1].lower() + label[1:] if len(first) == 1 or first[1:].islower() else label


def joined(items: list[str]) -> str:
    """"a, b and c"; with semicolons when any item has a comma of its own."""
    if len(items) < 2:
        return "".join(items)
    comma = "; " if any("," in i for i in items) else ", "
    return comma.join(items[:-1]) + (";" if comma == "; " else "") + " and " + items[-1]


class Answer:
    """One form's saved answer, read the way the writers need it."""

    def __init__(self, spec: forms.FormSpec, answer: Mapping[str, Any]):
        self.spec, self.answer = spec, answer

    def raw(self, name: str) -> Any:
        return forms.plain(self.answer.get(name))

    def text(self, name: str) -> str:
        value = self.raw(name)
        return " ".join(value.split()) if isinstance(value, str) else ""

    def choice(self, name: str) -> str:
        """The chosen option's words, or "" when none is chosen."""
        value = self.raw(name)
        return next((label for label, option in self.spec.field(name).options if option == value), "")

    def date(self, name: str) -> str:
        day = _iso_day(self.raw(name))
        return written_date(day) if day else ""

    def ticked(self, name: str) -> bool:
        return self.raw(name) is True

    def tails(self, names: list[str]) -> list[str]:
        """The ticked boxes' labels after their shared "Group: " prefix, in lower case."""
        return [lower_first(self.spec.field(n).label.partition(": ")[2] or self.spec.field(n).label)
                for n in names if self.ticked(n)]


def _lines(*texts: str) -> list[Line]:
    return [Line("text", t) for t in texts if t]


def _said(intro: str, text: str) -> str:
    return f"{intro}: {sentence(text)}" if text else ""


# --- One writer per form ---

_PILLARS = (("patients", "supporting patients"), ("clinicians", "supporting clinicians"),
            ("support_staff", "supporting professional support staff"))
_CEO = {
    "figurehead": "With the chair, the chief executive will make digital a public focus from the start, "
                  "and clear obstacles for every pillar.",
    "delegate": "The chief executive will leave digital to the executives who lead the pillars.",
    "own_all": "The chief executive will lead all of digital personally, as its single owner.",
    "approve": "The chief executive will approve digital plans and budgets when they reach the board.",
}


def _leadership_map(a: Answer) -> list[Line]:
    out = []
    for prefix, pillar in _PILLARS:
        lead, shared, first = a.raw(f"{prefix}_lead"), a.choice(f"{prefix}_shared"), a.text(f"{prefix}_first")
        if lead == "none":
            who = f"No executive leads {pillar} yet."
        elif lead:
            also = f", with the {lower_first(shared)}" if shared and a.raw(f"{prefix}_shared") != "none" else ""
            who = f"The {lower_first(a.choice(f'{prefix}_lead'))} leads {pillar}{also}."
        else:
            who = ""
        out += _lines(" ".join(x for x in (who, _said("Their first task", first)) if x))
    out += _lines(_CEO.get(a.raw("ceo_role"), ""),
                  _said("The first obstacle the chief executive will remove", a.text("ceo_obstacle")))
    review = a.choice("review")
    out += _lines(f"The board will review the digital agenda {lower_first(review)}." if review else "",
                  "Every executive director on the board has a part in at least one pillar."
                  if a.ticked("everyone") else "")
    return out


_IN_HOUSE = {"all": "All of them are our own staff.", "most": "Most of them are our own staff.",
             "half": "About half of them are our own staff.", "few": "Fewer than half of them are our own staff.",
             "none": "None of them are our own staff: all are consultants or contractors."}


def _first_team(a: Answer) -> list[Line]:
    size = a.choice("team_size")
    who = f"A team of {size.lower()} people" if size else "Our first team"
    team = a.tails([f.name for f in a.spec.fields if f.name.startswith("disc_")])
    decides = a.tails([f.name for f in a.spec.fields if f.name.startswith("decide_")])
    sponsor = a.raw("sponsor")
    cover = ("No one on the board gives the team top cover yet." if sponsor == "none" else
             f"The {lower_first(a.choice('sponsor'))} gives the team top cover on the board." if sponsor else "")
    kind, day, what = a.choice("show_kind"), a.date("show_date"), a.text("show_what")
    show = (f"{'By ' + day + ', t' if day else 'T'}he team will show "
            f"{lower_first(kind) if kind else 'this'}{': ' + sentence(what) if what else '.'}"
            if kind or day or what else "")
    return _lines(_said(who + " will work on this", a.text("purpose")),
                  f"It brings together {joined(team)}." if team else "",
                  cover,
                  f"Without asking the board, the team decides {joined(decides)}." if decides else "",
                  show,
                  _IN_HOUSE.get(a.raw("in_house"), ""),
                  _said("Where outside help fills a gap, and how we build those skills in house",
                        a.text("outside_plan")))


def _first_goal(a: Answer) -> list[Line]:
    kind, users, day = a.choice("kind"), a.choice("users"), a.date("date")
    level, _, harm = a.choice("risk").partition(": ")
    feel = a.choice("different").partition(":")[0]
    return _lines(sentence(a.text("goal")),
                  " ".join(x for x in (f"It will be live by {day}." if day else "",
                                        f"It is {lower_first(kind)}." if kind else "",
                                        f"{users} will see it or use it." if users else "") if x),
                  sentence(a.choice("scale")),
                  f"If it went wrong, the harm would be {level.lower()}: {harm}." if harm else "",
                  _said("What people will notice", a.text("difference")),
                  f"It will feel {lower_first(feel)} to them." if feel else "")


_PLACE = {"central": "Digital is central to it: it is how the whole trust will work and deliver care.",
          "one_part": "Digital is one part of the trust's work in it, led by the digital or IT team.",
          "tactical": "Digital is a response to a short-term pressure in it."}


def _mission(a: Answer) -> list[Line]:
    strategy = a.text("strategy")
    return _lines(sentence(a.text("mission")),
                  f"It sits within {inline(strategy)}." if strategy else "",
                  _PLACE.get(a.raw("place"), ""),
                  _said("How our first goal serves it", a.text("goal_link")))


_KIND = {"foundations": "This is foundations work: core infrastructure, legacy systems or the basics.",
         "renew": "This renews or replaces an existing system.",
         "transform": "This is wider service change for staff or patients.",
         "system": "This is system working with other providers."}


_NUMBERS = {0: "no", 1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}


def _journey(a: Answer) -> list[Line]:
    out = _lines(_said("Where we start from", a.text("starting_point")))
    changes = sorted({int(m.group(1)) for f in a.spec.fields if (m := re.fullmatch(r"change(\d+)", f.name))})
    by_stage: dict[int | None, list[str]] = {}
    for n in changes:
        what = a.text(f"change{n}")
        if not what:
            continue
        critical = "It is business-critical." if a.ticked(f"critical{n}") else "It is not business-critical."
        goal = "This is our first goal." if a.raw("goal_row") == n else ""
        stage = a.raw(f"stage{n}")
        by_stage.setdefault(stage if stage in (1, 2, 3) else None, []).append(
            " ".join(x for x in (sentence(what), _KIND.get(a.raw(f"kind{n}"), ""), critical, goal) if x))
    for stage in sorted(s for s in by_stage if s is not None):
        count = sum(1 for n in changes if a.raw(f"stage{n}") == stage and a.ticked(f"critical{n}") and a.text(f"change{n}"))
        out.append(Line("label", f"Stage {stage}: {_NUMBERS.get(count, str(count))} business-critical "
                                 f"change{'' if count == 1 else 's'}"))
        out += _lines(_said(f"Before stage {stage} starts", a.text(f"ready{stage}")) if stage > 1 else "",
                      *by_stage[stage])
    if None in by_stage:
        out.append(Line("label", "Stage not chosen yet"))
        out += _lines(*by_stage[None])
    return out


def _urgency(a: Answer) -> list[Line]:
    keeps = a.tails([f.name for f in a.spec.fields if f.name.startswith("keep_") and f.kind == "check"])
    what, day, holder = a.text("deadline"), a.date("deadline_date"), a.raw("holder")
    deliver = (f"{'By ' + day + ', w' if day else 'W'}e will deliver this: {sentence(what)}" if what else
               f"We have set a deadline of {day}." if day else "")
    held = ("Who will hold the board to it is not decided yet." if holder == "undecided" else
            f"{a.choice('holder')} will hold the board to it." if holder else "")
    return _lines(_said("Why change now", a.text("platform")),
                  _said("What could slip back, and what that would cost", a.text("slip_back")),
                  _said("The one thing the board will rally around", a.text("imperative")),
                  _said("How frontline staff will work flexibly", a.text("frontline")),
                  f"From the first wave, we will keep {joined(keeps)}." if keeps else "",
                  _said("How we will keep them", a.text("keep_how")),
                  " ".join(x for x in (deliver, held) if x))


_HEARD = {"patients": "We have heard from patients or service users.", "staff": "We have heard from staff.",
          "both": "We have heard from patients or service users, and from staff.",
          "none": "We have not heard from anyone about it yet."}
_APPETITE = {"before": "After the first wave, our appetite for digital risk will go back to what it was before COVID-19.",
             "fixed": "After the first wave, our appetite for digital risk will stay where it was in the first wave.",
             "review": "After the first wave, we will review our appetite for digital risk, and change it as the "
                       "risks change.",
             "undiscussed": "The board has not yet discussed its appetite for digital risk after the first wave."}


def _keep_expand_drop(a: Answer) -> list[Line]:
    out = []
    changes = sorted({int(m.group(1)) for f in a.spec.fields if (m := re.fullmatch(r"change(\d+)", f.name))})
    for n in changes:
        what, decision = a.text(f"change{n}"), a.raw(f"decision{n}")
        if not what:
            continue
        verb = a.choice(f"decision{n}").lower()
        how = a.text(f"how{n}")
        out += _lines(" ".join(x for x in (
            f"{inline(sentence(what)).rstrip('.')}: we will {verb} it." if verb else sentence(what),
            _HEARD.get(a.raw(f"heard{n}"), ""),
            _said("What they said", a.text(f"evidence{n}")),
            _said("What replaces it" if decision == "drop" else f"How we will {verb or 'keep'} it", how)) if x))
    return out + _lines(_APPETITE.get(a.raw("appetite"), ""),
                        _said("How governance stays in proportion to the risks", a.text("governance")))


_AUDIENCE = {"board_public": "The whole board will see it, in its public session.",
             "board_private": "The whole board will see it, in its private session.",
             "committee": "One board committee will see it.", "one_executive": "One executive director will see it."}
_SPONSOR = {"chair_and_ceo": "The chair and the chief executive will introduce it together, and back it in public.",
            "ceo": "The chief executive alone will introduce it and back it in public.",
            "chair": "The chair alone will introduce it and back it in public.",
            "digital_lead": "The digital lead or chief information officer will introduce it and back it in public.",
            "undecided": "We have not yet decided who will introduce it and back it in public."}


def _board_commitment(a: Answer) -> list[Line]:
    day = a.date("meeting")
    return _lines(" ".join(x for x in (f"We will take this plan to the board meeting on {day}." if day else "",
                                        _AUDIENCE.get(a.raw("audience"), ""),
                                        _SPONSOR.get(a.raw("sponsor"), "")) if x),
                  _said("We will ask the board to decide", a.text("decision")))


WRITERS: dict[str, Callable[[Answer], list[Line]]] = {
    "leadership_map": _leadership_map, "first_team": _first_team, "first_goal": _first_goal,
    "mission": _mission, "journey": _journey, "urgency": _urgency, "keep_expand_drop": _keep_expand_drop,
    "board_commitment": _board_commitment,
}


def _as_rows(a: Answer) -> list[Line]:
    """A form with no writer: each given field as "label: value", dates written out."""
    out = []
    for field in a.spec.fields:
        value = a.date(field.name) if field.kind == "date" else field.shown(a.answer.get(field.name))
        if field.kind == "check" and value != "Yes":
            continue
        if value and value != "(blank)":
            out.append(Line("text", f"{field.label.rstrip(':?')}: {value}"))
    return out


def words(spec: forms.FormSpec, answer: Mapping[str, Any]) -> list[Line]:
    """The answer to ``spec`` as the plan's paragraphs (``text``) and sub-headings (``label``)."""
    return WRITERS.get(spec.name, _as_rows)(Answer(spec, answer))
