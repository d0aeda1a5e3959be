"""exercises/ and solutions/ are generated from course/source by one command, and never drift."""

import pytest

from coursekit.authoring import generate
from coursekit.cli.app import main
from course_support import ROOT


@pytest.mark.slow
def test_committed_copies_match_a_fresh_generation():
    problems = generate.drift(ROOT)
    assert problems == [], "Run `coursekit generate` and commit:\n" + "\n".join(problems)


def test_drift_is_detected(tmp_path):
    fresh, committed = tmp_path / "fresh", tmp_path / "committed"
    fresh.mkdir()
    committed.mkdir()
    (fresh / "a.ipynb").write_text("one")
    (committed / "a.ipynb").write_text("two")
    (committed / "stray.txt").write_text("x")
    (committed / "mine.answers.json").write_text("{}")
    problems = generate._compare(fresh, committed, "exercises/x")
    assert problems == ["exercises/x/stray.txt: not made by the generator", "exercises/x/a.ipynb: differs from its source"]


def test_cli_outside_a_project_says_what_to_do(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["generate", "--check"]) == 1
    assert "Run this inside the coursekit project folder" in capsys.readouterr().err


def test_worked_answers_come_from_the_source_keys():
    answers = generate.worked_answers(ROOT / "course" / "source" / "goal_and_mission" / "goal_and_mission.ipynb")
    assert set(answers) == {"q1_rocks", "q2_first_goal", "q3_mission", "sjt_goal",
                            "first_goal", "mission", "journey", "reflection"}
    assert isinstance(answers["mission"].value, dict), "a form's worked answer, kept by its formative check cell"
    assert isinstance(answers["sjt_goal"].value, dict), "a ranking's worked answer is the key's order as ranks"
    assert all(a.saved_at == generate.WORKED_ANSWERS_SAVED_AT for a in answers.values())
