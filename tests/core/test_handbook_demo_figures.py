"""The handbook's worked examples quote the demo gmina's tool results: they must be the values the demo
really produces. Survey-type entries depend on the day the demo is loaded, so the chapters name that
day (December 2026) and this test loads the demo on it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import select

from app.core import handbook
from app.core.db.models import Contract, PublicTask, ToolEntry, ToolResult

TODAY = dt.date(2026, 12, 6)


def test_the_quoted_results_are_the_demos(db):
    from app.core.demo import load_demo

    load_demo(db, today=TODAY)
    with db.session() as s:
        task = (
            s.scalars(select(PublicTask).where(PublicTask.title == "Świetlice środowiskowe dla dzieci i młodzieży"))
            .one()
            .id
        )
        contract = s.scalars(select(Contract).where(Contract.title.like("Prowadzenie świetlic%"))).one().id

        def out(tool: str, kind: str, sid: int, year: int) -> dict:
            return (
                s.scalars(
                    select(ToolResult).where(
                        ToolResult.tool_id == tool,
                        ToolResult.scope_kind == kind,
                        ToolResult.scope_id == sid,
                        ToolResult.year == year,
                    )
                )
                .one()
                .outputs
            )

        def entry(tool: str, kind: str, sid: int, year: int) -> dict:
            return (
                s.scalars(
                    select(ToolEntry).where(
                        ToolEntry.tool_id == tool,
                        ToolEntry.scope_kind == kind,
                        ToolEntry.scope_id == sid,
                        ToolEntry.year == year,
                    )
                )
                .one()
                .inputs
            )

        # preparation: E-01 2022 = (1 241 × 58 + 15 426 + 15 439) × 1,12 = 102 843 × 1,12 = 115 184,16; / 40
        e01 = entry("E-01", "task", task, 2022)
        assert (e01["staff"][0]["hours"], e01["materials"], e01["upkeep"], e01["units"]) == (
            "1241",
            "15426",
            "15439",
            "40",
        )
        assert Decimal(out("E-01", "task", task, 2022)["K_JST"]) == Decimal("115184.16")
        # E-02 2022 = 95 000 + 80 × 64,50 = 100 160; EE = 2 879,60 / 2 504,00 = 1,15
        assert entry("E-02", "task", task, 2022)["handling_hours"] == "80"
        assert Decimal(out("E-03", "task", task, 2022)["EE"]) == Decimal("1.15")
        # MKUS steps: W-03 2024 = priority 20 + funds 15 + standard 15 + benefits 20 = 70; W-02: 190 in need
        assert sorted(entry("W-03", "task", task, 2024)["criteria"]) == ["benefits", "funds", "priority", "standard"]
        assert Decimal(out("W-03", "task", task, 2024)["score"]) == Decimal(70)
        assert entry("W-02", "task", task, 2024)["in_need"] == "190"
        assert entry("W-04", "task", task, 2024)["institution"] == "no"
        # quality: J-05 index 2024 and 2025, J-06 2025 (18 pairs, 11 improved, d = 0,56), J-13 share
        assert Decimal(out("J-05", "contract", contract, 2024)["index"]) == Decimal("65.54")
        assert Decimal(out("J-05", "contract", contract, 2025)["index"]) == Decimal("74.67")
        j06 = out("J-06", "contract", contract, 2025)
        assert j06["n"] == 18 and round(Decimal(j06["share_improved"]) * 18) == 11
        assert Decimal(j06["effect_size"]).quantize(Decimal("0.01")) == Decimal("0.56")
        assert Decimal(out("J-13", "contract", contract, 2025)["positive_share"]).quantize(Decimal("0.01")) == Decimal(
            "0.66"
        )
        # contract: J-07 of the 12.10.2023 control = (3 + 2 + 1 + 2) / 12 × 100
        assert Decimal(out("J-07", "contract", contract, 2023)["score"]) == Decimal("66.67")
    quality = handbook.chapter("quality", "pl").text
    for quoted in ("74,67", "**18**", "11 z 18", "d = 0,56", "**0,66**", "65,54"):
        assert quoted in quality, quoted
    assert "2 879,60" in handbook.chapter("preparation", "pl").text
    assert "**70 punktów**" in handbook.chapter("mkus_steps", "pl").text
