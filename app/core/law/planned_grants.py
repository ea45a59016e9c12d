"""The budget's grants planned for tasks carried out by organisations, per year (art. 19a ust. 7's base):
a setting per year, entered in the local law form, read by rule 19A-3 (law.rules) and, through it, by the
tool W-10. Kept apart from the rules so a recompute can fingerprint the setting (tools.reads) without
loading the law checks."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.db.models import Setting

#: Setting key prefix: the grants planned in the budget of YEAR for public tasks carried out by
#: organisations (art. 19a ust. 7's base), złote as a decimal string, e.g. "law.ngo_grants_planned.2026".
NGO_GRANTS_PLANNED_KEY = "law.ngo_grants_planned."


def parse_planned(text: str | None) -> Decimal | None:
    try:
        value = Decimal((text or "").strip().replace(" ", "").replace(",", "."))
    except ArithmeticError:
        return None
    return value if value.is_finite() and value > 0 else None


def planned_by_year(session: Session) -> dict[int, Decimal]:
    """The budget's grants planned for tasks of organisations, per year (art. 19a ust. 7's base)."""
    planned = {}
    for row in session.scalars(select(Setting).where(Setting.key.startswith(NGO_GRANTS_PLANNED_KEY))):
        year, value = row.key[len(NGO_GRANTS_PLANNED_KEY) :], parse_planned(row.value)
        if year.isdigit() and value is not None:
            planned[int(year)] = value
    return planned
