"""One small pure function per tool: validated inputs in, outputs out (no database, no Qt).

Each function is registered with the input keys it reads and the output keys it writes; the catalogue
loader refuses an edited catalogue that drops one of them. A formula never invents a number: a missing
or impossible input (division by zero, no respondents) raises `ToolInputError` naming the input, or,
for an output that only some inputs allow (e.g. effect size with one participant), leaves that output
out and records a note.

Values (see catalogue.InputDef): Decimal for numbers/money/percent (percent as a fraction), date,
str for choices, int 1–5 for Likert, frozenset for checklists, tuple of dicts for tables.
Text outputs are English msgids marked with N_(); the view translates them with _().
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal

from app.core.domain.enums import MkusType
from app.core.i18n import N_, _, format_date
from app.core.law.small_grants import SmallGrantLimits, earlier_in_year, small_grant_limits, year_end
from app.core.tools.catalogue import Tool
from app.core.tools.results import capped, mean_attainment

D0, D1, D100 = Decimal(0), Decimal(1), Decimal(100)

Outputs = dict[str, Any]


#: whether a formula reads the reference date (`Ctx.today`): "never", "always", or "without_year" (only a
#: computation without a budget year, which is never stored: the forms' and wizards' evaluate, not the
#: recompute). Declared at registration so that the incremental recompute knows which stored results a
#: new reference date can change (incremental.date_reach) — an undeclared read raises UndeclaredDateRead.
DateUse = Literal["never", "always", "without_year"]


class UndeclaredDateRead(RuntimeError):
    """A formula read the reference date without declaring it (`@formula(..., reads_date=...)`): a
    programming error, not bad input — its stored results would silently go stale when the date moves.
    Not one of the errors run_formula turns into a problem shown to the clerk: it must fail the tests."""


class ToolInputError(Exception):
    """An input the formula cannot work with; `key` names it ("table.3.column" for a table cell)."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(key + ": " + message)  # technical text for logs; the UI shows .message
        self.key = key
        self.message = message


@dataclass
class Ctx:
    """What a formula sees: the validated values, its catalogue entry, the year and the reference date."""

    values: Mapping[str, Any]
    tool: Tool
    year: int | None = None
    as_of: dt.date | None = None
    notes: list[tuple[str, str]] = field(default_factory=list)

    def get(self, key: str) -> Any:
        return self.values.get(key)

    def req(self, key: str) -> Any:
        value = self.values.get(key)
        if value is None or value == "" or value == () or value == frozenset():
            raise ToolInputError(key, _("missing"))
        return value

    def dec(self, key: str, default: Decimal | None = None) -> Decimal:
        value = self.values.get(key)
        if value is None:
            if default is not None:
                return default
            raise ToolInputError(key, _("missing"))
        return Decimal(value)

    def positive(self, key: str) -> Decimal:
        """A divisor: must be present and above zero (otherwise the result would be made up)."""
        value = self.dec(key)
        if value <= 0:
            raise ToolInputError(key, _("must be greater than zero (it is a divisor)"))
        return value

    def rows(self, key: str, required: bool = True) -> tuple[dict[str, Any], ...]:
        rows = self.values.get(key) or ()
        if required and not rows:
            raise ToolInputError(key, _("enter at least one row"))
        return tuple(rows)

    def score(self, key: str, value: str | None = None, column: str | None = None) -> Decimal | None:
        """The catalogue score of the chosen option (input `key`, or its table `column`)."""
        inp = self.tool.input(key)
        if column is not None:
            inp = inp.column(column)
        chosen = value if value is not None else self.values.get(key)
        opt = inp.option(str(chosen)) if chosen is not None else None
        return opt.score if opt is not None else None

    def param(self, name: str, default: Any) -> Any:
        return self.tool.params.get(name, default)

    def note(self, key: str, message: str) -> None:
        self.notes.append((key, message))

    def today(self) -> dt.date:
        """The reference date: only for a formula registered with `reads_date` (see DateUse)."""
        formula = FORMULAS.get(self.tool.id)
        use = formula.reads_date if formula is not None else "never"
        if use == "always" or (use == "without_year" and self.year is None):
            return self.as_of or dt.date.today()
        raise UndeclaredDateRead(
            f"{self.tool.id} reads the reference date"
            + (" with a year" if use == "without_year" else "")
            + " without declaring it: register it with @formula(..., reads_date=...)"
        )


@dataclass(frozen=True)
class Formula:
    tool_id: str
    fn: Callable[[Ctx], Outputs]
    inputs: tuple[str, ...]
    outputs: tuple[str, ...]
    reads_date: DateUse = "never"


FORMULAS: dict[str, Formula] = {}


def formula(
    tool_id: str, inputs: str, outputs: str, reads_date: DateUse = "never"
) -> Callable[[Callable[[Ctx], Outputs]], Callable[[Ctx], Outputs]]:
    def register(fn: Callable[[Ctx], Outputs]) -> Callable[[Ctx], Outputs]:
        FORMULAS[tool_id] = Formula(tool_id, fn, tuple(inputs.split()), tuple(outputs.split()), reads_date)
        return fn

    return register


# ---- rounding: results are stored and printed, so they are rounded once, here --------------------


#: the exponents rounded to, built once (a recompute of L rounds ~640 000 times)
_CENT, _BASIS_POINT = Decimal("0.01"), Decimal("0.0001")


def money(x: Decimal) -> Decimal:
    return x.quantize(_CENT, ROUND_HALF_UP)


def ratio(x: Decimal) -> Decimal:
    return x.quantize(_BASIS_POINT, ROUND_HALF_UP)


def score(x: Decimal) -> Decimal:
    return x.quantize(_CENT, ROUND_HALF_UP)


def _cell(row: dict[str, Any], key: str, table: str, n: int) -> Any:
    value = row.get(key)
    if value is None or value == "":
        raise ToolInputError(f"{table}.{n}.{key}", _("missing in row {n}").format(n=n))
    return value


def _mean(values: list[Decimal]) -> Decimal:
    return sum(values, D0) / len(values)


# ==== Model EFEKTYWNOŚĆ ==========================================================================


@formula("E-01", "staff materials upkeep overhead_rate units", "K_JST k0")
def e01_baseline_cost(c: Ctx) -> Outputs:
    """K_JST = direct × (1 + overhead_rate), direct = Σ hours × rate + materials + upkeep; k₀ = K_JST / N₀."""
    staff = sum(
        (
            Decimal(_cell(r, "hours", "staff", n)) * Decimal(_cell(r, "rate", "staff", n))
            for n, r in enumerate(c.rows("staff"), 1)
        ),
        D0,
    )
    direct = staff + c.dec("materials") + c.dec("upkeep")
    k_jst = direct * (D1 + c.dec("overhead_rate"))
    return {"K_JST": money(k_jst), "k0": money(k_jst / c.positive("units"))}


