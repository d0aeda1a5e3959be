"""Collect learners' work into the cohort's ``submitted/`` folder, with nbgrader.

Two ways in: nbgrader's exchange (``collect_exchange``: nbgrader's own collect, one
learner at a time, only learners on the roster) and a folder of zips that learners
sent back by email or Teams (``collect_zips``: checked and sorted here, then nbgrader's
``zip_collect`` with a ``FileNameCollectorPlugin`` regular expression).

The latest submission wins. An earlier submission already in ``submitted/`` is moved
to ``archive/<assignment>/<learner>/<time>/`` before the newer one replaces it, and
every returned zip is copied to ``archive/<assignment>/<learner>/returned/``: nothing is
deleted. Wrong file names, duplicates and late work are reported per learner.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
import shutil
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from .cohort import Cohort, CohortError
from .nbgrader_run import run_nbgrader
from .release import return_name

ARCHIVE = "archive"
STAMP = "%Y%m%dT%H%M%SZ"
#: What a learner may add to a file name when they send it again, or their computer does.
_AGAIN = re.compile(r"(\s*\(\d+\)|\s*-\s*copy(\s*\(\d+\))?|\s+copy(\s+\d+)?|-\d{1,2})$", re.IGNORECASE)


@dataclass
class CollectReport:
    """What one collection did, and every problem, per learner."""

    assignment: str
    collected: list[str] = field(default_factory=list)  # learners whose newer work was collected
    unchanged: list[str] = field(default_factory=list)  # nothing newer than what was already collected
    missing: list[str] = field(default_factory=list)  # learners on the roster with nothing collected at all
    problems: dict[str, list[str]] = field(default_factory=dict)  # learner id -> plain messages
    unmatched: list[str] = field(default_factory=list)  # files or submissions that name no learner
    late: dict[str, str] = field(default_factory=dict)  # learner id -> how late
    archived: list[Path] = field(default_factory=list)

    def note(self, learner: str, message: str) -> None:
        self.problems.setdefault(learner, []).append(message)

    def lines(self) -> list[str]:
        out = [f"{self.assignment}: collected {len(self.collected)}, unchanged {len(self.unchanged)}, "
               f"nothing yet from {len(self.missing)}."]
        for learner in sorted(self.problems):
            out += [f"  {learner}: {message}" for message in self.problems[learner]]
        out += [f"  not collected: {message}" for message in self.unmatched]
        if self.missing:
            out.append(f"  nothing yet from: {', '.join(self.missing)}")
        return out


def _stamp(when: _dt.datetime) -> str:
    return when.strftime(STAMP)


def _duration(delta: _dt.timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    parts = [f"{n} {unit}{'s' if n != 1 else ''}" for n, unit in ((days, "day"), (hours, "hour"), (minutes, "minute")) if n]
    return ", ".join(parts[:2]) or "less than a minute"


def due_date(cohort: Cohort, assignment: str) -> _dt.datetime | None:
    """The assignment's due date in the gradebook (naive UTC, as nbgrader keeps it), if set."""
    from nbgrader.api import MissingEntry

    with cohort.gradebook() as gb:
        try:
            return gb.find_assignment(assignment).duedate
        except MissingEntry:
            return None


def submitted_at(cohort: Cohort, assignment: str, learner: str) -> _dt.datetime | None:
    """When the work now in submitted/ was handed in (naive UTC), from its timestamp.txt."""
    from nbgrader.utils import parse_utc

    stamp = cohort.root / "submitted" / learner / assignment / "timestamp.txt"
    try:
        return parse_utc(stamp.read_text("utf-8").strip())
    except (OSError, ValueError):
        return None


def _archive_current(cohort: Cohort, assignment: str, learner: str, report: CollectReport) -> None:
    """Move the submission now in submitted/ to a dated archive folder (never delete it)."""
    current = cohort.root / "submitted" / learner / assignment
    if not current.is_dir():
        return
    when = submitted_at(cohort, assignment, learner) or _dt.datetime.fromtimestamp(current.stat().st_mtime, _dt.timezone.utc).replace(tzinfo=None)
    target = cohort.root / ARCHIVE / assignment / learner / _stamp(when)
    n = 1
    while target.exists():
        n += 1
        target = target.with_name(f"{_stamp(when)}-{n}")
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(current), str(target))
    report.archived.append(target)


def _finish(cohort: Cohort, report: CollectReport, due: _dt.datetime | None) -> CollectReport:
    for learner in cohort.roster:
        when = submitted_at(cohort, report.assignment, learner.id)
        if when is None:
            report.missing.append(learner.id)
        elif due is not None and when > due:
            report.late[learner.id] = _duration(when - due)
            if learner.id in report.collected:
                report.note(learner.id, f"late: handed in {when:%d %b %Y %H:%M} UTC, {_duration(when - due)} "
                                        f"after the due date ({due:%d %b %Y %H:%M} UTC).")
    return report


