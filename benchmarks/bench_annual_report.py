"""Time the annual report on a large gmina (not a test: run by hand, prints seconds).

    .venv/bin/python -m benchmarks.bench_annual_report [--contracts 1500]

Builds a throw-away database with N contracts (each with 3 tranches, 2 results, 2 reports) spread
over the nine areas, then times `build_annual_report` and its DOCX twin.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import tempfile
import time
from decimal import Decimal
from pathlib import Path


def populate(db, n: int) -> None:  # type: ignore[no-untyped-def]
    from app.core.db.models import (
        Contract,
        ContractParty,
        ContractReport,
        Gmina,
        Organisation,
        PlannedResult,
        Procedure,
        PublicTask,
        ResultValue,
        Tranche,
    )
    from app.core.domain.enums import (
        ContractForm,
        ContractStatus,
        DeliveryMode,
        ExecutiveTitle,
        JstType,
        LegalForm,
        ProcedureRoute,
        RegistryType,
        ReportKind,
        WkusArea,
    )

    areas = list(WkusArea)
    with db.session() as s:
        s.add(Gmina(name="Gmina Duża", jst_type=JstType.MIASTO_NPP, executive_title=ExecutiveTitle.PREZYDENT))
        tasks = [
            PublicTask(title=f"Zadanie {a.value}", area=a, delivery_mode=DeliveryMode.ANNUAL_GRANTS) for a in areas
        ]
        s.add_all(tasks)
        orgs = [
            Organisation(
                name=f"Stowarzyszenie nr {i} im. Żółwia",
                legal_form=LegalForm.STOWARZYSZENIE,
                registry_type=RegistryType.KRS,
            )
            for i in range(n // 3 + 1)
        ]
        s.add_all(orgs)
        s.flush()
        for i in range(n):
            task = tasks[i % len(tasks)]
            proc = Procedure(
                route=ProcedureRoute.OPEN_COMPETITION if i % 4 else ProcedureRoute.SMALL_GRANT_19A,
                title=f"Postępowanie {i}",
                task_id=task.id,
                budget_year=2025,
                offers_received=3,
                planned_amount=Decimal("50000.00"),
            )
            s.add(proc)
            s.flush()
            c = Contract(
                number=f"UM/{i}/2024",
                title=f"Zadanie publiczne nr {i}",
                task_id=task.id,
                procedure_id=proc.id,
                form=ContractForm.WSPARCIE,
                status=ContractStatus.ACTIVE,
                start_date=dt.date(2024, 1, 1),
                end_date=dt.date(2026, 12, 31),
            )
            c.parties = [ContractParty(organisation_id=orgs[i // 3].id)]
            c.tranches = [Tranche(budget_year=y, amount=Decimal(10000 + i)) for y in (2024, 2025, 2026)]
            r = PlannedResult(name="Uczestnicy", unit="osoby", budget_year=2025, target_value=Decimal(20))
            r.values = [ResultValue(budget_year=2025, value=Decimal(18))]
            c.planned_results = [
                r,
                PlannedResult(name="Godziny", unit="godz.", budget_year=2025, target_value=Decimal(100)),
            ]
            c.reports = [
                ContractReport(
                    kind=ReportKind.ANNUAL,
                    budget_year=y,
                    due_date=dt.date(y + 1, 1, 30),
                    cost_grant=Decimal(10000 + i),
                    recipients=20,
                )
                for y in (2024, 2025)
            ]
            s.add(c)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--contracts", type=int, default=1500)
    args = parser.parse_args()
    os.environ.setdefault("WKUS_DATA_DIR", tempfile.mkdtemp())
    from app.core import i18n
    from app.core.db.engine import open_database
    from app.core.documents.annual_report import build_annual_report

    i18n.set_language("pl")
    folder = Path(tempfile.mkdtemp(prefix="wkus-bench-"))
    db = open_database(folder / "big.sqlite")
    t0 = time.perf_counter()
    populate(db, args.contracts)
    print(f"populate {args.contracts} contracts: {time.perf_counter() - t0:.1f} s")
    for fmt in ("pdf", "docx"):
        t0 = time.perf_counter()
        result = build_annual_report(db, 2025, folder / f"report.{fmt}", fmt=fmt)
        print(f"annual report ({fmt}): {time.perf_counter() - t0:.1f} s, {result.pages} pages, {result.path}")
    db.dispose()


if __name__ == "__main__":
    main()
