"""The other gminas' exchange files the clerk imported, kept in the database (schema 13) so the Kreator can
show what gminas chose and achieved per sphere. Stored as checked on import and checked again when read
back (a file written by a newer program is left out, never guessed at)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import select

from app.core.comparison.exchange import GminaFigures, parse_exchange, to_json
from app.core.db.engine import Database
from app.core.db.models import ComparisonFile
from app.core.errors import UserFacingError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StoredFile:
    figures: GminaFigures
    file_name: str


def store_exchange(db: Database, figures: GminaFigures, file_name: str) -> None:
    """Keep one gmina's file for its year; the same gmina and year imported again replaces the older one."""
    with db.session() as s:
        row = s.scalar(
            select(ComparisonFile).where(ComparisonFile.gmina == figures.gmina, ComparisonFile.year == figures.year)
        )
        if row is None:
            row = ComparisonFile(gmina=figures.gmina, year=figures.year)
            s.add(row)
        row.teryt = figures.teryt
        row.version = figures.version
        row.content = to_json(figures)
        row.file_name = file_name[:255]


def stored_exchanges(db: Database) -> list[StoredFile]:
    """Every imported file, by gmina and year."""
    out = []
    with db.session() as s:
        rows = s.execute(
            select(ComparisonFile.content, ComparisonFile.file_name).order_by(ComparisonFile.gmina, ComparisonFile.year)
        ).all()
    for content, file_name in rows:
        try:
            out.append(StoredFile(parse_exchange(content.encode("utf-8"), file_name), file_name))
        except UserFacingError:
            log.warning("stored exchange file %s no longer reads; left out", file_name)
    return out
