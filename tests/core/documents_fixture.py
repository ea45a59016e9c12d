"""A small gmina built with the ORM for document tests (independent of the demo loader).

Figures (hand-checked in the tests):
  2025 tranches: contract A 120 000,00 (SOC, competition, multi-year 2024–2026),
                 contract B 9 500,50 (CULT, art. 19a), contract C (300-char org) 30 000,00 (SPORT, competition)
  total 2025 = 159 500,50 zł; 3 contracts; 19a share = 9 500,50 / 159 500,50.
  contract A tranches: 2024 100 000,00; 2025 120 000,00; 2026 130 000,00 → total 350 000,00.
  2025 settlement: A used 117 654,32 and returned 2 345,68; B and C not settled (2 tranches).
  All three are signed (ACTIVE): a draft would commit no money. Only A's tranches are paid, so 2025
  transferred = 120 000,00.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from app.core.db.models import (
    Contract,
    ContractParty,
    ContractReport,
    Control,
    CooperationProgramme,
    Gmina,
    Organisation,
    OwnContribution,
    PlannedResult,
    Procedure,
    ProgrammeElement,
    ProgrammePriority,
    PublicTask,
    ResultValue,
    Tranche,
)
from app.core.domain.enums import (
    ContractForm,
    ContractStatus,
    ContributionKind,
    ControlKind,
    DeliveryMode,
    ExecutiveTitle,
    JstType,
    LegalForm,
    ProcedureRoute,
    ProgrammeKind,
    RegistryType,
    ReportKind,
    WkusArea,
)

LONG_NAME = (
    "Stowarzyszenie na Rzecz Rozwoju Wsi Zażółć Gęślą Jaźń i Okolic oraz Wspierania Osób Starszych, "
    "Niepełnosprawnych i Ich Rodzin w Codziennym Życiu Społecznym, Kulturalnym i Sportowym "
    "Mieszkańców Gminy Przykładowej i Powiatu Przykładowego w Województwie Mazowieckim Imienia Świętego Jana Pawła Drugiego Papieża"
)[:300]
# exactly the longest name the organisation service accepts: PostgreSQL refuses a longer one in VARCHAR(300)
assert len(LONG_NAME) == 300


def build_fixture(db, logo: bytes | None = None) -> dict[str, int]:
    with db.session() as s:
        s.add(
            Gmina(
                name="Gmina Zażółć",
                jst_type=JstType.GMINA_WIEJSKA,
                executive_title=ExecutiveTitle.WOJT,
                council_name="Rada Gminy Zażółć",
                city="Gęślą Wola",
                logo=logo,
            )
        )
        soc = PublicTask(
            title="Usługi opiekuńcze dla seniorów", area=WkusArea.SOC, delivery_mode=DeliveryMode.MULTI_YEAR_CONTRACT
        )
        cult = PublicTask(title="Festyn kultury ludowej", area=WkusArea.CULT, delivery_mode=DeliveryMode.ANNUAL_GRANTS)
        sport = PublicTask(
            title="Szkolenie sportowe dzieci", area=WkusArea.SPORT, delivery_mode=DeliveryMode.ANNUAL_GRANTS
        )
        s.add_all([soc, cult, sport])
        prog = CooperationProgramme(
            kind=ProgrammeKind.ANNUAL,
            title="Program współpracy na rok 2025",
            year_from=2025,
            year_to=2025,
            resolution_number="XII/85/2024",
            resolution_date=dt.date(2024, 11, 27),
            remarks_received=4,
            remarks_accepted=3,
            consultation_start=dt.date(2024, 10, 1),
            consultation_end=dt.date(2024, 10, 15),
            planned_total=D("200000.00"),
        )
        prog.elements = [
            ProgrammeElement(number=n, text=f"Treść elementu {n}: zażółć gęślą jaźń.") for n in range(1, 12) if n != 7
        ]  # element 7 deliberately missing
        prog.priorities = [
            ProgrammePriority(year=2025, title="Pomoc społeczna", area=WkusArea.SOC, planned_amount=D("150000.00")),
            ProgrammePriority(year=2025, title="Sport", area=WkusArea.SPORT, planned_amount=D("50000.00")),
        ]
        s.add(prog)
        s.flush()
        comp = Procedure(
            route=ProcedureRoute.OPEN_COMPETITION,
            title="Konkurs: usługi opiekuńcze 2024–2026",
            task_id=soc.id,
            programme_id=prog.id,
            budget_year=2025,
            planned_amount=D("120000.00"),
            published_bip=dt.date(2025, 1, 5),
            offer_deadline=dt.date(2025, 1, 27),
            offers_received=3,
            offers_rejected=1,
        )
        comp2 = Procedure(
            route=ProcedureRoute.OPEN_COMPETITION,
            title="Konkurs: sport 2025",
            task_id=sport.id,
            budget_year=2025,
            planned_amount=D("50000.00"),
            published_bip=dt.date(2025, 2, 1),
            offer_deadline=dt.date(2025, 2, 22),
            offers_received=2,
            offers_rejected=0,
        )
        small = Procedure(
            route=ProcedureRoute.SMALL_GRANT_19A,
            title="Oferta 19a: festyn",
            task_id=cult.id,
            budget_year=2025,
            planned_amount=D("9500.50"),
            offers_received=1,
        )
        s.add_all([comp, comp2, small])
        org_a = Organisation(
            name="Fundacja Gęś",
            legal_form=LegalForm.FUNDACJA,
            registry_type=RegistryType.KRS,
            registry_number="0000123456",
            nip="1234563218",
        )
        org_b = Organisation(
            name="Koło Gospodyń Wiejskich w Żółwinie", legal_form=LegalForm.KGW, registry_type=RegistryType.REJESTR_KGW
        )
        org_c = Organisation(name=LONG_NAME, legal_form=LegalForm.STOWARZYSZENIE, registry_type=RegistryType.KRS)
        s.add_all([org_a, org_b, org_c])
        s.flush()
        a = Contract(
            number="UM/1/2024",
            title="Usługi opiekuńcze dla seniorów 2024–2026",
            task_id=soc.id,
            procedure_id=comp.id,
            form=ContractForm.POWIERZENIE,
            status=ContractStatus.ACTIVE,
            start_date=dt.date(2024, 3, 1),
            end_date=dt.date(2026, 12, 31),
        )
        a.parties = [ContractParty(organisation_id=org_a.id, position=0, role="realizator")]
        a.tranches = [
            Tranche(
                budget_year=2024,
                amount=D("100000.00"),
                payment_date=dt.date(2024, 3, 15),
                paid_date=dt.date(2024, 3, 15),
            ),
            Tranche(
                budget_year=2025,
                amount=D("120000.00"),
                payment_date=dt.date(2025, 1, 15),
                paid_date=dt.date(2025, 1, 15),
                used_amount=D("117654.32"),
                returned_amount=D("2345.68"),
            ),
            Tranche(budget_year=2026, amount=D("130000.00"), payment_date=dt.date(2026, 1, 15)),
        ]
        a.contributions = [
            OwnContribution(
                budget_year=2025,
                kind=ContributionKind.PERSONAL,
                planned_amount=D("8000.00"),
                actual_amount=D("8200.00"),
            ),
            OwnContribution(budget_year=2025, kind=ContributionKind.FINANCIAL, planned_amount=D("5000.00")),
        ]
        r1 = PlannedResult(
            name="Liczba seniorów objętych usługą", unit="osoby", position=0, budget_year=2025, target_value=D("40")
        )
        r1.values = [ResultValue(budget_year=2025, value=D("36"))]
        r2 = PlannedResult(
            name="Liczba godzin usług", unit="godz.", position=1, budget_year=2024, target_value=D("3000")
        )
        r2.values = [ResultValue(budget_year=2024, value=D("3100"))]
        a.planned_results = [r1, r2]
        a.reports = [
            ContractReport(
                kind=ReportKind.ANNUAL,
                budget_year=2024,
                due_date=dt.date(2025, 1, 30),
                received_date=dt.date(2025, 1, 28),
                cost_grant=D("100000.00"),
                recipients=35,
            ),
            ContractReport(
                kind=ReportKind.ANNUAL,
                budget_year=2025,
                due_date=dt.date(2026, 1, 30),
                cost_grant=D("120000.00"),
                recipients=40,
            ),
        ]
        a.controls = [
            Control(
                kind=ControlKind.DURING,
                control_date=dt.date(2025, 6, 10),
                controllers="J. Żak",
                findings="Bez uwag.",
                recommendations="",
            )
        ]
        b = Contract(
            number="UM/7/2025",
            title="Festyn kultury ludowej",
            task_id=cult.id,
            procedure_id=small.id,
            form=ContractForm.WSPARCIE,
            status=ContractStatus.ACTIVE,
            start_date=dt.date(2025, 6, 1),
            end_date=dt.date(2025, 8, 31),
        )
        b.parties = [ContractParty(organisation_id=org_b.id)]
        b.tranches = [Tranche(budget_year=2025, amount=D("9500.50"))]
        c = Contract(
            number="UM/9/2025",
            title="Szkolenie sportowe dzieci",
            task_id=sport.id,
            procedure_id=comp2.id,
            form=ContractForm.WSPARCIE,
            status=ContractStatus.ACTIVE,
            start_date=dt.date(2025, 3, 1),
            end_date=dt.date(2025, 11, 30),
        )
        c.parties = [ContractParty(organisation_id=org_c.id)]
        c.tranches = [Tranche(budget_year=2025, amount=D("30000.00"))]
        s.add_all([a, b, c])
        s.commit()
        return {"prog": prog.id, "a": a.id, "b": b.id, "c": c.id}
