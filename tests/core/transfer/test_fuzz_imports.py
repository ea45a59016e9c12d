"""Issue 16: fuzzing every way in (full JSON, CSV, XLSX, restore). Two properties per path:
  * nothing crashes: a bad input ends in a UserFacingError (a message for the clerk) or is accepted;
  * nothing a form refuses is stored: whatever was accepted passes the forms' validators afterwards.

Small budget in the normal suite; `WKUS_FUZZ_EXAMPLES=10000 pytest tests/core/transfer/test_fuzz_imports.py`
for the long run (see README, "Fuzzing the imports"). The counters of each run are printed with -s.
"""

from __future__ import annotations

import copy
import io
import json
import os
import random
import sqlite3
import zipfile
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core.errors import UserFacingError
from tests.core.backup_fixtures import demo_template  # noqa: F401

EXAMPLES = int(os.environ.get("WKUS_FUZZ_EXAMPLES", "25"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
STATS: dict[str, Counter[str]] = {}

#: values an attacker or a broken tool would put into a JSON field
HOSTILE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True),
    st.sampled_from(
        [
            -5,
            0,
            1800,
            3000,
            2024,
            2100,
            2101,
            1999,
            -1,
            2**63,
            "12.3456789",
            "-100.00",
            "1e3",
            "NaN",
            "Infinity",
            "0.001",
            "99999999999999999.99",
            "",
            " ",
            "x" * 5000,
            "Fundacja \ud800",
            "Kraków\u202e",
            "a\u0000b",
            "\ufffd",
            "2024-02-30",
            "0000-01-01",
            "9999-12-31",
            "2024-13-01",
            "1",
            "WSPARCIE",
            "ACTIVE",
            [1, [2, [3]]],
            {"a": {"b": 1}},
        ]
    ),
    st.text(max_size=60),
    st.recursive(st.integers(), lambda inner: st.lists(inner, max_size=3), max_leaves=10),
)


def _count(path: str, outcome: str) -> None:
    STATS.setdefault(path, Counter())[outcome] += 1
    log = os.environ.get("WKUS_FUZZ_LOG")
    if log and sum(STATS[path].values()) % 100 == 0:  # progress of a long run, readable while it runs
        with open(log, "a", encoding="utf-8") as fh:
            fh.write(f"{path}: {dict(STATS[path])}\n")


@pytest.fixture(scope="module", autouse=True)
def _report_counts():  # type: ignore[no-untyped-def]
    yield
    for path, counts in sorted(STATS.items()):
        print(f"\nfuzz {path}: {dict(counts)}")


@pytest.fixture(scope="module")
def export(demo_template: Path) -> dict[str, Any]:  # noqa: F811
    from app.core.db.engine import open_database
    from app.core.transfer.full_json import export_data

    db = open_database(demo_template)
    try:
        return export_data(db)
    finally:
        db.dispose()


class _Databases:
    """A fresh empty database per accepted input (a refused input leaves the current one empty)."""

    def __init__(self, folder: Path) -> None:
        from app.core.db.engine import open_database

        self.folder, self.n = folder, 0
        self.template = folder / "template.sqlite"
        open_database(self.template).dispose()  # migrated once; each new database is a copy of it
        self.db = self._new()

    def _new(self):  # type: ignore[no-untyped-def]
        import shutil

        from app.core.db.engine import open_database

        self.n += 1
        path = self.folder / f"f{self.n}.sqlite"
        shutil.copyfile(self.template, path)
        if self.n > 2:
            (self.folder / f"f{self.n - 2}.sqlite").unlink(missing_ok=True)  # a long run must not fill the disk
        return open_database(path)

    def renew(self) -> None:
        self.db.dispose()
        self.db = self._new()


