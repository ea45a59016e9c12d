"""The register of organisations (NGOs and other art. 3 ust. 3 entities)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.db.engine import Database
from app.core.db.models import ContractParty, Organisation, OrganisationArea, OrganisationSphere
from app.core.domain.enums import LegalForm, RegistryType, WkusArea
from app.core.domain.records import OrganisationInput, OrganisationRecord, OrganisationRow
from app.core.errors import FieldError, UserFacingError, ValidationFailed
from app.core.i18n import N_, _, ngettext
from app.core.identifiers import is_valid_nip, is_valid_regon, normalize_krs, normalize_nip, normalize_regon
from app.core.services.common import get_or_404, known_sphere_codes, remove_child, sphere_sort_key
from app.core.services.fields import Checker, field_error
from app.core.services.versions import check_version, mark_saved

# Field labels (English msgids) – the form shows the same names.
LABELS = {
    "name": N_("Name"),
    "short_name": N_("Short name"),
    "legal_form": N_("Legal form"),
    "registry_type": N_("Register"),
    "registry_number": N_("Register number"),
    "nip": N_("NIP"),
    "regon": N_("REGON"),
    "postal_code": N_("Postal code"),
    "email": N_("E-mail"),
    "contact_email": N_("Contact person's e-mail"),
    "street": N_("Street and number"),
    "city": N_("City"),
    "phone": N_("Phone"),
    "website": N_("Website"),
    "contact_person": N_("Contact person"),
    "contact_phone": N_("Contact person's phone"),
    "areas": N_("WKUS areas"),
    "spheres": N_("Spheres of public tasks (art. 4)"),
}


@dataclass(frozen=True)
class _Clean:
    """Validated, normalised values ready to store."""

    name: str
    short_name: str
    legal_form: LegalForm
    registry_type: RegistryType
    registry_number: str
    nip: str
    regon: str
    postal_code: str
    email: str
    contact_email: str
    areas: tuple[WkusArea, ...]
    spheres: tuple[str, ...]


def _check(data: OrganisationInput) -> tuple[Checker, _Clean | None]:
    c = Checker(data, LABELS)
    name = c.text("name", LABELS["name"], data.name, required=True, max_length=300)
    short_name = c.text("short_name", LABELS["short_name"], data.short_name, max_length=100)
    legal_form = c.choice("legal_form", LABELS["legal_form"], data.legal_form, LegalForm)
    registry_type = c.choice("registry_type", LABELS["registry_type"], data.registry_type, RegistryType)
    number = (data.registry_number or "").strip()
    if registry_type is RegistryType.KRS:
        if not number:
            c.error(
                "registry_number",
                LABELS["registry_number"],
                _("Enter the KRS number (up to 10 digits, e.g. 0000123456)."),
            )
        else:
            krs = normalize_krs(number)
            if krs is None:
                c.error(
                    "registry_number",
                    LABELS["registry_number"],
                    _("A KRS number has up to 10 digits, e.g. 0000123456."),
                )
            else:
                number = krs
    elif len(number) > 40:
        c.error(
            "registry_number", LABELS["registry_number"], _("At most {count} characters are allowed.").format(count=40)
        )
    nip = ""
    if (data.nip or "").strip():
        if normalize_nip(data.nip) is None:
            c.error("nip", LABELS["nip"], _("It has 10 digits, e.g. 856-734-62-15."))
        elif not is_valid_nip(data.nip):
            c.error("nip", LABELS["nip"], _("This NIP has a wrong check digit; check the number."))
        else:
            nip = normalize_nip(data.nip) or ""
    regon = ""
    if (data.regon or "").strip():
        if normalize_regon(data.regon) is None:
            c.error("regon", LABELS["regon"], _("It has 9 or 14 digits."))
        elif not is_valid_regon(data.regon):
            c.error("regon", LABELS["regon"], _("This REGON has a wrong check digit; check the number."))
        else:
            regon = normalize_regon(data.regon) or ""
    postal = c.postal_code("postal_code", LABELS["postal_code"], data.postal_code)
    email = c.email("email", LABELS["email"], data.email)
    contact_email = c.email("contact_email", LABELS["contact_email"], data.contact_email)
    c.fits(
        Organisation,
        {
            name: getattr(data, name)
            for name in (
                "street",
                "city",
                "phone",
                "website",
                "contact_person",
                "contact_phone",
                "email",
                "contact_email",
            )
        },
        LABELS,
    )
    areas: list[WkusArea] = []
    for a in data.areas:
        area = c.choice("areas", LABELS["areas"], a, WkusArea)
        if area is not None and area not in areas:
            areas.append(area)
    known = known_sphere_codes()
    spheres = sorted({s.strip() for s in data.spheres if s and s.strip()}, key=sphere_sort_key)
    unknown = [s for s in spheres if s not in known]
    if unknown:
        c.error("spheres", LABELS["spheres"], _("Unknown sphere codes: {codes}.").format(codes=", ".join(unknown)))
    if c.errors or legal_form is None or registry_type is None:
        return c, None
    return c, _Clean(
        name,
        short_name,
        legal_form,
        registry_type,
        number,
        nip,
        regon,
        postal,
        email,
        contact_email,
        tuple(sorted(areas, key=list(WkusArea).index)),
        tuple(spheres),
    )


def validate_organisation(data: OrganisationInput) -> list[FieldError]:
    """Every problem with the form's values (empty list = can be saved). No database needed."""
    return _check(data)[0].errors


