"""Ranking questions (situational judgement items): keys, scoring by distance, banks, widget,
the learner's check, grading and item analysis."""

from __future__ import annotations

import html
import json
from fractions import Fraction
from itertools import permutations

import pytest

from coursekit.answers import Answer, AnswerStore, ReadResult
from coursekit.questions import scoring
from coursekit.questions.bank import BankError, Ranking, describe, parse_bank
from coursekit.questions.outcomes import Outcome

CORRECT = ["c", "a", "e", "b", "d"]
WHY = {rid: f"Why {rid} sits there, from the source." for rid in "abcde"}
KEY = {"kind": "ranking", "correct": CORRECT, "points": 4, "why": WHY}
KEY4 = {"kind": "ranking", "correct": ["b", "d", "a", "c"], "points": 3,
        "why": {rid: f"Why {rid}." for rid in "abcd"}}


def ranking(order: list[str]) -> dict[str, int]:
    """A learner's ranking from the order they put the responses in (first = rank 1)."""
    return {rid: rank for rank, rid in enumerate(order, 1)}


def score(value, key=KEY):
    return scoring.score(key, None if value is None else Answer(value, "2026-12-01T09:00:00+00:00"))


# -- scoring ------------------------------------------------------------------------------------

# (learner's ranking, raw by hand, fraction by hand). Five responses: max 20; the reverse earns
# 0+2+4+2+0 = 8, so fraction = (raw - 8) / 12.
SCORING_TABLE = [
    pytest.param(ranking(CORRECT), 20, Fraction(1), Outcome.CORRECT, id="key"),
    pytest.param(ranking(CORRECT[::-1]), 8, Fraction(0), Outcome.INCORRECT, id="reverse"),
    # c and a swapped: each is 1 place away (3 each), the other three exact (4 each): 18 -> 10/12.
    pytest.param(ranking(["a", "c", "e", "b", "d"]), 18, Fraction(5, 6), Outcome.PARTLY, id="one-adjacent-swap"),
    # first and last swapped: c and d 4 places away (0 each): 12 -> 4/12.
    pytest.param(ranking(["d", "a", "e", "b", "c"]), 12, Fraction(1, 3), Outcome.PARTLY, id="ends-swapped"),
    # c 1st and a 2nd right (8); e and b share 3rd (0 each); d 5th right (4): 12 -> 4/12.
    pytest.param({"c": 1, "a": 2, "e": 3, "b": 3, "d": 5}, 12, Fraction(1, 3), Outcome.PARTLY, id="two-share-a-rank"),
    # only c ranked, rightly: 4 -> below the reverse, clamped to 0.
    pytest.param({"c": 1, "a": None}, 4, Fraction(0), Outcome.INCORRECT, id="one-ranked"),
    # every response ranked 1st: all share, 0.
    pytest.param(dict.fromkeys("abcde", 1), 0, Fraction(0), Outcome.INCORRECT, id="all-share"),
]


@pytest.mark.parametrize("value, raw, fraction, outcome", SCORING_TABLE)
def test_distance_scoring_by_hand(value, raw, fraction, outcome):
    ranks = scoring.read_ranking(CORRECT, value)
    got_raw, floor, maximum, got_fraction = scoring.rank_score(CORRECT, ranks)
    assert (got_raw, floor, maximum) == (raw, 8, 20)
    assert got_fraction == pytest.approx(float(fraction))
    result = score(value)
    assert result.outcome is outcome and result.fraction == pytest.approx(float(fraction))
    assert result.points(4) == pytest.approx(round(4 * float(fraction), 2))


def test_four_responses_score_out_of_twelve_with_the_reverse_at_four():
    correct = KEY4["correct"]
    assert scoring.rank_score(correct, ranking(correct)) == (12, 4, 12, 1.0)
    assert scoring.rank_score(correct, ranking(correct[::-1]))[0] == 4
    # b and d swapped: 2 + 2 + 3 + 3 = 10 -> (10 - 4) / 8 = 3/4.
    assert score(ranking(["d", "b", "a", "c"]), KEY4).fraction == pytest.approx(0.75)


