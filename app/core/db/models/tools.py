"""Tool entries (what the clerk typed), computed results and RADAR meetings (agreed index weights).

Scope: `scope_kind` is contract | task | programme | gmina and `scope_id` the record's id (0 for the
gmina: one gmina per file, and a NOT NULL id keeps the unique constraint effective on SQLite).
JSON columns hold numbers and money as Decimal strings, never floats (see app/core/tools/values.py).
Results are derived data: they are replaced on recompute with plain inserts (not audited); entries
and meetings are the clerk's own input and go through the audit log like every record.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Date, DateTime, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db.models.base import Base, TimestampMixin, utcnow


class ToolEntry(TimestampMixin, Base):
    __tablename__ = "tool_entry"
    __table_args__ = (UniqueConstraint("tool_id", "scope_kind", "scope_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    tool_id: Mapped[str] = mapped_column(String(12), index=True)
    scope_kind: Mapped[str] = mapped_column(String(12))
    scope_id: Mapped[int] = mapped_column(Integer, default=0)
    year: Mapped[int] = mapped_column(Integer, index=True)
    #: only what the clerk entered or overwrote; values the app reads from records are not copied here
    inputs: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    entered_by: Mapped[str] = mapped_column(String(100), default="")
    entered_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class ToolResult(Base):
    __tablename__ = "tool_result"
    #: the unique constraint's index serves every query by tool_id (its first column): a second index
    #: on tool_id alone only cost every written row (schema 14)
    __table_args__ = (UniqueConstraint("tool_id", "scope_kind", "scope_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    tool_id: Mapped[str] = mapped_column(String(12))
    scope_kind: Mapped[str] = mapped_column(String(12))
    scope_id: Mapped[int] = mapped_column(Integer, default=0)
    year: Mapped[int] = mapped_column(Integer, index=True)
    #: output key → value (JSON-safe); missing keys were not computable (see problems)
    outputs: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    #: every input value used, typed in JSON form, with its origin (entered / database / tool)
    inputs_used: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    #: [{"field": ..., "message": ...}] – why something is missing
    problems: Mapped[list[Any]] = mapped_column(JSON, default=list)
    catalogue_version: Mapped[str] = mapped_column(String(60), default="")
    #: parameters and weights the result depends on (tool params, index weights and bounds)
    weights_used: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    computed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class RadarMeeting(TimestampMixin, Base):
    """A RADAR meeting where the gmina agreed the weights of the composite indices."""

    __tablename__ = "radar_meeting"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_date: Mapped[dt.date] = mapped_column(Date, index=True)
    participants: Mapped[str] = mapped_column(Text, default="")
    #: {"E": {"E-03.EE": "0.5", ...}, "J": {...}, "W": {...}} (Decimal strings)
    weights: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    notes: Mapped[str] = mapped_column(Text, default="")
