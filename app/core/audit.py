"""The audit log: every change of every record, written by a flush hook so no service can skip it.

Entries are hash-chained (each hash covers the previous one), so an edited or deleted entry
breaks the chain at that point; `verify_chain` names the first entry that does not match.
"""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session

from app.core.db.models import AuditEntry, SchemaVersion, Setting, WizardSession
from app.core.db.models.base import utcnow
from app.core.domain.enums import AuditAction

#: Tables not audited: the log itself and technical bookkeeping (a wizard's autosaved answers are a
#: draft, rewritten after every step; the records its finish() creates are audited as usual).
_SKIP = {AuditEntry, SchemaVersion, Setting, WizardSession}


def current_os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # getuser raises various errors when no user name is set
        return "?"


def serialise(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, bytes):
        return f"<{len(value)} B>"
    return str(value)


def entry_hash(prev_hash: str, at: dt.datetime, os_user: str, action: str, entity: str,
               entity_id: int | None, field: str, old: str | None, new: str | None) -> str:
    payload = json.dumps(
        [prev_hash, at.isoformat(timespec="microseconds"), os_user, action, entity, entity_id, field, old, new],
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _columns(obj: Any) -> dict[str, Any]:
    state = inspect(obj)
    return {attr.key: getattr(obj, attr.key) for attr in state.mapper.column_attrs}


def _changes(session: Session) -> list[tuple[AuditAction, Any, str, str | None, str | None]]:
    rows: list[tuple[AuditAction, Any, str, str | None, str | None]] = []
    for obj in session.new:
        if type(obj) in _SKIP:
            continue
        # values are serialised after the flush, when defaults and ids are filled in
        rows.append((AuditAction.CREATE, obj, "", None, None))
    for obj in session.dirty:
        if type(obj) in _SKIP or not session.is_modified(obj, include_collections=False):
            continue
        state = inspect(obj)
        for attr in state.mapper.column_attrs:
            if attr.key in ("updated_at", "created_at"):
                continue
            hist = state.attrs[attr.key].history
            if not hist.has_changes():
                continue
            old = serialise(hist.deleted[0]) if hist.deleted else None
            new = serialise(hist.added[0]) if hist.added else None
            if old != new:
                rows.append((AuditAction.UPDATE, obj, attr.key, old, new))
    for obj in [*session.deleted, *_orphans(session)]:
        if type(obj) in _SKIP:
            continue
        values = {k: serialise(v) for k, v in _columns(obj).items() if k not in ("created_at", "updated_at")}
        rows.append((AuditAction.DELETE, obj, "", json.dumps(values, ensure_ascii=False, sort_keys=True), None))
    return rows


def _orphans(session: Session) -> list[Any]:
    """Children taken out of a delete-orphan collection: the flush deletes them only after this hook
    has run, so they are not in `session.deleted` yet and would otherwise go unlogged."""
    found: list[Any] = []
    deleted = set(map(id, session.deleted))
    for obj in session.dirty:
        state = inspect(obj)
        for rel in state.mapper.relationships:
            if not rel.cascade.delete_orphan:
                continue
            for child in state.attrs[rel.key].history.deleted:
                child_state = inspect(child)
                if child_state.persistent and id(child) not in deleted:
                    deleted.add(id(child))
                    found.append(child)
    return found


def _before_flush(session: Session, _ctx: Any, _instances: Any) -> None:
    # Collected before the flush (history is gone afterwards); written after it (ids are known).
    session.info.setdefault("audit_pending", []).extend(_changes(session))


def _after_flush(session: Session, _ctx: Any) -> None:
    pending = session.info.pop("audit_pending", [])
    if not pending:
        return
    conn = session.connection()
    table = AuditEntry.__table__
    prev = conn.execute(select(table.c.hash).order_by(table.c.id.desc()).limit(1)).scalar() or ""
    user = current_os_user()
    at = utcnow()
    rows = []
    for action, obj, field, old, new in pending:
        if action is AuditAction.CREATE:
            values = {k: serialise(v) for k, v in _columns(obj).items() if k not in ("created_at", "updated_at")}
            new = json.dumps(values, ensure_ascii=False, sort_keys=True)
        entity = obj.__tablename__
        entity_id = inspect(obj).identity[0] if inspect(obj).identity else getattr(obj, "id", None)
        digest = entry_hash(prev, at, user, action.value, entity, entity_id, field, old, new)
        rows.append(dict(at=at, os_user=user, action=action.value, entity=entity, entity_id=entity_id,
                         field=field, old_value=old, new_value=new, prev_hash=prev, hash=digest))
        prev = digest
    conn.execute(table.insert(), rows)


def install_audit_hooks() -> None:
    """Register the flush hooks on every Session (idempotent)."""
    if not event.contains(Session, "before_flush", _before_flush):
        event.listen(Session, "before_flush", _before_flush)
        event.listen(Session, "after_flush", _after_flush)


@dataclass(frozen=True)
class AuditRecord:
    id: int
    at: dt.datetime
    os_user: str
    action: AuditAction
    entity: str
    entity_id: int | None
    field: str
    old_value: str | None
    new_value: str | None


def history(session: Session, entity: str | None = None, entity_id: int | None = None,
            limit: int | None = None) -> list[AuditRecord]:
    query = select(AuditEntry).order_by(AuditEntry.id.desc())
    if entity is not None:
        query = query.where(AuditEntry.entity == entity)
    if entity_id is not None:
        query = query.where(AuditEntry.entity_id == entity_id)
    if limit:
        query = query.limit(limit)
    return [
        AuditRecord(e.id, e.at, e.os_user, e.action, e.entity, e.entity_id, e.field, e.old_value, e.new_value)
        for e in session.scalars(query)
    ]


def verify_chain(session: Session) -> int | None:
    """Return the id of the first entry whose hash does not match, or None when the chain is intact."""
    prev = ""
    for e in session.scalars(select(AuditEntry).order_by(AuditEntry.id)):
        expected = entry_hash(prev, e.at, e.os_user, e.action.value, e.entity, e.entity_id, e.field,
                              e.old_value, e.new_value)
        if e.prev_hash != prev or e.hash != expected:
            return e.id
        prev = e.hash
    return None
