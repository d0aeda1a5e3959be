"""What the site's learners open: the lessons and exercises, as a learner's own course folder holds them.

The files come from the installed package (:func:`coursekit.learner.folder.make`), so the course
source, the hidden tests and the worked solutions are never in the site. Each notebook names the
site's kernel and gets one first cell, its input hidden, that installs coursekit in the browser from the site's own ``pypi/``
folder (nothing is fetched from the internet).
"""

from __future__ import annotations

import json
from pathlib import Path

from coursekit import syllabus
from coursekit.learner import folder as learner_folder
from coursekit.records.return_work import SITE_METADATA, SITE_SETUP_TAG as SETUP_TAG
SETUP_SOURCE = ("# Loads the course's helpers into this browser tab, from this site (nothing comes from the internet).\n"
                "%pip install coursekit")


def setup_cell() -> dict:
    return {"cell_type": "code", "execution_count": None, "outputs": [],
            "metadata": {"tags": [SETUP_TAG], "jupyter": {"source_hidden": True, "outputs_hidden": True},
                         "editable": False, "deletable": False},
            "source": SETUP_SOURCE}


#: The site's one kernel (Pyodide's): naming it means no "Select Kernel" dialog on opening a notebook.
KERNELSPEC = {"name": "python", "display_name": "Python (Pyodide)", "language": "python"}


def for_the_browser(notebook: Path) -> None:
    """The notebook with the site's kernel named and the setup cell first."""
    data = json.loads(notebook.read_text("utf-8"))
    meta = data.setdefault("metadata", {})
    if "kernelspec" in meta and SITE_METADATA not in meta:  # kept, so "Download my work" hands in the notebook as it was released
        meta.setdefault(SITE_METADATA, {})["kernelspec"] = meta["kernelspec"]
    meta["kernelspec"] = dict(KERNELSPEC)
    cells = data.setdefault("cells", [])
    if not (cells and SETUP_TAG in cells[0].get("metadata", {}).get("tags", [])):
        cell = setup_cell()
        if (data.get("nbformat"), data.get("nbformat_minor", 0)) >= (4, 5):
            cell["id"] = SETUP_TAG  # cell ids exist from nbformat 4.5
        cells.insert(0, cell)
    notebook.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", "utf-8")


README = """\
{course}
The course in your browser ({edition}).

What is here
  - notebooks/  the lessons. Start with 00_start_here.ipynb. progress.ipynb shows
    what you have done and what is left, and has Download my work (for your trainer)
    and Download all my work (for you).
  - exercises/  a folder for each lesson's exercise. Each lesson links to its exercise.

Your answers are kept in this browser, on this device, in files ending .answers.json
beside each notebook. Clearing the browser's data deletes them. To move to another
device, use Download all my work on the progress page, then Restore my work from a
download on the same page on the other device.
"""


def write_contents(folder: Path) -> list[Path]:
    """The learner's course folder at ``folder`` (empty or new), ready for the browser. Returns its notebooks."""
    learner_folder.make(folder)
    course = syllabus.load()
    (folder / "README.txt").write_text(README.format(course=course.course, edition=course.edition), "utf-8")
    notebooks = sorted(folder.rglob("*.ipynb"))
    for notebook in notebooks:
        for_the_browser(notebook)
    return notebooks
