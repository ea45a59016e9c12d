"""Figures for the Pulpit: counts, money committed per budget year, contract dates coming up."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Any

from app.core.db.plain_reads import Reader, as_date, as_int, as_money, as_text, enum_of, reading
from app.core.domain.enums import ContractStatus, ReportKind
from app.core.figures.committed import committed_by_year
from app.core.i18n import N_, _

if TYPE_CHECKING:
    from app.core.db.engine import Database

#: how far ahead the Pulpit looks for contract dates
UPCOMING_DAYS = 60


class UpcomingKind(str, Enum):
    TRANCHE_PAYMENT = "TRANCHE_PAYMENT"
    REPORT_DUE = "REPORT_DUE"
    CONTRACT_END = "CONTRACT_END"

    @property
    def label(self) -> str:
        label = _UPCOMING_LABELS[self]
        return _(label)


_UPCOMING_LABELS = {
    UpcomingKind.TRANCHE_PAYMENT: N_("tranche payment"),
    UpcomingKind.REPORT_DUE: N_("report due"),
    UpcomingKind.CONTRACT_END: N_("end of the contract"),
}


@dataclass(frozen=True)
class UpcomingDate:
    date: dt.date
    kind: UpcomingKind
    contract_id: int
    contract_number: str
    contract_title: str
    organisation_names: str
    #: tranche amount for payments, else None
    amount: Decimal | None
    #: e.g. "2026" (tranche's budget year) or the report kind's label
    detail: str

    def days_left(self, today: dt.date) -> int:
        return (self.date - today).days

    @property
    def what(self) -> str:
        """What happens, for the clerk: "wypłata transzy (2026)", the report's kind, "zakończenie umowy".

        One msgid with a placeholder per sentence, so a translation (or the pseudo-locale) is never
        wrapped inside another one."""
        if self.kind is UpcomingKind.TRANCHE_PAYMENT and self.detail:
            return _("tranche payment ({year})").format(year=self.detail)
        if self.kind is UpcomingKind.REPORT_DUE and self.detail:
            return self.detail
        return self.kind.label

    @property
    def what_due(self) -> str:
        """The same, as the contracts list's tooltip says it: "sprawozdanie roczne – termin złożenia"."""
        if self.kind is UpcomingKind.REPORT_DUE and self.detail:
            return _("{kind} due").format(kind=self.detail)
        return self.what


@dataclass(frozen=True)
class DashboardData:
    today: dt.date
    organisations: int
    active_organisations: int
    tasks: int
    contracts: int
    #: contracts with status ACTIVE (signed and being delivered)
    active_contracts: int
    multi_year_contracts: int
    #: budget year → money committed (figures.money: signed contracts' tranches, no drafts; a terminated
    #: contract's transferred part), ascending years
    committed_per_year: dict[int, Decimal]
    upcoming: tuple[UpcomingDate, ...]

    @property
    def committed_total(self) -> Decimal:
        return sum(self.committed_per_year.values(), Decimal("0.00"))


_TILES_SQL = """
SELECT
  (SELECT count(*) FROM organisation),
  (SELECT count(*) FROM organisation WHERE active = :yes),
  (SELECT count(*) FROM public_task),
  (SELECT count(*) FROM contract),
  (SELECT count(*) FROM contract WHERE status = :active)
"""

#: the contracts' distinct (start, end) pairs, counted; a multi-year contract ends in a later year than it
#: starts, decided in Python (extracting a year in SQL is written differently on each database)
_CONTRACT_DATES_SQL = """
SELECT start_date, end_date, count(*) FROM contract
WHERE start_date IS NOT NULL AND end_date IS NOT NULL GROUP BY start_date, end_date
"""


def dashboard(db: Database | Reader, today: dt.date | None = None, days: int = UPCOMING_DAYS) -> DashboardData:
    """The Pulpit's figures: one query for the tiles, one for the contracts' years, one for the money
    table (figures.committed), one for the dates coming up and one for those dates' organisations.
    Portable SQL text run by a plain row reader (app.core.db.plain_reads): at start-up on the SQLite
    file before SQLAlchemy is imported, else on the database's connection; no figure needs an object."""
    today = today or dt.date.today()
    horizon = today + dt.timedelta(days=days)
    with reading(db) as reader:
        organisations, active_orgs, tasks, contracts, active_contracts = reader.rows(
            _TILES_SQL, {"yes": True, "active": ContractStatus.ACTIVE}, (as_int,) * 5
        )[0]
        multi_year = sum(
            n
            for start, end, n in reader.rows(_CONTRACT_DATES_SQL, types=(as_date, as_date, as_int))
            if end.year > start.year
        )
        per_year = committed_by_year(reader)
        upcoming = upcoming_dates(reader, today, horizon)
    return DashboardData(
        today=today,
        organisations=organisations,
        active_organisations=active_orgs,
        tasks=tasks,
        contracts=contracts,
        active_contracts=active_contracts,
        multi_year_contracts=multi_year,
        committed_per_year=per_year,
        upcoming=upcoming,
    )


