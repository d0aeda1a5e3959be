"""Thirty learners submit at once through nbgrader's exchange, with real unix users, and one tries to
submit as others.

The same exchange as the JupyterHub test (``tests/test_hub.py``): nbgrader's exchange folder and a
site-wide nbgrader config naming it, made by :func:`hub_support.exchange_site`, used by real unix
users. Thirty single-user servers are too heavy for a small test machine, so each learner runs
nbgrader's own command line as their own unix user, as their server's Assignments panel does:
``nbgrader fetch_assignment``, then their answers file written where the widgets write it, then
all thirty ``nbgrader submit`` started together. Thirty fresh interpreters would spend minutes
importing nbgrader, so :mod:`hub_burst` imports it once and forks one child per learner, each
taking that learner's uid, gid and groups before it runs the command. The instructor collects and
grades with coursekit's commands, from their own private copy of the course.

One more learner on the roster (the impostor) tries two ways to hand work in as others: a folder
they make in inbound by hand, named for the first learner with a time in the future, and nbgrader's
own ``submit --student`` naming the second learner, after the second learner has submitted. Collect
must refuse and report both, and grade each victim's own work.

Each learner answers so that their marks, cell by cell, differ from as many other learners' as
start_here's three auto-marked cells allow (12 sets), and writes their own reflection: work collected or graded as another learner's shows in the gradebook.
The times taken are printed (``pytest -s``) and written to ``hub-load.json`` in pytest's temp folder.

Needs root and what ``tests/hub_setup.sh`` builds; skips and says why without them, and fails
instead under ``COURSEKIT_REQUIRE_HUB=1`` (set in CI). Everything is on this machine; the users and
folders are removed afterwards.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import stat
import subprocess
import tempfile
import time
import tomllib
from pathlib import Path

import pytest

from hub_course_support import A, ANSWERS, COURSE, GRADES_SCRIPT, NB, answers_file, varied_answers
from hub_support import UnixUsers, course_option, exchange_site, requirements, write_roster
from required_support import skip_or_fail

pytestmark = pytest.mark.slow

LEARNERS = 30
TIMEOUT = 240  # seconds for all of one step's processes together
NBGRADER_STAMP = "%Y-%m-%d %H:%M:%S.%f UTC"  # nbgrader's submission time, in its folder's name and timestamp.txt
IMPOSTOR, FORGED_VICTIM, STUDENT_VICTIM = "x", "l00", "l01"
BURST = Path(__file__).with_name("hub_burst.py")


def learner_roles() -> list[str]:
    return [f"l{n:02d}" for n in range(LEARNERS)]


def all_at_once(users: UnixUsers, venv: Path, roles: list[str], env: dict[str, str], *args: str) -> dict[str, dict]:
    """``nbgrader <args>`` as every one of ``roles``, all started together (:mod:`hub_burst`), with one time limit."""
    logs = Path(tempfile.mkdtemp(prefix="coursekit-burst-"))  # root's only: the children's output
    try:
        job = {"users": [users[r] for r in roles], "args": list(args), "timeout": TIMEOUT, "logs": str(logs),
               "env": {"LANG": "C.UTF-8", "PATH": f"{venv / 'bin'}:/usr/local/bin:/usr/bin:/bin", **env}}
        proc = subprocess.run([str(venv / "bin" / "python"), "-I", str(BURST)], input=json.dumps(job),
                              capture_output=True, text=True, timeout=TIMEOUT + 60, cwd=logs)
    finally:
        shutil.rmtree(logs, ignore_errors=True)
    assert proc.returncode == 0, proc.stderr
    results = json.loads(proc.stdout)
    failed = {name: (r["exit"], r["stderr"][-1500:]) for name, r in results.items() if r["exit"] != 0}
    assert not failed and len(results) == len(roles), f"`nbgrader {' '.join(args)}` failed for {len(failed)}: {failed}"
    return {role: results[users[role]] for role in roles}


def give_file(users: UnixUsers, role: str, path: Path, text: str) -> None:
    """Write ``text`` at ``path`` as ``role`` would: owned by them, readable only by them."""
    path.write_text(text, "utf-8")
    shutil.chown(path, users[role], users[role])
    path.chmod(0o600)


#: The impostor's forgery, as a shell script: a submission folder in inbound ($1) named $2, holding their own
#: notebook and answers ($3) and the time $4, readable by the instructor as nbgrader's own submissions are.
FORGE = ('set -e; d="$1/$2"; mkdir "$d"; cp "$3/{nb}" "$3/{answers}" "$d/"; printf "%s" "$4" > "$d/timestamp.txt"; '
         'chmod -R a+rX "$d"').format(nb=NB, answers=ANSWERS)


@pytest.fixture(scope="module")
def load(tmp_path_factory):
    why, venv, _proxy = requirements()
    if why:
        skip_or_fail(why, "COURSEKIT_REQUIRE_HUB")
    base = Path(tempfile.mkdtemp(prefix="coursekit-hub-load-", dir="/tmp"))
    roles = learner_roles()
    users = UnixUsers("i", IMPOSTOR, *roles)
    run: dict = {"users": users, "roles": roles}
    figures: dict = {"learners": LEARNERS}
    try:
        started = time.monotonic()
        users.create()
        exchange, site = exchange_site(base)
        env = {"JUPYTER_CONFIG_PATH": str(site)}
        figures["users_seconds"] = round(time.monotonic() - started, 1)

        # the instructor: a cohort of 31 (the impostor is a learner on the course too), from their own copy of the course
        roster = write_roster(base / "roster.csv", {users[r]: f"Learner {r.upper()} Load" for r in [*roles, IMPOSTOR]},
                              "Load Board")
        course = users.give("i", COURSE, "course")
        cohort = users.home("i") / "cohort"
        users.run("i", venv, "coursekit", "cohort", "init", str(cohort), "--roster", str(roster),
                  *course_option(venv, course), "--exchange", str(exchange), "--name", "Hub load cohort")
        users.run("i", venv, "coursekit", "release", A, "--exchange", "--cohort", str(cohort))
        course_id = tomllib.loads((cohort / "cohort.toml").read_text("utf-8"))["course_id"]
        inbound = exchange / course_id / "inbound"
        run.update(cohort=cohort, course_id=course_id, inbound=inbound)

        # every learner fetches with nbgrader, as themselves, and answers
        started = time.monotonic()
        all_at_once(users, venv, [*roles, IMPOSTOR], env, "fetch_assignment", A, "--course", course_id)
        figures["fetch_seconds"] = round(time.monotonic() - started, 1)
        varied = varied_answers(LEARNERS + 6)  # the last earns nothing: the impostor's forgery
        run["expected"] = {users[r]: marks for r, (_, marks) in zip(roles, varied)}
        scratch = tmp_path_factory.mktemp("hub-load-answers")  # root's only
        run["answers"] = {}
        for n, role in enumerate([*roles, IMPOSTOR]):
            answers = varied[n if role != IMPOSTOR else -1][0]
            if role == IMPOSTOR:
                answers = {**answers, "reflection": "Forged: this is not the victim's work."}
            (scratch / role).mkdir(parents=True)
            text = answers_file(answers, scratch / role)
            give_file(users, role, users.home(role) / A / ANSWERS, text)
            run["answers"][users[role]] = text
        assert varied[-1][1] and not any(varied[-1][1].values())

        # the impostor, by hand: a folder in inbound named for the first learner, a day in the future
        future = (dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=1)).strftime(NBGRADER_STAMP)
        forged = f"{users[FORGED_VICTIM]}+{A}+{future}+forged"
        users.run(IMPOSTOR, venv, "sh", "-c", FORGE, "forge", str(inbound), forged, str(users.home(IMPOSTOR) / A), future)
        run["forged"] = forged

        # thirty learners submit at once
        started, run["burst_from"] = time.monotonic(), dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
        burst = all_at_once(users, venv, roles, env, "submit", A, "--course", course_id)
        figures["submit_seconds"] = round(time.monotonic() - started, 1)
        run["burst_to"] = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)

        # the impostor again, with nbgrader's own tool, after the second learner's genuine submission
        before = set(p.name for p in inbound.iterdir())
        users.run(IMPOSTOR, venv, "nbgrader", "submit", A, "--course", course_id, "--student", users[STUDENT_VICTIM],
                  env=env, cwd=users.home(IMPOSTOR))
        run["as_student"] = sorted(set(p.name for p in inbound.iterdir()) - before)
        run["inbound"] = sorted(p.name for p in inbound.iterdir())
        run["owners"] = {p.name: p.owner() for p in inbound.iterdir()}
        run["modes"] = {p.name: stat.S_IMODE(p.lstat().st_mode) for p in inbound.iterdir()}

        # the instructor collects and grades
        started = time.monotonic()
        run["collect"] = users.run("i", venv, "coursekit", "collect", A, "--cohort", str(cohort))
        figures["collect_seconds"] = round(time.monotonic() - started, 1)
        started = time.monotonic()
        run["grade"] = users.run("i", venv, "coursekit", "grade", A, "--quiet", "--cohort", str(cohort))
        figures["grade_seconds"] = round(time.monotonic() - started, 1)
        proc = users.run("i", venv, "python", "-c", GRADES_SCRIPT, f"sqlite:///{cohort / 'gradebook.db'}",
                         course_id, A, *(users[r] for r in roles))
        run["gradebook"] = json.loads(proc.stdout)
        run["submitted"] = {p.parent.name: p for p in (cohort / "submitted").glob(f"*/{A}")}
        run["autograded"] = sorted(p.parent.name for p in (cohort / "autograded").glob(f"*/{A}") if p.is_dir())

        run["stamps"] = stamps = sorted(dt.datetime.strptime(name.split("+")[2], NBGRADER_STAMP)
                                        for name, owner in run["owners"].items() if owner != users[IMPOSTOR])
        rows = run["gradebook"]["rows"]
        began = [r["started"] for r in burst.values()]
        figures.update(
            submit_start_spread_seconds=round(max(began) - min(began), 2),
            submitted=len(stamps), submit_spread_seconds=round((stamps[-1] - stamps[0]).total_seconds(), 1),
            collected=len(run["submitted"]), graded=len(run["autograded"]), gradebook_rows=sum(rows.values()),
            lost=len({users[r] for r in roles} - set(rows)), duplicated=sum(n - 1 for n in rows.values() if n > 1),
            impostor_attempts=2, impostor_accepted=sum(users[IMPOSTOR] == _submitted_by(run, users[v])
                                                       for v in (FORGED_VICTIM, STUDENT_VICTIM)),
        )
        out = tmp_path_factory.mktemp("hub-load") / "hub-load.json"
        out.write_text(json.dumps(figures, indent=2) + "\n", "utf-8")
        print(f"\n`coursekit collect`:\n{run['collect'].stdout}\n`coursekit grade`:\n{run['grade'].stdout}")
        print(f"hub load test figures ({out}):\n{json.dumps(figures, indent=2)}")
        run["figures"] = figures
        yield run
    finally:
        problems = users.remove()
        shutil.rmtree(base, ignore_errors=True)
        assert not problems, problems


def _submitted_by(run: dict, learner: str) -> str:
    """Whose answers file is in ``learner``'s collected submission: the unix user whose file it is byte for byte."""
    path = run["submitted"].get(learner)
    text = (path / ANSWERS).read_text("utf-8") if path and (path / ANSWERS).is_file() else None
    return next((who for who, given in run["answers"].items() if given == text), "nobody")


