"""Fixtures shared by the UI tests: the demo gmina as on 1 December 2026, built once per session."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

DEMO_TODAY = dt.date(2026, 12, 1)


def copy_database(template: Path, target: Path) -> None:
    """Copy with SQLite's backup API, so content still in the template's WAL is included."""
    source, dest = sqlite3.connect(template), sqlite3.connect(target)
    try:
        source.backup(dest)
    finally:
        dest.close()
        source.close()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo gmina built once (seconds on a busy machine); each test gets its own copy."""
    from app.core.db.engine import open_database
    from app.core.demo import load_demo

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    database = open_database(path)
    load_demo(database, today=DEMO_TODAY)
    database.dispose()
    return path


@pytest.fixture
def demo_db(demo_template: Path, db_path: Path):  # type: ignore[no-untyped-def]
    """A private copy of the demo, opened (test modules with another demo date define their own)."""
    from app.core.db.engine import open_database

    copy_database(demo_template, db_path)
    database = open_database(db_path)
    yield database
    database.dispose()


@pytest.fixture(autouse=True)
def unsaved_answers(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """The "Zapisz / Odrzuć / Anuluj" question never blocks a test: it is answered "Odrzuć" (what
    closing did before the question existed) unless a test puts another answer first in the list
    `unsaved_answers.answers`; every question asked is recorded in the returned list."""
    from app.ui.widgets import unsaved

    class Asked(list):  # type: ignore[type-arg]
        answers: list[unsaved.Leave]

    asked = Asked()
    answers: list[unsaved.Leave] = []

    def answer(_parent, message: str) -> unsaved.Leave:  # type: ignore[no-untyped-def]
        asked.append(message)
        return answers.pop(0) if answers else unsaved.Leave.DISCARD

    monkeypatch.setattr(unsaved, "ask_unsaved", answer)
    asked.answers = answers
    return asked


#: the day the tools pages are opened on in the UI tests (mid-year: the 2026 scopes are running)
TOOLS_TODAY = dt.date(2026, 6, 1)


@pytest.fixture
def tools_view(qtbot, demo_db):  # type: ignore[no-untyped-def]
    """The Narzędzia view on the demo gmina at 1366 px, waiting for its background work at the end."""
    from PySide6.QtCore import QThreadPool

    from app.ui.views.tools import ToolsView

    v = ToolsView(demo_db, today=TOOLS_TODAY)
    qtbot.addWidget(v)
    v.resize(1366, 740)
    v.show()
    qtbot.waitExposed(v)
    yield v
    assert QThreadPool.globalInstance().waitForDone(120000)
