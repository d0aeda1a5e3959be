"""JupyterHub for the coursekit course, on one server: real unix accounts, nbgrader's exchange.

Install with deploy/jupyterhub/README.md. The settings that differ between servers are in
/etc/coursekit/hub.toml (a copy of deploy/jupyterhub/hub.toml; the environment variable
COURSEKIT_HUB_SETTINGS names another file). This file needs no edits.

- Learners, trainers and assessors log in with their unix account and password (PAM). Only
  members of the three unix groups named in the settings may log in.
- Each person gets their own JupyterLab server, run as their own unix account, from the
  Python environment this hub runs from (coursekit and nbgrader installed there).
- The grading service: one JupyterLab server run as the grader account, which holds the
  cohort. Trainers and assessors open nbgrader's formgrader there; learners cannot open it.
- nbgrader's exchange (released assignments, submissions, feedback) is set site-wide by
  nbgrader_config.py, installed in this environment's etc/jupyter.

tests/test_hub.py starts the hub from this file, with test-only settings and ports.
"""

import grp
import os
import pwd
import sys
import tomllib
from pathlib import Path

c = get_config()  # noqa: F821 - provided by JupyterHub

SETTINGS = Path(os.environ.get("COURSEKIT_HUB_SETTINGS", "/etc/coursekit/hub.toml"))
try:
    settings = tomllib.loads(SETTINGS.read_text("utf-8"))
except FileNotFoundError:
    sys.exit(f"{SETTINGS} is missing. Copy deploy/jupyterhub/hub.toml there and edit it.")
except tomllib.TOMLDecodeError as err:
    sys.exit(f"{SETTINGS} cannot be read ({err}). Correct the line it names.")

BIN = Path(sys.executable).parent  # this environment's programs: jupyterhub-singleuser, coursekit, nbgrader
PATH = f"{BIN}:/usr/local/bin:/usr/bin:/bin"
GRADING = "coursekit-grading"  # the grading service's name: /services/coursekit-grading/


def members(group: str) -> list[str]:
    """The accounts in a unix group, listed in /etc/group or by the directory service."""
    try:
        return sorted(grp.getgrnam(group).gr_mem)
    except KeyError:
        sys.exit(f"The unix group {group!r} named in {SETTINGS} does not exist. Make it with `groupadd {group}`.")


# -- where browsers reach the hub, and the hub's own files ------------------------------------
data = Path(settings["data_dir"])
c.JupyterHub.bind_url = settings["bind_url"]
if settings.get("ssl_cert") and settings.get("ssl_key"):
    c.JupyterHub.ssl_cert = settings["ssl_cert"]
    c.JupyterHub.ssl_key = settings["ssl_key"]
c.JupyterHub.db_url = f"sqlite:///{data / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(data / "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.pid_file = str(data / "jupyterhub-proxy.pid")

# -- who may log in ------------------------------------------------------------------------
groups = {role: settings[f"{role}_group"] for role in ("learners", "trainers", "assessors")}
c.JupyterHub.authenticator_class = "pam"
c.LocalAuthenticator.allowed_groups = set(groups.values())
c.JupyterHub.load_groups = {
    role: {"users": members(group)} for role, group in groups.items()
}

# -- what each group may do ----------------------------------------------------------------
# Everyone keeps JupyterHub's default "user" role: their own server and nothing else.
c.JupyterHub.load_roles = [
    {"name": "coursekit-grading", "description": "Open the grading service (nbgrader's formgrader)",
     "groups": ["trainers", "assessors"], "scopes": [f"access:services!service={GRADING}"]},
    {"name": "coursekit-trainer", "description": "See who is on the hub; start and stop learners' servers",
     "groups": ["trainers"], "scopes": ["admin-ui", "list:users", "read:users", "admin:servers!group=learners"]},
]

# -- each person's own server ----------------------------------------------------------------
c.Spawner.cmd = [str(BIN / "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab"
c.Spawner.environment = {"PATH": PATH, "LANG": "C.UTF-8"}

# -- the grading service: formgrader, run as the grader account ------------------------------
grader = settings["grader_account"]
try:
    grader_home = pwd.getpwnam(grader).pw_dir
except KeyError:
    sys.exit(f"The grader account {grader!r} named in {SETTINGS} does not exist. Make it with "
             f"`useradd -m -K HOME_MODE=0700 {grader}`.")
c.JupyterHub.services = [{
    "name": GRADING,
    "display": True,
    "url": f"http://127.0.0.1:{settings['grader_port']}",
    "command": [str(BIN / "jupyterhub-singleuser")],
    "user": grader,
    "cwd": grader_home,
    "environment": {"PATH": PATH, "LANG": "C.UTF-8", "JUPYTERHUB_DEFAULT_URL": "/lab/tree/cohort"},
    "oauth_no_confirm": True,
}]
