"""Grade a cohort's submissions with nbgrader's own API, in one process, with progress.

Each submission in ``submitted/<learner>/<assignment>/`` is graded by
``NbGraderAPI.autograde`` (coursekit's plug-ins do the scoring; see :mod:`coursekit.grading.plugins`).
When one is done, ``coursekit-graded.json`` is written beside the graded copy with the
submission's timestamp and its problems. A later run skips every submission whose
marker matches its timestamp and whose gradebook record exists, so a run that was
interrupted resumes where it stopped; a submission half done when it stopped has no
marker and is graded again from the start. nbgrader keeps one grade per cell per
submission, so grading again never counts anything twice. Naming one learner regrades
that learner's work even if it was graded before.

Before nbgrader copies a submission (its copy follows links), the submission is checked: a link
or special file in it is never graded, copied or deleted. It is moved, as it is, to
``archive/<assignment>/<learner>/set-aside/<time>/`` and reported to the trainer as an unsafe
file; the rest of the submission is graded. A submission folder that is itself a link is set
aside whole and not graded.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import json
import os
import re
import tempfile
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy

from coursekit.grading import plugins as grading
from coursekit.answers import answers_path, read_answers
from coursekit.cohort.folder import Cohort, CohortError
from coursekit.cohort.gradebook_indexes import add_indexes
from coursekit.cohort.progress_bar import Progress
from coursekit.cohort.submitted_files import check_tree, set_aside
from coursekit.questions.testcells import BadTestCell, parse_test_cell

MARKER = "coursekit-graded.json"
#: How grading shows and checks learner files. Work graded under an earlier version (before learner text
#: was shown only as text, and unsafe files set aside) is graded again by the next `coursekit grade`.
GRADING_VERSION = 2
#: The kinds of problem, as the trainer reads them: a notebook that cannot be opened; no answers file, or
#: questions left unanswered; an answers file (or an answer in it) that cannot be read; graded cells that
#: were changed and put back; a link or special file moved aside, never followed; a submission not graded.
BROKEN, MISSING, UNREADABLE, TAMPERED, UNSAFE, FAILED = (
    "broken notebook", "missing answers", "unreadable answers", "tampering restored", "unsafe file set aside",
    "not graded")
KINDS = (BROKEN, MISSING, UNREADABLE, TAMPERED, UNSAFE, FAILED)
SET_ASIDE = "set-aside"
_CHANGED = re.compile(r"Attribute '(\w+)' for cell (\S+) has changed")
_ADDED = re.compile(r"Missing grade cell (\S+) encountered")


@dataclass(frozen=True)
class Problem:
    assignment: str
    kind: str  # one of KINDS
    detail: str


@dataclass
class GradeSummary:
    """What a grading run did, and the problems found, per learner."""

    graded: list[tuple[str, str]] = field(default_factory=list)  # (learner, assignment) graded in this run
    skipped: list[tuple[str, str]] = field(default_factory=list)  # already graded, unchanged since
    problems: dict[str, list[Problem]] = field(default_factory=dict)  # learner id -> problems
    not_collected: list[str] = field(default_factory=list)  # assignments asked for with nothing collected
    learner: str | None = None  # the one learner asked for, if any

    @property
    def nothing_collected(self) -> bool:
        """Nothing was there to grade at all: nothing collected for any assignment asked for."""
        return not self.graded and not self.skipped and not self.problems

    @property
    def failed(self) -> list[tuple[str, str]]:
        return [(learner, p.assignment) for learner, ps in self.problems.items() for p in ps if p.kind == FAILED]

    def kinds(self, learner: str) -> set[str]:
        return {p.kind for p in self.problems.get(learner, [])}

    def lines(self) -> list[str]:
        whose = f" from {self.learner}" if self.learner else ""
        out = [f"Nothing has been collected{whose} for {a}, so nothing was graded. Run `coursekit collect {a}` "
               "(or add --from-zips FOLDER) first." for a in self.not_collected]
        if self.nothing_collected:
            return out or ["Nothing has been collected yet, so nothing was graded. Run `coursekit collect all` first."]
        out.append(f"Graded {len(self.graded)} submission(s); {len(self.skipped)} already graded and unchanged.")
        if not self.problems:
            out.append("No problems found.")
            return out
        out.append(f"Problems, by learner ({len(self.problems)}):")
        for learner in sorted(self.problems):
            for problem in self.problems[learner]:
                label = "" if problem.detail.startswith(_FOR_TRAINER) else f"{problem.kind}: "
                out.append(f"  {learner}, {problem.assignment}: {label}{problem.detail}")
        return out


# -- what there is to grade -------------------------------------------------------------

def _timestamp(folder: Path) -> str:
    try:
        return (folder / "timestamp.txt").read_text("utf-8").strip()
    except OSError:
        return ""


def _marker(folder: Path) -> dict | None:
    try:
        data = json.loads((folder / MARKER).read_text("utf-8"))
        return data if isinstance(data, dict) else None
    except (OSError, ValueError, RecursionError):  # a learner could send a file of this name
        return None


def _recorded(cohort: Cohort) -> tuple[set[str], set[tuple[str, str]]]:
    """Assignments and (assignment, learner) submissions in the gradebook, read once and closed:
    an open read would block nbgrader's writes to a SQLite gradebook."""
    with cohort.gradebook() as gb:
        assignments = {a.name for a in gb.assignments}
        submissions = {(s.assignment.name, s.student.id) for a in gb.assignments for s in a.submissions}
    return assignments, submissions


