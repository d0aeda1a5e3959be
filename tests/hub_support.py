"""A real JupyterHub for tests: real unix users, the hub as root, everything on 127.0.0.1.

``tests/hub_setup.sh`` (run by ``.ci/run``) builds what this needs, outside the tests:
a venv every user can read (``COURSEKIT_HUB_VENV``: JupyterHub 6.1.1 and this checkout's
coursekit) and configurable-http-proxy (``COURSEKIT_HUB_PROXY``). :func:`requirements`
says why a hub cannot run here; :class:`UnixUsers` makes throwaway users (``useradd -m``),
runs commands as them, gives them private copies of folders, puts them in unix groups, and removes
them (``userdel -r``, ``groupdel``); :func:`exchange_site` makes nbgrader's exchange and the site-wide
config naming it, from ``deploy/jupyterhub/nbgrader_config.py``; :class:`Hub` starts JupyterHub from
``deploy/jupyterhub/jupyterhub_config.py`` in a temp folder, with test-only settings (ports on
127.0.0.1, temp folders, a shared password instead of PAM, an admin service token), and stops it.
Nothing reaches beyond loopback.
"""

from __future__ import annotations

import csv
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import time
from pathlib import Path

import requests

VENV_VAR, PROXY_VAR = "COURSEKIT_HUB_VENV", "COURSEKIT_HUB_PROXY"
SETUP = "eval \"$(bash tests/hub_setup.sh)\" (as root)"
SERVICE = "coursekit-test"
TIMEOUT = 90
DEPLOY = Path(__file__).resolve().parent.parent / "deploy" / "jupyterhub"  # what a trust's IT team installs
GRADING = "coursekit-grading"  # the grading service deploy/jupyterhub/jupyterhub_config.py defines


