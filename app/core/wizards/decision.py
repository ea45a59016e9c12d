"""W-03 (should the task be commissioned?), W-04 (which MKUS type) and W-05 (which legal route) as the
wizard asks them.

The steps ARE the catalogue tools: their questions are the tools' inputs (wording from the
catalogue), and the verdict is the tool's output and band, computed by the tool's formula with the
catalogue's weights and thresholds. There is no second scoring here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from app.core.domain.enums import MkusType, ProcedureRoute
from app.core.i18n import N_, _
from app.core.wizards.base import Answers, Column, Field, flag, table_rows
from app.core.wizards.toolrun import ToolRun, run, tool

CRIT = "crit_"
CUE = "cue_"
#: answers saved by the wizard before it asked the catalogue's items (a resumed session keeps them)
OLD_KEYS = {"crit_quality": "crit_standard", "cue_partnership": "cue_multi_actor", "cue_property": "cue_institution"}
YES, NO = "yes", "no"


def upgrade(a: Answers) -> Answers:
    """Answers of an older session under the current keys (old ticks become the tool's answers)."""
    for old, new in OLD_KEYS.items():
        if old in a and new not in a:
            value = a[old]
            a[new] = (YES if value else NO) if new.startswith(CUE) else value
    for key in list(a):
        if key.startswith(CUE) and isinstance(a[key], bool):
            a[key] = YES if a[key] else NO
    return a


# ---- W-03 --------------------------------------------------------------------------------------------


def criteria_fields() -> tuple[Field, ...]:
    """One tick per criterion of the W-03 checklist in the catalogue in use."""
    return tuple(Field(CRIT + i.key, str(i.label), "bool") for i in tool("W-03").input("criteria").items)


def criteria_met(a: Answers) -> list[str]:
    return [i.key for i in tool("W-03").input("criteria").items if flag(a, CRIT + i.key)]


@dataclass(frozen=True)
class Decision:
    run: ToolRun
    #: the tool's score (0–100) and its band in the catalogue
    score: Decimal | None
    level: str | None
    verdict: str
    met: tuple[str, ...]
    #: labels of the criteria not met, with their weights
    missing: tuple[tuple[str, Decimal], ...]
    #: the lowest score of the band that recommends commissioning ("good"), for the explanation
    recommend_from: Decimal | None

    @property
    def recommended(self) -> bool:
        return self.level == "good"

    @property
    def possible(self) -> bool:
        """Recommended, or possible once the gaps are closed (the tool's middle band)."""
        return self.level in ("good", "fair")


def candidate_columns() -> tuple[Column, ...]:
    """The candidates table of MKUS step 1: the task's name and, per W-03 criterion of the catalogue in
    use, "yes" or "no" (the same criteria and weights as the task being prepared)."""
    w03 = tool("W-03")
    table = _candidates_input()
    short = {c.key: str(c.label) for c in table.columns} if table is not None else {}  # short headers
    return (Column("task", N_("Task"), required=True),) + tuple(
        Column(i.key, short.get(i.key, str(i.label)), choices=lambda: [_("yes"), _("no")])
        for i in w03.input("criteria").items
    )


def _candidates_input() -> Any:
    """W-03's candidates table; None in a gmina's catalogue copy made before it existed."""
    return next((i for i in tool("W-03").inputs if i.key == "candidates"), None)


def _yes_no(value: Any) -> str | None:
    text = str(value or "").strip().casefold()
    if text in (YES, _("yes").casefold()):
        return YES
    if text in (NO, _("no").casefold()):
        return NO
    return None


def candidate_rows(a: Answers) -> list[dict[str, Any]]:
    """The other candidate tasks as W-03's `candidates` rows (criterion answers as the tool's yes/no)."""
    keys = [i.key for i in tool("W-03").input("criteria").items]
    return [
        {"task": str(r.get("task") or "").strip(), **{k: _yes_no(r.get(k)) for k in keys}}
        for r in table_rows(a, "candidates")
        if str(r.get("task") or "").strip()
    ]


def w03_inputs(a: Answers) -> dict[str, Any]:
    out: dict[str, Any] = {"criteria": criteria_met(a), "rationale": str(a.get("proceed_reason") or "")}
    if _candidates_input() is not None:
        out["candidates"] = candidate_rows(a)
    return out


def ranking(a: Answers, title: str) -> list[tuple[int, str, Decimal]]:
    """W-03's ranking of this task (named `title`) and the other candidates: (rank, task, score); empty
    without another candidate."""
    rows = run("W-03", w03_inputs(a)).get("ranking") or ()
    this = N_("this task")
    return [(int(r["rank"]), title if r["task"] == this else str(r["task"]), Decimal(r["score"])) for r in rows]


def decide(a: Answers) -> Decision:
    r = run("W-03", w03_inputs(a))
    items = {i.key: i for i in r.tool.input("criteria").items}
    band = r.band("score")
    good = [b.min for b in r.tool.output("score").bands if b.level == "good" and b.min is not None]
    missing = tuple(
        (str(items[m["criterion"]].label) if m["criterion"] in items else str(m["criterion"]), Decimal(m["weight"]))
        for m in (r.get("missing") or ())
    )
    met = tuple(str(items[k].label) for k in criteria_met(a) if k in items)
    return Decision(
        r,
        r.get("score"),
        band.level if band else None,
        str(band.label) if band else "",
        met,
        missing,
        min(good) if good else None,
    )


# ---- W-04 --------------------------------------------------------------------------------------------


def cue_fields() -> tuple[Field, ...]:
    """The W-04 questions of the catalogue in use, each answered yes or no as in the tool."""
    return tuple(
        Field(
            CUE + inp.key,
            str(inp.label),
            "choice",
            required=inp.required,
            options=_fixed([(o.value, str(o.label)) for o in inp.options]),
        )
        for inp in tool("W-04").inputs
    )


def _fixed(options: list[tuple[str, str]]) -> Callable[[Any, Answers], list[tuple[str, str]]]:
    return lambda _ctx, _a: list(options)


def w04_inputs(a: Answers) -> dict[str, Any]:
    return {inp.key: a.get(CUE + inp.key) or None for inp in tool("W-04").inputs}


def mkus_of(value: Any) -> MkusType | None:
    """The MKUS type the tool names (its enum label msgid, or the code)."""
    for t in MkusType:
        if value in (t.value, getattr(t, "_label", None)):
            return t
    return None


def suggest_type(a: Answers) -> tuple[MkusType | None, list[str]]:
    """W-04's suggested type and its explanation; (None, []) until every question is answered."""
    r = run("W-04", w04_inputs(a))
    if not r.ran:
        return None, []
    t = mkus_of(r.get("type"))
    return t, [_(str(r.get("explanation")))] if r.get("explanation") else []


# ---- W-05 --------------------------------------------------------------------------------------------

#: the W-05 tool's route (its output msgid) → the procedure route of the register
W05_ROUTES: dict[str, ProcedureRoute] = {
    "commissioning without competition": ProcedureRoute.EMERGENCY_11A,
    "local initiative": ProcedureRoute.LOCAL_INITIATIVE,
    "public procurement, social services": ProcedureRoute.PZP_SOCIAL,
    "regranting": ProcedureRoute.REGRANTING_16A,
    "small grant without competition": ProcedureRoute.SMALL_GRANT_19A,
    "open competition": ProcedureRoute.OPEN_COMPETITION,
}

#: the wizard's yes/no facts → the W-05 circumstances they stand for
W05_CIRCUMSTANCES = {
    "emergency": "emergency",
    "residents_apply": "residents",
    "buy_service": "purchase",
    "ngo_offer": "ngo_initiative",
    "local_character": "local",
}


def w05_inputs(amount: Any, days: int | None, answers: Answers, regranting: bool) -> dict[str, Any]:
    circumstances = sorted(
        {c for key, c in W05_CIRCUMSTANCES.items() if flag(answers, key)} | ({"regranting"} if regranting else set())
    )
    return {"amount": amount, "days": Decimal(days) if days is not None else None, "circumstances": circumstances}


def suggest_route(
    amount: Any, days: int | None, answers: Answers, regranting: bool
) -> tuple[ProcedureRoute | None, list[str]]:
    """W-05's route for the facts, with its legal basis and remarks; (None, [problems]) when it cannot run."""
    r = run("W-05", w05_inputs(amount, days, answers, regranting))
    if not r.ran:
        return None, [f"{p.label}: {p.message}" if p.label else p.message for p in r.problems]
    reasons = [_("Legal basis: {basis}").format(basis=r.get("basis"))] if r.get("basis") else []
    reasons += [_(str(w["remark"])) for w in r.get("warnings") or () if w.get("remark")]
    return W05_ROUTES.get(str(r.get("route"))), reasons