# -- from nbgrader's exchange -----------------------------------------------------------

def collect_exchange(cohort: Cohort, assignment: str) -> CollectReport:
    """Collect the latest exchange submission of every learner on the roster (nbgrader collect)."""
    from nbgrader.utils import capture_log, parse_utc, temp_attrs

    if cohort.exchange is None:
        raise CohortError(f"The cohort {cohort.root} has no exchange folder. Use --from-zips FOLDER instead.")
    assignment = cohort.resolve([assignment])[0]
    report = CollectReport(assignment)
    inbound = cohort.exchange / cohort.course_id / "inbound"
    by_learner: dict[str, list[tuple[_dt.datetime, str]]] = {}
    known = {learner.id for learner in cohort.roster}
    for entry in sorted(inbound.glob(f"*+{assignment}+*")) if inbound.is_dir() else []:
        parts = entry.name.rsplit("+", 3)
        try:
            when = parse_utc(parts[2])
        except (IndexError, ValueError):
            report.unmatched.append(f"{entry.name}: not a submission nbgrader can read.")
            continue
        if parts[0] not in known:
            report.unmatched.append(f"{entry.name}: sent by '{parts[0]}', who is not on the roster.")
            continue
        by_learner.setdefault(parts[0], []).append((when, entry.name))

    api = cohort.api()
    for learner, found in sorted(by_learner.items()):
        found.sort()
        latest = found[-1][0]
        if len(found) > 1:
            report.note(learner, f"submitted {len(found)} times; the latest ({latest:%d %b %Y %H:%M} UTC) is used. "
                                 "The earlier ones stay in the exchange.")
        current = submitted_at(cohort, assignment, learner)
        if current is not None and current >= latest:
            report.unchanged.append(learner)
            continue
        _archive_current(cohort, assignment, learner, report)
        with temp_attrs(api.coursedir, assignment_id=assignment, student_id=learner):
            app = api.exchange.Collect(coursedir=api.coursedir, authenticator=api.authenticator, parent=api)
            app.update = True
            result = capture_log(app)
        if not result.get("success"):
            report.note(learner, f"could not be collected: {result.get('error', '').strip().splitlines()[-1:]}")
            continue
        report.collected.append(learner)
    return _finish(cohort, report, due_date(cohort, assignment))


# -- from a folder of returned zips -----------------------------------------------------

@dataclass
class Returned:
    path: Path
    learner: str
    when: _dt.datetime  # naive UTC


def _parse_name(name: str, ids: dict[str, str], assignments: list[str]) -> tuple[str | None, str | None]:
    """(learner id, assignment) from ``<id>_<assignment>.zip``, allowing " (1)", " - Copy" and such."""
    stem = name[:-4] if name.lower().endswith(".zip") else name
    stem = _AGAIN.sub("", stem.strip()).strip()
    for assignment in sorted(assignments, key=len, reverse=True):
        if stem.lower().endswith("_" + assignment.lower()):
            return ids.get(stem[: -len(assignment) - 1].lower()), assignment
    lowered = stem.lower()
    for key in sorted(ids, key=len, reverse=True):  # the learner, at least, may be clear from the name
        if lowered.startswith(key) and (len(lowered) == len(key) or not lowered[len(key)].isalnum()):
            return ids[key], None
    return None, None


def _returned_when(path: Path, notebooks: set[str]) -> tuple[_dt.datetime, list[str]]:
    """When the learner last worked on it (naive UTC), and problems with the zip's contents."""
    newest = _dt.datetime.fromtimestamp(path.stat().st_mtime, _dt.timezone.utc).replace(tzinfo=None)
    found: dict[str, int] = {}
    times: list[_dt.datetime] = []
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            parts = info.filename.replace("\\", "/").split("/")
            base = parts[-1]
            if info.is_dir() or "__MACOSX" in parts or ".ipynb_checkpoints" in parts or base.startswith("._"):
                continue
            if base in notebooks:
                found[base] = found.get(base, 0) + 1
            times.append(_dt.datetime(*info.date_time).astimezone(_dt.timezone.utc).replace(tzinfo=None))
            if base.endswith(".answers.json") and info.file_size < 1_000_000:
                try:
                    data = json.loads(archive.read(info).decode("utf-8"))
                    for entry in data.get("answers", {}).values():
                        saved = _dt.datetime.fromisoformat(entry["saved_at"])
                        times.append(saved.astimezone(_dt.timezone.utc).replace(tzinfo=None) if saved.tzinfo else saved)
                except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError):
                    pass
    problems = []
    if not found:
        problems.append(f"{path.name} holds no {' or '.join(sorted(notebooks))}, so it was not collected.")
    problems += [f"{path.name} holds {n} copies of {nb}; the last one in the zip is used." for nb, n in found.items() if n > 1]
    return (max(times) if times else newest), problems