def requirements() -> tuple[str | None, Path | None, Path | None]:
    """(why a hub cannot run here, or None; the hub venv; the proxy command)."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return "The JupyterHub test runs the hub as root and makes unix users, so it must run as root.", None, None
    for tool in ("useradd", "userdel", "runuser", "groupadd", "groupdel"):
        if shutil.which(tool) is None:
            return f"The JupyterHub test needs the `{tool}` command, which is missing.", None, None
    venv, proxy = os.environ.get(VENV_VAR, ""), os.environ.get(PROXY_VAR, "")
    if not venv or not proxy:
        return (f"The JupyterHub test needs {VENV_VAR} and {PROXY_VAR}; build them with {SETUP}.", None, None)
    venv_path, proxy_path = Path(venv), Path(proxy)
    for tool in ("jupyterhub", "jupyterhub-singleuser", "coursekit", "nbgrader"):
        if not os.access(venv_path / "bin" / tool, os.X_OK):
            return f"{VENV_VAR}={venv} has no bin/{tool}; build it with {SETUP}.", None, None
    if not os.access(proxy_path, os.X_OK):
        return f"{PROXY_VAR}={proxy} is not an executable configurable-http-proxy; build it with {SETUP}.", None, None
    if shutil.which("node") is None:
        return "configurable-http-proxy needs Node.js (`apt-get install nodejs`).", None, None
    return None, venv_path, proxy_path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class UnixUsers:
    """Throwaway unix users ``ckt<random><role>`` with home folders; :meth:`remove` deletes them."""

    def __init__(self, *roles: str):
        self.tag = tag = secrets.token_hex(3)
        self.names = {role: f"ckt{tag}{role}" for role in roles}
        self.made: list[str] = []
        self.groups: list[str] = []

    def create(self) -> "UnixUsers":
        for name in self.names.values():
            # Private homes, as Debian's `adduser` makes them: plain `useradd -m` follows UMASK (022),
            # which would let every learner read every other learner's answers files.
            subprocess.run(["useradd", "-m", "-K", "HOME_MODE=0700", "-s", "/bin/bash", name],
                           check=True, capture_output=True, text=True)
            self.made.append(name)
        return self

    def __getitem__(self, role: str) -> str:
        return self.names[role]

    def home(self, role: str) -> Path:
        return Path(pwd.getpwnam(self.names[role]).pw_dir)

    def group(self, suffix: str, *roles: str) -> str:
        """A new unix group ``ckt<random><suffix>`` holding these users; :meth:`remove` deletes it."""
        name = f"ckt{self.tag}{suffix}"
        members = ",".join(self.names[role] for role in roles)
        subprocess.run(["groupadd", *(["-U", members] if members else []), name],
                       check=True, capture_output=True, text=True)
        self.groups.append(name)
        return name

    def remove(self) -> list[str]:
        """Delete every user made, with their home folder, and every group; returns the problems (empty if none)."""
        problems = []
        for name in reversed(self.groups):
            proc = subprocess.run(["groupdel", name], capture_output=True, text=True)
            if proc.returncode != 0:
                problems.append(f"groupdel {name}: exit {proc.returncode}: {proc.stderr.strip()}")
        self.groups.clear()
        for name in reversed(self.made):
            proc = subprocess.run(["userdel", "-r", name], capture_output=True, text=True)
            if proc.returncode not in (0, 12):  # 12: home folder could not be removed in full
                problems.append(f"userdel -r {name}: exit {proc.returncode}: {proc.stderr.strip()}")
        self.made.clear()
        return problems

    def argv(self, role: str, venv: Path, *command: str, env: dict[str, str] | None = None) -> list[str]:
        """``command`` as this user (``runuser``), with a clean environment, the hub venv first on
        PATH, and ``env`` added."""
        name, home = self.names[role], self.home(role)
        clean = {"HOME": str(home), "USER": name, "LOGNAME": name, "LANG": "C.UTF-8",
                 "PATH": f"{venv / 'bin'}:/usr/local/bin:/usr/bin:/bin", **(env or {})}
        return ["runuser", "-u", name, "--", "env", "-i", *(f"{k}={v}" for k, v in clean.items()), *command]

    def run(self, role: str, venv: Path, *command: str, cwd: Path | None = None, check: bool = True,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
        """Run a command as this user, with a clean environment and the hub venv first on PATH."""
        name = self.names[role]
        proc = subprocess.run(self.argv(role, venv, *command, env=env), cwd=cwd or self.home(role),
                              capture_output=True, text=True, timeout=300)
        if check and proc.returncode != 0:
            raise AssertionError(f"`{' '.join(command)}` as {name} failed (exit {proc.returncode}):\n"
                                 f"{proc.stdout}\n{proc.stderr}")
        return proc

    def give_file(self, role: str, source: Path, relative: str) -> Path:
        """A copy of the file ``source`` at ``relative`` in this user's home, owned by them and private."""
        target = self.home(role) / relative
        entry = pwd.getpwnam(self.names[role])
        target.parent.mkdir(parents=True, exist_ok=True)
        os.chown(target.parent, entry.pw_uid, entry.pw_gid)
        shutil.copyfile(source, target)
        os.chown(target, entry.pw_uid, entry.pw_gid)
        target.chmod(0o600)
        return target

    def give(self, role: str, source: Path, name: str) -> Path:
        """A copy of the folder ``source`` in this user's home, owned by them and private (mode 0700)."""
        target = self.home(role) / name
        shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints", "*.answers.json"))
        entry = pwd.getpwnam(self.names[role])
        for path in (target, *target.rglob("*")):
            os.chown(path, entry.pw_uid, entry.pw_gid, follow_symlinks=False)
        target.chmod(0o700)
        return target


