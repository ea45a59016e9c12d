"""Test harness: offscreen Qt, a private user-data folder, Polish UI, a fresh database per test."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Never touch the developer's real data folder or settings.
os.environ["WKUS_DATA_DIR"] = tempfile.mkdtemp(prefix="wkus-test-data-")
os.environ.setdefault("MPLBACKEND", "Agg")

from app.core import i18n  # noqa: E402
from app.core.audit import install_audit_hooks  # noqa: E402

i18n.set_language("pl")
install_audit_hooks()


@pytest.fixture(autouse=True)
def _polish_language():
    """Each test starts in Polish, whatever the previous test switched to."""
    i18n.set_language("pl")
    yield
    i18n.set_language("pl")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "wkus.sqlite"


# ----------------------------------------------------------------- SQLite and PostgreSQL (issue 19)
# A test or module marked `pg` runs twice: on an SQLite file and on a real PostgreSQL server that the
# tests start themselves (tests/pg.py). Unmarked tests use SQLite only. `-k postgresql` picks the
# server variants; they are skipped (with the reason) only where no PostgreSQL binaries are installed.

BACKENDS = ("sqlite", "postgresql")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if metafunc.definition.get_closest_marker("pg") and "db_backend" in metafunc.fixturenames:
        metafunc.parametrize("db_backend", BACKENDS, scope="module")


@pytest.fixture(scope="session")
def db_backend() -> str:
    """`sqlite` unless the test is marked `pg` (then parametrised over both backends)."""
    return "sqlite"


@pytest.fixture(scope="session")
def pg_cluster():
    """This process's throwaway PostgreSQL cluster (one per xdist worker), started on first use."""
    from tests.pg import Cluster, unavailable_reason

    reason = unavailable_reason()
    if reason:
        pytest.skip(f"PostgreSQL tests skipped: {reason}")
    cluster = Cluster()
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.stop()


def new_database(request: pytest.FixtureRequest, backend: str, file: Path):  # type: ignore[no-untyped-def]
    """A migrated empty database on `backend` (SQLite: at `file`), disposed (and on the server dropped)
    when `request` ends."""
    from app.core.db.engine import open_database

    if backend == "postgresql":
        cluster = request.getfixturevalue("pg_cluster")
        url = cluster.new_database()
        database = open_database(url)

        def finish() -> None:
            database.dispose()
            cluster.drop(url)
    else:
        database = open_database(file)
        finish = database.dispose
    request.addfinalizer(finish)
    return database


def db_argument(database) -> str:  # type: ignore[no-untyped-def]
    """What `--db` takes for this database on the command line: the file, or the server URL."""
    if database.url is not None:
        return database.url.render_as_string(hide_password=False)
    return str(database.path)


@pytest.fixture
def db(request: pytest.FixtureRequest, db_backend: str, db_path: Path):
    """A freshly created and migrated database (SQLite file; PostgreSQL too in tests marked `pg`)."""
    return new_database(request, db_backend, db_path)
