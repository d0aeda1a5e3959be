"""Collect learners' work into the cohort's ``submitted/`` folder, with nbgrader.

Two ways in: nbgrader's exchange (``collect_exchange``: nbgrader's own collect, one
learner at a time, only learners on the roster) and a folder of zips that learners
sent back by email or Teams (``collect_zips``: checked and sorted here, then nbgrader's
``zip_collect`` with a ``FileNameCollectorPlugin`` regular expression).

The latest submission wins. An earlier submission already in ``submitted/`` is moved
to ``archive/<assignment>/<learner>/<time>/`` before the newer one replaces it, and
every returned zip is copied to ``archive/<assignment>/<learner>/returned/``: nothing is
deleted. Wrong file names, duplicates and late work are reported per learner.

Everything a learner sends is data, taken within limits (see :mod:`coursekit.cohort.submitted_files`
and :mod:`coursekit.cohort.return_zip`): no link is ever followed, no special file or nested zip is
unpacked, and a collected file is an ordinary file owned by the collector, mode 0o644. A
returned zip is never given to nbgrader as it is: only its notebooks and answers files are
written into a clean zip named for the learner the file name names, so it can only fill that
learner's slot. An exchange submission counts only if its folder is owned by the learner it
names (their unix account, or the account running collect where the learner has none).

When work was handed in is never taken from anything the learner wrote (times inside a zip, the
answers' ``saved_at``, the date in an exchange folder's name or its ``timestamp.txt``): a returned
zip counts as received when its file was last changed on the trainer's disk (the time the trainer's
computer gave it when the attachment was saved); an exchange submission when the exchange's file
system last changed it (the latest inode change time of its folder and files, which no one but the
system can set). Either is never later than now, is kept in ``archive/<assignment>/received.json``
the first time collect sees that zip (by content) or submission (by folder name), so copying or
touching the files later changes nothing, and is written as nbgrader's ``timestamp.txt`` so
nbgrader's own late-penalty logic uses it.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import re
import shutil
import stat
from dataclasses import dataclass, field
from pathlib import Path

from coursekit.cohort.folder import Cohort, CohortError
from coursekit.cohort.nbgrader_run import run_nbgrader
from coursekit.cohort.release import return_name
from coursekit.cohort.return_zip import RefusedZip, read_return, write_clean
from coursekit.cohort.submitted_files import MAX_FILES, UnsafeFile, check_tree, copy_tree, read_regular, write_plain

try:
    import pwd
except ImportError:  # Windows: no unix accounts, so only the account running collect owns submissions
    pwd = None

ARCHIVE = "archive"
RECEIVED = "received.json"  # in archive/<assignment>/: when each zip or exchange submission was received
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
    replaced: list[str] = field(default_factory=list)  # collected learners whose earlier work this replaced

    def note(self, learner: str, message: str) -> None:
        self.problems.setdefault(learner, []).append(message)

    @property
    def anything(self) -> bool:
        """Whether any learner's work for this assignment is now collected (this run or before)."""
        return bool(self.collected or self.unchanged)

    def lines(self) -> list[str]:
        replacing = f" ({len(self.replaced)} replacing earlier work: {', '.join(self.replaced)})" if self.replaced else ""
        out = [f"{self.assignment}: collected {len(self.collected)}{replacing}, unchanged {len(self.unchanged)}, "
               f"nothing yet from {len(self.missing)}."]
        for learner in sorted(self.problems):
            out += [f"  {learner}: {message}" for message in self.problems[learner]]
        out += [f"  not collected: {message}" for message in self.unmatched]
        if self.missing:
            out.append(f"  nothing yet from: {', '.join(self.missing)}")
        return out


def _stamp(when: _dt.datetime) -> str:
    return when.strftime(STAMP)


def _now() -> _dt.datetime:
    return _dt.datetime.now(_dt.timezone.utc).replace(tzinfo=None)


def _utc(seconds: float) -> _dt.datetime:
    """A file time as naive UTC, never later than now."""
    try:
        when = _dt.datetime.fromtimestamp(seconds, _dt.timezone.utc).replace(tzinfo=None)
    except (OverflowError, ValueError, OSError):  # out of range
        when = _now()
    return min(when, _now())


def _mtime(path: Path) -> _dt.datetime:
    """When a file was last changed on this computer's disk (naive UTC): for a returned zip, when the
    trainer's computer saved it. Never later than now."""
    try:
        return _utc(os.lstat(path).st_mtime)
    except OSError:  # gone since it was listed
        return _utc(_now().replace(tzinfo=_dt.timezone.utc).timestamp())


