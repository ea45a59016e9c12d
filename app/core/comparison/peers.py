"""What other gminas chose and achieved in one sphere, from the exchange files the clerk imported (schema 13):
the Kreator "Zlecenie zadania" shows it beside the choice of the legal route. Only what the files say:
counts of contracts per route and form, multi-year ones, and the sphere's indices; nothing imported, or
nothing in the sphere, is said in words (never zeros)."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.core.comparison.exchange import NO_ROUTE, SPHERE_INDICATORS, SphereFigures
from app.core.domain.enums import ContractForm, ProcedureRoute, WkusArea
from app.core.i18n import N_, _, format_decimal, ngettext

#: where the clerk imports the files (named in the panel when nothing is imported)
HOW_TO_IMPORT = N_(
    "Import their indicator exchange files (File → Export → Indicators for comparing gminas in the other "
    "gmina's program) in Documents → Comparing gminas → \u201cAdd exchange files…\u201d, or with "
    "\u201cwkus compare import FILE…\u201d."
)


@dataclass(frozen=True)
class PeerRow:
    gmina: str
    year: int
    contracts: int
    #: the choices in words: routes, forms, multi-year contracts ("2 of 3")
    routes: str
    forms: str
    multi_year: str
    #: catalogue tools filled in for the contracts ("W-03: 2"), "none", or "not in the file"
    tools: str
    #: the sphere's indices, formatted, in the order of `index_headers()` ("—" when unknown)
    indices: tuple[str, ...]


@dataclass(frozen=True)
class PeerPanel:
    """The panel's content: a heading, and either rows with a summary or a message saying why there are none."""

    heading: str
    rows: list[PeerRow] = field(default_factory=list)
    #: totals over the gminas shown (routes chosen, multi-year share); "" without rows
    summary: str = ""
    #: why there are no rows and what to do ("" with rows)
    message: str = ""


def index_headers() -> list[str]:
    """The short names (msgids) of the sphere's indices, in the order `PeerRow.indices` gives them."""
    return [i.short or i.label for i in _INDICES]


def choices_text(sf: SphereFigures, sep: str = "; ") -> tuple[str, str, str]:
    """A sphere's choices in words: the routes, the forms, the multi-year contracts (counts of contracts)."""
    return (
        _routes_text(sf.routes, sep),
        _forms_text(sf.forms, sep),
        _("{multi} of {count}").format(multi=sf.multi_year, count=sf.contracts),
    )


def tools_text(sf: SphereFigures, sep: str = "; ") -> str:
    """The catalogue tools the gmina filled in for the sphere's contracts, as counts of contracts."""
    if sf.tools is None:
        return _("not in the file")
    if not sf.tools:
        return _("none")
    return sep.join(f"{tool}: {n}" for tool, n in sorted(sf.tools.items()))


def _route_label(code: str) -> str:
    return _("procedure not recorded") if code == NO_ROUTE else ProcedureRoute(code).label


def _routes_text(routes: dict[str, int], sep: str = "; ") -> str:
    return sep.join(f"{_route_label(c)}: {n}" for c, n in sorted(routes.items(), key=lambda r: (-r[1], r[0])))


def _forms_text(forms: dict[str, int], sep: str = "; ") -> str:
    return sep.join(f"{ContractForm(c).label}: {n}" for c, n in sorted(forms.items()))


_INDICES = tuple(i for i in SPHERE_INDICATORS if i.unit == "index")


def _indices(sf: SphereFigures) -> tuple[str, ...]:
    return tuple("—" if (v := sf.values.get(i.code)) is None else format_decimal(v, 1) for i in _INDICES)


def peer_panel(db: object, area: str | None) -> PeerPanel:
    """For the WKUS area `area`: each other gmina's latest imported year with contracts there."""
    from app.core.comparison.stored import stored_exchanges
    from app.core.services.gmina import get_gmina

    try:
        sphere = WkusArea(area) if area else None
    except ValueError:
        sphere = None
    if sphere is None:
        return PeerPanel(
            _("Other gminas"),
            message=_(
                "Choose the WKUS area of the task on the page \u201cBasic data "
                "of the task\u201d to see what other gminas chose there."
            ),
        )
    heading = _("Other gminas in the sphere \u201c{sphere}\u201d").format(sphere=sphere.label)
    profile = get_gmina(db) if db is not None else None  # type: ignore[arg-type]
    own = profile.name.strip() if profile is not None else ""
    files = [f.figures for f in stored_exchanges(db)] if db is not None else []  # type: ignore[arg-type]
    files = [f for f in files if f.gmina != own]
    if not files:
        return PeerPanel(
            heading,
            message=_(
                "No exchange file of another gmina has been imported, so there is nothing to compare with. {how}"
            ).format(how=_(HOW_TO_IMPORT)),
        )
    latest: dict[str, tuple[int, SphereFigures]] = {}
    for f in files:
        sf = f.spheres.get(sphere.value)
        if sf is not None and (f.gmina not in latest or f.year > latest[f.gmina][0]):
            latest[f.gmina] = (f.year, sf)
    if not latest:
        names = sorted({f.gmina for f in files}, key=str.casefold)
        old = sorted({f.gmina for f in files if f.version < 2}, key=str.casefold)
        message = ngettext(
            "The imported file of {gminas} has no contract in this sphere.",
            "The imported files of {gminas} have no contract in this sphere.",
            len(names),
        ).format(gminas=", ".join(names))
        if old:
            message += " " + _(
                "The files of {gminas} are of an older version without spheres; ask for a newer export."
            ).format(gminas=", ".join(old))
        return PeerPanel(heading, message=message)
    rows = []
    routes: dict[str, int] = {}
    multi = contracts = 0
    for gmina in sorted(latest, key=str.casefold):
        year, sf = latest[gmina]
        r, fm, my = choices_text(sf)
        rows.append(PeerRow(gmina, year, sf.contracts, r, fm, my, tools_text(sf), _indices(sf)))
        for code, n in sf.routes.items():
            routes[code] = routes.get(code, 0) + n
        multi += sf.multi_year
        contracts += sf.contracts
    summary = _(
        "Together – gminas: {gminas}; contracts: {contracts} ({routes}); multi-year: {multi} of {contracts}."
    ).format(gminas=len(rows), contracts=contracts, routes=_routes_text(routes), multi=multi)
    return PeerPanel(heading, rows, summary)
