"""The documents' contract records read as columns (issue 18) equal what reading whole ORM objects gave.

The reference below is the previous implementation of `data._contracts` (Contract objects with their
children loaded by the ORM), kept here so the faster read can never silently change a printed figure.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from app.core.db.models import Contract, Organisation, Procedure, PublicTask
from app.core.documents import data
from app.core.domain.enums import RegistryType
from tests.core.backup_fixtures import demo_db, demo_path, demo_template  # noqa: F401
from tests.core.reference_gmina import ref  # noqa: F401

# runs on SQLite and on the tests' PostgreSQL server (tests/conftest.py, issue 19)
pytestmark = pytest.mark.pg


def _orm_contract_info(
    c: Contract, tasks: dict[int, PublicTask], procs: dict[int, Procedure], orgs: dict[int, Organisation]
) -> data.ContractInfo:
    proc = procs.get(c.procedure_id) if c.procedure_id else None
    task = tasks.get(c.task_id) if c.task_id else None
    if task is None and proc is not None and proc.task_id:
        task = tasks.get(proc.task_id)
    parties = []
    for p in c.parties:
        o = orgs.get(p.organisation_id)
        if o is None:
            continue
        kind = "KRS" if o.registry_type == RegistryType.KRS else o.registry_type.label
        registry = o.registry_number and f"{kind}: {o.registry_number}" or ""
        parties.append(data.PartyInfo(name=o.name, nip=o.nip, registry=registry, role=p.role))
    return data.ContractInfo(
        id=c.id,
        number=c.number,
        title=c.title,
        form=c.form,
        status=c.status.label,
        start=c.start_date,
        end=c.end_date,
        area=task.area if task else None,
        route=proc.route if proc else None,
        procedure_id=c.procedure_id,
        task_title=task.title if task else "",
        unit_rate=c.unit_rate,
        unit_name=c.unit_name,
        parties=parties,
        tranches=[
            data.TrancheInfo(
                t.budget_year,
                t.amount,
                t.payment_date,
                t.used_amount,
                t.returned_amount,
                t.use_deadline,
                t.return_deadline,
                t.returned_date,
                data._late_interest(t),
            )
            for t in c.tranches
        ],
        contributions=[
            data.ContributionInfo(k.budget_year, k.kind.label, k.kind.value, k.planned_amount, k.actual_amount)
            for k in c.contributions
        ],
        results=[
            data.ResultInfo(
                name=r.name,
                unit=r.unit,
                year=r.budget_year,
                target=r.target_value,
                achieved={v.budget_year: v.value for v in r.values},
                kind=r.kind,
            )
            for r in c.planned_results
        ],
        reports=[
            data.ReportInfo(
                r.kind.label,
                r.budget_year,
                r.due_date,
                r.received_date,
                r.accepted_date,
                r.cost_total,
                r.cost_grant,
                r.recipients,
            )
            for r in c.reports
        ],
        controls=[
            data.ControlInfo(
                k.kind.label,
                k.control_date,
                k.controllers,
                k.findings,
                k.recommendations,
                k.recommendations_due,
                k.recommendations_done,
            )
            for k in c.controls
        ],
        signed=c.signed_date,
        budget_paragraph=c.budget_paragraph or "",
        status_code=c.status,
        budget_division=c.budget_division or "",
        budget_chapter=c.budget_chapter or "",
    )


def _orm_contracts(s: Any, ids: list[int] | None = None) -> list[data.ContractInfo]:
    stmt = select(Contract).order_by(Contract.start_date, Contract.number, Contract.id)
    if ids is not None:
        stmt = stmt.where(Contract.id.in_(ids))
    rows = list(s.scalars(stmt))
    tasks = {t.id: t for t in s.scalars(select(PublicTask))}
    procs = {p.id: p for p in s.scalars(select(Procedure))}
    orgs = {o.id: o for o in s.scalars(select(Organisation))}
    return [_orm_contract_info(c, tasks, procs, orgs) for c in rows]


def _check(db: Any) -> int:  # type: ignore[no-untyped-def]
    compared = 0
    with db.session() as s:
        everything = _orm_contracts(s)
        assert data.contracts(s) == everything
        compared += len(everything)
        for year in range(2020, 2029):
            of_year = data.contracts_of_year(s, year)
            # the year's contracts through the money owner, then read by id the ORM way
            assert of_year == _orm_contracts(s, [c.id for c in of_year]), year
            in_year = data.contracts_in_year(s, year)
            expected = [
                c
                for c in everything
                if (any(t.year == year for t in c.tranches) if c.tranches else c.start.year <= year <= c.end.year)
            ]
            assert in_year == expected, year
            compared += len(of_year) + len(in_year)
    return compared


def test_column_read_equals_the_orm_reading_on_the_demo(demo_db) -> None:  # noqa: F811
    # the demo's 25 contracts, then each year's, multi-year ones in several years
    assert _check(demo_db) > 60


def test_column_read_equals_the_orm_reading_on_the_reference_gmina(ref) -> None:  # noqa: F811
    assert _check(ref[0]) > 10


def test_the_records_have_children_to_compare(demo_db) -> None:  # noqa: F811
    """The comparison above is only worth something if the demo's contracts carry every kind of child."""
    with demo_db.session() as s:
        everything = data.contracts(s)
    assert all(
        any(getattr(c, kind) for c in everything)
        for kind in ("parties", "tranches", "contributions", "results", "reports", "controls")
    )
    assert any(r.achieved for c in everything for r in c.results)
