"""The indicator exchange file: what a gmina sends to the regional office, read back defensively.

Every value comes from the figures' owners (the model indices from app.core.tools, the MKUS indicators
from app.core.figures.mkus_indicators); unknown stays unknown (null in the file, "—" in the report).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from app.core.db.engine import Database
from app.core.errors import UserFacingError
from app.core.i18n import N_, _

FORMAT = "wkus-indicator-exchange"
VERSION = 1
#: an exchange file holds a dozen numbers; anything much larger is not one
MAX_BYTES = 64 * 1024


@dataclass(frozen=True)
class IndicatorDef:
    code: str
    label: str  # msgid
    unit: str  # "index" (0–100), "share" (0–1), "money" (zł), "count"
    higher_is_better: bool | None = True  # None: neither (a profile, not a score)


INDICATORS: tuple[IndicatorDef, ...] = (
    IndicatorDef("IDX-J", N_("Quality index (Jakość)"), "index"),
    IndicatorDef("IDX-E", N_("Efficiency index (Efektywność)"), "index"),
    IndicatorDef("IDX-W", N_("Cooperation index (Współpraca)"), "index"),
    IndicatorDef("grants", N_("Contracts with money committed in the year"), "count", None),
    IndicatorDef("multi_year_share", N_("Share of the money in multi-year contracts"), "share"),
    IndicatorDef("entrustment_share", N_("Share of the money given as powierzenie"), "share", None),
    IndicatorDef("small_share", N_("Share of small grants among the contracts"), "share", None),
    IndicatorDef("median_grant", N_("Median grant per contract"), "money", None),
)
CODES = tuple(i.code for i in INDICATORS)


@dataclass(frozen=True)
class GminaFigures:
    gmina: str
    teryt: str
    year: int
    values: dict[str, Decimal | None]


def gmina_figures(db: Database, year: int) -> GminaFigures:
    """This gmina's indicators for the year, from their owners."""
    from app.core.documents.annual_report import annual_figures
    from app.core.figures.mkus_indicators import mkus_indicators
    from app.core.services.gmina import get_gmina
    from app.core.tools import model_indices

    profile = get_gmina(db)
    if profile is None or not profile.name.strip():
        raise UserFacingError(_("Fill in the gmina profile first (File → Gmina profile): the exchange file "
                                "names the gmina."))
    contract_ids = [c.id for c in annual_figures(db, year).contracts]
    values: dict[str, Decimal | None] = {}
    with db.session() as s:
        for index in model_indices(s, contract_ids, year):
            # below the coverage a grade needs, the value is too partial to set beside other gminas
            values[f"IDX-{index.model_code}"] = index.value if index.graded else None
        m = mkus_indicators(s, year)
    values.update(grants=Decimal(m.grants), multi_year_share=m.multi_year_share,
                  entrustment_share=m.entrustment_share, small_share=m.small_share, median_grant=m.median_grant)
    return GminaFigures(profile.name.strip(), (profile.teryt or "").strip(), year,
                        {code: values.get(code) for code in CODES})


def to_json(f: GminaFigures) -> str:
    return json.dumps({"format": FORMAT, "version": VERSION, "gmina": f.gmina, "teryt": f.teryt, "year": f.year,
                       "values": {k: (None if v is None else str(v)) for k, v in f.values.items()}},
                      ensure_ascii=False, indent=2)


def read_exchange(path: Path) -> GminaFigures:
    """A gmina's exchange file, checked; a UserFacingError names the file and the field otherwise."""
    def bad(what: str) -> UserFacingError:
        return UserFacingError(_("{file} is not a WKUS indicator exchange file: {what}.").format(
            file=path.name, what=what))

    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UserFacingError(_("The file {file} cannot be read: {reason}").format(
            file=path, reason=exc.strerror or exc)) from exc
    if len(raw) > MAX_BYTES:
        raise bad(_("it is too large"))
    try:
        data: Any = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise bad(_("it is not JSON text")) from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise bad(_("the field format is missing"))
    if data.get("version") != VERSION:
        raise bad(_("version {version} is not known to this program").format(version=data.get("version")))
    gmina, teryt, year = data.get("gmina"), data.get("teryt", ""), data.get("year")
    if not isinstance(gmina, str) or not gmina.strip() or len(gmina) > 200:
        raise bad(_("the field gmina must name the gmina"))
    if not isinstance(teryt, str) or len(teryt) > 7:
        raise bad(_("the field teryt must be the 7-digit TERYT code"))
    if not isinstance(year, int) or isinstance(year, bool) or not 2000 <= year <= 2100:
        raise bad(_("the field year must be a year between 2000 and 2100"))
    given = data.get("values")
    if not isinstance(given, dict):
        raise bad(_("the field values is missing"))
    values: dict[str, Decimal | None] = {}
    for ind in INDICATORS:
        value = given.get(ind.code)
        if value is None:
            values[ind.code] = None
            continue
        try:
            number = Decimal(str(value)) if isinstance(value, (str, int)) and not isinstance(value, bool) else None
        except InvalidOperation:
            number = None
        limit = {"index": Decimal(100), "share": Decimal(1)}.get(ind.unit)
        if number is None or not number.is_finite() or number < 0 or (limit is not None and number > limit):
            raise bad(_("the value of {code} is not a number in its range").format(code=ind.code))
        values[ind.code] = number
    return GminaFigures(gmina.strip(), teryt.strip(), year, values)
