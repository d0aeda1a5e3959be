"""Every `coursekit ...` command in the trainer's and assessor's guides parses with the real parser."""

from __future__ import annotations

import re
import shlex

import pytest

from coursekit.cli.app import build_parser
from course_support import ROOT

GUIDES = ["course/assessor_guide.md", "course/trainer_guide.md"]


def commands(text: str) -> list[str]:
    """Command lines in fenced code blocks, and in inline code, that start with `coursekit `."""
    found, fenced = [], False
    for line in text.splitlines():
        if line.strip().startswith("```"):
            fenced = not fenced
            continue
        if fenced and line.strip().startswith("coursekit "):
            found.append(line.strip())
        elif not fenced:
            found += re.findall(r"`(coursekit [^`]+)`", line)
    return found


def problem(command: str) -> str | None:
    """Why the parser refuses ``command``, or None."""
    parser = build_parser()
    words = shlex.split(command, comments=True)[1:]
    try:
        args, extra = parser.parse_known_args(words)
    except SystemExit:
        return "refused by the parser"
    if not getattr(args, "func", None):
        return "names no verb"
    if extra and not getattr(args, "passthrough", False):
        return f"unrecognised arguments {extra}"
    return None


@pytest.mark.parametrize("guide", GUIDES)
def test_every_command_in_the_guide_parses(guide, capsys):
    path = ROOT / guide
    if not path.exists():
        pytest.fail(f"{guide} is missing: the trainer's and assessor's guides are part of the course.")
    found = commands(path.read_text("utf-8"))
    assert len(found) >= 8, f"{guide}: expected the guide to give its steps as commands, found {found}"
    bad = {c: problem(c) for c in found if problem(c)}
    capsys.readouterr()  # argparse's own messages
    assert not bad, f"{guide}: these commands do not parse: {bad}"


def test_the_assessor_guide_covers_each_step():
    found = " | ".join(commands((ROOT / "course" / "assessor_guide.md").read_text("utf-8")))
    for step in ("coursekit grade", "coursekit moderate sample", "coursekit moderate record",
                 "coursekit moderate report", "coursekit feedback", "coursekit export", "coursekit report"):
        assert step in found, step


def test_a_wrong_command_is_caught(capsys):
    assert problem("coursekit moderate sample") == "refused by the parser"
    assert problem("coursekit export --bogus") == "unrecognised arguments ['--bogus']"
    assert problem("coursekit moderate report goal_and_mission --cohort x") is None
    assert commands("Run `coursekit grade`.\n```\ncoursekit export --out a.csv\n```\n") == [
        "coursekit grade", "coursekit export --out a.csv"]
