"""After a record is saved elsewhere, the tool screens make their stored results current again with
the incremental recompute (issue 18): one changed report recomputes its task's contracts, not L's
130 000 results; the figures are those of a full recompute."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import select

from app.core.db.models import ContractReport, ToolResult
from app.core.tools import service
from app.ui.tools.backend import ToolBackend

TODAY = dt.date(2026, 11, 22)


def _stored(db):  # type: ignore[no-untyped-def]
    with db.session() as s:
        return {
            (r.tool_id, r.scope_kind, r.scope_id, r.year): (r.outputs, r.problems)
            for r in s.scalars(select(ToolResult))
        }


def test_results_after_a_saved_report_are_recomputed_incrementally(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from app.core.db.engine import open_database
    from app.core.demo import load_demo

    db = open_database(tmp_path / "demo.sqlite")
    try:
        load_demo(db, TODAY)  # ends with a full recompute
        backend = ToolBackend(db, TODAY)
        with db.session() as s:  # a report saved in its dialog (the change is logged)
            r = s.scalars(
                select(ContractReport).where(ContractReport.cost_grant.is_not(None)).order_by(ContractReport.id)
            ).first()
            r.cost_grant = r.cost_grant + Decimal("500.00")
        backend.invalidate_results()  # what the main window's data_changed does to the tools view
        runs = []
        recompute = service.recompute_all

        def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
            summary = recompute(*args, **kwargs)
            runs.append((kwargs.get("full", True), summary.written))
            return summary

        monkeypatch.setattr(service, "recompute_all", spy)
        backend.ensure_results()
        after = _stored(db)
        total = len(after)
        assert runs and runs[0][0] is False and 0 < runs[0][1] < total
        recompute(db, as_of=TODAY, full=True)
        assert _stored(db) == after
    finally:
        db.dispose()
