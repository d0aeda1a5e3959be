"""Who may read a cohort: the trainer's account only, or also one assessors' group; and the
exchange folders with nbgrader's own modes.

The cohort folder holds the answer keys, the gradebook and the roster. Reads and writes by
other accounts are tried for real, as throwaway user ids (needs root, as CI runs), in a folder
every user can pass through, so only the cohort's own modes stand in the way.
"""

from __future__ import annotations

import grp
import os
import shutil
import stat
import subprocess
import tempfile
from pathlib import Path

import pytest

from coursekit.cohort.folder import Cohort, CohortError, init_cohort
from coursekit.cohort.release import release_exchange

pytestmark = pytest.mark.slow

A = "goal_and_mission"
ROSTER = "id,name,email,board\nL001,Ann Lee,ann@nhs.net,North\nL002,Bo Chen,bo@nhs.net,South\n"
#: A user id and group id that no account on the machine has: "another local user".
STRANGER = 54321
GROUP = "users"  # Debian's: every machine has it
SQLITE_WRITE = "import sqlite3, sys; db = sqlite3.connect(sys.argv[1]); db.execute(\"UPDATE student SET last_name = 'Marked'\"); db.commit()"

as_root = pytest.mark.skipif(os.geteuid() != 0, reason="trying another user's access needs root (CI runs as root)")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def as_user(command: list[str], *, groups: tuple[int, ...] = ()) -> subprocess.CompletedProcess:
    """Run ``command`` as the stranger's user id, in ``groups`` only (Debian's own Python: the
    project's may sit in root's home, which the stranger cannot enter)."""
    return subprocess.run(command, user=STRANGER, group=STRANGER, extra_groups=list(groups),
                           capture_output=True, text=True, cwd="/")


@pytest.fixture
def base():
    """A folder every user may pass through (pytest's own temp folder is root's alone)."""
    folder = Path(tempfile.mkdtemp(prefix="coursekit-perms-", dir="/tmp"))
    folder.chmod(0o755)
    (folder / "roster.csv").write_text(ROSTER, "utf-8")
    (folder / "roster.csv").chmod(0o644)
    umask = os.umask(0o022)
    yield folder
    os.umask(umask)  # opening a shared cohort sets the process's umask
    shutil.rmtree(folder, ignore_errors=True)


def test_a_cohort_and_its_gradebook_are_the_trainers_alone(base):
    cohort = init_cohort(base / "cohort", base / "roster.csv", exchange=base / "exchange", name="Private")
    root = cohort.root
    assert mode(root) == 0o700
    assert mode(root / "gradebook.db") == 0o600 and mode(root / "roster.csv") == 0o600
    assert "groupshared" not in (root / "nbgrader_config.py").read_text("utf-8").replace("# Not shared", "")
    assert cohort.group_id is None
    if os.geteuid() == 0:
        control = as_user(["cat", str(base / "roster.csv")])
        assert control.returncode == 0, control.stderr  # the stranger can reach the folder around the cohort
        for secret in (root / "roster.csv", root / "gradebook.db", root / "source" / A / f"{A}.ipynb"):
            tried = as_user(["cat", str(secret)])
            assert tried.returncode != 0 and "Permission denied" in tried.stderr, (secret, tried)
        listed = as_user(["ls", str(root)])
        assert listed.returncode != 0 and "Permission denied" in listed.stderr


def test_exchange_folders_have_nbgraders_modes_and_keep_them_after_a_release(base):
    exchange = base / "exchange"
    cohort = init_cohort(base / "cohort", base / "roster.csv", exchange=exchange, name="Hub cohort")
    course = exchange / cohort.course_id
    expected = {exchange: 0o1777, course: 0o755, course / "outbound": 0o755,
                course / "inbound": 0o2733, course / "feedback": 0o711}
    assert {p: mode(p) for p in expected} == expected
    release_exchange(cohort, [A])
    assert {p: mode(p) for p in expected} == expected, "nbgrader's release leaves them as they are"
    assert (course / "outbound" / A / f"{A}.ipynb").is_file()
    if os.geteuid() == 0:
        listed = as_user(["ls", str(course / "inbound")])
        assert listed.returncode != 0 and "Permission denied" in listed.stderr, "no learner lists others' work"
        made = as_user(["mkdir", str(course / "inbound" / f"L001+{A}+2026-11-30 10:00:00.000000 UTC+abc")])
        assert made.returncode == 0, made.stderr  # but a learner can submit
        moved = as_user(["mv", str(course), str(exchange / "taken")])
        assert moved.returncode != 0 and course.is_dir(), "the sticky exchange: nobody moves the course's folder"


@as_root
def test_a_cohort_shared_with_the_assessors_group(base):
    gid = grp.getgrnam(GROUP).gr_gid
    exchange = base / "exchange"
    cohort = init_cohort(base / "cohort", base / "roster.csv", exchange=exchange, name="Shared", group=GROUP)
    root = cohort.root
    assert mode(root) == 0o2770 and root.stat().st_gid == gid
    assert mode(root / "gradebook.db") == 0o660
    assert all(p.stat().st_gid == gid for p in root.rglob("*"))
    assert all(mode(p) == 0o2770 for p in root.rglob("*") if p.is_dir())
    assert "c.CourseDirectory.groupshared = True" in (root / "nbgrader_config.py").read_text("utf-8")

    again = Cohort.open(root)
    assert again.group_id == gid
    umask = os.umask(0o022)
    os.umask(umask)
    assert umask == 0o007, "what coursekit and nbgrader make in a shared cohort stays the group's"
    release_exchange(again, [A])
    released = root / "release" / A / f"{A}.ipynb"
    assert released.stat().st_gid == gid and mode(released) & 0o060 == 0o060  # nbgrader's groupshared: 664
    assert as_user(["cat", str(released)]).returncode != 0, "the folder keeps everyone else out"
    course = exchange / cohort.course_id
    assert mode(course / "inbound") == 0o2773 and (course / "inbound").stat().st_gid == gid

    # an assessor (in the group) reads the work and records marks in the gradebook; nobody else can
    assessor = as_user(["/usr/bin/python3", "-c", SQLITE_WRITE, str(root / "gradebook.db")], groups=(gid,))
    assert assessor.returncode == 0, assessor.stderr
    with again.gradebook() as gb:
        assert {s.last_name for s in gb.students} == {"Marked"}
    assert as_user(["cat", str(root / "source" / A / f"{A}.ipynb")], groups=(gid,)).returncode == 0
    outsider = as_user(["/usr/bin/python3", "-c", SQLITE_WRITE, str(root / "gradebook.db")])
    assert outsider.returncode != 0 and "unable to open" in outsider.stderr, outsider.stderr
    assert as_user(["cat", str(root / "roster.csv")]).returncode != 0


def test_a_group_that_does_not_exist_is_refused_and_nothing_is_made(base):
    with pytest.raises(CohortError, match="no unix group called 'no-such-assessors'.*groupadd"):
        init_cohort(base / "cohort", base / "roster.csv", group="no-such-assessors")
    assert not (base / "cohort").exists() and not list(base.glob(".cohort.building-*"))


@as_root
def test_an_exchange_folder_another_user_made_first_is_refused(base):
    exchange = base / "exchange"
    (exchange / "squatted").mkdir(parents=True)
    os.chown(exchange / "squatted", STRANGER, STRANGER)  # a learner got there before the trainer
    with pytest.raises(CohortError, match="belongs to another user"):
        init_cohort(base / "cohort", base / "roster.csv", exchange=exchange, name="Squatted")
    assert not (base / "cohort").exists() and not list(base.glob(".cohort.building-*"))
