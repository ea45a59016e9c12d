"""Property-based tests (issue 8, "done when"): malformed rows to every import path and random text
to every validated field. Nothing may crash, and every rejection names the row and the field."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import re
import types
import typing
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core.domain.enums import ContributionKind, LegalForm, RegistryType
from app.core.domain.records import (
    ContractInput,
    ContributionInput,
    ControlInput,
    GminaInput,
    OrganisationInput,
    PartyInput,
    PlannedResultInput,
    ProcedureInput,
    ProgrammeInput,
    ReportInput,
    TaskInput,
    TrancheInput,
)
from app.core.errors import FieldError, UserFacingError
from app.core.services import contracts, gmina, organisations, procedures, programmes, tasks
from app.core.transfer.org_import import ImportPreview, build_preview
from app.core.transfer.tables_in import RawTable, read_csv
from tests.core.backup_fixtures import demo_template  # noqa: F401

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
SLOW = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

#: text a clerk (or a broken spreadsheet) may produce: anything, plus near-misses of numbers and dates
typed = st.one_of(
    st.text(max_size=120),
    st.from_regex(r"\A-?[0-9 ]{0,12}([,.][0-9]{0,4})?\Z"),
    st.from_regex(r"\A[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{2,5}\Z"),
    st.from_regex(r"\A[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}\Z"),
    st.sampled_from(["", " ", "=1+2", "@SUM(A1)", "\x00", "١٢٣", "1e309", "NaN", "-0", "9" * 40, "ą" * 5000]),
)


# ---- random text to every validated service field -------------------------------------------


def _takes_text(annotation: Any) -> bool:
    if annotation is str:
        return True
    args = typing.get_args(annotation)
    return isinstance(annotation, types.UnionType | typing._UnionGenericAlias) and str in args  # type: ignore[attr-defined]


def text_fields(cls: type) -> list[str]:
    hints = typing.get_type_hints(cls)
    return [f.name for f in dataclasses.fields(cls) if _takes_text(hints[f.name])]


def _organisation() -> OrganisationInput:
    return OrganisationInput(
        name="Stowarzyszenie Razem",
        legal_form=LegalForm.STOWARZYSZENIE,
        registry_type=RegistryType.KRS,
        registry_number="0000123456",
        nip="856-734-62-15",
        regon="123456785",
    )


def _contract() -> ContractInput:
    return ContractInput(
        number="OR.526.1.2025",
        title="Usługi opiekuńcze",
        start_date=dt.date(2025, 1, 1),
        end_date=dt.date(2026, 12, 31),
        parties=[PartyInput(1)],
        tranches=[TrancheInput(2025, "100 000,00"), TrancheInput(2026, "120 000")],
        contributions=[ContributionInput(2025, ContributionKind.FINANCIAL, "5 000")],
        planned_results=[PlannedResultInput("Liczba seniorów", "osoby", "listy", 2025, "40", {2025: "36"})],
    )


SERVICES: list[tuple[str, Any, Any]] = [
    ("organisation", organisations.validate_organisation, _organisation),
    (
        "gmina",
        gmina.validate_gmina,
        lambda: GminaInput(name="Gmina Turek", nip="668-185-79-56", regon="311019556", teryt="3018022"),
    ),
    ("task", tasks.validate_task, lambda: TaskInput(title="Świetlice", area="SOC", spheres=("1a", "15"))),
    (
        "programme",
        programmes.validate_programme,
        lambda: ProgrammeInput(title="Program 2026", year_from=2026, year_to=2026),
    ),
    (
        "procedure",
        procedures.validate_procedure,
        lambda: ProcedureInput(
            title="Konkurs 2026",
            budget_year=2026,
            planned_amount="120 000",
            published_bip=dt.date(2026, 1, 5),
            offer_deadline=dt.date(2026, 1, 27),
        ),
    ),
    ("contract", contracts.validate_contract, _contract),
    ("report", contracts.validate_report, lambda: ReportInput(budget_year=2025, cost_total="1000", cost_grant="800")),
    ("control", contracts.validate_control, lambda: ControlInput(control_date=dt.date(2025, 5, 1), scope="całość")),
]
#: nested table rows of the contract form: (attribute, row class)
CONTRACT_ROWS = [
    ("tranches", TrancheInput),
    ("contributions", ContributionInput),
    ("planned_results", PlannedResultInput),
]


def _assert_named(errors: list[FieldError], cls: type, data: Any) -> None:
    names = {f.name for f in dataclasses.fields(cls)}
    assert isinstance(errors, list)
    for e in errors:
        assert isinstance(e, FieldError)
        assert e.field in names, (e, data)
        assert isinstance(e.label, str) and e.label.strip(), (e, data)
        assert isinstance(e.message, str) and e.message.strip(), (e, data)


@pytest.mark.parametrize("name, validate, make", SERVICES, ids=[s[0] for s in SERVICES])
@FAST
@given(data=st.data())
def test_random_text_in_any_field_is_a_named_field_error(name: str, validate: Any, make: Any, data: Any) -> None:
    base = make()
    cls = type(base)
    chosen = data.draw(st.lists(st.sampled_from(text_fields(cls)), min_size=1, max_size=3, unique=True))
    for field in chosen:
        setattr(base, field, data.draw(typed))
    errors = validate(base)  # must not raise
    _assert_named(errors, cls, base)


@FAST
@given(data=st.data())
def test_random_text_in_contract_rows_names_row_and_field(data: Any) -> None:
    contract = _contract()
    attr, row_cls = data.draw(st.sampled_from(CONTRACT_ROWS))
    rows = getattr(contract, attr)
    index = data.draw(st.integers(0, len(rows) - 1))
    for field in data.draw(st.lists(st.sampled_from(text_fields(row_cls)), min_size=1, max_size=3, unique=True)):
        setattr(rows[index], field, data.draw(typed))
    errors = contracts.validate_contract(contract)
    _assert_named(errors, ContractInput, contract)
    row_errors = [e for e in errors if e.field == attr]
    for e in row_errors:
        # a problem of one row says which; a problem of the whole table (missing year, sum) need not
        if re.match(r"Wiersz \d+: ", e.message):
            assert e.message.startswith(f"Wiersz {index + 1}: "), e


# ---- organisations from CSV/XLSX ---------------------------------------------------------------

HEADERS = [
    "Nazwa",
    "NIP",
    "REGON",
    "KRS",
    "Forma prawna",
    "Rejestr",
    "Ulica",
    "Kod pocztowy",
    "Miejscowość",
    "E-mail",
    "Telefon",
    "Strona WWW",
    "Osoba kontaktowa",
    "OPP",
    "Aktywna",
    "Obszary WKUS",
    "Sfery",
    "Uwagi",
    "Kolumna nieznana",
    "",
]
ROW_FIELDS = {f.name for f in dataclasses.fields(OrganisationInput)} | {"opp_status", "active"}


@pytest.fixture(scope="module")
def import_db(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    from app.core.db.engine import open_database

    db = open_database(tmp_path_factory.mktemp("import") / "wkus.sqlite")
    organisations.create_organisation(db, _organisation())  # its NIP collides with rows that copy it
    yield db
    db.dispose()


def _assert_rows_named(preview: ImportPreview, numbers: set[int]) -> None:
    for e in preview.errors:
        assert e.row in numbers, e
        assert e.field in ROW_FIELDS or e.field == "-", e  # "-": the whole row (e.g. bytes not UTF-8)
        assert e.label.strip() and e.message.strip(), e
        assert str(e).startswith(f"Wiersz {e.row}, {e.label}: "), str(e)
    assert {r.row for r in preview.rows} <= numbers


tables = st.builds(
    lambda headers, rows: (tuple(headers), rows),
    st.lists(st.sampled_from(HEADERS), min_size=1, max_size=8, unique=True).map(lambda h: ["Nazwa", *h]),
    st.lists(st.lists(typed, max_size=10), max_size=8),
)


@FAST
@given(table=tables)
def test_malformed_organisation_rows_are_named(import_db, table: tuple[tuple[str, ...], list[list[str]]]) -> None:
    headers, rows = table
    raw = RawTable(headers, tuple((i + 2, tuple(cells)) for i, cells in enumerate(rows)), "UTF-8", ";")
    preview = build_preview(import_db, raw, Path("x.csv"))
    _assert_rows_named(preview, {n for n, _cells in raw.rows})


@FAST
@given(
    payload=st.one_of(
        st.binary(max_size=400), st.text(max_size=300).map(lambda t: ("Nazwa;NIP\n" + t).encode("cp1250", "replace"))
    )
)
def test_arbitrary_csv_bytes_never_crash(import_db, payload: bytes) -> None:
    try:
        raw = read_csv(payload)
        preview = build_preview(import_db, raw, Path("x.csv"))
    except UserFacingError as exc:  # e.g. no name column: refused with a message, nothing written
        assert exc.message.strip()
        return
    _assert_rows_named(preview, {n for n, _cells in raw.rows})


cell_values = st.one_of(
    typed,
    st.integers(-(10**15), 10**15),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(),
    st.none(),
)


@SLOW
@given(rows=st.lists(st.lists(cell_values, max_size=6), max_size=6))
def test_malformed_xlsx_rows_are_named(import_db, tmp_path_factory, rows: list[list[Any]]) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    from app.core.transfer.org_import import preview_import

    path = tmp_path_factory.mktemp("xlsx") / "org.xlsx"
    book = Workbook()
    sheet = book.active
    sheet.append(["Nazwa", "NIP", "Kod pocztowy", "Aktywna", "E-mail", "Obszary WKUS"])
    for row in rows:
        # control characters cannot be stored in a workbook at all (Excel could not write them either)
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in row])
    book.save(path)
    try:
        preview = preview_import(import_db, path)
    except UserFacingError as exc:
        assert exc.message.strip()
        return
    _assert_rows_named(preview, set(range(2, len(rows) + 2)))


# ---- the full JSON import ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def export(demo_template: Path) -> dict[str, Any]:  # noqa: F811
    from app.core.db.engine import open_database
    from app.core.transfer.full_json import export_data

    db = open_database(demo_template)
    try:
        return export_data(db)
    finally:
        db.dispose()


class _Empty:
    """An empty database, replaced only after an import succeeded (creating one per example is slow)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.n = 0
        self.db = self._new()

    def _new(self):  # type: ignore[no-untyped-def]
        from app.core.db.engine import open_database

        self.n += 1
        return open_database(self.folder / f"empty{self.n}.sqlite")

    def renew(self) -> None:
        self.db.dispose()
        self.db = self._new()


