"""The budget figure art. 19a ust. 7 measures small grants against: the grants planned in the
budget of a year for public tasks carried out by organisations (a `setting`, złote)."""

from __future__ import annotations

from decimal import Decimal

from app.core.calendar import check_year
from app.core.db.engine import Database
from app.core.errors import UserFacingError
from app.core.i18n import _
from app.core.law.planned_grants import planned_by_year
from app.core.money import MoneyFormatError, parse_money


def set_ngo_grants_planned(db: Database, year: int, amount: str) -> Decimal:
    """Store the figure for `year`; a wrong year or amount is refused naming the field."""
    check_year(year)
    try:
        value = parse_money(amount)
    except MoneyFormatError as exc:
        raise UserFacingError(
            _("Grants planned for organisations: {value} is not an amount in złote (e.g. 250 000,00).").format(
                value=amount
            )
        ) from exc
    if value <= 0:
        raise UserFacingError(_("Grants planned for organisations: the amount must be greater than zero."))
    from app.core.services.local_law import update_local_law

    update_local_law(db, year, ngo_grants_planned=value)
    return value


def ngo_grants_planned(db: Database, year: int) -> Decimal | None:
    with db.session() as s:
        return planned_by_year(s).get(year)
