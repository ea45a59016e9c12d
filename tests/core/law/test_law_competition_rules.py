"""Issue 17: the announcement's content (art. 13 ust. 2 pkt 1–6), its three places (art. 13 ust. 3) and the
competition commission (art. 15 ust. 2a–2f), each built from the act's wording."""

from __future__ import annotations

import datetime as dt

from app.core.db.models import Procedure
from app.core.domain.enums import ProcedureRoute
from app.core.law.rules import blocking, check_procedure, parse_points
from app.core.law.types import Severity

D = dt.date


def competition(**kw) -> Procedure:
    base = dict(
        id=1,
        route=ProcedureRoute.OPEN_COMPETITION,
        title="Konkurs",
        budget_year=2026,
        published_bip=D(2026, 3, 2),
        published_board=D(2026, 3, 2),
        published_website=D(2026, 3, 2),
        offer_deadline=D(2026, 3, 25),
        lists_previous_years=True,
        offers_received=3,
        offers_rejected=0,
        annulled=False,
        announcement_points="1,2,3,4,5,6",
    )
    base.update(kw)
    return Procedure(**base)


def of(rule: str, p: Procedure, today: dt.date = D(2026, 5, 1)):
    return [f for f in check_procedure(p, today) if f.rule_id == rule]


# ---- art. 13 ust. 2 pkt 1–6 ------------------------------------------------------------------------


def test_announcement_with_points_1_to_6_passes() -> None:
    assert of("KON-4", competition()) == []


def test_announcement_names_each_missing_point() -> None:
    # "Ogłoszenie otwartego konkursu ofert powinno zawierać informacje o: 1) rodzaju zadania; 2) wysokości środków
    # publicznych [...]; 3) zasadach przyznawania dotacji; 4) terminach i warunkach realizacji zadania; 5) terminie
    # składania ofert; 6) trybie i kryteriach stosowanych przy wyborze ofert oraz terminie dokonania wyboru ofert"
    [f] = of("KON-4", competition(announcement_points="1,2,5"))
    assert f.severity is Severity.ERROR and not f.missing_data
    assert "art. 13 ust. 2 pkt 1–6" in f.message
    named = f.message.split("(art. 13")[0]  # the citation itself says "pkt 1–6"
    assert "pkt 3" in named and "pkt 4" in named and "pkt 6" in named
    assert "pkt 1 " not in named and "pkt 2 " not in named and "pkt 5 " not in named
    assert "zasadach przyznawania dotacji" in named and "kryteriach" in named
    assert blocking([f]) == [f]


def test_announcement_content_not_recorded_is_unknown_not_a_breach() -> None:
    [f] = of("KON-4", competition(announcement_points=None))
    assert f.missing_data and f.severity is Severity.WARNING


def test_a_competition_not_yet_announced_has_nothing_to_lack() -> None:
    p = competition(announcement_points="", published_bip=None, published_board=None, published_website=None)
    assert of("KON-4", p) == [] and of("KON-5", p) == []


def test_points_text_is_read_leniently() -> None:
    assert parse_points("1, 2;6") == {1, 2, 6}
    assert parse_points("") == set()
    assert parse_points(None) is None


# ---- art. 13 ust. 3 ---------------------------------------------------------------------------------


def test_three_places_each_with_a_date_pass() -> None:
    assert of("KON-5", competition()) == []


def test_a_place_without_a_date_is_named() -> None:
    # "Otwarty konkurs ofert ogłasza się: 1) w Biuletynie Informacji Publicznej; 2) w siedzibie organu [...] w miejscu
    # przeznaczonym na zamieszczanie ogłoszeń; 3) na stronie internetowej organu administracji publicznej."
    [f] = of("KON-5", competition(published_board=None))
    # an empty date is "not recorded": the place is named, as data to enter, never as a breach
    assert f.severity is Severity.WARNING and f.missing_data
    assert "art. 13 ust. 3" in f.message and "2.03.2026" in f.message
    assert "tablicy ogłoszeń" in f.message
    assert "stronie internetowej" not in f.message.split("ale nie")[-1]  # only the missing place follows "ale nie"


# ---- art. 15 ust. 2a–2f -----------------------------------------------------------------------------


def decided(**kw) -> Procedure:
    return competition(decision_date=D(2026, 4, 10), **kw)


def test_commission_is_not_judged_before_the_choice() -> None:
    assert of("KOM-1", competition()) == []


def test_commission_not_recorded_is_unknown() -> None:
    [f] = of("KOM-1", decided())
    assert f.missing_data and "komisj" in f.message


def test_a_proper_commission_passes() -> None:
    p = decided(
        commission_appointed=D(2026, 3, 26),
        commission_ngo_members=2,
        commission_offeror_members=0,
        commission_statements=True,
    )
    assert of("KOM-1", p) == []


def test_member_from_an_offeror_is_an_error() -> None:
    # ust. 2d: "[...] z wyłączeniem osób reprezentujących organizacje pozarządowe [...] biorące udział w konkursie."
    p = decided(
        commission_appointed=D(2026, 3, 26),
        commission_ngo_members=2,
        commission_offeror_members=1,
        commission_statements=True,
    )
    [f] = of("KOM-1", p)
    assert f.severity is Severity.ERROR and "art. 15 ust. 2a–2f" in f.message and "1 " in f.message


def test_commission_appointed_after_the_choice_is_an_error() -> None:
    # ust. 2a: "[...] powołuje komisję konkursową w celu opiniowania złożonych ofert."
    p = decided(
        commission_appointed=D(2026, 4, 11),
        commission_ngo_members=1,
        commission_offeror_members=0,
        commission_statements=True,
    )
    [f] = of("KOM-1", p)
    assert f.severity is Severity.ERROR and "11.04.2026" in f.message and "10.04.2026" in f.message


def test_commission_without_organisations_and_without_statements_are_warnings() -> None:
    # ust. 2da allows a commission without organisations' persons only in three cases the record does not hold
    p = decided(
        commission_appointed=D(2026, 3, 26),
        commission_ngo_members=0,
        commission_offeror_members=0,
        commission_statements=False,
    )
    found = of("KOM-1", p)
    assert len(found) == 2 and all(f.severity is Severity.WARNING and not f.missing_data for f in found)
    assert blocking(found) == []


def test_an_annulled_competition_needs_no_commission_finding() -> None:
    assert of("KOM-1", decided(annulled=True, annulment_date=D(2026, 4, 10))) == []
