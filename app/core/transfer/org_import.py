"""Import of organisations from CSV/XLSX: a preview with per-row errors, nothing written until
`commit_import` (after the clerk has seen the preview and confirmed).

Columns are matched by their headers in Polish or English (those of our own export, plus the usual
variants: "Nazwa organizacji", "Kod pocztowy"...), in any order; unknown columns are listed and
ignored. Values go through the same validation as the organisation form (`validate_organisation`).
"""

from __future__ import annotations

import functools
import gettext
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from app.core.db.engine import Database
from app.core.db.models import Organisation
from app.core.domain.enums import LabeledEnum, LegalForm, RegistryType, WkusArea
from app.core.domain.records import OrganisationInput
from app.core.errors import UserFacingError
from app.core.i18n import N_, _, load_translations
from app.core.identifiers import normalize_krs, normalize_nip
from app.core.intake import normalise_text, text_problem
from app.core.services.organisations import validate_organisation
from app.core.transfer.sheets import ORGANISATION_COLUMNS, looks_like_formula
from app.core.transfer.tables_in import RawTable, read_table
from app.core.transfer.xlsx_reader import column_letters

#: Extra header spellings met in gmina spreadsheets (compared after normalising case and accents).
_EXTRA_ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("nazwa organizacji", "nazwa podmiotu", "organizacja"),
    "legal_form": ("forma organizacyjna",),
    "registry_type": ("rejestr", "rodzaj rejestru"),
    "registry_number": ("krs", "nr krs", "numer krs", "numer w rejestrze", "nr rejestru"),
    "nip": ("nr nip", "numer nip"),
    "regon": ("nr regon", "numer regon"),
    "street": ("ulica", "adres", "ulica i numer"),
    "postal_code": ("kod", "kod pocztowy"),
    "city": ("miejscowosc", "miasto", "poczta"),
    "email": ("email", "e-mail", "adres e-mail", "mail"),
    "phone": ("telefon", "tel", "nr telefonu"),
    "website": ("strona www", "www", "strona internetowa"),
    "contact_person": ("osoba kontaktowa",),
    "contact_email": ("e-mail osoby kontaktowej", "email osoby kontaktowej"),
    "contact_phone": ("telefon osoby kontaktowej",),
    "opp_status": ("opp", "status opp", "organizacja pozytku publicznego"),
    "active": ("aktywna", "aktywny"),
    "notes": ("uwagi", "notatki"),
}
_IMPORT_LABELS: dict[str, str] = {
    **dict(ORGANISATION_COLUMNS),
    "contact_person": N_("Contact person"),
    "contact_email": N_("Contact person's e-mail"),
    "contact_phone": N_("Contact person's phone"),
    "notes": N_("Notes"),
}
#: Free-text fields the form does not limit, with the lengths the database columns are declared with.
_MAX_LENGTHS = {
    "street": 200,
    "city": 100,
    "phone": 40,
    "website": 300,
    "contact_person": 200,
    "contact_phone": 40,
    "notes": 10_000,
}
_YES = {"1", "tak", "t", "yes", "y", "x", "true", "prawda"}
_NO = {"0", "nie", "n", "no", "false", "falsz", ""}


@dataclass(frozen=True)
class RowError:
    """One problem of one imported row: `row` as the spreadsheet numbers it, `field` the attribute."""

    row: int
    field: str
    label: str
    message: str

    def __str__(self) -> str:
        return _("Row {row}, {label}: {message}").format(row=self.row, label=self.label, message=self.message)


@dataclass(frozen=True)
class ImportRow:
    row: int
    data: OrganisationInput


@dataclass(frozen=True)
class ImportPreview:
    source: Path
    encoding: str
    delimiter: str | None
    #: header as found -> attribute
    columns: dict[str, str]
    ignored_columns: tuple[str, ...]
    rows: tuple[ImportRow, ...]
    errors: tuple[RowError, ...]
    notes: tuple[str, ...] = field(default=())

    @property
    def rejected_rows(self) -> tuple[int, ...]:
        return tuple(sorted({e.row for e in self.errors}))

    @property
    def valid_rows(self) -> tuple[ImportRow, ...]:
        bad = set(self.rejected_rows)
        return tuple(r for r in self.rows if r.row not in bad)


@dataclass(frozen=True)
class ImportResult:
    created: int
    skipped_rows: tuple[int, ...]


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.strip().lstrip("'").casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).replace("ł", "l")
    return re.sub(r"\s+", " ", text)


@functools.lru_cache(maxsize=1)
def _polish() -> gettext.NullTranslations:
    return load_translations("pl")