@formula("E-02", "grant handling_hours handling_rate infrastructure units", "C_obs K_ZL k1")
def e02_commissioning_cost(c: Ctx) -> Outputs:
    """C_obs = hours × rate; K_ZL = D + C_obs + infrastructure; k₁ = K_ZL / N₁."""
    c_obs = c.dec("handling_hours") * c.dec("handling_rate")
    k_zl = c.dec("grant") + c_obs + c.dec("infrastructure", D0)
    return {"C_obs": money(c_obs), "K_ZL": money(k_zl), "k1": money(k_zl / c.positive("units"))}


@formula("E-03", "k0 k1", "EE saving")
def e03_economic_efficiency(c: Ctx) -> Outputs:
    """EE = k₀ / k₁ (above 1: commissioning is cheaper per unit); saving Δ = (k₀ − k₁) / k₀."""
    k0, k1 = c.positive("k0"), c.positive("k1")
    return {"EE": ratio(k0 / k1), "saving": ratio((k0 - k1) / k0)}


@formula("E-04", "series k0", "k_t change series")
def e04_unit_cost_series(c: Ctx) -> Outputs:
    """k_t = cost_t / units_t × 12 / months_t per year (a part year is put on a full year's footing;
    without months the units already cover the period, e.g. hours in the unit of the contract's rate);
    change = (k_last − k_first) / k_first; vs_k0 = k_t / k₀; vs_rate = k_t / the contract's unit rate."""
    rows = []
    for n, r in enumerate(c.rows("series"), 1):
        year, cost, units = (_cell(r, k, "series", n) for k in ("year", "cost", "units"))
        if Decimal(units) <= 0:
            raise ToolInputError(
                f"series.{n}.units", _("must be greater than zero in row {n} (it is a divisor)").format(n=n)
            )
        months = r.get("months")
        if months is not None and not D0 < Decimal(months) <= 12:
            raise ToolInputError(f"series.{n}.months", _("must be above 0 and at most 12 in row {n}").format(n=n))
        scale = Decimal(12) / Decimal(months) if months is not None else D1
        rows.append((int(year), Decimal(cost) / Decimal(units) * scale))
    rows.sort()
    k0, rate = c.get("k0"), c.get("unit_rate")
    series = tuple(
        {
            "year": y,
            "k": money(k),
            "vs_k0": ratio(k / k0) if k0 else None,
            "vs_rate": ratio(k / Decimal(rate)) if rate else None,
        }
        for y, k in rows
    )
    out: Outputs = {"k_t": money(rows[-1][1]), "series": series}
    if len(rows) > 1 and rows[0][1] > 0:
        out["change"] = ratio((rows[-1][1] - rows[0][1]) / rows[0][1])
    else:
        c.note("series", _("the change needs at least two years"))
    return out


@formula("E-05", "grant w_fin w_os w_rz fees other", "L contributions")
def e05_leverage(c: Ctx) -> Outputs:
    """L = (W_fin + W_os + W_rz + recipients' fees + other) / D. With no contribution recorded at all
    the leverage is unknown, not 0 (a missing record is not a declared zero)."""
    keys = ("w_fin", "w_os", "w_rz", "fees", "other")
    if all(c.get(k) is None for k in keys):
        raise ToolInputError("w_fin", _("no contribution is recorded: the leverage is unknown"))
    total = sum((c.dec(k, D0) for k in keys), D0)
    return {"L": ratio(total / c.positive("grant")), "contributions": money(total)}


@formula("E-06", "work total_cost declared", "V_os share difference")
def e06_personal_contribution(c: Ctx) -> Outputs:
    """V_os = Σ hours_r × rate_r; share = V_os / total cost; difference = V_os − declared."""
    v = sum(
        (
            Decimal(_cell(r, "hours", "work", n)) * Decimal(_cell(r, "rate", "work", n))
            for n, r in enumerate(c.rows("work"), 1)
        ),
        D0,
    )
    out: Outputs = {"V_os": money(v), "share": ratio(v / c.positive("total_cost"))}
    if c.get("declared") is not None:
        out["difference"] = money(v - c.dec("declared"))
    return out


@formula("E-07", "items declared", "V_rz difference")
def e07_in_kind_contribution(c: Ctx) -> Outputs:
    """V_rz = Σ quantity × value × time share; difference = V_rz − declared."""
    v = D0
    for n, r in enumerate(c.rows("items"), 1):
        share = r.get("time_share")
        v += (
            Decimal(_cell(r, "quantity", "items", n))
            * Decimal(_cell(r, "value", "items", n))
            * (D1 if share is None else Decimal(share))
        )
    out: Outputs = {"V_rz": money(v)}
    if c.get("declared") is not None:
        out["difference"] = money(v - c.dec("declared"))
    return out


@formula("E-08", "years competition_cost multi_year_cost", "saving per_year")
def e08_multi_year_account(c: Ctx) -> Outputs:
    """Saving = (n − 1) × C_k − (C_w − C_k): n − 1 competitions avoided, minus the extra one-off cost
    of preparing the multi-year contract. The annual control cost is the same in both variants."""
    n = c.positive("years")
    c_k, c_w = c.dec("competition_cost"), c.dec("multi_year_cost")
    saving = (n - 1) * c_k - (c_w - c_k)
    return {"saving": money(saving), "per_year": money(saving / n)}


@formula("E-09", "grant used lines", "execution return lines")
def e09_budget_execution(c: Ctx) -> Outputs:
    """execution = used / D; return = D − used (not below zero); per line actual / planned."""
    grant, used = c.positive("grant"), c.dec("used")
    lines = []
    for n, r in enumerate(c.rows("lines", required=False), 1):
        planned = Decimal(_cell(r, "planned", "lines", n))
        if planned <= 0:
            raise ToolInputError(
                f"lines.{n}.planned", _("must be greater than zero in row {n} (it is a divisor)").format(n=n)
            )
        lines.append(
            {"line": r.get("line") or str(n), "execution": ratio(Decimal(_cell(r, "actual", "lines", n)) / planned)}
        )
    return {"execution": ratio(used / grant), "return": money(max(grant - used, D0)), "lines": tuple(lines)}


@formula("E-10", "admin total", "admin_share")
def e10_admin_share(c: Ctx) -> Outputs:
    """adm% = administrative costs / total costs."""
    admin, total = c.dec("admin"), c.positive("total")
    if admin > total:
        raise ToolInputError("admin", _("cannot exceed the total costs"))
    return {"admin_share": ratio(admin / total)}