def collect_counts(stdout: str) -> tuple[int, int, int]:
    found = re.search(r"collected (\d+), unchanged (\d+), nothing yet from (\d+)\.", stdout)
    assert found, stdout
    return int(found[1]), int(found[2]), int(found[3])


def test_hub_load_thirty_learners_all_submit_within_seconds(load):
    users, owners = load["users"], load["owners"]
    genuine = [name for name, owner in owners.items() if owner != users[IMPOSTOR]]
    assert sorted(name.split("+")[0] for name in genuine) == sorted(users[r] for r in load["roles"])
    assert all(owners[name] == name.split("+")[0] for name in genuine)
    # coursekit's submit (set in the site-wide config) leaves no submission open to other users
    assert {load["modes"][name] for name in genuine} == {0o755}, load["modes"]
    # every genuine submission was made while the thirty ran together, none before or after
    assert load["burst_from"] <= load["stamps"][0] and load["stamps"][-1] <= load["burst_to"], load["stamps"]


def test_hub_load_every_submission_collected_once_and_its_own(load):
    users, roles = load["users"], load["roles"]
    collected, unchanged, missing = collect_counts(load["collect"].stdout)
    assert (collected, unchanged, missing) == (LEARNERS, 0, 1), load["collect"].stdout  # missing: the impostor's own
    assert sorted(load["submitted"]) == sorted(users[r] for r in roles)
    for role in roles:
        assert _submitted_by(load, users[role]) == users[role], role


