from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import update

from app.core.audit import history, verify_chain
from app.core.db.models import AuditEntry, Contract, Organisation, Tranche
from app.core.domain.enums import AuditAction, ContractForm, LegalForm, RegistryType

# runs on SQLite and on the tests' PostgreSQL server (tests/conftest.py, issue 19)
pytestmark = pytest.mark.pg


def _org(name: str = "Stowarzyszenie Razem") -> Organisation:
    return Organisation(name=name, legal_form=LegalForm.STOWARZYSZENIE, registry_type=RegistryType.KRS)


def test_create_update_delete_are_logged(db) -> None:  # type: ignore[no-untyped-def]
    with db.session() as s:
        s.add(_org())
    with db.session() as s:
        org = s.get(Organisation, 1)
        org.name = "Stowarzyszenie Razem dla Gminy"
        org.nip = "8567346215"
    with db.session() as s:
        s.delete(s.get(Organisation, 1))
    with db.session() as s:
        rows = list(reversed(history(s, "organisation", 1)))
    assert [r.action for r in rows] == [AuditAction.CREATE, AuditAction.UPDATE, AuditAction.UPDATE, AuditAction.DELETE]
    assert '"name": "Stowarzyszenie Razem"' in rows[0].new_value
    changed = {r.field: (r.old_value, r.new_value) for r in rows if r.action is AuditAction.UPDATE}
    assert changed == {"name": ("Stowarzyszenie Razem", "Stowarzyszenie Razem dla Gminy"), "nip": ("", "8567346215")}
    assert rows[0].os_user


def test_money_is_logged_exactly(db) -> None:  # type: ignore[no-untyped-def]
    with db.session() as s:
        c = Contract(
            title="Opieka",
            form=ContractForm.POWIERZENIE,
            start_date=dt.date(2025, 1, 1),
            end_date=dt.date(2027, 12, 31),
        )
        c.tranches.append(Tranche(budget_year=2025, amount=Decimal("10000.10")))
        s.add(c)
    with db.session() as s:
        t = s.get(Tranche, 1)
        t.amount = Decimal("12500.00")
    with db.session() as s:
        upd = [r for r in history(s, "tranche", 1) if r.action is AuditAction.UPDATE]
    assert (upd[0].old_value, upd[0].new_value) == ("10000.10", "12500.00")


def test_chain_detects_tampering(db) -> None:  # type: ignore[no-untyped-def]
    for i in range(3):
        with db.session() as s:
            s.add(_org(f"Org {i}"))
    with db.session() as s:
        assert verify_chain(s) is None
        second = sorted(e.id for e in s.query(AuditEntry))[1]
        s.execute(update(AuditEntry).where(AuditEntry.id == second).values(new_value="{}"))
    with db.session() as s:
        assert verify_chain(s) == second


def test_rolled_back_change_is_not_logged(db) -> None:  # type: ignore[no-untyped-def]
    try:
        with db.session() as s:
            s.add(_org())
            s.flush()
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    with db.session() as s:
        assert history(s) == []


def test_child_taken_out_of_its_collection_is_logged_as_deleted(db) -> None:  # type: ignore[no-untyped-def]
    # delete-orphan: no session.delete() call, the flush removes the row on its own
    with db.session() as s:
        c = Contract(
            title="Opieka",
            form=ContractForm.POWIERZENIE,
            start_date=dt.date(2025, 1, 1),
            end_date=dt.date(2026, 12, 31),
        )
        c.tranches.append(Tranche(budget_year=2025, amount=Decimal("1000.00")))
        c.tranches.append(Tranche(budget_year=2026, amount=Decimal("2000.00")))
        s.add(c)
    with db.session() as s:
        c = s.get(Contract, 1)
        c.tranches.remove(next(t for t in c.tranches if t.budget_year == 2026))
    with db.session() as s:
        assert s.get(Tranche, 2) is None
        deleted = [r for r in history(s, "tranche", 2) if r.action is AuditAction.DELETE]
        assert len(deleted) == 1
        assert '"amount": "2000.00"' in deleted[0].old_value
        assert [r for r in history(s, "tranche", 1) if r.action is AuditAction.DELETE] == []
        assert verify_chain(s) is None
