"""The cohort flow through a real JupyterHub, as a trainer and two learners really do it.

The hub is the one a trust's IT team installs (``deploy/jupyterhub``: its jupyterhub_config.py,
its site-wide nbgrader_config.py and the grader account's nbgrader_config.py), started as root on
127.0.0.1 with test-only settings: ports, temp folders, a shared password in place of PAM. Five
real unix users: the grader account (the instructor, who holds the cohort and runs the grading
service), two learners, a trainer and an assessor, in the unix groups the hub's settings name.
The instructor uses the coursekit command line, as a trainer does in the grading service's
terminal; the trainer and the assessor open the formgrader through the hub; each
learner only the hub: their server started through the hub's REST API, then the endpoints
JupyterLab's Assignments panel calls (nbgrader's ``assignment_list`` server extension) to
fetch, submit and fetch feedback, and the Contents API to save their answers file, as the
widgets do. Learner A gives the worked answers; learner B gets one choice wrong.

The instructor makes the cohort from their own private copy of the course folder (the answer
keys are not in the package every learner can read), given with ``cohort init --course`` when
the hub's coursekit has that option; a test checks that the shared environment holds no key.
The load test, ``tests/test_hub_load.py``, uses the same exchange set-up with thirty learners.

Needs root and what ``tests/hub_setup.sh`` builds (``COURSEKIT_HUB_VENV``,
``COURSEKIT_HUB_PROXY``); skips and says why without them, and fails instead under
``COURSEKIT_REQUIRE_HUB=1`` (set in CI). Select it with ``-k hub``.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
import time
import tomllib
from pathlib import Path

import pytest

from coursekit.cohort.feedback import leaks
from hub_course_support import (A, ANSWERS, COURSE, GRADES_SCRIPT, NB, answers_file, expected_scores,
                                learner_answers)
from hub_support import DEPLOY, Hub, UnixUsers, UserServer, course_option, exchange_site, requirements, write_roster
from required_support import skip_or_fail

pytestmark = pytest.mark.slow


def no_hub(reason: str) -> None:
    skip_or_fail(reason, "COURSEKIT_REQUIRE_HUB")


def status_of(listing: dict, course_id: str) -> dict[str, str]:
    assert listing["success"], listing
    return {item["assignment_id"]: item["status"] for item in listing["value"] if item["course_id"] == course_id}


@pytest.fixture(scope="module")
def hub_flow():
    why, venv, proxy = requirements()
    if why:
        no_hub(why)
    started = time.monotonic()
    base = Path(tempfile.mkdtemp(prefix="coursekit-hub-", dir="/tmp"))
    users = UnixUsers("i", "a", "b", "t", "s")  # grader account (instructor), learners, trainer, assessor
    hub = None
    run: dict = {"base": base, "users": users, "venv": venv}
    try:
        users.create()
        groups = {"learners": users.group("learners", "a", "b"), "trainers": users.group("trainers", "t"),
                  "assessors": users.group("assessors", "s")}
        exchange, site = exchange_site(base)  # learners' servers read the site-wide nbgrader config
        hub_dir = base / "hub"
        hub_dir.mkdir(mode=0o700)  # the hub's database, cookie secret and service token: root only
        learners = {role: users[role] for role in ("a", "b")}

        # the instructor sets up the cohort from their own private copy of the course (never the
        # shared environment's), and releases one assignment, with coursekit's commands
        roster = write_roster(base / "roster.csv", {name: f"Learner {role.upper()} Jones" for role, name in learners.items()},
                              "Hub Board")
        run["course_dir"] = course = users.give("i", COURSE, "course")
        run["course"] = course_option(venv, course)
        cohort = users.home("i") / "cohort"  # where deploy/jupyterhub/grader_nbgrader_config.py looks
        locked = base / "locked"  # root's, as /srv is: the instructor cannot make an exchange in it
        locked.mkdir(mode=0o755)
        refused = users.home("i") / "refused"
        run["refused"] = (users.run("i", venv, "coursekit", "cohort", "init", str(refused), "--roster", str(roster),
                                    *run["course"], "--exchange", str(locked / "exchange"), check=False),
                          refused.exists())
        run["init"] = users.run("i", venv, "coursekit", "cohort", "init", str(cohort), "--roster", str(roster),
                                *run["course"], "--exchange", str(exchange), "--name", "Hub test cohort")
        run["release"] = users.run("i", venv, "coursekit", "release", A, "--exchange", "--cohort", str(cohort))
        course_id = tomllib.loads((cohort / "cohort.toml").read_text("utf-8"))["course_id"]
        run.update(cohort=cohort, course_id=course_id, exchange=exchange)
        users.give_file("i", DEPLOY / "grader_nbgrader_config.py", ".jupyter/nbgrader_config.py")

        hub = Hub(hub_dir, venv, proxy, users=list(users.names.values()), groups=groups, grader=users["i"],
                  single_user_env={"JUPYTER_CONFIG_PATH": str(site)}).start()

        # each learner, through the hub only: start their server, fetch, answer, submit
        tokens = {role: hub.user_token(users[role]) for role in ("a", "b", "t", "s")}
        servers = {role: hub.start_server(name, tokens[role]) for role, name in learners.items()}
        answers = learner_answers()
        run["answers"] = answers
        run["listings"] = {}
        for role, server in servers.items():
            released = status_of(server.json("GET", "assignments", params={"course_id": course_id}), course_id)
            fetched = status_of(server.json("POST", "assignments/fetch",
                                            params={"course_id": course_id, "assignment_id": A}), course_id)
            scratch = base / f"scratch-{role}"
            scratch.mkdir()
            saved = server.json("PUT", f"api/contents/{A}/{ANSWERS}",
                                json={"type": "file", "format": "text", "content": answers_file(answers[role], scratch)})
            submitted = server.json("POST", "assignments/submit", params={"course_id": course_id, "assignment_id": A})
            run["listings"][role] = {"released": released, "fetched": fetched, "saved": saved,
                                     "submitted": status_of(submitted, course_id)}

        # the instructor collects, grades, makes feedback and releases it to the exchange
        for step in (["coursekit", "collect", A], ["coursekit", "grade", A], ["coursekit", "feedback", A]):
            run[step[1]] = users.run("i", venv, *step, "--cohort", str(cohort))
        run["release_feedback"] = users.run("i", venv, "coursekit", "feedback", A, "--release", "--cohort", str(cohort))
        proc = users.run("i", venv, "python", "-c", GRADES_SCRIPT, f"sqlite:///{cohort / 'gradebook.db'}",
                         course_id, A, *learners.values())
        run["grades"] = json.loads(proc.stdout)["grades"]

        # each learner fetches their feedback through their server
        run["feedback_listing"] = {
            role: status_of(server.json("POST", "assignments/fetch_feedback",
                                        params={"course_id": course_id, "assignment_id": A}), course_id)
            for role, server in servers.items()}
        run["feedback_pages"] = {role: sorted((users.home(role) / A / "feedback").glob(f"*/{A}.html"))
                                 for role in learners}
        # the trainer and the assessor open the formgrader in the grading service; a learner cannot
        pages = {role: UserServer(hub.service_url(), tokens[role]).request("GET", "formgrader")
                 for role in ("t", "s", "a")}
        problems = [line for line in hub.log_tail(2000).splitlines() if "formgrader" in line.lower() or "Error" in line]
        run["formgrader"] = {role: (page.status_code, page.url, page.text[:300]) for role, page in pages.items()}
        run["formgrader_log"] = "\n".join(problems[-40:])
        # a learner's JupyterLab on the hub carries the extension that makes lessons read like pages
        lab = servers["a"].request("GET", "lab")
        config = re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', lab.text, re.S)
        pages_ext = [e for e in json.loads(config.group(1)).get("federated_extensions", [])
                     if e.get("name") == "coursekit-pages"] if config else []
        entry = (servers["a"].request("GET", f"lab/extensions/coursekit-pages/{pages_ext[0]['load']}")
                 if pages_ext else None)
        run["pages_extension"] = (lab.status_code, pages_ext, entry.status_code if entry is not None else None)
        run["servers"] = servers
        run["seconds"] = time.monotonic() - started
        yield run
    finally:
        if hub is not None:
            hub.stop()
        problems = users.remove()
        shutil.rmtree(base, ignore_errors=True)
        assert not problems, problems


def test_hub_learners_fetch_and_submit_through_their_servers(hub_flow):
    course_id = hub_flow["course_id"]
    for role, seen in hub_flow["listings"].items():
        assert seen["released"].get(A) == "released", (role, seen)
        assert seen["fetched"].get(A) == "fetched", (role, seen)
        assert seen["saved"]["name"] == ANSWERS
        assert seen["submitted"].get(A) == "submitted", (role, seen)
    inbound = hub_flow["exchange"] / course_id / "inbound"
    senders = sorted(p.name.split("+")[0] for p in inbound.iterdir())
    assert senders == sorted(hub_flow["users"][r] for r in ("a", "b"))
    assert "Released" in hub_flow["release"].stdout


def test_hub_gradebook_scores_are_what_each_learners_answers_earn(hub_flow):
    users, grades = hub_flow["users"], hub_flow["grades"]
    for role in ("a", "b"):
        expected = expected_scores(hub_flow["answers"][role])
        got = {gid: score for gid, score in grades[users[role]].items() if gid in expected}
        assert got == expected, (role, got, expected)
    a, b = (sum(expected_scores(hub_flow["answers"][r]).values()) for r in ("a", "b"))
    assert a > b > 0  # B's wrong choice costs its points, and only those


def test_hub_each_learner_gets_their_own_feedback_without_hidden_tests(hub_flow):
    users = hub_flow["users"]
    pages = hub_flow["feedback_pages"]
    for role in ("a", "b"):
        assert len(pages[role]) == 1, (role, pages[role], hub_flow["feedback_listing"][role])
        page = pages[role][0]
        assert page.stat().st_uid == users.home(role).stat().st_uid
        text = page.read_text("utf-8")
        assert leaks(text) == [], (role, leaks(text))
        assert "### BEGIN HIDDEN TESTS" not in text and "'correct'" not in text
        # the page's first score is the learner's total so far: their auto-graded points
        total = re.search(r"Score(?: so far)?:\s*([\d.]+)\s*/", text)
        assert total and float(total.group(1)) == sum(expected_scores(hub_flow["answers"][role]).values()), role
    pages_text = {role: pages[role][0].read_text("utf-8") for role in ("a", "b")}
    assert "We would start with the team." in pages_text["b"]
    assert "We would start with the team." not in pages_text["a"]


def test_hub_learners_cannot_read_each_others_work(hub_flow):
    users, venv = hub_flow["users"], hub_flow["venv"]
    inbound = hub_flow["exchange"] / hub_flow["course_id"] / "inbound"
    listing = users.run("a", venv, "ls", str(inbound), check=False)
    assert listing.returncode != 0 and "Permission denied" in listing.stderr, listing
    b = users["b"]
    guess = users.run("a", venv, "sh", "-c", f"cat {inbound}/{b}+{A}+*/{ANSWERS}", check=False)
    assert guess.returncode != 0 and "We would start with the team." not in guess.stdout, guess
    home = users.run("a", venv, "cat", str(users.home("b") / A / ANSWERS), check=False)
    assert home.returncode != 0, "learner A read learner B's answers in B's home"


def test_hub_instructor_is_told_to_ask_for_an_exchange_they_cannot_make(hub_flow):
    proc, made = hub_flow["refused"]
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc
    assert "does not exist, and you cannot make it" in proc.stderr and "Nothing was made." in proc.stderr, proc.stderr
    assert not made


def test_hub_trainer_and_assessor_open_the_formgrader_and_a_learner_cannot(hub_flow):
    seen, log = hub_flow["formgrader"], hub_flow["formgrader_log"]
    for role in ("t", "s"):  # trainer, assessor: the deploy's grading role
        status, url, text = seen[role]
        assert status == 200 and url.endswith("/services/coursekit-grading/formgrader/manage_assignments"), \
            (role, status, url, text, log)
    status, url, text = seen["a"]
    assert status == 403 and "manage_assignments" not in url, (status, url, text)


def test_hub_cohort_is_made_from_the_instructors_private_copy_of_the_course(hub_flow):
    users, venv, course = hub_flow["users"], hub_flow["venv"], hub_flow["course_dir"]
    assert course.stat().st_mode & 0o777 == 0o700 and course.owner() == users["i"]
    made = hub_flow["cohort"] / "source" / A / NB
    assert made.read_bytes() == (course / "source" / A / NB).read_bytes()
    peek = users.run("a", venv, "ls", str(course / "source"), check=False)
    assert peek.returncode != 0 and "Permission denied" in peek.stderr, peek


def test_hub_learners_jupyterlab_loads_the_pages_extension(hub_flow):
    """Lessons read like pages on the hub too: the learner's JupyterLab lists coursekit-pages and serves it."""
    status, found, entry = hub_flow["pages_extension"]
    assert status == 200 and len(found) == 1, (status, found)
    assert entry == 200, f"the extension's entry point {found[0].get('load')} answered {entry}"


def test_hub_shared_environment_holds_no_answer_key(hub_flow):
    """What every learner can read, the hub's coursekit, holds no hidden test, key or model answer."""
    users, venv = hub_flow["users"], hub_flow["venv"]
    where = users.run("a", venv, "python", "-c", "import coursekit, os; print(os.path.dirname(coursekit.__file__))")
    package = Path(where.stdout.strip())
    assert (package / "__init__.py").is_file() and not (package / "course_files" / "source").exists()
    found = users.run("a", venv, "grep", "-rlF", "-e", "BEGIN HIDDEN TESTS", "-e", "BEGIN SOLUTION", "-e", "key={",
                      "--exclude=*.py", "--exclude=*.pyc", str(package), check=False)
    assert found.returncode == 1 and found.stdout == "", found  # grep: 1 is "no match"; 2 an error
