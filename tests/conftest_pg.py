"""The ``postgres`` fixture: one private PostgreSQL server for the whole test session.

Imported by ``conftest.py``. Tests ask for ``postgres`` and call ``postgres.new_database()``
for an empty gradebook database of their own. Without PostgreSQL (Debian's ``postgresql``
package) or the ``psycopg`` driver the tests skip and say why; in CI
(``COURSEKIT_REQUIRE_POSTGRES=1``, or CI's strict ``COURSEKIT_REQUIRE_BROWSER=1``)
they fail instead, so a missing database server can never pass unseen.
"""

from __future__ import annotations

import os

import pytest

from pg_support import PostgresServer, driver_missing, find_bin_dir


def postgres_required() -> bool:
    return any(os.environ.get(name, "").strip() == "1"
               for name in ("COURSEKIT_REQUIRE_POSTGRES", "COURSEKIT_REQUIRE_BROWSER"))


def _no_postgres(reason: str) -> None:
    if postgres_required():
        pytest.fail(f"{reason} COURSEKIT_REQUIRE_POSTGRES=1 (or COURSEKIT_REQUIRE_BROWSER=1) is set, "
                    "so this is a failure, not a skip.", pytrace=False)
    pytest.skip(f"{reason} Set COURSEKIT_REQUIRE_POSTGRES=1 to make this a failure.")


@pytest.fixture(scope="session")
def postgres():
    """A running private PostgreSQL server on 127.0.0.1, stopped and removed after the session."""
    bin_dir = find_bin_dir()
    if bin_dir is None:
        _no_postgres("PostgreSQL tests need Debian's PostgreSQL server (initdb and pg_ctl), which is missing: "
                     "install it with `apt-get install -y postgresql`.")
    missing = driver_missing()
    if missing:
        _no_postgres(f"PostgreSQL tests need a database driver, but {missing}.")
    server = PostgresServer(bin_dir)
    try:
        server.start()
    except Exception as err:  # noqa: BLE001 - report any start-up failure in the test's words
        server.stop()
        _no_postgres(f"A private PostgreSQL server could not be started: {err}")
    try:
        yield server
    finally:
        server.stop()
