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


@pytest.fixture
def db(db_path: Path):
    """A freshly created and migrated database."""
    from app.core.db.engine import open_database

    database = open_database(db_path)
    yield database
    database.dispose()