@formula("E-11", "total results", "per_result")
def e11_cost_per_result(c: Ctx) -> Outputs:
    """c_r = total cost / achieved value of result r (a result with nothing achieved has no cost)."""
    total = c.dec("total")
    rows = []
    for n, r in enumerate(c.rows("results"), 1):
        achieved = Decimal(_cell(r, "achieved", "results", n))
        if achieved <= 0:
            c.note(f"results.{n}.achieved", _("nothing achieved in row {n}: no cost per result").format(n=n))
        rows.append(
            {
                "name": r.get("name") or str(n),
                "unit": r.get("unit") or "",
                "cost": money(total / achieved) if achieved > 0 else None,
            }
        )
    if all(r["cost"] is None for r in rows):
        raise ToolInputError("results", _("no result has an achieved value above zero"))
    return {"per_result": tuple(rows)}


@formula("E-12", "horizon interventions programme_cost", "C_zan net_benefit")
def e12_cost_of_inaction(c: Ctx) -> Outputs:
    """C_zan = H × Σ unit_cost × (cases without − cases with); net = C_zan − H × annual programme cost."""
    h = c.positive("horizon")
    yearly = D0
    for n, r in enumerate(c.rows("interventions"), 1):
        yearly += Decimal(_cell(r, "unit_cost", "interventions", n)) * (
            Decimal(_cell(r, "without", "interventions", n)) - Decimal(_cell(r, "with", "interventions", n))
        )
    c_zan = h * yearly
    return {"C_zan": money(c_zan), "net_benefit": money(c_zan - h * c.dec("programme_cost"))}


@formula(
    "E-13",
    "grant w_fin w_os w_rz handling products results EE social_value",
    "inputs_total products_per_1000 results_achieved L EE social_value SE valuation matrix",
)
def e13_inputs_effects(c: Ctx) -> Outputs:
    """Input→effect matrix. inputs = D + W_fin + W_os + W_rz + JST handling; products per 1 000 zł =
    products / inputs × 1000; results achieved = mean(min(achieved / planned, 1)) over results with a
    target (J-04's cap);
    L = (W_fin + W_os + W_rz) / D; EE passed on from E-03.
    Social efficiency: each effect's value = quantity × value per unit × (1 − share that would happen
    anyway), rounded to grosze; social value V = Σ values; SE = V / inputs (no valued effect: unknown)."""
    grant = c.positive("grant")
    parts = {k: c.dec(k, D0) for k in ("w_fin", "w_os", "w_rz", "handling")}
    inputs = grant + sum(parts.values(), D0)
    products = c.dec("products")
    per_k = Decimal(1000) / inputs
    matrix = [{"row": N_("grant"), "value": money(grant), "per_1000": None}]
    matrix += [
        {"row": label, "value": money(parts[k]), "per_1000": None}
        for k, label in (
            ("w_fin", N_("own financial contribution")),
            ("w_os", N_("personal contribution")),
            ("w_rz", N_("in-kind contribution")),
            ("handling", N_("office handling cost")),
        )
    ]
    matrix.append({"row": N_("inputs in total"), "value": money(inputs), "per_1000": None})
    matrix.append({"row": N_("products (units, recipients)"), "value": products, "per_1000": ratio(products * per_k)})
    ratios = []
    for n, r in enumerate(c.rows("results", required=False), 1):
        if r.get("achieved") in (None, ""):
            # the results section is optional (issue 15): a result not reported yet is left out, named
            c.note(f"results.{n}.achieved", _("not reported yet: left out of the results"))
            continue
        achieved = Decimal(r["achieved"])
        matrix.append({"row": r.get("name") or str(n), "value": achieved, "per_1000": ratio(achieved * per_k)})
        if r.get("planned"):
            ratios.append(capped(achieved, Decimal(r["planned"])))  # J-04's rule: one attainment everywhere
    out: Outputs = {
        "inputs_total": money(inputs),
        "products_per_1000": ratio(products * per_k),
        "L": ratio((parts["w_fin"] + parts["w_os"] + parts["w_rz"]) / grant),
        "matrix": tuple(matrix),
    }
    if ratios:
        out["results_achieved"] = mean_attainment(ratios)
    else:
        c.note("results", _("no result with a planned value"))
    if c.get("EE") is not None:
        out["EE"] = ratio(c.dec("EE"))
    else:
        c.note("EE", _("no E-03 result for this task and year"))
    valued = []
    for n, r in enumerate(c.rows("social_value", required=False), 1):
        share = Decimal(r["deadweight"]) if r.get("deadweight") not in (None, "") else D0
        value = money(
            Decimal(_cell(r, "quantity", "social_value", n))
            * Decimal(_cell(r, "unit_value", "social_value", n))
            * (D1 - share)
        )
        valued.append(
            {
                "effect": _cell(r, "effect", "social_value", n),
                "value": value,
                "proxy": _cell(r, "proxy", "social_value", n),
            }
        )
    if valued:
        social = sum((v["value"] for v in valued), D0)
        out.update(social_value=money(social), SE=ratio(social / inputs), valuation=tuple(valued))
    return out


@formula("E-14", "summary", "covered report")
def e14_efficiency_report(c: Ctx) -> Outputs:
    """covered = rows with a value / all rows of the E-model summary."""
    rows = c.rows("summary")
    have = [r for r in rows if r.get("value") not in (None, "")]
    return {
        "covered": ratio(Decimal(len(have)) / len(rows)),
        "report": tuple({"tool": r.get("tool"), "output": r.get("output"), "value": r.get("value")} for r in rows),
    }


# ==== Model JAKOŚĆ ===============================================================================


@formula("J-01", "requirements", "compliance unmet")
def j01_minimum_standard(c: Ctx) -> Outputs:
    """compliance = Σ score of 'met' / number of requirements."""
    rows = c.rows("requirements")
    scores = []
    unmet = []
    for n, r in enumerate(rows, 1):
        s = c.score("requirements", _cell(r, "met", "requirements", n), column="met") or D0
        scores.append(s)
        if s < 1:
            unmet.append({"requirement": r.get("requirement") or str(n)})
    return {"compliance": ratio(_mean(scores)), "unmet": tuple(unmet)}


J02_CRITERIA = ("deadline", "form", "signatures", "declarations", "period")


@formula("J-02", "deadline form signatures declarations period required_share declared_share", "status failed")
def j02_formal_assessment(c: Ctx) -> Outputs:
    """All must pass. A 'fail' (or a fatal criterion such as a late offer) → rejected; otherwise any
    'to be completed' → to be completed; own contribution below the required share → rejected."""
    failed = []
    rejected = False
    fatal = set(c.param("fatal", ["deadline"]))
    # every choice of the card is a criterion, so a gmina may add its own in the catalogue
    for key in [i.key for i in c.tool.inputs if i.type == "choice"] or list(J02_CRITERIA):
        state = c.req(key)
        if state != "ok":
            failed.append({"criterion": key, "state": state})
            rejected = rejected or state == "fail" or key in fatal
    required = c.dec("required_share", D0)
    if required > 0:
        declared = c.get("declared_share")
        if declared is None:
            raise ToolInputError("declared_share", _("missing (a minimum share is required)"))
        if Decimal(declared) < required:
            failed.append({"criterion": "declared_share", "state": "fail"})
            rejected = True
    status = N_("rejected") if rejected else N_("to be completed") if failed else N_("admitted")
    return {"status": status, "failed": tuple(failed)}


