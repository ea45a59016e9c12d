"""Exchange files of other gminas the clerk imported (issue 19), kept so the Kreator can show what they
chose and achieved per sphere after a restart. The file's JSON is stored as it was checked on import."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db.models.base import Base, utcnow


class ComparisonFile(Base):
    """One gmina's indicator exchange file for one year; importing the same gmina and year again replaces it."""

    __tablename__ = "comparison_file"
    __table_args__ = (UniqueConstraint("gmina", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    gmina: Mapped[str] = mapped_column(String(200))
    teryt: Mapped[str] = mapped_column(String(7), default="")
    year: Mapped[int] = mapped_column(Integer)
    #: the file's format version (app.core.comparison.exchange.READABLE)
    version: Mapped[int] = mapped_column(Integer)
    #: the file as written by exchange.to_json after reading it (checked, so it reads back)
    content: Mapped[str] = mapped_column(Text)
    file_name: Mapped[str] = mapped_column(String(255), default="")
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