def _keep(cohort: Cohort, assignment: str, item: Returned) -> None:
    """Keep a copy of every returned zip in the archive."""
    folder = cohort.root / ARCHIVE / assignment / item.learner / "returned"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / item.path.name
    if target.exists() and target.read_bytes() == item.path.read_bytes():
        return
    if target.exists():
        target = folder / f"{item.path.stem}-{_stamp(item.when)}{item.path.suffix}"
    shutil.copy2(item.path, target)


def collector_regexp(assignment: str) -> str:
    """The FileNameCollectorPlugin expression for zips staged as ``<id>+<assignment>+<time>.zip``."""
    return (rf".*/extracted/(?P<student_id>[A-Za-z0-9._-]+)\+{re.escape(assignment)}\+(?P<timestamp>\d{{8}}T\d{{6}}Z)/"
            r"(?:(?!__MACOSX/|\.ipynb_checkpoints/)[^/]+/)*(?!\._)(?P<file_id>[^/]+)$")


def collect_zips(cohort: Cohort, assignment: str, folder: str | Path) -> CollectReport:
    """Collect returned zips named ``<id>_<assignment>.zip`` from ``folder`` (nbgrader zip_collect)."""
    assignment = cohort.resolve([assignment])[0]
    folder = Path(folder).resolve()
    if not folder.is_dir():
        raise CohortError(f"{folder} is not a folder. Save the zips learners sent into one folder and give its name.")
    released = cohort.root / "release" / assignment
    notebooks = {p.name for p in released.glob("*.ipynb")}
    if not notebooks:
        raise CohortError(f"{assignment} has not been released in this cohort. Run `coursekit release {assignment} --packs` first.")
    report = CollectReport(assignment)
    ids = {learner.id.lower(): learner.id for learner in cohort.roster}
    everything = sorted(cohort.assignments)
    chosen: dict[str, list[Returned]] = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".")):
        learner, named = _parse_name(path.name, ids, everything)
        if named is not None and named != assignment:
            continue  # another assignment's work: collected when that one is
        if path.suffix.lower() != ".zip":
            if learner:
                report.note(learner, f"sent {path.name}, which is not a zip. Ask them to zip the folder "
                                     f"and name it {return_name(learner, assignment)}.")
            continue
        if learner is None:
            report.unmatched.append(f"{path.name}: the name matches no learner on the roster "
                                    f"(expected <id>_{assignment}.zip, such as {return_name(cohort.roster[0].id, assignment)}).")
            continue
        if named is None:
            report.note(learner, f"wrong file name {path.name}: expected {return_name(learner, assignment)}. "
                                 "It was not collected; rename it and collect again.")
            continue
        if not zipfile.is_zipfile(path):
            report.note(learner, f"{path.name} is not a zip file that can be opened, so it was not collected.")
            continue
        when, problems = _returned_when(path, notebooks)
        for problem in problems:
            report.note(learner, problem)
        if any("not collected" in p for p in problems):
            continue
        chosen.setdefault(learner, []).append(Returned(path, learner, when))

    staging = cohort.root / "downloaded" / assignment / "archive"
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    staged: list[str] = []
    for learner, items in sorted(chosen.items()):
        items.sort(key=lambda item: (item.when, item.path.name))
        for item in items:
            _keep(cohort, assignment, item)
        latest = items[-1]
        if len(items) > 1:
            report.note(learner, f"sent {len(items)} zips ({', '.join(i.path.name for i in items)}); the latest, "
                                 f"{latest.path.name} ({latest.when:%d %b %Y %H:%M} UTC), is used. "
                                 "All are kept in the archive.")
        current = submitted_at(cohort, assignment, learner)
        if current is not None and current >= latest.when:
            if current > latest.when:
                report.note(learner, f"{latest.path.name} is older than the work already collected, so it was "
                                     "kept in the archive but not used.")
            report.unchanged.append(learner)
            continue
        _archive_current(cohort, assignment, learner, report)
        shutil.copy2(latest.path, staging / f"{learner}+{assignment}+{_stamp(latest.when)}.zip")
        staged.append(learner)

    if staged:
        run_nbgrader([
            "zip_collect", assignment, "--force", "--strict",
            f"--FileNameCollectorPlugin.named_regexp={collector_regexp(assignment)}",
            "--FileNameCollectorPlugin.valid_ext=.ipynb", "--FileNameCollectorPlugin.valid_ext=.json",
        ], cohort.root)
    for learner in staged:
        got = cohort.root / "submitted" / learner / assignment
        if any((got / nb).exists() for nb in notebooks):
            report.collected.append(learner)
        else:
            report.note(learner, "nbgrader found no notebook in the zip, so nothing was collected.")
    return _finish(cohort, report, due_date(cohort, assignment))
