"""Each compliance rule of domain.md §7 passes and fails on hand-made records and cites its article."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from app.core.db.models import (
    Contract,
    ContractReport,
    CooperationProgramme,
    OwnContribution,
    Procedure,
    ProgrammeElement,
    ProgrammeReport,
    PublicTask,
    RdppRequest,
    Tranche,
)
from app.core.domain.enums import (
    ContractForm,
    ContractStatus,
    ContributionKind,
    DeliveryMode,
    ProcedureRoute,
    ProgrammeKind,
    ReportKind,
    WkusArea,
)
from app.core.law import rules as R
from app.core.law.rules import _Ctx, blocking, check_contract, check_procedure, check_programme
from app.core.law.types import Severity

D = dt.date


def ctx(today: dt.date = D(2026, 11, 22)) -> _Ctx:
    return _Ctx(today, None)


def programme(**kw) -> CooperationProgramme:
    base = dict(
        id=1,
        kind=ProgrammeKind.ANNUAL,
        title="Program 2026",
        year_from=2026,
        year_to=2026,
        resolution_date=D(2025, 11, 27),
        consultation_start=D(2025, 10, 1),
        consultation_end=D(2025, 10, 15),
        rdpp_opinion="",
        elements=[ProgrammeElement(number=n, text=f"element {n}") for n in range(1, 12)],
    )
    base.update(kw)
    return CooperationProgramme(**base)


def competition(**kw) -> Procedure:
    base = dict(
        id=1,
        route=ProcedureRoute.OPEN_COMPETITION,
        title="Konkurs",
        budget_year=2026,
        published_bip=D(2026, 3, 2),
        published_board=D(2026, 3, 3),
        published_website=D(2026, 3, 4),
        offer_deadline=D(2026, 3, 25),
        lists_previous_years=True,
        offers_received=3,
        offers_rejected=1,
        annulled=False,
        announcement_points="1,2,3,4,5,6",
    )
    base.update(kw)
    return Procedure(**base)


def contract(**kw) -> Contract:
    base = dict(
        id=1,
        number="1/2026",
        title="Usługi opiekuńcze",
        form=ContractForm.POWIERZENIE,
        status=ContractStatus.ACTIVE,
        start_date=D(2026, 1, 1),
        end_date=D(2027, 12, 31),
        tranches=[
            Tranche(
                budget_year=2026,
                amount=Decimal("50000.00"),
                payment_date=D(2026, 1, 15),
                use_deadline=D(2026, 12, 31),
                return_deadline=D(2027, 1, 31),
            ),
            Tranche(
                budget_year=2027,
                amount=Decimal("50000.00"),
                payment_date=D(2027, 1, 15),
                use_deadline=D(2027, 12, 31),
                return_deadline=D(2028, 1, 31),
            ),
        ],
    )
    base.update(kw)
    return Contract(**base)


def ids(findings) -> list[str]:
    return [f.rule_id for f in findings]


# ---- PRG / RPT -------------------------------------------------------------------------------


def test_prg_1_adoption_by_30_november() -> None:
    assert R.rule_prg_1(programme(), ctx()) == []
    [f] = R.rule_prg_1(programme(resolution_date=D(2025, 12, 15)), ctx())
    assert f.rule_id == "PRG-1" and f.severity is Severity.ERROR
    assert "art. 5a ust. 1" in f.message and "30.11.2025" in f.message
    [m] = R.rule_prg_1(programme(resolution_date=None), ctx())
    assert m.missing_data and "uchwały" in m.message


def test_prg_2_consultation_before_adoption_and_rdpp_opinion() -> None:
    assert R.rule_prg_2(programme(), ctx()) == []
    [f] = R.rule_prg_2(programme(consultation_start=None, consultation_end=None), ctx())
    assert f.severity is Severity.ERROR and "art. 5a ust. 1 i 2a" in f.message
    [f] = R.rule_prg_2(programme(consultation_end=D(2025, 11, 28)), ctx())
    assert "28.11.2025" in f.message
    [w] = R.rule_prg_2(programme(rdpp_opinion_date=D(2025, 10, 20)), ctx())
    assert w.severity is Severity.WARNING and "art. 5a ust. 1 i 2a" in w.message


def test_prg_3_all_eleven_elements() -> None:
    assert R.rule_prg_3(programme(), ctx()) == []
    elements = [ProgrammeElement(number=n, text="x") for n in range(1, 12) if n not in (4, 9)]
    [f] = R.rule_prg_3(programme(elements=elements), ctx())
    assert "4, 9" in f.message and "art. 5a ust. 4" in f.message


def test_prg_4_multi_year_spans_years() -> None:
    assert R.rule_prg_4(programme(kind=ProgrammeKind.MULTI_YEAR, year_to=2028), ctx()) == []
    [f] = R.rule_prg_4(programme(kind=ProgrammeKind.MULTI_YEAR), ctx())
    assert f.severity is Severity.WARNING and "art. 5a ust. 2 " in f.message


def test_rpt_1_report_by_31_may() -> None:
    ok = [ProgrammeReport(year=2026, submitted_to_council=D(2027, 5, 20), published_in_bip=D(2027, 5, 25))]
    assert R.rule_rpt_1(programme(reports=ok), ctx(D(2027, 6, 10))) == []
    late = [ProgrammeReport(year=2026, submitted_to_council=D(2027, 5, 20), published_in_bip=D(2027, 6, 2))]
    [f] = R.rule_rpt_1(programme(reports=late), ctx(D(2027, 6, 10)))
    assert "art. 5a ust. 3" in f.message and "31.05.2027" in f.message
    [f] = R.rule_rpt_1(programme(), ctx(D(2027, 6, 10)))
    assert "2026" in f.message
    assert R.rule_rpt_1(programme(), ctx(D(2027, 5, 1))) == []  # not due yet


# ---- KON -------------------------------------------------------------------------------------


def test_kon_1_21_days_after_last_publication() -> None:
    # last publication 4.03.2026 + 21 days = 25.03.2026
    assert R.rule_kon_1(competition(), ctx()) == []
    [f] = R.rule_kon_1(competition(offer_deadline=D(2026, 3, 24)), ctx())
    assert f.severity is Severity.ERROR and "art. 13 ust. 1" in f.message
    assert "20" in f.message and "25.03.2026" in f.message
    [m] = R.rule_kon_1(competition(published_website=None), ctx())
    assert m.missing_data and "stronie internetowej" in m.message and "art. 13 ust. 1" in m.message
    assert blocking([m]) == []


def test_kon_2_previous_years_listed() -> None:
    assert R.rule_kon_2(competition(), ctx()) == []
    [f] = R.rule_kon_2(competition(lists_previous_years=False), ctx())
    assert "art. 13 ust. 2 pkt 7" in f.message
    # QA: a planned competition (nothing published yet) could not be saved because of KON-2
    planned = competition(
        lists_previous_years=False,
        published_bip=None,
        published_board=None,
        published_website=None,
        offer_deadline=None,
    )
    assert R.rule_kon_2(planned, ctx()) == []
    [f] = R.rule_kon_2(competition(lists_previous_years=False, published_board=None, published_website=None), ctx())
    assert f.rule_id == "KON-2"


def test_kon_3_annul_when_no_valid_offer() -> None:
    today = D(2026, 4, 10)
    assert R.rule_kon_3(competition(), ctx(today)) == []
    [f] = R.rule_kon_3(competition(offers_received=0, offers_rejected=0), ctx(today))
    assert "art. 18a" in f.message
    [f] = R.rule_kon_3(competition(offers_received=2, offers_rejected=2), ctx(today))
    assert f.severity is Severity.ERROR
    annulled = competition(offers_received=0, annulled=True, annulment_date=D(2026, 4, 1))
    assert R.rule_kon_3(annulled, ctx(today)) == []
    # before the offer deadline nothing can be said
    assert R.rule_kon_3(competition(offers_received=0), ctx(D(2026, 3, 20))) == []


# ---- UMW -------------------------------------------------------------------------------------


def test_umw_1_at_most_five_years_and_only_a_warning_until_verified() -> None:
    # 1.01.2026 + 5 years = 1.01.2031, so 31.12.2030 is the last allowed end
    assert R.rule_umw_1(contract(end_date=D(2030, 12, 31)), ctx()) == []
    [f] = R.rule_umw_1(contract(end_date=D(2031, 1, 1)), ctx())
    assert "art. 16 ust. 2" in f.message and f.severity is Severity.WARNING  # [KNOW] rule
    [m] = R.rule_umw_1(contract(end_date=None), ctx())
    assert m.missing_data


def test_umw_2_own_contribution_in_wsparcie() -> None:
    assert R.rule_umw_2(contract(), ctx()) == []
    [f] = R.rule_umw_2(contract(form=ContractForm.WSPARCIE), ctx())
    assert f.severity is Severity.WARNING and "art. 11 ust. 1" in f.message
    own = [OwnContribution(budget_year=2026, kind=ContributionKind.FINANCIAL, planned_amount=Decimal("1000.00"))]
    assert R.rule_umw_2(contract(form=ContractForm.WSPARCIE, contributions=own), ctx()) == []


def test_umw_3_tranche_use_and_return_per_year() -> None:
    assert R.rule_umw_3(contract(), ctx()) == []
    c = contract()
    c.tranches = c.tranches[:1]
    [f] = R.rule_umw_3(c, ctx())
    assert "2027" in f.message and "art. 221 ust. 3" in f.message and "u.f.p." in f.message
    # art. 221 ust. 3 lists what the contract states; no tranche per year is required -> a warning
    assert f.severity is Severity.WARNING
    c = contract()
    c.tranches[0].use_deadline = D(2027, 1, 15)
    [f] = R.rule_umw_3(c, ctx())
    assert "15.01.2027" in f.message and f.severity is Severity.ERROR
    c = contract()
    c.tranches[1].return_deadline = None
    [f] = R.rule_umw_3(c, ctx())
    assert f.severity is Severity.ERROR


def test_return_date_within_art_251_ufp() -> None:
    # art. 221 ust. 3 pkt 6: "termin zwrotu niewykorzystanej części dotacji, nie dłuższy niż terminy zwrotu
    # dotacji określone w niniejszym dziale"; art. 251 ust. 1: "w terminie do 31 stycznia następnego roku"
    c = contract()
    c.tranches[0].return_deadline = D(2027, 2, 1)  # 31.01.2027 is a Sunday -> the act's term ends Mon 1.02
    assert R.rule_umw_3(c, ctx()) == []
    c.tranches[0].return_deadline = D(2027, 2, 2)
    [f] = R.rule_umw_3(c, ctx())
    assert f.rule_id == "ZWR-1" and f.severity is Severity.ERROR
    assert "2.02.2027" in f.message and "1.02.2027" in f.message and "art. 251 ust. 1 i 3" in f.message
    # ust. 3: use ends 31.08.2026 (Mon) -> 15 days after: Tue 15.09.2026
    c = contract()
    c.tranches[0].use_deadline, c.tranches[0].return_deadline = D(2026, 8, 31), D(2026, 9, 15)
    assert R.rule_umw_3(c, ctx()) == []
    c.tranches[0].return_deadline = D(2026, 9, 16)
    [f] = R.rule_umw_3(c, ctx())
    assert f.rule_id == "ZWR-1" and "15.09.2026" in f.message


def test_umw_3_survives_impossible_years() -> None:
    # a year outside what the calendar knows (the form refuses it; here it must not raise)
    c = contract(
        start_date=D(2026, 1, 1),
        end_date=D(2026, 12, 31),
        tranches=[
            Tranche(
                budget_year=2150, amount=Decimal("1.00"), use_deadline=D(2150, 12, 31), return_deadline=D(2151, 1, 31)
            ),
            Tranche(
                budget_year=0, amount=Decimal("1.00"), use_deadline=D(2026, 12, 31), return_deadline=D(2027, 1, 31)
            ),
        ],
    )
    findings = R.rule_umw_3(c, ctx())
    assert findings and all(f.missing_data for f in findings if f.rule_id == "ZWR-1")
    assert any(f.missing_data for f in findings)


def test_umw_1_message_says_the_cap_is_for_fixed_term_contracts() -> None:
    [f] = R.rule_umw_1(contract(end_date=D(2031, 1, 1)), ctx())  # 1.01.2026 + 5 years = 1.01.2031: a sixth year
    assert f.severity is Severity.WARNING  # art. 16 ust. 2 could not be read: not verified
    assert "art. 16 ust. 2" in f.message
    assert R.rule_umw_1(contract(end_date=D(2030, 12, 31)), ctx()) == []


# ---- SPR -------------------------------------------------------------------------------------


def one_year_contract(report: ContractReport) -> Contract:
    return contract(start_date=D(2025, 1, 1), end_date=D(2025, 12, 31), reports=[report], tranches=[])


def test_spr_1_report_30_days_after_the_year() -> None:
    # 31.12.2025 + 30 days = Friday 30.01.2026
    ok = ContractReport(kind=ReportKind.FINAL, budget_year=2025, due_date=D(2026, 1, 30), received_date=D(2026, 1, 20))
    assert R.rule_spr_1(one_year_contract(ok), ctx(D(2026, 2, 15))) == []
    late = ContractReport(kind=ReportKind.FINAL, budget_year=2025, due_date=D(2026, 1, 30))
    [f] = R.rule_spr_1(one_year_contract(late), ctx(D(2026, 2, 15)))
    assert f.severity is Severity.WARNING and "art. 18 ust. 1" in f.message and "30.01.2026" in f.message
    lax = ContractReport(kind=ReportKind.FINAL, budget_year=2025, due_date=D(2026, 2, 15), received_date=D(2026, 2, 1))
    [f] = R.rule_spr_1(one_year_contract(lax), ctx(D(2026, 2, 15)))
    assert "15.02.2026" in f.message and "30.01.2026" in f.message


def test_spr_2_partial_report_gives_30_days() -> None:
    ok = ContractReport(kind=ReportKind.PARTIAL, call_delivered=D(2026, 3, 2), due_date=D(2026, 4, 1))
    assert R.rule_spr_2(one_year_contract(ok), ctx()) == []  # 2.03 -> 1.04 = 30 days
    short = ContractReport(kind=ReportKind.PARTIAL, call_delivered=D(2026, 3, 2), due_date=D(2026, 3, 20))
    [f] = R.rule_spr_2(one_year_contract(short), ctx())
    assert f.severity is Severity.ERROR and "art. 18 ust. 3" in f.message and "18" in f.message
    unknown = ContractReport(kind=ReportKind.PARTIAL, due_date=D(2026, 3, 20))
    [m] = R.rule_spr_2(one_year_contract(unknown), ctx())
    assert m.missing_data


# ---- 19a -------------------------------------------------------------------------------------


def small_grant(**kw) -> Procedure:
    base = dict(
        id=2,
        route=ProcedureRoute.SMALL_GRANT_19A,
        title="Festyn",
        budget_year=2026,
        planned_amount=Decimal("9500.00"),
        task_start=D(2026, 6, 1),
        task_end=D(2026, 8, 29),
        received_date=D(2026, 12, 21),
        publication_start=D(2027, 1, 4),
        publication_end=D(2027, 1, 11),
    )
    base.update(kw)
    return Procedure(**base)


def test_19a_1_amount_and_duration() -> None:
    # an offer of 20.05.2026: the wording before Dz.U. 2026 poz. 1040 (10 000 zł, 90 days) applies
    old = D(2026, 5, 20)
    # 1.06–29.08: 30 (June) + 31 (July) + 29 (August) = 90 days
    assert R.rule_19a_1(small_grant(received_date=old), [], ctx()) == []
    [f] = R.rule_19a_1(small_grant(received_date=old, task_end=D(2026, 8, 30)), [], ctx())
    assert "91" in f.message and "art. 19a ust. 1" in f.message and f.severity is Severity.ERROR
    [f] = R.rule_19a_1(small_grant(received_date=old, planned_amount=Decimal("10000.01")), [], ctx())
    assert f.severity is Severity.ERROR and "10 000,01" in f.message.replace("\xa0", " ")
    [m] = R.rule_19a_1(small_grant(received_date=old, planned_amount=None), [], ctx())
    assert m.missing_data


def test_19a_2_publication_window() -> None:
    # received Mon 21.12.2026 + 7 working days = Mon 4.01.2027 (24–27.12 and 1–3.01 are off)
    assert R.rule_19a_2(small_grant(), [], ctx(D(2027, 2, 1))) == []
    [f] = R.rule_19a_2(
        small_grant(publication_start=D(2027, 1, 5), publication_end=D(2027, 1, 12)), [], ctx(D(2027, 2, 1))
    )
    assert "4.01.2027" in f.message and "art. 19a ust. 3" in f.message
    # "zamieszcza ofertę na okres 7 dni": published Mon 4.01 -> shown until 4 + 7 = Mon 11.01.2027
    [f] = R.rule_19a_2(small_grant(publication_end=D(2027, 1, 10)), [], ctx(D(2027, 2, 1)))
    assert "11.01.2027" in f.message
    assert f.severity is Severity.WARNING  # 4–10.01 counts the publication day: k.c. art. 111 § 2 says not to
    [f] = R.rule_19a_2(small_grant(publication_end=D(2027, 1, 9)), [], ctx(D(2027, 2, 1)))
    assert f.severity is Severity.ERROR  # 4–9.01 is short in any count


def test_19a_2_remarks_window_ends_on_publication_plus_7_kc_111_and_115() -> None:
    # art. 19a ust. 4: "W terminie 7 dni od dnia zamieszczenia oferty każdy może zgłosić uwagi";
    # k.c. art. 111 § 2: the day of publication is not counted -> Mon 4.01.2027 + 7 = Mon 11.01.2027.
    # A contract signed ON day 7 is inside the window (the old code ended it on day 6 and let it pass).
    [f] = R.rule_19a_2(small_grant(), [contract(signed_date=D(2027, 1, 11), procedure_id=2)], ctx(D(2027, 2, 1)))
    assert f.record.entity == "contract" and f.severity is Severity.ERROR and "11.01.2027" in f.message
    assert R.rule_19a_2(small_grant(), [contract(signed_date=D(2027, 1, 12))], ctx(D(2027, 2, 1))) == []
    # k.c. art. 115: published Fri 24.04.2026 -> day 7 is Fri 1.05 (holiday), Sat 2.05, Sun 3.05 (holiday)
    # -> the window ends Mon 4.05.2026, so a contract of 4.05 is still too early, one of 5.05 is not
    p = small_grant(received_date=D(2026, 4, 22), publication_start=D(2026, 4, 24), publication_end=D(2026, 5, 1))
    [f] = R.rule_19a_2(p, [contract(signed_date=D(2026, 5, 4))], ctx(D(2026, 6, 1)))
    assert "4.05.2026" in f.message
    assert R.rule_19a_2(p, [contract(signed_date=D(2026, 5, 5))], ctx(D(2026, 6, 1))) == []


def test_19a_3_twenty_percent_of_the_budget_for_ngo_tasks_art_19a_ust_7() -> None:
    # art. 19a ust. 7: "nie może przekroczyć 20% dotacji planowanych w roku budżetowym na realizację zadań
    # publicznych przez organizacje pozarządowe" -> the base is the budget's figure, not programme priorities
    # offers of May 2026: the 20% of the wording before Dz.U. 2026 poz. 1040
    ok = [
        small_grant(id=2, planned_amount=Decimal("9000.00"), received_date=D(2026, 5, 4)),
        small_grant(id=3, planned_amount=Decimal("6000.00"), received_date=D(2026, 5, 5)),
    ]
    budget = {2026: Decimal("100000.00")}
    assert R.rule_19a_3(ok, {}, budget, ctx()) == []  # 15 000 / 100 000 = 15%
    too_much = ok + [small_grant(id=4, planned_amount=Decimal("10000.00"), received_date=D(2026, 5, 6))]
    [f] = R.rule_19a_3(too_much, {}, budget, ctx())  # 25 000 / 100 000 = 25% > 20%
    assert f.severity is Severity.ERROR and "art. 19a ust. 7" in f.message and "25,0%" in f.message
    assert "ust. 1a" not in f.message
    # exactly 20%: 20 000 / 100 000 is allowed ("nie może przekroczyć")
    assert (
        R.rule_19a_3(
            ok + [small_grant(id=5, planned_amount=Decimal("5000.00"), received_date=D(2026, 5, 7))], {}, budget, ctx()
        )
        == []
    )
    # the budget figure unknown -> unknown, never a breach
    [m] = R.rule_19a_3(too_much, {}, {}, ctx())
    assert m.missing_data and m.severity is Severity.WARNING and m.rule_id == "19A-3"


def test_19a_4_per_organisation_limit_20000_a_calendar_year() -> None:
    # "Łączna kwota środków finansowych przekazanych [...] tej samej organizacji pozarządowej [...] w danym roku
    # kalendarzowym, nie może przekroczyć 20 000 zł." (art. 19a ust. 1a)
    from app.core.db.models import ContractParty

    def grant(cid: int, org: int, year: int, amount: str) -> Contract:
        return contract(
            id=cid,
            start_date=D(year, 6, 1),
            end_date=D(year, 8, 1),
            signed_date=D(year, 5, 20),
            parties=[ContractParty(organisation_id=org)],
            tranches=[
                Tranche(
                    budget_year=year,
                    amount=Decimal(amount),
                    use_deadline=D(year, 8, 31),
                    return_deadline=D(year, 9, 15),
                )
            ],
        )

    first, second = grant(1, 7, 2026, "10000.00"), grant(2, 7, 2026, "9000.00")
    assert R.rule_19a_4(second, [first], ctx()) == []  # 10 000 + 9 000 = 19 000
    third = grant(3, 7, 2026, "1500.00")
    [f] = R.rule_19a_4(third, [first, second], ctx())  # 10 000 + 9 000 + 1 500 = 20 500 > 20 000
    assert f.rule_id == "19A-4" and f.severity is Severity.ERROR
    assert "20\xa0500,00\xa0zł" in f.message and "art. 19a ust. 1a" in f.message
    assert R.rule_19a_4(grant(4, 8, 2026, "1500.00"), [first, second], ctx()) == []  # another organisation
    assert R.rule_19a_4(grant(5, 7, 2027, "1500.00"), [first, second], ctx()) == []  # another calendar year


# ---- INI, A12, RDPP --------------------------------------------------------------------------


def test_ini_1_closed_list_of_fields() -> None:
    p = Procedure(id=5, route=ProcedureRoute.LOCAL_INITIATIVE, title="Plac zabaw", budget_year=2026)
    task = PublicTask(title="t", area=WkusArea.CIV, delivery_mode=DeliveryMode.IN_HOUSE, spheres="13, 16")
    assert R.rule_ini_1(p, task, ctx()) == []
    task.spheres = "13,1"
    [f] = R.rule_ini_1(p, task, ctx())
    assert "art. 19b ust. 1" in f.message and "1" in f.message and f.severity is Severity.ERROR
    [m] = R.rule_ini_1(p, None, ctx())
    assert m.missing_data


def test_a12_1_answer_within_a_month() -> None:
    # 31.01.2026 + 1 month = 28.02.2026, a Saturday -> Monday 2.03.2026
    p = Procedure(
        id=6,
        route=ProcedureRoute.NGO_INITIATIVE_12,
        title="Inicjatywa",
        budget_year=2026,
        received_date=D(2026, 1, 31),
        answer_date=D(2026, 3, 2),
    )
    assert R.rule_a12_1(p, ctx(D(2026, 3, 10))) == []
    p.answer_date = D(2026, 3, 3)
    [f] = R.rule_a12_1(p, ctx(D(2026, 3, 10)))
    assert "art. 12 ust. 2" in f.message and "2.03.2026" in f.message and f.severity is Severity.WARNING
    p.answer_date = None
    [f] = R.rule_a12_1(p, ctx(D(2026, 3, 10)))
    assert "2.03.2026" in f.message


def test_rdpp_1_created_within_two_months_for_three_years() -> None:
    # 15.01.2026 + 2 months = Sunday 15.03.2026 -> Monday 16.03.2026
    r = RdppRequest(id=1, request_date=D(2026, 1, 15), organisations_count=5, created_date=D(2026, 3, 16))
    assert R.rule_rdpp_1(r, ctx(D(2026, 4, 1))) == []
    r.created_date = D(2026, 3, 20)
    [f] = R.rule_rdpp_1(r, ctx(D(2026, 4, 1)))
    assert "art. 41e" in f.message and "16.03.2026" in f.message
    r.created_date = None
    [f] = R.rule_rdpp_1(r, ctx(D(2026, 4, 1)))
    assert "5" in f.message
    r.organisations_count = 4
    assert R.rule_rdpp_1(r, ctx(D(2026, 4, 1))) == []
    r2 = RdppRequest(
        id=2, request_date=D(2026, 1, 15), organisations_count=6, created_date=D(2026, 3, 16), term_end=D(2028, 3, 16)
    )
    [f] = R.rule_rdpp_1(r2, ctx(D(2026, 4, 1)))
    assert "16.03.2029" in f.message


# ---- per-record entry points -----------------------------------------------------------------


def test_per_record_checks_work_on_unsaved_records_and_pick_blocking_errors() -> None:
    assert check_programme(programme(), D(2026, 11, 22)) == []
    bad = contract(end_date=D(2032, 1, 1), form=ContractForm.WSPARCIE)
    findings = check_contract(bad, D(2026, 11, 22))
    assert "UMW-1" in ids(findings) and "UMW-2" in ids(findings)
    assert "UMW-3" in ids(findings)  # no tranches for 2028–2032: only a warning, the act is silent
    assert blocking(findings) == []  # UMW-1 unverified, UMW-2 and the missing tranche years are warnings
    late = contract()
    late.tranches[0].use_deadline = D(2027, 1, 15)  # art. 221 ust. 3 pkt 3: "nie dłuższy niż do dnia 31 grudnia"
    assert {f.rule_id for f in blocking(check_contract(late, D(2026, 11, 22)))} == {"UMW-3"}
    proc = competition(offer_deadline=D(2026, 3, 10), lists_previous_years=False)
    assert set(ids(check_procedure(proc, D(2026, 3, 5)))) == {"KON-1", "KON-2"}


def test_enforce_refuses_errors_and_returns_warnings() -> None:
    import pytest

    from app.core.law.guard import RuleViolation, enforce

    bad = contract()
    bad.tranches[0].return_deadline = None
    with pytest.raises(RuleViolation) as info:
        enforce(check_contract(bad, D(2026, 11, 22)))
    assert "UMW-3" in info.value.message and "art. 221 ust. 3" in info.value.message
    warnings = enforce(check_contract(contract(form=ContractForm.WSPARCIE), D(2026, 11, 22)))
    assert [f.rule_id for f in warnings] == ["UMW-2"]


def test_rpt_1_local_earlier_date_from_settings(db) -> None:
    from app.core.db.models import Setting
    from app.core.law.rules import LOCAL_REPORT_DATE_KEY, check_all, parse_local_report_date

    assert parse_local_report_date("04-30") == (4, 30)
    assert parse_local_report_date("02-30") is None and parse_local_report_date("") is None
    with db.session() as s:
        s.add(
            programme(
                id=None,
                reports=[
                    ProgrammeReport(year=2026, submitted_to_council=D(2027, 5, 10), published_in_bip=D(2027, 5, 10))
                ],
            )
        )
    assert [f for f in check_all(db, D(2027, 6, 10)) if f.rule_id == "RPT-1"] == []
    with db.session() as s:
        s.add(Setting(key=LOCAL_REPORT_DATE_KEY, value="04-30"))
    [f] = [f for f in check_all(db, D(2027, 6, 10)) if f.rule_id == "RPT-1"]
    assert "30.04.2027" in f.message and "art. 5a ust. 3" in f.message
