"""Issue 17: a contract whose annual or final report is overdue gets a reminder to call the organisation
for it, citing art. 18 ust. 1 ("Sprawozdanie [...] należy sporządzić w terminie 30 dni od dnia zakończenia
realizacji zadania publicznego")."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from app.core.db.models import Contract, ContractReport, Tranche
from app.core.domain.enums import ContractForm, ContractStatus, ReportKind
from app.core.law.deadlines import collect_deadlines
from app.core.law.types import DeadlineState

pytestmark = pytest.mark.pg

D = dt.date
TODAY = D(2026, 3, 20)


def add_contract(db, report: ContractReport) -> None:
    with db.session() as s:
        s.add(
            Contract(
                number="3/2025",
                title="Świetlica",
                form=ContractForm.POWIERZENIE,
                status=ContractStatus.COMPLETED,
                start_date=D(2025, 3, 1),
                end_date=D(2025, 12, 31),
                reports=[report],
                tranches=[
                    Tranche(
                        budget_year=2025,
                        amount=Decimal("30000.00"),
                        payment_date=D(2025, 3, 10),
                        paid_date=D(2025, 3, 10),
                        used_amount=Decimal("30000.00"),
                    )
                ],
            )
        )


def calls(db, **kw):
    return [d for d in collect_deadlines(db, TODAY, **kw) if d.kind == "REPORT_CALL"]


def test_overdue_final_report_gives_a_call_reminder(db) -> None:
    # task ended 31.12.2025; + 30 days = Fri 30.01.2026: the report was due then and has not come
    add_contract(db, ContractReport(kind=ReportKind.FINAL, budget_year=2025, due_date=D(2026, 1, 30)))
    [d] = calls(db, days=60)
    assert d.due == D(2026, 1, 31) and d.state is DeadlineState.OVERDUE
    assert d.basis.startswith("art. 18 ust. 1 u.d.p.p.w.")
    assert "30.01.2026" in d.title


def test_call_delivered_meets_the_reminder(db) -> None:
    add_contract(
        db,
        ContractReport(kind=ReportKind.FINAL, budget_year=2025, due_date=D(2026, 1, 30), call_delivered=D(2026, 2, 5)),
    )
    assert calls(db, days=60) == []
    [d] = calls(db, include_met=True)
    assert d.state is DeadlineState.MET and d.done_on == D(2026, 2, 5)


def test_report_not_yet_due_or_received_needs_no_call(db) -> None:
    add_contract(
        db,
        ContractReport(kind=ReportKind.FINAL, budget_year=2025, due_date=D(2026, 1, 30), received_date=D(2026, 2, 2)),
    )
    assert calls(db, days=60) == []


def test_partial_report_gets_no_call(db) -> None:
    # a partial report is itself the answer to a call (art. 18 ust. 3, rule SPR-2)
    add_contract(db, ContractReport(kind=ReportKind.PARTIAL, call_delivered=D(2026, 1, 2), due_date=D(2026, 2, 2)))
    assert calls(db, days=60) == []
