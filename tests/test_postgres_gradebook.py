"""nbgrader's gradebook on a real PostgreSQL server, through ``CourseDirectory.db_url``.

The same course and submissions as on SQLite; the marks must be the same.
"""

from __future__ import annotations

import pytest
from nbgrader.api import Gradebook
from sqlalchemy import create_engine, text

from coursekit.cohort.nbgrader_run import run_nbgrader
from course_support import ASSIGNMENT, ROOT, make_course, submit_copy_of, write_learner_answers
from marks_support import points

pytestmark = pytest.mark.slow


def test_private_server_listens_only_on_loopback(postgres):
    engine = create_engine(postgres.url())
    with engine.connect() as conn:
        assert conn.execute(text("SHOW listen_addresses")).scalar() == "127.0.0.1"
        assert conn.execute(text("SHOW port")).scalar() == str(postgres.port)
    engine.dispose()
    assert postgres.url().startswith("postgresql://") and "127.0.0.1" in postgres.url()


def test_nbgrader_grades_into_postgresql(postgres, tmp_path):
    db_url = postgres.new_database()
    config = (ROOT / "course" / "nbgrader_config.py").read_text() + f"\nc.CourseDirectory.db_url = {db_url!r}\n"
    course = make_course(tmp_path / "course", config=config)
    submit_copy_of(course, "solution", ROOT / "solutions" / ASSIGNMENT)
    partly = submit_copy_of(course, "partly", ROOT / "exercises" / ASSIGNMENT)
    write_learner_answers(partly, {"q1_rocks": "c", "q2_first_goal": "a"})
    run_nbgrader(["autograde", ASSIGNMENT], course)

    assert not (course / "gradebook.db").exists(), "nothing went to SQLite"
    with Gradebook(db_url) as gb:
        assert sorted(s.id for s in gb.students) == ["partly", "solution"]
        solution = gb.find_submission(ASSIGNMENT, "solution")
        partial = gb.find_submission(ASSIGNMENT, "partly")
        auto, written = points()  # from the source: forms and the reflection are marked by an assessor
        assert (solution.score, solution.max_score) == (auto, auto + written), "full auto marks; the written answers await a marker"
        assert solution.needs_manual_grade
        assert partial.score == 1 and not partial.needs_manual_grade


@pytest.mark.parametrize("env, outcome", [
    ({"COURSEKIT_REQUIRE_POSTGRES": "1"}, pytest.fail.Exception),
    ({"COURSEKIT_REQUIRE_BROWSER": "1"}, pytest.fail.Exception),
    ({}, pytest.skip.Exception),
])
def test_missing_postgresql_fails_in_ci_and_skips_elsewhere(monkeypatch, env, outcome):
    from conftest_pg import _no_postgres

    for name in ("COURSEKIT_REQUIRE_POSTGRES", "COURSEKIT_REQUIRE_BROWSER"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(outcome, match="apt-get install -y postgresql"):
        _no_postgres("PostgreSQL is missing: `apt-get install -y postgresql`.")
