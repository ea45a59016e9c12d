"""Full JSON export/import, spreadsheets for the skarbnik, organisation import, open data (issue 8, point 5)."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest

from app.core import i18n
from app.core.audit import history
from app.core.backup import make_backup, restore
from app.core.db.engine import open_database
from app.core.db.models import Organisation
from app.core.domain.enums import RegistryType
from app.core.errors import UserFacingError
from app.core.transfer.full_json import export_data, import_file, write_export
from app.core.transfer.opendata import grants_json_text, write_grants_csv, write_grants_json
from app.core.transfer.org_import import commit_import, preview_import
from app.core.transfer.sheets import export_sheets, neutralise
from tests.core.backup_fixtures import demo_db, demo_path, demo_template  # noqa: F401


@pytest.fixture
def english():
    i18n.set_language("en")
    yield
    i18n.set_language("pl")


def _without_date(data: dict) -> dict:
    return {k: v for k, v in data.items() if k != "exported_at"}


# ---- full JSON export / import ---------------------------------------------------------------


def test_round_trip_is_exact(demo_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "dane.json"
    counts = write_export(demo_db, out)
    assert counts["organisation"] == 41 and counts["tranche"] == 42
    raw = json.loads(out.read_text(encoding="utf-8"))
    from app.core.db.migrations import CURRENT_VERSION

    assert raw["format"] == "wkus-export" and raw["schema_version"] == CURRENT_VERSION
    # the kind of each planned result travels with it (people are persons, hours a flow)
    kinds = {r["unit"]: r["kind"] for r in raw["tables"]["planned_result"]}
    assert kinds["osoby"] == "PERSONS" and kinds["godz."] == "FLOW"
    amounts = [t["amount"] for t in raw["tables"]["tranche"]]
    assert all(isinstance(a, str) for a in amounts)
    # the tranches add up to 1 585 300,00 zł (every tranche, the draft's 10 000,00 too), exactly
    assert sum(Decimal(a) for a in amounts) == Decimal("1585300.00")
    assert "12500.00" in amounts  # the art. 19a grant of 12 500 zł, written as a Decimal string
    target = open_database(tmp_path / "nowa.sqlite")
    imported = import_file(target, out)
    assert imported["audit_log"] == counts["audit_log"]
    assert _without_date(export_data(target)) == _without_date(raw)
    # the imported change log is the original one, hash chain intact, and the import added nothing
    from app.core.backup import full_check

    target.dispose()
    assert full_check(target.path).ok


def test_import_refuses_a_database_with_data(demo_db, tmp_path: Path, english) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "dane.json"
    write_export(demo_db, out)
    with pytest.raises(UserFacingError) as err:
        import_file(demo_db, out)
    assert "already contains data" in err.value.message


@pytest.mark.parametrize(
    "content, reason",
    [
        ("not json at all", "not a JSON file"),
        ('{"format": "something-else", "tables": {}}', "is not a WKUS export"),
        ('{"format": "wkus-export", "format_version": 1, "schema_version": 99, "tables": {}}', "newer version"),
        (
            '{"format": "wkus-export", "format_version": 1, "schema_version": 1, "tables": {"photos": []}}',
            "tables this program does not know: photos",
        ),
        (
            '{"format": "wkus-export", "format_version": 1, "schema_version": 1, "tables": {"tranche": '
            '[{"id": 1, "contract_id": 1, "budget_year": 2024, "amount": 12.5}]}}',
            "tables.tranche[0], field amount",
        ),
        (
            '{"format": "wkus-export", "format_version": 1, "schema_version": 1, "tables": {"contract": '
            '[{"id": 1, "title": "x", "form": "NONSENSE", "start_date": "2024-01-01", "end_date": "2024-12-31"}]}}',
            "tables.contract[0], field form: wrong value NONSENSE; expected: one of: WSPARCIE, POWIERZENIE",
        ),
        (
            '{"format": "wkus-export", "format_version": 1, "schema_version": 1, "tables": {"tranche": '
            '[{"id": 1, "contract_id": 77, "budget_year": 2024, "amount": "10.00"}]}}',
            "Table tranche, row 1, field contract_id: refers to record 77 of table contract",
        ),
    ],
)
def test_bad_export_files_are_refused_and_nothing_written(
    db, tmp_path: Path, content: str, reason: str, english
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "zly.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(UserFacingError) as err:
        import_file(db, path)
    assert reason in err.value.message
    from app.core.transfer.full_json import database_has_data

    assert not database_has_data(db)


def test_backup_restore_export_equals_original(demo_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    original = _without_date(export_data(demo_db))
    backup = make_backup(demo_db.path, tmp_path / "kopia.sqlite").path
    with demo_db.session() as s:
        s.get(Organisation, 5).city = "Gdzieś indziej"
    demo_db.dispose()
    folder = tmp_path / "backups"
    folder.mkdir()
    restore(demo_db.path, backup, folder=folder)
    reopened = open_database(demo_db.path)
    try:
        assert _without_date(export_data(reopened)) == original
    finally:
        reopened.dispose()


# ---- spreadsheets for the skarbnik -----------------------------------------------------------


def _add_malicious_org(db) -> None:  # type: ignore[no-untyped-def]
    from app.core.domain.enums import LegalForm, RegistryType

    with db.session() as s:
        s.add(
            Organisation(
                name='=HYPERLINK("http://zlo.example";"Kliknij")',
                legal_form=LegalForm.FUNDACJA,
                registry_type=RegistryType.INNY,
                city="@SUM(A1)",
                street="-2+3",
                phone="+48 600",
            )
        )


def test_csv_export_neutralises_formulas(demo_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _add_malicious_org(demo_db)
    path = tmp_path / "organizacje.csv"
    export_sheets(demo_db, path, "organisations")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel opens it as UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["ID", "Nazwa", "Nazwa skrócona"]
    assert len(rows) == 1 + 42
    bad = next(r for r in rows if "HYPERLINK" in r[1])
    assert bad[1].startswith("'=HYPERLINK") and bad[10] == "'@SUM(A1)" and bad[8] == "'-2+3" and bad[12] == "'+48 600"
    for row in rows:
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row)


def test_xlsx_export_keeps_formula_text_as_text(demo_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    _add_malicious_org(demo_db)
    path = tmp_path / "dla-skarbnika.xlsx"
    export_sheets(demo_db, path, "all")
    wb = load_workbook(path)
    orgs, contracts = wb.worksheets[:2]  # the third is the multi-year commitments (test_commitments.py)
    cells = [c for row in orgs.iter_rows(min_row=2) for c in row if c.value is not None]
    assert not any(c.data_type == "f" for c in cells)
    bad = next(c for c in cells if isinstance(c.value, str) and "HYPERLINK" in c.value)
    assert bad.data_type == "s" and bad.quotePrefix
    # one row per tranche: 42 tranches, every demo contract has at least one
    assert contracts.max_row == 1 + 42
    amount_col = [c.value for c in contracts[1]].index("Kwota transzy") + 1
    total = sum(Decimal(str(contracts.cell(row=r, column=amount_col).value)) for r in range(2, 44))
    assert total == Decimal("1585300.00")


def test_contracts_csv_uses_decimal_comma(demo_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "umowy.csv"
    export_sheets(demo_db, path, "contracts")
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig")), delimiter=";"))
    col = rows[0].index("Kwota transzy")
    assert "12500,00" in [r[col] for r in rows[1:]]
    assert sum(Decimal(r[col].replace(",", ".")) for r in rows[1:]) == Decimal("1585300.00")


def test_csv_cannot_hold_two_tables(demo_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UserFacingError):
        export_sheets(demo_db, tmp_path / "x.csv", "all")


def test_neutralise() -> None:
    assert neutralise("=1+1") == "'=1+1"
    assert neutralise("\tx") == "'\tx"
    assert neutralise("Fundacja =") == "Fundacja ="


@pytest.mark.parametrize(
    "text",
    [
        " =1+1",
        "\uff1d1+1",
        '\n=HYPERLINK("x")',
        "\t=1",
        "\u00a0@SUM(A1)",
        "\r\n-2+3",
        "\uff0b1",
        "\uff0d1",
        "\uff201",
        "  +1",
    ],
)
def test_neutralise_catches_disguised_formulas(text: str, tmp_path: Path) -> None:
    # issue 16: a leading space, a full-width "＝" and a line break before "=" passed the guard
    assert neutralise(text) == "'" + text
    from app.core.transfer.sheets import Sheet, write_csv

    path = tmp_path / "x.csv"
    write_csv(Sheet("x", ("Nazwa",), ((text,),)), path)
    rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows == [["Nazwa"], ["'" + text]]


# ---- organisation import ---------------------------------------------------------------------

# NIPs with valid check digits: 5260250274 (6·5+5·2+7·6+2·0+3·2+4·5+5·0+6·2+7·7 = 169, 169 mod 11 = 4),
# 7010000003 doesn't matter; 1234563218: 6+10+21+8+15+24+15+12+7 = 118, 118 mod 11 = 8 ✓
HEADER = "Nazwa;Forma prawna;NIP;Kod pocztowy;Miejscowość;E-mail;OPP;Obszary WKUS"
GOOD = "Stowarzyszenie Łąka;stowarzyszenie rejestrowe;526-025-02-74;16-100;Sokółka;laka@example.pl;tak;SOC, CULT"
GOOD2 = "Fundacja Żurawie;fundacja;1234563218;16-101;Suchowola;;nie;"
BAD = "Klub Źle;klub sportowy;1234567890;16100;Dąbrowa;zly@;może;KOSMOS"


def _write(path: Path, text: str, encoding: str) -> Path:
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize(
    "encoding, sep, expected",
    [
        ("cp1250", ";", "Windows-1250"),
        ("utf-8-sig", ";", "UTF-8 (BOM)"),
        ("utf-8", ",", "UTF-8"),
    ],
)
def test_csv_preview_detects_encoding_and_separator(db, tmp_path: Path, encoding: str, sep: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    lines = [HEADER, GOOD, GOOD2, BAD]
    if sep == ",":
        lines = [",".join(f'"{c}"' for c in line.split(";")) for line in lines]
    path = _write(tmp_path / "org.csv", "\r\n".join(lines) + "\r\n", encoding)
    preview = preview_import(db, path)
    assert preview.encoding == expected and preview.delimiter == sep
    assert [r.data.name for r in preview.valid_rows] == ["Stowarzyszenie Łąka", "Fundacja Żurawie"]
    assert preview.rejected_rows == (4,)  # header is row 1
    fields = {e.field for e in preview.errors}
    # bad NIP check digit, postal code without dash, e-mail, "może" is not yes/no, unknown area
    assert fields == {"nip", "postal_code", "email", "opp_status", "areas"}
    assert all(e.row == 4 for e in preview.errors)
    assert str(preview.errors[0]).startswith("Wiersz 4, ")
    with db.session() as s:  # nothing written by the preview
        assert s.query(Organisation).count() == 0


def test_commit_writes_valid_rows_in_one_go_and_audits(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = _write(tmp_path / "org.csv", "\n".join([HEADER, GOOD, GOOD2, BAD]), "cp1250")
    preview = preview_import(db, path)
    result = commit_import(db, preview)
    assert result.created == 2 and result.skipped_rows == (4,)
    with db.session() as s:
        orgs = {o.name: o for o in s.query(Organisation)}
        laka = orgs["Stowarzyszenie Łąka"]
        assert laka.nip == "5260250274" and laka.opp_status and laka.city == "Sokółka"
        assert sorted(a.area.value for a in laka.areas) == ["CULT", "SOC"]
        assert laka.legal_form.value == "STOWARZYSZENIE"
        created = [h for h in history(s, "organisation") if h.action.value == "CREATE"]
        assert len(created) == 2


def test_duplicate_nip_in_file_and_register(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = _write(tmp_path / "org.csv", "\n".join([HEADER, GOOD, GOOD2]), "utf-8")
    commit_import(db, preview_import(db, path))
    again = _write(
        tmp_path / "again.csv",
        "\n".join([HEADER, GOOD2.replace("Żurawie", "Inna"), GOOD, GOOD.replace("Łąka", "Łąka 2")]),
        "utf-8",
    )
    preview = preview_import(db, again)
    assert [(e.row, e.field) for e in preview.errors] == [(2, "nip"), (3, "nip"), (4, "nip")]
    assert "Fundacja Żurawie" in preview.errors[0].message


def test_reimporting_own_export_does_not_double_organisations_without_nip(demo_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """QA: an organisation with a KRS number but no NIP was imported a second time from the gmina's own export."""
    from app.core.domain.enums import LegalForm
    from app.core.domain.records import OrganisationInput
    from app.core.services.organisations import create_organisation

    create_organisation(
        demo_db,
        OrganisationInput(
            name="Klub bez NIP",
            legal_form=LegalForm.STOWARZYSZENIE,
            registry_type=RegistryType.KRS,
            registry_number="4711",
        ),
    )
    path = tmp_path / "organizacje.csv"
    export_sheets(demo_db, path, "organisations")
    preview = preview_import(demo_db, path)
    assert preview.valid_rows == ()
    with demo_db.session() as s:
        count = s.query(Organisation).count()
        no_nip_krs = (
            s.query(Organisation)
            .filter(
                Organisation.nip.is_(None) | (Organisation.nip == ""), Organisation.registry_type == RegistryType.KRS
            )
            .first()
        )
    assert no_nip_krs is not None and no_nip_krs.name == "Klub bez NIP"
    krs_errors = [e for e in preview.errors if e.field == "registry_number"]
    assert any(no_nip_krs.name in e.message and "KRS" in e.message for e in krs_errors)
    assert commit_import(demo_db, preview).created == 0
    with demo_db.session() as s:
        assert s.query(Organisation).count() == count