def _questions(cohort: Cohort, assignment: str, notebook: str) -> list[str]:
    """The question ids a learner answers in one notebook, from the gradebook's copy of the source."""
    ids = []
    for cell in grading.source_cells(cohort.db_url, assignment, notebook).values():
        if cell.points is None:
            continue
        if cell.solution:
            ids.append(cell.name)
            continue
        try:
            ids.append(parse_test_cell(cell.source).question)
        except BadTestCell:
            continue
    return ids


# -- problems of one graded submission ------------------------------------------------

def _kind(note: str, answers_problems: set[str]) -> str:
    """What kind of problem a grading note is. ``answers_problems`` are the notes reading the answers
    file gives: each is about an answers file, or an answer in it, that could not be read."""
    if note in answers_problems:
        return UNREADABLE
    if "could not be opened" in note:
        return BROKEN
    if note.startswith("No answers file") or "no answers were found" in note:
        return MISSING
    if "answers file" in note.lower() or ".answers.json" in note:
        return UNREADABLE
    return TAMPERED


#: What the answers reader says (to the learner) about a whole answers file, and what the trainer is told instead.
_WHOLE_FILE = (
    (re.compile(r"could not be read \((?P<why>.*)\)\. It may have been damaged"), "corrupt JSON: {why}"),
    (re.compile(r" is [\d,]+ bytes, larger than"), "too large to read"),
    (re.compile(r"is not laid out the way coursekit saves answers"), "nested too deeply to read"),
    (re.compile(r"is not a coursekit answers file"), "not a coursekit answers file"),
    (re.compile(r"has no list of answers in it"), "it holds no list of answers"),
)
_ONE_ANSWER = re.compile(r"^The answer to '(?P<qid>.*)' in \S+ is not in a form coursekit can read")
_FOR_TRAINER = "answers file unreadable"


def _send_again(assignment: str, learner: str) -> str:
    return (f"Ask the learner to send the exercise again, then run `coursekit collect {assignment}` and "
            f"`coursekit grade {assignment} --learner {learner}`.")


def _no_answers_file(assignment: str, learner: str, notebook: str) -> str:
    """The grader's note to the learner that no answers file came, as the trainer reads it."""
    return (f"no answers file ({notebook}.answers.json) came with this submission, so no answers were found and "
            f"the questions score 0. {_send_again(assignment, learner)} The exercise folder they send must hold "
            "that file: it is where their answers are saved.")