@pytest.fixture(scope="module")
def empty(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    holder = _Empty(tmp_path_factory.mktemp("full"))
    yield holder
    holder.db.dispose()


json_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(),
    typed,
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)
#: tables with rows in the demo, small enough to mutate quickly
MUTATED = [
    "organisation",
    "contract",
    "tranche",
    "public_task",
    "procedure",
    "contract_report",
    "gmina",
    "organisation_area",
    "planned_result",
]
#: rows the import checks with their parent record (tranches and results with the contract as the
#: contract editor does, an organisation's areas with the organisation as its dialog does)
PARENT = {"tranche": "contract", "planned_result": "contract", "organisation_area": "organisation"}


@SLOW
@given(data=st.data())
def test_malformed_rows_in_a_full_import_are_named(export: dict[str, Any], empty: _Empty, data: Any) -> None:
    from app.core.transfer.full_json import database_has_data, import_data

    mutated = copy.deepcopy(export)
    table = data.draw(st.sampled_from(MUTATED))
    rows = mutated["tables"][table]
    index = data.draw(st.integers(0, len(rows) - 1))
    how = data.draw(st.sampled_from(["value", "value", "value", "unknown field", "not a record", "drop column"]))
    column = data.draw(st.sampled_from(sorted(rows[index])))
    if how == "value":
        rows[index][column] = data.draw(json_values)
    elif how == "unknown field":
        rows[index]["kolumna_" + data.draw(st.text("abc", min_size=1, max_size=4))] = 1
    elif how == "not a record":
        rows[index] = data.draw(st.one_of(st.none(), st.integers(), st.text(max_size=5), st.lists(st.integers())))
    else:
        del rows[index][column]
    try:
        import_data(empty.db, mutated)
    except UserFacingError as exc:
        assert not database_has_data(empty.db)  # nothing written
        message = exc.message
        if "poza programem" in message:
            # a valid value that differs from the logged history (issue 16): the record is named
            assert re.search(r"tables\.\w+\[\d+\]", message), (how, column, message)
        elif column == "id" and how in ("value", "drop column"):
            # a changed key is only noticed where another row refers to the old one: that row is named
            assert re.search(r"Tabela \w+, wiersz \d+, pole \w+: |tables\.\w+\[\d+\], pole ", message), (
                how,
                column,
                message,
            )
        elif table in PARENT:
            # checked with their parent, as its dialog does: named as the row or its parent record
            assert (
                f"tables.{table}[{index}]" in message
                or f"tables.{PARENT[table]}[" in message
                or f"Tabela {table}, wiersz {index + 1}" in message
            ), (how, column, message)
        else:
            assert f"tables.{table}[{index}]" in message or f"Tabela {table}, wiersz {index + 1}" in message, (
                how,
                column,
                message,
            )
        if how in ("value", "unknown field", "drop column") and "poza programem" not in message:
            assert re.search(r"pole \w+", message), (how, column, message)
        return
    empty.renew()  # the change was harmless (e.g. another valid text): the import went through
