"""Raport modelu: Jakość / Efektywność / Współpraca for one contract, one area or the whole gmina."""

from __future__ import annotations

from pathlib import Path

from app.core.db.engine import Database
from app.core.documents import data
from app.core.documents.common import DocumentResult, area_label, new_document
from app.core.documents.model_indices import add_model_section
from app.core.documents.pdf import Column
from app.core.domain.enums import WkusArea
from app.core.figures import money
from app.core.i18n import _, format_money


def build_model_report(
    db: Database,
    out_path: Path,
    contract_id: int | None = None,
    area: str | None = None,
    year: int | None = None,
    fmt: str = "pdf",
) -> DocumentResult:
    with db.session() as s:
        gmina = data.gmina_info(s)
        # a year's contracts are those its money documents list (no drafts), the Grant column what they
        # commit: the annual report's annex and this report print the same figure (issue 13 item 1)
        cons = data.contracts_of_year(s, year) if year else data.contracts(s, money.signed_contracts(s))
        if contract_id is not None:
            cons = [data.contract(s, contract_id)]
        committed = money.by_contract(s, year=year, contract_ids=[c.id for c in cons])
    if contract_id is not None:
        scope = _("contract {number}").format(number=cons[0].number or cons[0].title)
    elif area:
        area_enum = WkusArea(area)
        cons = [c for c in cons if c.area == area_enum]
        scope = _("area: {area}").format(area=area_enum.label)
    else:
        scope = _("whole gmina")
    title = _("WKUS model report")
    doc = new_document(gmina, title, scope, fmt=fmt)
    doc.title(title.upper(), _("Quality, Efficiency, Cooperation — {scope}").format(scope=scope))
    if year:
        doc.para(_("Budget year: {year}").format(year=year), "center")
    doc.heading(_("Contracts in scope"))
    doc.table(
        [
            Column(_("Contract"), 3),
            Column(_("Organisation"), 3),
            Column(_("Area"), 2),
            Column(money.MoneyWord.COMMITTED.label, 1.5, "RIGHT"),
        ],
        [
            [
                f"{c.number} {c.title}".strip(),
                c.organisations,
                area_label(c.area),
                format_money(committed.get(c.id, money.MoneyTotals()).committed),
            ]
            for c in cons
        ],
        empty_text=_("No contracts in this scope."),
    )
    doc.heading(_("Model indicators"))
    missing = add_model_section(doc, db, [c.id for c in cons], year)
    pages = doc.save(out_path)
    return DocumentResult(Path(out_path), title, pages, missing)