@pytest.mark.parametrize("correct, mean", [(CORRECT, Fraction(1, 3)), (KEY4["correct"], Fraction(3, 8))])
def test_a_random_ranking_earns_about_a_third_over_every_permutation(correct, mean):
    n = len(correct)
    fractions = [Fraction(scoring.rank_score(correct, dict(zip(correct, p)))[0] - (8 if n == 5 else 4),
                          n * (n - 1) - (8 if n == 5 else 4)) for p in permutations(range(1, n + 1))]
    assert min(fractions) == 0, "no full ranking falls below the reverse, so the clamp never hides one"
    assert sum(fractions) / len(fractions) == mean
    floats = [scoring.rank_score(correct, dict(zip(correct, p)))[3] for p in permutations(range(1, n + 1))]
    assert sum(floats) / len(floats) == pytest.approx(float(mean))


@pytest.mark.parametrize("value", [None, {}, "", {"a": None, "b": None}])
def test_nothing_ranked_is_not_attempted(value):
    assert score(value).outcome is Outcome.NOT_ATTEMPTED


HOSTILE = [
    ["c", "a", "e", "b", "d"],  # a list, not a mapping
    "c,a,e,b,d",
    7,
    {"a": True, "b": 2, "c": 1, "d": 5, "e": 3},  # a bool is not a rank
    {"a": 10**30, "c": 1},
    {"a": float("nan"), "c": 1},
    {"a": 2.0, "c": 1},
    {"a": "2", "c": 1},
    {"a": 0, "c": 1},
    {"a": 6, "c": 1},
    {"a": -1, "c": 1},
    {"a": [2], "c": 1},
    {"a": {"rank": 2}, "c": 1},
    {"zz": 1},  # not a response
    {"c": 1, "a": 2, "e": 3, "b": 4, "d": 5, "f": 6},
    {1: 1},
]


@pytest.mark.parametrize("value", HOSTILE, ids=lambda v: repr(v)[:30])
def test_an_unreadable_ranking_is_said_so_plainly_and_never_crashes(value):
    result = score(value)
    assert result.outcome is Outcome.UNREADABLE and result.fraction == 0
    assert "could not be read" in result.text()
    assert scoring.read_ranking(CORRECT, value) is None


def test_feedback_explains_the_learners_own_ranking_in_their_order():
    result = score({"a": 1, "c": 2, "e": 3, "b": 3})
    lines = result.messages
    assert lines[0] == "You ranked response “a” 1st; the key ranks it 2nd. Why a sits there, from the source."
    assert lines[1].startswith("You ranked response “c” 2nd; the key ranks it 1st. Why c")
    assert "3rd (shared with another response, so it earns nothing)" in lines[2]
    assert any("2 responses share a rank" in m for m in lines)
    assert any("1 response is not ranked yet" in m for m in lines)
    assert "Why d" not in " ".join(lines), "never explains a response the learner has not ranked"
    assert score(ranking(CORRECT)).messages[0] == \
        "You ranked response “c” 1st; the key also ranks it 1st. Why c sits there, from the source."
    labelled = scoring.score(KEY, Answer(ranking(CORRECT), ""), {"c": "Call the team together"})
    assert labelled.messages[0].startswith("You ranked “Call the team together” 1st")
    assert labelled.messages[1].startswith("You ranked response “a” 2nd"), "an id when no text is known"
    long = parse_bank("ex", graded_bank(option_text="Ask the chief executive to sponsor the team in person, "
                                                    "at the next board meeting")).question("sjt")
    assert long.labels()["a"] == "Ask the chief executive to sponsor the team in person, at…"