def _spellings(msgid: str) -> set[str]:
    return {_norm(msgid), _norm(_polish().gettext(msgid)), _norm(_(msgid))}


def _aliases() -> dict[str, str]:
    table: dict[str, str] = {}
    for attr, label in _IMPORT_LABELS.items():
        if attr == "id":
            continue
        for spelling in {_norm(attr), *_spellings(label), *(_norm(a) for a in _EXTRA_ALIASES.get(attr, ()))}:
            table.setdefault(spelling, attr)
    return table


def _enum_lookup(enum_cls: type[LabeledEnum]) -> dict[str, object]:
    found: dict[str, object] = {}
    for member in enum_cls:
        for spelling in {_norm(member.value), *_spellings(member._label)}:
            found.setdefault(spelling, member)
    return found


def _cell(text: str) -> str:
    text = text.strip()
    # our own export prefixes formula-like text with ' (see sheets.neutralise): take it off again
    if text.startswith("'") and looks_like_formula(text[1:]):
        return text[1:]
    return text


def _label(attr: str) -> str:
    return _(_IMPORT_LABELS.get(attr, attr))


def _row_input(number: int, values: dict[str, str], errors: list[RowError]) -> OrganisationInput:
    def err(attr: str, message: str) -> None:
        errors.append(RowError(number, attr, _label(attr), message))

    legal_forms, registries, areas = _enum_lookup(LegalForm), _enum_lookup(RegistryType), _enum_lookup(WkusArea)
    data: dict[str, object] = {
        k: v
        for k, v in values.items()
        if k not in ("legal_form", "registry_type", "opp_status", "active", "areas", "spheres")
    }
    if "legal_form" in values:
        # unknown text is passed on: the form's validation reports it ("choose a value from the list")
        data["legal_form"] = legal_forms.get(_norm(values["legal_form"]), values["legal_form"] or None)
    else:
        data["legal_form"] = LegalForm.INNA
    if "registry_type" in values:
        data["registry_type"] = registries.get(_norm(values["registry_type"]), values["registry_type"] or None)
    else:
        number_text = values.get("registry_number", "")
        data["registry_type"] = RegistryType.KRS if number_text and normalize_krs(number_text) else RegistryType.INNY
    for attr, default in (("opp_status", False), ("active", True)):
        if attr not in values or not values[attr]:
            data[attr] = default
        elif _norm(values[attr]) in _YES:
            data[attr] = True
        elif _norm(values[attr]) in _NO:
            data[attr] = False
        else:
            err(attr, _("Write yes or no."))
            data[attr] = default
    parts = [p.strip() for p in re.split(r"[,;\n]", values.get("areas", "")) if p.strip()]
    data["areas"] = tuple(areas.get(_norm(p), p) for p in parts)
    data["spheres"] = tuple(p.strip() for p in re.split(r"[,;\s]+", values.get("spheres", "")) if p.strip())
    for attr, limit in _MAX_LENGTHS.items():
        if len(values.get(attr, "")) > limit:
            err(attr, _("At most {count} characters are allowed.").format(count=limit))
    # the fields as read (text, or the enum member found): validate_organisation checks them next
    return OrganisationInput(**data)  # type: ignore[arg-type]


