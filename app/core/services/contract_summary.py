"""A contract's page per budget year: grant, own contribution, results planned vs achieved and
the state of the reports – computed from a ContractRecord, so the UI only renders it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from app.core.domain.enums import ContributionKind
from app.core.domain.records import ContractRecord, ContractReportRecord
from app.core.domain.units import count_with_unit
from app.core.i18n import _, format_date, format_decimal
from app.core.tools.results import over_years

_OWN = (ContributionKind.FINANCIAL, ContributionKind.PERSONAL, ContributionKind.IN_KIND)


@dataclass(frozen=True)
class YearSummary:
    year: int
    grant: Decimal
    financial: Decimal
    personal: Decimal
    in_kind: Decimal
    #: one line per result: "Liczba seniorów: 36 / 40 osoby"
    results: tuple[str, ...]
    #: one line per report of the year: "sprawozdanie roczne: otrzymane 20.01.2026"
    reports: tuple[str, ...]
    late_reports: int

    @property
    def own_total(self) -> Decimal:
        return self.financial + self.personal + self.in_kind


def report_state(r: ContractReportRecord, today: dt.date) -> str:
    """ "otrzymane 20.01.2026 (po terminie)", "zaległe od 30.01.2026", "termin 30.01.2027"."""
    if r.received_date is not None:
        text = _("received {date}").format(date=format_date(r.received_date))
        if r.received_date > r.due_date:
            text += " " + _("(late)")
        if r.accepted_date is not None:
            text += ", " + _("accepted {date}").format(date=format_date(r.accepted_date))
        return text
    if today > r.due_date:
        return _("overdue since {date}").format(date=format_date(r.due_date))
    return _("due {date}").format(date=format_date(r.due_date))


def _report_year(r: ContractReportRecord, c: ContractRecord) -> int:
    if r.budget_year is not None:
        return r.budget_year
    if r.period_end is not None:
        return r.period_end.year
    return min(max(r.due_date.year - 1, c.start_date.year), c.end_date.year)


def year_summaries(c: ContractRecord, today: dt.date) -> list[YearSummary]:
    grant = c.grant_per_year
    out = []
    for year in c.years:
        own = {k: Decimal("0.00") for k in _OWN}
        for x in c.contributions:
            if x.budget_year == year and x.kind in own:
                own[x.kind] += x.planned_amount
        results = []
        for r in c.planned_results:
            if r.budget_year is not None and r.budget_year != year:
                continue
            achieved = r.achieved.get(year)
            target = r.target_value if r.budget_year == year else None
            # the unit declined with its number: "36 z 40 osób", "15 miejsc" (not "15 miejsce")
            if target is not None:
                text = _("{name}: {achieved} of {target}").format(
                    name=r.name,
                    achieved="—" if achieved is None else format_decimal(achieved),
                    target=count_with_unit(target, r.unit),
                )
            else:
                # the years so far added up by the result's kind: places held are not multiplied by years
                so_far = over_years(r.kind, {y: v for y, v in r.achieved.items() if y <= year})
                text = _("{name}: {achieved} (whole contract so far {so_far} of {target}, {kind})").format(
                    name=r.name,
                    achieved="—" if achieved is None else count_with_unit(achieved, r.unit),
                    so_far="—" if so_far is None else format_decimal(so_far),
                    target=count_with_unit(r.target_value, r.unit),
                    kind=r.kind.label,
                )
            results.append(text)
        reports = [r for r in c.reports if _report_year(r, c) == year]
        out.append(
            YearSummary(
                year=year,
                grant=grant.get(year, Decimal("0.00")),
                financial=own[ContributionKind.FINANCIAL],
                personal=own[ContributionKind.PERSONAL],
                in_kind=own[ContributionKind.IN_KIND],
                results=tuple(results),
                reports=tuple(f"{r.kind.label}: {report_state(r, today)}" for r in reports),
                late_reports=sum(1 for r in reports if r.is_late(today) and r.received_date is None),
            )
        )
    return out