@pytest.mark.parametrize("key, message", [
    ({"kind": "ranking", "correct": "cab", "why": WHY}, "'correct': the response ids"),
    ({"kind": "ranking", "correct": ["c", "a", "c", "b", "d"], "why": WHY}, "names a response twice"),
    ({"kind": "ranking", "correct": ["a", "b", "c"], "why": {k: "x" for k in "abc"}}, "4 or 5 responses"),
    ({"kind": "ranking", "correct": list("abcdef"), "why": {k: "x" for k in "abcdef"}}, "4 or 5 responses"),
    ({"kind": "ranking", "correct": CORRECT}, "'why'"),
    ({"kind": "ranking", "correct": CORRECT, "why": {**WHY, "a": ""}}, "'why'"),
    ({"kind": "ranking", "correct": ["c", "a", "e", "b", "z"], "why": WHY}, "permutation of the ids in 'why'"),
])
def test_an_authors_wrong_key_is_refused_with_the_reason(key, message):
    with pytest.raises(scoring.KeyError_, match=message):
        scoring.validate_key(key)


def test_a_test_cell_with_a_ranking_key_is_read_as_data():
    from coursekit.questions.testcells import BadTestCell, parse_test_cell

    spec = parse_test_cell(f'ex.check("sjt")\n### BEGIN HIDDEN TESTS\nex.check("sjt", key={KEY!r})\n### END HIDDEN TESTS')
    assert spec.question == "sjt" and spec.key["correct"] == CORRECT
    with pytest.raises(BadTestCell, match="permutation"):
        parse_test_cell(f'ex.check("sjt", key={ {**KEY, "correct": ["c", "a", "e", "b", "x"]}!r})')


# -- banks --------------------------------------------------------------------------------------

def options(with_feedback: bool, n: int = 5, text: str = "Response"):
    return [{"id": rid, "text": f"{text} {rid}", **({"feedback": f"{rid.upper()} feedback."} if with_feedback else {})}
            for rid in "abcde"[:n]]


def graded_bank(option_text: str = "Response", n: int = 5) -> dict:
    return {"id": "ex", "title": "An exercise", "graded": True, "ranking": [{
        "id": "sjt", "scenario": "Illustrative situation. A board must choose.",
        "prompt": "Rank these responses from most appropriate (1) to least appropriate (5).",
        "source": "A team", "hints": ["Think about the team."], "options": options(False, n, option_text)}]}


def lesson_bank() -> dict:
    return {"id": "lesson", "title": "A lesson", "graded": False, "ranking": [{
        **graded_bank()["ranking"][0], "correct": CORRECT, "options": options(True)}]}


def test_a_bank_reads_rankings_and_describes_a_saved_ranking():
    bank = parse_bank("ex", graded_bank())
    question = bank.question("sjt")
    assert isinstance(question, Ranking) and bank.question_ids == ("sjt",) and bank.rankings == {"sjt": question}
    assert question.correct is None and question.hints == ("Think about the team.",) and question.source == "A team"
    assert describe(question, {"b": 2, "a": 1}) == \
        "Your ranking: 1. “Response a”; 2. “Response b”. Not ranked: “Response c”; “Response d”; “Response e”."
    assert "2. “Response a” (shares its rank); 2. “Response b” (shares its rank)" in describe(question, {"a": 2, "b": 2})
    assert describe(question, {}) is None and describe(question, {"a": None}) is None
    assert describe(question, ["a"]) is None and describe(question, {"a": True}) is None
    assert parse_bank("lesson", lesson_bank()).question("sjt").correct == tuple(CORRECT)


@pytest.mark.parametrize("change, message", [
    (lambda b: b["ranking"][0].update(correct=CORRECT), "must not carry its answer"),
    (lambda b: b["ranking"][0].update(options=options(False, 3)), "4 or 5 responses, not 3"),
    (lambda b: b["ranking"][0].pop("scenario"), "'scenario' is missing"),
    (lambda b: b["ranking"][0]["options"].append({"id": "a", "text": "Again"}), "share an id"),
    (lambda b: b.update(choice=[{"id": "sjt", "prompt": "?", "options": options(False, 2)}]), "share an id"),
])
def test_graded_bank_mistakes_name_the_file_and_item(change, message):
    data = graded_bank()
    change(data)
    with pytest.raises(BankError, match=message) as err:
        parse_bank("ex", data)
    assert "ex.toml" in str(err.value)


