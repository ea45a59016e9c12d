"""The audit log: every change of every record, written by a flush hook so no service can skip it.

Entries are hash-chained (each hash covers the previous one), so an edited or deleted entry
breaks the chain at that point; `verify_chain` names the first entry that does not match.
Since schema 8 the chain is keyed (HMAC with the installation's secret, see audit_seal) and each
entry carries the digest of its row's state after the change; `verify_log` also compares every
row with its last logged state, so an edit made directly in the database file is found.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from dataclasses import dataclass
from dataclasses import field as dc_field
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import String, event, func, inspect, select, type_coerce
from sqlalchemy.orm import Session

from app.core import audit_seal
from app.core.db.models import AuditEntry, SchemaVersion, Setting, WizardSession
from app.core.db.models.base import utcnow
from app.core.domain.enums import AuditAction
from app.core.os_user import current_os_user

#: Tables not audited: the log itself and technical bookkeeping (a wizard's autosaved answers are a
#: draft, rewritten after every step; the records its finish() creates are audited as usual).
_SKIP = {AuditEntry, SchemaVersion, Setting, WizardSession}


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


def entry_hash(
    prev_hash: str,
    at: dt.datetime,
    os_user: str,
    action: str,
    entity: str,
    entity_id: int | None,
    field: str,
    old: str | None,
    new: str | None,
) -> str:
    """The legacy (schema 1) unkeyed hash; still used to verify the entries written before the key."""
    payload = json.dumps(
        [prev_hash, at.isoformat(timespec="microseconds"), os_user, action, entity, entity_id, field, old, new],
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def keyed_hash(
    key: bytes,
    prev_hash: str,
    at: dt.datetime,
    os_user: str,
    action: str,
    entity: str,
    entity_id: int | None,
    field: str,
    old: str | None,
    new: str | None,
    row_digest: str | None,
    key_id: str,
) -> str:
    return audit_seal.mac(
        key,
        [
            prev_hash,
            at.isoformat(timespec="microseconds"),
            os_user,
            action,
            entity,
            entity_id,
            field,
            old,
            new,
            row_digest,
            key_id,
        ],
    )


def _table_of(entity: str) -> Any:
    from app.core.db.models import Base

    return Base.metadata.tables.get(entity)


def current_row_digest(conn: Any, entity: str, entity_id: int, key: bytes | None = None) -> str | None:
    """The keyed digest of a row as stored now (for writers that change rows without the ORM)."""
    table = _table_of(entity)
    if table is None or "id" not in table.c:
        return None
    row = conn.execute(select(table).where(table.c.id == entity_id)).mappings().first()
    if row is None:
        return None
    return audit_seal.row_digest(key or audit_seal.installation_key(), table, dict(row))


def log_head(session: Session) -> int:
    """The id of the change log's newest entry (0 when empty): it moves whenever any seat saves, so a
    window on the office server compares it to tell that another seat changed the data."""
    return int(session.execute(select(func.max(AuditEntry.id))).scalar() or 0)


def serialise_log_appends(conn: Any) -> None:
    """On the office server, one writer at a time appends to the chain, until its transaction ends.

    Two seats saving at once would both read the same last hash and fork the chain, which check-db then
    reports as broken though nobody tampered with it. SQLite needs nothing: one file, one writer."""
    if conn.dialect.name == "postgresql":
        from app.core.db.server import LOG_APPEND_LOCK_KEY

        conn.execute(select(func.pg_advisory_xact_lock(LOG_APPEND_LOCK_KEY)))


def append_entries(conn: Any, entries: list[dict[str, Any]]) -> None:
    """Write log entries at the end of the chain, keyed. Each dict: action, entity, entity_id, field,
    old_value, new_value and optionally row_digest; time, user and hashes are filled in here."""
    if not entries:
        return
    table = AuditEntry.__table__
    key = audit_seal.installation_key()
    kid = audit_seal.key_id(key)
    serialise_log_appends(conn)
    prev = conn.execute(select(table.c.hash).order_by(table.c.id.desc()).limit(1)).scalar() or ""
    user = current_os_user()
    if conn.dialect.name == "postgresql":  # several seats, several logins: name the server's user too
        from app.core.db.roles import database_user

        user = f"{user} [{database_user(conn)}]"
    at = utcnow()
    rows = []
    for e in entries:
        digest = e.get("row_digest")
        value = keyed_hash(
            key,
            prev,
            at,
            user,
            e["action"],
            e["entity"],
            e["entity_id"],
            e["field"],
            e["old_value"],
            e["new_value"],
            digest,
            kid,
        )
        rows.append(
            dict(
                at=at,
                os_user=user,
                action=e["action"],
                entity=e["entity"],
                entity_id=e["entity_id"],
                field=e["field"],
                old_value=e["old_value"],
                new_value=e["new_value"],
                prev_hash=prev,
                hash=value,
                row_digest=digest,
                key_id=kid,
            )
        )
        prev = value
    conn.execute(table.insert(), rows)


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
    key = audit_seal.installation_key()
    conn = session.connection()
    # the digest of the row as the database now holds it (read back: exactly what check-db compares,
    # whatever defaults, conversions or unloaded attributes the object in memory has)
    entries = []
    wanted: dict[str, set[int]] = {}
    for action, obj, field, old, new in pending:
        if action is AuditAction.CREATE:
            values = {k: serialise(v) for k, v in _columns(obj).items() if k not in ("created_at", "updated_at")}
            new = json.dumps(values, ensure_ascii=False, sort_keys=True)
        entity = obj.__tablename__
        entity_id = inspect(obj).identity[0] if inspect(obj).identity else getattr(obj, "id", None)
        if action is not AuditAction.DELETE and isinstance(entity_id, int):
            wanted.setdefault(entity, set()).add(entity_id)
        entries.append(
            dict(
                action=action.value,
                entity=entity,
                entity_id=entity_id,
                field=field,
                old_value=old,
                new_value=new,
                row_digest=None,
            )
        )
    digests = _row_digests(conn, wanted, key)
    for e in entries:
        if e["action"] != AuditAction.DELETE.value:
            e["row_digest"] = digests.get((e["entity"], e["entity_id"]))
    append_entries(conn, entries)


def _row_digests(conn: Any, wanted: dict[str, set[int]], key: bytes) -> dict[tuple[str, int], str]:
    """Digests of the rows as stored now, one query per table (per 500 ids)."""
    found: dict[tuple[str, int], str] = {}
    for entity, ids in wanted.items():
        table = _table_of(entity)
        if table is None or "id" not in table.c:
            continue
        ordered = sorted(ids)
        for start in range(0, len(ordered), 500):
            chunk = ordered[start : start + 500]
            for row in conn.execute(select(table).where(table.c.id.in_(chunk))).mappings():
                found[(entity, row["id"])] = audit_seal.row_digest(key, table, dict(row))
    return found


def hooks_installed() -> bool:
    """Whether this process logs ORM writes (a reader of the log since a mark relies on it)."""
    return event.contains(Session, "before_flush", _before_flush)


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


def history(
    session: Session, entity: str | None = None, entity_id: int | None = None, limit: int | None = None
) -> list[AuditRecord]:
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


@dataclass
class LogCheck:
    """What `verify_log` found; `ok` when nothing points at tampering."""

    #: id of the first entry whose hash or link does not match
    broken_at: int | None = None
    #: (table, record id, reason): rows that differ from their last logged state
    altered_records: list[tuple[str, int, str]] = dc_field(default_factory=list)
    entries: int = 0
    legacy_entries: int = 0
    #: entries sealed by another installation's key (after a move to another computer): not verifiable here
    foreign_entries: int = 0

    @property
    def ok(self) -> bool:
        return self.broken_at is None and not self.altered_records


def _entries(session: Session) -> Any:
    from sqlalchemy import inspect as inspect_db
    from sqlalchemy import literal, null

    columns = AuditEntry.__table__.c
    present = {c["name"] for c in inspect_db(session.connection()).get_columns(AuditEntry.__tablename__)}
    # a backup of schema 1 has no key columns: all its entries are legacy
    digest = columns.row_digest if "row_digest" in present else null().label("row_digest")
    kid = columns.key_id if "key_id" in present else literal("").label("key_id")
    # action and time as stored (text): a damaged value must be reported as an altered entry, not
    # raise inside the enum or date conversion
    return session.execute(
        select(
            columns.id,
            type_coerce(columns.at, String).label("at"),
            columns.os_user,
            type_coerce(columns.action, String).label("action"),
            columns.entity,
            columns.entity_id,
            columns.field,
            columns.old_value,
            columns.new_value,
            columns.prev_hash,
            columns.hash,
            digest,
            kid,
        ).order_by(columns.id)
    ).all()


def _entry_time(value: Any) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        return value
    try:
        return dt.datetime.fromisoformat(str(value))
    except ValueError:
        return None


def _action(value: Any) -> str:
    return value.value if isinstance(value, AuditAction) else str(value)


def verify_log(session: Session, *, check_rows: bool = True) -> LogCheck:
    """The chain entry by entry (keyed entries with this installation's key), then every row against the
    state its last keyed entry recorded."""
    key = audit_seal.installation_key()
    kid = audit_seal.key_id(key)
    result = LogCheck()
    prev = ""
    keyed_seen = False
    #: (table, id) -> (entry id, digest or None for "deleted"), only from entries verified with our key
    last_state: dict[tuple[str, int], tuple[int, str | None]] = {}
    unknown: set[tuple[str, int]] = set()
    for e in _entries(session):
        result.entries += 1
        action = _action(e.action)
        if result.broken_at is not None:
            continue
        at = _entry_time(e.at)
        if e.prev_hash != prev or at is None:
            result.broken_at = e.id
            continue
        if not e.key_id:
            # legacy entries only before the first keyed one: a keyed log cannot turn unkeyed again
            expected = entry_hash(prev, at, e.os_user, action, e.entity, e.entity_id, e.field, e.old_value, e.new_value)
            if keyed_seen or e.row_digest is not None or not hmac.compare_digest(e.hash, expected):
                result.broken_at = e.id
                continue
            result.legacy_entries += 1
            if e.entity_id is not None:
                unknown.add((e.entity, e.entity_id))
                last_state.pop((e.entity, e.entity_id), None)
        elif e.key_id != kid:
            keyed_seen = True
            result.foreign_entries += 1
            if e.entity_id is not None:
                unknown.add((e.entity, e.entity_id))
                last_state.pop((e.entity, e.entity_id), None)
        else:
            keyed_seen = True
            expected = keyed_hash(
                key,
                prev,
                at,
                e.os_user,
                action,
                e.entity,
                e.entity_id,
                e.field,
                e.old_value,
                e.new_value,
                e.row_digest,
                e.key_id,
            )
            if not hmac.compare_digest(e.hash, expected):
                result.broken_at = e.id
                continue
            if e.entity_id is not None:
                state = None if action == AuditAction.DELETE.value else e.row_digest
                if action != AuditAction.DELETE.value and state is None:
                    unknown.add((e.entity, e.entity_id))
                    last_state.pop((e.entity, e.entity_id), None)
                else:
                    unknown.discard((e.entity, e.entity_id))
                    last_state[(e.entity, e.entity_id)] = (e.id, state)
        prev = e.hash
    if check_rows and result.broken_at is None and keyed_seen:
        result.altered_records = _altered_rows(session, key, last_state, unknown)
    return result


def _audited_tables() -> list[Any]:
    from app.core.db.models import Base

    skipped = {m.__tablename__ for m in _SKIP} | audit_seal.UNCHECKED_TABLES
    return [
        t
        for t in Base.metadata.sorted_tables
        if t.name not in skipped and "id" in t.c and [c.name for c in t.primary_key.columns] == ["id"]
    ]


def _altered_rows(
    session: Session,
    key: bytes,
    last_state: dict[tuple[str, int], tuple[int, str | None]],
    unknown: set[tuple[str, int]],
) -> list[tuple[str, int, str]]:
    from app.core.i18n import _

    found: list[tuple[str, int, str]] = []
    seen: set[tuple[str, int]] = set()
    for table in _audited_tables():
        try:
            rows = [dict(row) for row in session.execute(select(table)).mappings()]
        except (ValueError, TypeError, ArithmeticError, LookupError):
            # a stored value the program cannot even read (an unknown code, an impossible date): only
            # a change outside the program produces one
            found.append((table.name, 0, _("the table holds values the program cannot read")))
            continue
        for row in rows:
            ident = (table.name, int(row["id"]))
            seen.add(ident)
            logged = last_state.get(ident)
            if logged is None:
                if ident not in unknown:
                    found.append((*ident, _("the record is not in the change log (added outside the program)")))
                continue
            entry_id, digest = logged
            if digest is None:
                found.append(
                    (
                        *ident,
                        _("the change log records its deletion (entry no. {entry}), but the record is there").format(
                            entry=entry_id
                        ),
                    )
                )
            elif not hmac.compare_digest(digest, audit_seal.row_digest(key, table, row)):
                found.append(
                    (
                        *ident,
                        _(
                            "its data differ from the state recorded in the change log (entry no. "
                            "{entry}): changed outside the program"
                        ).format(entry=entry_id),
                    )
                )
    for ident, (entry_id, digest) in sorted(last_state.items()):
        if digest is not None and ident not in seen and _table_of(ident[0]) in _audited_tables():
            found.append(
                (
                    *ident,
                    _("the record was removed outside the program (its last entry is no. {entry})").format(
                        entry=entry_id
                    ),
                )
            )
    return found


def verify_chain(session: Session) -> int | None:
    """Return the id of the first entry whose hash does not match, or None when the chain is intact."""
    return verify_log(session, check_rows=False).broken_at


def current_seal(session: Session) -> audit_seal.LogSeal:
    """The log's length and head now, sealed with this installation's key (for backups and the annex
    of the annual report: printed, it lets anyone see later that entries were removed)."""
    table = AuditEntry.__table__
    length = int(session.execute(select(func.count()).select_from(table)).scalar() or 0)
    head = session.execute(select(table.c.id, table.c.hash).order_by(table.c.id.desc()).limit(1)).first()
    return audit_seal.make_seal(length, head.id if head else None, head.hash if head else "")


def seal_text(seal: audit_seal.LogSeal) -> str:
    """One line for a printed annex: "Change log: 1 234 entries, last no. 1 240, digest 3f9a…"."""
    from app.core.i18n import _, format_decimal

    return _("Change log: {count} entries, last entry no. {head}, digest {digest}, seal {seal}").format(
        count=format_decimal(seal.length),
        head=seal.head_id if seal.head_id is not None else "—",
        digest=seal.head_hash[:16] or "—",
        seal=seal.seal[:16],
    )


def seal_line(db: Any) -> str:
    """The printable line for the annual report's annex, from a Database (see seal_text)."""
    with db.session() as s:
        return seal_text(current_seal(s))


def seal_problem(session: Session, seal: audit_seal.LogSeal) -> str | None:
    """Why the log no longer matches a seal made earlier (None when it does, or cannot be judged)."""
    from app.core.i18n import _

    genuine = audit_seal.seal_is_genuine(seal)
    if genuine is None:
        return None
    if not genuine:
        return _("its recorded length was altered")
    table = AuditEntry.__table__
    if seal.head_id is None:
        return None
    head = session.execute(select(table.c.hash).where(table.c.id == seal.head_id)).scalar()
    length = int(
        session.execute(select(func.count()).select_from(table).where(table.c.id <= seal.head_id)).scalar() or 0
    )
    if head != seal.head_hash or length != seal.length:
        return _("it had {count} entries, the last no. {head}; entries were removed or replaced since").format(
            count=seal.length, head=seal.head_id
        )
    return None
