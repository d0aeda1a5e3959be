"""coursekit.grading.cellchecks runs nbgrader's cell-settings checks with a compiled schema: same verdicts."""

from __future__ import annotations

import copy

import nbformat
import pytest
from nbgrader.nbgraderformat import MetadataValidator as NbgraderValidator

from coursekit.grading.cellchecks import MetadataValidator
from course_support import ASSIGNMENT, NOTEBOOK, ROOT


def _cells():
    nb = nbformat.read(ROOT / "course" / "source" / ASSIGNMENT / NOTEBOOK, as_version=4)
    graded = [c for c in nb.cells if "nbgrader" in c.metadata]
    assert graded, "the source has nbgrader cells"
    cases = [("as written", c) for c in graded] + [("plain cell", nbformat.v4.new_markdown_cell("hi"))]
    base = next(c for c in graded if c.metadata["nbgrader"].get("grade") and c.cell_type == "code")
    for label, change in [
        ("points as text", {"points": "lots"}),
        ("no grade id", {"grade_id": None}),
        ("empty grade id", {"grade_id": ""}),
        ("old schema", {"schema_version": 1}),
        ("new schema", {"schema_version": 4}),
        ("grade flag as text", {"grade": "yes"}),
        ("no points", {"points": None}),
    ]:
        cell = copy.deepcopy(base)
        for key, value in change.items():
            if value is None:
                cell.metadata["nbgrader"].pop(key, None)
            else:
                cell.metadata["nbgrader"][key] = value
        cases.append((label, cell))
    markdown = nbformat.v4.new_markdown_cell("answer")
    markdown.metadata["nbgrader"] = {"grade": True, "solution": False, "locked": False, "grade_id": "m",
                                     "points": 1, "schema_version": 3}
    cases.append(("markdown grade cell that is not an answer", markdown))
    return cases


def _verdict(validator, cell):
    try:
        validator.validate_cell(copy.deepcopy(cell))
    except Exception as err:  # noqa: BLE001 - the verdicts are compared, whatever they are
        return type(err).__name__, str(err).splitlines()[0]
    return "ok", ""


@pytest.mark.parametrize("label, cell", _cells(), ids=lambda x: x if isinstance(x, str) else "")
def test_same_verdict_as_nbgrader(label, cell):
    assert _verdict(MetadataValidator(), cell) == _verdict(NbgraderValidator(), cell)


def test_bad_settings_are_refused():
    verdicts = {label: _verdict(MetadataValidator(), cell)[0] for label, cell in _cells()}
    assert verdicts["points as text"] == "ValidationError" and verdicts["old schema"] == "SchemaTooOldError"
    assert verdicts["plain cell"] == "ok"
