"""Cost baseline and efficiency figures of the "Zlecenie zadania" wizard (tools E-01, E-02, E-03, E-08).

The figures come from the tools' own formulas (app/core/tools, the catalogue's E-01/E-02/E-03/E-08),
so the wizard and the Tools view cannot disagree. The local functions below (domain.md §4.1) are
used only where a tool cannot run: a total without the number of recipients (the tool needs the
divisor), or a catalogue that cannot be loaded.
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


def _tool(tool_id: str, raw: dict[str, object]) -> dict[str, object] | None:
    """Outputs of a catalogue tool for `raw` inputs, or None when it cannot run."""
    try:
        from app.core.tools.catalogue import get_catalogue
        from app.core.tools.engine import evaluate

        outputs, _problems, ran = evaluate(get_catalogue().tool(tool_id), raw)
    except Exception:  # the catalogue is data an administrator may break; fall back to the local formula
        import logging

        logging.getLogger(__name__).warning("tool %s unavailable for the wizard", tool_id, exc_info=True)
        return None
    return outputs if ran else None


def compute(*, staff: Decimal | None, material: Decimal | None, upkeep: Decimal | None, overhead_rate: Decimal | None,
            units_now: int | None, grant: Decimal | None, handling: Decimal | None, infrastructure: Decimal | None,
            units_after: int | None, years: int, competition_cost: Decimal | None,
            multi_year_cost: Decimal | None) -> Efficiency:
    k_jst = k0 = k_zl = k1 = None
    if any(v is not None for v in (staff, material, upkeep)):
        e01 = _tool("E-01", {"staff": [{"role": "-", "hours": Decimal(1), "rate": staff or ZERO}], "materials": material or ZERO,
                             "upkeep": upkeep or ZERO, "overhead_rate": overhead_rate or Decimal(0),
                             "units": units_now}) if units_now else None
        if e01 is not None:
            k_jst, k0 = e01["K_JST"], e01["k0"]  # type: ignore[assignment]
        else:
            k_jst = in_house_cost_e01(staff or ZERO, material or ZERO, upkeep or ZERO, overhead_rate or Decimal(0))
            k0 = unit_cost(k_jst, units_now)
    if grant is not None:
        e02 = _tool("E-02", {"grant": grant, "handling_hours": Decimal(1), "handling_rate": handling or ZERO,
                             "infrastructure": infrastructure or ZERO, "units": units_after}) if units_after else None
        if e02 is not None:
            k_zl, k1 = e02["K_ZL"], e02["k1"]  # type: ignore[assignment]
        else:
            k_zl = contracted_cost_e02(grant, handling or ZERO, infrastructure or ZERO)
            k1 = unit_cost(k_zl, units_after)
    ee = delta = None
    if k0 and k1:
        e03 = _tool("E-03", {"k0": k0, "k1": k1})
        ee, delta = (e03["EE"], e03["saving"]) if e03 is not None else ratio_e03(k0, k1)  # type: ignore[assignment]
    saving = None
    if competition_cost is not None and multi_year_cost is not None:
        e08 = _tool("E-08", {"years": Decimal(years), "competition_cost": competition_cost,
                             "multi_year_cost": multi_year_cost})
        saving = e08["saving"] if e08 is not None else multi_year_saving_e08(years, competition_cost, multi_year_cost)
    return Efficiency(k_jst, k0, k_zl, k1, ee, delta, saving)  # type: ignore[arg-type]