def _for_trainer(note: str, cohort: Cohort, assignment: str, learner: str, notebook: str) -> tuple[str, bool]:
    """A note the answers reader wrote for the learner, as the trainer reads it: what is wrong, with which
    file, and what to do; and whether the whole file was unreadable."""
    where = f"submitted/{learner}/{assignment}/{notebook}.answers.json"
    again = _send_again(assignment, learner)
    for pattern, why in _WHOLE_FILE:
        found = pattern.search(note)
        if found:
            return (f"{_FOR_TRAINER} ({why.format(**found.groupdict())}): {where}. None of its answers could be "
                    f"marked, so they score 0. {again}"), True
    found = _ONE_ANSWER.match(note)
    if found:
        return (f"the answer to '{found['qid']}' in {where} is unreadable, so it scores 0. {again}"), False
    return note, False


def _problems(cohort: Cohort, assignment: str, graded: Path, log: str) -> list[Problem]:
    found: list[Problem] = []
    broken = False
    for notebook in sorted(p.stem for p in graded.glob("*.ipynb")):
        try:
            notes = json.loads(Path(grading.notes_path(str(graded), notebook)).read_text("utf-8")).get("notes", [])
        except (OSError, ValueError, AttributeError, RecursionError):
            notes = []
        answers = read_answers(answers_path(graded, notebook))
        unreadable = False
        for note in notes:
            kind = _kind(note, set(answers.problems))
            broken = broken or kind == BROKEN
            if kind == UNREADABLE:
                note, whole = _for_trainer(note, cohort, assignment, graded.parent.name, notebook)
                unreadable = unreadable or whole
            elif kind == MISSING and note.startswith("No answers file"):  # the grader's note is the learner's
                note = _no_answers_file(assignment, graded.parent.name, notebook)
            found.append(Problem(assignment, kind, note))
        if answers.exists and answers.readable and not unreadable:
            unanswered = [q for q in _questions(cohort, assignment, notebook) if q not in answers.answers]
            if unanswered:
                found.append(Problem(assignment, MISSING, f"{notebook}: no answer to {', '.join(unanswered)}."))
    if not broken:
        # nbgrader logs a changed checksum for every cell with hidden tests, so edits are found by
        # comparing with the released copy; its other reports (kind, locking, points) are real changes.
        changed = {m.group(2).rstrip(":") for m in _CHANGED.finditer(log) if m.group(1) != "checksum"}
        changed |= set(_ADDED.findall(log))
        for notebook in sorted(p.name for p in graded.glob("*.ipynb")):
            changed |= _edited(cohort.root / "submitted" / graded.parent.name / assignment / notebook,
                               cohort.root / "release" / assignment / notebook)
        changed = sorted(changed)
        if changed:
            found.append(Problem(assignment, TAMPERED, "these graded cells had been changed or removed and were "
                                                       f"put back as the course set them: {', '.join(changed)}."))
    return found


def _locked_sources(path: Path) -> dict[str, str]:
    import nbformat

    nb = nbformat.read(path, as_version=4)
    return {c.metadata["nbgrader"]["grade_id"]: c.source for c in nb.cells
            if isinstance(c.metadata.get("nbgrader"), dict) and c.metadata["nbgrader"].get("grade_id")
            and (c.metadata["nbgrader"].get("locked") or (c.metadata["nbgrader"].get("grade")
                                                         and not c.metadata["nbgrader"].get("solution")))}


def _edited(submitted: Path, released: Path) -> set[str]:
    """Locked or test cells whose text differs from the copy the learner was given."""
    try:
        given, sent = _locked_sources(released), _locked_sources(submitted)
    except Exception:  # noqa: BLE001 - an unreadable notebook is reported as broken elsewhere
        return set()
    return {grade_id for grade_id, source in sent.items() if grade_id in given and source != given[grade_id]}


