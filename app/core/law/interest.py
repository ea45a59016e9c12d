"""Interest on an unused grant returned late (art. 251 ust. 5 u.f.p., rule ZWR-2).

"Od kwot dotacji zwróconych po terminach określonych w ust. 1-3 nalicza się odsetki w wysokości
określonej jak dla zaległości podatkowych, począwszy od dnia następującego po upływie terminów zwrotu".
The rate is the tax-arrears rate of each day (a table of dated rates in rules.toml, so a new rate
is installed as data); each stretch of one rate gives principal × days × rate / 365 and the sum is
rounded, as the Minister of Finance's formula for tax arrears does (Dz.U. 2015 poz. 2233).
A day after the last rate the table vouches for is unknown: the result then names what is missing
instead of guessing a rate.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from app.core.i18n import _, format_date
from app.core.law.data import LawData, law

GROSZ = Decimal("0.01")
ZLOTY = Decimal("1")


@dataclass(frozen=True)
class InterestStretch:
    first_day: dt.date
    last_day: dt.date
    days: int
    rate_percent: Decimal
    #: unrounded: principal × days × rate / 100 / 365
    amount: Decimal


@dataclass(frozen=True)
class LateReturnInterest:
    principal: Decimal
    #: the last day of the return term (already moved off a day free of work)
    term_end: dt.date
    returned_on: dt.date
    days: int
    stretches: tuple[InterestStretch, ...]
    #: the sum in grosze; None when a day's rate is unknown (`missing` says which)
    total: Decimal | None
    #: the sum rounded to full złoty (<50 gr dropped, ≥50 gr up), as the tax authority rounds it
    total_zloty: Decimal | None
    missing: str = ""


def _rates(data: LawData, on: dt.date) -> tuple[list[tuple[dt.date, Decimal]], dt.date]:
    spec = data.rule("ZWR-2").params_on(on)
    table = sorted((dt.date.fromisoformat(str(day)), Decimal(str(rate))) for day, rate in spec["rates"])
    return table, dt.date.fromisoformat(str(spec["rates_known_until"]))


def late_return_interest(
    principal: Decimal, term_end: dt.date, returned_on: dt.date, data: LawData | None = None
) -> LateReturnInterest | None:
    """Interest on `principal` returned on `returned_on` after a term ending `term_end`; None when in time."""
    if returned_on <= term_end or principal <= 0:
        return None
    data = data or law()
    table, known_until = _rates(data, returned_on)
    first = term_end + dt.timedelta(days=1)
    days = (returned_on - term_end).days
    if not table or first < table[0][0]:
        return LateReturnInterest(
            principal,
            term_end,
            returned_on,
            days,
            (),
            None,
            None,
            _("the tax-arrears interest rate before {date}").format(date=format_date(table[0][0]) if table else "—"),
        )
    if returned_on > known_until:
        return LateReturnInterest(
            principal,
            term_end,
            returned_on,
            days,
            (),
            None,
            None,
            _("the tax-arrears interest rate after {date} (install an updated law table)").format(
                date=format_date(known_until)
            ),
        )
    stretches = []
    day = first
    while day <= returned_on:
        rate = [r for since, r in table if since <= day][-1]
        later = [since for since, _r in table if since > day]
        end = min(returned_on, later[0] - dt.timedelta(days=1)) if later else returned_on
        n = (end - day).days + 1
        stretches.append(InterestStretch(day, end, n, rate, principal * n * rate / Decimal(100) / Decimal(365)))
        day = end + dt.timedelta(days=1)
    exact = sum((s.amount for s in stretches), Decimal("0"))
    return LateReturnInterest(
        principal,
        term_end,
        returned_on,
        days,
        tuple(stretches),
        exact.quantize(GROSZ, ROUND_HALF_UP),
        exact.quantize(ZLOTY, ROUND_HALF_UP),
    )