def _changed(folder: Path) -> _dt.datetime:
    """The latest inode change time (ctime) of a folder and everything in it, never following a link:
    the file system sets it, and no learner can set it back. Never later than now."""
    latest = os.lstat(folder).st_ctime
    seen = 0
    for root, folders, names in os.walk(folder):  # never descends into a linked folder
        for name in folders + names:
            seen += 1
            if seen > MAX_FILES:  # too many to be a submission: refused later, whatever its time
                return _utc(latest)
            try:
                latest = max(latest, os.lstat(os.path.join(root, name)).st_ctime)
            except OSError:
                continue
    return _utc(latest)


class _Receipts:
    """When each zip or exchange submission was first received, kept in ``archive/<assignment>/received.json``
    so a time, once seen, never changes (a file copied or touched later keeps it)."""

    def __init__(self, cohort: Cohort, assignment: str):
        self.path = cohort.root / ARCHIVE / assignment / RECEIVED
        try:
            data = json.loads(self.path.read_text("utf-8"))
            self.times = {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)}
        except (OSError, ValueError, AttributeError):
            self.times = {}
        self.changed = False

    def when(self, key: str, observed: _dt.datetime) -> _dt.datetime:
        try:
            return _dt.datetime.fromisoformat(self.times[key])
        except (KeyError, ValueError):
            self.times[key] = observed.isoformat()
            self.changed = True
            return observed

    def save(self) -> None:
        if self.changed:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_name(f".{RECEIVED}.tmp")
            tmp.write_text(json.dumps(self.times, indent=1, sort_keys=True), "utf-8")
            os.replace(tmp, self.path)


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


def _archive_current(cohort: Cohort, assignment: str, learner: str, report: CollectReport) -> Path | None:
    """Move the submission now in submitted/ to a dated archive folder (never delete it); where it went."""
    current = cohort.root / "submitted" / learner / assignment
    if not current.is_dir():
        return None
    when = submitted_at(cohort, assignment, learner) or _dt.datetime.fromtimestamp(current.stat().st_mtime, _dt.timezone.utc).replace(tzinfo=None)
    target = cohort.root / ARCHIVE / assignment / learner / _stamp(when)
    n = 1
    while target.exists():
        n += 1
        target = target.with_name(f"{_stamp(when)}-{n}")
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(current), str(target))
    report.archived.append(target)
    return target


def _collected(cohort: Cohort, report: CollectReport, learner: str, previous: _dt.datetime | None,
               archived: Path | None) -> None:
    """Count a learner's newly collected work; say so when it replaced work collected before."""
    report.collected.append(learner)
    if archived is not None:
        report.replaced.append(learner)
        earlier = f" (received {previous:%d %b %Y %H:%M} UTC)" if previous else ""
        report.note(learner, f"this replaced the work collected earlier{earlier}. The earlier work is kept in "
                             f"{archived.relative_to(cohort.root)}.")


def _write_timestamp(got: Path, when: _dt.datetime) -> None:
    """nbgrader's timestamp.txt, which its late-penalty logic reads: the time coursekit took, never the learner's."""
    (got / "timestamp.txt").unlink(missing_ok=True)
    write_plain(got / "timestamp.txt", f"{when:%Y-%m-%d %H:%M:%S.%f} UTC".encode())


def _put_back(cohort: Cohort, assignment: str, learner: str, archived: Path | None, report: CollectReport) -> None:
    """A newer submission could not be collected after all: the one archived for it goes back."""
    current = cohort.root / "submitted" / learner / assignment
    if current.exists():
        shutil.rmtree(current)
    if archived is not None:
        shutil.move(str(archived), str(current))
        report.archived.remove(archived)


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

def _expected_owner(learner: str) -> tuple[int, str]:
    """The uid that must own a learner's exchange submission, and who that is, in words."""
    if pwd is not None:
        try:
            return pwd.getpwnam(learner).pw_uid, f"the unix account {learner}"
        except KeyError:
            pass
    return os.geteuid(), f"the account running collect (there is no unix account named {learner})"


def _owner_name(uid: int) -> str:
    try:
        return pwd.getpwuid(uid).pw_name if pwd is not None else f"uid {uid}"
    except KeyError:
        return f"uid {uid}"


@dataclass
class _Submission:
    path: Path
    learner: str
    when: _dt.datetime  # naive UTC


