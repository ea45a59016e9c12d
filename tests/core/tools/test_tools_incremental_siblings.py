"""An incremental recompute after one contract's change rewrites, at the other contracts of its task, only
what reads the task's tools (incremental.readers_of: E-04, E-14 and the E index), and still stores exactly
what a full recompute stores; with programme and gmina tools recomputed (a tranche changed), every
contract's W index is written again; the gmina's index means come from sums kept in the mark."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.db.engine import Database
from app.core.db.models import Contract, ContractReport, Setting, ToolEntry, ToolResult, Tranche
from app.core.tools import service
from app.core.tools.catalogue import get_catalogue, reload_catalogue
from app.core.tools.incremental import MARK, Reach, readers_of
from tests.core.tools.gminas import computed_at, stored_rows

TODAY = dt.date(2026, 11, 22)
Key = tuple[str, str, int, int]


@pytest.fixture()
def demo(tmp_path: Path) -> Iterator[Database]:
    from app.core.db.engine import open_database
    from app.core.demo import load_demo

    reload_catalogue()
    db = open_database(tmp_path / "demo.sqlite")
    load_demo(db, TODAY)  # ends with a full recompute, which leaves the mark
    yield db
    db.dispose()


def _incremental_then_full(db: Database) -> tuple[dict[Key, tuple[object, ...]], dict[Key, dt.datetime]]:
    """Recompute incrementally, then fully: every stored row and the summary's indices must agree. Returns
    the rows after the incremental run and when each was written."""
    inc = service.recompute_all(db, as_of=TODAY, full=False)
    after_inc, written_at = stored_rows(db), computed_at(db)
    # the sums the next incremental run starts from are those of the rows stored
    sums = _mark(db)["index_sums"]
    assert sums["years"] == _sums_of_stored(db)
    full = service.recompute_all(db, as_of=TODAY, full=True)
    assert _mark(db)["index_sums"] == sums
    after_full = stored_rows(db)
    assert after_inc.keys() == after_full.keys()
    for key, row in after_full.items():
        assert after_inc[key] == row, key
    assert inc.indices == full.indices
    assert inc.computed == full.computed
    assert 0 < inc.written < full.written
    return after_inc, written_at


def _task_with_e01(db: Database) -> tuple[int, list[int], int]:
    """(task, its contracts running in the year, a year) of a task with the clerk's E-01 (the task's
    reference cost, read by E-03 and E-04) in a year two or more of its contracts run in, one of them with
    a report of the year giving recipients."""
    from app.core.tools.engine import Engine, contract_years

    with db.session() as s:
        records = Engine(s, as_of=TODAY).records
        for tid, year in s.execute(
            select(ToolEntry.scope_id, ToolEntry.year)
            .where(ToolEntry.tool_id == "E-01", ToolEntry.scope_kind == "task")
            .order_by(ToolEntry.scope_id, ToolEntry.year)
        ):
            running = [c.id for c in records.contracts if c.task_id == tid and year in contract_years(c)]
            if len(running) < 2:
                continue
            report = s.scalars(
                select(ContractReport.id).where(
                    ContractReport.contract_id.in_(running),
                    ContractReport.budget_year == year,
                    ContractReport.recipients.is_not(None),
                )
            ).first()
            if report is not None:
                return tid, running, year
    raise AssertionError("the demo has no task of several contracts with E-01 and a report in its year")


def test_readers_of_the_task_and_the_gmina_from_the_catalogue() -> None:
    """By hand from catalogue.toml: E-04 reads `tool:E-01.k0` (a task tool); E-14 reads `model_summary.E`,
    which holds the task's E-01, E-02, E-03, E-12, E-13; the E index has the component E-03.EE (scope task).
    No contract tool reads a programme or gmina tool; the W index's components are W-10 and W-08 (gmina)."""
    cat = get_catalogue()
    assert readers_of(cat, ("task",)) == Reach(frozenset({"E-04", "E-14"}), frozenset({"E"}))
    assert readers_of(cat, ("programme", "gmina")) == Reach(frozenset(), frozenset({"W"}))


def _triple_recipients(s: Session, contracts: list[int], year: int) -> int:
    """The first of these contracts' reports of the year with recipients gets 3 × + 7 of them (E-02's cost
    per recipient, E-03's EE of the task change); its contract's id."""
    report = s.scalars(
        select(ContractReport).where(
            ContractReport.contract_id.in_(contracts),
            ContractReport.budget_year == year,
            ContractReport.recipients.is_not(None),
        )
    ).first()
    assert report is not None
    report.recipients = (report.recipients or 0) * 3 + 7
    return report.contract_id


