"""Issue 13 item 11: a yes/no fact an import did not carry is unknown, not "no". KON-2 (the announcement
lists the same-type tasks of this and the previous year, art. 13 ust. 2 pkt 7) then says it cannot check
and names the fact: a warning, never a legal error that would block a save."""

from __future__ import annotations

import json
from pathlib import Path

from app.core.law import rules as R
from app.core.law.rules import blocking
from app.core.law.types import Severity
from tests.core.law.test_law_rules import competition, ctx


def test_kon_2_unknown_fact_is_a_warning_naming_it() -> None:
    [f] = R.rule_kon_2(competition(lists_previous_years=None), ctx())
    assert f.rule_id == "KON-2" and f.severity is Severity.WARNING and f.missing_data
    # the message names the fact that is unknown
    assert "roku poprzednim" in f.message and "brak danych" in f.message, f.message
    assert blocking([f]) == []
    # "no" stays a breach, "yes" passes
    [no] = R.rule_kon_2(competition(lists_previous_years=False), ctx())
    assert no.severity is Severity.ERROR and not no.missing_data
    assert R.rule_kon_2(competition(lists_previous_years=True), ctx()) == []


def test_an_import_without_the_fact_keeps_it_unknown(tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A full-JSON export whose procedure rows lack `lists_previous_years` (an older or hand-made file):
    the column's default used to fill in "no" and every published competition got a KON-2 error."""
    from app.core.db.engine import open_database
    from app.core.db.models import Procedure
    from app.core.law.rules import check_session
    from app.core.services.procedures import get_procedure, procedure_input, update_procedure
    from app.core.transfer.full_json import export_data, import_file
    from tests.core.reference_gmina import TODAY, build_reference_gmina

    source = open_database(tmp_path / "a.sqlite")
    ids = build_reference_gmina(source)
    raw = export_data(source)
    source.dispose()
    for row in raw["tables"]["procedure"]:
        del row["lists_previous_years"]
    # a hand-made file carries no change log (one that did would show the row changed outside the program)
    raw["tables"]["audit_log"] = []
    path = tmp_path / "bez_faktu.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    db = open_database(tmp_path / "b.sqlite")
    import_file(db, path)
    with db.session() as s:
        assert {p.lists_previous_years for p in s.query(Procedure)} == {None}
        kon2 = [f for f in check_session(s, TODAY) if f.rule_id == "KON-2"]
    # P0, P1, P2, P4 are published open competitions: four "cannot check", no error
    assert len(kon2) == 4
    assert all(f.severity is Severity.WARNING and f.missing_data for f in kon2)
    # saving the procedure unchanged keeps the fact unknown (never silently turned into "no")
    data = procedure_input(get_procedure(db, ids["P1"]))
    assert data.lists_previous_years is None
    update_procedure(db, ids["P1"], data)
    assert get_procedure(db, ids["P1"]).lists_previous_years is None
    db.dispose()


def test_the_step_keeps_every_record_pointing_to_a_procedure(tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Making the column nullable rebuilds the procedure table on SQLite; with foreign keys on, dropping
    the old table set every contract's procedure to NULL and deleted the competitions' parts. The step
    is run again on the reference gmina (3 parts of P2, 7 contracts with a procedure): all survive."""
    import importlib

    from alembic.migration import MigrationContext
    from alembic.operations import Operations
    from sqlalchemy import func, select

    from app.core.db.engine import migration_connection, open_database
    from app.core.db.models import Contract, ProcedurePart
    from tests.core.reference_gmina import build_reference_gmina

    db = open_database(tmp_path / "a.sqlite")
    build_reference_gmina(db)

    def counts() -> tuple[int, int]:
        with db.session() as s:
            return (
                s.scalar(select(func.count()).select_from(ProcedurePart)) or 0,
                s.scalar(select(func.count()).where(Contract.procedure_id.is_not(None))) or 0,
            )

    # C1, C3, C4, C5, C6, C7, C8 name their procedure (C2 does not)
    assert counts() == (3, 7)
    with migration_connection(db.engine) as conn:
        step = importlib.import_module("app.core.db.migrations.v0006_unknown_facts")
        step.upgrade(Operations(MigrationContext.configure(conn, opts={"render_as_batch": True})))
    assert counts() == (3, 7)
    db.dispose()