def _exchange_submissions(inbound: Path, assignment: str, known: set[str], report: CollectReport,
                          receipts: _Receipts) -> dict[str, list[_Submission]]:
    """Each roster learner's exchange submissions whose folder that learner owns, oldest first, each timed
    by the exchange (never by the date in its name, which the learner's side writes)."""
    by_learner: dict[str, list[_Submission]] = {}
    for entry in sorted(inbound.glob(f"*+{assignment}+*")) if inbound.is_dir() else []:
        parts = entry.name.rsplit("+", 3)
        if len(parts) < 3:
            report.unmatched.append(f"{entry.name}: not a submission nbgrader can read.")
            continue
        if parts[0] not in known:
            report.unmatched.append(f"{entry.name}: sent by '{parts[0]}', who is not on the roster.")
            continue
        try:
            learner, info = parts[0], os.lstat(entry)
        except OSError:
            continue  # gone since it was listed
        uid, whose = _expected_owner(learner)
        if info.st_uid != uid:
            report.unmatched.append(f"{entry.name}: claims to be {learner}'s work but is owned by unix user "
                                    f"'{_owner_name(info.st_uid)}', not by {whose}. It was not collected.")
            continue
        if not stat.S_ISDIR(info.st_mode):
            report.note(learner, f"the exchange entry {entry.name} is a link or a file, not a submission folder; "
                                 "links are never followed, so it was not collected.")
            continue
        when = receipts.when(f"exchange:{entry.name}", _changed(entry))
        by_learner.setdefault(learner, []).append(_Submission(entry, learner, when))
    for found in by_learner.values():
        found.sort(key=lambda s: (s.when, s.path.name))
    return by_learner


def _safe_latest(learner: str, found: list[_Submission], report: CollectReport) -> _Submission | None:
    """The latest submission with nothing unsafe in it; each newer one refused is reported to the learner."""
    for submission in reversed(found):
        problems = check_tree(submission.path)
        if not problems:
            return submission
        report.note(learner, f"the submission {submission.path.name} was not collected: "
                             f"{' '.join(p.why for p in problems[:5])} Submit again with only the exercise's files.")
    return None


def _nbgrader_collect(api, assignment: str, submission: _Submission) -> tuple[dict, str]:
    """nbgrader's own collect of exactly this submission, copied as data; (its result, why it failed)."""
    from nbgrader.exchange.default import ExchangeCollect
    from nbgrader.utils import capture_log, temp_attrs

    refused: list[str] = []
    ignore = list(api.coursedir.ignore)
    base = api.exchange.collect
    if not issubclass(base, ExchangeCollect):
        raise CohortError("coursekit collects from nbgrader's own file-system exchange only; this cohort's "
                          f"nbgrader configuration names another ({base.__name__}).")

    class Chosen(base):
        def init_src(self):  # this submission only: other folders in inbound may claim this learner's name
            self.inbound_path = str(submission.path.parent)
            self.src_records = [{"username": submission.learner, "filename": submission.path.name,
                                 "timestamp": submission.when}]

        def do_copy(self, src, dest, log=None):  # ordinary files only, never a link's target, fixed modes
            try:
                copy_tree(Path(src), Path(dest), ignore, owner=_expected_owner(submission.learner)[0])
            except UnsafeFile as err:
                refused.append(str(err))
                raise

    with temp_attrs(api.coursedir, assignment_id=assignment, student_id=submission.learner):
        app = Chosen(coursedir=api.coursedir, authenticator=api.authenticator, parent=api)
        app.update = True
        result = capture_log(app)
    if refused:
        return result, refused[0]
    lines = (result.get("error") or "").strip().splitlines()
    return result, lines[-1] if lines else "unknown error"


