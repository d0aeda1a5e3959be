"""Read an nbgrader test cell as data: which question it checks and its answer key.

A test cell in ``course/source`` looks like::

    ex.check("q1")
    ### BEGIN HIDDEN TESTS
    ex.check("q1", key={"kind": "choice", "correct": "b", "points": 1, "why": {...}})
    ### END HIDDEN TESTS

coursekit never runs it. It parses the Python with :mod:`ast` and reads the
arguments with :func:`ast.literal_eval`, which accepts only literals.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Any, Mapping

from coursekit.questions import scoring

#: In ``course/source`` only: the cell setting under which a form's formative check cell keeps the
#: form's worked answer (``{"answer": {...}, "saved_at": "..."}``), from which ``coursekit generate``
#: writes the worked solution's answers file. Forms earn no auto marks, so they have no hidden test;
#: nbgrader's generate steps drop this setting (:class:`coursekit.grading.plugins.DropWorkedAnswers`).
WORKED_ANSWER = "coursekit_worked_answer"

BEGIN_HIDDEN = "### BEGIN HIDDEN TESTS"
END_HIDDEN = "### END HIDDEN TESTS"


class BadTestCell(ValueError):
    """A test cell is not in the form coursekit reads (an author's mistake)."""


@dataclass(frozen=True)
class CheckSpec:
    question: str
    key: Mapping[str, Any]


def parse_test_cell(source: str) -> CheckSpec:
    """Find the ``check("<question>", key={...})`` call in a test cell and read it as data."""
    try:
        tree = ast.parse(source)
    except SyntaxError as err:
        raise BadTestCell(f"the test cell is not valid Python ({err.msg}, line {err.lineno})") from None
    specs = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
        keys = [kw for kw in node.keywords if kw.arg == "key"]
        if name != "check" or not keys or not node.args:
            continue
        try:
            question = ast.literal_eval(node.args[0])
            key = ast.literal_eval(keys[0].value)
        except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
            raise BadTestCell("the question id and key in a test cell must be literals") from None
        if not isinstance(question, str):
            raise BadTestCell("the question id in a test cell must be a string")
        try:
            scoring.validate_key(key)
        except scoring.KeyError_ as err:
            raise BadTestCell(f"the key for '{question}': {err}") from None
        specs.append(CheckSpec(question, key))
    if len(specs) != 1:
        raise BadTestCell(
            f"a test cell must hold exactly one check(<question>, key=...) call; found {len(specs)}"
        )
    return specs[0]


def without_hidden_tests(source: str) -> str:
    """The cell as a learner may see it: every hidden-test region removed.

    Unlike nbgrader's ClearHiddenTests this never raises: an unclosed region is
    removed to the end of the cell.
    """
    kept, hidden = [], False
    for line in source.split("\n"):
        if BEGIN_HIDDEN in line:
            hidden = True
        elif END_HIDDEN in line:
            hidden = False
        elif not hidden:
            kept.append(line)
    return "\n".join(kept)
