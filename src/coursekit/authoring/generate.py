"""Make ``exercises/`` and ``solutions/`` from their one source, ``course/source/``.

For each assignment this runs nbgrader's own ``generate_assignment`` (the learner
copy, hidden tests and model answers removed) and ``generate_solution`` (the worked
solution) in a scratch copy of the course, then writes the worked answers file
beside the solution from the keys in the source's hidden tests. It also renders every
lesson figure (:mod:`coursekit.figures`) to the SVG files the package ships, so that a
learner needs no matplotlib. ``check`` does the same into a scratch folder and lists
every file that differs from what is committed.
"""

from __future__ import annotations

import filecmp
import json
import shutil
import tempfile
from pathlib import Path

import nbformat
from nbgrader import utils

from coursekit.authoring import course_docs
from coursekit.answers import Answer, answers_path, write_answers
from coursekit.cohort.folder import is_project_course
from coursekit.cohort.nbgrader_run import run_nbgrader
from coursekit.grading.pages import is_page, mark_page
from coursekit.learner import shipped_figure
from coursekit.authoring.cells import WORKED_ANSWERS_SAVED_AT
from coursekit.questions import forms
from coursekit.records.learner_files import LEARNER_MADE, learner_made
from coursekit.questions.testcells import WORKED_ANSWER, parse_test_cell


def find_root(start: Path | None = None) -> Path:
    """The project folder: the nearest folder above ``start`` holding ``course/source``."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if is_project_course(folder / "course"):
            return folder
    raise FileNotFoundError(
        f"No course/source folder found in {here} or above it. Run this inside the coursekit project folder."
    )


def assignments(root: Path) -> list[str]:
    return sorted(p.name for p in (root / "course" / "source").iterdir() if p.is_dir() and not p.name.startswith("."))


def worked_answers(source_notebook: Path) -> dict[str, Answer]:
    """The worked answers, read as data from the source notebook's test and answer cells, and
    from the worked answer each form's formative check cell keeps."""
    nb = nbformat.read(source_notebook, as_version=4)
    answers: dict[str, Answer] = {}
    form_cells = []
    for cell in nb.cells:
        worked = cell.metadata.get(WORKED_ANSWER)
        if worked is not None:
            name = parse_check_name(cell.source)
            answers[name] = Answer(dict(worked["answer"]), worked.get("saved_at", WORKED_ANSWERS_SAVED_AT))
        if not utils.is_grade(cell):
            continue
        grade_id = cell.metadata["nbgrader"]["grade_id"]
        if utils.is_solution(cell) and grade_id in forms.names():
            form_cells.append(grade_id)  # its worked answer is the form's, kept by its check cell
            continue
        if utils.is_solution(cell):
            answers[grade_id] = Answer(cell.source.strip(), WORKED_ANSWERS_SAVED_AT)
            continue
        spec = parse_test_cell(cell.source)
        saved_at = spec.key.get("solution_saved_at", WORKED_ANSWERS_SAVED_AT)
        if spec.key["kind"] == "choice":
            answers[spec.question] = Answer(spec.key["correct"], saved_at)
        elif spec.key["kind"] == "multi":
            answers[spec.question] = Answer(list(spec.key["correct"]), saved_at)
        elif spec.key["kind"] == "match":
            answers[spec.question] = Answer(dict(spec.key["correct"]), saved_at)
        elif spec.key["kind"] == "ranking":  # the key's order: its first response ranked 1
            answers[spec.question] = Answer({rid: rank for rank, rid in enumerate(spec.key["correct"], 1)}, saved_at)
        elif "solution" in spec.key:
            answers[spec.question] = Answer(dict(spec.key["solution"]), saved_at)
        else:
            raise ValueError(f"{source_notebook.name}: the key for '{spec.question}' has no worked 'solution'.")
    missing = [name for name in form_cells if name not in answers]
    if missing:
        raise ValueError(f"{source_notebook.name}: no formative check cell keeps a worked answer for "
                         f"{', '.join(missing)}.")
    return answers


def parse_check_name(source: str) -> str:
    """The form a formative check cell checks: ``ex.check("<name>")``."""
    import re

    found = re.search(r'ex\.check\("([A-Za-z0-9_]+)"\)', source)
    if not found or found.group(1) not in forms.names():
        raise ValueError(f"a cell keeping a worked answer must check a form with ex.check(\"<form>\"): {source[:80]!r}")
    return found.group(1)