@formula("J-03", "scores", "score evaluators")
def j03_merit_assessment(c: Ctx) -> Outputs:
    """Each evaluator's total = Σ criterion points; score = mean of totals / max points × 100."""
    crit = [col for col in c.tool.input("scores").columns if col.type == "number"]
    max_total = sum((col.max or D0 for col in crit), D0)
    if max_total <= 0:
        raise ToolInputError("scores", _("the criteria have no maximum points in the catalogue"))
    totals: list[Outputs] = []
    for n, r in enumerate(c.rows("scores"), 1):
        totals.append(
            {
                "evaluator": r.get("evaluator") or str(n),
                "total": sum((Decimal(_cell(r, col.key, "scores", n)) for col in crit), D0),
            }
        )
    mean = _mean([t["total"] for t in totals])
    return {"score": score(mean / max_total * D100), "evaluators": tuple(totals)}


@formula("J-04", "results cap", "attainment rows")
def j04_results_matrix(c: Ctx) -> Outputs:
    """att_r = achieved / planned (capped at 1 unless 'allow'); attainment = mean(att_r).
    Results without a target (planned 0) are left out: they cannot be attained."""
    cap = c.get("cap") != "allow"
    rows: list[Outputs] = []
    for n, r in enumerate(c.rows("results"), 1):
        planned = Decimal(_cell(r, "planned", "results", n))
        if planned <= 0:
            c.note(f"results.{n}.planned", _("no target in row {n}: left out").format(n=n))
            continue
        att = capped(Decimal(_cell(r, "achieved", "results", n)), planned, cap)
        rows.append({"name": r.get("name") or str(n), "attainment": att})
    if not rows:
        raise ToolInputError("results", _("no result has a planned value above zero"))
    return {"attainment": mean_attainment([r["attainment"] for r in rows]), "rows": tuple(rows)}


def _likert_columns(c: Ctx, key: str) -> list[str]:
    return [col.key for col in c.tool.input(key).columns if col.type == "likert"]


@formula("J-05", "answers", "index respondents mean items")
def j05_satisfaction(c: Ctx) -> Outputs:
    """Pooled mean of all Likert answers (1–5); index = (mean − 1) / 4 × 100. Blank answers are
    skipped; a respondent with no answer at all is not counted."""
    items = _likert_columns(c, "answers")
    per_item: dict[str, list[Decimal]] = {k: [] for k in items}
    respondents = 0
    for r in c.rows("answers"):
        answered = False
        for k in items:
            if r.get(k) is not None:
                per_item[k].append(Decimal(r[k]))
                answered = True
        respondents += answered
    pooled = [v for vals in per_item.values() for v in vals]
    if not pooled:
        raise ToolInputError("answers", _("no respondent answered any question"))
    mean = _mean(pooled)
    table = tuple({"item": k, "mean": ratio(_mean(v)) if v else None, "n": len(v)} for k, v in per_item.items())
    return {"index": score((mean - 1) / 4 * D100), "respondents": respondents, "mean": ratio(mean), "items": table}


@formula("J-06", "scores direction", "mean_change share_improved effect_size n means")
def j06_pretest_posttest(c: Ctx) -> Outputs:
    """Pretest–posttest on paired scores (participants with both scores only).

    Δᵢ = postᵢ − preᵢ; mean change = (1/n) Σ Δᵢ.
    Improved: Δᵢ > 0 when higher is better (Δᵢ < 0 when lower is better); share = improved / n.
    Effect size (Cohen's d for paired samples, d_z): d = mean(Δ) / s_Δ with the sample standard
    deviation s_Δ = √( Σ (Δᵢ − mean(Δ))² / (n − 1) ); its sign is turned so that a positive d is an
    improvement. It needs n ≥ 2 and s_Δ > 0, otherwise it is not given.
    """
    sign = -1 if c.get("direction") == "lower" else 1
    pairs = [
        (Decimal(r["pre"]), Decimal(r["post"]))
        for r in c.rows("scores")
        if r.get("pre") is not None and r.get("post") is not None
    ]
    if not pairs:
        raise ToolInputError("scores", _("no participant has both scores"))
    n = len(pairs)
    deltas = [post - pre for pre, post in pairs]
    mean = _mean(deltas)
    improved = sum(1 for d in deltas if d * sign > 0)
    out: Outputs = {
        "mean_change": ratio(mean),
        "share_improved": ratio(Decimal(improved) / n),
        "n": n,
        "means": (
            {"moment": N_("before"), "mean": ratio(_mean([p for p, _q in pairs]))},
            {"moment": N_("after"), "mean": ratio(_mean([q for _p, q in pairs]))},
        ),
    }
    if n < 2:
        c.note("scores", _("the effect size needs at least two participants"))
        return out
    sd = (sum(((d - mean) ** 2 for d in deltas), D0) / (n - 1)).sqrt()
    if sd == 0:
        c.note("scores", _("every participant changed by the same amount: no effect size"))
    else:
        out["effect_size"] = ratio(mean / sd * sign)
    return out


J07_AREAS = ("progress", "efficiency", "funds", "documentation")


@formula("J-07", "progress efficiency funds documentation", "score flags")
def j07_control_sheet(c: Ctx) -> Outputs:
    """score = Σ ratings / Σ maximum ratings × 100 (0–3 each by default); a rating below 2 is flagged."""
    total = top = D0
    flags = []
    # every scored choice of the sheet is an area (a gmina may add one in the catalogue)
    areas = [i.key for i in c.tool.inputs if i.type == "choice" and any(o.score is not None for o in i.options)]
    for key in areas or list(J07_AREAS):
        s = c.score(key, str(c.req(key)))
        if s is None:
            raise ToolInputError(key, _("the chosen rating has no score in the catalogue"))
        top += max(o.score or D0 for o in c.tool.input(key).options)
        total += s
        if s < 2:
            flags.append({"area": key, "rating": s})
    return {"score": score(total / top * D100), "flags": tuple(flags)}


