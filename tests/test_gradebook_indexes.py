"""Extra gradebook indexes: added once, on SQLite and PostgreSQL, and used by nbgrader's lookups."""

from __future__ import annotations

import pytest
from nbgrader.api import Gradebook
from sqlalchemy import create_engine, inspect, text

from coursekit.cohort.folder import scripts_on_path
from coursekit.cohort.gradebook_indexes import INDEXES, add_indexes


def _indexes(db_url):
    engine = create_engine(db_url)
    try:
        found = {ix["name"]: (table, ix["column_names"]) for table in inspect(engine).get_table_names()
                 for ix in inspect(engine).get_indexes(table)}
    finally:
        engine.dispose()
    return found


def _check(db_url):
    scripts_on_path()  # nbgrader runs alembic by name when it makes a new gradebook
    with Gradebook(db_url):  # nbgrader makes its tables
        pass
    assert sorted(add_indexes(db_url)) == sorted(name for name, _, _ in INDEXES)
    found = _indexes(db_url)
    for name, table, column in INDEXES:
        assert found[name] == (table, [column])
    assert add_indexes(db_url) == [], "adding them again does nothing"
    with Gradebook(db_url) as gb:  # nbgrader still works with them
        gb.add_student("L001", first_name="Ann")
        assert [s.id for s in gb.students] == ["L001"]


def test_sqlite_gradebook_gets_the_indexes_and_uses_them(tmp_path):
    db_url = f"sqlite:///{tmp_path / 'gradebook.db'}"
    _check(db_url)
    engine = create_engine(db_url)
    with engine.connect() as conn:
        plan = " ".join(str(r) for r in conn.execute(text(
            "EXPLAIN QUERY PLAN SELECT sum(auto_score) FROM grade WHERE notebook_id = 'x'")))
    engine.dispose()
    assert "ix_coursekit_grade_notebook_id" in plan


@pytest.mark.slow
def test_postgresql_gradebook_gets_the_indexes(postgres):
    _check(postgres.new_database("indexes"))
