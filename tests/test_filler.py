"""Placeholder and filler text is not an attempt; an honest short answer, however plain, is."""

from __future__ import annotations

import pytest

from coursekit.questions.filler import is_filler, is_real_attempt, why_filler

FILLER = [
    None, 42, ["a list"], "", "   ", "\n\t", "...", "-", "?", "…", "12345", "1.", "---", "!!!",
    "test", "Test.", "TESTING", "testing testing", "n/a", "N/A", "NA", "n.a.", "tbc", "TBC.", "tbd", "todo",
    "TODO", "to do", "To do later", "xxx", "XXX", "xx", "placeholder", "wip", "dummy", "foo bar",
    "blah", "blah blah blah", "asdf", "asdfgh", "ASDF ASDF", "qwerty", "qwertyuiop", "asdf jkl;", "jkl;asdf",
    "zxcvbnm", "sdfghj", "aaaa", "aaaaaaa", "zzz", "hhhhh hhhhh", "fdsa", "poiuy",
    "lorem ipsum", "Lorem ipsum dolor sit amet, consectetur adipiscing elit.",
    "Our board will lorem the thing", "word word word", "word word word word word word",
    "some text here", "Text here.", "Answer here", "type your answer here", "more stuff", "something",
    "none", "nothing", "yes", "no", "ok", "see above", "same as above", "whatever", "idk",
    "x", "a", "I", "ab", "hello", "Board.", "Digital board", "the board the board the board the board the board",
    "board board digital digital board board digital digital board board",
    "board digital plan board digital plan board digital plan board", "good good good good",
    "xkcd qwfp", "bcdfg hjklm npqrs",
]

REAL = [
    "I will ask the board to name one lead.",
    "What? My board. So what? It matters. Now what? I will act.",
    "Our board needs a digital lead.",
    "We lack data skills.",
    "Clinicians were not asked.",
    "Start with outpatients first.",
    "Put the CCIO on the board.",
    "The ICS and our PCNs must agree.",
    "Video clinics stayed after the first wave because patients liked them and clinicians saved time.",
    "I rated leadership lowest: nobody on our board owns digital, and the chair never asks about it.",
    "No one leads it.",
    "Too slow, too many layers.",
    "Nid oes gennym arweinydd digidol.",
    "Nous n'avons pas de responsable numérique.",
    "E-rostering, e-prescribing and EPR go live in 2027.",
    "We need to test the new booking system with patients first.",
    "Stop, test, learn and then scale what works for the wards.",
    "Lots of pressure, lots of meetings, lots of talk, but little change on the wards so far.",
    "Our trust's mission is safe, kind care close to home, and digital should serve that.",
]

# A one-line field: short, honest answers count; placeholders still do not.
LINE_REAL = ["Online booking", "Video clinics", "EPR", "Patient portal", "CCIO", "e-prescribing", "Chief executive"]
LINE_FILLER = ["tbc", "x", "...", "asdf", "test", "n/a", "some text", "1", "xxx", "lorem ipsum", "aaaa"]


@pytest.mark.parametrize("text", FILLER)
def test_filler_is_not_an_attempt(text):
    assert is_filler(text) and not is_real_attempt(text)
    reason = why_filler(text)
    assert isinstance(reason, str) and reason, "the reason is said in words"


@pytest.mark.parametrize("text", REAL)
def test_an_honest_short_answer_is_an_attempt(text):
    assert is_real_attempt(text), why_filler(text)
    assert why_filler(text) is None and not is_filler(text)


@pytest.mark.parametrize("text", LINE_REAL)
def test_a_one_line_field_accepts_a_short_real_answer(text):
    assert is_real_attempt(text, 1), why_filler(text, 1)


@pytest.mark.parametrize("text", LINE_FILLER)
def test_a_one_line_field_still_refuses_placeholders(text):
    assert not is_real_attempt(text, 1)


def test_the_reasons_are_plain():
    assert why_filler("   ") == "it is blank"
    assert "placeholder" in why_filler("tbc")
    assert "lorem ipsum" in why_filler("Lorem ipsum dolor sit amet")
    assert "random" in why_filler("asdf jkl;")
    assert "fewer than 3" in why_filler("Digital board")
    assert "repeats" in why_filler("board digital plan board digital plan board digital plan board")


def test_a_long_real_text_with_a_placeholder_word_inside_still_counts():
    assert is_real_attempt("We will test the new booking system with patients before the board meeting.")
    assert is_real_attempt("Our plan is tbc until the board meets, but clinicians have already agreed the goal.")


LONG_REFLECTION = """What? When I rated our trust at the start of the course, I put clear leadership lowest, and I
still think that is right. Digital comes to our board twice a year, as an item from the chief information officer, and
the discussion is about cost and risk rather than about what patients and staff need. No executive director other than
the chief information officer sees digital as part of their job, and the chair has never asked how a digital change
would help the people we serve. So what? The lessons on Milton Keynes and on the first wave showed me that the board
itself can change this: it is in our own gift. During the first wave we moved outpatient clinics to video in a
fortnight because everyone agreed it had to happen and the executive team backed the people doing it. That urgency has
faded, and we have slipped back into long business cases and committees that meet every quarter. If the board keeps
treating digital as a technical matter, our first team will not get the cover it needs, and our goal will drift. Now
what? At the next board development session I will ask the chair to give each executive director a part of the digital
agenda, starting with the medical director and the director of nursing, and to put our first goal, online booking for
physiotherapy, on every second board agenda until it is live. I will ask our chief executive to name the first team's
sponsor by the end of March, and I will meet the physiotherapy leads myself to hear what patients say about booking
today. I need the chair, the chief executive and the finance director with me, because the money for the team has to
come from this year's budget rather than a new business case. I will report back to the board in June with what the
team has shown, what patients said, and what we will keep, expand or stop."""


def test_a_long_honest_reflection_counts():
    assert len(LONG_REFLECTION.split()) > 300
    assert is_real_attempt(LONG_REFLECTION), why_filler(LONG_REFLECTION)


def test_a_long_text_padded_with_repeats_does_not_count():
    padded = "Our board needs a digital lead. " + "digital board digital board digital board " * 40
    assert "repeats" in why_filler(padded)


# The forms' own-trust text fields use the one-line threshold: every form's rules then set their own length,
# so only placeholder, mash, lorem ipsum and repeated filler are taken out, never an honest short answer.
FORM_FILLER = ["word word word word word word word word word word", "tbc", "lorem ipsum dolor sit amet",
               "text here", "asdf asdf", "the board the board the board the board the board"]
FORM_REAL = ["Do digital better", "Keep it.", "Soon.", "Video calls.", "IG", "We must change now."]


@pytest.mark.parametrize("text", FORM_FILLER)
def test_the_forms_threshold_takes_out_filler(text):
    assert why_filler(text, min_words=1)


@pytest.mark.parametrize("text", FORM_REAL)
def test_the_forms_threshold_leaves_short_honest_words_to_each_forms_own_rules(text):
    assert why_filler(text, min_words=1) is None