#: The syllabus's one source, and the copy shipped in the package for installed learners.
SYLLABUS = "course/syllabus.toml"
PACKAGED_SYLLABUS = "src/coursekit/content/syllabus.toml"
#: The lesson notebooks and learner exercises, mirrored into the package so that a learner's own
#: folder (coursekit.learner.folder) and a cohort's lessons (coursekit.cohort.folder) work from an installed
#: package. Only what a learner may read: never course/source/ (hidden tests and keys) or solutions/.
#: A cohort's source comes from the course folder (coursekit.cohort.folder.find_course).
COURSE_FILES = "src/coursekit/course_files"
MIRRORED = {"notebooks": "notebooks", "exercises": "exercises"}
#: Once mirrored, now never: removed from the package's course_files/ if still there.
NEVER_MIRRORED = ("source", "solutions")
_NOT_MIRRORED = (*LEARNER_MADE, "__pycache__")
#: What running a notebook changes in it, and is not the course's: outputs, run counts, and the
#: cell and notebook metadata JupyterLab writes as it runs and saves (compared without them).
_RUN_CELL_KEYS = ("execution", "trusted", "collapsed", "scrolled")
_RUN_NOTEBOOK_KEYS = ("widgets", "language_info")


#: The lesson notebooks (progress.ipynb among them): each is its own source, marked as a page
#: (coursekit.grading.pages) by ``coursekit generate``; nbgrader's copies of the exercises are marked
#: as it makes them (coursekit.grading.plugins.MarkAsPage). The worked solutions keep their code in sight.
LESSONS = "notebooks"


