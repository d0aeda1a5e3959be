"""A checkout where the course has been used: a learner's files beside every lesson and exercise.

What the learner runtime writes in the project's own folders when someone takes the course
in a clone (``coursekit lab`` opens the project itself): an answers file beside every lesson
and exercise notebook (``answers.py``), the saved name (``records/learner_name.py``), the plan
and the record of completion as HTML and PDF (``learner/documents.py``), a copy of an answers
file that could not be read (``answers.py``), and JupyterLab's checkpoints. The answers are
real but not the keys', so a test that reads them gets different results.
"""

from __future__ import annotations

from pathlib import Path

from coursekit import syllabus
from coursekit.questions.bank import load_bank
from learner_home_support import a_filler_answer, write

#: Files the learner runtime writes beside a notebook, other than answers files.
GENERATED = ("my_plan_for_the_board.html", "my_plan_for_the_board.pdf",
             "record_of_completion.html", "record_of_completion.pdf")


def use(root: Path) -> list[Path]:
    """Put a learner's files into the checkout at ``root``, as taking the course there would. Returns them."""
    made: list[Path] = []
    notebooks = root / "notebooks"
    for lesson in syllabus.load().lessons:
        for bank, folder in ((load_bank(lesson.notebook), notebooks),
                             (load_bank(lesson.assignment), root / "exercises" / lesson.assignment)):
            made.append(write(folder, bank.id, {q: a_filler_answer(bank, q) for q in bank.question_ids}))
            (folder / ".ipynb_checkpoints").mkdir(exist_ok=True)
            checkpoint = folder / ".ipynb_checkpoints" / f"{bank.id}-checkpoint.ipynb"
            checkpoint.write_text("{}", "utf-8")
            made.append(checkpoint)
        for name in GENERATED:
            for folder in (notebooks, root / "exercises" / lesson.assignment):
                path = folder / name
                path.write_bytes(b"%PDF-1.4 a learner's own file" if name.endswith(".pdf") else b"<p>mine</p>")
                made.append(path)
    made.append(write(notebooks, "your_name", {"name": "A Learner"}))
    made.append(write(notebooks, "progress", {}))
    aside = notebooks / "00_start_here.answers.unreadable-20261128T090000.json"
    aside.write_text("not json", "utf-8")
    made.append(aside)
    return made
