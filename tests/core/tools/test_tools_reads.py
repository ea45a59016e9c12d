"""The declaration of the columns the tools read (reads.READ) holds every column a recompute's statements
select, filter or order on: recorded from the statements themselves while a full and an incremental
recompute run and while the Snapshot's readers run, so a column added to a select without being declared
fails here (and a change to it would otherwise be skipped by the incremental recompute); likewise a setting
read that the recompute's mark does not keep the digest of (reads.settings_read)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Select, Table, event, select
from sqlalchemy.sql import visitors
from sqlalchemy.sql.schema import Column

from app.core.db.engine import Database
from app.core.db.models import Base, ContractReport
from app.core.tools import service
from app.core.tools.catalogue import reload_catalogue
from app.core.tools.incremental import _NOT_READ, MARK
from app.core.tools.reads import READ, WHOLE, settings_read, unread
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


def test_the_columns_a_recompute_selects_are_declared(gmina: Database) -> None:
    with recorded(gmina) as seen:
        service.recompute_all(gmina, as_of=TODAY, full=True)
        with gmina.session() as s:
            report = s.scalars(select(ContractReport).order_by(ContractReport.id)).first()
            assert report is not None
            report.recipients = (report.recipients or 0) + 3
        assert service.recompute_all(gmina, as_of=TODAY, full=False).written > 0
        # the next day: the incremental run of the tools reading the reference date
        service.recompute_all(gmina, as_of=TODAY + dt.timedelta(days=1), full=False)
        with gmina.session() as s:  # the Snapshot's readers one by one (the forms' lazy snapshot)
            snap = Snapshot(s)
            contracts = snap.contracts
            for c in contracts[:3]:
                c.parties, c.tranches, c.contributions, c.planned_results, c.reports, c.controls  # noqa: B018
                snap.task(c.task_id or 0)
            snap.programmes, snap.rdpp, snap.procedures, snap.programme_reports(), snap.organisations()  # noqa: B018
            snap.in_year(TODAY.year)
            snap.entries()
    # the recording does see what is declared (a recording that saw nothing would pass trivially)
    assert {"id", "active"} <= seen["organisation"]
    assert {"organisation_id", "area"} <= seen["organisation_area"]
    assert "title" in seen["public_task"] and "area" in seen["public_task"]
    assert "inputs" in seen["tool_entry"]
    assert seen["setting keys"] >= {MARK, *settings_read()}  # the mark and the budget's planned grants
    assert _undeclared(seen) == {}


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
    assert not unread("organisation", "active")  # W-08 counts the active organisations
    assert not unread("organisation_area", "area")
    assert unread("public_task", "description")
    assert not unread("public_task", "area")
    assert not unread("contract", "notes")  # 19A-3 reads art. 19a contracts whole
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
    assert not unread("organisation_area")  # W-08's map of the organisations' areas
    assert not unread("public_task")
