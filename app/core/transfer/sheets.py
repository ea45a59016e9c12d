"""Spreadsheets for the skarbnik: organisations, and contracts with one row per tranche, as CSV or XLSX.

Every text cell that a spreadsheet would read as a formula (starting with = + - @, tab or CR) is
neutralised, so an organisation named "=HYPERLINK(...)" cannot run anything on the skarbnik's PC
(CSV injection). CSV is written the way Polish Excel reads it without a wizard: UTF-8 with BOM,
`;` between fields, decimal comma in amounts.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from app.core.db.engine import Database
from app.core.db.models import Contract, Organisation
from app.core.domain.enums import WkusArea
from app.core.errors import UserFacingError, os_reason
from app.core.i18n import N_, _

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell as XlsxCell

Cell = str | int | Decimal | dt.date | bool | None
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Sheet:
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


def looks_like_formula(text: str) -> bool:
    """Would a spreadsheet read the cell as a formula? Leading blanks and line breaks are skipped
    (" =1+1", "\n=1+1" are formulas to some spreadsheets) and the first character is compared in
    its compatibility form, so the full-width "＝", "＋", "－", "＠" count as "=", "+", "-", "@"."""
    if text.startswith(FORMULA_START):
        return True
    stripped = text.lstrip(" \t\r\n\u00a0\u2007\u202f\u3000\x0b\x0c")
    if not stripped:
        return False
    return unicodedata.normalize("NFKC", stripped[0]).startswith(FORMULA_START) or stripped[0] in "\uff1d\ufe66"


def neutralise(text: str) -> str:
    """`'=1+1` instead of `=1+1`: spreadsheets show the text and never evaluate it."""
    return "'" + text if looks_like_formula(text) else text


#: Organisation columns: (attribute, header msgid). The import accepts the same headers.
ORGANISATION_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", N_("ID")),
    ("name", N_("Name")),
    ("short_name", N_("Short name")),
    ("legal_form", N_("Legal form")),
    ("registry_type", N_("Register")),
    ("registry_number", N_("Register number")),
    ("nip", N_("NIP")),
    ("regon", N_("REGON")),
    ("street", N_("Street")),
    ("postal_code", N_("Postal code")),
    ("city", N_("City")),
    ("email", N_("E-mail")),
    ("phone", N_("Phone")),
    ("website", N_("Website")),
    ("opp_status", N_("Public benefit status (OPP)")),
    ("active", N_("Active")),
    ("areas", N_("WKUS areas")),
    ("spheres", N_("Spheres of public tasks (art. 4)")),
)


def _yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


def organisations_sheet(db: Database) -> Sheet:
    rows = []
    with db.session() as s:
        for org in s.scalars(select(Organisation).order_by(Organisation.name, Organisation.id)):
            areas = ", ".join(a.area.value for a in sorted(org.areas, key=lambda a: list(WkusArea).index(a.area)))
            spheres = ", ".join(sorted(x.sphere for x in org.spheres))
            rows.append(
                (
                    org.id,
                    org.name,
                    org.short_name,
                    org.legal_form.label,
                    org.registry_type.label,
                    org.registry_number,
                    org.nip,
                    org.regon,
                    org.street,
                    org.postal_code,
                    org.city,
                    org.email,
                    org.phone,
                    org.website,
                    _yes_no(org.opp_status),
                    _yes_no(org.active),
                    areas,
                    spheres,
                )
            )
    return Sheet(_("Organisations"), tuple(_(h) for _k, h in ORGANISATION_COLUMNS), tuple(rows))


CONTRACT_HEADERS: tuple[str, ...] = (
    N_("Contract ID"),
    N_("Contract number"),
    N_("Title"),
    N_("Organisations"),
    N_("NIP"),
    N_("Form"),
    N_("Status"),
    N_("Signed"),
    N_("Start"),
    N_("End"),
    N_("Budget paragraph"),
    N_("Budget year"),
    N_("Tranche amount"),
    N_("Planned payment"),
    N_("Paid"),
    N_("Use by"),
    N_("Return by"),
    N_("Used"),
    N_("Returned"),
    N_("Returned on"),
)


def contracts_sheet(db: Database) -> Sheet:
    """One row per tranche (a contract without tranches gets one row with empty tranche columns)."""
    rows: list[tuple[Cell, ...]] = []
    with db.session() as s:
        orgs = {o.id: o for o in s.scalars(select(Organisation))}
        for k in s.scalars(select(Contract).order_by(Contract.start_date, Contract.id)):
            parties = [orgs[p.organisation_id] for p in k.parties if p.organisation_id in orgs]
            head: tuple[Cell, ...] = (
                k.id,
                k.number,
                k.title,
                "; ".join(o.name for o in parties),
                "; ".join(o.nip for o in parties if o.nip),
                k.form.label,
                k.status.label,
                k.signed_date,
                k.start_date,
                k.end_date,
                k.budget_paragraph,
            )
            if not k.tranches:
                rows.append(head + (None,) * 9)
            for t in k.tranches:
                rows.append(
                    head
                    + (
                        t.budget_year,
                        t.amount,
                        t.payment_date,
                        t.paid_date,
                        t.use_deadline,
                        t.return_deadline,
                        t.used_amount,
                        t.returned_amount,
                        t.returned_date,
                    )
                )
    return Sheet(_("Contracts and tranches"), tuple(_(h) for h in CONTRACT_HEADERS), tuple(rows))


def commitments_sheet(db: Database, today: dt.date | None = None) -> Sheet:
    """Multi-year commitments from the current budget year on: one row per contract, one column per
    year, the remaining total, and a totals row (the same figures as the `commitments` document)."""
    from app.core.documents.commitments import load_commitments, year_header

    table = load_commitments(db, (today or dt.date.today()).year)
    headers = (
        (
            _("Contract ID"),
            _("Contract number"),
            _("Organisations"),
            _("Task"),
            _("Form"),
            _("Budget division (dział)"),
            _("Budget chapter (rozdział)"),
            _("Budget paragraph"),
        )
        + tuple(year_header(y) for y in table.years)
        + (_("Committed in total"),)
    )
    rows: list[tuple[Cell, ...]] = [
        (
            r.contract_id,
            r.number,
            r.organisations,
            r.task,
            r.form,
            r.budget_division or None,
            r.budget_chapter or None,
            r.budget_paragraph,
        )
        + tuple(r.amounts[y] for y in table.years)
        + (r.remaining,)
        for r in table.rows
    ]
    if rows:
        rows.append(
            (None, _("Total"), None, None, None, None, None, None)
            + tuple(table.totals[y] for y in table.years)
            + (table.remaining,)
        )
    return Sheet(_("Multi-year commitments"), headers, tuple(rows))


# ---- writers ---------------------------------------------------------------------------------


def _csv_cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _yes_no(value)
    if isinstance(value, Decimal):
        return f"{value:.2f}".replace(".", ",")
    if isinstance(value, (dt.date, int)):
        return str(value) if isinstance(value, int) else value.isoformat()
    return neutralise(str(value))


def atomic_write(path: Path, write: Callable[[Path], object]) -> None:
    part = path.with_name(path.name + ".part")
    try:
        write(part)
        os.replace(part, path)
    except OSError as exc:
        part.unlink(missing_ok=True)
        raise UserFacingError(
            _("The file {path} could not be written: {reason}").format(path=path, reason=os_reason(exc))
        ) from exc


def write_csv(sheet: Sheet, path: Path | str) -> None:
    def write(part: Path) -> None:
        with part.open("w", encoding="utf-8-sig", newline="") as fh:
            out = csv.writer(fh, delimiter=";", quoting=csv.QUOTE_MINIMAL)
            out.writerow([neutralise(h) for h in sheet.headers])
            out.writerows([_csv_cell(v) for v in row] for row in sheet.rows)

    atomic_write(Path(path), write)


def write_xlsx(sheets: Iterable[Sheet], path: Path | str) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    def write(part: Path) -> None:
        wb = Workbook()
        if wb.active is not None:  # a new workbook always has its one empty sheet
            wb.remove(wb.active)
        for sheet in sheets:
            ws = wb.create_sheet(sheet.title[:31])  # Excel's limit on sheet names
            ws.append(list(sheet.headers))
            for cell in ws[1]:
                cell.font = Font(bold=True)
            for r, row in enumerate(sheet.rows, start=2):
                for c, value in enumerate(row, start=1):
                    _xlsx_cell(ws.cell(row=r, column=c), value)
            ws.freeze_panes = "A2"
        wb.save(part)

    atomic_write(Path(path), write)


def _xlsx_cell(cell: XlsxCell, value: Cell) -> None:
    if value is None:
        return
    if isinstance(value, bool):
        cell.value = _yes_no(value)
    elif isinstance(value, Decimal):
        cell.value = value
        cell.number_format = "#,##0.00"
    elif isinstance(value, dt.date):
        cell.value = value
        cell.number_format = "yyyy-mm-dd"
    elif isinstance(value, int):
        cell.value = value
    else:
        cell.value = str(value)
        # Kept as text (never a formula) and marked with Excel's own "text that looks like a formula"
        # flag, so even editing the cell does not turn it into one.
        cell.data_type = "s"
        if looks_like_formula(str(value)):
            cell.quotePrefix = True


def export_sheets(db: Database, path: Path | str, which: str = "all") -> None:
    """`which` = organisations | contracts | commitments | all; the format follows the suffix (.csv or .xlsx).

    A CSV holds one table, so `all` is only for XLSX (one sheet each; the skarbnik's file).
    """
    path = Path(path)
    makers: dict[str, list[Callable[[Database], Sheet]]] = {
        "organisations": [organisations_sheet],
        "contracts": [contracts_sheet],
        "commitments": [commitments_sheet],
        "all": [organisations_sheet, contracts_sheet, commitments_sheet],
    }
    sheets = [make(db) for make in makers[which]]
    if path.suffix.lower() == ".xlsx":
        write_xlsx(sheets, path)
    elif path.suffix.lower() == ".csv":
        if len(sheets) != 1:
            raise UserFacingError(_("A CSV file holds one table: choose organisations or contracts, or save as XLSX."))
        write_csv(sheets[0], path)
    else:
        raise UserFacingError(_("Choose a file ending with .csv or .xlsx."))
