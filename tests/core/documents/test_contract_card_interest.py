"""Issue 17: the contract card shows the interest of art. 251 ust. 5 u.f.p. where a late return is recorded."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from app.core.db.models import Contract, Tranche
from app.core.domain.enums import ContractForm, ContractStatus
from tests.core.backup_fixtures import demo_db, demo_path, demo_template  # noqa: F401
from tests.core.documents.test_documents import pdf_text

D = dt.date


def test_card_prints_the_interest_of_a_late_return(db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from app.core.documents.contract_card import build_contract_card

    with db.session() as s:
        c = Contract(
            number="5/2025",
            title="Festyn",
            form=ContractForm.POWIERZENIE,
            status=ContractStatus.SETTLED,
            start_date=D(2025, 3, 1),
            end_date=D(2025, 4, 16),
            tranches=[
                Tranche(
                    budget_year=2025,
                    amount=Decimal("20000.00"),
                    use_deadline=D(2025, 4, 16),
                    return_deadline=D(2025, 5, 1),
                    used_amount=Decimal("15000.00"),
                    returned_amount=Decimal("5000.00"),
                    returned_date=D(2025, 5, 20),
                )
            ],
        )
        s.add(c)
        s.flush()
        cid = c.id
    out = tmp_path / "card.pdf"
    build_contract_card(db, cid, out)
    text = pdf_text(out)
    # term: use by 16.04 + 15 days = Thu 1.05.2025 (holiday) -> Fri 2.05.2025; returned 20.05.2025 = 18 days late
    # 5000 × 5 × 14,5 % / 365 + 5000 × 13 × 13,5 % / 365 = 9,931507 + 24,041096 = 33,97 zł (34 zł rounded)
    assert "33,97 zł" in text and "34,00 zł" in text
    assert "art. 251 ust. 5 u.f.p." in text and "2.05.2025" in text and "18 dni" in text


def test_return_date_travels_in_the_full_export(demo_db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from app.core.db.engine import open_database
    from app.core.transfer.full_json import import_file, write_export

    with demo_db.session() as s:
        t = s.scalars(select(Tranche).where(Tranche.returned_amount.is_not(None)).order_by(Tranche.id)).first()
        if t is None:  # the demo records no return: give one tranche a returned part
            t = s.scalars(select(Tranche).order_by(Tranche.id)).first()
            t.returned_amount = Decimal("10.00")
        t.returned_date = D(2025, 5, 20)
        tid = t.id
    out = tmp_path / "dane.json"
    write_export(demo_db, out)
    target = open_database(tmp_path / "nowa.sqlite")
    import_file(target, out)
    with target.session() as s:
        assert s.get(Tranche, tid).returned_date == D(2025, 5, 20)
    target.dispose()


def test_contracts_sheet_has_the_return_date(demo_db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import csv
    import io

    from sqlalchemy import select

    from app.core.transfer.sheets import export_sheets

    with demo_db.session() as s:
        t = s.scalars(select(Tranche).order_by(Tranche.id)).first()
        t.returned_amount, t.returned_date = Decimal("10.00"), D(2025, 5, 20)
    path = tmp_path / "umowy.csv"
    export_sheets(demo_db, path, "contracts")
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig")), delimiter=";"))
    col = rows[0].index("Data zwrotu")
    assert [r[col] for r in rows[1:] if r[col]] == ["2025-05-20"]  # the CSV writes dates as ISO
    assert all(len(r) == len(rows[0]) for r in rows)
