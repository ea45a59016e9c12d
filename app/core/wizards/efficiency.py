"""Cost baseline and efficiency figures of the "Zlecenie zadania" wizard (tools E-01, E-02, E-03, E-08).

The formulas are those of domain.md §4.1. TODO(tools): once app/core/tools exposes its formula
functions for E-01/E-02/E-03/E-08, call them here instead of these local copies, so the wizard and
the Tools view can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

ZERO = Decimal("0.00")
CENT = Decimal("0.01")


def _money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


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


def in_house_cost_e01(staff: Decimal, material: Decimal, upkeep: Decimal, overhead_rate: Decimal) -> Decimal:
    """E-01 (local copy). `overhead_rate` is a fraction (0.15 = 15 %) applied to the direct costs."""
    direct = staff + material + upkeep
    return _money(direct + overhead_rate * direct)


def contracted_cost_e02(grant: Decimal, handling: Decimal, infrastructure: Decimal) -> Decimal:
    """E-02 (local copy)."""
    return _money(grant + handling + infrastructure)


def unit_cost(total: Decimal | None, units: int | None) -> Decimal | None:
    if total is None or not units:
        return None
    return _money(total / units)


def ratio_e03(k0: Decimal | None, k1: Decimal | None) -> tuple[Decimal | None, Decimal | None]:
    """E-03 (local copy): EE = k₀/k₁ and Δ = (k₀ − k₁)/k₀, both to 4 decimal places."""
    if k0 is None or k1 is None or k1 == 0 or k0 == 0:
        return None, None
    q = Decimal("0.0001")
    return (k0 / k1).quantize(q, rounding=ROUND_HALF_UP), ((k0 - k1) / k0).quantize(q, rounding=ROUND_HALF_UP)


def multi_year_saving_e08(years: int, competition_cost: Decimal | None, multi_year_cost: Decimal | None) -> Decimal | None:
    """E-08 (local copy): (n − 1) × C_k − (C_w − C_k)."""
    if competition_cost is None or multi_year_cost is None or years < 1:
        return None
    return _money((years - 1) * competition_cost - (multi_year_cost - competition_cost))


def compute(*, staff: Decimal | None, material: Decimal | None, upkeep: Decimal | None, overhead_rate: Decimal | None,
            units_now: int | None, grant: Decimal | None, handling: Decimal | None, infrastructure: Decimal | None,
            units_after: int | None, years: int, competition_cost: Decimal | None,
            multi_year_cost: Decimal | None) -> Efficiency:
    k_jst = None
    if any(v is not None for v in (staff, material, upkeep)):
        k_jst = in_house_cost_e01(staff or ZERO, material or ZERO, upkeep or ZERO, overhead_rate or Decimal(0))
    k_zl = None
    if grant is not None:
        k_zl = contracted_cost_e02(grant, handling or ZERO, infrastructure or ZERO)
    k0, k1 = unit_cost(k_jst, units_now), unit_cost(k_zl, units_after)
    ee, delta = ratio_e03(k0, k1)
    return Efficiency(k_jst, k0, k_zl, k1, ee, delta, multi_year_saving_e08(years, competition_cost, multi_year_cost))
