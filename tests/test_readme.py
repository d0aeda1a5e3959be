"""The README's two commands stay true, and CI runs the README's test command."""

import re

from coursekit.cli.app import build_parser
from course_support import ROOT

README = (ROOT / "README.md").read_text()


def _commands():
    return re.findall(r"```bash\n(.+?)\n```", README)


def test_readme_opens_with_the_lab_and_test_commands():
    lab, test = _commands()[:2]
    assert lab.startswith("python3 -m venv .venv") and lab.endswith("coursekit lab")
    assert test.startswith("python3 -m venv .venv") and test.endswith("python -m pytest")


def test_ci_runs_the_readme_test_command_word_for_word():
    ci = (ROOT / ".ci" / "run").read_text()
    assert _commands()[1] in ci.splitlines()


def test_readme_course_table_links_exist():
    for link in re.findall(r"\]\(((?:notebooks|exercises)/[^)]+)\)", README):
        assert (ROOT / link).exists(), link


def test_every_cli_verb_has_help_and_an_example():
    parser = build_parser()
    verbs = parser._subparsers._group_actions[0].choices
    assert {"generate", "lab"} <= set(verbs)
    for name, sub in verbs.items():
        assert sub.description and "Example:" in (sub.epilog or ""), name
