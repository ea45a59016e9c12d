"""What the database already knows, offered to the wizards as answers and choice lists.

Every function accepts `db=None` (a wizard walked in a test without a database) and then knows
nothing. Results are plain values, never ORM objects.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import select

from app.core.domain.enums import LabeledEnum, WkusArea
from app.core.i18n import _
from app.core.law.data import law


def enum_options(cls: type[LabeledEnum]) -> list[tuple[str, str]]:
    return cls.choices()


def sphere_options() -> list[tuple[str, str]]:
    from app.core.services.common import sphere_sort_key

    spheres = law().spheres
    return [(code, f"{code}. {spheres[code].name}") for code in sorted(spheres, key=sphere_sort_key)]


def task_options(db: Any) -> list[tuple[str, str]]:
    if db is None:
        return []
    from app.core.services.tasks import list_tasks

    return [(str(t.id), f"{t.title} ({t.area.label})") for t in list_tasks(db)]


def organisation_options(db: Any, area: str | None = None) -> list[tuple[str, str]]:
    """Active organisations; those working in `area` first (the others still offered)."""
    if db is None:
        return []
    from app.core.services.organisations import list_organisations

    rows = list_organisations(db, active_only=True)
    in_area = [r for r in rows if area and any(a.value == area for a in r.areas)]
    others = [r for r in rows if r not in in_area]
    return [(str(r.id), r.name) for r in in_area + others]


def organisations_in_area(db: Any, area: str | None) -> list[tuple[int, str]]:
    if db is None or not area:
        return []
    from app.core.services.organisations import list_organisations

    return [(r.id, r.name) for r in list_organisations(db, active_only=True) if any(a.value == area for a in r.areas)]


def task_facts(db: Any, task_id: int | None) -> dict[str, Any]:
    """Title, area, spheres, delivery mode and recipients of a registered task."""
    if db is None or not task_id:
        return {}
    from app.core.errors import NotFound
    from app.core.services.tasks import get_task

    try:
        t = get_task(db, int(task_id))
    except NotFound:
        return {}
    return {
        "title": t.title,
        "area": t.area.value,
        "spheres": list(t.spheres),
        "delivery_mode": t.delivery_mode.value,
        "recipients": t.recipients,
        "mkus_type": t.mkus_type.value if t.mkus_type else "",
    }


def task_costs_by_year(db: Any, task_id: int | None) -> dict[int, Decimal]:
    """Grants of every contract of the task, summed per budget year (E-01's "previous years")."""
    if db is None or not task_id:
        return {}
    from app.core.db.models import Contract, Tranche

    with db.session() as s:
        rows = s.execute(
            select(Tranche.budget_year, Tranche.amount)
            .join(Contract, Tranche.contract_id == Contract.id)
            .where(Contract.task_id == int(task_id))
        ).all()
    out: dict[int, Decimal] = {}
    for year, amount in rows:
        out[year] = out.get(year, Decimal("0.00")) + amount
    return dict(sorted(out.items()))


def last_contractor(db: Any, task_id: int | None) -> int | None:
    """The first party of the task's most recent contract (a likely party of the new draft)."""
    if db is None or not task_id:
        return None
    from app.core.db.models import Contract

    with db.session() as s:
        k = s.scalars(
            select(Contract).where(Contract.task_id == int(task_id)).order_by(Contract.start_date.desc())
        ).first()
        if k is None or not k.parties:
            return None
        return k.parties[0].organisation_id  # ordered by position


def programme_priority_in_area(db: Any, area: str | None, year: int | None) -> bool | None:
    """Whether a cooperation programme for `year` names a priority task in `area` (None = no programme)."""
    if db is None or not area or year is None:
        return None
    from app.core.db.models import CooperationProgramme

    with db.session() as s:
        found = None
        for p in s.scalars(
            select(CooperationProgramme).where(
                CooperationProgramme.year_from <= year, CooperationProgramme.year_to >= year
            )
        ):
            found = bool(found) or any(
                pr.area is not None and pr.area.value == area and pr.year == year for pr in p.priorities
            )
        return found


def area_label(code: str | None) -> str:
    try:
        return WkusArea(code).label if code else ""
    except ValueError:
        return str(code)


def no_data_note() -> str:
    return _("The register has no data for this yet.")
