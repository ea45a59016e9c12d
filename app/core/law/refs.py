"""Human labels of the records deadlines and findings point at."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.core.db.models import Contract, ContractReport, CooperationProgramme, Procedure, RdppRequest, Tranche
from app.core.i18n import _, format_date
from app.core.law.types import RecordRef


def programme_ref(p: CooperationProgramme) -> RecordRef:
    if p.year_from == p.year_to:
        years = str(p.year_from)
    else:
        years = f"{p.year_from}–{p.year_to}"
    label = p.title or _("Cooperation programme {years}").format(years=years)
    return RecordRef("cooperation_programme", p.id, label)


def procedure_ref(p: Procedure) -> RecordRef:
    label = p.title
    if p.reference:
        label = f"{p.reference} – {label}"
    return RecordRef("procedure", p.id, label)


def contract_label(c: Contract) -> str:
    return f"{c.number} – {c.title}" if c.number else c.title


def contract_ref(c: Contract) -> RecordRef:
    return RecordRef("contract", c.id, _("Contract {label}").format(label=contract_label(c)))


def report_ref(r: ContractReport, c: Contract) -> RecordRef:
    what = r.kind.label if r.budget_year is None else f"{r.kind.label} {r.budget_year}"
    return RecordRef(
        "contract_report", r.id, _("{report}, contract {contract}").format(report=what, contract=contract_label(c))
    )


def tranche_ref(t: Tranche, c: Contract) -> RecordRef:
    return RecordRef(
        "tranche", t.id, _("Tranche {year}, contract {contract}").format(year=t.budget_year, contract=contract_label(c))
    )


def rdpp_ref(r: RdppRequest) -> RecordRef:
    return RecordRef(
        "rdpp_request", r.id, _("Request to create the RDPP of {date}").format(date=format_date(r.request_date))
    )


def gmina_ref() -> RecordRef:
    return RecordRef("gmina", None, _("Gmina"))
