"""Public tasks of the gmina: title, WKUS area, art. 4 spheres, MKUS type, current delivery mode."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.db.engine import Database
from app.core.db.models import Contract, PublicTask
from app.core.domain.enums import DeliveryMode, MkusType, WkusArea
from app.core.domain.records import TaskInput, TaskRecord
from app.core.errors import FieldError
from app.core.i18n import N_, _
from app.core.services.common import get_or_404, known_sphere_codes, sphere_sort_key, split_spheres
from app.core.services.fields import Checker

LABELS = {
    "title": N_("Title"),
    "area": N_("WKUS area"),
    "spheres": N_("Spheres of public tasks (art. 4)"),
    "mkus_type": N_("MKUS type"),
    "delivery_mode": N_("Current delivery mode"),
    "recipients": N_("Recipients"),
}


def _check(data: TaskInput) -> tuple[Checker, dict[str, object]]:
    c = Checker(data, LABELS)
    out: dict[str, object] = {
        "title": c.text("title", LABELS["title"], data.title, required=True, max_length=300),
        "area": c.choice("area", LABELS["area"], data.area, WkusArea),
        "mkus_type": c.choice("mkus_type", LABELS["mkus_type"], data.mkus_type, MkusType, required=False),
        "delivery_mode": c.choice("delivery_mode", LABELS["delivery_mode"], data.delivery_mode, DeliveryMode),
    }
    c.fits(PublicTask, {"recipients": data.recipients}, LABELS)
    spheres = sorted({s.strip() for s in data.spheres if s and s.strip()}, key=sphere_sort_key)
    unknown = [s for s in spheres if s not in known_sphere_codes()]
    if unknown:
        c.error("spheres", LABELS["spheres"], _("Unknown sphere codes: {codes}.").format(codes=", ".join(unknown)))
    out["spheres"] = ",".join(spheres)
    return c, out


def validate_task(data: TaskInput) -> list[FieldError]:
    return _check(data)[0].errors


def _count(session: Session, task_id: int) -> int:
    return session.scalar(select(func.count()).select_from(Contract).where(Contract.task_id == task_id)) or 0


def _record(t: PublicTask, contracts_count: int) -> TaskRecord:
    return TaskRecord(
        id=t.id,
        title=t.title,
        description=t.description,
        area=t.area,
        spheres=split_spheres(t.spheres),
        mkus_type=t.mkus_type,
        delivery_mode=t.delivery_mode,
        recipients=t.recipients,
        notes=t.notes,
        contracts_count=contracts_count,
    )


def _save(db: Database, task_id: int | None, data: TaskInput) -> TaskRecord:
    checker, clean = _check(data)
    checker.raise_if_any()
    with db.session() as s:
        if task_id is None:
            t = PublicTask()
            s.add(t)
        else:
            t = get_or_404(s, PublicTask, task_id, _("Public task"))
        t.title = str(clean["title"])
        t.description = (data.description or "").strip()
        # clean is _check's dict of checked values (object to the type checker); raise_if_any() above
        # refused a required one that is missing
        t.area = clean["area"]  # type: ignore[assignment]
        t.spheres = str(clean["spheres"])
        t.mkus_type = clean["mkus_type"]  # type: ignore[assignment]
        t.delivery_mode = clean["delivery_mode"]  # type: ignore[assignment]
        t.recipients = (data.recipients or "").strip()
        t.notes = (data.notes or "").strip()
        s.flush()
        return _record(t, _count(s, t.id))


def create_task(db: Database, data: TaskInput) -> TaskRecord:
    return _save(db, None, data)


def update_task(db: Database, task_id: int, data: TaskInput) -> TaskRecord:
    return _save(db, task_id, data)


def delete_task(db: Database, task_id: int) -> None:
    """Delete a task; contracts and procedures that named it keep their data without the link."""
    with db.session() as s:
        s.delete(get_or_404(s, PublicTask, task_id, _("Public task")))


def get_task(db: Database, task_id: int) -> TaskRecord:
    with db.session() as s:
        return _record(get_or_404(s, PublicTask, task_id, _("Public task")), _count(s, task_id))


def task_input(record: TaskRecord) -> TaskInput:
    return TaskInput(
        title=record.title,
        description=record.description,
        area=record.area,
        spheres=record.spheres,
        mkus_type=record.mkus_type,
        delivery_mode=record.delivery_mode,
        recipients=record.recipients,
        notes=record.notes,
    )


def list_tasks(db: Database, *, search: str = "", area: WkusArea | None = None) -> list[TaskRecord]:
    """Tasks ordered by area (the order of the nine WKUS areas), then title."""
    with db.session() as s:
        counts = dict(
            s.execute(
                select(Contract.task_id, func.count()).where(Contract.task_id.is_not(None)).group_by(Contract.task_id)
            ).all()
        )
        needle = search.strip().casefold()
        out = []
        for t in s.scalars(select(PublicTask)):
            if area is not None and t.area is not area:
                continue
            if needle and needle not in t.title.casefold() and needle not in t.description.casefold():
                continue
            out.append(_record(t, counts.get(t.id, 0)))
        order = list(WkusArea)
        out.sort(key=lambda r: (order.index(r.area), r.title.casefold()))
        return out
