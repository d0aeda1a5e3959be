"""Answers travel with a submission through nbgrader's own exchange: release, fetch,
submit, collect, autograde."""

from __future__ import annotations

import getpass
import shutil
import stat

import pytest

from coursekit.answers import AnswerStore
from coursekit.cohort.nbgrader_run import run_nbgrader
from course_support import ASSIGNMENT, NOTEBOOK, grades, make_course

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("submit", ["nbgrader's own", "coursekit.cohort.exchange_submit.PrivateSubmit"])
def test_answers_file_goes_through_submit_and_collect(tmp_path, submit):
    """With coursekit's submit (set in the server's site-wide config) the submission folder is not left
    open to every user, as nbgrader's own submit leaves it (0777), and collect still takes it."""
    exchange = tmp_path / "exchange"
    exchange.mkdir()
    exchange.chmod(0o777)
    course = make_course(tmp_path / "course")
    with open(course / "nbgrader_config.py", "a") as config:
        config.write(f"\nc.Exchange.root = {str(exchange)!r}\n")
    run_nbgrader(["release_assignment", ASSIGNMENT], course)

    home = tmp_path / "learner"
    home.mkdir()
    (home / "nbgrader_config.py").write_text(
        f"c = get_config()\nc.Exchange.root = {str(exchange)!r}\n"
        "c.CourseDirectory.course_id = 'coursekit-digital-preconditions'\n"
        + (f"c.ExchangeFactory.submit = {submit!r}\n" if submit.startswith("coursekit") else "")
    )
    run_nbgrader(["fetch_assignment", ASSIGNMENT], home)
    fetched = home / ASSIGNMENT
    assert (fetched / NOTEBOOK).exists()

    # the learner answers with the widgets' store, exactly as in the notebook
    store = AnswerStore(ASSIGNMENT, fetched)
    store.save("q1_rocks", "c")
    store.save("q3_mission", "a")
    run_nbgrader(["submit", ASSIGNMENT], home)
    shutil.rmtree(fetched)  # nothing left on the learner's side: the file must have travelled
    [sent] = (exchange / "coursekit-digital-preconditions" / "inbound").iterdir()
    assert stat.S_IMODE(sent.stat().st_mode) == (0o755 if submit.startswith("coursekit") else 0o777)
    assert {stat.S_IMODE(f.stat().st_mode) for f in sent.iterdir()} == {0o644}

    run_nbgrader(["collect", ASSIGNMENT], course)
    student = getpass.getuser()
    collected = course / "submitted" / student / ASSIGNMENT
    assert (collected / f"{ASSIGNMENT}.answers.json").exists()
    run_nbgrader(["autograde", ASSIGNMENT], course)
    marks = grades(course, student)
    assert marks["check_q1_rocks"][0] == 1 and marks["check_q3_mission"][0] == 0
