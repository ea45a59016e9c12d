"""The declaration of the columns the tools read (reads.READ) holds every column a recompute's statements
select, filter or order on: recorded from the statements themselves while a full and an incremental
recompute run and while the Snapshot's readers run, so a column added to a select without being declared
fails here (and a change to it would otherwise be skipped by the incremental recompute); likewise a setting
read that the recompute's mark does not keep the digest of (reads.settings_read)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Select, Table, event, select
from sqlalchemy.sql import visitors
from sqlalchemy.sql.schema import Column

from app.core.db.engine import Database
from app.core.db.models import Base, Contract, ContractReport, Organisation, Procedure
from app.core.tools import service
from app.core.tools.catalogue import reload_catalogue
from app.core.tools.incremental import _NOT_READ, MARK
from app.core.tools.reads import READ, READ_BY, WHOLE, settings_read, unread
from app.core.tools.snapshot import Snapshot
from tests.core.tools.gminas import TODAY, make_demo, make_generated


@pytest.fixture(params=[make_demo, make_generated], ids=["demo", "generated"])
def gmina(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """The demo and a varied generated gmina (drafts, terminated contracts, missing reports: gminas.py),
    so that the recorded recompute meets every branch that reads."""
    from app.core.db.engine import open_database

    reload_catalogue()
    db = open_database(request.param(tmp_path / "gmina.sqlite"))
    yield db
    db.dispose()


def _columns_of(statement: Select[Any]) -> Iterator[tuple[str, str]]:
    """(table, column) of every column the statement names: selected (a model selected whole names all
    its columns), in its conditions, joins and order; a column of an alias counts as its table's."""
    elements = [*(e for c in statement.selected_columns for e in visitors.iterate(c)), *visitors.iterate(statement)]
    for element in elements:
        if isinstance(element, Column):
            for base in element.base_columns:
                if isinstance(base.table, Table):
                    yield base.table.name, base.name


@contextmanager
def recorded(db: Database) -> Iterator[dict[str, set[str]]]:
    """The columns named by every SELECT run on the database meanwhile (lazy loads of relationships too)."""
    seen: dict[str, set[str]] = {}

    def before(_conn: Any, clause: Any, multiparams: Any, params: Any, _options: Any) -> None:
        if isinstance(clause, Select):
            for table, column in _columns_of(clause):
                seen.setdefault(table, set()).add(column)
            if any(getattr(t, "name", None) == "setting" for t in clause.get_final_froms()):
                # the keys (or key prefixes) of the settings asked for
                given = [clause.compile().params, params or {}, *(m for m in multiparams or () if isinstance(m, dict))]
                keys = {v for values in given for v in values.values() if isinstance(v, str)}
                seen.setdefault("setting keys", set()).update(keys)

    event.listen(db.engine, "before_execute", before)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_execute", before)


def _undeclared(seen: dict[str, set[str]]) -> dict[str, set[str]]:
    missing = {}
    keys = {k for k in seen.get("setting keys", set()) if k != MARK and not k.startswith(settings_read())}
    if keys:
        missing["setting keys"] = keys  # a setting read that the mark's digest would not cover
    for table, columns in seen.items():
        if table in _NOT_READ or table == "setting keys":
            continue
        declared = READ.get(table, WHOLE)
        if declared is not WHOLE and columns - declared:
            missing[table] = columns - declared
    return missing


def _changed(db: Database, change: Callable[[Any], None]) -> None:
    """A change saved through the ORM (logged), outside the recording: what it reads is the form's, not a tool's."""
    with db.session() as s:
        change(s)


def test_the_columns_a_recompute_selects_are_declared(gmina: Database) -> None:
    def report(s: Any) -> None:
        r = s.scalars(select(ContractReport).order_by(ContractReport.id)).first()
        assert r is not None
        r.recipients = (r.recipients or 0) + 3

    def records_outside_the_contracts(s: Any) -> None:
        # an organisation made inactive (W-01), a procedure annulled (W-10, W-11, the money), a contract's note
        org = s.scalars(select(Organisation).where(Organisation.active.is_(True)).order_by(Organisation.id)).first()
        org.active = False
        proc = s.scalars(select(Procedure).order_by(Procedure.id)).first()
        proc.annulled = not proc.annulled
        contract = s.scalars(select(Contract).order_by(Contract.id)).first()
        contract.notes = "notatka"

    with recorded(gmina) as seen:
        service.recompute_all(gmina, as_of=TODAY, full=True)
    _changed(gmina, report)
    with recorded(gmina) as more:
        assert service.recompute_all(gmina, as_of=TODAY, full=False).written > 0
        # the next day: the incremental run of the tools reading the reference date
        service.recompute_all(gmina, as_of=TODAY + dt.timedelta(days=1), full=False)
    _merge(seen, more)
    _changed(gmina, records_outside_the_contracts)
    with recorded(gmina) as more:
        assert service.recompute_all(gmina, as_of=TODAY + dt.timedelta(days=1), full=False).written > 0
        with gmina.session() as s:  # the Snapshot's readers one by one (the forms' lazy snapshot)
            snap = Snapshot(s)
            contracts = snap.contracts
            for c in contracts[:3]:
                c.parties, c.tranches, c.contributions, c.planned_results, c.reports, c.controls  # noqa: B018
                snap.task(c.task_id or 0)
            snap.programmes, snap.rdpp, snap.procedures, snap.programme_reports(), snap.organisations()  # noqa: B018
            snap.in_year(TODAY.year)
            snap.entries()
    _merge(seen, more)
    # the recording does see what is declared (a recording that saw nothing would pass trivially)
    assert {"id", "active"} <= seen["organisation"]
    assert {"organisation_id", "area"} <= seen["organisation_area"]
    assert "title" in seen["public_task"] and "area" in seen["public_task"]
    assert "inputs" in seen["tool_entry"]
    assert {"status", "procedure_id"} <= seen["contract"] and {"amount", "paid_date"} <= seen["tranche"]
    assert {"route", "budget_year", "received_date"} <= seen["procedure"]
    assert seen["setting keys"] >= {MARK, *settings_read()}  # the mark and the budget's planned grants
    assert _undeclared(seen) == {}


