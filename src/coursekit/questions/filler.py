"""Whether a learner's short text is a real attempt, or placeholder and filler that does not count.

Progress and the record of completion count a reflection, or a text field of a form, as
attempted only when :func:`is_real_attempt` says so. The rules are deliberately mild, so
that an honest short answer (one real sentence, or "Online booking" in a one-line field)
counts, while these do not:

* nothing but spaces, punctuation or digits ("...", "-", "123");
* a placeholder on its own ("test", "n/a", "tbc", "todo", "xxx", "none", "blah", "answer here");
* lorem ipsum, anywhere in the text;
* keyboard mash ("asdf", "qwerty", "jkl;", "aaaa", "sdfghj");
* too few distinct real words (fewer than ``min_words`` words of two or more letters);
* the same few words again and again ("word word word", or under 40 % distinct words in a
  longer text, counted in runs of 50 words).

Standard library only; no screen. :func:`why_filler` says, in plain words, why a text
does not count.
"""

from __future__ import annotations

import re
from typing import Any

from coursekit.questions.quoting import quoted

#: Words that are placeholders however they are used.
PLACEHOLDER_WORDS = frozenset({
    "test", "tests", "testing", "tbc", "tbd", "tba", "todo", "na", "nil", "xxx", "xx", "placeholder",
    "lorem", "ipsum", "blah", "asdf", "qwerty", "foo", "bar", "baz", "foobar", "dummy", "wip",
})
#: Words that say nothing on their own: a text made only of these (and placeholders) is filler,
#: as in "some text here", "answer", "more stuff", "to do", "none".
EMPTY_WORDS = frozenset({
    "text", "here", "answer", "answers", "something", "stuff", "thing", "things", "whatever", "word", "words",
    "sentence", "more", "some", "etc", "to", "do", "type", "your", "my", "write", "insert", "fill", "in",
    "later", "none", "nothing", "no", "yes", "ok", "okay", "hello", "hi", "abc", "xyz", "same", "as", "above",
    "see", "the", "a", "an", "this", "that", "it", "is", "and", "or", "of", "not", "applicable", "sure",
    "dunno", "idk", "unknown", "pending", "goes", "will", "go", "come", "back",
})
KEYBOARD_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm", "1234567890")
VOWELS = set("aeiouyàáâäèéêëìíîïòóôöùúûüw")
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
#: Texts this long or longer must have at least :data:`MIN_DISTINCT_SHARE` distinct words.
LONG_TEXT_WORDS = 8
MIN_DISTINCT_SHARE = 0.4
#: Distinct words are counted in runs of this many words.
WINDOW = 50


def _is_mash(word: str) -> bool:
    """A 'word' typed by hitting keys: a keyboard run, one letter over and over, or no vowel at length 5+."""
    if len(word) >= 3 and len(set(word)) == 1:
        return True
    if re.search(r"(.)\1\1", word):
        return True
    if len(word) >= 4 and any(word in row or word in row[::-1] for row in KEYBOARD_ROWS):
        return True
    return len(word) >= 5 and not (set(word) & VOWELS)


def _distinct_share(words: list[str]) -> float:
    """The share of distinct words, averaged over runs of :data:`WINDOW` words, so a long honest text
    (which repeats "the", "board" and "we" more the longer it is) is judged as fairly as a short one."""
    runs = [words[i:i + WINDOW] for i in range(0, len(words), WINDOW)]
    if len(runs) > 1 and len(runs[-1]) < LONG_TEXT_WORDS:
        runs[-2:] = [runs[-2] + runs[-1]]
    return sum(len(set(run)) / len(run) for run in runs) / len(runs)


def why_filler(text: Any, min_words: int = 3) -> str | None:
    """Why ``text`` is not a real attempt, in plain words; ``None`` when it is one.

    ``min_words`` is the fewest distinct real words (two or more letters) a real attempt has:
    3 suits a reflection, 1 a one-line field such as "Online booking".
    """
    if not isinstance(text, str) or not text.strip():
        return "it is blank"
    lowered = text.lower()
    if "lorem ipsum" in lowered or re.search(r"\blorem\b", lowered):
        return "it is lorem ipsum placeholder text"
    words = WORD.findall(lowered)
    if not words:
        return "it has no words, only symbols or numbers"
    squashed = re.sub(r"[\W_]+", "", lowered)
    if squashed in PLACEHOLDER_WORDS or squashed == "todo":
        return f"{quoted(text.strip()[:40])} is a placeholder"
    letters = [w for w in words if len(w) >= 2]
    mash = [w for w in letters if _is_mash(w)]
    if letters and len(mash) * 2 >= len(letters):
        return "it looks like keys pressed at random"
    real = [w for w in letters if w not in PLACEHOLDER_WORDS and not _is_mash(w)]
    if all(w in EMPTY_WORDS or w in PLACEHOLDER_WORDS for w in words):
        return "it is placeholder text, not your own words"
    distinct = set(real)
    if len(distinct) < min_words:
        return (f"it has fewer than {min_words} different real words" if min_words > 1
                else "it has no real words")
    if len(words) >= LONG_TEXT_WORDS and _distinct_share(words) < MIN_DISTINCT_SHARE:
        return "it repeats the same few words"
    if len(words) >= 3 and len(set(words)) == 1:
        return "it repeats one word"
    return None


def is_filler(text: Any, min_words: int = 3) -> bool:
    """True when ``text`` is blank, placeholder or filler (see :func:`why_filler`)."""
    return why_filler(text, min_words) is not None


def is_real_attempt(text: Any, min_words: int = 3) -> bool:
    """True when ``text`` is the learner's own words, however short: it counts as an attempt."""
    return why_filler(text, min_words) is None