def test_same_krs_twice_in_a_file(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = _write(
        tmp_path / "org.csv",
        "Nazwa;Forma prawna;Rejestr;Numer w rejestrze\n"
        "Klub A;stowarzyszenie rejestrowe;Krajowy Rejestr Sądowy (KRS);123\n"
        "Klub B;stowarzyszenie rejestrowe;Krajowy Rejestr Sądowy (KRS);0000000123\n",
        "utf-8",
    )
    preview = preview_import(db, path)
    assert [r.data.name for r in preview.valid_rows] == ["Klub A"]
    assert [(e.row, e.field, e.message) for e in preview.errors] == [
        (3, "registry_number", "Ten sam numer KRS jest w wierszu 2 tego pliku.")
    ]


def test_commit_refuses_when_register_changed_meanwhile(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = _write(tmp_path / "org.csv", "\n".join([HEADER, GOOD]), "utf-8")
    preview = preview_import(db, path)
    commit_import(db, preview_import(db, path))  # someone else imported the same file meanwhile
    with pytest.raises(UserFacingError):
        commit_import(db, preview)
    with db.session() as s:
        assert s.query(Organisation).count() == 1


def test_missing_name_column_is_refused(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = _write(tmp_path / "org.csv", "NIP;Miasto\n5260250274;Sokółka\n", "utf-8")
    with pytest.raises(UserFacingError) as err:
        preview_import(db, path)
    assert "Nazwa" in err.value.message


def test_xlsx_import_with_numeric_nip(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Nazwa organizacji", "NIP", "KRS", "Aktywna"])
    ws.append(["Stowarzyszenie Liczb", 5260250274, 123456, "tak"])
    ws.append([None, None, None, None])
    ws.append(["", "abc", None, None])
    path = tmp_path / "org.xlsx"
    wb.save(path)
    preview = preview_import(db, path)
    assert preview.encoding == "XLSX"
    (row,) = preview.valid_rows
    assert row.row == 2 and row.data.nip == "5260250274" and row.data.registry_number == "123456"
    assert sorted((e.row, e.field) for e in preview.errors) == [(4, "name"), (4, "nip")]
    commit_import(db, preview)
    with db.session() as s:
        org = s.query(Organisation).one()
        assert org.registry_type.value == "KRS" and org.registry_number == "0000123456"


def test_not_an_xlsx_is_refused(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "org.xlsx"
    path.write_text("hello")
    with pytest.raises(UserFacingError):
        preview_import(db, path)


def test_own_export_imports_into_an_empty_register(demo_db, db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _add_malicious_org(demo_db)
    path = tmp_path / "organizacje.csv"
    export_sheets(demo_db, path, "organisations")
    preview = preview_import(db, path)
    # the formula-like name survives the round trip (the ' prefix is taken off again);
    # only the added organisation is rejected: it has "+48 600" … no, its fields are all valid
    assert preview.errors == ()
    commit_import(db, preview)
    with demo_db.session() as s:
        source = sorted((o.name, o.nip, o.regon, o.city, o.opp_status) for o in s.query(Organisation))
    with db.session() as s:
        copied = sorted((o.name, o.nip, o.regon, o.city, o.opp_status) for o in s.query(Organisation))
    assert copied == source


# ---- open data (360Giving) -------------------------------------------------------------------


def test_grants_open_data(demo_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    con = sqlite3.connect(demo_db.path)
    expected_total = (
        Decimal(
            con.execute(
                "SELECT sum(t.amount) FROM tranche t JOIN contract c ON c.id = t.contract_id WHERE c.status != 'DRAFT'"
            ).fetchone()[0]
        )
        / 100
    )
    con.close()
    path = tmp_path / "grants.json"
    count = write_grants_json(demo_db, path)
    assert count == 24  # 25 demo contracts, one of them a draft
    data = json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
    amounts = [g["amountAwarded"] for g in data["grants"]]
    assert all(isinstance(a, Decimal) for a in amounts)  # a JSON number, written exactly
    assert sum(amounts) == expected_total
    g = data["grants"][0]
    assert g["currency"] == "PLN" and g["id"].startswith("360G-PL-WKUS-2099012-")
    assert g["fundingOrganization"][0]["id"] == "PL-TERYT-2099012"
    rec = g["recipientOrganization"][0]
    assert rec["id"].startswith(("PL-KRS-", "PL-NIP-")) and rec["name"]
    assert "contact" not in path.read_text(encoding="utf-8")  # no personal data published
    csv_path = tmp_path / "grants.csv"
    assert write_grants_csv(demo_db, csv_path) == 24
    rows = list(csv.DictReader(csv_path.open(encoding="utf-8")))
    assert sum(Decimal(r["Amount Awarded"]) for r in rows) == expected_total
    assert rows[0]["Planned Dates:Start Date"] == g["plannedDates"][0]["startDate"]


def test_grants_json_numbers_are_exact() -> None:
    text = grants_json_text([{"amountAwarded": Decimal("0.10") + Decimal("0.20")}])
    assert '"amountAwarded": 0.30' in text


def test_write_failure_reason_is_in_polish(demo_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """QA: "Nie udało się zapisać pliku …: No such file or directory" – the system's English reason."""
    with pytest.raises(UserFacingError) as info:
        export_sheets(demo_db, tmp_path / "brak" / "organizacje.csv", "organisations")
    assert info.value.message.endswith(": folder lub plik nie istnieje")
    from app.core.errors import os_reason

    assert os_reason(PermissionError(13, "Permission denied")) == "brak uprawnień"
    assert os_reason(OSError(28, "No space left on device")) == "dysk jest pełny"
    assert os_reason(OSError(5, "Input/output error")) == "Input/output error"  # no better word: the system's


def test_export_of_schema_1_gets_result_kinds_from_units(demo_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    """An export written before result kinds existed (schema 1) imports with each result's kind taken
    from its unit, as the migration gives existing rows."""
    raw = export_data(demo_db)
    raw["schema_version"] = 1
    for row in raw["tables"]["planned_result"]:
        del row["kind"]
    out = tmp_path / "stare.json"
    out.write_text(json.dumps(raw), encoding="utf-8")
    target = open_database(tmp_path / "nowa.sqlite")
    import_file(target, out)
    with target.session() as s:
        from app.core.db.models import PlannedResult

        kinds = {r.unit: r.kind.value for r in s.query(PlannedResult)}
    target.dispose()
    assert kinds["osoby"] == "PERSONS" and kinds["godz."] == "FLOW"
