"""A cohort's gradebook is its own, and a database that cannot be opened is one plain line.

SQLite here; PostgreSQL with the private server (``postgres`` fixture) at the end. An unreachable
server is a closed loopback port, so it needs no PostgreSQL at all.
"""

from __future__ import annotations

import socket
import sqlite3
import subprocess
import sys

import pytest
from nbgrader.api import Gradebook

from coursekit.cli import app as cli
from coursekit.cohort.folder import COHORT_FILE, Cohort, init_cohort
from coursekit.cohort.gradebook_db import OWNER_TABLE, GradebookError
from coursekit.cohort.nbgrader_run import run_nbgrader
from course_support import ROOT

ROSTER = "id,name,email,board\nL001,Ann Lee,ann@nhs.net,North\nL002,Bo Chen,bo@nhs.net,South\n"
OTHER = "id,name,email,board\nX001,Cy Dale,cy@nhs.net,East\n"
PASSWORD = "s3cret-Pa55"


def _roster(folder, text=ROSTER):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "roster.csv"
    path.write_text(text, "utf-8")
    return path


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # closed again when the socket is: nothing listens there


def _point_at(cohort: Cohort, db_url: str) -> None:
    """Make the cohort's files name another gradebook, as a trainer editing cohort.toml would."""
    where = cohort.root / COHORT_FILE
    where.write_text(where.read_text("utf-8").replace('db_url = ""', f'db_url = "{db_url}"'), "utf-8")


