"""A large synthetic gmina for the benchmarks, deterministic (fixed seed), in two sizes.

    L  = 500 organisations, 3 000 contracts over 10 budget years (~12 000 contract-years, one
         tranche each), ~60 000 result values, ~50 000 survey answers (J-05), tool entries for most
         contract-years (the demo clerk's habits, app/core/demo_tools.py)
    XL = ten times L

Registries are written with SQLAlchemy Core bulk inserts (the ORM and the audit log would make the
generator, not the app, the slow part); tool entries reuse the demo's per-contract generator.
The file is cached under benchmarks/.cache/ keyed by size, seed and generator version.

    python -m benchmarks.generator L [--out FILE]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import time
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

GENERATOR_VERSION = 1
SEED = 20260
FIRST_YEAR, LAST_YEAR = 2016, 2025  # ten budget years
#: "today" of the synthetic gmina: every budget year above is in the past, so tools have data
TODAY = dt.date(2026, 3, 2)
CACHE = Path(__file__).resolve().parent / ".cache"


@dataclass(frozen=True)
class Size:
    name: str
    organisations: int
    contracts: int
    results_per_contract: int = 5  # one value per result and contract-year: ~5 per contract-year
    surveys_share: float = 0.14  # contract-years with a J-05 survey of ~30 respondents


SIZES = {"L": Size("L", 500, 3_000), "XL": Size("XL", 5_000, 30_000)}


def schema_key() -> str:
    """Short hash of the tables and columns: a cached file from an older schema is regenerated."""
    import hashlib

    from app.core.db.models import Base

    shape = sorted((t.name, tuple(sorted(c.name for c in t.columns))) for t in Base.metadata.tables.values())
    return hashlib.sha1(repr(shape).encode()).hexdigest()[:8]


def cached_database(size: str) -> Path:
    """Path of the generated database, generating it first if needed."""
    path = CACHE / f"gmina-{size}-s{SEED}-v{GENERATOR_VERSION}-{schema_key()}.sqlite"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp.sqlite")
        tmp.unlink(missing_ok=True)
        generate(tmp, SIZES[size])
        tmp.replace(path)
    return path


def generate(path: Path, size: Size) -> dict[str, int]:
    from sqlalchemy import func, insert, select

    from app.core.db.engine import open_database
    from app.core.db.models import (
        Contract,
        ContractParty,
        ContractReport,
        Control,
        Gmina,
        Organisation,
        OrganisationArea,
        OwnContribution,
        PlannedResult,
        Procedure,
        PublicTask,
        ResultValue,
        ToolEntry,
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
        RegistryType,
        ReportKind,
        WkusArea,
    )

    rng = random.Random(SEED)
    db = open_database(path)
    areas = list(WkusArea)
    forms = [
        LegalForm.STOWARZYSZENIE,
        LegalForm.FUNDACJA,
        LegalForm.STOWARZYSZENIE_ZWYKLE,
        LegalForm.KGW,
        LegalForm.UKS,
        LegalForm.SPOLDZIELNIA_SOCJALNA,
    ]
    with db.session() as s:
        conn = s.connection()

        def bulk(model: Any, rows: list[dict[str, Any]]) -> None:
            for i in range(0, len(rows), 5000):
                conn.execute(insert(model.__table__), rows[i : i + 5000])

        bulk(
            Gmina,
            [
                dict(
                    name=f"Gmina Benchmark {size.name}",
                    jst_type=JstType.MIASTO_NPP,
                    executive_title=ExecutiveTitle.PREZYDENT,
                    city="Przykładowo",
                )
            ],
        )
        bulk(
            Organisation,
            [
                dict(
                    id=i + 1,
                    name=f"Stowarzyszenie „Żółta Łódź” nr {i + 1}",
                    legal_form=forms[i % len(forms)],
                    registry_type=RegistryType.KRS,
                    registry_number=f"{rng.randrange(10**9):010d}",
                    city=f"Miejscowość {i % 37}",
                    opp_status=i % 4 == 0,
                    active=i % 20 != 0,
                )
                for i in range(size.organisations)
            ],
        )
        bulk(
            OrganisationArea,
            [dict(organisation_id=i + 1, area=areas[i % len(areas)]) for i in range(size.organisations)],
        )
        tasks = [
            dict(
                id=i + 1,
                title=f"Zadanie {a.value} {k + 1}",
                area=a,
                delivery_mode=DeliveryMode.MULTI_YEAR_CONTRACT if k % 2 else DeliveryMode.ANNUAL_GRANTS,
                recipients="mieszkańcy",
            )
            for i, (a, k) in enumerate((a, k) for a in areas for k in range(5))
        ]
        bulk(PublicTask, tasks)
        procs, contracts, parties, tranches, contribs, results, values, reports, controls = ([] for _ in range(9))
        result_id = 0
        for c in range(1, size.contracts + 1):
            years = rng.choice((3, 4, 4, 5))
            first = rng.randint(FIRST_YEAR, LAST_YEAR - years + 1)
            span = range(first, first + years)
            task = tasks[c % len(tasks)]
            procs.append(
                dict(
                    id=c,
                    route=ProcedureRoute.OPEN_COMPETITION,
                    title=f"Konkurs {c}",
                    task_id=task["id"],
                    budget_year=first,
                    offers_received=rng.randint(1, 6),
                    planned_amount=Decimal(rng.randrange(20_000, 400_000, 500)),
                )
            )
            contracts.append(
                dict(
                    id=c,
                    number=f"UM/{c}/{first}",
                    title=f"Zadanie publiczne nr {c}: {task['title']}",
                    task_id=task["id"],
                    procedure_id=c,
                    form=ContractForm.WSPARCIE if c % 3 else ContractForm.POWIERZENIE,
                    status=ContractStatus.COMPLETED if first + years - 1 < LAST_YEAR else ContractStatus.ACTIVE,
                    signed_date=dt.date(first - 1, 12, 15),
                    start_date=dt.date(first, 1, 15),
                    end_date=dt.date(first + years - 1, 12, 15),
                )
            )
            parties.append(dict(contract_id=c, organisation_id=(c * 7) % size.organisations + 1, position=0))
            for y in span:
                amount = Decimal(rng.randrange(10_000, 120_000, 100))
                tranches.append(
                    dict(
                        contract_id=c,
                        budget_year=y,
                        amount=amount,
                        payment_date=dt.date(y, 2, 1),
                        paid_date=dt.date(y, 2, 3),
                        used_amount=amount - Decimal(rng.randrange(0, 900)),
                        returned_amount=Decimal(0),
                    )
                )
                if c % 2 == 0:
                    contribs.append(
                        dict(
                            contract_id=c,
                            budget_year=y,
                            kind=ContributionKind.PERSONAL,
                            planned_amount=Decimal(rng.randrange(1_000, 9_000, 35)),
                        )
                    )
                    contribs.append(
                        dict(
                            contract_id=c,
                            budget_year=y,
                            kind=ContributionKind.IN_KIND,
                            planned_amount=Decimal(rng.randrange(1_000, 6_000, 10)),
                        )
                    )
                reports.append(
                    dict(
                        contract_id=c,
                        kind=ReportKind.ANNUAL if y < span[-1] else ReportKind.FINAL,
                        budget_year=y,
                        due_date=dt.date(y + 1, 1, 30),
                        received_date=dt.date(y + 1, 1, 20),
                        accepted_date=dt.date(y + 1, 2, 15),
                        cost_grant=amount,
                        cost_total=amount * Decimal("1.1"),
                        recipients=rng.randint(10, 80),
                    )
                )
            for k in range(size.results_per_contract):
                result_id += 1
                target = Decimal(rng.randint(10, 200))
                results.append(
                    dict(
                        id=result_id,
                        contract_id=c,
                        position=k,
                        name=f"Rezultat {k + 1}",
                        unit="osoby",
                        target_value=target,
                    )
                )
                values.extend(
                    dict(
                        planned_result_id=result_id,
                        budget_year=y,
                        value=(target * Decimal(rng.randint(70, 110)) / 100).quantize(Decimal(1)),
                    )
                    for y in span
                )
            if c % 10 == 0:
                controls.append(
                    dict(
                        contract_id=c,
                        kind=ControlKind.DURING,
                        control_date=dt.date(span[-1], 6, 10),
                        controllers="Referat kontroli",
                        recommendations="Uzupełnić dokumentację" if c % 20 == 0 else "",
                    )
                )
        for model, rows in (
            (Procedure, procs),
            (Contract, contracts),
            (ContractParty, parties),
            (Tranche, tranches),
            (OwnContribution, contribs),
            (PlannedResult, results),
            (ResultValue, values),
            (ContractReport, reports),
            (Control, controls),
        ):
            bulk(model, rows)
    entries, answers = _tool_entries(db, size, rng)
    with db.session() as s:
        counts = {
            t: s.scalar(select(func.count()).select_from(m.__table__))
            for t, m in (
                ("organisations", Organisation),
                ("contracts", Contract),
                ("contract_years", Tranche),
                ("result_values", ResultValue),
                ("tool_entries", ToolEntry),
            )
        }
    counts["survey_answers"] = answers
    db.dispose()
    return counts


class _Collector:
    """Stands in for demo_tools._Entries: collects rows for one bulk insert instead of ORM adds."""

    def __init__(self, today: dt.date) -> None:
        self.today, self.count, self.rows = today, 0, []

    def add(self, tool_id: str, kind: str, sid: int, year: int, inputs: dict[str, Any]) -> None:
        self.rows.append(
            dict(
                tool_id=tool_id,
                scope_kind=kind,
                scope_id=sid,
                year=year,
                inputs=inputs,
                entered_by="Benchmark",
                entered_at=dt.datetime(year, 12, 15, 10),
            )
        )
        self.count += 1


def _tool_entries(db: Any, size: Size, rng: random.Random) -> tuple[int, int]:
    from sqlalchemy import insert, select
    from sqlalchemy.orm import selectinload

    from app.core import demo_tools
    from app.core.db.models import Contract, ToolEntry

    collector = _Collector(TODAY)
    answers = 0
    with db.session() as s:
        contracts = s.scalars(
            select(Contract)
            .order_by(Contract.id)
            .options(
                selectinload(Contract.tranches),
                selectinload(Contract.contributions),
                selectinload(Contract.controls),
                selectinload(Contract.reports),
            )
        ).all()
        for n, c in enumerate(contracts):
            demo_tools._contract_tools(collector, rng, c, n)  # type: ignore[arg-type]
            for y in demo_tools._years(c, TODAY):
                if rng.random() < size.surveys_share:
                    respondents = 28 + rng.randint(0, 6)
                    answers += respondents
                    mean = rng.uniform(3.2, 4.4)
                    collector.add(
                        "J-05",
                        "contract",
                        c.id,
                        y,
                        {
                            "answers": [
                                {
                                    "respondent": f"R{r:02d}",
                                    **{f"q{q}": demo_tools._likert(rng, mean) for q in range(1, 6)},
                                }
                                for r in range(1, respondents + 1)
                            ]
                        },
                    )
        # one entry per (tool, scope, year): the demo generator never repeats one, the survey may
        unique = {(r["tool_id"], r["scope_kind"], r["scope_id"], r["year"]): r for r in collector.rows}
        rows = list(unique.values())
        conn = s.connection()
        for i in range(0, len(rows), 5000):
            conn.execute(insert(ToolEntry.__table__), rows[i : i + 5000])
    return len(rows), answers


def main() -> None:
    import os
    import tempfile

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("size", choices=sorted(SIZES))
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    os.environ.setdefault("WKUS_DATA_DIR", tempfile.mkdtemp(prefix="wkus-bench-"))
    started = time.perf_counter()
    if args.out:
        counts = generate(args.out, SIZES[args.size])
        print(counts)
    else:
        print(cached_database(args.size))
    print(f"{time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
