"""Issue 17: the competition's results, or the information on its annulment, made public in the three places of
art. 13 ust. 3, each with its own date (rule KON-6), built from the act's wording:

art. 18a ust. 2: "Informację o unieważnieniu otwartego konkursu ofert organ administracji publicznej podaje do
publicznej wiadomości w sposób określony w art. 13 ust. 3." — art. 13 ust. 3: "Otwarty konkurs ofert ogłasza się:
1) w Biuletynie Informacji Publicznej; 2) w siedzibie organu [...] w miejscu przeznaczonym na zamieszczanie
ogłoszeń; 3) na stronie internetowej organu administracji publicznej." The results: "niezwłocznie" in the same
places (art. 15 ust. 2h–2j)."""

from __future__ import annotations

import datetime as dt

from app.core.db.models import Procedure
from app.core.domain.enums import ProcedureRoute
from app.core.law.rules import blocking, check_procedure
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
        decision_date=D(2026, 4, 10),
        results_published=D(2026, 4, 13),
        results_published_board=D(2026, 4, 13),
        results_published_website=D(2026, 4, 14),
    )
    base.update(kw)
    return Procedure(**base)


def of(p: Procedure, today: dt.date = D(2026, 5, 1)):
    return [f for f in check_procedure(p, today) if f.rule_id == "KON-6"]


def test_results_dated_in_all_three_places_pass() -> None:
    assert of(competition()) == []


def test_before_the_choice_there_are_no_results_to_publish() -> None:
    p = competition(
        decision_date=None, results_published=None, results_published_board=None, results_published_website=None
    )
    assert of(p) == []


def test_each_place_without_a_date_is_named_as_missing_data_never_a_breach() -> None:
    [f] = of(competition(results_published_board=None, results_published_website=None))
    assert f.missing_data and f.severity is Severity.WARNING and blocking([f]) == []
    assert "art. 18a ust. 2" in f.message
    named = f.message.split(":", 1)[1]
    assert "tablicy ogłoszeń" in named and "stronie internetowej" in named
    assert "BIP" not in named  # BIP has its date (13.04.2026)


def test_only_bip_missing_names_only_bip() -> None:
    [f] = of(competition(results_published=None))
    named = f.message.split(":", 1)[1]
    assert "BIP" in named and "tablicy" not in named and "stronie internetowej" not in named


def test_an_annulment_is_published_in_the_same_three_places() -> None:
    # "Informację o unieważnieniu [...] podaje do publicznej wiadomości w sposób określony w art. 13 ust. 3."
    p = competition(
        offers_received=0,
        decision_date=None,
        annulled=True,
        annulment_date=D(2026, 4, 1),
        results_published=D(2026, 4, 2),
        results_published_board=None,
        results_published_website=None,
    )
    [f] = of(p)
    assert f.missing_data and "unieważnieniu" in f.message
    assert "tablicy ogłoszeń" in f.message and "stronie internetowej" in f.message
    done = competition(
        offers_received=0,
        decision_date=None,
        annulled=True,
        annulment_date=D(2026, 4, 1),
        results_published=D(2026, 4, 2),
        results_published_board=D(2026, 4, 2),
        results_published_website=D(2026, 4, 3),
    )
    assert of(done) == []


def test_a_late_date_is_not_judged_because_niezwlocznie_has_no_day_count() -> None:
    # results made public 50 days after the choice (10.04 -> 30.05.2026: 20 + 30 days): named nowhere
    p = competition(
        results_published=D(2026, 5, 30),
        results_published_board=D(2026, 5, 30),
        results_published_website=D(2026, 5, 30),
    )
    assert of(p, today=D(2026, 6, 1)) == []


def test_other_routes_are_not_judged() -> None:
    p = competition(
        route=ProcedureRoute.SMALL_GRANT_19A,
        results_published=None,
        results_published_board=None,
        results_published_website=None,
    )
    assert of(p) == []