def mark_lessons(root: Path) -> list[Path]:
    """Mark every lesson notebook as a page, in place. Returns those that changed."""
    changed = []
    for path in sorted((root / LESSONS).glob("*.ipynb")):
        data = json.loads(path.read_text("utf-8"))
        if mark_page(data):
            path.write_text(json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n", "utf-8")
            changed.append(path)
    return changed


def pages_drift(root: Path) -> list[str]:
    """Lesson and exercise notebooks a learner would open that are not marked as pages."""
    notebooks = [*sorted((root / LESSONS).glob("*.ipynb")), *sorted((root / "exercises").glob("*/*.ipynb"))]
    return [f"{path.relative_to(root).as_posix()}: not marked as a page (code in sight, not run when it opens)"
            for path in notebooks if not is_page(json.loads(path.read_text("utf-8")))]


def mirror(root: Path, into: Path | None = None) -> None:
    """Copy notebooks/ and exercises/ into the package's course_files/ (or ``into``)."""
    for name in NEVER_MIRRORED:
        shutil.rmtree((into or root / COURSE_FILES) / name, ignore_errors=True)
    for folder, name in MIRRORED.items():
        target = (into or root / COURSE_FILES) / name
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(root / folder, target, ignore=shutil.ignore_patterns(*_NOT_MIRRORED))
        for notebook in target.rglob("*.ipynb"):  # a lesson a learner ran in this checkout ships as written
            _without_outputs(notebook)


def _without_outputs(path: Path) -> None:
    """Clear the outputs and run counts a learner's run saved into ``path`` (left as it is when there are none)."""
    try:
        data = json.loads(path.read_text("utf-8"))
        cells = [c for c in data.get("cells", []) if c.get("cell_type") == "code"]
    except (ValueError, UnicodeDecodeError, AttributeError):
        return  # not a notebook nbformat would read: copied as it is, and the drift check reports it
    if not any(c.get("outputs") or c.get("execution_count") is not None for c in cells):
        return
    for cell in cells:
        cell["outputs"], cell["execution_count"] = [], None
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", "utf-8")


def _as_written(path: Path) -> object:
    """A notebook as its author wrote it: cell types, sources and metadata, without what a run adds."""
    data = json.loads(path.read_text("utf-8"))
    metadata = {k: v for k, v in data.get("metadata", {}).items() if k not in _RUN_NOTEBOOK_KEYS}
    metadata["kernelspec"] = (metadata.get("kernelspec") or {}).get("name")
    cells = [(c.get("cell_type"), "".join(c.get("source", "")),
              {k: v for k, v in c.get("metadata", {}).items() if k not in _RUN_CELL_KEYS}) for c in data.get("cells", [])]
    return metadata, cells


def _same(fresh: Path, committed: Path) -> bool:
    if filecmp.cmp(fresh, committed, shallow=False):
        return True
    if fresh.suffix != ".ipynb":
        return False
    try:
        return _as_written(fresh) == _as_written(committed)
    except (ValueError, UnicodeDecodeError, AttributeError):
        return False


def mirror_drift(root: Path) -> list[str]:
    """Files in the package's course_files/ that differ from notebooks/ and exercises/, and any
    folder there that must never be shipped (such as source/, with the answer keys)."""
    shipped = root / COURSE_FILES
    with tempfile.TemporaryDirectory(prefix="coursekit-mirror-") as scratch:
        mirror(root, Path(scratch))
        problems = [problem for name in MIRRORED.values()
                    for problem in _compare(Path(scratch) / name, shipped / name, f"{COURSE_FILES}/{name}")]
    extra = sorted(p.name for p in shipped.iterdir() if p.name not in MIRRORED.values()) if shipped.is_dir() else []
    return problems + [f"{COURSE_FILES}/{name}: not made by the generator (never ship it)" for name in extra]


#: The lesson figures, drawn ahead of time as SVG with their alt texts and captions, for the learner's
#: runtime to show without matplotlib (coursekit.learner.shipped_figure reads them).
SHIPPED_FIGURES = "src/coursekit/" + "/".join(shipped_figure.FOLDER)


def draw_figures(into: Path) -> list[str]:
    """Render every lesson figure to ``<name>.svg`` in ``into`` and list each one's alt text and caption
    in the manifest; remove the SVG of any figure no longer drawn. Returns the figures' names."""
    from coursekit import figures  # matplotlib: loaded only when figures are drawn

    into.mkdir(parents=True, exist_ok=True)
    entries = {}
    for name in sorted(figures.FIGURES):
        drawn = figures.get(name)
        (into / f"{name}.svg").write_bytes(drawn.svg)
        entries[name] = {"alt": drawn.alt, "caption": drawn.caption}
    for old in into.glob("*.svg"):
        if old.stem not in entries:
            old.unlink()
    manifest = {"about": shipped_figure.MANIFEST_NOTE, "figures": entries}
    (into / shipped_figure.MANIFEST).write_bytes((json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode())
    return list(entries)


def figures_drift(root: Path) -> list[str]:
    """Files in the package's shipped figures that differ from a fresh drawing (empty when in step)."""
    with tempfile.TemporaryDirectory(prefix="coursekit-figures-") as scratch:
        draw_figures(Path(scratch))
        return _compare(Path(scratch), root / SHIPPED_FIGURES, SHIPPED_FIGURES)


def _build(root: Path, assignment: str, out: Path) -> None:
    """Generate one assignment's learner and solution copies into ``out/exercises`` and ``out/solutions``."""
    with tempfile.TemporaryDirectory(prefix="coursekit-generate-") as scratch:
        course = Path(scratch)
        shutil.copy(root / "course" / "nbgrader_config.py", course / "nbgrader_config.py")
        shutil.copytree(root / "course" / "source" / assignment, course / "source" / assignment,
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints", "*.answers.json", "__pycache__"))
        run_nbgrader(["generate_assignment", assignment, "--force"], course)
        run_nbgrader(["generate_solution", assignment, "--force"], course)
        for kind, made in (("exercises", course / "release" / assignment), ("solutions", course / "solution" / assignment)):
            target = out / kind / assignment
            if target.exists():
                shutil.rmtree(target)
            shutil.copytree(made, target)
        for source_nb in sorted((root / "course" / "source" / assignment).glob("*.ipynb")):
            answers = worked_answers(source_nb)
            if answers:
                write_answers(answers_path(out / "solutions" / assignment, source_nb.stem), source_nb.stem, answers)


def generate(root: Path, only: list[str] | None = None) -> list[str]:
    """Regenerate the committed copies in place. Returns the assignments done."""
    done = []
    for assignment in only or assignments(root):
        _build(root, assignment, root)
        done.append(assignment)
    shutil.copyfile(root / SYLLABUS, root / PACKAGED_SYLLABUS)
    draw_figures(root / SHIPPED_FIGURES)
    mark_lessons(root)
    mirror(root)
    course_docs.update(root)
    return done


def drift(root: Path, only: list[str] | None = None) -> list[str]:
    """Files in exercises/ and solutions/ that differ from a fresh generation (empty when in step)."""
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="coursekit-drift-") as scratch:
        out = Path(scratch)
        for assignment in only or assignments(root):
            _build(root, assignment, out)
            for kind in ("exercises", "solutions"):
                problems += _compare(out / kind / assignment, root / kind / assignment, f"{kind}/{assignment}")
    packaged = root / PACKAGED_SYLLABUS
    if not packaged.exists() or packaged.read_bytes() != (root / SYLLABUS).read_bytes():
        problems.append(f"{PACKAGED_SYLLABUS}: differs from {SYLLABUS}")
    return problems + pages_drift(root) + figures_drift(root) + mirror_drift(root) + course_docs.drift(root)


def _compare(fresh: Path, committed: Path, label: str) -> list[str]:
    if not committed.exists():
        return [f"{label}: missing"]
    names = {p.relative_to(fresh).as_posix() for p in fresh.rglob("*") if p.is_file()}
    have = {
        p.relative_to(committed).as_posix() for p in committed.rglob("*")
        if p.is_file() and not _learner_file(p, committed, fresh)
    }
    problems = [f"{label}/{n}: missing" for n in sorted(names - have)]
    problems += [f"{label}/{n}: not made by the generator" for n in sorted(have - names)]
    for name in sorted(names & have):
        if not _same(fresh / name, committed / name):
            problems.append(f"{label}/{name}: differs from its source")
    return problems


def _learner_file(path: Path, committed: Path, fresh: Path) -> bool:
    """A learner's own files (answers, plan, record, checkpoints) are theirs, not drift; the worked
    solutions' answers files, which the generator makes, are compared."""
    return learner_made(path, committed) and not (fresh / path.relative_to(committed)).exists()