def collect_exchange(cohort: Cohort, assignment: str) -> CollectReport:
    """Collect the latest exchange submission of every learner on the roster (nbgrader collect)."""
    if cohort.exchange is None:
        raise CohortError(f"The cohort {cohort.root} has no exchange folder. Use --from-zips FOLDER instead.")
    if assignment == "all":
        raise CohortError("collect_exchange collects one assignment: use collect_exchange_all for 'all'.")
    assignment = to_collect(cohort, [assignment])[0]
    report = CollectReport(assignment)
    inbound = cohort.exchange / cohort.course_id / "inbound"
    receipts = _Receipts(cohort, assignment)
    by_learner = _exchange_submissions(inbound, assignment, {learner.id for learner in cohort.roster}, report, receipts)
    receipts.save()

    api = cohort.api()
    for learner, found in sorted(by_learner.items()):
        chosen = _safe_latest(learner, found, report)
        if chosen is None:
            continue
        if len(found) > 1:
            report.note(learner, f"submitted {len(found)} times; the latest ({chosen.when:%d %b %Y %H:%M} UTC) is used. "
                                 "The earlier ones stay in the exchange.")
        current = submitted_at(cohort, assignment, learner)
        if current is not None and current >= chosen.when:
            report.unchanged.append(learner)
            continue
        archived = _archive_current(cohort, assignment, learner, report)
        result, why = _nbgrader_collect(api, assignment, chosen)
        got = cohort.root / "submitted" / learner / assignment
        if not (result.get("success") and got.is_dir()):
            _put_back(cohort, assignment, learner, archived, report)
            report.note(learner, f"could not be collected: {why}")
            continue
        # the exchange's time, not the one the learner's folder holds: a date in timestamp.txt is theirs to write
        _write_timestamp(got, chosen.when)
        _collected(cohort, report, learner, current, archived)
    return _finish(cohort, report, due_date(cohort, assignment))


def collect_exchange_all(cohort: Cohort, assignments: list[str]) -> list[CollectReport]:
    """Collect each named assignment (``all``: every released one) from the exchange, a report for each."""
    if cohort.exchange is None:
        raise CohortError(f"The cohort {cohort.root} has no exchange folder. Use --from-zips FOLDER instead.")
    return [collect_exchange(cohort, assignment) for assignment in to_collect(cohort, assignments)]


# -- from a folder of returned zips -----------------------------------------------------

@dataclass
class Returned:
    path: Path
    learner: str
    when: _dt.datetime  # naive UTC
    files: dict[str, bytes] = field(default_factory=dict)  # the notebooks and answers files it holds


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


def _returned_entries(folder: Path) -> tuple[list[Path], list[Path]]:
    """The ordinary files in a folder of returned zips, and the entries that are not (links, special
    files): links, to files or folders, are never followed."""
    files, odd = [], []
    for root, folders, names in os.walk(folder):  # never descends into a linked folder
        for name in folders + names:
            path = Path(root) / name
            mode = os.lstat(path).st_mode
            if stat.S_ISLNK(mode) or not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
                odd.append(path)
            elif stat.S_ISREG(mode) and not name.startswith("."):
                files.append(path)
    return sorted(files), sorted(odd)


def _read_returned(path: Path, learner: str, notebooks: set[str], report: CollectReport,
                   receipts: _Receipts) -> Returned | None:
    """A returned zip's notebooks and answers files, or None (with a note to the learner) if it is refused.
    It counts as received when the trainer's computer saved it (the file's time on this disk, the first
    time collect saw this zip), never at a time written inside it."""
    try:
        got = read_return(path, notebooks)  # within limits before it is read whole to be known again
        when = receipts.when(f"zip:{hashlib.sha256(read_regular(path)).hexdigest()}", _mtime(path))
    except RefusedZip as err:
        report.note(learner, str(err))
        return None
    except Exception as err:  # noqa: BLE001 - one learner's odd zip never stops the others
        report.note(learner, f"{path.name} could not be read ({type(err).__name__}), so it was not collected. "
                             "Ask the learner to zip the exercise folder again and resend it.")
        return None
    for note in got.notes:
        report.note(learner, note)
    if not any(name in got.files for name in notebooks):
        report.note(learner, f"{path.name} holds no {' or '.join(sorted(notebooks))}, so it was not collected.")
        return None
    for name, n in got.copies.items():
        if n > 1:
            report.note(learner, f"{path.name} holds {n} copies of {name}; the last one in the zip is used.")
    return Returned(path, learner, when, got.files)


def _keep(cohort: Cohort, assignment: str, item: Returned) -> None:
    """Keep a copy of every returned zip in the archive (an ordinary file, never through a link)."""
    folder = cohort.root / ARCHIVE / assignment / item.learner / "returned"
    folder.mkdir(parents=True, exist_ok=True)
    data = read_regular(item.path)
    target = folder / item.path.name
    if target.exists() and target.read_bytes() == data:
        return
    if target.exists():
        target = folder / f"{item.path.stem}-{_stamp(item.when)}{item.path.suffix}"
    if not target.exists():
        write_plain(target, data)


