"""The indicator exchange file: what a gmina sends to the regional office, read back defensively.

Every value comes from the figures' owners (the model indices from app.core.tools, the MKUS indicators
from app.core.figures.mkus_indicators, the contracts of the year and their money from app.core.documents.data
and app.core.figures.money); unknown stays unknown (null in the file, "—" in the report).

Version 2 adds the same indices per sphere (the WKUS area of the contract's public task: every task has one,
whereas the art. 4 spheres are optional and several per task) and what the gmina chose there, as counts of
contracts per legal route and per form and the multi-year ones: numbers only, no names of organisations
or people. Version 1 files are still read (no spheres).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from app.core.db.engine import Database
from app.core.errors import UserFacingError
from app.core.i18n import N_, _

FORMAT = "wkus-indicator-exchange"
VERSION = 2
#: versions this program reads (1: the gmina's totals only; 2: also per sphere)
READABLE = (1, 2)
#: an exchange file holds a dozen numbers; anything much larger is not one
MAX_BYTES = 64 * 1024


@dataclass(frozen=True)
class IndicatorDef:
    code: str
    label: str  # msgid
    unit: str  # "index" (0–100), "share" (0–1), "money" (zł), "count"
    higher_is_better: bool | None = True  # None: neither (a profile, not a score)
    #: a short name for a narrow column (msgid); "" = the label
    short: str = ""


INDICATORS: tuple[IndicatorDef, ...] = (
    IndicatorDef("IDX-J", N_("Quality index (Jakość)"), "index", short=N_("Quality")),
    IndicatorDef("IDX-E", N_("Efficiency index (Efektywność)"), "index", short=N_("Efficiency")),
    IndicatorDef("IDX-W", N_("Cooperation index (Współpraca)"), "index", short=N_("Cooperation")),
    IndicatorDef("grants", N_("Contracts with money committed in the year"), "count", None),
    IndicatorDef("multi_year_share", N_("Share of the money in multi-year contracts"), "share"),
    IndicatorDef("entrustment_share", N_("Share of the money given as powierzenie"), "share", None),
    IndicatorDef("small_share", N_("Share of small grants among the contracts"), "share", None),
    IndicatorDef("median_grant", N_("Median grant per contract"), "money", None),
)
CODES = tuple(i.code for i in INDICATORS)


#: the indicators given per sphere: the composite indices (the shares and the median are the year's totals)
SPHERE_INDICATORS: tuple[IndicatorDef, ...] = (
    *(i for i in INDICATORS if i.unit == "index"),
    IndicatorDef("contracts", N_("Contracts with money committed in the year in the sphere"), "count", None),
)
#: a catalogue tool's id (E-01, J-04, W-05): the only text a file's tools may hold
TOOL_ID = re.compile(r"[A-Z]{1,3}-[0-9]{2}")
#: the route of a contract whose procedure is not recorded
NO_ROUTE = "none"


@dataclass(frozen=True)
class SphereFigures:
    """One sphere's indices and the gmina's choices there, as counts of contracts."""

    values: dict[str, Decimal | None]
    #: contracts per legal route (ProcedureRoute code, or NO_ROUTE)
    routes: dict[str, int]
    #: contracts per form (ContractForm code)
    forms: dict[str, int]
    #: contracts lasting more than one budget year
    multi_year: int
    #: contracts per catalogue tool the gmina filled in for them (an entry on the contract in the year, or on
    #: its public task up to the year); None: the file does not say
    tools: dict[str, int] | None = None

    @property
    def contracts(self) -> int:
        return sum(self.forms.values())


@dataclass(frozen=True)
class GminaFigures:
    gmina: str
    teryt: str
    year: int
    values: dict[str, Decimal | None]
    #: WKUS area code → its figures; empty in a version 1 file
    spheres: dict[str, SphereFigures] = field(default_factory=dict)
    version: int = VERSION


def gmina_figures(db: Database, year: int) -> GminaFigures:
    """This gmina's indicators for the year, from their owners."""
    from app.core.documents.annual_report import annual_figures
    from app.core.figures.mkus_indicators import mkus_indicators
    from app.core.services.gmina import get_gmina
    from app.core.tools import model_indices

    profile = get_gmina(db)
    if profile is None or not profile.name.strip():
        raise UserFacingError(
            _("Fill in the gmina profile first (File → Gmina profile): the exchange file names the gmina.")
        )
    af = annual_figures(db, year)
    contract_ids = [c.id for c in af.contracts]
    values: dict[str, Decimal | None] = {}
    with db.session() as s:
        for index in model_indices(s, contract_ids, year):
            # below the coverage a grade needs, the value is too partial to set beside other gminas
            values[f"IDX-{index.model_code}"] = index.value if index.graded else None
        m = mkus_indicators(s, year)
    values.update(
        grants=Decimal(m.grants),
        multi_year_share=m.multi_year_share,
        entrustment_share=m.entrustment_share,
        small_share=m.small_share,
        median_grant=m.median_grant,
    )
    return GminaFigures(
        profile.name.strip(),
        (profile.teryt or "").strip(),
        year,
        {code: values.get(code) for code in CODES},
        sphere_figures(db, year, af),
    )


