"""Migrations tested for real (issue 8, point 4): every released schema has a fixture database
tests/fixtures/db/vN.sqlite (written by `python -m tools.make_db_fixture`) with vN.json beside it.
Each is opened with the current migrations and must arrive at CURRENT_VERSION with its data intact:
the same row counts and the same sampled values, a sound file and an unbroken change log.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from tools.make_db_fixture import FIXTURE_DIR, make_fixture, sample_row

FIXTURES = sorted(FIXTURE_DIR.glob("v*.sqlite"), key=lambda p: int(p.stem[1:]) if p.stem[1:].isdigit() else 0)


def upgrade_problems(fixture: Path, workdir: Path) -> list[str]:
    """Upgrade a copy of `fixture` (never the fixture itself) and compare it with its JSON."""
    from app.core.backup import full_check
    from app.core.db.engine import open_database
    from app.core.db.migrations import CURRENT_VERSION, schema_version

    expected: dict[str, Any] = json.loads(fixture.with_suffix(".json").read_text(encoding="utf-8"))
    changed = set(expected.get("changed_by_migrations", []))
    copy = workdir / fixture.name
    shutil.copyfile(fixture, copy)
    db = open_database(copy)
    try:
        problems = []
        if schema_version(db) != CURRENT_VERSION:
            problems.append(f"schema {schema_version(db)} after upgrade, expected {CURRENT_VERSION}")
    finally:
        db.dispose()
    con = sqlite3.connect(copy)
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        for table, count in expected["counts"].items():
            if table in changed:
                continue
            if table not in tables:
                problems.append(f"table {table} is gone")
                continue
            found = con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            if found != count:
                problems.append(f"{table}: {found} rows, expected {count}")
        for table, rows in expected["samples"].items():
            if table in changed or table not in tables:
                continue
            for sample in rows:
                row = sample_row(con, table, sample["key"])
                if row is None:
                    problems.append(f"{table} {sample['key']}: row missing")
                    continue
                for column, value in sample["values"].items():
                    if f"{table}.{column}" in changed:
                        continue
                    if column not in row:
                        problems.append(f"{table}.{column} is gone")
                    elif row[column] != value:
                        problems.append(f"{table} {sample['key']} {column}: {row[column]!r}, expected {value!r}")
    finally:
        con.close()
    report = full_check(copy)
    if not report.ok:
        problems.append(f"full check: {report.summary()}")
    return problems


@pytest.mark.parametrize("fixture", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_released_schema_upgrades_with_data_intact(fixture: Path, tmp_path: Path) -> None:
    assert fixture.with_suffix(".json").is_file(), f"{fixture.name} has no JSON of expected values"
    assert upgrade_problems(fixture, tmp_path) == []


def test_every_fixture_has_its_version_number(tmp_path: Path) -> None:
    from app.core.db.migrations import CURRENT_VERSION

    for fixture in FIXTURES:
        recorded = json.loads(fixture.with_suffix(".json").read_text(encoding="utf-8"))["schema_version"]
        assert fixture.stem == f"v{recorded}" and recorded <= CURRENT_VERSION


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return make_fixture(tmp_path_factory.mktemp("fixture"))


def test_the_tool_writes_a_fixture_the_harness_accepts(made: tuple[Path, Path], tmp_path: Path) -> None:
    from app.core.db.migrations import CURRENT_VERSION

    target, expected_path = made
    assert target.name == f"v{CURRENT_VERSION}.sqlite" and not Path(str(target) + "-wal").exists()
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    # the demo gmina as `wkus demo` describes it: 41 NGOs, 25 contracts
    assert expected["counts"]["organisation"] == 41 and expected["counts"]["contract"] == 25
    assert expected["schema_version"] == CURRENT_VERSION
    organisations = expected["samples"]["organisation"]
    assert [s["key"] for s in organisations] == [{"id": 1}, {"id": 21}, {"id": 41}]
    assert organisations[0]["values"]["name"]
    assert "schema_version" not in expected["counts"]
    assert upgrade_problems(target, tmp_path) == []


def test_the_harness_notices_lost_and_changed_data(made: tuple[Path, Path], tmp_path: Path) -> None:
    target, _expected = made
    broken = tmp_path / "in" / target.name
    broken.parent.mkdir()
    shutil.copyfile(target, broken)
    shutil.copyfile(target.with_suffix(".json"), broken.with_suffix(".json"))
    con = sqlite3.connect(broken)
    con.execute("UPDATE organisation SET name = 'Zmieniona' WHERE id = 21")  # a migration garbling a value
    con.execute("DELETE FROM tranche WHERE id = (SELECT max(id) FROM tranche)")  # ...or losing a row
    con.commit()
    con.close()
    work = tmp_path / "work"
    work.mkdir()
    problems = upgrade_problems(broken, work)
    assert any(p.startswith("organisation {'id': 21} name: 'Zmieniona'") for p in problems), problems
    assert any(p.startswith("tranche: ") and "expected" in p for p in problems), problems
    assert any(p.startswith("tranche {'id': ") and "row missing" in p for p in problems), problems


def test_the_tool_never_overwrites_a_released_fixture(made: tuple[Path, Path]) -> None:
    target, _expected = made
    with pytest.raises(SystemExit):
        make_fixture(target.parent)