@formula("J-08", "entries", "count open justified mean_days")
def j08_complaints(c: Ctx) -> Outputs:
    """Counts; mean days to resolve = mean(resolved − received) over resolved entries."""
    rows = c.rows("entries", required=False)
    days = []
    for n, r in enumerate(rows, 1):
        if r.get("resolved") is not None:
            d = (r["resolved"] - _cell(r, "received", "entries", n)).days
            if d < 0:
                raise ToolInputError(
                    f"entries.{n}.resolved", _("earlier than the date received in row {n}").format(n=n)
                )
            days.append(Decimal(d))
    out: Outputs = {
        "count": len(rows),
        "open": sum(1 for r in rows if r.get("resolved") is None),
        "justified": sum(1 for r in rows if r.get("justified") == "yes"),
    }
    if days:
        out["mean_days"] = ratio(_mean(days))
    return out


@formula("J-09", "staff", "match")
def j09_qualifications(c: Ctx) -> Outputs:
    """match = mean score of 'confirmed' (yes 1, partly 0.5, no 0)."""
    scores = [
        c.score("staff", _cell(r, "confirmed", "staff", n), column="confirmed") or D0
        for n, r in enumerate(c.rows("staff"), 1)
    ]
    return {"match": ratio(_mean(scores))}


@formula("J-10", "due received", "timeliness days_late on_time")
def j10_report_timeliness(c: Ctx) -> Outputs:
    """days late = max(0, received − due); timeliness = 1 − days late / tolerance (not below 0)."""
    due, received = c.req("due"), c.req("received")
    late = max((received - due).days, 0)
    tolerance = Decimal(c.param("zero_after_days", 30))
    return {"timeliness": ratio(max(D1 - Decimal(late) / tolerance, D0)), "days_late": late, "on_time": late == 0}


@formula("J-11", "control timeliness results settlement", "score")
def j11_provider_rating(c: Ctx) -> Outputs:
    """score = Σ wᵢ × componentᵢ / Σ wᵢ on a 0–100 scale (control score, timeliness × 100, results
    attained × 100 capped at 100, settlement option score); a missing control is left out."""
    weights = {k: Decimal(str(v)) for k, v in c.param("weights", {}).items()}
    settlement = c.score("settlement", str(c.req("settlement")))
    parts = {
        "control": c.get("control"),
        "timeliness": c.dec("timeliness") * D100,
        "results": min(c.dec("results"), D1) * D100,
        "settlement": settlement,
    }
    used = {k: Decimal(v) for k, v in parts.items() if v is not None and weights.get(k)}
    if parts["control"] is None:
        c.note("control", _("no control score: left out of the rating"))
    total_w = sum((weights[k] for k in used), D0)
    if total_w <= 0:
        raise ToolInputError("settlement", _("no component with a weight"))
    return {"score": score(sum((weights[k] * v for k, v in used.items()), D0) / total_w)}


@formula("J-12", "hours target_hours features", "score hours_cover")
def j12_accessibility(c: Ctx) -> Outputs:
    """hours cover = min(hours / target, 1); score = 50 × cover + 50 × features provided / listed."""
    cover = min(c.dec("hours") / c.positive("target_hours"), D1)
    items = c.tool.input("features").items
    have = c.get("features") or frozenset()
    share = Decimal(sum(1 for i in items if i.key in have)) / len(items) if items else D0
    return {"score": score(50 * cover + 50 * share), "hours_cover": ratio(cover)}


@formula("J-13", "themes conducted_by", "positive_share external summary")
def j13_focus_group(c: Ctx) -> Outputs:
    """positive share = Σ tone score × mentions / Σ mentions (positive 1, neutral 0.5, negative 0), the
    same for an interview, a focus group or an observation; external = made by an external body."""
    num = den = D0
    rows = []
    for n, r in enumerate(c.rows("themes"), 1):
        m = Decimal(_cell(r, "mentions", "themes", n))
        num += (c.score("themes", _cell(r, "tone", "themes", n), column="tone") or D0) * m
        den += m
        rows.append({"theme": r.get("theme") or str(n), "tone": r.get("tone"), "mentions": m})
    if den <= 0:
        raise ToolInputError("themes", _("no mentions"))
    return {"positive_share": ratio(num / den), "external": c.get("conducted_by") == "external", "summary": tuple(rows)}


@formula("J-14", "actions", "done_share overdue external_actions overdue_list", reads_date="always")
def j14_corrective_actions(c: Ctx) -> Outputs:
    """done share = done / actions; overdue = not done and due date before the reference date;
    external actions = actions whose finding came from an external evaluation."""
    rows = c.rows("actions")
    today = c.today()
    late = [r for n, r in enumerate(rows, 1) if r.get("status") != "done" and _cell(r, "due", "actions", n) < today]
    done = sum(1 for r in rows if r.get("status") == "done")
    return {
        "done_share": ratio(Decimal(done) / len(rows)),
        "overdue": len(late),
        "external_actions": sum(1 for r in rows if r.get("source") == "external"),
        "overdue_list": tuple({"action": r.get("action"), "owner": r.get("owner"), "due": r.get("due")} for r in late),
    }


# ==== Model WSPÓŁPRACA ===========================================================================


@formula("W-01", "areas total", "organisations empty_areas map")
def w01_ngo_map(c: Ctx) -> Outputs:
    """organisations = total in the register; empty areas = areas with no organisation."""
    rows = c.rows("areas")
    return {
        "organisations": int(c.dec("total")),
        "empty_areas": sum(1 for r in rows if not r.get("organisations")),
        "map": tuple(
            {
                "area": r.get("area"),
                "organisations": r.get("organisations") or 0,
                "with_contracts": r.get("with_contracts") or 0,
            }
            for r in rows
        ),
    }


@formula("W-02", "in_need served", "coverage unserved")
def w02_needs(c: Ctx) -> Outputs:
    """coverage = served / persons in need; unserved = in need − served (not below zero)."""
    need = c.positive("in_need")
    if c.get("served") is None:
        raise ToolInputError("served", _("missing (no report gives the number of recipients yet)"))
    served = c.dec("served")
    return {"coverage": ratio(served / need), "unserved": int(max(need - served, D0))}