def _merge(seen: dict[str, set[str]], more: dict[str, set[str]]) -> None:
    for table, columns in more.items():
        seen.setdefault(table, set()).update(columns)


def _tables_of(statement: Select[Any]) -> set[str]:
    return {table for table, _column in _columns_of(statement)}


def test_the_tables_each_source_reads_are_declared(gmina: Database) -> None:
    """reads.READ_BY names, for each table outside a contract's rows, the sources reading it: recorded here
    source by source, at each scope kind (a fresh Snapshot each, so that one source's reads are not another's),
    for every year of the gmina; a source reading a declared table it is not named for fails (a change there
    would leave its tools stale)."""
    from app.core.db.models import CooperationProgramme
    from app.core.tools.sources import SOURCES, Scope, read_source

    with gmina.session() as s:
        contract = s.scalars(select(Contract).where(Contract.task_id.is_not(None)).order_by(Contract.id)).first()
        assert contract is not None and contract.task_id is not None
        programme = s.scalar(select(CooperationProgramme.id).order_by(CooperationProgramme.id))
        scopes: list[tuple[str, int]] = [("contract", contract.id), ("task", contract.task_id), ("gmina", 0)]
        if programme is not None:
            scopes.append(("programme", programme))
        years = sorted(range(contract.start_date.year, contract.end_date.year + 1))
    found: dict[str, set[tuple[str, str]]] = {}  # table → (source, scope kind)
    seen_tables: dict[str, set[str]] = {}
    for name in SOURCES:
        for kind, sid in scopes:
            for year in years:
                tables: set[str] = set()

                def before(_c: Any, clause: Any, *_a: Any, tables: set[str] = tables) -> None:
                    if isinstance(clause, Select):
                        tables.update(_tables_of(clause))

                with gmina.session() as s:
                    event.listen(gmina.engine, "before_execute", before)
                    try:
                        read_source(Scope(s, kind, sid, year, Snapshot(s)), name)
                    finally:
                        event.remove(gmina.engine, "before_execute", before)
                for table in tables:
                    found.setdefault(table, set()).add((name, kind))
                    seen_tables.setdefault(name, set()).add(table)
    # the recording sees the reads (it would pass trivially otherwise)
    assert "organisation" in seen_tables["ngo_count"] and "procedure" in seen_tables["w10.competitions"]
    assert "procedure" in seen_tables["grant"] and "tranche" in seen_tables["grant"]
    undeclared = {
        (table, name, kind)
        for table, (every, wide_only) in READ_BY.items()
        for name, kind in found.get(table, ())
        if name not in every and not (kind in ("programme", "gmina") and name in wide_only)
    }
    assert undeclared == set()


def test_a_column_selected_but_not_declared_is_found() -> None:
    """The check above can fail: a select of an organisation's phone is not declared."""
    from app.core.db.models import Organisation

    seen: dict[str, set[str]] = {}
    for table, column in _columns_of(select(Organisation.id).where(Organisation.contact_phone != "")):
        seen.setdefault(table, set()).add(column)
    assert _undeclared(seen) == {"organisation": {"contact_phone"}}


def test_a_setting_read_but_not_declared_is_found() -> None:
    seen = {"setting keys": {MARK, "law.ngo_grants_planned.", "law.consultation"}}
    assert _undeclared(seen) == {"setting keys": {"law.consultation"}}


def test_every_table_is_declared() -> None:
    """A new table must be declared (read whole, some columns, or by no tool); until then it counts as read."""
    assert set(Base.metadata.tables) - set(_NOT_READ) - set(READ) == set()
    assert set(READ) <= set(Base.metadata.tables)
    for table, declared in READ.items():
        if declared is not WHOLE:
            assert declared <= set(Base.metadata.tables[table].c.keys()), table


def test_unread_names_the_columns_no_tool_reads() -> None:
    # an organisation's contacts: personal_data.erase_person blanks the three and logs only contact_person
    for field in ("contact_person", "contact_email", "contact_phone", "phone", "email", "street", "name", "notes"):
        assert unread("organisation", field), field
    assert not unread("organisation", "active")  # W-01 counts the active organisations
    assert not unread("organisation_area", "area")
    assert unread("public_task", "description")
    assert not unread("public_task", "area")
    # 19A-3 reads the columns of the art. 19a contracts, not the contracts whole
    assert unread("contract", "notes") and unread("contract", "signed_date") and unread("contract_report", "notes")
    assert not unread("contract", "status") and not unread("contract", "procedure_id")
    assert unread("procedure", "title") and unread("procedure", "notes") and unread("procedure_part")
    assert not unread("procedure", "route") and not unread("procedure", "annulled")
    assert not unread("tranche", "amount")
    assert not unread("tool_entry", "inputs")
    assert unread("tool_entry", "entered_by")
    # a create or a delete names no field; an unknown table or field counts as read
    assert not unread("organisation", "")
    assert not unread("organisation", None)
    assert not unread("organisation", "no_such_column")
    assert not unread("a_table_added_later", "phone")
    # a table no tool reads: any change, a row created or deleted too
    assert unread("organisation_sphere") and unread("organisation_sphere", "sphere")
    assert unread("nonfinancial_cooperation", None)
    assert not unread("organisation_area")  # W-01's map of the organisations' areas
    assert not unread("public_task")
