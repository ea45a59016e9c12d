"""Databases the recompute's speed-ups are checked on: the demo and a varied generated gmina (drafts,
terminated and settled contracts, reports missing or without a year, tranches not paid or not settled),
so the faster readings meet every branch on thousands of records."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from sqlalchemy import delete, select, update

from app.core.db.engine import Database, open_database
from app.core.db.models import Contract, ContractReport, ToolResult, Tranche
from app.core.domain.enums import ContractStatus

TODAY = dt.date(2026, 11, 22)


def make_demo(path: Path) -> Path:
    from app.core.demo import load_demo

    db = open_database(path)
    load_demo(db, TODAY)
    db.dispose()
    return path


def make_generated(path: Path) -> Path:
    from benchmarks.generator import Size, generate

    generate(path, Size("T", 30, 150))
    db = open_database(path)
    k, r, t = Contract.__table__, ContractReport.__table__, Tranche.__table__
    with db.session() as s:
        conn = s.connection()
        conn.execute(update(k).where(k.c.id % 7 == 0).values(status=ContractStatus.DRAFT))
        conn.execute(update(k).where(k.c.id % 11 == 0).values(status=ContractStatus.TERMINATED))
        conn.execute(update(k).where(k.c.id % 13 == 0).values(status=ContractStatus.SETTLED))
        for cid, start in conn.execute(select(k.c.id, k.c.start_date).where(k.c.id % 6 == 0)).all():
            conn.execute(update(k).where(k.c.id == cid).values(end_date=dt.date(start.year, 12, 31)))
        conn.execute(update(r).where(r.c.id % 5 == 0).values(received_date=None))
        conn.execute(update(r).where(r.c.id % 4 == 0).values(budget_year=None))
        conn.execute(delete(r).where(r.c.id % 9 == 0))
        conn.execute(update(t).where(t.c.id % 3 == 0).values(paid_date=None))
        conn.execute(update(t).where(t.c.id % 8 == 0).values(used_amount=None))
    db.dispose()
    return path


def copy_of(path: Path, to: Path) -> Database:
    shutil.copy(path, to)
    return open_database(to)


def stored_rows(db: Database) -> dict[tuple[str, str, int, int], tuple[object, ...]]:
    """Every stored result but its time of computing."""
    t = ToolResult.__table__
    with db.session() as s:
        return {
            (r[0], r[1], r[2], r[3]): tuple(r[4:])
            for r in s.execute(
                select(
                    t.c.tool_id,
                    t.c.scope_kind,
                    t.c.scope_id,
                    t.c.year,
                    t.c.outputs,
                    t.c.inputs_used,
                    t.c.problems,
                    t.c.catalogue_version,
                    t.c.weights_used,
                )
            )
        }


def computed_at(db: Database) -> dict[tuple[str, str, int, int], dt.datetime]:
    """Every stored result's time of computing: which rows a recompute wrote again."""
    t = ToolResult.__table__
    with db.session() as s:
        return {
            (r[0], r[1], r[2], r[3]): r[4]
            for r in s.execute(select(t.c.tool_id, t.c.scope_kind, t.c.scope_id, t.c.year, t.c.computed_at))
        }
