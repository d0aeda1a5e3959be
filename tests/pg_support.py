"""A private, throwaway PostgreSQL server for tests: never the machine's own cluster.

``initdb`` makes a cluster in a fresh temporary folder, ``pg_ctl`` starts it on
127.0.0.1 at a free port (its socket in the same folder), and :meth:`PostgresServer.stop`
stops it and removes the folder. PostgreSQL refuses to run as root, so when the tests
run as root the server runs as the ``postgres`` user, which Debian's package creates.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

SUPERUSER = "coursekit"


def find_bin_dir() -> Path | None:
    """The folder holding ``initdb`` and ``pg_ctl`` (Debian keeps them out of PATH)."""
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]), reverse=True)
    for folder in candidates:
        if os.access(os.path.join(folder, "initdb"), os.X_OK) and os.access(os.path.join(folder, "pg_ctl"), os.X_OK):
            return Path(folder)
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).resolve().parent
    return None


def driver_missing() -> str | None:
    """Why SQLAlchemy cannot talk to PostgreSQL here, or None."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "the Python driver psycopg is not installed (pip install -e \".[test]\")"
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PostgresServer:
    """One running cluster. Use :meth:`new_database` for a fresh, empty database URL."""

    def __init__(self, bin_dir: Path):
        self.bin_dir = bin_dir
        self.folder = Path(tempfile.mkdtemp(prefix="coursekit-pg-"))
        self.data = self.folder / "data"
        self.port = _free_port()
        self.run_as = "postgres" if os.geteuid() == 0 else None
        self.started = False

    def _run(self, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
        command = [str(self.bin_dir / args[0]), *args[1:]]
        if self.run_as:
            command = ["runuser", "-u", self.run_as, "--", *command]
        proc = subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=self.folder)
        if proc.returncode != 0:
            raise RuntimeError(f"{' '.join(args[:1])} failed (exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
        return proc

    def start(self) -> "PostgresServer":
        if self.run_as:
            shutil.chown(self.folder, self.run_as, self.run_as)
        self._run("initdb", "-D", str(self.data), "-U", SUPERUSER, "--auth=trust", "-E", "UTF8",
                  "--locale=C", "--no-sync")
        options = (f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.folder} "
                   "-c fsync=off -c synchronous_commit=off -c full_page_writes=off")
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.folder / "server.log"),
                  "-w", "-t", "60", "start")
        self.started = True
        return self

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def new_database(self, prefix: str = "gradebook") -> str:
        """Create an empty database and return its SQLAlchemy URL."""
        name = f"{prefix}_{uuid.uuid4().hex[:10]}"
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", SUPERUSER, name)
        return self.url(name)

    def stop(self) -> None:
        try:
            if self.started:
                self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")
                self.started = False
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