def build_preview(db: Database, table: RawTable, source: Path) -> ImportPreview:
    aliases = _aliases()
    columns: dict[int, str] = {}
    mapping: dict[str, str] = {}
    ignored = []
    for index, header in enumerate(table.headers):
        attr = aliases.get(_norm(header))
        if attr is None or attr in columns.values():
            if header.strip() and _norm(header) not in (_norm("id"), _norm(_("ID"))):
                ignored.append(header)
            continue
        columns[index] = attr
        mapping[header] = attr
    if "name" not in columns.values():
        raise UserFacingError(
            _(
                "The file has no column with the organisation's name (\u201c{name}\u201d). Columns found: {found}."
            ).format(name=_("Name"), found=", ".join(table.headers) or "—")
        )
    notes = []
    if "legal_form" not in columns.values():
        notes.append(
            _("The file has no legal form column: \u201c{value}\u201d is set for every organisation.").format(
                value=LegalForm.INNA.label
            )
        )
    with db.session() as s:
        existing = {nip: name for nip, name in s.execute(select(Organisation.nip, Organisation.name)) if nip}
        # many small organisations have no NIP: re-importing an export must not double them either
        existing_krs = {
            number: name
            for kind, number, name in s.execute(
                select(Organisation.registry_type, Organisation.registry_number, Organisation.name)
            )
            if kind is RegistryType.KRS and number
        }
    rows, errors = [], []
    seen_nips: dict[str, int] = {}
    seen_krs: dict[str, int] = {}
    read_problems: dict[int, list[tuple[int, str]]] = {}
    for number, column, message in table.problems:
        read_problems.setdefault(number, []).append((column, message))
    for number, cells in table.rows:
        row_errors: list[RowError] = []
        values: dict[str, str] = {}
        refused: set[str] = set()  # the forms' validator refuses the same text: named once
        for i, attr in columns.items():
            text = _cell(cells[i]) if i < len(cells) else ""
            problem = text_problem(text, controls_allowed=False)
            if problem:
                row_errors.append(
                    RowError(
                        number, attr, _label(attr), _("The value cannot be accepted: {reason}.").format(reason=problem)
                    )
                )
                values[attr] = text  # kept as it is for the preview; the row is refused anyway
                refused.add(attr)
                continue
            values[attr] = normalise_text(text) if text else ""
        for column, message in read_problems.get(number, []):
            if column >= 0 and column not in columns:
                continue  # a column the import ignores cannot spoil the row
            attr = columns.get(column, "")
            label = (
                _label(attr)
                if attr
                else (_("Column {letter}").format(letter=column_letters(column)) if column >= 0 else _("Whole row"))
            )
            row_errors.append(RowError(number, attr or "-", label, message))
        data = _row_input(number, values, row_errors)
        for e in validate_organisation(data):
            if e.field not in refused:
                row_errors.append(RowError(number, e.field, e.label, e.message))
        nip = normalize_nip(data.nip) if data.nip else None
        if nip and not any(e.field == "nip" for e in row_errors):
            if nip in existing:
                row_errors.append(
                    RowError(
                        number,
                        "nip",
                        _label("nip"),
                        _("An organisation with this NIP is already in the register: {name}.").format(
                            name=existing[nip]
                        ),
                    )
                )
            elif nip in seen_nips:
                row_errors.append(
                    RowError(
                        number,
                        "nip",
                        _label("nip"),
                        _("The same NIP is in row {row} of this file.").format(row=seen_nips[nip]),
                    )
                )
            else:
                seen_nips[nip] = number
        krs = (
            normalize_krs(data.registry_number)
            if data.registry_type is RegistryType.KRS and data.registry_number
            else None
        )
        if krs and not any(e.field in ("nip", "registry_number") for e in row_errors):
            if krs in existing_krs:
                row_errors.append(
                    RowError(
                        number,
                        "registry_number",
                        _label("registry_number"),
                        _("An organisation with this KRS number is already in the register: {name}.").format(
                            name=existing_krs[krs]
                        ),
                    )
                )
            elif krs in seen_krs:
                row_errors.append(
                    RowError(
                        number,
                        "registry_number",
                        _label("registry_number"),
                        _("The same KRS number is in row {row} of this file.").format(row=seen_krs[krs]),
                    )
                )
            else:
                seen_krs[krs] = number
        rows.append(ImportRow(number, data))
        errors.extend(row_errors)
    return ImportPreview(
        source, table.encoding, table.delimiter, mapping, tuple(ignored), tuple(rows), tuple(errors), tuple(notes)
    )


def preview_import(db: Database, path: Path | str) -> ImportPreview:
    """Read and check the file; writes nothing."""
    path = Path(path)
    return build_preview(db, read_table(path), path)


def commit_import(db: Database, preview: ImportPreview) -> ImportResult:
    """Create the organisations of the preview's valid rows, all in one transaction.

    The NIPs are checked again (someone may have added an organisation since the preview); if any
    now collides, nothing is written and the rows are named.
    """
    # The service's own checking and applying, so an imported organisation is stored exactly as one
    # typed into the form (normalised NIP, KRS with leading zeros, areas in order...).
    from app.core.services.organisations import _apply, _check

    valid = preview.valid_rows
    with db.session() as s:
        existing = {nip for nip in s.scalars(select(Organisation.nip)) if nip}
        clashes = [r.row for r in valid if r.data.nip and normalize_nip(r.data.nip) in existing]
        if clashes:
            raise UserFacingError(
                _(
                    "Organisations with the same NIP were added in the meantime (rows {rows}). "
                    "Nothing was imported; prepare the import again."
                ).format(rows=", ".join(map(str, clashes)))
            )
        for r in valid:
            checker, clean = _check(r.data)
            if clean is None:  # cannot happen: the preview ran the same checks
                raise UserFacingError(
                    str(RowError(r.row, checker.errors[0].field, checker.errors[0].label, checker.errors[0].message))
                )
            org = Organisation()
            _apply(org, r.data, clean)
            s.add(org)
    return ImportResult(len(valid), preview.rejected_rows)