@formula("W-03", "criteria candidates", "score missing ranking")
def w03_decision_test(c: Ctx) -> Outputs:
    """score = Σ weights of the criteria met / Σ all weights × 100.

    Candidates (MKUS step 1): each other task considered is scored the same way from its "yes" answers
    (a column per criterion key; a criterion without a column or an answer is not met) and ranked with
    this task, highest score first; equal scores share a rank (1, 1, 3) and keep their order, this task
    first."""
    items = c.tool.input("criteria").items
    have = c.get("criteria") or frozenset()
    total = sum((i.weight or D1 for i in items), D0)
    if total <= 0:
        raise ToolInputError("criteria", _("the criteria have no weights in the catalogue"))

    def points(met: Callable[[str], bool]) -> Decimal:
        return score(sum((i.weight or D1 for i in items if met(i.key)), D0) / total * D100)

    own = points(lambda k: k in have)
    out: Outputs = {
        "score": own,
        "missing": tuple({"criterion": i.key, "weight": i.weight or D1} for i in items if i.key not in have),
    }
    rows = c.rows("candidates", required=False) if any(i.key == "candidates" for i in c.tool.inputs) else ()
    if rows:
        columns = {col.key for col in c.tool.input("candidates").columns}
        unasked = [str(i.label) for i in items if i.key not in columns]
        if unasked:
            c.note(
                "candidates",
                _("the candidates are not asked about: {criteria} (counted as not met)").format(
                    criteria=", ".join(unasked)
                ),
            )
        scored = [(N_("this task"), own)] + [
            (str(_cell(r, "task", "candidates", n)), points(_answered_yes(r))) for n, r in enumerate(rows, 1)
        ]
        order = sorted(range(len(scored)), key=lambda i: -scored[i][1])  # stable: ties keep their order
        out["ranking"] = tuple(
            {"rank": 1 + sum(1 for _t, s in scored if s > scored[i][1]), "task": scored[i][0], "score": scored[i][1]}
            for i in order
        )
    return out


def _answered_yes(row: Mapping[str, Any]) -> Callable[[str], bool]:
    """A candidate task's row: which criteria it meets (answered "yes")."""
    return lambda key: row.get(key) == "yes"


@formula("W-04", "small_grants multi_actor institution defined_service", "type explanation")
def w04_mkus_type(c: Ctx) -> Outputs:
    """MKUS rule table (domain.md §3.1.3), first match wins: small grants → regranting voucher;
    a multi-actor problem → cooperative problem solving; a permanent institution or property →
    commissioning an institution; a defined service with a standard → commissioning a service."""
    answers = {k: c.req(k) == "yes" for k in ("small_grants", "multi_actor", "institution", "defined_service")}
    if answers["small_grants"]:
        # the type is the MKUS enum label msgid (English); the view translates it
        return {
            "type": MkusType.BON_REGRANTING._label,
            "explanation": N_(
                "Small grants that sustain residents' activity are best handled by an operator (regranting)."
            ),
        }
    if answers["multi_actor"]:
        return {
            "type": MkusType.KOOPERACYJNE._label,
            "explanation": N_("Several organisations and institutions solve one problem together with the gmina."),
        }
    if answers["institution"]:
        return {
            "type": MkusType.ZLECANIE_INSTYTUCJI._label,
            "explanation": N_("A permanent institution or a property of the gmina is handed over."),
        }
    if answers["defined_service"]:
        return {
            "type": MkusType.ZLECANIE_USLUG._label,
            "explanation": N_("A defined service with quantitative indicators and a minimum standard."),
        }
    return {
        "type": MkusType.ZLECANIE_USLUG._label,
        "explanation": N_("No cue matched; commissioning a service is the usual start, define its standard first."),
    }


@formula("W-05", "amount days circumstances", "route basis warnings", reads_date="without_year")
def w05_legal_route(c: Ctx) -> Outputs:
    """Rules of domain.md §6 in order: emergency → art. 11a; residents → local initiative (art. 19b);
    purchase → Pzp social services (art. 359); regranting → art. 16a; small, short and local →
    art. 19a (its limits from the law tables, app.core.law.small_grants); otherwise open competition."""
    amount, days = c.dec("amount"), int(c.dec("days"))
    circ = c.get("circumstances") or frozenset()
    small, remarks = _w05_small_grant(c, amount, days)
    warnings: list[dict[str, Any]] = []
    if "emergency" in circ:
        route, basis = N_("commissioning without competition"), "art. 11a u.d.p.p.w."
    elif "residents" in circ:
        route, basis = N_("local initiative"), "art. 19b–19h u.d.p.p.w."
    elif "purchase" in circ:
        route, basis = N_("public procurement, social services"), "art. 359–361 Pzp"
    elif "regranting" in circ:
        route, basis = N_("regranting"), "art. 16a u.d.p.p.w."
    elif small is not None and "local" in circ:
        route, basis = N_("small grant without competition"), "art. 19a u.d.p.p.w."
        warnings += [{"remark": r} for r in (*remarks, _w05_share_remark(small))]
    else:
        route, basis = N_("open competition"), "art. 11, 13–15 u.d.p.p.w."
        if small is not None:
            warnings.append({"remark": N_("Art. 19a needs a task of local or regional character.")})
        elif "local" in circ:
            warnings += [{"remark": r} for r in remarks]
    if "ngo_initiative" in circ:
        warnings.append({"remark": N_("An offer on the NGO's initiative (art. 12) must be assessed within one month.")})
    return {"route": route, "basis": basis, "warnings": tuple(warnings)}


def _w05_small_grant(c: Ctx, amount: Decimal, days: int) -> tuple[SmallGrantLimits | None, list[str]]:
    """The art. 19a limits the task fits (None: it fits none) and the remarks on which wording decided.

    The tool plans a task of its budget year, so the offer comes in during that year: the wording in
    force on 31 December (the one the year's last offers fall under, see app.core.law.small_grants),
    and, when it changed during the year, the earlier one for offers received before the change. An
    amendment not checked against the act never decides alone: what only it or only the wording before
    it allows is a remark naming it (as in app.core.wizards.legal), and 19a stays possible."""
    limits = small_grant_limits(year_end(c.year) if c.year is not None else c.today())
    remarks: list[str] = []
    fits = limits.allows(amount, days)
    before = limits.earlier if not limits.task_checked else None
    if before is not None and before.allows(amount, days) != fits:
        if fits:
            remarks.append(
                _(
                    "Art. 19a allows this task only under {amendment} ({limits}); under the wording before "
                    "it ({before}) the task needs an open competition. Check art. 19a in the amendment "
                    "before relying on it."
                ).format(amendment=limits.unchecked(), limits=limits.describe(), before=before.describe())
            )
        else:
            remarks.append(
                _(
                    "Under {amendment} ({limits}) the task would need an open competition; the wording "
                    "before it ({before}) allows art. 19a. Check art. 19a in the amendment."
                ).format(amendment=limits.unchecked(), limits=limits.describe(), before=before.describe())
            )
    start = earlier_in_year(limits) if c.year is not None else None
    if start is not None and start.allows(amount, days) != fits:
        remarks.append(
            _(
                "Offers received before {date} fall under the earlier limits ({limits}): under them the task {verdict}."
            ).format(
                date=format_date(limits.in_force_from),
                limits=start.describe(),
                verdict=_("may be a small grant") if start.allows(amount, days) else _("needs an open competition"),
            )
        )
    allowed = fits or (before is not None and before.allows(amount, days))
    return (limits if fits or before is None else before) if allowed else None, remarks


