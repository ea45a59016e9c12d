"""The reference gmina (issue 13): a small gmina built through the services, whose printed figures are
worked out by hand in `reference_expected.toml` (never by the app's code).

6 organisations, 6 tasks in 6 areas, one annual programme for 2025 (planned total 300 000,00 zł, priorities
285 000,00 zł), 5 procedures and 8 contracts:

| key | area   | route (procedure)          | status     | period                 | tranches (paid?)                                  |
|-----|--------|----------------------------|------------|------------------------|---------------------------------------------------|
| C1  | SOC    | competition P1 (2025)      | ACTIVE     | 01.07.2025–31.12.2027  | 2025 30 000 (paid), 2026 60 000 (paid), 2027 60 000 |
| C2  | SOC    | not recorded               | SETTLED    | 01.12.2022–31.12.2025  | 2022 3 000, 2023 36 000, 2024 40 000, 2025 45 000 (all paid) |
| C3  | SPORT  | competition P2 (2025)      | ACTIVE     | 01.03.2025–30.11.2025  | 2025 45 000 (paid) — over the area's plan 40 000  |
| C4  | CULT   | competition P2 (2025)      | COMPLETED  | 01.06.2025–30.06.2025  | 2025 12 000 (paid)                                |
| C5  | HEALTH | competition P0 (2024)      | TERMINATED | 01.09.2024–31.08.2026  | 2024 10 000 (paid), 2025 20 000 (paid), 2026 15 000 (never paid) |
| C6  | ENV    | art. 19a P3 (2025)         | SETTLED    | 05.05.2025–31.07.2025  | 2025 8 000 (paid)                                 |
| C7  | EDU    | competition P4 (2025)      | DRAFT      | 01.07.2025–31.08.2025  | 2025 20 000 (not paid)                            |
| C8  | HEALTH | competition P2 (2025)      | ACTIVE     | 01.02.2025–31.12.2025  | 2025 25 000 (not paid yet)                        |

C1 starts in July (a part year); P2 is one competition over three areas, recorded as three parts:
SPORT 45 000 (2 offers), CULT 15 000 (1 offer), HEALTH 30 000 (2 offers, 1 rejected).

Results (the contract card, model report and brochure figures, issue 13 items 3–5):
- C2, a senior club over four budget years whose first year is one month (December 2022): a *state*
  result (20 places, reported at 20 every year), a *persons* result (the same 15 seniors every year), a
  *flow* result (1 850 hours over the contract: 50 / 600 / 600 / 500 reported), four summary reports
  (15 recipients each) and own contributions in 2023–2025.
- C1: a yearly flow result for 2025 (3 000 hours, 3 300 reported: attained, not 110 %) and a
  whole-contract persons result (25 seniors, 20 reported in 2025); its 2025 annual report, due
  31.01.2026, has not arrived (overdue on TODAY), so its grant per person is unknown.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest

from app.core.domain.enums import (
    ContractForm,
    ContractStatus,
    ContributionKind,
    DeliveryMode,
    LegalForm,
    ProcedureRoute,
    ProgrammeKind,
    RegistryType,
    ReportKind,
    ResultKind,
    WkusArea,
)
from app.core.domain.records import (
    ContractInput,
    ContributionInput,
    GminaInput,
    OrganisationInput,
    PartyInput,
    PlannedResultInput,
    PriorityInput,
    ProcedureInput,
    ProcedurePartInput,
    ProgrammeInput,
    ReportInput,
    TaskInput,
    TrancheInput,
)
from app.core.services.contracts import create_contract, save_report
from app.core.services.gmina import save_gmina
from app.core.services.organisations import create_organisation
from app.core.services.procedures import create_procedure
from app.core.services.programmes import create_programme
from app.core.services.tasks import create_task

#: the day the reference gmina is looked at (the Pulpit's "today")
TODAY = dt.date(2026, 3, 1)
d = dt.date


def _org(db, name: str, form: LegalForm, registry: RegistryType, number: str = "") -> int:  # type: ignore[no-untyped-def]
    return create_organisation(
        db, OrganisationInput(name=name, legal_form=form, registry_type=registry, registry_number=number)
    ).id


def build_reference_gmina(db) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Builds the gmina into an empty database; returns the ids by key (C1…C8, P0…P4, O1…O6, prog)."""
    ids: dict[str, int] = {}
    save_gmina(db, GminaInput(name="Gmina Wzorcowa", council_name="Rada Gminy Wzorcowa", city="Wzorcowo"))
    ids["O1"] = _org(db, "Fundacja Opieka Domowa", LegalForm.FUNDACJA, RegistryType.KRS, "0000100001")
    ids["O2"] = _org(db, "Uczniowski Klub Sportowy Sokół", LegalForm.UKS, RegistryType.EWIDENCJA_STAROSTY, "12/2010")
    ids["O3"] = _org(db, "Koło Gospodyń Wiejskich w Lipówce", LegalForm.KGW, RegistryType.REJESTR_KGW)
    ids["O4"] = _org(db, "Stowarzyszenie Trzeźwa Gmina", LegalForm.STOWARZYSZENIE, RegistryType.KRS, "0000100004")
    ids["O5"] = _org(db, "Stowarzyszenie Zielona Gmina", LegalForm.STOWARZYSZENIE, RegistryType.KRS, "0000100005")
    ids["O6"] = _org(db, "Fundacja Wakacje z Pasją", LegalForm.FUNDACJA, RegistryType.KRS, "0000100006")

    def task(title: str, area: WkusArea) -> int:
        return create_task(db, TaskInput(title=title, area=area, delivery_mode=DeliveryMode.ANNUAL_GRANTS)).id

    t_soc = task("Usługi opiekuńcze dla seniorów", WkusArea.SOC)
    t_sport = task("Zajęcia sportowe dzieci", WkusArea.SPORT)
    t_cult = task("Festyn ludowy", WkusArea.CULT)
    t_health = task("Profilaktyka uzależnień", WkusArea.HEALTH)
    t_env = task("Warsztaty ekologiczne", WkusArea.ENV)
    t_edu = task("Wypoczynek letni dzieci", WkusArea.EDU)

    ids["prog"] = create_programme(
        db,
        ProgrammeInput(
            kind=ProgrammeKind.ANNUAL,
            title="Roczny program współpracy na rok 2025",
            year_from=2025,
            year_to=2025,
            resolution_number="XI/80/2024",
            resolution_date=d(2024, 11, 20),
            planned_total="300 000,00",
            priorities=[
                PriorityInput(2025, "Usługi opiekuńcze", WkusArea.SOC, "150 000,00"),
                PriorityInput(2025, "Sport dzieci", WkusArea.SPORT, "40 000,00"),
                PriorityInput(2025, "Kultura ludowa", WkusArea.CULT, "20 000,00"),
                PriorityInput(2025, "Profilaktyka", WkusArea.HEALTH, "50 000,00"),
                PriorityInput(2025, "Wypoczynek dzieci", WkusArea.EDU, "25 000,00"),
            ],
        ),
    ).id

    def competition(
        key: str,
        title: str,
        year: int,
        task_id: int | None,
        planned: str,
        offers: int,
        rejected: int = 0,
        parts: list[ProcedurePartInput] | None = None,
    ) -> None:
        ids[key] = create_procedure(
            db,
            ProcedureInput(
                route=ProcedureRoute.OPEN_COMPETITION,
                title=title,
                task_id=task_id,
                budget_year=year,
                programme_id=ids["prog"] if year == 2025 else None,
                planned_amount=planned,
                published_bip=d(year, 1, 10),
                offer_deadline=d(year, 2, 5),
                offers_received=offers,
                offers_rejected=rejected,
                parts=parts or [],
            ),
        ).id

    competition("P0", "Konkurs: profilaktyka uzależnień 2024–2026", 2024, t_health, "45 000,00", 1)
    competition("P1", "Konkurs: usługi opiekuńcze 2025–2027", 2025, t_soc, "150 000,00", 2)
    competition(
        "P2",
        "Otwarty konkurs ofert 2025 (sport, kultura, profilaktyka)",
        2025,
        None,
        "90 000,00",
        5,
        1,
        parts=[
            ProcedurePartInput(WkusArea.SPORT, t_sport, "", "45 000,00", 2, 0),
            ProcedurePartInput(WkusArea.CULT, t_cult, "", "15 000,00", 1, 0),
            ProcedurePartInput(WkusArea.HEALTH, t_health, "", "30 000,00", 2, 1),
        ],
    )
    ids["P3"] = create_procedure(
        db,
        ProcedureInput(
            route=ProcedureRoute.SMALL_GRANT_19A,
            title="Oferta w trybie art. 19a: warsztaty ekologiczne",
            task_id=t_env,
            budget_year=2025,
            planned_amount="8 000,00",
            received_date=d(2025, 4, 1),
            applicant_id=ids["O5"],
            publication_start=d(2025, 4, 3),
            publication_end=d(2025, 4, 9),
            offers_received=1,
        ),
    ).id
    competition("P4", "Konkurs: wypoczynek letni dzieci 2025", 2025, t_edu, "20 000,00", 1)

    def contract(
        key: str,
        number: str,
        title: str,
        task_id: int,
        proc: str | None,
        form: ContractForm,
        status: ContractStatus,
        start: dt.date,
        end: dt.date,
        party: str,
        tranches: list[TrancheInput],
        results: list[PlannedResultInput] | None = None,
        contributions: list[ContributionInput] | None = None,
    ) -> None:
        ids[key] = create_contract(
            db,
            ContractInput(
                number=number,
                title=title,
                task_id=task_id,
                procedure_id=ids[proc] if proc else None,
                form=form,
                status=status,
                signed_date=None if status is ContractStatus.DRAFT else start - dt.timedelta(days=7),
                start_date=start,
                end_date=end,
                parties=[PartyInput(ids[party])],
                tranches=tranches,
                planned_results=results or [],
                contributions=contributions or [],
            ),
        ).id

    def report(
        key: str,
        kind: ReportKind,
        year: int,
        due: dt.date,
        received: dt.date | None,
        cost_total: str = "",
        cost_grant: str = "",
        recipients: int | None = None,
    ) -> None:
        save_report(
            db,
            ids[key],
            ReportInput(
                kind=kind,
                budget_year=year,
                due_date=due,
                received_date=received,
                accepted_date=received,
                cost_total=cost_total,
                cost_grant=cost_grant,
                recipients=recipients,
            ),
            today=TODAY,
        )

    P, W = ContractForm.POWIERZENIE, ContractForm.WSPARCIE
    contract(
        "C1",
        "UM/1/2025",
        "Usługi opiekuńcze dla seniorów 2025–2027",
        t_soc,
        "P1",
        P,
        ContractStatus.ACTIVE,
        d(2025, 7, 1),
        d(2027, 12, 31),
        "O1",
        [
            TrancheInput(
                2025, "30 000,00", d(2025, 7, 15), d(2025, 7, 15), used_amount="29 000,00", returned_amount="1 000,00"
            ),
            TrancheInput(2026, "60 000,00", d(2026, 1, 20), d(2026, 1, 20)),
            TrancheInput(2027, "60 000,00", d(2027, 1, 20)),
        ],
        results=[
            PlannedResultInput(
                "Godziny usług opiekuńczych",
                "godz.",
                budget_year=2025,
                target_value="3000",
                achieved={2025: "3300"},
                kind=ResultKind.FLOW,
            ),
            PlannedResultInput(
                "Podopieczni objęci usługami",
                "osoby",
                target_value="25",
                achieved={2025: "20"},
                kind=ResultKind.PERSONS,
            ),
        ],
    )
    contract(
        "C2",
        "UM/2/2022",
        "Klub seniora 2022–2025",
        t_soc,
        None,
        W,
        ContractStatus.SETTLED,
        d(2022, 12, 1),
        d(2025, 12, 31),
        "O3",
        [
            TrancheInput(2022, "3 000,00", d(2022, 12, 5), d(2022, 12, 5), used_amount="3 000,00", returned_amount="0"),
            TrancheInput(
                2023, "36 000,00", d(2023, 1, 20), d(2023, 1, 20), used_amount="36 000,00", returned_amount="0"
            ),
            TrancheInput(
                2024, "40 000,00", d(2024, 1, 20), d(2024, 1, 20), used_amount="40 000,00", returned_amount="0"
            ),
            TrancheInput(
                2025, "45 000,00", d(2025, 1, 20), d(2025, 1, 20), used_amount="44 500,00", returned_amount="500,00"
            ),
        ],
        results=[
            PlannedResultInput(
                "Miejsca w klubie seniora",
                "miejsca",
                target_value="20",
                achieved={2022: "20", 2023: "20", 2024: "20", 2025: "20"},
                kind=ResultKind.STATE,
            ),
            PlannedResultInput(
                "Seniorzy uczestniczący w zajęciach",
                "osoby",
                target_value="15",
                achieved={2022: "15", 2023: "15", 2024: "15", 2025: "15"},
                kind=ResultKind.PERSONS,
            ),
            PlannedResultInput(
                "Godziny zajęć klubu",
                "godz.",
                target_value="1850",
                achieved={2022: "50", 2023: "600", 2024: "600", 2025: "500"},
                kind=ResultKind.FLOW,
            ),
        ],
        contributions=[
            ContributionInput(2023, ContributionKind.FINANCIAL, "4 000,00", "4 000,00"),
            ContributionInput(2024, ContributionKind.FINANCIAL, "4 000,00", "4 000,00"),
            ContributionInput(2025, ContributionKind.PERSONAL, "5 000,00", "5 000,00"),
        ],
    )
    contract(
        "C3",
        "UM/3/2025",
        "Zajęcia sportowe dzieci 2025",
        t_sport,
        "P2",
        W,
        ContractStatus.ACTIVE,
        d(2025, 3, 1),
        d(2025, 11, 30),
        "O2",
        [TrancheInput(2025, "45 000,00", d(2025, 3, 10), d(2025, 3, 10))],
    )
    contract(
        "C4",
        "UM/4/2025",
        "Festyn ludowy 2025",
        t_cult,
        "P2",
        W,
        ContractStatus.COMPLETED,
        d(2025, 6, 1),
        d(2025, 6, 30),
        "O3",
        [
            TrancheInput(
                2025, "12 000,00", d(2025, 5, 20), d(2025, 5, 20), used_amount="11 800,00", returned_amount="200,00"
            )
        ],
    )
    contract(
        "C5",
        "UM/5/2024",
        "Profilaktyka uzależnień 2024–2026",
        t_health,
        "P0",
        P,
        ContractStatus.TERMINATED,
        d(2024, 9, 1),
        d(2026, 8, 31),
        "O4",
        [
            TrancheInput(
                2024, "10 000,00", d(2024, 9, 10), d(2024, 9, 10), used_amount="10 000,00", returned_amount="0"
            ),
            TrancheInput(
                2025, "20 000,00", d(2025, 1, 20), d(2025, 1, 20), used_amount="18 000,00", returned_amount="2 000,00"
            ),
            TrancheInput(2026, "15 000,00", d(2026, 1, 20)),
        ],
    )
    contract(
        "C6",
        "UM/6/2025",
        "Warsztaty ekologiczne",
        t_env,
        "P3",
        W,
        ContractStatus.SETTLED,
        d(2025, 5, 5),
        d(2025, 7, 31),
        "O5",
        [TrancheInput(2025, "8 000,00", d(2025, 5, 10), d(2025, 5, 10), used_amount="8 000,00", returned_amount="0")],
    )
    contract(
        "C7",
        "",
        "Wypoczynek letni dzieci 2025 (projekt)",
        t_edu,
        "P4",
        W,
        ContractStatus.DRAFT,
        d(2025, 7, 1),
        d(2025, 8, 31),
        "O6",
        [TrancheInput(2025, "20 000,00", d(2025, 7, 5))],
    )
    contract(
        "C8",
        "UM/8/2025",
        "Profilaktyka w szkołach 2025",
        t_health,
        "P2",
        W,
        ContractStatus.ACTIVE,
        d(2025, 2, 1),
        d(2025, 12, 31),
        "O4",
        [TrancheInput(2025, "25 000,00", d(2025, 12, 15))],
    )

    A, F = ReportKind.ANNUAL, ReportKind.FINAL
    report("C2", A, 2022, d(2023, 1, 31), d(2023, 1, 25), "3 000,00", "3 000,00", 15)
    report("C2", A, 2023, d(2024, 1, 31), d(2024, 1, 26), "40 000,00", "36 000,00", 15)
    report("C2", A, 2024, d(2025, 1, 31), d(2025, 1, 28), "44 000,00", "40 000,00", 15)
    report("C2", F, 2025, d(2026, 1, 30), d(2026, 1, 27), "49 500,00", "44 500,00", 15)
    report("C1", A, 2025, d(2026, 1, 31), None)
    return ids


#: the hand-computed figures (never produced by the app's code)
EXPECTED = tomllib.loads((Path(__file__).with_name("reference_expected.toml")).read_text(encoding="utf-8"))


def D(text: str) -> Decimal:
    return Decimal(text)


@pytest.fixture(scope="module")
def ref(tmp_path_factory):  # type: ignore[no-untyped-def]
    """The reference gmina in a file of its own, built once per test module: (database, ids)."""
    from app.core.db.engine import open_database

    db = open_database(tmp_path_factory.mktemp("reference") / "wzorcowa.sqlite")
    ids = build_reference_gmina(db)
    yield db, ids
    db.dispose()
