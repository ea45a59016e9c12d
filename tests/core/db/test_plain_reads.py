"""The plain row reader (app.core.db.plain_reads): the same SQL text and the same Python values on the
stdlib sqlite3 driver and through SQLAlchemy, on SQLite and on the tests' PostgreSQL server."""

from __future__ import annotations

import datetime as dt
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest

from app.core.db import plain_reads
from app.core.db.plain_reads import (
    EngineReader,
    as_bool,
    as_date,
    as_int,
    as_money,
    as_text,
    enum_of,
    open_sqlite,
    read_current_file,
)
from app.core.domain.enums import ContractStatus, ReportKind

pytestmark = pytest.mark.pg


def test_conversions_give_the_models_types() -> None:
    assert as_date("2026-12-01") == dt.date(2026, 12, 1)
    assert as_date(dt.date(2026, 12, 1)) == dt.date(2026, 12, 1)  # a server driver's date as it is
    assert as_date(None) is None
    assert (as_bool(0), as_bool(1), as_bool(True), as_bool(None)) == (False, True, True, None)
    # 123 456 grosze = 1 234,56 zł; a server's sum of a BIGINT comes as a numeric
    assert as_money(123456) == Decimal("1234.56") and str(as_money(Decimal(123456))) == "1234.56"
    assert as_money(None) is None
    assert (as_int(Decimal(7)), as_int(None)) == (7, None)
    assert enum_of(ReportKind)("FINAL") is ReportKind.FINAL and enum_of(ReportKind)(None) is None
    assert as_text("Umowa") == "Umowa"


def test_the_schema_the_text_is_written_for_is_the_apps() -> None:
    from app.core.db.migrations import CURRENT_VERSION

    assert plain_reads.LATEST_SCHEMA == CURRENT_VERSION


#: the multi-year contract of tests/core/services/test_dashboard.py's build(): by hand, 10 000 zł paid
#: 20.01.2025, 12 000 zł due 20.01.2026 (not paid: NULL), 14 000 zł due 20.01.2027
TRANCHES = """
SELECT t.budget_year, t.amount, t.payment_date, t.paid_date
FROM tranche t JOIN contract c ON c.id = t.contract_id
WHERE c.title = :title ORDER BY t.budget_year
"""
TYPES = (as_int, as_money, as_date, as_date)
EXPECTED = [
    (2025, Decimal("10000.00"), dt.date(2025, 1, 20), dt.date(2025, 1, 20)),
    (2026, Decimal("12000.00"), dt.date(2026, 1, 20), None),
    (2027, Decimal("14000.00"), dt.date(2027, 1, 20), None),
]
ACTIVE = "SELECT name, active FROM organisation ORDER BY name"
#: Fundacja A active (the default), KGW B entered as inactive
ACTIVE_EXPECTED = [("Fundacja A", True), ("KGW B", False)]
#: 10 000 + 12 000 + 14 000 + 2 500,50 + 5 000 = 43 500,50 zł
TOTAL = [(Decimal("43500.50"),)]


def test_the_same_text_reads_the_same_values_on_each_driver(db) -> None:  # type: ignore[no-untyped-def]
    from tests.core.services.test_dashboard import build

    build(db)
    title = {"title": "Opieka 2025–2027"}
    with db.engine.connect() as connection:
        reader = EngineReader(connection)
        assert reader.rows(TRANCHES, title, TYPES) == EXPECTED
        assert reader.rows(ACTIVE, types=(as_text, as_bool)) == ACTIVE_EXPECTED
        # a date parameter, an enum parameter and an IN list (an empty one matches nothing)
        found = reader.rows(
            "SELECT title, status FROM contract WHERE start_date <= :day AND status IN (:statuses) ORDER BY title",
            {"day": dt.date(2025, 6, 1), "statuses": [ContractStatus.ACTIVE, ContractStatus.SETTLED]},
            (as_text, enum_of(ContractStatus)),
        )
        assert found == [("Festyn 2025", ContractStatus.SETTLED), ("Opieka 2025–2027", ContractStatus.ACTIVE)]
        assert reader.rows("SELECT id FROM contract WHERE id IN (:ids)", {"ids": []}, (as_int,)) == []
        assert reader.rows("SELECT sum(amount) FROM tranche", types=(as_money,)) == TOTAL
    if db.path is not None:  # the stdlib driver on the same file
        with open_sqlite(db.path) as plain:
            assert plain.rows(TRANCHES, title, TYPES) == EXPECTED
            assert plain.rows(ACTIVE, types=(as_text, as_bool)) == ACTIVE_EXPECTED
            assert plain.rows("SELECT sum(amount) FROM tranche", types=(as_money,)) == TOTAL


def test_a_column_count_other_than_the_conversions_is_refused(db_path: Path) -> None:
    sqlite3.connect(db_path).close()
    with open_sqlite(db_path) as reader, pytest.raises(ValueError):
        reader.rows("SELECT 1, 2", types=(as_int,))


def test_the_file_is_read_directly_only_at_the_apps_schema(tmp_path: Path) -> None:
    from app.core.db.engine import open_database

    path = tmp_path / "w.sqlite"
    open_database(path).dispose()
    count = lambda reader: reader.rows("SELECT count(*) FROM contract", types=(as_int,))[0][0]  # noqa: E731
    assert read_current_file(path, count) == 0
    con = sqlite3.connect(path)
    con.execute("DELETE FROM schema_version WHERE version = (SELECT max(version) FROM schema_version)")
    con.commit()
    con.close()
    assert read_current_file(path, count) is None  # a migration pending: opened the usual way
    other = tmp_path / "other.sqlite"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE x (a)")
    con.commit()
    con.close()
    assert read_current_file(other, count) is None  # not a WKUS file: no schema_version table
    assert read_current_file(tmp_path / "missing.sqlite", count) is None
    assert not (tmp_path / "missing.sqlite").exists()  # mode=ro never creates it