def _w05_share_remark(limits: SmallGrantLimits) -> str:
    """Art. 19a ust. 7's cap in the wording the route was decided under, naming an unchecked amendment."""
    text = _(
        "Grants in this mode may not exceed {share} of the grants planned in the year's budget for "
        "NGO tasks (art. 19a ust. 7)."
    ).format(share=limits.share_text())
    if not limits.share_checked and limits.earlier is not None and limits.earlier.max_share != limits.max_share:
        text += " " + _("This share is that of {amendment}; before it: {share}.").format(
            amendment=limits.unchecked("19A-3"), share=limits.earlier.share_text()
        )
    return text


@formula(
    "W-06", "year_from consultation_start consultation_end min_days rdpp_opinion adopted", "deadline ok_share checks"
)
def w06_programme_calendar(c: Ctx) -> Outputs:
    """Deadline = 30 November of the year before the programme; checks: consultation lasted at least
    min_days, ended before adoption, RDPP opinion before adoption, adopted by the deadline.
    ok share = checks passed / checks that can be made."""
    year = int(c.dec("year_from"))
    deadline = dt.date(year - 1, 11, 30)
    start, end = c.req("consultation_start"), c.req("consultation_end")
    if end < start:
        raise ToolInputError("consultation_end", _("earlier than the start of the consultation"))
    adopted, rdpp = c.get("adopted"), c.get("rdpp_opinion")
    checks = [
        {
            "step": N_("consultation"),
            "date": end,
            "status": (end - start).days + 1 >= int(c.dec("min_days", Decimal(7))),
        }
    ]
    if adopted is not None:
        checks.append({"step": N_("consultation before adoption"), "date": end, "status": end < adopted})
        if rdpp is not None:
            checks.append({"step": N_("RDPP opinion before adoption"), "date": rdpp, "status": rdpp <= adopted})
        checks.append({"step": N_("adoption by 30 November"), "date": adopted, "status": adopted <= deadline})
    else:
        c.note("adopted", _("not adopted yet"))
    ok = sum(1 for ch in checks if ch["status"])
    return {"deadline": deadline, "ok_share": ratio(Decimal(ok) / len(checks)), "checks": tuple(checks)}


@formula("W-07", "elements", "completeness missing")
def w07_resolution_elements(c: Ctx) -> Outputs:
    """completeness = statutory elements present / all (art. 5a ust. 4: 11)."""
    items = c.tool.input("elements").items
    have = c.get("elements") or frozenset()
    if not items:
        raise ToolInputError("elements", _("the catalogue lists no elements"))
    return {
        "completeness": ratio(Decimal(sum(1 for i in items if i.key in have)) / len(items)),
        "missing": tuple({"element": i.key} for i in items if i.key not in have),
    }


W08_FORMS = ("meetings", "consultations", "teams", "information", "premises", "patronage", "trainings")


@formula("W-08", " ".join(W08_FORMS), "total forms_share forms_used by_form")
def w08_nonfinancial(c: Ctx) -> Outputs:
    """total = Σ counts; forms used = forms with a count above 0; share = used / forms listed."""
    forms = [i.key for i in c.tool.inputs if i.type == "number"] or list(W08_FORMS)  # forms listed in the catalogue
    counts = {k: int(c.dec(k)) for k in forms}
    used = sum(1 for v in counts.values() if v > 0)
    return {
        "total": sum(counts.values()),
        "forms_used": used,
        "forms_share": ratio(Decimal(used) / len(forms)),
        "by_form": tuple({"form": k, "count": v} for k, v in counts.items()),
    }


def _add_months(day: dt.date, months: int) -> dt.date:
    import calendar

    y, m = divmod(day.month - 1 + months, 12)
    y, m = day.year + y, m + 1
    return dt.date(y, m, min(day.day, calendar.monthrange(y, m)[1]))


@formula("W-09", "request_date organisations created_date term_end", "status create_by alerts", reads_date="always")
def w09_rdpp(c: Ctx) -> Outputs:
    """With at least 5 requesting organisations the council must be created within 2 months of the
    request (art. 41e); the term lasts 3 years (parameters in the catalogue)."""
    request = c.req("request_date")
    orgs = int(c.dec("organisations"))
    minimum = int(c.param("min_organisations", 5))
    create_by = _add_months(request, int(c.param("months_to_create", 2)))
    created, term_end = c.get("created_date"), c.get("term_end")
    today = c.today()
    alerts = []
    if orgs < minimum:
        return {
            "status": N_("request not binding (too few organisations)"),
            "create_by": create_by,
            "alerts": ({"alert": N_("Fewer organisations than the act requires; the council need not be created.")},),
        }
    if created is None:
        status = N_("overdue: council not created") if today > create_by else N_("to be created")
        if today > create_by:
            alerts.append({"alert": N_("The deadline to create the council has passed.")})
    else:
        status = N_("created late") if created > create_by else N_("created on time")
        end = term_end or _add_months(created, 12 * int(c.param("term_years", 3)))
        if end < today:
            status = N_("term expired")
            alerts.append({"alert": N_("The council's term has ended; appoint the next one.")})
        elif (end - today).days <= 90:
            alerts.append({"alert": N_("The council's term ends within three months.")})
    return {"status": status, "create_by": create_by, "alerts": tuple(alerts)}


def _w10_survey(c: Ctx) -> tuple[dict[str, Decimal], int]:
    """Means of the NGO survey's answers per Likert column (a table input whose column keys name
    Likert indicators), and the number of respondents who answered anything."""
    likert = {i.key for i in c.tool.inputs if i.area is not None and (i.norm == "likert" or i.type == "likert")}
    answers: dict[str, list[Decimal]] = {}
    respondents = 0
    for table in (i for i in c.tool.inputs if i.type == "table"):
        cols = [col.key for col in table.columns if col.key in likert]
        for r in c.rows(table.key, required=False):
            given = [(k, v) for k in cols if (v := r.get(k)) is not None]
            for k, v in given:
                answers.setdefault(k, []).append(Decimal(v))
            respondents += bool(given)
    return {k: _mean(v) for k, v in answers.items()}, respondents


def _w10_norm(c: Ctx, key: str, survey: dict[str, Decimal] | None = None) -> Decimal | None:
    inp = c.tool.input(key)
    value = c.get(key)
    if survey and key in survey:
        if value is not None:
            c.note(
                key,
                _("the survey mean {mean} is used instead of the single rating").format(
                    mean=str(ratio(survey[key])).replace(".", ",")
                ),
            )
        value = survey[key]
    if value is None:
        return None
    if inp.norm == "score" or inp.type == "choice":
        return c.score(key, str(value))
    if inp.norm == "likert" or inp.type == "likert":
        return (Decimal(value) - 1) / 4
    if inp.norm == "count":
        if not inp.target:
            raise ToolInputError(key, _("the catalogue gives no target for this count"))
        return min(Decimal(value) / inp.target, D1)
    return min(max(Decimal(value), D0), D1)  # share