@pytest.mark.parametrize("change, message", [
    (lambda r: r.pop("correct"), "'correct'"),
    (lambda r: r.update(correct=["c", "a", "e", "b"]), "permutation of its response ids"),
    (lambda r: r.update(correct=["c", "a", "e", "b", "z"]), "permutation"),
    (lambda r: r["options"][0].pop("feedback"), "needs feedback saying why"),
])
def test_formative_bank_mistakes_name_the_file_and_item(change, message):
    data = lesson_bank()
    change(data["ranking"][0])
    with pytest.raises(BankError, match=message) as err:
        parse_bank("lesson", data)
    assert "lesson.toml, question 'sjt'" in str(err.value)


# -- the widget ---------------------------------------------------------------------------------

def test_graded_widget_saves_every_change_and_restores_after_a_restart(tmp_path):
    from coursekit.learner.accessible import LiveRegion
    from coursekit.learner.widgets import RankingQuestion

    question = parse_bank("ex", graded_bank()).question("sjt")
    widget = RankingQuestion(question, AnswerStore("ex", tmp_path), graded=True, number=2)
    assert isinstance(widget.feedback, LiveRegion) and widget.feedback.value == ""
    assert [d.description for d in widget.dropdowns.values()] == [f"Rank: Response {r}" for r in "abcde"]
    assert widget.dropdowns["a"].options[0][0] == "— not ranked" and len(widget.dropdowns["a"].options) == 6
    widget.dropdowns["c"].value = 1
    saved = json.loads((tmp_path / "ex.answers.json").read_text("utf-8"))
    assert saved["answers"]["sjt"]["value"] == {"c": 1}
    assert "✔ Saved" in widget.feedback.value and "4 responses still to rank" in widget.feedback.value
    for rid, rank in ranking(CORRECT).items():
        widget.dropdowns[rid].value = rank
    status = widget.feedback.value
    assert "Every response has its own rank" in status and "marked when you submit" in status
    assert "Your ranking: 1. “Response c”; 2. “Response a”; 3. “Response e”" in status
    assert "key" not in status.lower(), "a graded item gives nothing of the key away"
    assert AnswerStore("ex", tmp_path).value("sjt") == ranking(CORRECT)
    again = RankingQuestion(question, AnswerStore("ex", tmp_path), graded=True)
    assert again.value == ranking(CORRECT) and "Restored your saved ranking" in again.feedback.value


def test_widget_says_plainly_when_responses_share_a_rank(tmp_path):
    from coursekit.learner.widgets import RankingQuestion

    question = parse_bank("ex", graded_bank()).question("sjt")
    widget = RankingQuestion(question, AnswerStore("ex", tmp_path), graded=True)
    widget.dropdowns["a"].value = 2
    widget.dropdowns["b"].value = 2
    status = widget.feedback.value
    assert "2 responses share rank 2" in status and "Give each response its own rank" in status
    assert "⚠ Not finished" in status, "words, not colour alone"
    widget.dropdowns["b"].value = 0
    assert AnswerStore("ex", tmp_path).value("sjt") == {"a": 2}, "an unranked response is left out"
    assert "share" not in widget.feedback.value


def test_formative_widget_gives_feedback_once_every_response_is_ranked(tmp_path):
    from coursekit.learner.widgets import RankingQuestion

    question = parse_bank("lesson", lesson_bank()).question("sjt")
    widget = RankingQuestion(question, AnswerStore("lesson", tmp_path), graded=False)
    order = ["a", "c", "e", "b", "d"]
    for rid in order[:4]:
        widget.dropdowns[rid].value = order.index(rid) + 1
    assert "1 response still to rank" in widget.feedback.value and "the key" not in widget.feedback.value
    widget.dropdowns["d"].value = 5
    status = widget.feedback.value
    assert "◐ Partly right" in status
    assert status.index("You ranked “Response a” 1st; the key ranks it 2nd. A feedback.") < \
        status.index("You ranked “Response c” 2nd")
    for rid in order[:2]:
        widget.dropdowns[rid].value = 0
    widget.dropdowns["c"].value = 1
    widget.dropdowns["a"].value = 2
    assert "✔ Correct" in widget.feedback.value


