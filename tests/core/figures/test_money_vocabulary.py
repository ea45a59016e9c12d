"""The money words on single tranches, worked out by hand (app/core/figures/money.py)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from app.core.domain.enums import ContractForm, ContractStatus
from app.core.figures.money import TrancheMoney, totals_of

PAID = dt.date(2025, 2, 1)


def tranche(
    status: ContractStatus,
    amount: str = "1000.00",
    paid: dt.date | None = PAID,
    used: str | None = None,
    returned: str | None = None,
    cid: int = 1,
) -> TrancheMoney:
    return TrancheMoney(
        cid,
        status,
        ContractForm.WSPARCIE,
        None,
        None,
        2025,
        D(amount),
        paid,
        D(used) if used is not None else None,
        D(returned) if returned is not None else None,
    )


@pytest.mark.parametrize(
    ("status", "paid", "committed", "transferred"),
    [
        (ContractStatus.DRAFT, None, "0.00", "0.00"),  # a draft is none of the words
        (ContractStatus.DRAFT, PAID, "0.00", "0.00"),  # even with a (wrongly) recorded payment
        (ContractStatus.ACTIVE, None, "1000.00", "0.00"),  # signed, not paid yet
        (ContractStatus.ACTIVE, PAID, "1000.00", "1000.00"),
        (ContractStatus.COMPLETED, PAID, "1000.00", "1000.00"),
        (ContractStatus.SETTLED, PAID, "1000.00", "1000.00"),
        (ContractStatus.TERMINATED, PAID, "1000.00", "1000.00"),  # terminated: what was transferred
        (ContractStatus.TERMINATED, None, "0.00", "0.00"),  # ... and nothing it was never paid
    ],
)
def test_committed_and_transferred(status, paid, committed, transferred) -> None:  # type: ignore[no-untyped-def]
    t = tranche(status, paid=paid)
    assert (t.committed, t.transferred) == (D(committed), D(transferred))


def test_totals_count_unsettled_tranches_instead_of_taking_them_as_zero() -> None:
    rows = [
        tranche(ContractStatus.SETTLED, "1000.00", used="900.00", returned="100.00", cid=1),
        tranche(ContractStatus.ACTIVE, "500.00", cid=2),  # not settled yet
        tranche(ContractStatus.DRAFT, "700.00", paid=None, used="700.00", cid=3),
    ]  # a draft: ignored
    t = totals_of(rows)
    # committed 1 000 + 500 = 1 500; transferred the same (both paid); used 900 (the draft's 700 ignored)
    assert (t.committed, t.transferred, t.used, t.returned, t.unsettled) == (
        D("1500.00"),
        D("1500.00"),
        D("900.00"),
        D("100.00"),
        1,
    )
    assert t.contract_ids == frozenset({1, 2})


def test_a_signed_contract_without_tranches_is_listed_in_its_years_a_draft_is_not(db) -> None:  # type: ignore[no-untyped-def]
    """Imports may bring a contract without any tranche (e.g. a task without a grant): it is a contract of
    the years it runs in when signed, with nothing committed; a draft without tranches is in no year."""
    from app.core.db.models import Contract
    from app.core.figures.money import contracts_of_year, totals

    with db.session() as s:
        signed = Contract(
            title="Bez dotacji",
            form=ContractForm.WSPARCIE,
            status=ContractStatus.ACTIVE,
            start_date=dt.date(2025, 3, 1),
            end_date=dt.date(2026, 2, 28),
        )
        draft = Contract(
            title="Projekt",
            form=ContractForm.WSPARCIE,
            status=ContractStatus.DRAFT,
            start_date=dt.date(2025, 3, 1),
            end_date=dt.date(2025, 6, 30),
        )
        s.add_all([signed, draft])
        s.flush()
        assert contracts_of_year(s, 2025) == [signed.id]
        assert contracts_of_year(s, 2026) == [signed.id]
        assert contracts_of_year(s, 2027) == []
        assert totals(s, year=2025).committed == D("0.00")
