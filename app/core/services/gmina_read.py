"""Reading the gmina profile: portable SQL text through the plain row reader (app.core.db.plain_reads).

Its own module without SQLAlchemy: the window's title and the Pulpit read the profile at every start,
at first from the SQLite file before the database stack is imported (issue 18)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from app.core.db.plain_reads import Reader, as_bool, as_int, as_text, enum_of, reading
from app.core.domain.enums import ExecutiveTitle, JstType
from app.core.domain.gmina_records import GminaRecord

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.core.db.engine import Database

#: the record's fields in order; `has_logo` from the logo's length (the picture itself is not read)
_FIELDS = (
    ("id", "id", as_int),
    ("name", "name", as_text),
    ("jst_type", "jst_type", enum_of(JstType)),
    ("executive_title", "executive_title", enum_of(ExecutiveTitle)),
    ("council_name", "council_name", as_text),
    ("street", "street", as_text),
    ("postal_code", "postal_code", as_text),
    ("city", "city", as_text),
    ("voivodeship", "voivodeship", as_text),
    ("teryt", "teryt", as_text),
    ("nip", "nip", as_text),
    ("regon", "regon", as_text),
    ("email", "email", as_text),
    ("phone", "phone", as_text),
    ("bip_url", "bip_url", as_text),
    ("has_logo", "length(logo)", as_bool),
    ("logo_filename", "logo_filename", as_text),
    ("is_demo", "is_demo", as_bool),
    ("name_genitive", "name_genitive", as_text),
    ("name_dative", "name_dative", as_text),
    ("name_locative", "name_locative", as_text),
)
_SQL = f"SELECT {', '.join(column for _f, column, _c in _FIELDS)} FROM gmina ORDER BY id"


def read_gmina(source: Database | Reader | Session) -> GminaRecord | None:
    """The gmina profile, or None before it has been filled in."""
    with reading(source) as reader:
        rows = reader.rows(_SQL, types=tuple(convert for _f, _c, convert in _FIELDS))
    if not rows:
        return None
    values: dict[str, Any] = {field: value for (field, _c, _v), value in zip(_FIELDS, rows[0])}
    values["has_logo"] = bool(values["has_logo"])
    for optional in ("name_genitive", "name_dative", "name_locative"):
        values[optional] = values[optional] or ""
    return GminaRecord(**values)