def collector_regexp(assignment: str, extracted: str | Path) -> str:
    """The FileNameCollectorPlugin expression for the clean zips staged as ``<id>+<assignment>+<time>.zip``:
    only files at the top of the cohort's own ``extracted/<id>+<assignment>+<time>/`` folder."""
    return (re.escape(str(extracted)) + "/"
            + rf"(?P<student_id>[A-Za-z0-9._-]+)\+{re.escape(assignment)}\+(?P<timestamp>\d{{8}}T\d{{6}}Z)/"
            + r"(?P<file_id>[^/]+)$")


def released(cohort: Cohort) -> list[str]:
    """The assignments released in this cohort (their learner copies are in release/), in syllabus order."""
    return [a for a in cohort.assignments if any((cohort.root / "release" / a).glob("*.ipynb"))]


def to_collect(cohort: Cohort, assignments: list[str]) -> list[str]:
    """The assignments a collect names: ``all`` is every released one; a named one must have been released."""
    if list(assignments) == ["all"]:
        done = released(cohort)
        if not done:
            raise CohortError("Nothing has been released in this cohort yet, so there is nothing to collect. "
                              "Run `coursekit release all --packs` (or --exchange) first.")
        return done
    assignments = cohort.resolve(assignments)
    for assignment in assignments:
        if not any((cohort.root / "release" / assignment).glob("*.ipynb")):
            raise CohortError(f"{assignment} has not been released in this cohort. "
                              f"Run `coursekit release {assignment} --packs` first.")
    return assignments


@dataclass
class ZipFolderReport:
    """One look at a folder of returned zips: a report per assignment collected, and the files that belong
    to none of them, each listed once."""

    folder: Path
    reports: list[CollectReport] = field(default_factory=list)
    problems: dict[str, list[str]] = field(default_factory=dict)  # learner id -> files named for no exercise
    unmatched: list[str] = field(default_factory=list)  # files that name no learner and no exercise
    elsewhere: dict[str, int] = field(default_factory=dict)  # other assignments -> how many of their zips

    @property
    def anything(self) -> bool:
        return any(report.anything for report in self.reports)

    def lines(self) -> list[str]:
        out = [line for report in self.reports for line in report.lines()]
        if self.problems or self.unmatched or self.elsewhere:
            out.append(f"Other files in {self.folder}, not collected:")
        for learner in sorted(self.problems):
            out += [f"  {learner}: {message}" for message in self.problems[learner]]
        out += [f"  {message}" for message in self.unmatched]
        for assignment, n in self.elsewhere.items():
            out.append(f"  {n} zip(s) for {assignment}, which this run did not collect. Collect them with "
                       f"`coursekit collect {assignment} --from-zips FOLDER` or `coursekit collect all --from-zips FOLDER`.")
        return out


def collect_zips(cohort: Cohort, assignment: str, folder: str | Path) -> CollectReport:
    """Collect one assignment's returned zips named ``<id>_<assignment>.zip`` from ``folder``; files that
    name no exercise are reported in its report."""
    run = collect_zip_folder(cohort, [assignment], folder)
    report = run.reports[0]
    for learner, messages in run.problems.items():
        report.problems.setdefault(learner, []).extend(messages)
    report.unmatched += run.unmatched
    return report


def collect_zip_folder(cohort: Cohort, assignments: list[str], folder: str | Path) -> ZipFolderReport:
    """Collect returned zips named ``<id>_<assignment>.zip`` from ``folder`` for each assignment (``all``:
    every released one), looking at the folder once (nbgrader zip_collect)."""
    assignments = to_collect(cohort, assignments)
    folder = Path(folder).resolve()
    if not folder.is_dir():
        raise CohortError(f"{folder} is not a folder. Save the zips learners sent into one folder and give its name.")
    run = ZipFolderReport(folder, [CollectReport(a) for a in assignments])
    reports = {report.assignment: report for report in run.reports}
    ids = {learner.id.lower(): learner.id for learner in cohort.roster}
    everything = sorted(cohort.assignments)
    open_now = released(cohort) or assignments
    found: dict[str, list[tuple[Path, str | None]]] = {a: [] for a in assignments}
    files, odd = _returned_entries(folder)
    for path in odd:
        learner, named = _parse_name(path.name, ids, everything)
        if named is not None and named not in reports:
            continue
        message = (f"{path.relative_to(folder)} is a link or a special file, not a zip; links are never followed, "
                   "so it was not collected. Save the zip itself in the folder.")
        where = reports[named] if named else run
        if learner:
            where.problems.setdefault(learner, []).append(message)
        else:
            where.unmatched.append(message)
    for path in files:
        learner, named = _parse_name(path.name, ids, everything)
        if named is not None and named not in reports:
            if path.suffix.lower() == ".zip":
                run.elsewhere[named] = run.elsewhere.get(named, 0) + 1
            continue  # another assignment's work: collected when that one is
        accepted = " or ".join(return_name(learner or cohort.roster[0].id, a) for a in open_now)
        if path.suffix.lower() != ".zip":
            if learner:
                where = reports[named] if named else run
                name = return_name(learner, named) if named else f"one of {accepted}"
                where.problems.setdefault(learner, []).append(
                    f"sent {path.name}, which is not a zip. Ask them to zip the exercise folder and name it {name}.")
            continue
        if learner is None and named is None:
            run.unmatched.append(f"{path.name}: the name matches no learner on the roster and no exercise. "
                                 f"Zips are named <id>_<exercise>.zip, such as {accepted.split(' or ')[0]}.")
            continue
        if learner is None:
            reports[named].unmatched.append(
                f"{path.name}: the name matches no learner on the roster "
                f"(expected <id>_{named}.zip, such as {return_name(cohort.roster[0].id, named)}).")
            continue
        if named is None:
            run.problems.setdefault(learner, []).append(
                f"wrong file name {path.name}: it names no exercise. The names accepted are {accepted}. "
                "It was not collected; rename it and collect again.")
            continue
        found[named].append((path, learner))
    for assignment in assignments:
        _collect_zips_of(cohort, assignment, found[assignment], reports[assignment])
    return run


