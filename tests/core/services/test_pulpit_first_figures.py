"""The Pulpit's figures read at start-up straight from the SQLite file (stdlib sqlite3, before SQLAlchemy is
imported) are identical to those read through the opened database, and to the whole-object (ORM) readings
kept in tests/core/services/test_fast_reads.py: on the demo gmina, the reference gmina and a generated
gmina, at several dates, with windows of 60 and 365 days and none, with and without met deadlines."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from app.core.db.engine import Database, open_database
from app.core.db.plain_reads import Reader, read_current_file
from app.core.law import deadlines as law_deadlines
from app.core.services.dashboard import dashboard
from app.core.services.gmina import _record
from app.core.services.gmina_read import read_gmina
from tests.core.backup_fixtures import demo_db, demo_path, demo_template  # noqa: F401
from tests.core.services.test_fast_reads import _orm_deadlines, _orm_upcoming


def _figures(source: Database | Reader, today: dt.date) -> tuple[Any, ...]:
    return (
        dashboard(source, today),
        dashboard(source, today, days=365),
        read_gmina(source),
        law_deadlines.collect_deadlines(source, today, days=60),
        law_deadlines.collect_deadlines(source, today, days=365, include_met=True),
        law_deadlines.collect_deadlines(source, today),
        law_deadlines.collect_deadlines(source, today, include_met=True),
    )


def _from_file(path: Path, today: dt.date) -> tuple[Any, ...]:
    figures = read_current_file(path, lambda reader: _figures(reader, today))
    assert figures is not None  # the file is of the current schema: read directly
    return figures


def _orm_gmina(db: Database) -> Any:
    from sqlalchemy import select

    from app.core.db.models import Gmina

    with db.session() as s:
        g = s.scalars(select(Gmina).order_by(Gmina.id)).first()
        return _record(g) if g else None


def _upcoming(data: Any) -> list[tuple[Any, ...]]:
    return [
        (u.date, u.kind, u.contract_id, u.contract_number, u.contract_title, u.organisation_names, u.amount, u.detail)
        for u in data.upcoming
    ]


def _same_as_objects(reader: Reader, db: Database, today: dt.date) -> int:
    """The file's figures against the whole-object readings; the number of deadlines compared."""
    assert _upcoming(dashboard(reader, today)) == _orm_upcoming(db, today)
    assert _upcoming(dashboard(reader, today, days=365)) == _orm_upcoming(db, today, days=365)
    every = law_deadlines.deadlines_from_session(reader, today)
    assert every == _orm_deadlines(db, today)
    return len(every)


#: before, during and after the demo's contracts (2024–2027), and the demo's own "today"
DEMO_DAYS = [dt.date(2023, 6, 1), dt.date(2025, 1, 31), dt.date(2026, 3, 2), dt.date(2026, 12, 1), dt.date(2028, 1, 1)]


def test_the_demo_read_from_the_file_equals_the_opened_database_and_the_objects(demo_db, demo_path) -> None:  # noqa: F811
    compared = met = 0
    for today in DEMO_DAYS:
        figures = _from_file(demo_path, today)
        assert figures == _figures(demo_db, today), today
        met += sum(d.state.name == "MET" for d in figures[-1])
        compared += read_current_file(demo_path, lambda r, today=today: _same_as_objects(r, demo_db, today)) or 0
    assert figures[2] == _orm_gmina(demo_db) and figures[2] is not None and figures[2].is_demo
    assert compared > 500 and met > 100  # hundreds of deadlines a day, many of them met


def test_the_reference_gmina_read_from_the_file_is_the_same(tmp_path: Path) -> None:
    from tests.core.reference_gmina import TODAY, build_reference_gmina

    path = tmp_path / "reference.sqlite"
    db = open_database(path)
    build_reference_gmina(db)
    try:
        for today in (TODAY, TODAY - dt.timedelta(days=400), TODAY + dt.timedelta(days=300)):
            figures = _from_file(path, today)
            assert figures == _figures(db, today), today
            read_current_file(path, lambda r, today=today: _same_as_objects(r, db, today))
        assert _from_file(path, TODAY)[2] == _orm_gmina(db)
    finally:
        db.dispose()


@pytest.fixture(scope="module")
def generated_file(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from tests.core.services.test_pulpit_generated import generated

    db = generated.__wrapped__(tmp_path_factory)  # type: ignore[attr-defined]
    yield db
    db.dispose()


def test_a_generated_gmina_read_from_the_file_is_the_same(generated_file: Database) -> None:
    assert generated_file.path is not None
    listed = 0
    for today in [dt.date(2016, 1, 10), dt.date(2018, 12, 1), dt.date(2021, 7, 1), dt.date(2025, 12, 1)]:
        figures = _from_file(generated_file.path, today)
        assert figures == _figures(generated_file, today), today
        listed += len(figures[3])
        read_current_file(generated_file.path, lambda r, today=today: _same_as_objects(r, generated_file, today))
    assert listed > 20


@pytest.mark.pg
def test_the_same_sql_text_on_the_server_equals_the_object_readings(db) -> None:  # type: ignore[no-untyped-def]
    """The Pulpit's SQL text through SQLAlchemy on PostgreSQL (and SQLite): the demo's deadlines, dates and
    gmina equal the whole-object readings, with met deadlines and with the Pulpit's window."""
    from app.core.demo import load_demo

    load_demo(db, dt.date(2026, 12, 1))
    compared = 0
    for today in DEMO_DAYS:
        every = law_deadlines.deadlines_from_session(db, today)
        assert every == _orm_deadlines(db, today), today
        compared += len(every)
        windowed = law_deadlines.collect_deadlines(db, today, days=60)
        assert windowed == [
            d
            for d in every
            if d.state.name != "MET" and (d.state.name == "OVERDUE" or d.due <= today + dt.timedelta(days=60))
        ], today
        assert _upcoming(dashboard(db, today)) == _orm_upcoming(db, today), today
    assert read_gmina(db) == _orm_gmina(db) and compared > 500