def test_a_report_changing_the_task_figures_rewrites_the_other_contracts_readers_only(demo: Database) -> None:
    task_id, contracts, year = _task_with_e01(demo)
    with demo.session() as s:
        changed = _triple_recipients(s, contracts, year)
    before, written_before = stored_rows(demo), computed_at(demo)
    after, written_at = _incremental_then_full(demo)
    others = [c for c in contracts if c != changed]
    differ = {k for k in after if before.get(k) != after[k]}
    # the figures the narrowed run must not miss: the task's, the other contracts' E-14 and E index, and
    # the gmina's E index of the year (a mean over every contract's)
    assert ("E-03", "task", task_id, year) in differ
    assert any(("E-14", "contract", c, year) in differ for c in others)
    assert any(("IDX-E", "contract", c, year) in differ for c in others)
    assert ("IDX-E", "gmina", 0, year) in differ
    # what the other contracts do not read of the task was left as stored, not written again
    kept = [k for k in after if k[1] == "contract" and k[2] in others and k[0] in ("E-05", "J-04", "IDX-J")]
    assert kept
    assert all(written_at[k] == written_before[k] for k in kept)


def test_the_tasks_e01_entry_rewrites_e04_of_every_contract_of_the_task(demo: Database) -> None:
    """E-04 reads E-01's k0 of its task: a changed entry of the task (no contract changed) reaches every
    contract of the task."""
    task_id, contracts, year = _task_with_e01(demo)
    with demo.session() as s:
        entry = s.scalars(
            select(ToolEntry).where(
                ToolEntry.tool_id == "E-01",
                ToolEntry.scope_kind == "task",
                ToolEntry.scope_id == task_id,
                ToolEntry.year == year,
            )
        ).one()
        inputs = dict(entry.inputs)
        changed = {k: str(Decimal(str(v)) * 2) for k, v in inputs.items() if _is_number(v)}
        assert changed, inputs
        entry.inputs = {**inputs, **changed}
    before = stored_rows(demo)
    after, _written = _incremental_then_full(demo)
    differ = {k for k in after if before.get(k) != after[k]}
    assert ("E-01", "task", task_id, year) in differ
    assert any(k[0] == "E-04" and k[1] == "contract" and k[2] in contracts for k in differ)


def _is_number(value: object) -> bool:
    try:
        Decimal(str(value))
    except ArithmeticError:
        return False
    return not isinstance(value, bool) and value not in (None, "")


def test_a_changed_tranche_rewrites_every_contracts_w_index(demo: Database) -> None:
    """The W index of a contract is the mean of two gmina figures (W-10's overall, W-08's forms share): a
    tranche five times larger changes W-10's shares of the year, so every contract's W index of that year
    changes. Before, only the changed contract's task's were written again: the other contracts' W index
    (and the gmina's mean of them) stayed as computed before the change."""
    with demo.session() as s:
        tranche = s.scalars(select(Tranche).where(Tranche.budget_year == 2025).order_by(Tranche.id)).first()
        assert tranche is not None
        contract = s.get(Contract, tranche.contract_id)
        assert contract is not None
        year, task_id = tranche.budget_year, contract.task_id
        tranche.amount = tranche.amount * 5
        other_tasks = set(s.scalars(select(Contract.id).where(Contract.task_id != task_id)))
    before = stored_rows(demo)
    after, _written = _incremental_then_full(demo)
    differ = {k for k in after if before.get(k) != after[k]}
    assert ("W-10", "gmina", 0, year) in differ
    assert any(k[0] == "IDX-W" and k[1] == "contract" and k[2] in other_tasks for k in differ)


def _mark(db: Database) -> dict[str, Any]:
    with db.session() as s:
        row = s.get(Setting, MARK)
        assert row is not None and row.value is not None
        return dict(json.loads(row.value))


def _sums_of_stored(db: Database) -> list[list[object]]:
    """Per model and year, the sum and count of the contracts' stored index values, added here."""
    t = ToolResult.__table__
    sums: dict[tuple[str, int], list[object]] = {}
    with db.session() as s:
        for tool_id, year, outputs in s.execute(
            select(t.c.tool_id, t.c.year, t.c.outputs).where(
                t.c.tool_id.startswith("IDX-"), t.c.scope_kind == "contract"
            )
        ):
            got = sums.setdefault((tool_id[4:], year), [Decimal(0), 0])
            got[0] = Decimal(str(got[0])) + Decimal(outputs["value"])
            got[1] = int(str(got[1])) + 1
    return [[code, year, str(total), n] for (code, year), (total, n) in sorted(sums.items())]