def _collect_zips_of(cohort: Cohort, assignment: str, paths: list[tuple[Path, str]], report: CollectReport) -> None:
    """Collect one assignment's zips (already matched to learners) into submitted/ with nbgrader zip_collect."""
    notebooks = {p.name for p in (cohort.root / "release" / assignment).glob("*.ipynb")}
    receipts = _Receipts(cohort, assignment)
    chosen: dict[str, list[Returned]] = {}
    for path, learner in paths:
        item = _read_returned(path, learner, notebooks, report, receipts)
        if item is not None:
            chosen.setdefault(learner, []).append(item)
    receipts.save()

    downloaded = cohort.root / "downloaded" / assignment
    staging = downloaded / "archive"
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    staged: dict[str, tuple[Path | None, _dt.datetime | None]] = {}  # learner -> (earlier work archived, its time)
    for learner, items in sorted(chosen.items()):
        items.sort(key=lambda item: (item.when, item.path.name))
        try:
            for item in items:
                _keep(cohort, assignment, item)
        except (UnsafeFile, OSError) as err:  # changed or swapped for a link since it was read
            report.note(learner, f"could not be kept in the archive ({err}), so it was not collected.")
            continue
        latest = items[-1]
        if len(items) > 1:
            report.note(learner, f"sent {len(items)} zips ({', '.join(i.path.name for i in items)}); the latest "
                                 f"received, {latest.path.name} ({latest.when:%d %b %Y %H:%M} UTC), is used. "
                                 "All are kept in the archive.")
        current = submitted_at(cohort, assignment, learner)
        if current is not None and current >= latest.when:
            if current > latest.when:
                report.note(learner, f"{latest.path.name} was received before the work already collected, so it "
                                     "was kept in the archive but not used.")
            report.unchanged.append(learner)
            continue
        archived = _archive_current(cohort, assignment, learner, report)
        # never the learner's zip itself: a clean one, named for this learner, with only the exercise's files
        write_clean(latest.files, staging / f"{learner}+{assignment}+{_stamp(latest.when)}.zip")
        staged[learner] = (archived, current)

    if staged:
        run_nbgrader([
            "zip_collect", assignment, "--force", "--strict", f"--CourseDirectory.root={cohort.root}",
            f"--FileNameCollectorPlugin.named_regexp={collector_regexp(assignment, downloaded / 'extracted')}",
            "--FileNameCollectorPlugin.valid_ext=.ipynb", "--FileNameCollectorPlugin.valid_ext=.json",
        ], cohort.root)
    for learner, (archived, previous) in staged.items():
        got = cohort.root / "submitted" / learner / assignment
        if any((got / nb).exists() for nb in notebooks):
            _write_timestamp(got, chosen[learner][-1].when)  # to the microsecond: the staged name has whole seconds
            _collected(cohort, report, learner, previous, archived)
        else:
            _put_back(cohort, assignment, learner, archived, report)
            report.note(learner, "nbgrader found no notebook in the zip, so nothing was collected.")
    _finish(cohort, report, due_date(cohort, assignment))