def exchange_site(base: Path) -> tuple[Path, Path]:
    """nbgrader's exchange and a site-wide config naming it, in ``base``: (exchange, the folder to give as
    JUPYTER_CONFIG_PATH). The exchange is made as deploy/jupyterhub/README.md asks the server's
    administrator to make it: open to all, as nbgrader needs, with the sticky bit (1777). The config is
    deploy/jupyterhub/nbgrader_config.py (coursekit's submit) with this exchange. ``base`` is readable by every user."""
    base.chmod(0o755)
    exchange = base / "exchange"
    exchange.mkdir()
    exchange.chmod(0o1777)
    site = base / "etc" / "jupyter"
    site.mkdir(parents=True)
    (site / "nbgrader_config.py").write_text(
        (DEPLOY / "nbgrader_config.py").read_text("utf-8")
        + f"\n# -- test-only override (tests/hub_support.py) --\nc.Exchange.root = {str(exchange)!r}\n")
    for folder in (base / "etc", site):
        folder.chmod(0o755)
    (site / "nbgrader_config.py").chmod(0o644)
    return exchange, site


def write_roster(path: Path, learners: dict[str, str], board: str) -> Path:
    """A roster CSV every user can read: {learner id: name}, all on one board."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "name", "email", "board"])
        for learner, name in learners.items():
            writer.writerow([learner, name, f"{learner}@nhs.example", board])
    path.chmod(0o644)
    return path


def course_option(venv: Path, course: Path) -> list[str]:
    """``["--course", course]`` when the hub's coursekit reads the course from a folder (``cohort init
    --course``), else nothing: an older coursekit copies it from the package instead."""
    proc = subprocess.run([str(venv / "bin" / "coursekit"), "cohort", "init", "--help"],
                          capture_output=True, text=True, timeout=120)
    return ["--course", str(course)] if "--course" in proc.stdout else []


#: Test-only settings, in place of /etc/coursekit/hub.toml (deploy/jupyterhub/hub.toml's keys).
HUB_SETTINGS = """learners_group = {learners!r}
trainers_group = {trainers!r}
assessors_group = {assessors!r}
grader_account = {grader!r}
grader_port = {grader_port}
bind_url = "http://127.0.0.1:{port}"
ssl_cert = ""
ssl_key = ""
data_dir = {data_dir!r}
"""

#: Appended to deploy/jupyterhub/jupyterhub_config.py: what only the test changes.
HUB_OVERRIDES = '''
# -- test-only overrides (tests/hub_support.py) --
c.JupyterHub.hub_bind_url = "http://127.0.0.1:{hub_port}"
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{proxy_api_port}"
c.ConfigurableHTTPProxy.command = [{proxy!r}]
c.JupyterHub.cleanup_servers = True
c.JupyterHub.authenticator_class = "shared-password"  # the test's users have no password for PAM
c.SharedPasswordAuthenticator.user_password = {password!r}
c.Authenticator.allowed_users = {users!r}
c.JupyterHub.services.append({{"name": {service!r}, "api_token": {token!r}}})
c.JupyterHub.load_roles.append({{"name": "coursekit-test-admin", "services": [{service!r}],
                                "scopes": ["admin:users", "admin:servers", "tokens", "access:servers"]}})
c.Spawner.ip = "127.0.0.1"
c.Spawner.environment.update({environment!r})
c.JupyterHub.services[0]["environment"].update({environment!r})
c.Spawner.start_timeout = {timeout}
c.Spawner.http_timeout = {timeout}
'''


class Hub:
    """JupyterHub from ``venv`` in ``folder`` (which it owns), started from deploy/jupyterhub's files with
    test-only settings, an admin service token, and the unix groups ``groups`` ({"learners": group name,
    "trainers": ..., "assessors": ...}) and grading service run as ``grader``."""

    def __init__(self, folder: Path, venv: Path, proxy: Path, users: list[str], groups: dict[str, str],
                 grader: str, single_user_env: dict[str, str]):
        self.folder, self.venv, self.proxy = folder, venv, proxy
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.token = secrets.token_hex(32)
        self.users, self.groups, self.grader, self.single_user_env = users, groups, grader, single_user_env
        self.process: subprocess.Popen | None = None
        self.log = folder / "hub.log"
        self.settings = folder / "hub.toml"

    def config(self) -> str:
        env = {"PATH": f"{self.venv / 'bin'}:/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8", **self.single_user_env}
        return (DEPLOY / "jupyterhub_config.py").read_text("utf-8") + HUB_OVERRIDES.format(
            hub_port=free_port(), proxy_api_port=free_port(), proxy=str(self.proxy),
            password=secrets.token_urlsafe(12), users=set(self.users), service=SERVICE, token=self.token,
            environment=env, timeout=TIMEOUT)

    def settings_text(self) -> str:
        return HUB_SETTINGS.format(port=self.port, grader=self.grader, grader_port=free_port(),
                                   data_dir=str(self.folder), **self.groups)

    def service_url(self, name: str = GRADING) -> str:
        return f"{self.url}/services/{name}"

    def start(self) -> "Hub":
        (self.folder / "jupyterhub_config.py").write_text(self.config())
        self.settings.write_text(self.settings_text())
        env = {"PATH": f"{self.venv / 'bin'}:/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": str(self.folder),
               "COURSEKIT_HUB_SETTINGS": str(self.settings)}
        with self.log.open("w") as log:
            self.process = subprocess.Popen([str(self.venv / "bin" / "jupyterhub"), "-f", "jupyterhub_config.py"],
                                            cwd=self.folder, env=env, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"JupyterHub stopped at start (exit {self.process.returncode}):\n{self.log_tail()}")
            try:
                if requests.get(f"{self.url}/hub/api/", timeout=2).status_code == 200:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"JupyterHub did not answer at {self.url} within {TIMEOUT} s:\n{self.log_tail()}")

    def log_tail(self, lines: int = 60) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no hub log)"

    def api(self, method: str, path: str, token: str | None = None, **kwargs) -> requests.Response:
        """Call the hub's REST API (``/hub/api<path>``), as the service unless a token is given."""
        headers = {"Authorization": f"token {token or self.token}"}
        return requests.request(method, f"{self.url}/hub/api{path}", headers=headers, timeout=60, **kwargs)

    def user_token(self, user: str) -> str:
        """A new API token owned by ``user``, with the user's own permissions."""
        reply = self.api("POST", f"/users/{user}/tokens", json={"note": "coursekit hub test"})
        reply.raise_for_status()
        return reply.json()["token"]

    def start_server(self, user: str, token: str) -> "UserServer":
        """Start ``user``'s server through the hub, as that user, and wait until it is ready."""
        reply = self.api("POST", f"/users/{user}/server", token=token)
        if reply.status_code not in (201, 202, 400):  # 400: already running
            raise RuntimeError(f"The hub refused to start {user}'s server ({reply.status_code}): {reply.text}\n{self.log_tail()}")
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            model = self.api("GET", f"/users/{user}", token=token).json()
            server = (model.get("servers") or {}).get("")
            if server and server.get("ready"):
                return UserServer(self.url + server["url"], token)
            time.sleep(0.5)
        raise RuntimeError(f"{user}'s server was not ready within {TIMEOUT} s:\n{self.log_tail()}")

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.terminate()  # the hub stops every user's server and its proxy (cleanup_servers)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self.process = None


class UserServer:
    """One user's single-user server, reached through the hub's proxy with that user's token."""

    def __init__(self, url: str, token: str):
        self.url, self.token = url.rstrip("/"), token

    def request(self, method: str, path: str, **kwargs) -> requests.Response:
        headers = {"Authorization": f"token {self.token}"}
        reply = requests.request(method, f"{self.url}/{path.lstrip('/')}", headers=headers, timeout=120, **kwargs)
        return reply

    def json(self, method: str, path: str, **kwargs):
        reply = self.request(method, path, **kwargs)
        if reply.status_code >= 400:
            raise AssertionError(f"{method} {self.url}/{path} answered {reply.status_code}: {reply.text[:2000]}")
        return reply.json()
