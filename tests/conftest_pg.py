"""The ``postgres`` fixture: one private PostgreSQL server for the whole test session.

Imported by ``conftest.py``. Tests ask for ``postgres`` and call ``postgres.new_database()``
for an empty gradebook database of their own. Without PostgreSQL (Debian's ``postgresql``
package) or the ``psycopg`` driver the tests skip and say why; in CI
(``COURSEKIT_REQUIRE_POSTGRES=1``, or CI's strict ``COURSEKIT_REQUIRE_BROWSER=1``)
they fail instead, so a missing database server can never pass unseen.
"""

from __future__ import annotations

import pytest

from pg_support import PostgresServer, driver_missing, find_bin_dir
from required_support import skip_or_fail


#: Either switch makes a missing PostgreSQL a failure (CI sets both).
SWITCHES = ("COURSEKIT_REQUIRE_POSTGRES", "COURSEKIT_REQUIRE_BROWSER")


def _no_postgres(reason: str) -> None:
    skip_or_fail(reason, *SWITCHES)


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