def test_the_marks_index_sums_are_those_of_the_stored_rows(demo: Database) -> None:
    _task, contracts, year = _task_with_e01(demo)
    assert _mark(demo)["index_sums"]["years"] == _sums_of_stored(demo)
    with demo.session() as s:
        report = s.scalars(
            select(ContractReport).where(ContractReport.contract_id.in_(contracts), ContractReport.budget_year == year)
        ).first()
        assert report is not None
        report.recipients = (report.recipients or 0) + 40
    service.recompute_all(demo, as_of=TODAY, full=False)
    assert _mark(demo)["index_sums"]["years"] == _sums_of_stored(demo)


def test_a_mark_without_index_sums_reads_every_stored_index_and_leaves_them(demo: Database) -> None:
    """A mark written before the sums were kept: the run reads every contract's stored index (the figures
    are the same), and the mark it leaves holds the sums."""
    with demo.session() as s:
        row = s.get(Setting, MARK)
        assert row is not None and row.value is not None
        mark = json.loads(row.value)
        assert mark.pop("index_sums")
        row.value = json.dumps(mark)
    _task, contracts, year = _task_with_e01(demo)
    with demo.session() as s:
        report = s.scalars(
            select(ContractReport).where(ContractReport.contract_id.in_(contracts), ContractReport.budget_year == year)
        ).first()
        assert report is not None
        report.recipients = (report.recipients or 0) + 11
    inc = service.recompute_all(demo, as_of=TODAY, full=False)
    assert _mark(demo)["index_sums"]["years"] == _sums_of_stored(demo)
    after_inc = stored_rows(demo)
    full = service.recompute_all(demo, as_of=TODAY, full=True)
    assert stored_rows(demo) == after_inc
    assert inc.indices == full.indices


def test_the_next_day_with_a_changed_report_keeps_the_marks_sums(demo: Database) -> None:
    """The reference date moved within its year (what reads it is computed at every scope) and a report
    changed: the sums the mark keeps are those of the stored rows, and a second incremental run from them
    still stores what a full recompute stores."""
    _task, contracts, year = _task_with_e01(demo)
    for n, day in enumerate((TODAY + dt.timedelta(days=1), TODAY + dt.timedelta(days=2))):
        with demo.session() as s:
            report = s.scalars(
                select(ContractReport).where(
                    ContractReport.contract_id.in_(contracts), ContractReport.budget_year == year
                )
            ).first()
            assert report is not None
            report.recipients = (report.recipients or 0) + 5 + n
        service.recompute_all(demo, as_of=day, full=False)
        assert _mark(demo)["index_sums"]["years"] == _sums_of_stored(demo)
    after_inc = stored_rows(demo)
    service.recompute_all(demo, as_of=TODAY + dt.timedelta(days=2), full=True)
    assert stored_rows(demo) == after_inc


def test_a_report_and_an_organisation_saved_before_one_run_narrow_both(demo: Database) -> None:
    """A report of a task with E-01 and an organisation made inactive, then one incremental run: the task's
    other contracts rewrite only what reads the task's tools (E-04, E-14, the E index), the organisation only
    W-01 at the gmina (the active organisations' count: reads.READ_BY), no contract of another task is
    written again, and every row is a full recompute's (_incremental_then_full)."""
    from sqlalchemy import func

    from app.core.db.models import Organisation
    from app.core.services.organisations import get_organisation, organisation_input, update_organisation

    task_id, contracts, year = _task_with_e01(demo)
    with demo.session() as s:
        changed = _triple_recipients(s, contracts, year)
        of_task = set(s.scalars(select(Contract.id).where(Contract.task_id == task_id)))
        org_id = s.scalars(
            select(Organisation.id).where(Organisation.active.is_(True)).order_by(Organisation.id)
        ).first()
        active = s.scalar(select(func.count()).select_from(Organisation).where(Organisation.active.is_(True)))
    assert org_id is not None and active
    update_organisation(
        demo, org_id, dataclasses.replace(organisation_input(get_organisation(demo, org_id)), active=False)
    )
    before, written_before = stored_rows(demo), computed_at(demo)
    after, written_at = _incremental_then_full(demo)
    moved = {k for k in after if written_at[k] != written_before.get(k)}
    differ = {k for k in after if before.get(k) != after[k]}
    assert ("E-03", "task", task_id, year) in differ
    at_siblings = {k[0] for k in moved if k[1] == "contract" and k[2] in of_task - {changed}}
    assert at_siblings and at_siblings <= {"E-04", "E-14", "IDX-E"}
    assert not {k for k in moved if k[1] == "contract" and k[2] not in of_task}
    wide = {k[0] for k in moved if k[1] in ("programme", "gmina")}
    assert "W-01" in wide and wide <= {"W-01", "IDX-E", "IDX-J", "IDX-W"}
    w01 = sorted(k for k in after if k[0] == "W-01" and k[1] == "gmina")
    assert w01
    for key in w01:  # one organisation fewer than counted in the database above
        assert after[key][0]["organisations"] == active - 1  # type: ignore[index]
