"""Documents print the composite indices stored by the last recompute when they are current, and they
equal what the tools engine computes; after a change of the data they are not used."""

from __future__ import annotations

import datetime as dt

import pytest

# runs on SQLite and on the tests' PostgreSQL server (tests/conftest.py, issue 19)
pytestmark = pytest.mark.pg


def test_stored_indices_equal_the_engines_and_go_stale_after_a_change(db) -> None:
    from app.core.demo import load_demo
    from app.core.documents.data import contracts_in_year
    from app.core.documents.stored_indices import stored_composite_indices
    from app.core.tools import composite_indices
    from app.core.tools.service import recompute_all

    load_demo(db, today=dt.date(2026, 3, 15))
    recompute_all(db)
    compared = 0
    with db.session() as s:
        for year in (2023, 2024, 2025, 2026):
            ids = [c.id for c in contracts_in_year(s, year)]
            stored = stored_composite_indices(s, ids, year)
            computed = composite_indices(s, contract_ids=ids, year=year)
            assert stored is not None
            assert stored == computed, year
            compared += sum(1 for i in computed if i.value is not None)
        ids = [c.id for c in contracts_in_year(s, 2025)]
    assert compared >= 6
    # a record changed after the recompute: the stored figures are no longer trusted
    from app.core.db.models import Organisation

    with db.session() as s:
        org = s.query(Organisation).first()
        org.name = org.name + " (zmiana)"
    with db.session() as s:
        assert stored_composite_indices(s, ids, 2025) is None