def _write_marker(graded: Path, timestamp: str, problems: list[Problem]) -> None:
    data = {"timestamp": timestamp, "grading_version": GRADING_VERSION, "graded_at": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
            "problems": [{"kind": p.kind, "detail": p.detail} for p in problems]}
    fd, tmp = tempfile.mkstemp(prefix=".coursekit-graded.", dir=graded)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, indent=1)
    os.chmod(tmp, 0o644)
    os.replace(tmp, graded / MARKER)


# -- the run ------------------------------------------------------------------------------

def _to_grade(cohort: Cohort, assignments: list[str], learner: str | None) -> list[tuple[str, str]]:
    learners = [cohort.learner(learner).id] if learner else [lr.id for lr in cohort.roster]
    return [(lid, a) for a in assignments for lid in learners
            if any((cohort.root / "submitted" / lid / a).glob("*.ipynb"))]


def grade(cohort: Cohort, assignments: list[str] | None = None, learner: str | None = None,
          progress: bool = True) -> GradeSummary:
    """Autograde the cohort's submissions (or one learner's, always regraded); resume safely."""
    from coursekit.cohort.release import generate

    named = bool(assignments) and list(assignments) != ["all"]
    assignments = cohort.resolve(assignments)
    known, recorded = _recorded(cohort)
    add_indexes(cohort.db_url)  # nbgrader's per-submission lookups stay fast in a large cohort
    todo = _to_grade(cohort, assignments, learner)
    submitted = {assignment for _, assignment in todo}
    summary = GradeSummary(learner=cohort.learner(learner).id if learner else None)
    # an assignment named, or released here, with nothing collected: the trainer is told to collect first
    summary.not_collected = [a for a in assignments if a not in submitted
                             and (named or any((cohort.root / "release" / a).glob("*.ipynb")))]
    missing = [a for a in assignments if a in submitted and a not in known]
    if missing:  # submitted but never released here: nbgrader needs the assignment in the gradebook
        generate(cohort, missing)
    grading.forget_source_cells()  # the source may have changed since this process last graded
    api = cohort.api()
    bar = Progress(len(todo), "Grading", enabled=progress)
    with warnings.catch_warnings(), _one_engine_per_database():
        # nbgrader's own gradebook code trips SQLAlchemy 2 warnings on every submission: not ours to fix here
        warnings.simplefilter("ignore", category=sqlalchemy.exc.SAWarning)
        try:
            _grade_all(cohort, api, todo, learner, recorded, summary, bar)
        finally:
            bar.close()
    return summary


@contextlib.contextmanager
def _one_engine_per_database():
    """nbgrader makes a new SQLAlchemy engine for every ``Gradebook`` it opens (about nine per
    submission), so every query is compiled afresh each time. While grading, it is given one
    engine per database URL instead: the same database and the same queries, about a third less
    time per submission. nbgrader's own ``close()`` still disposes of the connections."""
    import nbgrader.api as nbgrader_api

    real = nbgrader_api.create_engine
    engines: dict[tuple[str, str], object] = {}

    def shared(url, *args, **kwargs):
        key = (str(url), repr((args, sorted(kwargs.items()))))
        if key not in engines:
            engines[key] = real(url, *args, **kwargs)
        return engines[key]

    nbgrader_api.create_engine = shared
    try:
        yield
    finally:
        nbgrader_api.create_engine = real
        for engine in engines.values():
            engine.dispose()


def _grade_all(cohort: Cohort, api, todo: list[tuple[str, str]], learner: str | None,
               recorded: set[tuple[str, str]], summary: GradeSummary, bar: Progress) -> None:
    for lid, assignment in todo:
        graded = cohort.root / "autograded" / lid / assignment
        timestamp = _timestamp(cohort.root / "submitted" / lid / assignment)
        marker = _marker(graded)
        if (learner is None and marker is not None and marker.get("timestamp") == timestamp
                and marker.get("grading_version") == GRADING_VERSION and (assignment, lid) in recorded):
            summary.skipped.append((lid, assignment))
            problems = _from_marker(assignment, marker)
        else:
            problems = _grade_one(cohort, api, assignment, lid, graded, timestamp)
            if not any(p.kind == FAILED for p in problems):
                summary.graded.append((lid, assignment))
        if problems:
            summary.problems.setdefault(lid, []).extend(problems)
        bar.advance(f"{lid} {assignment}")


