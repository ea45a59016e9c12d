"""Open data for BIP: the gmina's grants modelled on the 360Giving Data Standard.

One grant per contract that left the draft stage. Field names follow 360Giving (JSON property
names, and its column titles for CSV, e.g. "Planned Dates:Start Date"); amounts are exact decimal
numbers in PLN. Organisation identifiers use the org-id.guide style: PL-KRS-<number> for
organisations in the KRS, otherwise PL-NIP-<nip> (or, lacking both, a local id of this gmina).
Nothing personal is published: no contact persons, e-mails or phone numbers.
"""

from __future__ import annotations

import csv
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app.core.db.engine import Database
from app.core.db.models import Contract, Gmina, Organisation, PublicTask
from app.core.domain.enums import ContractStatus, RegistryType
from app.core.figures import money
from app.core.transfer.sheets import atomic_write, neutralise

CURRENCY = "PLN"


def _org_id(org: Organisation) -> str:
    if org.registry_type is RegistryType.KRS and org.registry_number:
        return f"PL-KRS-{org.registry_number}"
    if org.nip:
        return f"PL-NIP-{org.nip}"
    return f"PL-WKUS-ORG-{org.id}"


def grants(db: Database) -> list[dict[str, Any]]:
    """360Giving grant objects (amounts as Decimal; see write_grants_json for the exact numbers)."""
    out = []
    with db.session() as s:
        gmina = s.scalars(select(Gmina).order_by(Gmina.id)).first()
        funder_key = (gmina.teryt or gmina.nip) if gmina else ""
        funder = {
            "id": f"PL-TERYT-{gmina.teryt}"
            if gmina and gmina.teryt
            else (f"PL-NIP-{gmina.nip}" if gmina and gmina.nip else "PL-WKUS-GMINA"),
            "name": gmina.name if gmina else "",
        }
        orgs = {o.id: o for o in s.scalars(select(Organisation))}
        tasks = {t.id: t for t in s.scalars(select(PublicTask))}
        query = (
            select(Contract).where(Contract.status != ContractStatus.DRAFT).order_by(Contract.start_date, Contract.id)
        )
        # the money vocabulary's committed money over all years: a terminated contract awarded what was
        # transferred to it, not its unpaid tranches (issue 13)
        awarded = money.by_contract(s)
        for k in s.scalars(query):
            task = tasks.get(k.task_id) if k.task_id else None
            recipients = [orgs[p.organisation_id] for p in k.parties if p.organisation_id in orgs]
            out.append(
                {
                    "id": f"360G-PL-WKUS-{funder_key or 'GMINA'}-{k.id}",
                    "title": k.title,
                    "description": (task.title if task else k.title),
                    "currency": CURRENCY,
                    "amountAwarded": awarded.get(k.id, money.MoneyTotals()).committed,
                    "awardDate": (k.signed_date or k.start_date).isoformat(),
                    "plannedDates": [{"startDate": k.start_date.isoformat(), "endDate": k.end_date.isoformat()}],
                    "recipientOrganization": [
                        {"id": _org_id(o), "name": o.name, "nip": o.nip or None, "regon": o.regon or None}
                        for o in recipients
                    ],
                    "fundingOrganization": [funder],
                    "grantProgramme": [{"title": k.form.label}],
                    "contractNumber": k.number,
                    "lastModified": (k.updated_at or k.created_at).replace(microsecond=0).isoformat()
                    if (k.updated_at or k.created_at)
                    else None,
                }
            )
    return out


def grants_json_text(items: list[dict[str, Any]]) -> str:
    """JSON with amountAwarded as an exact number (json would need float for a bare number)."""

    def encode(value: Any) -> Any:
        if isinstance(value, Decimal):
            return f"@@DECIMAL:{value:.2f}@@"
        raise TypeError(type(value).__name__)

    text = json.dumps({"grants": items}, ensure_ascii=False, indent=1, default=encode)
    return re.sub(r'"@@DECIMAL:(-?\d+\.\d{2})@@"', r"\1", text)


def write_grants_json(db: Database, path: Path | str) -> int:
    items = grants(db)
    text = grants_json_text(items)
    atomic_write(Path(path), lambda part: part.write_text(text, encoding="utf-8"))
    return len(items)


CSV_COLUMNS = (
    "Identifier",
    "Title",
    "Description",
    "Currency",
    "Amount Awarded",
    "Award Date",
    "Planned Dates:Start Date",
    "Planned Dates:End Date",
    "Recipient Org:Identifier",
    "Recipient Org:Name",
    "Recipient Org:NIP",
    "Funding Org:Identifier",
    "Funding Org:Name",
    "Grant Programme:Title",
    "Last Modified",
)


def write_grants_csv(db: Database, path: Path | str) -> int:
    """UTF-8 CSV with comma separators and a decimal point, as the 360Giving tools expect."""
    items = grants(db)

    def row(g: dict[str, Any]) -> list[str]:
        recipients = g["recipientOrganization"]
        return [
            g["id"],
            g["title"],
            g["description"],
            g["currency"],
            f"{g['amountAwarded']:.2f}",
            g["awardDate"],
            g["plannedDates"][0]["startDate"],
            g["plannedDates"][0]["endDate"],
            "; ".join(r["id"] for r in recipients),
            "; ".join(r["name"] for r in recipients),
            "; ".join(r["nip"] or "" for r in recipients),
            g["fundingOrganization"][0]["id"],
            g["fundingOrganization"][0]["name"],
            g["grantProgramme"][0]["title"],
            g["lastModified"] or "",
        ]

    def write(part: Path) -> None:
        with part.open("w", encoding="utf-8", newline="") as fh:
            out = csv.writer(fh)
            out.writerow(CSV_COLUMNS)
            for g in items:
                out.writerow([neutralise(v) if i not in (4,) else v for i, v in enumerate(row(g))])

    atomic_write(Path(path), write)
    return len(items)
