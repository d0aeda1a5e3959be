"""Run one nbgrader command as many unix users at once: ``python hub_burst.py`` (as root), JSON on stdin.

Run by the hub venv's Python. nbgrader is imported once, then one child per user is forked from
this process; each child takes that user's groups, gid and uid (so everything it writes is the
user's own, and it can reach only what the user can), a clean environment, the user's home as
its folder, and runs nbgrader's own command line (``nbgrader <args>``) in-process. Importing
nbgrader takes seconds of processor time; forking after it lets thirty users submit within the
same second or two on a small machine, where thirty fresh interpreters would take minutes.

stdin: ``{"users": [name, ...], "args": [...], "env": {...}, "timeout": seconds, "logs": folder}``
stdout: ``{name: {"exit": code, "stdout": text, "stderr": text, "started": t, "ended": t}}`` (times in
seconds since the epoch; exit -9 when the time limit killed it).
"""

from __future__ import annotations

import json
import os
import pwd
import sys
import time


def child(user: pwd.struct_passwd, args: list[str], env: dict[str, str], out: int, err: int) -> None:
    """In the forked child: become ``user`` and run ``nbgrader <args>``; never returns."""
    code = 1
    try:
        os.dup2(out, 1)
        os.dup2(err, 2)
        os.initgroups(user.pw_name, user.pw_gid)
        os.setgid(user.pw_gid)
        os.setuid(user.pw_uid)
        os.chdir(user.pw_dir)
        os.environ.clear()
        os.environ.update({"HOME": user.pw_dir, "USER": user.pw_name, "LOGNAME": user.pw_name, **env})
        from nbgrader.apps.nbgraderapp import main

        sys.argv = ["nbgrader", *args]
        try:
            main()
            code = 0
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    except BaseException as problem:  # anything at all: reported as this user's failure
        print(f"{type(problem).__name__}: {problem}", file=sys.stderr)
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def main() -> int:
    job = json.load(sys.stdin)
    import nbgrader.apps.nbgraderapp  # noqa: F401  the seconds of importing, once, before forking

    users = [pwd.getpwnam(name) for name in job["users"]]
    children: dict[int, tuple[str, str, float]] = {}
    for user in users:
        log = os.path.join(job["logs"], user.pw_name)
        out = os.open(log + ".out", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        err = os.open(log + ".err", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        started = time.time()
        pid = os.fork()
        if pid == 0:
            child(user, job["args"], job["env"], out, err)
        os.close(out)
        os.close(err)
        children[pid] = (user.pw_name, log, started)

    results = {}
    deadline = time.monotonic() + float(job["timeout"])
    while children:
        pid, status = os.waitpid(-1, os.WNOHANG)
        if pid == 0:
            if time.monotonic() > deadline:
                for stuck in children:
                    os.kill(stuck, 9)
                deadline = float("inf")
            time.sleep(0.05)
            continue
        name, log, started = children.pop(pid)
        code = os.waitstatus_to_exitcode(status)
        with open(log + ".out", encoding="utf-8", errors="replace") as out, \
                open(log + ".err", encoding="utf-8", errors="replace") as err:
            results[name] = {"exit": code, "stdout": out.read(), "stderr": err.read(),
                             "started": started, "ended": time.time()}
    json.dump(results, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