def _set_aside_unsafe(cohort: Cohort, assignment: str, lid: str) -> tuple[list[Problem], bool]:
    """Move every link or special file in a submission aside, untouched, before nbgrader copies it
    (its copy would follow links). The problems, and whether there is a submission left to grade."""
    submitted = cohort.root / "submitted" / lid / assignment
    into = cohort.root / "archive" / assignment / lid / SET_ASIDE / _dt.datetime.now(_dt.timezone.utc).strftime(
        "%Y%m%dT%H%M%S.%fZ")
    for folder in (submitted.parent, submitted):
        if folder.is_symlink() or not folder.is_dir():
            into.mkdir(parents=True, exist_ok=True)
            os.rename(folder, into / folder.name)  # the link itself, never what it points to
            where = (into / folder.name).relative_to(cohort.root)
            return [Problem(assignment, UNSAFE, f"{folder.relative_to(cohort.root)} is a link or special file, not "
                                                f"a folder. It was moved, untouched, to {where}. Links are never "
                                                "followed."),
                    Problem(assignment, FAILED, "nothing was graded: the submission was not a folder.")], False
    findings = [f for f in check_tree(submitted, max_files=None, max_bytes=None) if f.path != submitted]
    moved = set_aside(findings, submitted, into)
    problems = [Problem(assignment, UNSAFE, f"{finding.why} It was moved, untouched, to "
                                            f"{target.relative_to(cohort.root)} and not graded; the rest of the "
                                            "submission was.")
                for finding, target in zip(findings, moved)]
    if not any(submitted.glob("*.ipynb")):
        return problems + [Problem(assignment, FAILED, "nothing was graded: no notebook was left once the unsafe "
                                                       "files were set aside.")], False
    return problems, True


def _grade_one(cohort: Cohort, api, assignment: str, lid: str, graded: Path, timestamp: str) -> list[Problem]:
    unsafe, any_left = _set_aside_unsafe(cohort, assignment, lid)
    if not any_left:
        return unsafe
    return unsafe + _autograde(cohort, api, assignment, lid, graded, timestamp, unsafe)


def _autograde(cohort: Cohort, api, assignment: str, lid: str, graded: Path, timestamp: str,
               unsafe: list[Problem]) -> list[Problem]:
    result = api.autograde(assignment, lid, force=True, create=True)
    if "KeyboardInterrupt" in result.get("error", ""):
        raise KeyboardInterrupt  # nbgrader removed the half-graded copy; the next run grades it again
    if not (result.get("success") and graded.is_dir()):
        reason = (result.get("error") or result.get("log") or "unknown error").strip().splitlines()[-1]
        return [Problem(assignment, FAILED, f"nbgrader could not grade it ({reason}).")]
    problems = _problems(cohort, assignment, graded, result.get("log", ""))
    _write_marker(graded, timestamp, unsafe + problems)
    return problems


def _from_marker(assignment: str, marker: dict) -> list[Problem]:
    return [Problem(assignment, p.get("kind", ""), p.get("detail", "")) for p in marker.get("problems", [])]


def graded_problems(cohort: Cohort, assignment: str, learner: str) -> list[Problem] | None:
    """The problems recorded when this submission was last graded (None if never graded)."""
    marker = _marker(cohort.root / "autograded" / learner / assignment)
    return None if marker is None else _from_marker(assignment, marker)


__all__ = ["grade", "GradeSummary", "Problem", "graded_problems", "CohortError"]