@pytest.fixture(scope="module")
def empty(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    holder = _Databases(tmp_path_factory.mktemp("fuzz"))
    yield holder
    holder.db.dispose()


def _stored_passes_the_forms(db) -> None:  # type: ignore[no-untyped-def]
    """Everything in the database, exported and read back through the import's checks (the forms'
    validators and the column rules): no problem may be found."""
    from app.core.transfer.full_json import _from_json, _tables, export_data
    from app.core.transfer.json_checks import check_column_values, check_records

    data = export_data(db)
    problems: list[Any] = []
    converted: dict[str, list[dict[str, Any]]] = {}
    for table in _tables():
        rows = []
        for index, row in enumerate(data["tables"].get(table.name, [])):
            values = {k: _from_json(table.c[k], v) for k, v in row.items()}
            problems += check_column_values(table, values, f"{table.name}[{index}]", set(row))
            rows.append(values)
        converted[table.name] = rows
    problems += check_records(converted)
    assert not problems, problems[:5]


# ---- full JSON -------------------------------------------------------------------------------


MUTATED_TABLES = [
    "organisation",
    "contract",
    "tranche",
    "own_contribution",
    "planned_result",
    "result_value",
    "public_task",
    "procedure",
    "contract_report",
    "control",
    "gmina",
    "organisation_area",
    "cooperation_programme",
    "programme_priority",
    "nonfinancial_cooperation",
    "tool_entry",
]


@FUZZ
@given(data=st.data())
def test_fuzz_full_json(export: dict[str, Any], empty: _Databases, tmp_path_factory, data: Any) -> None:  # type: ignore[no-untyped-def]
    from app.core.transfer.full_json import database_has_data, import_file

    mutated = copy.deepcopy(export)
    for _step in range(data.draw(st.integers(1, 3))):
        table = data.draw(st.sampled_from([t for t in MUTATED_TABLES if mutated["tables"].get(t)]))
        rows = mutated["tables"][table]
        index = data.draw(st.integers(0, len(rows) - 1))
        if not isinstance(rows[index], dict):
            continue
        how = data.draw(st.sampled_from(["value", "value", "value", "drop", "swap years", "not a record"]))
        column = data.draw(st.sampled_from(sorted(rows[index])))
        if how == "value":
            rows[index][column] = data.draw(HOSTILE)
        elif how == "drop":
            del rows[index][column]
        elif how == "swap years" and "start_date" in rows[index]:
            rows[index]["start_date"], rows[index]["end_date"] = rows[index]["end_date"], rows[index]["start_date"]
        elif how == "not a record":
            rows[index] = data.draw(HOSTILE)
    text = json.dumps(mutated, ensure_ascii=True)
    if data.draw(st.integers(0, 9)) == 0:  # now and then damage the text itself
        rnd = random.Random(data.draw(st.integers(0, 2**32)))
        pos = rnd.randrange(len(text))
        text = text[:pos] + rnd.choice(["[" * 50_000, "}", '"', "\\ud800", "\x00", ""]) + text[pos + 1 :]
    path = tmp_path_factory.getbasetemp() / "fuzz.json"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        import_file(empty.db, path)
    except UserFacingError as exc:
        assert exc.message.strip()
        assert not database_has_data(empty.db)
        _count("json", "refused")
        return
    _count("json", "accepted")
    _stored_passes_the_forms(empty.db)
    empty.renew()


# ---- CSV and XLSX ------------------------------------------------------------------------------


CSV_SEED = (
    "Nazwa;NIP;Kod pocztowy;Miejscowość;E-mail;Aktywna\n"
    "Stowarzyszenie Żółw;526-025-02-74;16-100;Łódź;zolw@example.pl;tak\n"
    "Fundacja Ćma;;16-101;Gdańsk;;nie\n"
)


def _mutate_bytes(data: bytes, rnd: random.Random, count: int) -> bytes:
    buf = bytearray(data)
    for _ in range(count):
        op = rnd.randrange(4)
        pos = rnd.randrange(len(buf) + 1)
        if op == 0 and buf:
            buf[min(pos, len(buf) - 1)] = rnd.randrange(256)
        elif op == 1:
            buf[pos:pos] = rnd.choice(
                [
                    b"\xff",
                    b"\x00",
                    b"\x1b",
                    "\u202e".encode(),
                    b"\xef\xbf\xbd",
                    b'"',
                    b";",
                    b"\n",
                    "＝1+1".encode(),
                    b"=HYPERLINK(1)",
                    "ą".encode("cp1250"),
                ]
            )
        elif op == 2 and buf:
            del buf[min(pos, len(buf) - 1)]
        else:
            buf[pos:pos] = bytes(rnd.randrange(256) for _ in range(rnd.randrange(1, 8)))
    return bytes(buf)


def _import_organisations(db, path: Path, name: str) -> bool:  # type: ignore[no-untyped-def]
    """True when rows were written (the database must then be replaced for the next input)."""
    from app.core.intake import text_problem
    from app.core.services.organisations import (
        get_organisation,
        list_organisations,
        organisation_input,
        validate_organisation,
    )
    from app.core.transfer.org_import import commit_import, preview_import

    try:
        preview = preview_import(db, path)
    except UserFacingError as exc:
        assert exc.message.strip()
        _count(name, "refused")
        return False
    _count(name, "rows accepted" if preview.valid_rows else "all rows rejected")
    if not preview.valid_rows:
        return False
    commit_import(db, preview)
    for row in list_organisations(db):
        data = organisation_input(get_organisation(db, row.id))
        assert validate_organisation(data) == [], data
        for value in data.__dict__.values():
            if isinstance(value, str):
                assert text_problem(value, controls_allowed=False) is None, value
    _stored_passes_the_forms(db)
    return True


@FUZZ
@given(seed=st.integers(0, 2**32), count=st.integers(1, 12), legacy=st.booleans())
def test_fuzz_csv(empty: _Databases, tmp_path_factory, seed: int, count: int, legacy: bool) -> None:  # type: ignore[no-untyped-def]
    raw = CSV_SEED.encode("cp1250" if legacy else "utf-8")
    path = tmp_path_factory.getbasetemp() / "fuzz.csv"
    path.write_bytes(_mutate_bytes(raw, random.Random(seed), count))
    if _import_organisations(empty.db, path, "csv"):
        empty.renew()


@pytest.fixture(scope="module")
def xlsx_seed(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    for line in CSV_SEED.splitlines():
        ws.append(line.split(";"))
    ws["B4"] = "=A1"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _mutate_xlsx(seed: bytes, rnd: random.Random, count: int) -> bytes:
    """Either the zip's bytes are damaged, or one XML part inside is (then re-zipped properly)."""
    if rnd.random() < 0.4:
        return _mutate_bytes(seed, rnd, count)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(seed)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        names = zin.namelist()
        victim = rnd.choice(names)
        for name in names:
            part = zin.read(name)
            if name == victim:
                if rnd.random() < 0.2:
                    continue  # a part missing altogether
                part = _mutate_bytes(part, rnd, count)
            zout.writestr(name, part)
    return out.getvalue()


@FUZZ
@given(seed=st.integers(0, 2**32), count=st.integers(1, 8))
def test_fuzz_xlsx(empty: _Databases, xlsx_seed: bytes, tmp_path_factory, seed: int, count: int) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.getbasetemp() / "fuzz.xlsx"
    path.write_bytes(_mutate_xlsx(xlsx_seed, random.Random(seed), count))
    if _import_organisations(empty.db, path, "xlsx"):
        empty.renew()


# ---- restore -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sealed_backup(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The backup every restore input is cut from. The reference gmina (built through the services, so
    its change log is keyed and complete; 0.35 MB) by default: a mutated byte lands more often in
    something that matters than in the 1.7 MB demo, and checking it costs a tenth, so a 10 000-input
    run fits in an hour on one core. `WKUS_FUZZ_RESTORE_SEED=demo` fuzzes the demo gmina's backup."""
    from app.core.backup import make_backup
    from app.core.db.engine import open_database
    from tests.core.reference_gmina import build_reference_gmina

    folder = tmp_path_factory.mktemp("fuzzbackup")
    if os.environ.get("WKUS_FUZZ_RESTORE_SEED", "reference") == "demo":
        source = request.getfixturevalue("demo_template")
    else:
        source = folder / "wzorcowa.sqlite"
        db = open_database(source)
        build_reference_gmina(db)
        db.dispose()
    target = folder / "kopia.sqlite"
    make_backup(source, target)
    return target.read_bytes()


#: each statement picks an existing row whatever the seed holds ({n} modulo the table's row count)
_SQL_TAMPERING = [
    "UPDATE tranche SET amount = amount * 10 WHERE id = {row:tranche}",
    "DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)",
    "UPDATE organisation SET name = 'X' WHERE id = {row:organisation}",
    "DELETE FROM organisation_sphere WHERE id = {row:organisation_sphere}",
    "DELETE FROM contract WHERE id = {row:contract}",
    "UPDATE audit_log SET new_value = '{{}}' WHERE id = {row:audit_log}",
    "UPDATE audit_log SET row_digest = NULL WHERE id = {row:audit_log}",
    "INSERT INTO organisation_area (organisation_id, area) SELECT id, 'SOC' FROM organisation WHERE id = "
    "{row:organisation}",
    "DELETE FROM result_value WHERE id = {row:result_value}",
    "DROP TABLE control",
    "DELETE FROM setting",
    # the newest row only: every row at once breaks its UNIQUE key and changes nothing (the 10 000-input
    # run of 6 December 2026 had that no-op here)
    "UPDATE schema_version SET version = 99 WHERE version = (SELECT max(version) FROM schema_version)",
]


class _Row:
    """`{row:table}` in a statement: the id of the table's (n mod count)-th row."""

    def __init__(self, n: int) -> None:
        self.n = n

    def __format__(self, spec: str) -> str:
        return f"(SELECT id FROM {spec} ORDER BY id LIMIT 1 OFFSET ({self.n} % max(1, (SELECT count(*) FROM {spec}))))"


@FUZZ
@given(seed=st.integers(0, 2**32), count=st.integers(1, 6), how=st.sampled_from(["bytes", "sql", "sql"]))
def test_fuzz_restore(sealed_backup: bytes, tmp_path_factory, seed: int, count: int, how: str) -> None:  # type: ignore[no-untyped-def]
    import shutil

    # the same folder for every input: the checks' engines are kept per file (sqlite_file._engine_for),
    # so the statements are compiled once per run instead of once per input
    folder = tmp_path_factory.getbasetemp() / "restore"
    shutil.rmtree(folder, ignore_errors=True)  # three copies of a database per input: not kept
    folder.mkdir()
    _restore_once(sealed_backup, folder, seed, count, how)


def _restore_once(sealed_backup: bytes, folder: Path, seed: int, count: int, how: str) -> None:
    from app.core.backup import full_check, restore

    rnd = random.Random(seed)
    backup = folder / "kopia.sqlite"
    if how == "bytes":
        data = bytearray(sealed_backup)
        for _ in range(count):  # past the 100-byte header, so the file still looks like SQLite
            data[rnd.randrange(100, len(data))] = rnd.randrange(256)
        backup.write_bytes(bytes(data))
    else:
        backup.write_bytes(sealed_backup)
        con = sqlite3.connect(backup)
        try:
            con.execute(rnd.choice(_SQL_TAMPERING).format(row=_Row(rnd.randrange(0, 1000))))
            con.commit()
        except sqlite3.DatabaseError:
            pass
        con.close()
    target = folder / "gmina.sqlite"
    target.write_bytes(sealed_backup)
    (folder / "kopie").mkdir()
    try:
        restore(target, backup, folder=folder / "kopie")
    except UserFacingError as exc:
        assert exc.message.strip()
        _count("restore", f"{how} refused")
        return
    _count("restore", f"{how} restored")
    report = full_check(target)  # whatever was restored is complete, sound and untampered
    assert report.ok, (report.summary(), report.tampering)


def test_counts_are_exact_decimal() -> None:
    # the fuzzers' money oracle: stored amounts keep two decimals exactly (12.3456789 is never rounded in)
    from app.core.intake import stored_money

    assert stored_money("12.34") == Decimal("12.34")
    with pytest.raises(ValueError):
        stored_money("12.3456789")
