"""Which cohort a gradebook database belongs to, and what to say when the database cannot be opened.

nbgrader keeps one course's marks in one database, and its assignment names are unique in the whole
database, so two cohorts can never share one: the second would read (and export) the first one's
marks as its own. A cohort therefore records that it owns its gradebook in one small table of its
own, ``coursekit_cohort``, beside nbgrader's tables. nbgrader never reads that table: its
``Gradebook`` makes and checks only its own tables, and its migrations (``nbgrader db upgrade``)
change only those. The table is added only after nbgrader has made its tables, because nbgrader
takes a database that already holds any table for one it made before (and would then not record
its schema version). Every verb that opens the gradebook checks the owner first
(:meth:`coursekit.cohort.folder.Cohort.gradebook` and ``api``).

A database that cannot be opened (a server that does not answer, a missing database, a refused
password) is one line naming the database, without its password, and what to check.
"""

from __future__ import annotations

import datetime as _dt

OWNER_TABLE = "coursekit_cohort"
#: How long to wait for a database server before saying it does not answer (seconds).
CONNECT_TIMEOUT = 10


class GradebookError(ValueError):
    """The gradebook database cannot be opened or belongs to another cohort; the message says what to do."""


def safe_url(db_url: str) -> str:
    """The database URL as it may be shown: the password replaced by ***."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(db_url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - an unreadable URL is shown without anything after its scheme
        return db_url.split("://", 1)[0] + "://…"


def _where(db_url: str) -> tuple[str, str, str]:
    from sqlalchemy.engine import make_url

    url = make_url(db_url)
    return url.host or "localhost", str(url.port or 5432), url.database or ""


#: Words in the driver's message, and what they mean for the trainer (PostgreSQL, then SQLite).
_CAUSES = (
    (("does not exist",), "database",
     "the database {database!r} does not exist on that server. Check the database name at the end of the URL, "
     "or ask the database's administrator to make it"),
    (("password", "authentication", "role"), "",
     "the server refused the user name or password. Check the credentials in the URL"),
    (("could not translate host", "name or service not known", "failed to resolve host", "nodename nor servname"), "",
     "the host name {host} cannot be found. Check the host name in the URL, and this computer's network"),
    (("connection refused", "timeout expired", "timed out", "no route to host",
      "network is unreachable", "could not connect"), "",
     "nothing answered at {host} port {port}. Check that the PostgreSQL server is running, and that this host "
     "and port are right and reachable from this computer"),
    (("unable to open database file",), "",
     "its folder does not exist, or you may not write in it. Check the path in the URL"),
)


def database_problem(err: BaseException, db_url: str | None = None) -> str:
    """One line saying that the gradebook database cannot be used, why, and what to check."""
    orig = getattr(err, "orig", None) or err
    said = " ".join(str(orig).split())
    password = None
    if db_url:
        try:
            from sqlalchemy.engine import make_url

            password = make_url(db_url).password
        except Exception:  # noqa: BLE001
            password = None
    if password:
        said = said.replace(str(password), "***")
    lowered = said.lower()
    what = f"The gradebook database {safe_url(db_url)}" if db_url else "The gradebook database"
    is_postgres = bool(db_url) and db_url.startswith("postgresql")
    for words, also, cause in _CAUSES:
        if any(word in lowered for word in words) and (not also or also in lowered):
            if "{host}" in cause or "{database" in cause:
                if not is_postgres:
                    continue
                host, port, database = _where(db_url)
                cause = cause.format(host=host, port=port, database=database)
            return f"{what} cannot be opened: {cause}, then run the command again."
    first = said.split(". ")[0][:200]
    return (f"{what} cannot be opened ({first}). Check that the database server is reachable at the host and "
            "port in the URL, that the database exists, and that the user name and password are right, then run "
            "the command again.")


def _engine(db_url: str):
    from sqlalchemy import create_engine

    options = {"connect_args": {"connect_timeout": CONNECT_TIMEOUT}} if db_url.startswith("postgresql") else {}
    return create_engine(db_url, future=True, **options)


def _owners(conn, tables: set[str]) -> list[dict]:
    from sqlalchemy import text

    if OWNER_TABLE not in tables:
        return []
    rows = conn.execute(text(f"SELECT cohort_key, course_id, name, folder, created FROM {OWNER_TABLE}"))
    return [dict(row._mapping) for row in rows]


#: The course nbgrader names when a tool opens the gradebook without naming one (coursekit's grading
#: plug-ins do): its row says nothing about whose gradebook it is.
NBGRADER_DEFAULT_COURSE = "default_course"


def _courses(conn, tables: set[str]) -> list[str]:
    """The courses whose marks the gradebook holds: its named courses, or nbgrader's default one
    when it holds learners or assignments but no other course."""
    from sqlalchemy import text

    if "course" not in tables:
        return []
    courses = [row[0] for row in conn.execute(text("SELECT id FROM course")) if row[0] != NBGRADER_DEFAULT_COURSE]
    for table in ("student", "assignment"):
        if not courses and table in tables and conn.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar():
            courses = [NBGRADER_DEFAULT_COURSE]
    return courses


def _refusal(db_url: str, owner: dict) -> str:
    return (f"The gradebook database {safe_url(db_url)} belongs to the cohort '{owner['name']}' (in {owner['folder']}), "
            "so this cohort cannot use it: its marks would mix with that cohort's. Give each cohort its own "
            "database (or leave --db-url out for SQLite in the cohort folder). Nothing was changed.")


def check_owner(db_url: str, cohort_key: str, course_id: str, *, new: bool = False) -> None:
    """Refuse a gradebook that another cohort, or another nbgrader course, already uses.

    ``new``: a cohort is being made, so the database must hold no nbgrader course at all (an empty
    database, or none yet for SQLite). Otherwise the cohort's own gradebook: one recorded for this
    cohort passes; one made before owners were recorded passes if it holds only this course."""
    from sqlalchemy import exc, inspect

    engine = _engine(db_url)
    try:
        with engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
            owners = _owners(conn, tables)
            courses = _courses(conn, tables)
    except exc.SQLAlchemyError as err:
        raise GradebookError(database_problem(err, db_url)) from None
    finally:
        engine.dispose()
    others = [o for o in owners if o["cohort_key"] != cohort_key]
    if others:
        raise GradebookError(_refusal(db_url, others[0]))
    if owners:
        return
    if courses and (new or set(courses) != {course_id}):
        raise GradebookError(
            f"The gradebook database {safe_url(db_url)} already holds the marks of the nbgrader course "
            f"{', '.join(repr(c) for c in sorted(courses))}, so this cohort cannot use it: its marks would mix with "
            "that course's. Give each cohort its own, empty database (or leave --db-url out for SQLite in the "
            "cohort folder). Nothing was changed."
        )


def record_owner(db_url: str, cohort_key: str, course_id: str, name: str, folder: str) -> None:
    """Record in the gradebook that it belongs to this cohort (after nbgrader has made its tables)."""
    from sqlalchemy import Column, MetaData, String, Table, exc, insert

    table = Table(OWNER_TABLE, MetaData(), Column("cohort_key", String(64), primary_key=True),
                  Column("course_id", String(128)), Column("name", String(200)), Column("folder", String(1000)),
                  Column("created", String(40)))
    created = _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat()
    engine = _engine(db_url)
    try:
        table.create(engine, checkfirst=True)
        with engine.begin() as conn:
            if not conn.execute(table.select().where(table.c.cohort_key == cohort_key)).first():
                conn.execute(insert(table).values(cohort_key=cohort_key, course_id=course_id, name=name,
                                                  folder=folder, created=created))
    except exc.SQLAlchemyError as err:
        raise GradebookError(database_problem(err, db_url)) from None
    finally:
        engine.dispose()