def test_all_learner_text_is_escaped(tmp_path):
    from coursekit.learner.widgets import RankingQuestion

    data = graded_bank(option_text="<script>alert(1)</script>")
    data["ranking"][0]["scenario"] = "Illustrative situation. <img src=x onerror=alert(1)> A board."
    question = parse_bank("ex", data).question("sjt")
    widget = RankingQuestion(question, AnswerStore("ex", tmp_path), graded=True)
    widget.dropdowns["a"].value = 1
    widget.dropdowns["b"].value = 1
    heading = widget.children[0].value
    assert "<img" not in heading and html.escape("<img src=x onerror=alert(1)>") in heading
    assert "Illustrative situation</strong>" in heading and heading.count("Illustrative situation") == 1
    assert "<script>" not in widget.feedback.value and "&lt;script&gt;" in widget.feedback.value
    lesson = lesson_bank()
    lesson["ranking"][0]["options"][0]["text"] = "<script>x</script>"
    lesson["ranking"][0]["options"][0]["feedback"] = "<b>bold</b>"
    formative = RankingQuestion(parse_bank("lesson", lesson).question("sjt"), AnswerStore("l", tmp_path), graded=False)
    for rid, rank in ranking(CORRECT).items():
        formative.dropdowns[rid].value = rank
    assert "<script>" not in formative.feedback.value and "<b>" not in formative.feedback.value
    assert "&lt;b&gt;bold&lt;/b&gt;" in formative.feedback.value


def test_an_unreadable_saved_ranking_starts_afresh_with_a_plain_message(tmp_path):
    from coursekit.learner.widgets import RankingQuestion

    store = AnswerStore("ex", tmp_path)
    store.save("sjt", {"a": True, "zz": 1})
    widget = RankingQuestion(parse_bank("ex", graded_bank()).question("sjt"), store, graded=True)
    assert widget.value == {} and "could not be read" in widget.feedback.value


# -- the learner's check, grading, worked answers, item analysis ---------------------------------

@pytest.fixture
def exercise(tmp_path, monkeypatch):
    from coursekit.learner import lesson

    monkeypatch.setattr(lesson, "load_bank", lambda _id: parse_bank("ex", graded_bank()))
    monkeypatch.setattr(lesson, "display", lambda *_a, **_k: None)
    return lesson.Exercise("ex", str(tmp_path))


def test_exercise_ask_and_check_with_and_without_the_key(exercise, capsys):
    from coursekit.learner.widgets import RankingQuestion

    assert isinstance(exercise.ask("sjt"), RankingQuestion)
    assert exercise.check("sjt") is None
    assert "Not attempted" in capsys.readouterr().out, "a calm line while the learner works"
    exercise.store.save("sjt", {"a": None})
    assert exercise.result("sjt").outcome is Outcome.NOT_ATTEMPTED
    exercise.store.save("sjt", ["a"])
    assert exercise.result("sjt").outcome is Outcome.UNREADABLE
    exercise.store.save("sjt", ranking(["a", "c", "e", "b", "d"]))
    exercise.check("sjt")
    out = capsys.readouterr().out
    assert "Saved" in out and "Your ranking: 1. “Response a”; 2. “Response c”" in out
    assert exercise.check("sjt", key=KEY) == pytest.approx(round(4 * 5 / 6, 2))
    out = capsys.readouterr().out
    assert "◐ Partly right (3.33 of 4 points)" in out
    assert "You ranked “Response a” 1st; the key ranks it 2nd. Why a sits there" in out, "named by its text"


