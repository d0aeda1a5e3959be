"""A hostile learner's submission: script payloads in every place a learner's text can go.

Each payload, if it ever ran, would set ``window.__pwned`` (or the page's title to ``pwned``),
which the browser tests read back. The same submission is graded by nbgrader in
``test_text_is_text.py`` and shown in formgrader and in feedback in the browser tests.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path

import nbformat

from course_support import ASSIGNMENT, NOTEBOOK, ROOT, submission_dir

PAYLOADS = [
    "<img src=x onerror=\"document.title='pwned'\">",
    "<script>window.__pwned=1</script>",
    "<details open ontoggle=\"window.__pwned=2\">toggle</details>",
    "[a javascript link](javascript:window.__pwned=3)",
    "<svg onload=\"window.__pwned=4\"></svg>",
    "$\\href{javascript:window.__pwned=5}{maths}$",
    "<iframe src=\"javascript:parent.__pwned=6\"></iframe>",
    "<img src=\"https://example.invalid/track.png\">",
]
REFLECTION = "Our board will name one goal by March.\n\n" + "\n".join(PAYLOADS)
ADDED_CELL = "A note I added.\n\n" + "\n".join(PAYLOADS)
#: An answers-file key that is not a question: its name reaches the grading notes.
BAD_KEY = "<img src=y onerror=\"window.__pwned=7\">"
#: A key that would clear the trainer's terminal and set its title, if printed raw.
TERMINAL_KEY = "\x1b]0;owned\x07\x1b[2Jwiped"
TEMP_FILE = f".{ASSIGNMENT}.answers.json.k3j9x.tmp"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="window.__pwned=8"><script>window.__pwned=9</script></svg>'
WIDGET_STATE = {
    "application/vnd.jupyter.widget-state+json": {
        "version_major": 2, "version_minor": 0,
        "state": {"abc": {"model_name": "HTMLModel", "model_module": "@jupyter-widgets/controls",
                          "model_module_version": "2.0.0",
                          "state": {"value": "<img src=z onerror=\"window.__pwned=10\">"}}},
    }
}


def hostile_notebook(released: Path, reflection_typed: str | None = None):
    """The learner's copy with an added markdown cell, a raw HTML cell, an SVG attachment, widget state
    and (optionally) HTML typed straight into the reflection cell."""
    nb = nbformat.read(released, as_version=4)
    nb.cells.insert(1, nbformat.v4.new_markdown_cell(ADDED_CELL))
    raw = nbformat.v4.new_raw_cell("<p>raw</p>" + PAYLOADS[0] + PAYLOADS[1])
    raw.metadata["raw_mimetype"] = "text/html"
    raw.metadata["format"] = "text/html"
    nb.cells.insert(2, raw)
    attached = nbformat.v4.new_markdown_cell("![a picture](attachment:x.svg)")
    attached["attachments"] = {"x.svg": {"image/svg+xml": base64.b64encode(SVG).decode()}}
    nb.cells.insert(3, attached)
    nb.metadata["widgets"] = WIDGET_STATE
    if reflection_typed is not None:
        cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "reflection")
        cell.source = reflection_typed
    return nb


def submit_hostile(course: Path, student: str, with_answers: bool = True, typed: str | None = None) -> Path:
    """A submission of ``student`` carrying every payload; ``typed`` goes straight into the reflection cell."""
    folder = submission_dir(course, student)
    nbformat.write(hostile_notebook(course / "release" / ASSIGNMENT / NOTEBOOK, typed), folder / NOTEBOOK)
    if with_answers:
        answers = json.loads((ROOT / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.answers.json").read_text("utf-8"))
        answers["answers"]["reflection"] = {"value": REFLECTION, "saved_at": "2026-11-28T09:00:00+00:00"}
        answers["answers"][BAD_KEY] = {"no value": True}
        answers["answers"][TERMINAL_KEY] = {"no value": True}
        (folder / f"{ASSIGNMENT}.answers.json").write_text(json.dumps(answers), "utf-8")
    (folder / TEMP_FILE).write_text("{half a save", "utf-8")
    return folder