def _coursekit(*args: str, cwd=None) -> subprocess.CompletedProcess:
    """The real command line, in a process of its own, as a trainer runs it."""
    return subprocess.run([sys.executable, "-m", "coursekit.cli", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=600)


@pytest.mark.slow
def test_a_second_cohort_cannot_use_a_gradebook_that_another_cohort_owns(tmp_path):
    first = init_cohort(tmp_path / "first", _roster(tmp_path), name="First")
    with pytest.raises(GradebookError, match="belongs to the cohort 'First'"):
        init_cohort(tmp_path / "second", _roster(tmp_path / "r2", OTHER), db_url=first.db_url, name="Second")
    assert not (tmp_path / "second").exists(), "nothing was made"
    with Gradebook(first.db_url, first.course_id) as gb:
        assert sorted(s.id for s in gb.students) == ["L001", "L002"], "the first cohort's gradebook is unchanged"

    # Every verb that opens the gradebook checks it, not only init: a cohort whose files name another
    # cohort's gradebook is refused by export (the reported case), report, grade, release and moderate.
    second = init_cohort(tmp_path / "second", _roster(tmp_path / "r2", OTHER), name="Second")
    _point_at(second, first.db_url)
    again = Cohort.open(second.root)
    with pytest.raises(GradebookError, match="belongs to the cohort 'First'"):
        again.gradebook()
    with pytest.raises(GradebookError, match="belongs to the cohort 'First'"):
        again.api()
    for verb in (["export"], ["report"], ["grade", "all"], ["release", "all", "--packs"], ["moderate", "sample", "start_here"]):
        proc = _coursekit(*verb, "--cohort", str(second.root))
        assert proc.returncode == 1, (verb, proc.stdout, proc.stderr)
        assert proc.stderr.count("\n") == 1 and "belongs to the cohort 'First'" in proc.stderr, (verb, proc.stderr)
    assert not (second.root / "export").exists(), "no grades were exported from the other cohort's gradebook"


@pytest.mark.slow
def test_ownership_is_a_table_of_its_own_that_nbgrader_ignores(tmp_path):
    cohort = init_cohort(tmp_path / "cohort", _roster(tmp_path), name="Own")
    db = cohort.root / "gradebook.db"
    with sqlite3.connect(db) as conn:
        owners = conn.execute(f"SELECT cohort_key, name FROM {OWNER_TABLE}").fetchall()
        version = conn.execute("SELECT version_num FROM alembic_version").fetchall()
    assert owners == [(cohort.gradebook_key, "Own")] and len(cohort.gradebook_key) == 32
    assert version, "nbgrader recorded its schema version (its tables were made before ours)"
    run_nbgrader(["db", "upgrade"], cohort.root)  # nbgrader's own migrations accept the extra table
    with Gradebook(cohort.db_url, cohort.course_id) as gb:
        assert sorted(s.id for s in gb.students) == ["L001", "L002"]
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == version


def test_a_cohort_made_before_owners_were_recorded_claims_its_own_gradebook(tmp_path):
    cohort = init_cohort(tmp_path / "cohort", _roster(tmp_path), name="Older")
    where = cohort.root / COHORT_FILE
    where.write_text("\n".join(line for line in where.read_text("utf-8").splitlines()
                               if "gradebook_key" not in line and "owner" not in line) + "\n", "utf-8")
    with sqlite3.connect(cohort.root / "gradebook.db") as conn:
        conn.execute(f"DROP TABLE {OWNER_TABLE}")
    with Gradebook(cohort.db_url):  # as grading does: nbgrader adds its 'default_course', which names nobody
        pass
    older = Cohort.open(cohort.root)
    assert older.gradebook_key and older.gradebook_key != cohort.gradebook_key
    assert f'gradebook_key = "{older.gradebook_key}"' in where.read_text("utf-8"), "kept for next time"
    with older.gradebook() as gb:
        assert len(gb.students) == 2
    with sqlite3.connect(cohort.root / "gradebook.db") as conn:
        assert conn.execute(f"SELECT cohort_key FROM {OWNER_TABLE}").fetchall() == [(older.gradebook_key,)]
    assert Cohort.open(cohort.root).gradebook_key == older.gradebook_key


def test_a_gradebook_holding_another_nbgrader_course_is_refused(tmp_path):
    db_url = f"sqlite:///{tmp_path / 'plain-nbgrader.db'}"
    with Gradebook(db_url, "someone_elses_course") as gb:
        gb.add_student("S1")
    with pytest.raises(GradebookError, match="already holds the marks of the nbgrader course 'someone_elses_course'"):
        init_cohort(tmp_path / "cohort", _roster(tmp_path), db_url=db_url, name="Mine")
    assert not (tmp_path / "cohort").exists()


@pytest.mark.slow
def test_an_unreachable_postgresql_server_is_one_line_without_the_password(tmp_path):
    port = _closed_port()
    db_url = f"postgresql://trainer:{PASSWORD}@127.0.0.1:{port}/board2027"
    roster = _roster(tmp_path)
    proc = _coursekit("cohort", "init", str(tmp_path / "cohort"), "--roster", str(roster), "--db-url", db_url)
    expected = (f"coursekit: The gradebook database postgresql://trainer:***@127.0.0.1:{port}/board2027 cannot be "
                f"opened: nothing answered at 127.0.0.1 port {port}. "
                "Check that the PostgreSQL server is running, and that this host and port are right and reachable "
                "from this computer, then run the command again.\n")
    assert (proc.returncode, proc.stdout, proc.stderr) == (1, "", expected)
    assert not (tmp_path / "cohort").exists()

    # A cohort whose server has gone away: every verb says the same one line.
    cohort = init_cohort(tmp_path / "cohort", roster, name="Gone")
    _point_at(cohort, db_url)
    for verb in (["export"], ["grade", "all"], ["feedback", "all"]):
        proc = _coursekit(*verb, cwd=cohort.root / "source")  # from a subfolder: the cohort is found above
        assert proc.returncode == 1 and proc.stderr == expected, (verb, proc.stderr)
        assert PASSWORD not in proc.stdout + proc.stderr


def test_a_database_error_in_the_middle_of_a_verb_is_one_line(tmp_path, monkeypatch, capsys):
    from sqlalchemy import create_engine

    db_url = f"postgresql://trainer:{PASSWORD}@127.0.0.1:{_closed_port()}/board2027"

    def fails(args):
        create_engine(db_url).connect()  # what nbgrader meets when the server stops answering mid-verb

    monkeypatch.setattr(cli, "build_parser", _parser_with(fails))
    assert cli.main(["broken", "--db-url", db_url]) == 1
    out = capsys.readouterr()
    assert out.err.count("\n") == 1 and "nothing answered at 127.0.0.1" in out.err and PASSWORD not in out.err
    assert out.err.startswith("coursekit: The gradebook database postgresql://trainer:***@127.0.0.1:")


def _parser_with(handler):
    import argparse

    def build():
        parser = argparse.ArgumentParser(prog="coursekit")
        verbs = parser.add_subparsers(dest="verb")
        broken = verbs.add_parser("broken")
        broken.add_argument("--db-url")
        broken.set_defaults(func=handler)
        return parser
    return build


# -- PostgreSQL ------------------------------------------------------------------------------

@pytest.mark.slow
def test_postgresql_two_cohorts_one_database_and_a_missing_database(postgres, tmp_path):
    db_url = postgres.new_database()
    first = init_cohort(tmp_path / "first", _roster(tmp_path), db_url=db_url, name="First")
    proc = _coursekit("cohort", "init", str(tmp_path / "second"), "--roster", str(_roster(tmp_path / "r2", OTHER)),
                      "--db-url", db_url, "--name", "Second")
    assert proc.returncode == 1 and proc.stderr.count("\n") == 1, proc.stderr
    assert f"coursekit: The gradebook database {db_url} belongs to the cohort 'First' (in {first.root})" in proc.stderr
    assert not (tmp_path / "second").exists()
    with first.gradebook() as gb:
        assert sorted(s.id for s in gb.students) == ["L001", "L002"]

    missing = postgres.url("no_such_gradebook")
    proc = _coursekit("cohort", "init", str(tmp_path / "third"), "--roster", str(_roster(tmp_path)),
                      "--db-url", missing)
    assert proc.returncode == 1 and proc.stdout == "", proc.stderr
    assert proc.stderr == (f"coursekit: The gradebook database {missing} cannot be opened: the database "
                           "'no_such_gradebook' does not exist on that server. Check the database name at the end of "
                           "the URL, or ask the database's administrator to make it, then run the command again.\n")


@pytest.mark.parametrize("db_url, said, expected", [
    (f"postgresql://trainer:{PASSWORD}@db.example:5432/gb",
     f'connection failed: FATAL:  password authentication failed for user "trainer" ({PASSWORD})',
     "the server refused the user name or password. Check the credentials in the URL, then run the command again."),
    ("postgresql://trainer@db.example/gb", "failed to resolve host 'db.example': [Errno -2] Name or service not known",
     "the host name db.example cannot be found. Check the host name in the URL, and this computer's network, "
     "then run the command again."),
    ("sqlite:////no/such/folder/gradebook.db", "(sqlite3.OperationalError) unable to open database file",
     "its folder does not exist, or you may not write in it. Check the path in the URL, then run the command again."),
    (f"postgresql://trainer:{PASSWORD}@db.example/gb", "server closed the connection unexpectedly",
     "(server closed the connection unexpectedly). Check that the database server is reachable at the host and port "
     "in the URL, that the database exists, and that the user name and password are right, then run the command again."),
])
def test_each_database_failure_says_what_to_check_without_the_password(db_url, said, expected):
    from coursekit.cohort.gradebook_db import database_problem, safe_url

    message = database_problem(RuntimeError(said), db_url)
    assert message.startswith(f"The gradebook database {safe_url(db_url)} cannot be opened")
    assert message.endswith(expected) and "\n" not in message and PASSWORD not in message


def test_a_missing_sqlite_folder_is_one_line(tmp_path):
    from coursekit.cohort.gradebook_db import check_owner

    with pytest.raises(GradebookError, match="its folder does not exist, or you may not write in it"):
        check_owner(f"sqlite:///{tmp_path / 'gone' / 'gradebook.db'}", "key", "course")
