"""Interest on an unused grant returned late (art. 251 ust. 5 u.f.p.), computed by hand.

"Od kwot dotacji zwróconych po terminach określonych w ust. 1-3 nalicza się odsetki w wysokości określonej jak
dla zaległości podatkowych, począwszy od dnia następującego po upływie terminów zwrotu określonych w ust. 1-3."
Rates (rules.toml, ZWR-2): 14,5 % from 5.10.2023, 13,5 % from 8.05.2025, 11,0 % from 4.12.2025 (lombard 4,50 %),
10,5 % from 5.03.2026 (lombard 4,25 %: "Uchwała Rady Polityki Pieniężnej wchodzi w życie 5 marca 2026 r."; tax
ordinance art. 56 § 1: 200 % of the lombard rate + 2 %, so 2 × 4,25 + 2 = 10,5), vouched for until 9.04.2026.
Rounding, tax ordinance art. 63 § 1: "odsetki za zwłokę [...] zaokrągla się do pełnych złotych w ten sposób, że
końcówki kwot wynoszące mniej niż 50 groszy pomija się, a końcówki kwot wynoszące 50 i więcej groszy podwyższa się
do pełnych złotych".
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from app.core.db.models import Contract, Tranche
from app.core.domain.enums import ContractForm, ContractStatus
from app.core.law.interest import late_return_interest
from app.core.law.rules import check_contract, tranche_interest
from app.core.law.types import Severity

D = dt.date


def test_one_rate() -> None:
    # term ends Fri 31.01.2025; returned 20.02.2025: days 1.02–20.02 = 20
    # 1000,00 × 20 × 14,5 % / 365 = 2900 / 365 = 7,945… -> 7,95 zł; to full złoty 8 zł
    r = late_return_interest(Decimal("1000.00"), D(2025, 1, 31), D(2025, 2, 20))
    assert r is not None and r.days == 20
    assert r.total == Decimal("7.95") and r.total_zloty == Decimal("8")


def test_rate_change_splits_the_period() -> None:
    # term ends 2.05.2025, returned 20.05.2025
    # 3.05–7.05: 5 days × 14,5 %: 5000 × 5 × 0,145 / 365 = 3625 / 365 = 9,931507
    # 8.05–20.05: 13 days × 13,5 %: 5000 × 13 × 0,135 / 365 = 8775 / 365 = 24,041096
    # sum 33,972603 -> 33,97 zł; to full złoty 34 zł
    r = late_return_interest(Decimal("5000.00"), D(2025, 5, 2), D(2025, 5, 20))
    assert r is not None
    assert [(s.first_day, s.last_day, s.days, s.rate_percent) for s in r.stretches] == [
        (D(2025, 5, 3), D(2025, 5, 7), 5, Decimal("14.5")),
        (D(2025, 5, 8), D(2025, 5, 20), 13, Decimal("13.5")),
    ]
    assert r.total == Decimal("33.97") and r.total_zloty == Decimal("34")


def test_return_in_time_bears_no_interest() -> None:
    assert late_return_interest(Decimal("1000.00"), D(2025, 1, 31), D(2025, 1, 31)) is None


def test_the_march_2026_cut_splits_the_period() -> None:
    # term ends Mon 2.02.2026, returned Fri 20.03.2026
    # 3.02–4.03: 30 days × 11,0 %: 7300 × 30 × 0,11 / 365 = 24090 / 365 = 66,00
    # 5.03–20.03: 16 days × 10,5 %: 7300 × 16 × 0,105 / 365 = 12264 / 365 = 33,60
    # sum 99,60 zł; art. 63 § 1: a tail of 60 gr (≥ 50 gr) goes up -> 100 zł
    r = late_return_interest(Decimal("7300.00"), D(2026, 2, 2), D(2026, 3, 20))
    assert r is not None and r.days == 46
    assert [(s.first_day, s.last_day, s.days, s.rate_percent) for s in r.stretches] == [
        (D(2026, 2, 3), D(2026, 3, 4), 30, Decimal("11.0")),
        (D(2026, 3, 5), D(2026, 3, 20), 16, Decimal("10.5")),
    ]
    assert r.total == Decimal("99.60") and r.total_zloty == Decimal("100")


def test_a_tail_under_50_groszy_is_dropped() -> None:
    # term ends 31.03.2026, returned 9.04.2026 (the last day vouched for): 9 days × 10,5 %
    # 1000 × 9 × 0,105 / 365 = 945 / 365 = 2,589… -> 2,59 zł; a tail of 59 gr goes up -> 3 zł
    # 400 × 9 × 0,105 / 365 = 378 / 365 = 1,0356… -> 1,04 zł; a tail of 4 gr is dropped -> 1 zł
    r = late_return_interest(Decimal("1000.00"), D(2026, 3, 31), D(2026, 4, 9))
    assert r is not None and r.total == Decimal("2.59") and r.total_zloty == Decimal("3")
    r = late_return_interest(Decimal("400.00"), D(2026, 3, 31), D(2026, 4, 9))
    assert r is not None and r.total == Decimal("1.04") and r.total_zloty == Decimal("1")


def test_a_day_the_rate_table_does_not_vouch_for_is_unknown() -> None:
    r = late_return_interest(Decimal("1000.00"), D(2026, 3, 31), D(2026, 4, 10))
    assert r is not None and r.total is None and r.total_zloty is None and "9.04.2026" in r.missing
    r = late_return_interest(Decimal("1000.00"), D(2023, 1, 31), D(2023, 2, 10))
    assert r is not None and r.total is None and r.missing


def tranche(**kw) -> Tranche:
    base = dict(
        budget_year=2025,
        amount=Decimal("20000.00"),
        use_deadline=D(2025, 4, 16),
        return_deadline=D(2025, 5, 1),
        used_amount=Decimal("15000.00"),
        returned_amount=Decimal("5000.00"),
        returned_date=D(2025, 5, 20),
    )
    base.update(kw)
    return Tranche(**base)


def test_tranche_term_is_the_acts_moved_off_a_holiday() -> None:
    # use by 16.04.2025 -> ust. 3: 15 days after = Thu 1.05.2025 (a public holiday) -> ends Fri 2.05.2025
    r = tranche_interest(tranche())
    assert r is not None and r.term_end == D(2025, 5, 2) and r.total == Decimal("33.97")


def test_late_return_is_a_finding_with_the_interest() -> None:
    c = Contract(
        id=1,
        number="1/2025",
        title="Zadanie",
        form=ContractForm.POWIERZENIE,
        status=ContractStatus.SETTLED,
        start_date=D(2025, 1, 1),
        end_date=D(2025, 4, 16),
        tranches=[tranche()],
    )
    [f] = [f for f in check_contract(c, D(2025, 6, 1)) if f.rule_id == "ZWR-2"]
    assert f.severity is Severity.WARNING and not f.missing_data
    assert "art. 251 ust. 5" in f.message and "33,97" in f.message and "20.05.2025" in f.message


def test_return_without_a_date_says_nothing() -> None:
    c = Contract(
        id=1,
        number="1/2025",
        title="Zadanie",
        form=ContractForm.POWIERZENIE,
        status=ContractStatus.SETTLED,
        start_date=D(2025, 1, 1),
        end_date=D(2025, 4, 16),
        tranches=[tranche(returned_date=None)],
    )
    assert [f for f in check_contract(c, D(2025, 6, 1)) if f.rule_id == "ZWR-2"] == []


def test_contract_content_of_art_221_ust_3_pkt_2() -> None:
    # "Umowa [...] powinna określać: [...] 2) wysokość dotacji udzielanej podmiotowi wykonującemu zadanie i tryb płatności"
    signed = Contract(
        id=2,
        number="2/2025",
        title="Zadanie",
        form=ContractForm.POWIERZENIE,
        status=ContractStatus.ACTIVE,
        start_date=D(2025, 1, 1),
        end_date=D(2025, 12, 31),
        tranches=[],
    )
    [f] = [f for f in check_contract(signed, D(2025, 6, 1)) if f.rule_id == "UMW-4"]
    assert f.severity is Severity.ERROR and not f.missing_data and "art. 221 ust. 3 pkt 2" in f.message
    signed.tranches = [Tranche(budget_year=2025, amount=Decimal("1000.00"))]
    [m] = [f for f in check_contract(signed, D(2025, 6, 1)) if f.rule_id == "UMW-4"]
    assert m.missing_data and "2025" in m.message
    signed.tranches[0].payment_date = D(2025, 2, 1)
    assert [f for f in check_contract(signed, D(2025, 6, 1)) if f.rule_id == "UMW-4"] == []


def test_a_new_rate_is_installed_as_data(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A later rate comes as an amendment of ZWR-2 in the law table, without a new release.
    (The 10,0 % from 15.01.2026 below is a made-up rate for the test, not a published one.)"""
    import shutil

    from app.core.law.data import law_dir, load_law

    for name in ("acts.toml", "art4_spheres.toml", "rules.toml"):
        shutil.copy(law_dir() / name, tmp_path / name)
    with (tmp_path / "rules.toml").open("a", encoding="utf-8") as fh:
        fh.write("""
[[rules.ZWR-2.amendments]]
in_force_from = 2026-01-15
act_version = "Dz.U. z 2025 r. poz. 1483"
rates = [["2023-10-05", "14.5"], ["2025-12-04", "11.0"], ["2026-01-15", "10.0"]]
rates_known_until = "2026-03-31"
""")
    data = load_law(tmp_path)
    # term ends 2.02.2026, returned 12.02.2026: 10 days × 10,0 %: 3650,00 × 10 × 0,10 / 365 = 10,00 zł
    r = late_return_interest(Decimal("3650.00"), D(2026, 2, 2), D(2026, 2, 12), data)
    assert r is not None and r.total == Decimal("10.00") and r.total_zloty == Decimal("10")
    # the bundled table has the published 11,0 % for those days: 3650,00 × 10 × 0,11 / 365 = 11,00 zł
    assert late_return_interest(Decimal("3650.00"), D(2026, 2, 2), D(2026, 2, 12)).total == Decimal("11.00")