def test_hub_load_every_submission_graded_once_with_its_own_marks(load):
    users, roles, book = load["users"], load["roles"], load["gradebook"]
    assert re.search(rf"Graded {LEARNERS} submission\(s\); 0 already graded", load["grade"].stdout), load["grade"].stdout
    assert "No problems found." in load["grade"].stdout, load["grade"].stdout
    assert book["rows"] == {users[r]: 1 for r in roles}
    assert load["autograded"] == sorted(users[r] for r in roles)
    for role in roles:
        got = {gid: score for gid, score in book["grades"][users[role]].items() if gid in load["expected"][users[role]]}
        assert got == load["expected"][users[role]], (role, got)
    assert len({json.dumps(marks, sort_keys=True) for marks in load["expected"].values()}) >= 11, \
        "learners' marks differ as far as start_here's three auto-marked cells allow"
    figures = load["figures"]
    assert (figures["submitted"], figures["collected"], figures["graded"], figures["gradebook_rows"]) == (LEARNERS,) * 4
    assert figures["lost"] == figures["duplicated"] == 0


def test_hub_load_impostor_is_refused_and_reported(load):
    users, stdout = load["users"], load["collect"].stdout
    impostor = users[IMPOSTOR]
    assert load["owners"][load["forged"]] == impostor
    assert len(load["as_student"]) == 1 and load["as_student"][0].startswith(users[STUDENT_VICTIM] + "+")
    assert load["owners"][load["as_student"][0]] == impostor
    for victim in (FORGED_VICTIM, STUDENT_VICTIM):
        assert _submitted_by(load, users[victim]) == users[victim], (victim, stdout)
        assert load["gradebook"]["grades"][users[victim]] and load["expected"][users[victim]]
    # both attempts are named in collect's report, and nothing else is reported as a problem
    for name in (load["forged"], load["as_student"][0]):
        assert name in stdout, (name, stdout)
    reported = [line for line in stdout.splitlines()[1:] if line.strip() and "nothing yet from" not in line]
    assert all(load["forged"] in line or load["as_student"][0] in line or impostor in line for line in reported), stdout