def _w10_share_note(c: Ctx) -> None:
    """The share limit the 19a answer is judged against, when it is not simply the checked wording of
    the whole year: an amendment not checked against the act, or a change during the year."""
    if c.year is None or c.get("share_19a_ok") is None:
        return
    limits = small_grant_limits(year_end(c.year))
    start = earlier_in_year(limits)
    if not limits.share_checked and limits.earlier is not None:
        c.note(
            "share_19a_ok",
            _(
                "The limit for {year} is {share}, set by {amendment}; before it the limit was "
                "{before}. Check the answer against art. 19a ust. 7 in the amendment."
            ).format(
                year=c.year,
                share=limits.share_text(),
                amendment=limits.unchecked("19A-3"),
                before=limits.earlier.share_text(),
            ),
        )
    if start is not None and start.max_share != limits.max_share:
        c.note(
            "share_19a_ok",
            _(
                "The limit changed on {date} from {before} to {share}: each grant is judged under the "
                "limit in force on the day its offer was received (the compliance check 19A-3)."
            ).format(date=format_date(limits.in_force_from), before=start.share_text(), share=limits.share_text()),
        )


@formula("W-10", "", "overall areas respondents")
def w10_lijw(c: Ctx) -> Outputs:
    """Each indicator → 0–1 (yes/no → 1/0, count → min(value / target, 1), share as is, Likert →
    (x − 1) / 4); area score = mean of its answered indicators; overall = Σ wₐ × areaₐ / Σ wₐ × 100
    over areas with an answer (area weights in the catalogue). With the NGO survey, a Likert
    indicator is the mean of the respondents' answers x̄ (normalised (x̄ − 1) / 4)."""
    survey, respondents = _w10_survey(c)
    _w10_share_note(c)
    # an opinion indicator is optional (issue 15: answering one must not make the others required):
    # without a rating or survey answers it is left out of its area, and the clerk is told so
    for i in c.tool.inputs:
        if i.area is not None and i.type == "likert" and c.get(i.key) is None and i.key not in survey:
            c.note(i.key, _("not answered: left out of the area; type a rating or fill in the NGO survey"))
    areas: dict[str, list[Decimal]] = {}
    for inp in c.tool.inputs:
        if inp.area is None:
            continue
        areas.setdefault(inp.area, [])
        v = _w10_norm(c, inp.key, survey)
        if v is not None:
            areas[inp.area].append(v)
    weights = {str(k): Decimal(str(w)) for k, w in c.param("area_weights", {}).items()}
    rows: list[Outputs] = []
    num = den = D0
    for area, vals in areas.items():
        if not vals:
            c.note(area, _("no indicator answered in area {area}").format(area=area))
            rows.append({"area": area, "score": None})
            continue
        s = _mean(vals) * D100
        rows.append({"area": area, "score": score(s)})
        w = weights.get(area, D1)
        num += w * s
        den += w
    if den <= 0:
        raise ToolInputError("areas", _("no indicator answered"))
    out: Outputs = {"overall": score(num / den), "areas": tuple(rows)}
    if respondents:
        out["respondents"] = respondents
    return out


#: the MKUS indicators W-11 shows as read (their one owner is app.core.figures.mkus_indicators)
W11_MKUS = ("small_share", "median_grant", "entrustment_share", "multi_year_share", "large_tasks")


@formula(
    "W-11",
    "contracts grants submitted published " + " ".join(W11_MKUS),
    "due on_time grant_per_contract " + " ".join(W11_MKUS),
    reads_date="always",
)
def w11_programme_report(c: Ctx) -> Outputs:
    """due = 31 May of the following year; on time = submitted to the council and published in BIP
    by then; grant per contract = grants / contracts. The MKUS indicators are shown as given (no grant
    in the year: unknown, not 0)."""
    if c.year is None:
        raise ToolInputError("year", _("missing"))
    due = dt.date(c.year + 1, 5, 31)
    sub, pub = c.get("submitted"), c.get("published")
    out: Outputs = {"due": due}
    if sub is not None and pub is not None:
        out["on_time"] = sub <= due and pub <= due
    elif c.today() > due:
        out["on_time"] = False  # the deadline has passed without a submitted and published report
    else:
        c.note("submitted" if sub is None else "published", _("not yet (the deadline has not passed)"))
    contracts = c.dec("contracts")
    if contracts > 0:
        out["grant_per_contract"] = money(c.dec("grants") / contracts)
    else:
        c.note("contracts", _("no contracts: no grant per contract"))
    for key in W11_MKUS:
        if c.get(key) is not None:
            out[key] = int(c.dec(key)) if key == "large_tasks" else Decimal(c.get(key))
    return out


@formula("W-12", "partners", "partners contributions")
def w12_partnerships(c: Ctx) -> Outputs:
    """partners = rows; contributions = Σ contribution."""
    rows = c.rows("partners")
    return {"partners": len(rows), "contributions": money(sum((Decimal(r.get("contribution") or 0) for r in rows), D0))}


@formula("W-13", "applications", "accepted scores")
def w13_local_initiative(c: Ctx) -> Outputs:
    """score = Σ criterion points (max 100 by default); accepted when score ≥ threshold."""
    crit = [col.key for col in c.tool.input("applications").columns if col.type == "number"]
    threshold = Decimal(str(c.param("threshold", 60)))
    rows: list[Outputs] = []
    for n, r in enumerate(c.rows("applications"), 1):
        s = sum((Decimal(_cell(r, k, "applications", n)) for k in crit), D0)
        rows.append(
            {
                "title": r.get("title") or str(n),
                "score": s,
                "decision": N_("accepted") if s >= threshold else N_("not accepted"),
            }
        )
    return {"accepted": sum(1 for r in rows if r["score"] >= threshold), "scores": tuple(rows)}


@formula("W-14", "milestones", "done_share overdue late_done schedule", reads_date="always")
def w14_schedule(c: Ctx) -> Outputs:
    """done share = milestones done / all; overdue = not done and planned before the reference date;
    late done = done after the planned date."""
    today = c.today()
    rows = []
    for n, r in enumerate(c.rows("milestones"), 1):
        planned, done = _cell(r, "planned", "milestones", n), r.get("done")
        if done is not None:
            status = N_("done late") if done > planned else N_("done")
        else:
            status = N_("overdue") if planned < today else N_("planned")
        rows.append({"milestone": r.get("milestone") or str(n), "planned": planned, "status": status})
    done_n = sum(1 for r in rows if r["status"] in ("done", "done late"))
    return {
        "done_share": ratio(Decimal(done_n) / len(rows)),
        "overdue": sum(1 for r in rows if r["status"] == "overdue"),
        "late_done": sum(1 for r in rows if r["status"] == "done late"),
        "schedule": tuple(rows),
    }
