"""Tool entries of the demo gmina: what a diligent clerk would have typed into most of the 42 tools.

Deterministic (own seeded generator, no dependence on the registry generator's state). Values the
app reads from the records (grants, contributions, results, report dates, programme data) are not
typed here: the tools take them from the registries, as they would in a real gmina.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import select

from app.core.db.models import Contract, PublicTask, RadarMeeting, ToolEntry
from app.core.domain.enums import ContractStatus, ContributionKind, ReportKind, WkusArea

SEED = 4242
D = Decimal
ENTERED_BY = "Anna Kowalczyk (DEMO)"


def _m(x: Decimal) -> str:
    return str(x.quantize(D("0.01"), ROUND_HALF_UP))


class _Entries:
    def __init__(self, s: Any, today: dt.date) -> None:
        self.s, self.today, self.count = s, today, 0

    def add(self, tool_id: str, kind: str, sid: int, year: int, inputs: dict[str, Any]) -> None:
        self.s.add(
            ToolEntry(
                tool_id=tool_id,
                scope_kind=kind,
                scope_id=sid,
                year=year,
                inputs=inputs,
                entered_by=ENTERED_BY,
                entered_at=dt.datetime.combine(min(dt.date(year, 12, 15), self.today), dt.time(10)),
            )
        )
        self.count += 1


def _years(c: Contract, today: dt.date) -> list[int]:
    return sorted(
        {
            t.budget_year
            for t in c.tranches
            if t.budget_year < today.year or (t.budget_year == today.year and c.end_date < today)
        }
    )


def _grant(c: Contract, year: int) -> Decimal:
    return sum((t.amount for t in c.tranches if t.budget_year == year), D(0))


def _recipients(c: Contract, year: int) -> int:
    return sum(
        r.recipients or 0
        for r in c.reports
        if r.budget_year == year and r.kind in (ReportKind.ANNUAL, ReportKind.FINAL)
    )


def _contrib(c: Contract, year: int, kind: ContributionKind) -> Decimal:
    return sum(
        (
            o.actual_amount if o.actual_amount is not None else o.planned_amount
            for o in c.contributions
            if o.budget_year == year and o.kind == kind
        ),
        D(0),
    )


def add_tool_entries(s: Any, today: dt.date) -> int:
    """Add the demo entries to the session; returns how many were added."""
    rng = random.Random(SEED)
    e = _Entries(s, today)
    contracts = [c for c in s.scalars(select(Contract).order_by(Contract.id)) if c.status != ContractStatus.DRAFT]
    tasks = {t.id: t for t in s.scalars(select(PublicTask))}
    _task_tools(e, rng, contracts, tasks)
    for n, c in enumerate(contracts):
        _contract_tools(e, rng, c, n)
    _surveys(e, rng, contracts, tasks)
    _gmina_tools(e, rng, today)
    s.add(
        RadarMeeting(
            meeting_date=dt.date(2024, 3, 14),
            participants="Wójt, skarbnik, kierownik GOPS, 2 radnych, 4 przedstawicieli organizacji (DEMO)",
            weights={
                "E": {"E-03.EE": "0.5", "E-05.L": "0.2", "J-04.attainment": "0.3"},
                # the recipients' voice (J-05, J-13) and their change (J-06) above the
                # catalogue's weights; the six add up to 100 %
                "J": {
                    "J-04.attainment": "0.25",
                    "J-06.share_improved": "0.15",
                    "J-05.index": "0.25",
                    "J-13.positive_share": "0.15",
                    "J-07.score": "0.1",
                    "J-10.timeliness": "0.1",
                },
            },
            notes="Spotkanie RADAR: większa waga oszczędności i głosu odbiorców (DEMO).",
        )
    )
    return e.count


def _task_tools(e: _Entries, rng: random.Random, contracts: list[Contract], tasks: dict[int, PublicTask]) -> None:
    by_task: dict[tuple[int, int], list[Contract]] = {}
    for c in contracts:
        if c.task_id is None:
            continue
        for y in _years(c, e.today):
            by_task.setdefault((c.task_id, y), []).append(c)
    with_data: set[tuple[int, int]] = set()
    for (task_id, year), cons in sorted(by_task.items()):
        grant = sum((_grant(c, year) for c in cons), D(0))
        units = sum(_recipients(c, year) for c in cons)
        if not grant or not units:
            continue
        with_data.add((task_id, year))
        hours = D(rng.randrange(40, 90, 5))
        rate = D("64.50")
        e.add("E-02", "task", task_id, year, {"handling_hours": str(hours), "handling_rate": str(rate)})
        # in-house delivery usually costs 5–35 % more per unit (staff on a full year, overhead)
        k_zl = grant + hours * rate
        target = k_zl * D(str(round(rng.uniform(0.95, 1.35), 2)))
        direct = target / D("1.12")
        staff_rate = D("58.00")
        staff_hours = (direct * D("0.7") / staff_rate).to_integral_value()
        materials = (direct * D("0.15")).quantize(D("1"))
        upkeep = max(direct - staff_hours * staff_rate - materials, D(0)).quantize(D("1"))
        e.add(
            "E-01",
            "task",
            task_id,
            year,
            {
                "staff": [{"role": "Pracownik merytoryczny", "hours": str(staff_hours), "rate": str(staff_rate)}],
                "materials": str(materials),
                "upkeep": str(upkeep),
                "overhead_rate": "0.12",
                "units": str(units),
            },
        )
        e.add(
            "E-13",
            "task",
            task_id,
            year,
            {
                "impact": "Uczestnicy częściej korzystają z oferty gminy; "
                "zmniejszyła się liczba interwencji (opis DEMO)."
            },
        )
    seen: set[int] = set()
    for (task_id, year), _cons in sorted(by_task.items(), reverse=True):
        if task_id in seen or (task_id, year) not in with_data:
            continue  # the latest year whose reports give the number of recipients
        seen.add(task_id)
        t = tasks[task_id]
        e.add(
            "W-02",
            "task",
            task_id,
            year,
            {
                "problem": f"Potrzeby mieszkańców w zadaniu: {t.title.lower()}.",
                "data_sources": "Dane GOPS, ankieta sołtysów, sprawozdania organizacji (DEMO).",
                "recipients": t.recipients or "mieszkańcy gminy",
                "in_need": str(rng.randrange(60, 400, 10)),
            },
        )
        e.add(
            "W-03",
            "task",
            task_id,
            year,
            {
                "criteria": sorted(
                    rng.sample(
                        ["priority", "capacity", "standard", "funds", "benefits", "continuity"], rng.randint(4, 6)
                    )
                )
            },
        )
        e.add(
            "W-04",
            "task",
            task_id,
            year,
            {
                "small_grants": "no",
                "multi_actor": "yes" if t.area == WkusArea.HEALTH else "no",
                "institution": "yes" if t.area == WkusArea.SOC and rng.random() < 0.5 else "no",
                "defined_service": "yes",
            },
        )
        e.add("W-05", "task", task_id, year, {"days": str(rng.choice([180, 270, 365])), "circumstances": ["local"]})
        if t.area in (WkusArea.SOC, WkusArea.HEALTH):
            e.add(
                "E-12",
                "task",
                task_id,
                year,
                {
                    "horizon": "3",
                    "interventions": [
                        {
                            "name": "Umieszczenie w placówce całodobowej",
                            "unit_cost": "48000.00",
                            "without": "3",
                            "with": "2",
                        },
                        {"name": "Interwencja kryzysowa", "unit_cost": "2600.00", "without": "14", "with": "9"},
                    ],
                    "notes": "Szacunek GOPS na podstawie lat 2021–2023 (DEMO).",
                },
            )
        if t.area == WkusArea.SOC:
            e.add(
                "W-14",
                "task",
                task_id,
                year,
                {
                    "milestones": [
                        {
                            "milestone": "Konsultacje standardu usługi",
                            "owner": "GOPS",
                            "planned": f"{year - 1}-10-15",
                            "done": f"{year - 1}-10-20",
                        },
                        {
                            "milestone": "Uchwała o programie współpracy",
                            "owner": "Rada Gminy",
                            "planned": f"{year - 1}-11-30",
                            "done": f"{year - 1}-11-27",
                        },
                        {
                            "milestone": "Ogłoszenie konkursu wieloletniego",
                            "owner": "Referat organizacyjny",
                            "planned": f"{year - 1}-12-05",
                            "done": f"{year - 1}-12-01",
                        },
                        {"milestone": "Przegląd standardu po roku", "owner": "GOPS", "planned": f"{year}-12-15"},
                    ]
                },
            )


def _contract_tools(e: _Entries, rng: random.Random, c: Contract, n: int) -> None:
    years = _years(c, e.today)
    if not years:
        return
    first, last = years[0], years[-1]
    # preparation tools in the contract's first year
    own = sum((o.planned_amount for o in c.contributions if o.budget_year == first), D(0))
    # the announcement asked for 5 % own contribution in wsparcie competitions; the one wsparcie
    # contract signed without any contribution (a deliberate breach of the demo) shows as rejected
    required = (
        "0.05" if c.form.value == "WSPARCIE" and (own == 0 or own / (own + _grant(c, first)) >= D("0.05")) else "0"
    )
    e.add(
        "J-02",
        "contract",
        c.id,
        first,
        {
            "deadline": "ok",
            "form": "ok",
            "signatures": "fix" if n % 7 == 3 else "ok",
            "declarations": "ok",
            "period": "ok",
            "required_share": required,
        },
    )
    e.add(
        "J-03",
        "contract",
        c.id,
        first,
        {
            "scores": [
                {
                    "evaluator": name,
                    "feasibility": str(rng.randint(14, 20)),
                    "costs": str(rng.randint(13, 20)),
                    "quality": str(rng.randint(17, 25)),
                    "contribution": str(rng.randint(8, 15)),
                    "volunteers": str(rng.randint(4, 10)),
                    "history": str(rng.randint(5, 10)),
                }
                for name in ("Członek komisji 1", "Członek komisji 2", "Przedstawiciel organizacji")
            ]
        },
    )
    e.add(
        "J-09",
        "contract",
        c.id,
        first,
        {
            "staff": [
                {"position": "Koordynator", "required": "doświadczenie min. 2 lata", "confirmed": "yes"},
                {
                    "position": "Prowadzący zajęcia",
                    "required": "kwalifikacje do prowadzenia zajęć",
                    "confirmed": "partly" if n % 5 == 2 else "yes",
                },
            ]
        },
    )
    if c.end_date.year > c.start_date.year:
        e.add(
            "E-08",
            "contract",
            c.id,
            first,
            {"competition_cost": "4800.00", "multi_year_cost": "6500.00", "control_cost": "1200.00"},
        )
        e.add(
            "J-01",
            "contract",
            c.id,
            first,
            {
                "requirements": [
                    {"requirement": "Kadra z kwalifikacjami zgodnymi ze standardem", "category": "staff", "met": "yes"},
                    {"requirement": "Co najmniej 20 godzin zajęć tygodniowo", "category": "hours", "met": "yes"},
                    {
                        "requirement": "Lokal bez barier architektonicznych",
                        "category": "access",
                        "met": "no" if n % 3 == 0 else "yes",
                    },
                    {"requirement": "Procedura bezpieczeństwa uczestników", "category": "safety", "met": "yes"},
                    {"requirement": "Dziennik zajęć i listy obecności", "category": "docs", "met": "yes"},
                ]
            },
        )
        e.add(
            "J-12",
            "contract",
            c.id,
            last,
            {
                "hours": str(rng.choice([20, 25, 30, 35])),
                "target_hours": "30",
                "locations": str(rng.randint(1, 3)),
                "features": sorted(
                    rng.sample(["step_free", "toilet", "transport", "afternoon", "info", "sign"], rng.randint(3, 6))
                ),
            },
        )
    for y in years:
        personal = _contrib(c, y, ContributionKind.PERSONAL)
        if personal:
            hours = (personal / D("35")).to_integral_value(ROUND_HALF_UP)
            e.add(
                "E-06",
                "contract",
                c.id,
                y,
                {
                    "work": [
                        {
                            "role": "Wolontariusze – prowadzenie zajęć",
                            "hours": str(hours - hours // 4),
                            "rate": "35.00",
                        },
                        {"role": "Członkowie zarządu – koordynacja", "hours": str(hours // 4), "rate": "35.00"},
                    ]
                },
            )
        in_kind = _contrib(c, y, ContributionKind.IN_KIND)
        if in_kind:
            e.add(
                "E-07",
                "contract",
                c.id,
                y,
                {
                    "items": [
                        {
                            "item": "Sala w siedzibie organizacji (miesiące)",
                            "quantity": "12",
                            "value": _m(in_kind / D("12") / D("0.5") * D("0.9")),
                            "time_share": "0.5",
                        },
                        {
                            "item": "Sprzęt nagłaśniający",
                            "quantity": "1",
                            "value": _m(in_kind * D("0.1")),
                            "time_share": "1",
                        },
                    ]
                },
            )
        grant = _grant(c, y)
        if grant and n % 2 == 0:
            e.add(
                "E-09",
                "contract",
                c.id,
                y,
                {
                    "lines": [
                        {
                            "line": "Wynagrodzenia prowadzących",
                            "planned": _m(grant * D("0.6")),
                            "actual": _m(grant * D("0.6") * D(str(round(rng.uniform(0.9, 1.0), 2)))),
                        },
                        {
                            "line": "Materiały i wyposażenie",
                            "planned": _m(grant * D("0.3")),
                            "actual": _m(grant * D("0.3") * D(str(round(rng.uniform(0.85, 1.05), 2)))),
                        },
                        {
                            "line": "Koszty administracyjne",
                            "planned": _m(grant * D("0.1")),
                            "actual": _m(grant * D("0.1")),
                        },
                    ]
                },
            )
    for k in c.controls:
        y = k.control_date.year
        weak = bool(k.recommendations)
        e.add(
            "J-07",
            "contract",
            c.id,
            y,
            {
                "progress": "3",
                "efficiency": "2" if weak else "3",
                "funds": "1" if weak else "3",
                "documentation": "2" if weak else rng.choice(["2", "3"]),
            },
        )
        if weak:
            due = k.recommendations_due or (k.control_date + dt.timedelta(days=30))
            e.add(
                "J-14",
                "contract",
                c.id,
                y,
                {
                    "actions": [
                        {
                            "finding": "Uwagi z kontroli: dokumentacja kosztów",
                            "action": "Uzupełnić opisy faktur",
                            "owner": "Skarbnik organizacji",
                            "due": due.isoformat(),
                            "status": "done" if k.recommendations_done else "progress",
                        },
                        {
                            "finding": "Uwagi z kontroli: listy obecności",
                            "action": "Wprowadzić podpisy uczestników",
                            "owner": "Koordynator",
                            "due": (due + dt.timedelta(days=30)).isoformat(),
                            "status": "done",
                        },
                    ]
                },
            )
    if c.status in (ContractStatus.COMPLETED,) and n % 3 == 0:
        e.add("J-11", "contract", c.id, last, {"settlement": "corrections"})


def _likert(rng: random.Random, mean: float) -> str:
    return str(min(5, max(1, round(rng.gauss(mean, 0.8)))))


def _surveys(e: _Entries, rng: random.Random, contracts: list[Contract], tasks: dict[int, PublicTask]) -> None:
    """J-05 (about 30 respondents, two years where possible), J-06 pre/post pairs, J-08, J-13."""

    def area(c: Contract) -> Any:
        return tasks[c.task_id].area if c.task_id in tasks else None

    long = [c for c in contracts if len(_years(c, e.today)) >= 2]
    service = [c for c in long if area(c) in (WkusArea.SOC, WkusArea.HEALTH, WkusArea.EDU)][:3] or long[:3]
    for i, c in enumerate(service):
        for j, y in enumerate(_years(c, e.today)[-2:]):
            mean = 3.6 + 0.3 * j + 0.1 * i  # satisfaction grows a little year to year
            e.add(
                "J-05",
                "contract",
                c.id,
                y,
                {
                    "answers": [
                        {
                            "respondent": f"R{r:02d}",
                            **{f"q{q}": (None if rng.random() < 0.05 else _likert(rng, mean)) for q in range(1, 6)},
                        }
                        for r in range(1, 28 + rng.randint(0, 6))
                    ]
                },
            )
    for c in service[:2]:
        y = _years(c, e.today)[-1]
        pairs = []
        for p in range(1, 19):
            pre = rng.randint(8, 20)
            pairs.append({"participant": f"U{p:02d}", "pre": str(pre), "post": str(pre + rng.randint(-2, 6))})
        pairs.append({"participant": "U19", "pre": "12", "post": ""})  # left the course: no posttest
        e.add("J-06", "contract", c.id, y, {"scores": pairs, "direction": "higher"})
        e.add(
            "J-13",
            "contract",
            c.id,
            y,
            {
                "themes": [
                    {
                        "theme": "Życzliwa kadra",
                        "tone": "positive",
                        "mentions": "9",
                        "quote": "Pani prowadząca zawsze ma czas.",
                    },
                    {
                        "theme": "Godziny zajęć",
                        "tone": "negative",
                        "mentions": "4",
                        "quote": "Za wcześnie dla pracujących.",
                    },
                    {"theme": "Dojazd", "tone": "neutral", "mentions": "3"},
                ]
            },
        )
        e.add(
            "J-08",
            "contract",
            c.id,
            y,
            {
                "entries": [
                    {
                        "received": f"{y}-03-12",
                        "channel": "phone",
                        "subject": "Odwołane zajęcia bez uprzedzenia",
                        "resolved": f"{y}-03-19",
                        "justified": "yes",
                    },
                    {
                        "received": f"{y}-06-02",
                        "channel": "letter",
                        "subject": "Brak miejsc w grupie",
                        "resolved": f"{y}-06-30",
                        "justified": "no",
                    },
                    {"received": f"{y}-10-20", "channel": "email", "subject": "Prośba o zajęcia w soboty"},
                ]
            },
        )


def _gmina_tools(e: _Entries, rng: random.Random, today: dt.date) -> None:
    last = today.year - 1
    for y in (last - 2, last - 1, last):
        e.add(
            "W-08",
            "gmina",
            0,
            y,
            {
                "meetings": str(4 + (y - last) + 2),
                "consultations": str(2 + (y >= last - 1)),
                "teams": str(int(y >= last)),
                "information": str(12 + rng.randint(0, 6)),
                "premises": str(rng.randint(2, 5)),
                "patronage": "3",
                "trainings": str(int(y >= last - 1)),
            },
        )
    # the LIJW self-assessment done twice, so the year-to-year chart has something to compare: first
    # with the team's single ratings, then with a survey of the organisations (means 4 / 3,14 / 4,125)
    e.add(
        "W-10",
        "gmina",
        0,
        last - 1,
        {"contact_person": "yes", "knowledge": "3", "conditions": "3", "satisfaction": "3"},
    )
    survey = [
        ("Stowarzyszenie Przyjaciół Seniorów (DEMO)", "4", "3", "4"),
        ("Fundacja Razem (DEMO)", "5", "4", "5"),
        ("Klub Sportowy Orzeł (DEMO)", "4", "3", "4"),
        ("Koło Gospodyń Wiejskich (DEMO)", "3", "3", "4"),
        ("Ochotnicza Straż Pożarna (DEMO)", "4", "2", "3"),
        ("Stowarzyszenie Rodzin (DEMO)", "5", "4", "5"),
        ("Fundacja Zielona Gmina (DEMO)", "4", "3", "4"),
        ("Uczniowski Klub Sportowy (DEMO)", "3", None, "4"),
    ]
    e.add(
        "W-10",
        "gmina",
        0,
        last,
        {
            "contact_person": "yes",
            "opinions": [
                {"respondent": name, "knowledge": k, "conditions": c, "satisfaction": s} for name, k, c, s in survey
            ],
        },
    )
    e.add(
        "W-12",
        "gmina",
        0,
        last,
        {
            "partners": [
                {
                    "partner": "Powiatowy Urząd Pracy",
                    "role": "staże dla uczestników",
                    "contribution": "12000.00",
                    "signed": f"{last}-02-01",
                },
                {
                    "partner": "Szkoła Podstawowa w Przykładowie",
                    "role": "udostępnienie sali",
                    "contribution": "4800.00",
                },
                {"partner": "Parafia w Dąbrowie", "role": "wolontariusze", "contribution": "1500.00"},
            ]
        },
    )
    e.add(
        "W-13",
        "gmina",
        0,
        last,
        {
            "applications": [
                {
                    "title": "Remont świetlicy wiejskiej w Borkach",
                    "social_work": "34",
                    "purpose": "25",
                    "contribution": "15",
                    "durability": "8",
                },
                {
                    "title": "Plac zabaw w Olszance",
                    "social_work": "22",
                    "purpose": "24",
                    "contribution": "10",
                    "durability": "6",
                },
                {
                    "title": "Nasadzenia przy drodze gminnej",
                    "social_work": "12",
                    "purpose": "15",
                    "contribution": "6",
                    "durability": "5",
                },
            ]
        },
    )
