"""Release assignments to a cohort: through nbgrader's exchange, or as one zip per learner.

Both ways first run nbgrader's ``generate_assignment`` in the cohort, which makes the
learner copies in ``release/<assignment>/`` (hidden tests and model answers removed)
and records the assignment in the gradebook. A learner pack holds only those learner
copies, the lesson notebooks and a README: never the source, solutions or hidden tests.
"""

from __future__ import annotations

import datetime as _dt
import os
import tempfile
import zipfile
from pathlib import Path

from coursekit.cohort.folder import Cohort, CohortError, make_exchange
from coursekit.cohort.roster import Learner

PACKS = "packs"
#: Files never put in a pack, even if they turn up in release/.
NOT_IN_PACKS = (".ipynb_checkpoints", "__pycache__", ".answers.json", ".coursekit-notes.json", "timestamp.txt")


def return_name(learner_id: str, assignment: str) -> str:
    """What a learner names the zip they send back: ``<id>_<assignment>.zip``."""
    return f"{learner_id}_{assignment}.zip"


def _check(result: dict, what: str) -> str:
    if not result.get("success"):
        raise RuntimeError(f"nbgrader could not {what}:\n{result.get('log', '')}\n{result.get('error', '')}".strip())
    return result.get("log", "")


def generate(cohort: Cohort, assignments: list[str], due: _dt.datetime | None = None) -> None:
    """nbgrader generate_assignment for each assignment; sets the due date when given."""
    from coursekit.grading import plugins as grading

    api = cohort.api()
    for assignment in assignments:
        _check(api.generate_assignment(assignment, force=True, create=True), f"generate {assignment}")
    grading.forget_source_cells()  # the source may have changed since the last run in this process
    if due is not None:
        with cohort.gradebook() as gb:
            for assignment in assignments:
                gb.update_or_create_assignment(assignment, duedate=due.astimezone(_dt.timezone.utc).replace(tzinfo=None))


def release_exchange(cohort: Cohort, assignments: list[str], due: _dt.datetime | None = None) -> list[str]:
    """Generate and release each assignment to the cohort's nbgrader exchange. Returns them."""
    if cohort.exchange is None:
        raise CohortError(
            f"The cohort {cohort.root} has no exchange folder. Release with --packs instead, or make the "
            "cohort with `coursekit cohort init DIR --roster FILE --exchange EXCHANGE_DIR`."
        )
    assignments = cohort.resolve(assignments)
    make_exchange(cohort.exchange, cohort.course_id, cohort.group_id)  # nbgrader's modes, before it looks
    generate(cohort, assignments, due)
    _to_exchange(cohort, assignments, cohort.exchange)
    return assignments


def _to_exchange(cohort: Cohort, assignments: list[str], where: Path) -> None:
    """nbgrader's own release of each (generated) assignment to the exchange its settings name."""
    from nbgrader.utils import capture_log, temp_attrs

    api = cohort.api()
    for assignment in assignments:
        with temp_attrs(api.coursedir, assignment_id=assignment):
            app = api.exchange.ReleaseAssignment(coursedir=api.coursedir, authenticator=api.authenticator, parent=api)
            app.force = True  # releasing again replaces the released copy, as the trainer asked
            _check(capture_log(app), f"release {assignment} to {where}")


#: Where a pack puts the exercises: the same layout as the course folder.
EXERCISES = "exercises"


def _pack_files(folder: Path) -> list[Path]:
    return sorted(
        p for p in folder.rglob("*")
        if p.is_file() and not any(part in NOT_IN_PACKS for part in p.relative_to(folder).parts)
        and not p.name.endswith(NOT_IN_PACKS)
    )


def readme(cohort: Cohort, learner: Learner, assignments: list[str]) -> str:
    lessons = {lesson.assignment: lesson for lesson in cohort.syllabus.lessons}
    listed = "\n".join(
        f"      {EXERCISES}/{a}/  (its lesson: notebooks/{lessons[a].notebook}.ipynb)" if a in lessons
        else f"      {EXERCISES}/{a}/"
        for a in assignments
    )
    example = assignments[0]
    return f"""\
{cohort.syllabus.course}
Learner pack for {learner.name} ({learner.id}), cohort {cohort.name}

What is in this pack
  - notebooks/  the lessons. Start with the lowest number.
  - exercises/  a folder for each exercise:
{listed}

How to open it
  1. Unzip this file into a folder you can find again, such as Documents.
  2. Open JupyterLab. If it is not on your computer, ask your trainer or IT team
     to install the course's package, coursekit, which brings JupyterLab with it.
  3. In JupyterLab, go to the folder you unzipped. Open a lesson in notebooks/,
     then its exercise in exercises/. Each lesson links to its exercise.
  Your answers save as you go, in a file called <exercise>.answers.json in the
  exercise folder. Keep that file where it is: it holds your answers.

How to send your work back
  1. Save the notebook and close JupyterLab.
  2. Make a zip of the exercise's folder inside exercises/, for example {example}:
     - Windows: right-click the folder, choose "Send to", then "Compressed (zipped) folder".
     - Mac: right-click the folder and choose "Compress".
  3. Rename the zip to your id and the exercise name, for example:
       {return_name(learner.id, example)}
  4. Send it to your trainer by email or Teams.
  You can send an exercise again: your trainer marks the latest one you send.
"""


def _write_zip(target: Path, entries: list[tuple[str, bytes | Path]]) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, content in entries:
                if isinstance(content, Path):
                    archive.write(content, name)
                else:
                    archive.writestr(name, content)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def make_packs(cohort: Cohort, assignments: list[str], due: _dt.datetime | None = None) -> list[Path]:
    """One zip per learner in ``packs/<id>.zip``: learner copies, lessons and a README."""
    assignments = cohort.resolve(assignments)
    generate(cohort, assignments, due)
    if cohort.packs_exchange:  # so that Formgrader lists them as released
        _to_exchange(cohort, assignments, cohort.packs_exchange)
    shared: list[tuple[str, Path]] = []
    for assignment in assignments:
        released = cohort.root / "release" / assignment
        # exercises/<assignment>/ beside notebooks/, as in the course folder, so the lessons'
        # links to their exercises work and the progress view finds every answers file.
        shared += [(f"{EXERCISES}/{assignment}/{p.relative_to(released).as_posix()}", p) for p in _pack_files(released)]
    lessons = cohort.root / "notebooks"
    other_lessons = {f"{lesson.notebook}.ipynb" for lesson in cohort.syllabus.lessons if lesson.assignment not in assignments}
    if lessons.is_dir():  # these assignments' lessons, course-wide notebooks, and any pictures they show
        shared += [(f"notebooks/{p.relative_to(lessons).as_posix()}", p) for p in _pack_files(lessons)
                   if p.name not in other_lessons]
    out = cohort.root / PACKS
    out.mkdir(exist_ok=True)
    made = []
    for learner in cohort.roster:
        target = out / f"{learner.id}.zip"
        _write_zip(target, [("README.txt", readme(cohort, learner, assignments).encode("utf-8")), *shared])
        made.append(target)
    return made
