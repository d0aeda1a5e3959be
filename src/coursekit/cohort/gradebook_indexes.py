"""Indexes that let nbgrader's gradebook stay fast for large cohorts.

nbgrader's ``grade`` and ``comment`` tables are indexed on ``(cell_id, notebook_id)`` only,
but each submission's totals (``SubmittedNotebook.score`` and the like, computed by SQL
every time nbgrader loads a submission) look grades and comments up by ``notebook_id``
alone. Without an index on that column every lookup reads the whole table, so the cost of
grading one submission grows with the size of the cohort. These extra indexes change no
data and no table; nbgrader reads and writes the gradebook exactly as before. They work
on SQLite and PostgreSQL, and adding them again does nothing.
"""

from __future__ import annotations

from sqlalchemy import create_engine, inspect, text

#: (index name, table, column): each column is looked up on its own by nbgrader's queries.
INDEXES = (
    ("ix_coursekit_grade_notebook_id", "grade", "notebook_id"),
    ("ix_coursekit_comment_notebook_id", "comment", "notebook_id"),
    ("ix_coursekit_submitted_notebook_assignment_id", "submitted_notebook", "assignment_id"),
    ("ix_coursekit_submitted_assignment_student_id", "submitted_assignment", "student_id"),
)


def add_indexes(db_url: str) -> list[str]:
    """Add any missing index to the gradebook at ``db_url``; return the names added."""
    engine = create_engine(db_url)
    added = []
    try:
        tables = set(inspect(engine).get_table_names())
        with engine.begin() as conn:
            existing = {ix["name"] for table in tables for ix in inspect(conn).get_indexes(table)}
            for name, table, column in INDEXES:
                if table in tables and name not in existing:
                    conn.execute(text(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({column})"))
                    added.append(name)
    finally:
        engine.dispose()
    return added
