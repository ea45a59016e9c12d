"""Paper round-trip and the skarbnik's commitments: the form ID and its check digits, the report form
pre-filled from the demo (planned values and the ID on every page), finding the contract by the ID,
and the multi-year commitments by budget year (PDF and the XLSX sheet)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from app.core.db.models import Contract, OwnContribution, PlannedResult, Tranche
from app.core.domain.enums import ContractStatus, ContributionKind
from app.core.form_id import check_digits, form_id, looks_like_form_id, parse_form_id
from app.core.i18n import format_date, format_decimal, format_money

# runs on SQLite and on the tests' PostgreSQL server (tests/conftest.py, issue 19)
pytestmark = pytest.mark.pg

TODAY = dt.date(2026, 11, 22)


def norm(text: str) -> str:
    return re.sub(r"[\s\u00a0\u202f]+", " ", text)


def page_texts(path: Path) -> list[str]:
    from pypdf import PdfReader

    return [norm(p.extract_text() or "") for p in PdfReader(str(path)).pages]


@pytest.fixture
def demo(db):  # type: ignore[no-untyped-def]
    from app.core.demo import load_demo

    load_demo(db, TODAY)
    return db


def _contract_id(db, number: str) -> int:  # type: ignore[no-untyped-def]
    with db.session() as s:
        return s.scalars(select(Contract.id).where(Contract.number == number)).one()


# ---- the form ID ------------------------------------------------------------------------------


def test_form_id_hand_computed_example() -> None:
    # contract 7, year 2025: 7202500 mod 97 = 56 (97 * 74252 = 7202444), check = 98 - 56 = 42;
    # and 7202542 mod 97 = 1, as ISO 7064 MOD 97-10 requires
    assert check_digits(7, 2025) == "42"
    assert form_id(7, 2025) == "WKUS-7-2025-42"
    assert 7202542 % 97 == 1
    assert parse_form_id("WKUS-7-2025-42") == (7, 2025)
    assert parse_form_id("  wkus 7 2025 42 ") == (7, 2025)  # typed loosely from the paper
    # contract 3, year 2026: 3202600 mod 97 = 48 (97 * 33016 = 3202552), check 50
    assert form_id(3, 2026) == "WKUS-3-2026-50"


def test_form_id_rejects_typos() -> None:
    assert parse_form_id("WKUS-7-2024-42") is None  # one digit of the year mistyped (check would be 45)
    assert check_digits(7, 2024) == "45"
    assert parse_form_id("WKUS-7-2052-42") is None  # two digits swapped
    assert parse_form_id("WKUS-1-2025-42") is None  # wrong contract
    assert parse_form_id("WKUS-7-2025-24") is None  # check digits swapped
    assert looks_like_form_id("WKUS-7-2024-42")  # the shape is right: the view says the check is wrong
    assert parse_form_id("OR.526.7.2025") is None and not looks_like_form_id("Fundacja 2025")
    # every single-digit typo of a real ID is caught
    good = form_id(123, 2026)
    for i, ch in enumerate(good):
        if ch.isdigit():
            for d in "0123456789":
                if d != ch:
                    assert parse_form_id(good[:i] + d + good[i + 1 :]) is None, good[:i] + d + good[i + 1 :]


# ---- the report form --------------------------------------------------------------------------


def test_report_form_has_planned_values_and_the_id_on_every_page(demo, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from app.core.documents.catalogue import DocumentRequest, build

    cid = _contract_id(demo, "OR.526.3.2024")
    out = tmp_path / "formularz.pdf"
    result = build(demo, DocumentRequest(kind="report-form", out_path=out, year=2026, contract_id=cid))
    pages = page_texts(out)
    assert result.pages == len(pages) >= 1
    from tests.core.documents.test_documents import assert_fonts_embedded

    assert assert_fonts_embedded(out)
    fid = form_id(cid, 2026)
    for text in pages:
        assert fid in text  # the foot of every page carries the ID
    text = " ".join(pages)
    with demo.session() as s:
        results = s.scalars(
            select(PlannedResult).where(PlannedResult.contract_id == cid, PlannedResult.budget_year == 2026)
        ).all()
        contributions = s.scalars(
            select(OwnContribution).where(OwnContribution.contract_id == cid, OwnContribution.budget_year == 2026)
        ).all()
        tranche = sum(
            t.amount for t in s.scalars(select(Tranche).where(Tranche.contract_id == cid, Tranche.budget_year == 2026))
        )
        planned = {k.kind: k.planned_amount for k in contributions}
        names = [(r.name, r.target_value) for r in results]
    assert names and tranche == Decimal("64000.00")
    for name, target in names:
        assert norm(name) in text and norm(format_decimal(target)) in text
    assert "OR.526.3.2024" in text and "Gminny Ludowy Klub Sportowy" in text
    assert norm(format_money(tranche)) in text
    # demo plan of 2026: own financial 6 120, personal 8 160, in-kind 3 060, recipients' fees 4 896
    assert planned[ContributionKind.FINANCIAL] == Decimal("6120.00")
    for amount in planned.values():
        assert norm(format_money(amount)) in text
    total = tranche + sum(planned.values())
    assert total == Decimal("86236.00") and norm(format_money(total)) in text
    # the last year of the contract is 2027, so 2026 has an annual report, due 30 days after 31.12.2026
    # (30.01.2027 is a Saturday: the next working day, Monday 1.02.2027), art. 18 ust. 1
    assert norm(format_date(dt.date(2027, 2, 1))) in text and "art. 18 ust. 1" in text


def test_report_form_names_what_is_missing(demo, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from app.core.documents.report_form import build_report_form

    cid = _contract_id(demo, "OR.526.6.2024")  # no own contribution planned
    result = build_report_form(demo, cid, 2030, tmp_path / "f.pdf", today=TODAY)
    assert any("2030" in m for m in result.missing)  # the contract does not run in 2030
    text = " ".join(page_texts(tmp_path / "f.pdf"))
    assert form_id(cid, 2030) in text


def test_searching_by_the_form_id_finds_the_contract(demo) -> None:  # type: ignore[no-untyped-def]
    from app.core.services.contracts import list_contracts

    cid = _contract_id(demo, "OR.526.3.2024")
    rows = list_contracts(demo, today=TODAY, search=form_id(cid, 2026))
    assert [r.id for r in rows] == [cid]
    assert list_contracts(demo, today=TODAY, search=form_id(cid, 2026).lower().replace("-", " "))[0].id == cid
    # a typo in the check digits finds nothing (and does not fall back to some other contract)
    bad = form_id(cid, 2026)[:-2] + ("00" if not form_id(cid, 2026).endswith("00") else "01")
    assert list_contracts(demo, today=TODAY, search=bad) == []


# ---- commitments ------------------------------------------------------------------------------


def _expected_commitments(db, from_year: int) -> dict[int, Decimal]:  # type: ignore[no-untyped-def]
    """Per-year sums straight from the tranches: multi-year, signed, not terminated contracts."""
    out: dict[int, Decimal] = {}
    with db.session() as s:
        for k in s.scalars(select(Contract)):
            years = {t.budget_year for t in k.tranches} | set(range(k.start_date.year, k.end_date.year + 1))
            if len(years) < 2 or k.status in (ContractStatus.DRAFT, ContractStatus.TERMINATED):
                continue
            for t in k.tranches:
                if t.budget_year >= from_year:
                    out[t.budget_year] = out.get(t.budget_year, Decimal("0")) + t.amount
    return out


def test_commitment_totals_equal_the_tranches(demo, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from app.core.documents.commitments import build_commitments, load_commitments

    expected = _expected_commitments(demo, 2026)
    # demo by hand: 2026 = 112 000 + 64 000 + 26 000 + 56 000 + 38 000; 2027 = 66 000 + 38 000
    assert expected == {2026: Decimal("296000.00"), 2027: Decimal("104000.00")}
    table = load_commitments(demo, 2026)
    assert table.years == [2026, 2027] and table.totals == expected
    assert len(table.rows) == 5 and table.remaining == Decimal("400000.00")
    row = next(r for r in table.rows if r.number == "OR.526.3.2024")
    assert row.amounts == {2026: Decimal("64000.00"), 2027: Decimal("66000.00")} and row.remaining == Decimal(
        "130000.00"
    )
    out = tmp_path / "zobowiazania.pdf"
    result = build_commitments(demo, 2026, out, today=TODAY)
    text = " ".join(page_texts(out))
    for amount in (*expected.values(), Decimal("400000.00")):
        assert norm(format_money(amount)) in text
    # every demo contract has its dział / rozdział / paragraph (issue 14): nothing is missing
    assert result.missing == []
    assert "852/85295/§2360" in text.replace(" ", "").replace("\xa0", "")
    from pypdf import PdfReader

    box = PdfReader(str(out)).pages[0].mediabox
    assert float(box.width) > float(box.height)  # A4 landscape


def test_commitments_of_a_year_without_any(demo, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from app.core.documents.commitments import build_commitments

    result = build_commitments(demo, 2040, tmp_path / "z.pdf", today=TODAY)
    assert result.missing and "2040" in result.missing[0]


def test_skarbnik_xlsx_has_the_commitments_sheet(demo, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    from app.core.transfer.sheets import commitments_sheet, export_sheets

    sheet = commitments_sheet(demo, today=TODAY)
    assert sheet.headers[8:10] == ("Zaangażowano 2026", "Zaangażowano 2027")
    path = tmp_path / "skarbnik.xlsx"
    export_sheets(demo, path, "all")
    wb = load_workbook(path)
    ws = wb.worksheets[2]
    header = [c.value for c in ws[1]]
    # the export's "current year" is today's: recompute the expectation for that year
    year = dt.date.today().year
    expected = _expected_commitments(demo, year)
    if expected:
        last = ws.max_row
        assert ws.cell(row=last, column=2).value == "Razem"
        for y, amount in expected.items():
            col = header.index(f"Zaangażowano {y}") + 1
            assert Decimal(str(ws.cell(row=last, column=col).value)) == amount
            column_sum = sum(Decimal(str(ws.cell(row=r, column=col).value or 0)) for r in range(2, last))
            assert column_sum == amount
    cells = [c for row in ws.iter_rows(min_row=2) for c in row if c.value is not None]
    assert not any(c.data_type == "f" for c in cells)


def test_commitments_sheet_neutralises_formula_text(demo, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    from app.core.db.models import Organisation
    from app.core.transfer.sheets import commitments_sheet, write_xlsx

    cid = _contract_id(demo, "OR.526.3.2024")
    with demo.session() as s:
        k = s.get(Contract, cid)
        s.get(Organisation, k.parties[0].organisation_id).name = '=HYPERLINK("http://x","y")'
    path = tmp_path / "z.xlsx"
    write_xlsx([commitments_sheet(demo, today=TODAY)], path)
    ws = load_workbook(path).worksheets[0]
    bad = next(c for row in ws.iter_rows(min_row=2) for c in row if isinstance(c.value, str) and "HYPERLINK" in c.value)
    assert bad.data_type == "s" and bad.quotePrefix