def sphere_figures(db: Database, year: int, af: Any = None) -> dict[str, SphereFigures]:
    """Per WKUS area: the contracts committing money in the year (the money owner's `per_contract`, as the
    totals' `grants` counts them), their indices from the tools and their routes, forms and length."""
    from sqlalchemy import select

    from app.core.db.models import Contract, ToolEntry
    from app.core.documents.annual_report import annual_figures
    from app.core.tools import model_indices

    if af is None:  # the year's figures (annual_report.AnnualFigures), when the caller has not read them yet
        af = annual_figures(db, year)
    committing = {cid for cid, m in af.per_contract.items() if m.committed}
    by_area: dict[str, list[Any]] = {}
    for c in af.contracts:
        if c.id in committing and c.area is not None:
            by_area.setdefault(c.area.value, []).append(c)
    out: dict[str, SphereFigures] = {}
    with db.session() as s:
        ids = sorted(committing)
        task_of = (
            dict(s.execute(select(Contract.id, Contract.task_id).where(Contract.id.in_(ids))).all()) if ids else {}
        )
        used: dict[int, set[str]] = {cid: set() for cid in ids}
        by_task: dict[int, set[str]] = {}
        for tool, kind, scope, y in s.execute(
            select(ToolEntry.tool_id, ToolEntry.scope_kind, ToolEntry.scope_id, ToolEntry.year).where(
                ToolEntry.scope_kind.in_(("contract", "task")), ToolEntry.year <= year
            )
        ):
            if kind == "contract" and y == year and scope in used:
                used[scope].add(tool)
            elif kind == "task":
                by_task.setdefault(scope, set()).add(tool)
        for cid in ids:
            used[cid] |= by_task.get(task_of.get(cid) or 0, set())
        for area, contracts in sorted(by_area.items()):
            values: dict[str, Decimal | None] = {}
            for index in model_indices(s, [c.id for c in contracts], year):
                values[f"IDX-{index.model_code}"] = index.value if index.graded else None
            values["contracts"] = Decimal(len(contracts))
            routes: dict[str, int] = {}
            forms: dict[str, int] = {}
            for c in contracts:
                route = c.route.value if c.route is not None else NO_ROUTE
                routes[route] = routes.get(route, 0) + 1
                forms[c.form.value] = forms.get(c.form.value, 0) + 1
            tools: dict[str, int] = {}
            for c in contracts:
                for tool in used.get(c.id, ()):
                    tools[tool] = tools.get(tool, 0) + 1
            out[area] = SphereFigures(
                {i.code: values.get(i.code) for i in SPHERE_INDICATORS},
                routes,
                forms,
                sum(1 for c in contracts if c.is_multi_year),
                dict(sorted(tools.items())),
            )
    return out


def _text(v: Decimal | None) -> str | None:
    return None if v is None else str(v)


def to_json(f: GminaFigures) -> str:
    """The file of `f` in its own version (an imported version 1 file is stored as one, without spheres)."""
    body: dict[str, Any] = {
        "format": FORMAT,
        "version": f.version,
        "gmina": f.gmina,
        "teryt": f.teryt,
        "year": f.year,
        "values": {k: _text(v) for k, v in f.values.items()},
    }
    if f.version >= 2:
        body["spheres"] = {
            area: {
                "values": {k: _text(v) for k, v in sf.values.items() if k != "contracts"},
                "routes": sf.routes,
                "forms": sf.forms,
                "multi_year": sf.multi_year,
                **({} if sf.tools is None else {"tools": sf.tools}),
            }
            for area, sf in f.spheres.items()
        }
    return json.dumps(body, ensure_ascii=False, indent=2)