def _duplicate_nip(session: Session, nip: str, exclude_id: int | None) -> FieldError | None:
    if not nip:
        return None
    query = select(Organisation.name).where(Organisation.nip == nip)
    if exclude_id is not None:
        query = query.where(Organisation.id != exclude_id)
    other = session.scalars(query).first()
    if other is None:
        return None
    return field_error("nip", LABELS["nip"], _("Another organisation already has this NIP: {name}.").format(name=other))


def _apply(org: Organisation, data: OrganisationInput, clean: _Clean) -> None:
    org.name = clean.name
    org.short_name = clean.short_name
    org.legal_form = clean.legal_form
    org.registry_type = clean.registry_type
    org.registry_number = clean.registry_number
    org.nip = clean.nip
    org.regon = clean.regon
    org.street = (data.street or "").strip()
    org.postal_code = clean.postal_code
    org.city = (data.city or "").strip()
    org.email = clean.email
    org.phone = (data.phone or "").strip()
    org.website = (data.website or "").strip()
    org.contact_person = (data.contact_person or "").strip()
    org.contact_email = clean.contact_email
    org.contact_phone = (data.contact_phone or "").strip()
    org.opp_status = bool(data.opp_status)
    org.active = bool(data.active)
    org.notes = (data.notes or "").strip()
    # Change the collections row by row so the audit log shows only what really changed.
    wanted_areas = set(clean.areas)
    for row in list(org.areas):
        if row.area not in wanted_areas:
            remove_child(org.areas, row)
    have_areas = {row.area for row in org.areas}
    org.areas.extend(OrganisationArea(area=a) for a in clean.areas if a not in have_areas)
    wanted_spheres = set(clean.spheres)
    for sphere_row in list(org.spheres):
        if sphere_row.sphere not in wanted_spheres:
            remove_child(org.spheres, sphere_row)
    have_spheres = {sphere_row.sphere for sphere_row in org.spheres}
    org.spheres.extend(OrganisationSphere(sphere=s) for s in clean.spheres if s not in have_spheres)


def _contracts_count(session: Session, org_id: int) -> int:
    return (
        session.scalar(select(func.count()).select_from(ContractParty).where(ContractParty.organisation_id == org_id))
        or 0
    )


def to_record(org: Organisation, contracts_count: int = 0) -> OrganisationRecord:
    return OrganisationRecord(
        id=org.id,
        name=org.name,
        short_name=org.short_name,
        legal_form=org.legal_form,
        registry_type=org.registry_type,
        registry_number=org.registry_number,
        nip=org.nip,
        regon=org.regon,
        street=org.street,
        postal_code=org.postal_code,
        city=org.city,
        email=org.email,
        phone=org.phone,
        website=org.website,
        contact_person=org.contact_person,
        contact_email=org.contact_email,
        contact_phone=org.contact_phone,
        opp_status=org.opp_status,
        active=org.active,
        notes=org.notes,
        areas=tuple(sorted((a.area for a in org.areas), key=list(WkusArea).index)),
        spheres=tuple(sorted((s.sphere for s in org.spheres), key=sphere_sort_key)),
        contracts_count=contracts_count,
        version=org.version,
    )