def test_grading_scores_a_ranking_from_the_answers_file_and_shows_it():
    from nbformat.v4 import new_code_cell

    from coursekit.grading.plugins import GradeAnswers, SourceCell

    source = f'ex.check("sjt")\n### BEGIN HIDDEN TESTS\nex.check("sjt", key={KEY!r})\n### END HIDDEN TESTS'
    cell = new_code_cell('ex.check("sjt")')
    cell.metadata["nbgrader"] = {"grade": True, "grade_id": "check_sjt", "points": 4}
    grader = GradeAnswers()
    grader._bank = parse_bank("ex", graded_bank())
    found = ReadResult({"sjt": Answer(ranking(["a", "c", "e", "b", "d"]), "2026-12-01T09:00:00+00:00")}, [], True)
    grader._grade_cell(cell, SourceCell("check_sjt", "code", source, "", True, 4.0, False), found)
    text, points = cell.outputs[0]["text"], cell.outputs[1]["data"]["text/plain"]
    assert points == "3.33" and text.startswith("◐ Partly right (3.33 of 4 points)")
    assert "Your ranking: 1. “Response a”; 2. “Response c”" in text
    assert "You ranked “Response a” 1st; the key ranks it 2nd. Why a sits there" in text


def test_worked_answers_rank_the_responses_in_the_keys_order(tmp_path):
    from coursekit.authoring import cells as a
    from coursekit.authoring.generate import worked_answers

    path = tmp_path / "ex.ipynb"
    a.write(path, [a.setup("ex"), a.ask("sjt"), a.check("sjt", KEY)])
    worked = worked_answers(path)["sjt"]
    assert worked.value == {"c": 1, "a": 2, "e": 3, "b": 4, "d": 5}
    assert scoring.score(KEY, worked).outcome is Outcome.CORRECT


def test_item_analysis_counts_how_often_each_response_was_ranked_first():
    from coursekit.cohort import item_analysis as ia

    question = parse_bank("ex", graded_bank()).question("sjt")
    values = [ranking(CORRECT), ranking(["a", "c", "e", "b", "d"]), {"c": 1}, {"a": 2}, None, ["c"], {"c": True}]
    counts, none = ia.option_counts(question, values)
    assert [(o.id, o.chosen) for o in counts] == [("a", 1), ("b", 0), ("c", 2), ("d", 0), ("e", 0)]
    assert none == 4


def test_progress_counts_a_ranking_once_one_response_is_ranked_as_with_matching():
    from coursekit.records.progress import attempted, part_name

    bank = parse_bank("ex", graded_bank())
    assert not attempted(bank, "sjt", None) and not attempted(bank, "sjt", {})
    assert not attempted(bank, "sjt", {"a": None}) and not attempted(bank, "sjt", {"a": "x"})
    assert attempted(bank, "sjt", {"a": 1}) and attempted(bank, "sjt", ranking(CORRECT))
    assert part_name(bank, "sjt") == "question 1"


def test_the_dashboard_says_a_rankings_counts_are_how_often_each_response_was_ranked_first():
    from coursekit.cohort import dashboard, item_analysis as ia

    question = parse_bank("ex", graded_bank()).question("sjt")
    counts, none = ia.option_counts(question, [ranking(CORRECT), ranking(CORRECT), {}])
    item = ia.Item("ex", "Lesson", "ex", "check_sjt", "sjt", question.prompt, 4.0, (4.0, 4.0, 0.0), None,
                   counts, none, "ranked first")
    rows = dashboard.item_rows([item])
    header = dashboard.ITEM_COLUMNS
    assert [(r[header.index("option")], r[header.index("times chosen")], r[header.index("counted as")])
            for r in rows] == [("a", 0, "ranked first"), ("b", 0, "ranked first"), ("c", 2, "ranked first"),
                               ("d", 0, "ranked first"), ("e", 0, "ranked first")]
    page = dashboard.item_section([item], "items.csv")
    assert "how many learners ranked each response first" in page and "No response ranked first: 1" in page