def read_exchange(path: Path) -> GminaFigures:
    """A gmina's exchange file, checked; a UserFacingError names the file and the field otherwise."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UserFacingError(
            _("The file {file} cannot be read: {reason}").format(file=path, reason=exc.strerror or exc)
        ) from exc
    return parse_exchange(raw, path.name)


def parse_exchange(raw: bytes, name: str) -> GminaFigures:
    """An exchange file's bytes, checked; `name` names the file in the message of a UserFacingError."""

    def bad(what: str) -> UserFacingError:
        return UserFacingError(_("{file} is not a WKUS indicator exchange file: {what}.").format(file=name, what=what))

    if len(raw) > MAX_BYTES:
        raise bad(_("it is too large"))
    try:
        data: Any = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise bad(_("it is not JSON text")) from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise bad(_("the field format is missing"))
    if isinstance(data.get("version"), bool) or data.get("version") not in READABLE:
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
    values = _values(given, INDICATORS, bad)
    spheres = _spheres(data.get("spheres", {}), bad) if data["version"] >= 2 else {}
    return GminaFigures(gmina.strip(), teryt.strip(), year, values, spheres, data["version"])


def _number(value: Any, ind: IndicatorDef, bad: Any) -> Decimal | None:
    if value is None:
        return None
    try:
        number = Decimal(str(value)) if isinstance(value, (str, int)) and not isinstance(value, bool) else None
    except InvalidOperation:
        number = None
    limit = {"index": Decimal(100), "share": Decimal(1)}.get(ind.unit)
    if number is None or not number.is_finite() or number < 0 or (limit is not None and number > limit):
        raise bad(_("the value of {code} is not a number in its range").format(code=ind.code))
    return number


def _values(given: dict[str, Any], indicators: tuple[IndicatorDef, ...], bad: Any) -> dict[str, Decimal | None]:
    return {ind.code: _number(given.get(ind.code), ind, bad) for ind in indicators}


def _counts(given: Any, known: set[str], what: str, bad: Any) -> dict[str, int]:
    if not isinstance(given, dict):
        raise bad(_("the field {field} is missing").format(field=what))
    out: dict[str, int] = {}
    for code, n in given.items():
        if code not in known or not isinstance(n, int) or isinstance(n, bool) or not 0 <= n <= 100_000:
            raise bad(
                _("the field {field} holds {code}, which is not a count of a known kind").format(
                    field=what, code=str(code)[:40]
                )
            )
        if n:
            out[code] = n
    return out


def _spheres(given: Any, bad: Any) -> dict[str, SphereFigures]:
    from app.core.domain.enums import ContractForm, ProcedureRoute, WkusArea

    if not isinstance(given, dict):
        raise bad(_("the field spheres is missing"))
    areas = {a.value for a in WkusArea}
    out: dict[str, SphereFigures] = {}
    for area, body in given.items():
        if area not in areas or not isinstance(body, dict) or not isinstance(body.get("values"), dict):
            raise bad(_("the sphere {code} is not a WKUS area with its values").format(code=str(area)[:40]))
        where = f"spheres.{area}"
        routes = _counts(body.get("routes"), {r.value for r in ProcedureRoute} | {NO_ROUTE}, where + ".routes", bad)
        forms = _counts(body.get("forms"), {f.value for f in ContractForm}, where + ".forms", bad)
        multi = body.get("multi_year")
        total = sum(forms.values())
        if sum(routes.values()) != total or not total:
            raise bad(
                _("in the sphere {code} the contracts per route and per form do not add up to the same number").format(
                    code=area
                )
            )
        if not isinstance(multi, int) or isinstance(multi, bool) or not 0 <= multi <= total:
            raise bad(
                _("the field {field} must be a number of contracts from 0 to {total}").format(
                    field=where + ".multi_year", total=total
                )
            )
        tools = None
        if "tools" in body:
            given_tools = body["tools"]
            names = (
                {k for k in given_tools if isinstance(k, str) and TOOL_ID.fullmatch(k)}
                if isinstance(given_tools, dict)
                else set()
            )
            tools = _counts(given_tools, names, where + ".tools", bad)
            if any(n > total for n in tools.values()):
                raise bad(
                    _("the field {field} must be a number of contracts from 0 to {total}").format(
                        field=where + ".tools", total=total
                    )
                )
        values = _values(body["values"], SPHERE_INDICATORS[:-1], bad)
        values["contracts"] = Decimal(total)
        out[area] = SphereFigures(values, routes, forms, multi, tools)
    return out