#: contracts whose dates the Pulpit lists (a terminated or settled one is over)
_OVER = (ContractStatus.TERMINATED, ContractStatus.SETTLED)


def next_dates(db: Database | Reader | Any, today: dt.date) -> dict[int, UpcomingDate]:
    """Each contract's earliest date still coming (the contracts list's "Najbliższy termin"): the
    Pulpit's rule without its horizon, so the two never disagree on what is next."""
    out: dict[int, UpcomingDate] = {}
    with reading(db) as reader:
        coming = upcoming_dates(reader, today, None)
    for u in coming:  # sorted by date first: the first one seen is the earliest
        out.setdefault(u.contract_id, u)
    return out


#: the three kinds of date as one UNION ALL; {within} is the date range test of each branch's date.
#: A draft commits nothing (figures.money), so its tranches are no payment dates yet.
_UPCOMING_SQL = """
SELECT 0 AS kind, t.payment_date AS date, c.id, c.number, c.title, t.amount, t.budget_year, NULL AS report_kind,
       t.id AS row_id
FROM tranche t JOIN contract c ON c.id = t.contract_id
WHERE c.status NOT IN (:unpaid_statuses) AND t.paid_date IS NULL AND t.payment_date IS NOT NULL
  AND {payment}
UNION ALL
SELECT 1, r.due_date, c.id, c.number, c.title, NULL, NULL, r.kind, r.id
FROM contract_report r JOIN contract c ON c.id = r.contract_id
WHERE c.status NOT IN (:over) AND r.received_date IS NULL AND {due}
UNION ALL
SELECT 2, c.end_date, c.id, c.number, c.title, NULL, NULL, NULL, c.id
FROM contract c
WHERE c.status NOT IN (:over) AND {end}
"""

_NAMES_SQL = """
SELECT p.contract_id, o.name
FROM contract_party p JOIN organisation o ON o.id = p.organisation_id
WHERE p.contract_id IN (:ids)
ORDER BY p.contract_id, p.position, p.id
"""


def _within(column: str, horizon: dt.date | None) -> str:
    return f"{column} >= :today" if horizon is None else f"{column} BETWEEN :today AND :horizon"


def upcoming_dates(reader: Reader, today: dt.date, horizon: dt.date | None) -> tuple[UpcomingDate, ...]:
    """Tranche payments not yet made, reports not yet received and contract ends between `today` and
    `horizon` (no end when None), as one UNION ALL of three selects; then the organisations of the
    contracts listed."""
    sql = _UPCOMING_SQL.format(
        payment=_within("t.payment_date", horizon),
        due=_within("r.due_date", horizon),
        end=_within("c.end_date", horizon),
    )
    params: dict[str, Any] = {
        "unpaid_statuses": [*_OVER, ContractStatus.DRAFT],
        "over": list(_OVER),
        "today": today,
    }
    if horizon is not None:
        params["horizon"] = horizon
    types = (as_int, as_date, as_int, as_text, as_text, as_money, as_int, enum_of(ReportKind), as_int)
    rows = reader.rows(sql, params, types)
    names: dict[int, list[str]] = {}
    ids = sorted({r[2] for r in rows})
    for start in range(0, len(ids), _IDS_IN_QUERY):
        for contract_id, name in reader.rows(
            _NAMES_SQL, {"ids": ids[start : start + _IDS_IN_QUERY]}, (as_int, as_text)
        ):
            names.setdefault(contract_id, []).append(name)
    kinds = list(UpcomingKind)
    # the order of the previous, per-contract build: date, kind, number; then contract, budget year, row
    rows = sorted(rows, key=lambda r: (r[1], r[0], r[3], r[2], r[6] or 0, r[8]))
    out = []
    for kind_index, date, contract_id, number, title, amount, year, report_kind, _row in rows:
        kind = kinds[kind_index]
        detail = (
            str(year)
            if kind is UpcomingKind.TRANCHE_PAYMENT
            else (report_kind.label if kind is UpcomingKind.REPORT_DUE else "")
        )
        out.append(
            UpcomingDate(
                date,
                kind,
                contract_id,
                number,
                title,
                "; ".join(names.get(contract_id, [])),
                amount if kind is UpcomingKind.TRANCHE_PAYMENT else None,
                detail,
            )
        )
    return tuple(out)


#: at most this many ids in an IN list (some databases limit the parameters of one statement)
_IDS_IN_QUERY = 500