def _save(db: Database, org_id: int | None, data: OrganisationInput) -> OrganisationRecord:
    checker, clean = _check(data)
    checker.raise_if_any()
    assert clean is not None
    with db.session() as s:
        dup = _duplicate_nip(s, clean.nip, org_id)
        if dup is not None:
            raise ValidationFailed([dup])
        if org_id is None:
            org = Organisation()
            _apply(org, data, clean)
            s.add(org)
        else:
            org = get_or_404(s, Organisation, org_id, _("Organisation"))
            check_version(s, org, data.expected_version, _("Organisation {name}").format(name=org.name))
            _apply(org, data, clean)
            mark_saved(org)
        s.flush()
        return to_record(org, _contracts_count(s, org.id))


def create_organisation(db: Database, data: OrganisationInput) -> OrganisationRecord:
    return _save(db, None, data)


def update_organisation(db: Database, org_id: int, data: OrganisationInput) -> OrganisationRecord:
    return _save(db, org_id, data)


def delete_organisation(db: Database, org_id: int) -> None:
    """Delete an organisation; refused while it is a party to any contract."""
    with db.session() as s:
        org = get_or_404(s, Organisation, org_id, _("Organisation"))
        count = _contracts_count(s, org_id)
        if count:
            raise UserFacingError(
                ngettext(
                    "{name} cannot be deleted: it is a party to {count} contract. "
                    "Delete the contract first or mark the organisation as inactive.",
                    "{name} cannot be deleted: it is a party to {count} contracts. "
                    "Delete the contracts first or mark the organisation as inactive.",
                    count,
                ).format(name=org.name, count=count)
            )
        s.delete(org)


def get_organisation(db: Database, org_id: int) -> OrganisationRecord:
    with db.session() as s:
        org = get_or_404(s, Organisation, org_id, _("Organisation"))
        return to_record(org, _contracts_count(s, org_id))


def organisation_input(record: OrganisationRecord) -> OrganisationInput:
    """The form values of a stored organisation (to open it in the editor)."""
    return OrganisationInput(
        name=record.name,
        short_name=record.short_name,
        legal_form=record.legal_form,
        registry_type=record.registry_type,
        registry_number=record.registry_number,
        nip=record.nip,
        regon=record.regon,
        street=record.street,
        postal_code=record.postal_code,
        city=record.city,
        email=record.email,
        phone=record.phone,
        website=record.website,
        contact_person=record.contact_person,
        contact_email=record.contact_email,
        contact_phone=record.contact_phone,
        opp_status=record.opp_status,
        active=record.active,
        notes=record.notes,
        areas=record.areas,
        spheres=record.spheres,
        expected_version=record.version,
    )


def list_organisations(db: Database, *, search: str = "", active_only: bool = False) -> list[OrganisationRow]:
    """All organisations ordered by name; `search` matches name, short name, city, NIP, REGON, KRS."""
    with db.session() as s:
        counts = dict(
            s.execute(select(ContractParty.organisation_id, func.count()).group_by(ContractParty.organisation_id)).all()
        )
        query = select(Organisation).order_by(Organisation.name)
        if active_only:
            query = query.where(Organisation.active.is_(True))
        needle = search.strip().casefold()
        rows = []
        for org in s.scalars(query):
            if needle and not any(
                needle in (v or "").casefold()
                for v in (org.name, org.short_name, org.city, org.nip, org.regon, org.registry_number)
            ):
                continue
            rows.append(
                OrganisationRow(
                    id=org.id,
                    name=org.name,
                    short_name=org.short_name,
                    legal_form=org.legal_form,
                    registry_type=org.registry_type,
                    registry_number=org.registry_number,
                    nip=org.nip,
                    regon=org.regon,
                    city=org.city,
                    areas=tuple(sorted((a.area for a in org.areas), key=list(WkusArea).index)),
                    opp_status=org.opp_status,
                    active=org.active,
                    contracts_count=counts.get(org.id, 0),
                )
            )
        return rows
