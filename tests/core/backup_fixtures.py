"""Shared fixtures for the data-safety tests: a demo database built once and copied per test."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

TODAY = dt.date(2026, 11, 22)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from app.core.db.engine import open_database
    from app.core.demo import load_demo

    path = tmp_path_factory.mktemp("demo") / "template.sqlite"
    db = open_database(path)
    load_demo(db, TODAY)
    db.dispose()
    return path


@pytest.fixture
def demo_path(demo_template: Path, tmp_path: Path) -> Path:
    """A private copy of the demo database (made with the backup API, so WAL content is included)."""
    path = tmp_path / "gmina.sqlite"
    src = sqlite3.connect(demo_template)
    dst = sqlite3.connect(path)
    src.backup(dst)
    dst.close()
    src.close()
    return path


@pytest.fixture
def demo_db(demo_path: Path):
    from app.core.db.engine import open_database

    db = open_database(demo_path)
    yield db
    db.dispose()
