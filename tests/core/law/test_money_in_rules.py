"""Law rules that add money up ask the money vocabulary (app.core.figures.money): art. 19a ust. 7's 20 %
cap counts committed grants, never a draft's tranches (issue 13)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from app.core.db.models import Tranche
from app.core.domain.enums import ContractStatus
from app.core.law import rules as R
from tests.core.law.test_law_rules import contract, ctx, small_grant

D = dt.date


def _grant(status: ContractStatus, amount: str, paid: dt.date | None = None):  # type: ignore[no-untyped-def]
    return contract(
        id=9,
        procedure_id=3,
        status=status,
        start_date=D(2026, 6, 1),
        end_date=D(2026, 8, 1),
        tranches=[
            Tranche(
                budget_year=2026,
                amount=Decimal(amount),
                paid_date=paid,
                use_deadline=D(2026, 8, 31),
                return_deadline=D(2026, 9, 15),
            )
        ],
    )


def test_19a_3_does_not_count_a_draft() -> None:
    budget = {2026: Decimal("100000.00")}
    procs = [small_grant(id=2, planned_amount=Decimal("9000.00")), small_grant(id=3, planned_amount=Decimal("6000.00"))]
    # a draft of 16 000 for the second offer grants nothing yet: its planned 6 000 counts,
    # 9 000 + 6 000 = 15 000 of 100 000 = 15 % (the old sum of tranches: 9 000 + 16 000 = 25 % -> an error)
    assert R.rule_19a_3(procs, {3: [_grant(ContractStatus.DRAFT, "16000.00")]}, budget, ctx()) == []
    # signed, the same 16 000 is committed: 9 000 + 16 000 = 25 000 > 20 % of 100 000
    [f] = R.rule_19a_3(procs, {3: [_grant(ContractStatus.ACTIVE, "16000.00")]}, budget, ctx())
    assert f.rule_id == "19A-3" and "25,0%" in f.message
