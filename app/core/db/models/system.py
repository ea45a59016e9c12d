"""App-level tables: schema version, settings and the audit log."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db.models.base import Base, EnumCode, utcnow
from app.core.domain.enums import AuditAction


class SchemaVersion(Base):
    """One row per applied migration step (portable; no PRAGMA user_version)."""

    __tablename__ = "schema_version"

    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    applied_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    app_version: Mapped[str] = mapped_column(String(20), default="")


class Setting(Base):
    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class AuditEntry(Base):
    """One changed field of one record; entries are hash-chained so tampering is detectable."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    os_user: Mapped[str] = mapped_column(String(100), default="")
    action: Mapped[AuditAction] = mapped_column(EnumCode(AuditAction))
    entity: Mapped[str] = mapped_column(String(60), index=True)
    entity_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    field: Mapped[str] = mapped_column(String(60), default="")
    old_value: Mapped[str | None] = mapped_column(Text, nullable=True)
    new_value: Mapped[str | None] = mapped_column(Text, nullable=True)
    prev_hash: Mapped[str] = mapped_column(String(64), default="")
    hash: Mapped[str] = mapped_column(String(64), default="")
    #: keyed digest of the row's state after the change (None: a deletion, or written before schema 5)
    row_digest: Mapped[str | None] = mapped_column(String(64), nullable=True)
    #: the installation key that sealed the entry; "" = written before schema 5 (plain SHA-256 chain)
    key_id: Mapped[str] = mapped_column(String(16), default="", server_default="")
