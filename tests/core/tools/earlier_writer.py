"""The recompute's writing of result rows as it was before the rows went to the driver as tuples (a copy
of app/core/tools/engine.py's _encode, encoded_row and _ResultWriter at 6951b58): SQLAlchemy's
executemany of one dict per row, `utcnow()` per row, `json.JSONEncoder.encode` per value. The reference
tests/core/tools/test_result_writer.py compares today's stored bytes with."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import pytest
from sqlalchemy import insert
from sqlalchemy.orm import Session

from app.core.db.models.base import utcnow
from app.core.tools import engine
from app.core.tools.values import to_json

_ENCODER = json.JSONEncoder(default=engine._json_default, separators=(",", ":"))


def _encode(value: Any) -> str:
    try:
        return _ENCODER.encode(value)
    except (TypeError, ValueError):
        return json.dumps(to_json(value), separators=(",", ":"))


class _ResultWriter:
    def __init__(self, session: Session, batch: int = 2000) -> None:
        self.session, self.batch = session, batch
        self.rows: list[dict[str, Any]] = []
        self.written = 0
        self.table = engine._encoded_table()
        self.stmt = insert(self.table)

    def add(self, row: dict[str, Any]) -> None:
        self.rows.append(row)
        self.written += 1
        if len(self.rows) >= self.batch:
            self.flush()

    def add_typed(self, rows: Iterable[dict[str, Any]]) -> None:
        # what the year loop did with the index rows before the writer took them typed
        for row in rows:
            self.add({k: (_encode(v) if k in engine._JSON_COLUMNS else v) for k, v in row.items()})

    def flush(self) -> None:
        if self.rows:
            self.session.execute(self.stmt, self.rows)
            self.rows = []


def encoded_row(comp: engine.Computation, version: str, params_json: str) -> dict[str, Any]:
    return dict(
        tool_id=comp.tool_id,
        scope_kind=comp.scope_kind,
        scope_id=comp.scope_id,
        year=comp.year,
        outputs=_encode(comp.outputs),
        inputs_used=_encode(comp.stored_inputs),
        problems=_encode([{"field": p.field, "label": p.label, "message": p.message} for p in comp.problems]),
        catalogue_version=version,
        weights_used=params_json,
        computed_at=utcnow(),
    )


def restore(monkeypatch: pytest.MonkeyPatch) -> None:
    """The recompute writes as it did before (its year loop is the same: it hands rows to `add`)."""
    monkeypatch.setattr(engine, "_encode", _encode)
    monkeypatch.setattr(engine, "encoded_row", encoded_row)
    monkeypatch.setattr(engine, "_ResultWriter", _ResultWriter)
