"""Cost baseline and efficiency figures of the "Zlecenie zadania" wizard (tools E-01, E-02, E-03, E-08, and
E-13's social efficiency).

Every figure is an output of the catalogue tool itself (app.core.wizards.toolrun), so the wizard,
the drogowskaz and the Tools view cannot disagree. A figure a tool cannot compute (e.g. no number
of recipients, the divisor) stays unknown, and `problems` says which input is missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from app.core.errors import FieldError
from app.core.wizards.toolrun import run

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Efficiency:
    #: E-01: K_JST = staff + material + upkeep + overhead_rate × direct
    in_house_cost: Decimal | None
    #: E-01: k₀ = K_JST / N₀
    in_house_unit: Decimal | None
    #: E-02: K_ZL = D + handling + infrastructure kept by the JST
    contracted_cost: Decimal | None
    #: E-02: k₁ = K_ZL / N₁
    contracted_unit: Decimal | None
    #: E-03: EE = k₀ / k₁ (above 1: commissioning is cheaper per unit)
    ratio: Decimal | None
    #: E-03: Δ = (k₀ − k₁) / k₀
    saving_share: Decimal | None
    #: E-08: saving of one n-year contract vs n annual competitions = (n − 1)·C_k − (C_w − C_k)
    multi_year_saving: Decimal | None
    #: N₀ and N₁ the unit costs were divided by
    units_now: int | None = None
    units_after: int | None = None
    #: the tools' inputs as entered in the wizard, by tool id (stored as the task's tool entries)
    inputs: dict[str, dict[str, Any]] | None = None
    #: why a figure is unknown (the tool's own message naming its input), by tool id
    problems: dict[str, tuple[FieldError, ...]] | None = None
    #: E-13: social value V of the valued effects, SE = V / inputs (grant + office handling), and each
    #: effect's value with its stated basis (effect, value, proxy)
    social_value: Decimal | None = None
    social_ratio: Decimal | None = None
    valuation: tuple[tuple[str, Decimal, str], ...] = ()

    @property
    def costs_more(self) -> bool:
        """Commissioning costs more per recipient than delivering it now (EE < 1)."""
        return self.ratio is not None and self.ratio < 1


def e01_inputs(
    staff: Decimal | None,
    material: Decimal | None,
    upkeep: Decimal | None,
    overhead_rate: Decimal | None,
    units: int | None,
    role: str,
) -> dict[str, Any]:
    # the wizard asks the yearly staff cost as one amount: one row of 1 "hour" at that cost
    return {
        "staff": [{"role": role, "hours": Decimal(1), "rate": staff or ZERO}],
        "materials": material or ZERO,
        "upkeep": upkeep or ZERO,
        "overhead_rate": overhead_rate or Decimal(0),
        "units": Decimal(units) if units is not None else None,
    }


def e02_inputs(
    grant: Decimal | None, handling: Decimal | None, infrastructure: Decimal | None, units: int | None
) -> dict[str, Any]:
    # the office's yearly handling cost as one amount: 1 "hour" at that cost
    return {
        "grant": grant,
        "handling_hours": Decimal(1),
        "handling_rate": handling or ZERO,
        "infrastructure": infrastructure or ZERO,
        "units": Decimal(units) if units is not None else None,
    }


def compute(
    *,
    staff: Decimal | None,
    material: Decimal | None,
    upkeep: Decimal | None,
    overhead_rate: Decimal | None,
    units_now: int | None,
    grant: Decimal | None,
    handling: Decimal | None,
    infrastructure: Decimal | None,
    units_after: int | None,
    years: int,
    competition_cost: Decimal | None,
    multi_year_cost: Decimal | None,
    staff_role: str = "",
    social: list[dict[str, Any]] | None = None,
) -> Efficiency:
    """`social`: the valued social effects as E-13's rows (effect, quantity, unit_value, proxy, deadweight as
    a fraction)."""
    inputs: dict[str, dict[str, Any]] = {}
    problems: dict[str, tuple[FieldError, ...]] = {}
    k_jst = k0 = k_zl = k1 = ee = delta = saving = None
    if any(v is not None for v in (staff, material, upkeep)):
        inputs["E-01"] = e01_inputs(staff, material, upkeep, overhead_rate, units_now, staff_role)
        e01 = run("E-01", inputs["E-01"])
        k_jst, k0 = e01.get("K_JST"), e01.get("k0")
        problems["E-01"] = e01.problems
    if grant is not None:
        inputs["E-02"] = e02_inputs(grant, handling, infrastructure, units_after)
        e02 = run("E-02", inputs["E-02"])
        k_zl, k1 = e02.get("K_ZL"), e02.get("k1")
        problems["E-02"] = e02.problems
    if k0 is not None and k1 is not None:
        inputs["E-03"] = {"k0": k0, "k1": k1}
        e03 = run("E-03", inputs["E-03"])
        ee, delta = e03.get("EE"), e03.get("saving")
        problems["E-03"] = e03.problems
    if competition_cost is not None and multi_year_cost is not None:
        inputs["E-08"] = {
            "years": Decimal(years),
            "competition_cost": competition_cost,
            "multi_year_cost": multi_year_cost,
        }
        e08 = run("E-08", inputs["E-08"])
        saving = e08.get("saving")
        problems["E-08"] = e08.problems
    social_value = social_ratio = None
    valuation: tuple[tuple[str, Decimal, str], ...] = ()
    if social and grant is not None:
        # at planning the inputs are the grant and the office's handling; own contributions are not known yet
        inputs["E-13"] = {
            "grant": grant,
            "handling": handling or ZERO,
            "products": Decimal(units_after) if units_after is not None else None,
            "social_value": social,
        }
        e13 = run("E-13", inputs["E-13"])
        social_value, social_ratio = e13.get("social_value"), e13.get("SE")
        valuation = tuple((str(v["effect"]), v["value"], str(v["proxy"])) for v in e13.get("valuation") or ())
        problems["E-13"] = e13.problems
    return Efficiency(
        k_jst,
        k0,
        k_zl,
        k1,
        ee,
        delta,
        saving,
        units_now,
        units_after,
        inputs,
        problems,
        social_value,
        social_ratio,
        valuation,
    )
