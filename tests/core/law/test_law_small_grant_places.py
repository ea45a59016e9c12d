"""Issue 17, art. 19a: the offer published in the three places, each with its date (19A-5), and the contract
concluded only after the remarks were considered (19A-6), built from the act's wording:

ust. 3 (Dz.U.2023.0.571 t.j.): "W terminie nie dłuższym niż 7 dni roboczych od dnia wpłynięcia oferty, organ
wykonawczy jednostki samorządu terytorialnego zamieszcza ofertę na okres 7 dni: 1) w Biuletynie Informacji
Publicznej; 2) w siedzibie organu jednostki samorządu terytorialnego w miejscu przeznaczonym na zamieszczanie
ogłoszeń; 3) na stronie internetowej organu jednostki samorządu terytorialnego."; ust. 5: "Po upływie terminu [...] oraz po rozpatrzeniu uwag organ [...] niezwłocznie zawiera
umowę"."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from app.core.db.models import Contract, Procedure
from app.core.domain.enums import ContractForm, ContractStatus, ProcedureRoute
from app.core.law.rules import blocking, check_procedure
from app.core.law.types import Severity

D = dt.date


def small_grant(**kw) -> Procedure:
    base = dict(
        id=2,
        route=ProcedureRoute.SMALL_GRANT_19A,
        title="Festyn",
        budget_year=2027,
        planned_amount=Decimal("9500.00"),
        task_start=D(2027, 6, 1),
        task_end=D(2027, 8, 29),
        received_date=D(2026, 12, 21),
        publication_start=D(2027, 1, 4),
        publication_end=D(2027, 1, 11),
        offer_published_board=D(2027, 1, 4),
        offer_published_website=D(2027, 1, 4),
        remarks_considered=D(2027, 1, 12),
    )
    base.update(kw)
    return Procedure(**base)


def signed(day: dt.date) -> Contract:
    return Contract(
        id=7,
        number="7/2027",
        title="Festyn",
        form=ContractForm.WSPARCIE,
        status=ContractStatus.ACTIVE,
        signed_date=day,
        start_date=D(2027, 6, 1),
        end_date=D(2027, 8, 29),
        tranches=[],
    )


def of(rule: str, p: Procedure, contracts=(), today: dt.date = D(2027, 2, 1)):
    return [f for f in check_procedure(p, today, contracts=contracts) if f.rule_id == rule]


# ---- 19A-5: the three places ---------------------------------------------------------------------


def test_offer_dated_in_all_three_places_passes() -> None:
    assert of("19A-5", small_grant()) == []


def test_a_place_without_a_date_is_named_as_missing_data() -> None:
    [f] = of("19A-5", small_grant(offer_published_website=None))
    assert f.missing_data and f.severity is Severity.WARNING and blocking([f]) == []
    named = f.message.split(":", 1)[1]
    assert "stronie internetowej" in named and "tablicy" not in named


def test_an_offer_not_yet_published_has_no_places_to_lack() -> None:
    p = small_grant(
        publication_start=None, publication_end=None, offer_published_board=None, offer_published_website=None
    )
    assert of("19A-5", p, today=D(2026, 12, 22)) == []


def march_offer(**kw) -> Procedure:
    # received Mon 1.03.2027; 7 working days: Tue 2, Wed 3, Thu 4, Fri 5, Mon 8, Tue 9, Wed 10.03 -> by 10.03.2027
    base = dict(
        received_date=D(2027, 3, 1),
        publication_start=D(2027, 3, 10),
        publication_end=D(2027, 3, 17),
        offer_published_board=D(2027, 3, 10),
        offer_published_website=D(2027, 3, 10),
        remarks_considered=D(2027, 3, 18),
        task_start=D(2027, 5, 1),
        task_end=D(2027, 7, 29),
    )
    base.update(kw)
    return small_grant(**base)


def test_each_place_on_the_last_of_the_7_working_days_passes() -> None:
    assert of("19A-5", march_offer(), today=D(2027, 4, 1)) == []


def test_a_place_dated_after_the_7_working_days_is_a_breach() -> None:
    # "W terminie nie dłuższym niż 7 dni roboczych od dnia wpłynięcia oferty [...] zamieszcza ofertę [...]
    # 2) w siedzibie organu [...]": the board on Thu 11.03.2027 is one working day late
    [f] = of("19A-5", march_offer(offer_published_board=D(2027, 3, 11)), today=D(2027, 4, 1))
    assert f.severity is Severity.ERROR and not f.missing_data and blocking([f]) == [f]
    assert "11.03.2027" in f.message and "10.03.2027" in f.message and "tablicy" in f.message
    assert "art. 19a ust. 3" in f.message


def test_a_late_place_and_a_missing_place_are_both_named() -> None:
    found = of(
        "19A-5", march_offer(offer_published_website=D(2027, 3, 15), offer_published_board=None), today=D(2027, 4, 1)
    )
    assert sorted((f.missing_data, f.severity) for f in found) == [(False, Severity.ERROR), (True, Severity.WARNING)]
    [late] = [f for f in found if not f.missing_data]
    assert "stronie internetowej" in late.message and "15.03.2027" in late.message


def test_without_the_receipt_date_only_the_missing_places_are_named() -> None:
    # the term runs "od dnia wpłynięcia oferty": unknown receipt = no limit to judge (19A-2 names it)
    assert of("19A-5", march_offer(received_date=None, offer_published_board=D(2027, 6, 1)), today=D(2027, 7, 1)) == []


# ---- 19A-6: remarks considered before the signature ------------------------------------------------


def test_remarks_considered_before_the_signature_pass() -> None:
    # published Mon 4.01.2027: remarks until 4 + 7 = 11.01 (k.c. 111 § 2); considered 12.01, signed 13.01
    assert of("19A-6", small_grant(), [signed(D(2027, 1, 13))]) == []
    assert of("19A-6", small_grant(), [signed(D(2027, 1, 12))]) == []  # the same day: the steps are in order


def test_signed_before_the_remarks_were_considered_is_a_breach() -> None:
    [f] = of("19A-6", small_grant(remarks_considered=D(2027, 1, 14)), [signed(D(2027, 1, 13))])
    assert f.severity is Severity.ERROR and not f.missing_data
    assert "13.01.2027" in f.message and "14.01.2027" in f.message and "art. 19a ust. 5" in f.message
    assert blocking([f]) == [f]


def test_remarks_not_recorded_is_named_never_a_breach() -> None:
    [f] = of("19A-6", small_grant(remarks_considered=None), [signed(D(2027, 1, 13))])
    assert f.missing_data and f.severity is Severity.WARNING


def test_no_signed_contract_nothing_to_judge() -> None:
    assert of("19A-6", small_grant(remarks_considered=None)) == []
    assert of("19A-6", small_grant(remarks_considered=None), [signed(None)]) == []  # type: ignore[arg-type]
