"""The gmina's profile (one row): name, type, executive, address, identifiers, coat of arms."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select

from app.core.db.engine import Database
from app.core.db.models import Gmina
from app.core.domain.enums import ExecutiveTitle, JstType
from app.core.domain.gmina_names import name_forms
from app.core.domain.gmina_records import GminaInput, GminaRecord
from app.core.errors import FieldError
from app.core.i18n import N_, _
from app.core.identifiers import (
    is_valid_nip,
    is_valid_regon,
    normalize_nip,
    normalize_regon,
)
from app.core.services.fields import Checker
from app.core.services.gmina_read import read_gmina

LABELS = {
    "name": N_("Name"),
    "jst_type": N_("Type of local government"),
    "executive_title": N_("Executive body"),
    "postal_code": N_("Postal code"),
    "teryt": N_("TERYT code"),
    "nip": N_("NIP"),
    "regon": N_("REGON"),
    "email": N_("E-mail"),
    "council_name": N_("Council"),
    "street": N_("Street and number"),
    "city": N_("City"),
    "voivodeship": N_("Voivodeship"),
    "phone": N_("Phone"),
    "bip_url": N_("BIP address"),
    "name_genitive": N_("Name in the genitive"),
    "name_dative": N_("Name in the dative"),
    "name_locative": N_("Name in the locative"),
}


def _check(data: GminaInput) -> tuple[Checker, dict[str, object]]:
    c = Checker(data, LABELS)
    out: dict[str, object] = {
        "name": c.text("name", LABELS["name"], data.name, required=True, max_length=200),
        "jst_type": c.choice("jst_type", LABELS["jst_type"], data.jst_type, JstType),
        "executive_title": c.choice("executive_title", LABELS["executive_title"], data.executive_title, ExecutiveTitle),
        "postal_code": c.postal_code("postal_code", LABELS["postal_code"], data.postal_code),
        "email": c.email("email", LABELS["email"], data.email),
    }
    c.fits(
        Gmina,
        {
            name: getattr(data, name)
            for name in (
                "council_name",
                "street",
                "city",
                "voivodeship",
                "phone",
                "bip_url",
                "email",
                "name_genitive",
                "name_dative",
                "name_locative",
            )
        },
        LABELS,
    )
    teryt = re.sub(r"[\s_-]", "", data.teryt or "")
    if teryt and not re.fullmatch(r"\d{7}", teryt):
        c.error("teryt", LABELS["teryt"], _("It has 7 digits, e.g. 2010022."))
    out["teryt"] = teryt
    nip = ""
    if (data.nip or "").strip():
        if not is_valid_nip(data.nip):
            c.error("nip", LABELS["nip"], _("This NIP is not valid; check the number."))
        else:
            nip = normalize_nip(data.nip) or ""
    regon = ""
    if (data.regon or "").strip():
        if not is_valid_regon(data.regon):
            c.error("regon", LABELS["regon"], _("This REGON is not valid; check the number."))
        else:
            regon = normalize_regon(data.regon) or ""
    out["nip"], out["regon"] = nip, regon
    return c, out


def validate_gmina(data: GminaInput) -> list[FieldError]:
    return _check(data)[0].errors


def _record(g: Any) -> GminaRecord:
    """From a Gmina object or a row of the gmina table (the same names)."""
    return GminaRecord(
        id=g.id,
        name=g.name,
        jst_type=g.jst_type,
        executive_title=g.executive_title,
        council_name=g.council_name,
        street=g.street,
        postal_code=g.postal_code,
        city=g.city,
        voivodeship=g.voivodeship,
        teryt=g.teryt,
        nip=g.nip,
        regon=g.regon,
        email=g.email,
        phone=g.phone,
        bip_url=g.bip_url,
        has_logo=bool(g.logo),
        logo_filename=g.logo_filename,
        is_demo=g.is_demo,
        name_genitive=g.name_genitive or "",
        name_dative=g.name_dative or "",
        name_locative=g.name_locative or "",
    )


def get_gmina(db: Database) -> GminaRecord | None:
    """The gmina profile, or None before it has been filled in (read_gmina: portable SQL text, no
    ORM mapper needed, readable at start-up before the database stack is imported)."""
    return read_gmina(db)


def get_gmina_logo(db: Database) -> bytes | None:
    with db.session() as s:
        g = s.scalars(select(Gmina).order_by(Gmina.id)).first()
        return g.logo if g and g.logo else None


def save_gmina(db: Database, data: GminaInput) -> GminaRecord:
    """Create or update the single gmina profile."""
    checker, clean = _check(data)
    checker.raise_if_any()
    with db.session() as s:
        g = s.scalars(select(Gmina).order_by(Gmina.id)).first()
        if g is None:
            g = Gmina()
            s.add(g)
        g.name = str(clean["name"])
        # clean is _check's dict of checked values (object to the type checker); raise_if_any() above
        # refused a required one that is missing
        g.jst_type = clean["jst_type"]  # type: ignore[assignment]
        g.executive_title = clean["executive_title"]  # type: ignore[assignment]
        g.council_name = (data.council_name or "").strip()
        g.street = (data.street or "").strip()
        g.postal_code = str(clean["postal_code"])
        g.city = (data.city or "").strip()
        g.voivodeship = (data.voivodeship or "").strip()
        g.teryt = str(clean["teryt"])
        g.nip = str(clean["nip"])
        g.regon = str(clean["regon"])
        g.email = str(clean["email"])
        g.phone = (data.phone or "").strip()
        g.bip_url = (data.bip_url or "").strip()
        g.name_genitive = (data.name_genitive or "").strip()
        g.name_dative = (data.name_dative or "").strip()
        g.name_locative = (data.name_locative or "").strip()
        if data.logo is not None:
            g.logo = data.logo or None
            g.logo_filename = data.logo_filename if data.logo else ""
        g.is_demo = bool(data.is_demo)
        s.flush()
        return _record(g)


def gmina_input(record: GminaRecord) -> GminaInput:
    return GminaInput(
        name=record.name,
        jst_type=record.jst_type,
        executive_title=record.executive_title,
        council_name=record.council_name,
        street=record.street,
        postal_code=record.postal_code,
        city=record.city,
        voivodeship=record.voivodeship,
        teryt=record.teryt,
        nip=record.nip,
        regon=record.regon,
        email=record.email,
        phone=record.phone,
        bip_url=record.bip_url,
        logo=None,
        logo_filename=record.logo_filename,
        is_demo=record.is_demo,
        name_genitive=record.name_genitive,
        name_dative=record.name_dative,
        name_locative=record.name_locative,
    )


def name_preview(
    name: str, executive: object, council: str, voivodeship: str, genitive: str, dative: str, locative: str
) -> str:
    """The forms as a resolution will print them, with the forms that are still missing named."""
    if not name.strip() or not isinstance(executive, ExecutiveTitle):
        return "—"
    f = name_forms(name, executive, council, voivodeship, genitive, dative, locative)
    parts = [
        f.head,
        _("execution entrusted to the {head}").format(head=f.head_dative),
        _("in {locative}").format(locative=f.locative),
    ]
    if f.council_genitive:
        parts.append(_("Resolution of the {council}").format(council=f.council_genitive))
    parts.append(f.journal_locative)
    text = "\n".join(parts)
    if f.missing:
        labels = {
            "genitive": _("Name in the genitive"),
            "dative": _("Name in the dative"),
            "locative": _("Name in the locative"),
            "voivodeship": _("Voivodeship"),
        }
        text += "\n" + _("Missing: {fields}").format(fields=", ".join(labels[k] for k in f.missing))
    return text
