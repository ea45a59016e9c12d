"""What the Narzędzia screens call: plain dataclasses in and out, one transaction per call.

Typical flow of a tool form:
    form = open_tool(db, "J-05", "contract", 12, 2025)   # inputs with values the app knows
    view = preview(db, "J-05", "contract", 12, 2025, values)   # as the clerk types (nothing saved)
    view = save_entry(db, "J-05", "contract", 12, 2025, values)  # ValidationFailed on bad values
Input values from the form may be text ("1 234,50", "25 %", "31.12.2025"), Decimal, date,
a list of keys (checklist) or a list of dicts (table rows); see values.py.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import and_, delete, exists, or_, select
from sqlalchemy.orm import Session

from app.core.audit import current_os_user
from app.core.db.engine import Database
from app.core.db.models import (
    Contract,
    CooperationProgramme,
    PublicTask,
    RadarMeeting,
    ToolEntry,
    ToolResult,
    Tranche,
)
from app.core.db.models.base import utcnow
from app.core.errors import FieldError, NotFound, ValidationFailed
from app.core.i18n import _
from app.core.tools.catalogue import Catalogue, Tool, get_catalogue
from app.core.tools.engine import (
    Computation,
    Engine,
    RecomputeSummary,
    dependency_order,
)
from app.core.tools.engine import (
    recompute_all as _recompute_all,
)
from app.core.tools.indices import IndexRow, IndexValue, index_table
from app.core.tools.present import format_typed, format_value, is_summary_table, summary_row, typed_output
from app.core.tools.values import _blank, coerce_inputs, to_json

SCOPE_KINDS = ("contract", "task", "programme", "gmina")


# ---- dataclasses for the UI -----------------------------------------------------------------------


@dataclass(frozen=True)
class ToolCard:
    id: str
    model: str
    model_name: str
    stages: tuple[str, ...]
    stage_names: tuple[str, ...]
    scope: str
    name: str
    purpose: str
    guidance: str
    primary_output: str


@dataclass(frozen=True)
class ScopeRef:
    kind: str
    id: int
    label: str


@dataclass(frozen=True)
class OutputView:
    key: str
    label: str
    type: str
    value: Any  # typed (Decimal, int, date, str, bool; tables: tuple of dicts)
    text: str  # formatted for display ("—" when not computed)
    level: str | None  # good | fair | poor | info | None
    band: str  # interpretation of the value ("" when the output has no bands)
    primary: bool
    chart: str | None  # line | bar | radar | None
    columns: tuple[tuple[str, str, str], ...] = ()  # tables: (key, label, type)
    rows: tuple[tuple[str, ...], ...] = ()  # tables: formatted cells


@dataclass(frozen=True)
class ToolResultView:
    tool_id: str
    tool_name: str
    scope_kind: str
    scope_id: int
    year: int
    ok: bool  # the formula ran (False: see problems)
    outputs: tuple[OutputView, ...]
    problems: tuple[FieldError, ...]  # missing/invalid inputs and notes, naming the input
    inputs_used: Mapping[str, Any]  # key → {"value": JSON form, "origin": entered|database|tool|default}
    catalogue_version: str
    computed_at: dt.datetime | None
    stored: bool

    def output(self, key: str) -> OutputView:
        return next(o for o in self.outputs if o.key == key)

    @property
    def primary(self) -> OutputView | None:
        return next((o for o in self.outputs if o.primary), self.outputs[0] if self.outputs else None)


@dataclass(frozen=True)
class InputState:
    key: str
    value: Any  # what the form shows: entered value, else the suggested one (JSON form)
    origin: str  # entered | database | tool | default | "" (empty)
    suggested: Any  # what the app knows (JSON form), None if nothing


@dataclass(frozen=True)
class ToolForm:
    tool: Tool
    scope: ScopeRef
    year: int
    inputs: tuple[InputState, ...]
    has_entry: bool
    entered_by: str
    entered_at: dt.datetime | None
    result: ToolResultView

    def input(self, key: str) -> InputState:
        return next(i for i in self.inputs if i.key == key)


@dataclass(frozen=True)
class UsageCell:
    tool_id: str
    scope: ScopeRef
    year: int
    status: str  # done (result) | incomplete (entry or data, but a problem) | missing (never used)
    text: str  # primary output formatted, or the first problem


@dataclass(frozen=True)
class UsageMatrix:
    year: int | None
    scope_kind: str
    tools: tuple[ToolCard, ...]
    scopes: tuple[ScopeRef, ...]
    cells: Mapping[tuple[str, str, int], UsageCell]  # (tool id, scope kind, scope id) → cell

    def cell(self, tool_id: str, scope: ScopeRef) -> UsageCell:
        return self.cells[(tool_id, scope.kind, scope.id)]

    @property
    def missing(self) -> tuple[UsageCell, ...]:
        return tuple(c for c in self.cells.values() if c.status != "done")


@dataclass(frozen=True)
class TrendPoint:
    year: int
    value: Decimal | None
    text: str


@dataclass(frozen=True)
class ContractToolRow:
    card: ToolCard
    latest: ToolResultView | None
    trend: tuple[TrendPoint, ...]


@dataclass(frozen=True)
class RadarMeetingView:
    id: int
    meeting_date: dt.date
    participants: str
    weights: Mapping[str, Mapping[str, Decimal]]
    notes: str


# ---- catalogue ----------------------------------------------------------------------------------


def catalogue() -> Catalogue:
    return get_catalogue()


def catalogue_warnings() -> tuple[str, ...]:
    """Why the user's catalogue override was refused (empty when all is well)."""
    return get_catalogue().warnings


def card(tool: Tool, cat: Catalogue | None = None) -> ToolCard:
    cat = cat or get_catalogue()
    return ToolCard(
        tool.id,
        tool.model,
        str(cat.models.get(tool.model, tool.model)),
        tool.stages,
        tuple(str(cat.stages[s]) for s in tool.stages if s in cat.stages),
        tool.scope,
        str(tool.name),
        str(tool.purpose),
        str(tool.guidance),
        str(tool.primary_output.label),
    )


def list_tools(model: str | None = None, stage: str | None = None) -> list[ToolCard]:
    cat = get_catalogue()
    return [
        card(t, cat) for t in cat.tools if (model is None or t.model == model) and (stage is None or stage in t.stages)
    ]


# ---- scopes ---------------------------------------------------------------------------------------


def scope_options(db: Database, kind: str, year: int | None = None) -> list[ScopeRef]:
    """Records a tool of this scope kind can be filled in for (for the scope picker); with `year`,
    only those running in that budget year. One SELECT of ids and labels."""
    with db.session() as s:
        return _scope_options(s, kind, year)


def _running_in(year: int) -> Any:
    """SQL condition: the contract has a tranche in the budget year, or runs in it without tranches
    (the same rule as engine.contract_years)."""
    has_tranche = exists().where(Tranche.contract_id == Contract.id)
    return or_(
        Contract.id.in_(select(Tranche.contract_id).where(Tranche.budget_year == year)),
        and_(~has_tranche, Contract.start_date <= dt.date(year, 12, 31), Contract.end_date >= dt.date(year, 1, 1)),
    )


class _ExcelSemicolon(csv.excel):
    """Excel's CSV with the Polish separator (a subclass: setting csv.excel's own delimiter would
    change it for every later user of that class)."""

    delimiter = ";"


def _scope_options(s: Session, kind: str, year: int | None = None) -> list[ScopeRef]:
    if kind == "contract":
        contracts = select(Contract.id, Contract.number, Contract.title).order_by(Contract.start_date, Contract.number)
        if year is not None:
            contracts = contracts.where(_running_in(year))
        return [ScopeRef("contract", cid, f"{number} {title}".strip()) for cid, number, title in s.execute(contracts)]
    if kind == "task":
        tasks = select(PublicTask.id, PublicTask.title).order_by(PublicTask.title)
        if year is not None:
            tasks = tasks.where(PublicTask.id.in_(select(Contract.task_id).where(_running_in(year))))
        return [ScopeRef("task", tid, title) for tid, title in s.execute(tasks)]
    if kind == "programme":
        programmes = select(
            CooperationProgramme.id,
            CooperationProgramme.title,
            CooperationProgramme.year_from,
            CooperationProgramme.year_to,
        ).order_by(CooperationProgramme.year_from)
        if year is not None:
            programmes = programmes.where(CooperationProgramme.year_from <= year, CooperationProgramme.year_to >= year)
        return [ScopeRef("programme", pid, title or f"{y0}–{y1}") for pid, title, y0, y1 in s.execute(programmes)]
    return [ScopeRef("gmina", 0, _("whole gmina"))]


def years_for(db: Database, scope_kind: str, scope_id: int = 0) -> list[int]:
    """Budget years a tool can be filled in for this record (for the year picker), newest last."""
    with db.session() as s:
        if scope_kind in ("contract", "task", "gmina"):
            picked = {"contract": Contract.id == scope_id, "task": Contract.task_id == scope_id}.get(scope_kind)
            # years of the tranches; a contract without tranches counts the years it runs
            ty = select(Tranche.budget_year).join(Contract, Contract.id == Tranche.contract_id).distinct()
            bare = select(Contract.start_date, Contract.end_date).where(
                ~exists().where(Tranche.contract_id == Contract.id)
            )
            if picked is not None:
                ty, bare = ty.where(picked), bare.where(picked)
            years = set(s.scalars(ty))
            for start, end in s.execute(bare):
                years |= set(range(start.year, end.year + 1))
        elif scope_kind == "programme":
            p = s.get(CooperationProgramme, scope_id)
            years = set(range(p.year_from, p.year_to + 1)) if p is not None else set()
        else:
            years = set()
        years |= set(
            s.scalars(
                select(ToolEntry.year).where(
                    ToolEntry.scope_kind == scope_kind, ToolEntry.scope_id == (0 if scope_kind == "gmina" else scope_id)
                )
            )
        )
        return sorted(years)


def _scope_ref(s: Session, kind: str, scope_id: int) -> ScopeRef:
    if kind not in SCOPE_KINDS:
        raise ValidationFailed([FieldError("scope_kind", _("Scope"), _("unknown scope"))])
    if kind == "gmina":
        return ScopeRef("gmina", 0, _("whole gmina"))
    # columns only: a contract object would load all its tranches, reports, results...
    label: str | None
    if kind == "contract":
        found = s.execute(select(Contract.number, Contract.title).where(Contract.id == scope_id)).first()
        label = f"{found[0]} {found[1]}".strip() if found is not None else None
    else:
        models: dict[str, type[PublicTask] | type[CooperationProgramme]] = {
            "task": PublicTask,
            "programme": CooperationProgramme,
        }
        model = models[kind]
        titled = s.execute(select(model.title).where(model.id == scope_id)).first()
        label = (titled[0] or str(scope_id)) if titled is not None else None
    if label is None:
        raise NotFound(_("The record for this tool no longer exists."))
    return ScopeRef(kind, scope_id, label)


def _check_tool(tool_id: str, scope_kind: str) -> Tool:
    cat = get_catalogue()
    if not cat.has_tool(tool_id):
        raise NotFound(_("There is no tool {id} in the catalogue.").format(id=tool_id))
    tool = cat.tool(tool_id)
    if scope_kind != tool.scope:
        raise ValidationFailed(
            [
                FieldError(
                    "scope_kind",
                    _("Scope"),
                    _("tool {id} is filled in for a different kind of record").format(id=tool_id),
                )
            ]
        )
    return tool


def _check_year(year: Any) -> int:
    if not isinstance(year, int) or not 2000 <= year <= 2100:
        raise ValidationFailed([FieldError("year", _("Year"), _("enter a budget year between 2000 and 2100"))])
    return year


# ---- views of computations ------------------------------------------------------------------------


def _output_views(tool: Tool, outputs: Mapping[str, Any]) -> tuple[OutputView, ...]:
    views = []
    for o in tool.outputs:
        value = typed_output(o.type, outputs.get(o.key))
        band = o.band_for(value) if o.type != "table" else None
        columns = tuple((c.key, str(c.label), c.type) for c in o.columns)
        rows: tuple[tuple[str, ...], ...] = ()
        if o.type == "table" and value is not None:
            value = tuple(
                {k: typed_output(next((c.type for c in o.columns if c.key == k), "text"), v) for k, v in r.items()}
                for r in value
            )
            if is_summary_table(tool, o.key):  # raw ids and values, worded in the reader's language
                rows = tuple(tuple(summary_row(r)[c.key] for c in o.columns) for r in value)
            else:
                rows = tuple(tuple(_cell_text(tool, c.key, c.type, r.get(c.key)) for c in o.columns) for r in value)
        views.append(
            OutputView(
                o.key,
                str(o.label),
                o.type,
                value,
                format_value(o, value) if value is not None else "—",
                band.level if band else None,
                str(band.label) if band else "",
                o.primary,
                o.chart,
                columns,
                rows,
            )
        )
    return tuple(views)


def _cell_text(tool: Tool, key: str, typ: str, value: Any) -> str:
    """A table cell as shown; codes that the catalogue names (W-10 areas, option values) get their label."""
    areas = tool.params.get("areas")
    if key == "area" and isinstance(areas, dict) and str(value) in areas:
        a = areas[str(value)]
        from app.core.i18n import current_language

        return str(a.get("label_en") if current_language() == "en" and a.get("label_en") else a.get("label_pl", value))
    if value is not None and key in ("criterion", "area", "form", "element"):
        for inp in tool.inputs:  # a row naming one of the tool's inputs (J-02, J-07 flags, W-08 forms)
            if inp.key == str(value):
                return str(inp.label)
            item = next((i for i in inp.items if i.key == str(value)), None)  # checklist items (W-03, W-07)
            if item is not None:
                return str(item.label)
    if value is not None and key == "item":  # J-05: a question (a column of the answers table)
        for inp in tool.inputs:
            col = next((c for c in inp.columns if c.key == str(value)), None)
            if col is not None:
                return str(col.label)
    if key == "year" and isinstance(value, (int, Decimal)) and value == int(value):
        return str(int(value))  # a year, not an amount: 2024, never "2 024"
    if value is not None and key in ("state", "tone", "status"):
        for inp in tool.inputs:
            for opt in (*inp.options, *(o for col in inp.columns for o in col.options)):
                if opt.value == str(value):
                    return str(opt.label)
    return format_typed(typ, value)


def _view(tool: Tool, comp: Computation, version: str, computed_at: dt.datetime | None, stored: bool) -> ToolResultView:
    return ToolResultView(
        tool.id,
        str(tool.name),
        comp.scope_kind,
        comp.scope_id,
        comp.year,
        comp.ran,
        _output_views(tool, to_json(dict(comp.outputs))),
        comp.problems,
        comp.inputs_used,
        version,
        computed_at,
        stored,
    )


def _stored_view(tool: Tool, r: ToolResult) -> ToolResultView:
    problems = tuple(FieldError(p.get("field", ""), p.get("label", ""), p.get("message", "")) for p in r.problems or [])
    return ToolResultView(
        tool.id,
        str(tool.name),
        r.scope_kind,
        r.scope_id,
        r.year,
        bool(r.outputs),
        _output_views(tool, r.outputs or {}),
        problems,
        r.inputs_used or {},
        r.catalogue_version,
        r.computed_at,
        True,
    )


# ---- forms, preview, save -----------------------------------------------------------------------------


def open_tool(
    db: Database, tool_id: str, scope_kind: str, scope_id: int, year: int, as_of: dt.date | None = None
) -> ToolForm:
    """The form of a tool for a record and year: entered values, values the app knows, current result."""
    tool = _check_tool(tool_id, scope_kind)
    _check_year(year)
    sid = 0 if scope_kind == "gmina" else scope_id
    with db.session() as s:
        scope = _scope_ref(s, scope_kind, sid)
        entry = _entry(s, tool_id, scope_kind, sid, year)
        eng = Engine(s, as_of=as_of)
        suggested, origin = eng.gather(tool, (scope_kind, sid), year, None)
        entered = dict(entry.inputs or {}) if entry else {}
        states = []
        for inp in tool.inputs:
            sug = to_json(suggested.get(inp.key)) if inp.key in suggested else None
            if sug is not None and is_summary_table(tool, inp.key):
                sug = [summary_row(r) for r in sug]  # the form shows words; save_entry knows them again
            if not _blank(entered.get(inp.key)):
                states.append(InputState(inp.key, entered[inp.key], "entered", sug))
            elif sug is not None:
                states.append(InputState(inp.key, sug, origin[inp.key], sug))
            elif inp.default is not None:
                states.append(InputState(inp.key, inp.default, "default", None))
            else:
                states.append(InputState(inp.key, None, "", None))
        comp = eng.compute(tool_id, (scope_kind, sid), year)
        return ToolForm(
            tool,
            scope,
            year,
            tuple(states),
            entry is not None,
            entry.entered_by if entry else "",
            entry.entered_at if entry else None,
            _view(tool, comp, get_catalogue().version, None, False),
        )


def preview(
    db: Database,
    tool_id: str,
    scope_kind: str,
    scope_id: int,
    year: int,
    inputs: Mapping[str, Any],
    as_of: dt.date | None = None,
) -> ToolResultView:
    """The result the given values would give (nothing is saved); problems name each field."""
    tool = _check_tool(tool_id, scope_kind)
    _check_year(year)
    sid = 0 if scope_kind == "gmina" else scope_id
    with db.session() as s:
        comp = Engine(s, as_of=as_of).compute(tool_id, (scope_kind, sid), year, entered=dict(inputs))
        return _view(tool, comp, get_catalogue().version, None, False)


def run_on_inputs(tool_id: str, inputs: Mapping[str, Any]) -> dict[str, Any] | None:
    """A catalogue tool's outputs from the given inputs alone (no database), None when its formula could
    not run: how a document that holds answers, not records (the drogowskaz), asks the tool itself."""
    from app.core.tools.engine import evaluate

    outputs, _problems, ran = evaluate(get_catalogue().tool(tool_id), inputs)
    return dict(outputs) if ran else None


def validate_inputs(tool_id: str, inputs: Mapping[str, Any]) -> list[FieldError]:
    """Errors of the values themselves (not a number, out of range, Likert outside 1–5); a missing
    value is not an error here – a half-filled tool may be saved and says what it still needs."""
    tool = get_catalogue().tool(tool_id)
    _values, errors = coerce_inputs(tool, dict(inputs.items()))
    return [e for e in errors if e.message != _("is missing") and e.message != _("enter at least one row")]


def save_entry(
    db: Database,
    tool_id: str,
    scope_kind: str,
    scope_id: int,
    year: int,
    inputs: Mapping[str, Any],
    entered_by: str | None = None,
    as_of: dt.date | None = None,
) -> ToolResultView:
    """Save what the clerk entered (values equal to what the app knows are not copied, so later
    changes in the records still flow in), compute and store the result and the tools reading it."""
    tool = _check_tool(tool_id, scope_kind)
    _check_year(year)
    errors = validate_inputs(tool_id, inputs)
    if errors:
        raise ValidationFailed(errors)
    sid = 0 if scope_kind == "gmina" else scope_id
    known = {i.key for i in tool.inputs}
    with db.session() as s:
        _scope_ref(s, scope_kind, sid)
        values, _errs = coerce_inputs(tool, inputs)
        unmatched = _write_back_achieved(db, s, tool, scope_kind, sid, year, inputs, values)
        eng = Engine(s, as_of=as_of)  # after the write-back: the records now hold the achieved values
        suggested, _origin = eng.gather(tool, (scope_kind, sid), year, None)
        typed_suggested, _e2 = coerce_inputs(tool, suggested)
        keep = {}
        for k, v in inputs.items():
            if k not in known or _blank(v):
                continue
            if k in suggested and values.get(k) == typed_suggested.get(k):
                continue  # the same as the records say: keep reading it from the records
            if k in suggested and is_summary_table(tool, k) and _same_summary(values.get(k), suggested[k]):
                continue  # the summary as the form showed it (worded): kept raw, read anew each time
            keep[k] = to_json(values.get(k)) if values.get(k) is not None else to_json(v)
        entry = _entry(s, tool_id, scope_kind, sid, year)
        if entry is None:
            entry = ToolEntry(tool_id=tool_id, scope_kind=scope_kind, scope_id=sid, year=year)
            s.add(entry)
        entry.inputs = keep
        entry.entered_by = entered_by or current_os_user()
        entry.entered_at = utcnow()
        s.flush()
        eng = Engine(s, as_of=as_of)
        comp = eng.compute(tool_id, (scope_kind, sid), year)
        eng.store(comp)
        _refresh_dependents(eng, tool_id, (scope_kind, sid), year)
        view = _view(tool, comp, get_catalogue().version, utcnow(), True)
        if unmatched:  # said once, on saving (not stored with the result)
            view = replace(view, problems=view.problems + tuple(unmatched))
        return view


def _same_summary(entered: Any, raw: Any) -> bool:
    """Entered summary rows equal to the raw rows as worded for the form (open_tool)."""
    shown = [summary_row(r) for r in to_json(raw) or ()]
    typed = [
        {
            k: ("—" if k == "value" and _blank(r.get(k)) else "" if r.get(k) is None else str(r.get(k)))
            for k in ("tool", "output", "value")
        }
        for r in entered or ()
    ]
    return typed == shown


#: the catalogue source of the results tables (J-04, E-11) whose achieved values belong to the contract
RESULTS_SOURCE = "results"


def _write_back_achieved(
    db: Database,
    s: Session,
    tool: Tool,
    scope_kind: str,
    sid: int,
    year: int,
    inputs: Mapping[str, Any],
    values: Mapping[str, Any],
) -> list[FieldError]:
    """The achieved values of a contract's results table go to the contract's ResultValue rows (the
    source of truth of the contract card and the annual report) in the entry's own transaction, so
    the entry then reads them from the records instead of keeping a copy. Returns notes naming rows
    that match no planned result (they stay in the tool's entry only)."""
    if scope_kind != "contract":
        return []
    from app.core.services.contracts import AchievedRow, record_achieved

    notes: list[FieldError] = []
    for inp in tool.inputs:
        if inp.type != "table" or inp.source != RESULTS_SOURCE or _blank(inputs.get(inp.key)):
            continue
        period = s.execute(select(Contract.start_date, Contract.end_date).where(Contract.id == sid)).first()
        if period is None or not period[0].year <= year <= period[1].year:
            continue  # a year outside the contract: nothing of the contract to write to
        rows = [
            AchievedRow(str(r.get("name")), str(r.get("unit") or ""), r.get("achieved"))
            for r in values.get(inp.key) or ()
            if r.get("name")
        ]
        outcome = record_achieved(db, sid, year, rows, session=s)
        s.flush()
        for name in outcome.unmatched:
            notes.append(
                FieldError(
                    inp.key,
                    str(inp.label),
                    _(
                        "\u201c{name}\u201d is not among the contract's planned results: saved only in the tools "
                        "(add it in the contract to show it on the contract card)."
                    ).format(name=name),
                )
            )
    return notes


def _reading_scopes(
    eng: Engine, tool: Tool, changed: set[tuple[str, str, int]], year: int
) -> list[tuple[str, int]] | None:
    """Scopes of `tool` that can read one of the changed (tool, scope) results; None = all of them.
    A tool reads another at its related scope: a contract reads its own and its task's results."""
    scopes: set[tuple[str, int]] = set()
    for _tid, kind, sid in changed:
        if kind in ("gmina", "programme"):
            return None  # every record reads the gmina: recompute them all
        if tool.scope == kind:
            scopes.add((kind, sid))
        if kind == "contract" and tool.scope == "task":
            c = eng.records.contract(sid)
            if c is not None and c.task_id is not None:
                scopes.add(("task", c.task_id))
        if kind == "task" and tool.scope == "contract":
            scopes |= {("contract", c.id) for c in eng.records.task_contracts(sid) if year in c.years}
        if tool.scope in ("gmina", "programme"):
            return None
    return sorted(scopes)


def _refresh_dependents(eng: Engine, tool_id: str, scope: tuple[str, int], year: int) -> None:
    """Recompute, for the year, the tools that read this tool's outputs (directly or not); only the
    records that can read the changed one (a contract's save does not recompute the whole gmina)."""
    cat = eng.catalogue
    changed_at: set[tuple[str, str, int]] = {(tool_id, *scope)}
    changed = {tool_id}
    for t in dependency_order(cat):
        reads = {i.source[5:].split(".")[0] for i in t.inputs if i.source and i.source.startswith("tool:")}
        if any(i.source and i.source.startswith("model_summary.") for i in t.inputs):
            reads |= {x.id for x in cat.by_model(t.model)}
        if t.id in changed or not reads & changed:
            continue
        changed.add(t.id)
        targets = _reading_scopes(eng, t, {c for c in changed_at if c[0] in reads}, year)
        pairs = (
            [(sc, y) for sc, y in eng.scopes_for(t) if y == year] if targets is None else [(sc, year) for sc in targets]
        )
        for sc, y in pairs:
            comp = eng.compute(t.id, sc, y)
            if comp.outputs or comp.has_entry:
                eng.store(comp)
            changed_at.add((t.id, *sc))


def delete_entry(db: Database, tool_id: str, scope_kind: str, scope_id: int, year: int) -> None:
    sid = 0 if scope_kind == "gmina" else scope_id
    with db.session() as s:
        entry = _entry(s, tool_id, scope_kind, sid, year)
        if entry is not None:
            s.delete(entry)
        t = ToolResult.__table__
        s.execute(
            delete(t).where(t.c.tool_id == tool_id, t.c.scope_kind == scope_kind, t.c.scope_id == sid, t.c.year == year)
        )


def entry_exists(db: Database, tool_id: str, scope_kind: str, scope_id: int, year: int) -> bool:
    """Whether values were already saved for this tool, record and year (a wizard must not write over them)."""
    sid = 0 if scope_kind == "gmina" else scope_id
    with db.session() as s:
        return _entry(s, tool_id, scope_kind, sid, year) is not None


def _entry(s: Session, tool_id: str, kind: str, sid: int, year: int) -> ToolEntry | None:
    return s.scalars(
        select(ToolEntry).where(
            ToolEntry.tool_id == tool_id,
            ToolEntry.scope_kind == kind,
            ToolEntry.scope_id == sid,
            ToolEntry.year == year,
        )
    ).first()


def compute_tool(
    db: Database,
    tool_id: str,
    scope_kind: str,
    scope_id: int,
    year: int,
    store: bool = True,
    as_of: dt.date | None = None,
) -> ToolResultView:
    tool = _check_tool(tool_id, scope_kind)
    sid = 0 if scope_kind == "gmina" else scope_id
    with db.session() as s:
        eng = Engine(s, as_of=as_of)
        comp = eng.compute(tool_id, (scope_kind, sid), year)
        if store:
            eng.store(comp)
        return _view(tool, comp, get_catalogue().version, utcnow() if store else None, store)


def recompute_all(db: Database, as_of: dt.date | None = None, full: bool = True) -> RecomputeSummary:
    """Every stored result made current; `full=False` recomputes only what changed since the last
    recompute (engine.recompute_all), with the same figures."""
    with db.session() as s:
        return _recompute_all(s, as_of=as_of, full=full)


# ---- stored results: usage, contract page, trends -------------------------------------------------------


def stored_result(db: Database, tool_id: str, scope_kind: str, scope_id: int, year: int) -> ToolResultView | None:
    tool = get_catalogue().tool(tool_id)
    with db.session() as s:
        r = s.scalars(
            select(ToolResult).where(
                ToolResult.tool_id == tool_id,
                ToolResult.scope_kind == scope_kind,
                ToolResult.scope_id == scope_id,
                ToolResult.year == year,
            )
        ).first()
        return _stored_view(tool, r) if r is not None else None


def _primary_value(tool: Tool, r: ToolResult) -> tuple[Decimal | None, str]:
    return _primary_of(tool, (r.outputs or {}).get(tool.primary_output.key))


def _primary_of(tool: Tool, raw: Any) -> tuple[Decimal | None, str]:
    """The primary output's value and text from its stored JSON value."""
    out = tool.primary_output
    value = typed_output(out.type, raw)
    if out.type == "table":
        return None, format_value(out, raw) if raw is not None else "—"
    try:
        num = Decimal(value) if value is not None and not isinstance(value, (str, bool)) else None
    except (InvalidOperation, TypeError):
        num = None
    return num, format_value(out, raw) if raw is not None else "—"


def trend(db: Database, tool_id: str, scope_kind: str, scope_id: int) -> list[TrendPoint]:
    """The tool's primary output per year (stored results) – for the year-over-year chart."""
    tool = get_catalogue().tool(tool_id)
    with db.session() as s:
        rs = s.scalars(
            select(ToolResult)
            .where(ToolResult.tool_id == tool_id, ToolResult.scope_kind == scope_kind, ToolResult.scope_id == scope_id)
            .order_by(ToolResult.year)
        )
        return [TrendPoint(r.year, *_primary_value(tool, r)) for r in rs]


def contract_tools(db: Database, contract_id: int) -> list[ContractToolRow]:
    """For a contract's page: each tool of the contract (and of its task) with its latest result and trend."""
    cat = get_catalogue()
    with db.session() as s:
        row = s.execute(select(Contract.task_id).where(Contract.id == contract_id)).first()
        if row is None:
            raise NotFound(_("There is no contract with id {id}.").format(id=contract_id))
        task_id = row[0]
        where = and_(ToolResult.scope_kind == "contract", ToolResult.scope_id == contract_id)
        if task_id:
            where = or_(where, and_(ToolResult.scope_kind == "task", ToolResult.scope_id == task_id))
        results: dict[str, list[ToolResult]] = {}
        for r in s.scalars(select(ToolResult).where(where).order_by(ToolResult.year, ToolResult.id)):
            results.setdefault(r.tool_id, []).append(r)
        rows = []
        for t in cat.tools:
            if t.scope not in ("contract", "task"):
                continue
            rs = results.get(t.id, [])
            rows.append(
                ContractToolRow(
                    card(t, cat),
                    _stored_view(t, rs[-1]) if rs else None,
                    tuple(TrendPoint(r.year, *_primary_value(t, r)) for r in rs),
                )
            )
        return rows


_PRESENT_NULL = object()  # an output stored as JSON null (computed as "not available")


def usage_matrix(
    db: Database, scope_kind: str = "contract", year: int | None = None, model: str | None = None
) -> UsageMatrix:
    """Which tools were used for which record (and year): done, incomplete or missing."""
    cat = get_catalogue()
    tools = [t for t in cat.tools if t.scope == scope_kind and (model is None or t.model == model)]
    with db.session() as s:
        scopes = _scope_options(s, scope_kind)
        # per tool, only its primary output is read from the stored JSON (not whole tables of outputs)
        latest: dict[tuple[str, int], tuple[int, Any, Any, int]] = {}
        for t in tools:
            key = t.primary_output.key
            stmt = select(
                ToolResult.id, ToolResult.scope_id, ToolResult.year, ToolResult.outputs[key], ToolResult.problems
            ).where(ToolResult.tool_id == t.id, ToolResult.scope_kind == scope_kind)
            if year is not None:
                stmt = stmt.where(ToolResult.year == year)
            nulls: dict[int, tuple[str, int]] = {}
            for rid, sid, y, value, problems in s.execute(stmt.order_by(ToolResult.year, ToolResult.id)):
                latest[(t.id, sid)] = (y, value, problems, rid)
                if value is None:
                    nulls[rid] = (t.id, sid)
            # JSON null and a missing key read alike: tell them apart on the (few) rows concerned
            ids = list(nulls)
            for n in range(0, len(ids), 500):
                for rid, outputs in s.execute(
                    select(ToolResult.id, ToolResult.outputs).where(ToolResult.id.in_(ids[n : n + 500]))
                ):
                    k = nulls[rid]
                    if outputs and key in outputs and latest[k][3] == rid:
                        y, _v, problems, _rid = latest[k]
                        latest[k] = (y, _PRESENT_NULL, problems, rid)
        entries = {
            (tid, sid)
            for tid, sid in s.execute(
                select(ToolEntry.tool_id, ToolEntry.scope_id).where(ToolEntry.scope_kind == scope_kind)
            )
        }
        cells = {}
        for t in tools:
            for sc in scopes:
                r = latest.get((t.id, sc.id))
                if r is None:
                    status = "incomplete" if (t.id, sc.id) in entries else "missing"
                    cells[(t.id, sc.kind, sc.id)] = UsageCell(t.id, sc, year or 0, status, "—")
                    continue
                r_year, value, problems, _rid = r
                if value is not None:
                    _num, text = _primary_of(t, None if value is _PRESENT_NULL else value)
                    cells[(t.id, sc.kind, sc.id)] = UsageCell(t.id, sc, r_year, "done", text)
                else:
                    first = (problems or [{}])[0]
                    msg = f"{first.get('label', '')}: {first.get('message', '')}".strip(": ")
                    cells[(t.id, sc.kind, sc.id)] = UsageCell(t.id, sc, r_year, "incomplete", msg or "—")
        return UsageMatrix(year, scope_kind, tuple(card(t, cat) for t in tools), tuple(scopes), cells)


# ---- indices and RADAR meetings -------------------------------------------------------------------


def indices(
    db: Database,
    contract_ids: list[int] | None = None,
    year: int | None = None,
    weights: Mapping[str, Mapping[str, Any]] | None = None,
    as_of: dt.date | None = None,
) -> list[IndexValue]:
    from app.core.tools.figures import indices as model_indices

    with db.session() as s:  # stored when current (figures), computed otherwise
        return model_indices(s, contract_ids, year, weights=weights, as_of=as_of)


def indices_by(db: Database, level: str, year: int | None = None, as_of: dt.date | None = None) -> list[IndexRow]:
    """level: contract | task | area | year | gmina."""
    with db.session() as s:
        return index_table(s, level, year, as_of=as_of)


def index_trend(db: Database, model: str, contract_id: int | None = None) -> list[TrendPoint]:
    """A model's composite index per year, as stored by the last recompute (a contract, or the gmina)."""
    from app.core.i18n import format_decimal
    from app.core.tools.indices import INDEX_PREFIX

    kind, sid = ("contract", contract_id) if contract_id is not None else ("gmina", 0)
    with db.session() as s:
        rs = s.scalars(
            select(ToolResult)
            .where(
                ToolResult.tool_id == INDEX_PREFIX + model, ToolResult.scope_kind == kind, ToolResult.scope_id == sid
            )
            .order_by(ToolResult.year)
        )
        out = []
        for r in rs:
            v = (r.outputs or {}).get("value")
            value = Decimal(v) if v is not None else None
            out.append(TrendPoint(r.year, value, format_decimal(value, 1) if value is not None else "—"))
        return out


#: how far a model's weights may miss 100 % (three thirds typed as 33,33 % add up to 99,99 %)
WEIGHT_SUM_TOLERANCE = Decimal("0.0005")


def validate_weights(
    weights: Mapping[str, Mapping[str, Any]],
) -> tuple[dict[str, dict[str, Decimal]], list[FieldError]]:
    """Weights as fractions (0.25 = 25 %); each model's weights (those not given keep the catalogue's)
    must add up to 100 % — an error on field `weights.MODEL` naming the index otherwise."""
    cat = get_catalogue()
    out: dict[str, dict[str, Decimal]] = {}
    errors = []
    for model, comps in weights.items():
        index = cat.indices.get(model)
        if index is None:
            errors.append(FieldError(f"weights.{model}", model, _("there is no index for this model")))
            continue
        known = {c.key: c for c in index.components}
        out[model] = {}
        errors_before = len(errors)
        for key, raw in comps.items():
            label = str(known[key].label) if key in known else key
            if key not in known:
                errors.append(FieldError(f"weights.{model}.{key}", label, _("not a component of this index")))
                continue
            try:
                w = Decimal(str(raw).replace(",", ".").strip())
            except InvalidOperation:
                errors.append(FieldError(f"weights.{model}.{key}", label, _("is not a number")))
                continue
            if not w.is_finite() or w < 0:
                errors.append(FieldError(f"weights.{model}.{key}", label, _("cannot be negative")))
                continue
            out[model][key] = w
        if len(errors) > errors_before:
            continue  # a wrong weight is named on its own; its sum would only repeat it
        full = {**index.default_weights(), **out[model]}
        total = sum(full.values(), Decimal(0))
        if abs(total - 1) > WEIGHT_SUM_TOLERANCE:
            from app.core.i18n import format_percent

            errors.append(
                FieldError(
                    f"weights.{model}",
                    str(index.name),
                    _("the weights must add up to 100 % (now {total})").format(total=format_percent(total, 2)),
                )
            )
    return out, errors


def save_radar_meeting(
    db: Database,
    meeting_date: dt.date | None,
    participants: str,
    weights: Mapping[str, Mapping[str, Any]],
    notes: str = "",
    meeting_id: int | None = None,
) -> RadarMeetingView:
    """Record a RADAR meeting and the weights agreed (they apply to indices from now on)."""
    clean, errors = validate_weights(weights)
    if not isinstance(meeting_date, dt.date):
        errors.insert(0, FieldError("meeting_date", _("Meeting date"), _("is missing")))
    if not participants.strip():
        errors.append(FieldError("participants", _("Participants"), _("is missing")))
    if errors:
        raise ValidationFailed(errors)
    with db.session() as s:
        m = s.get(RadarMeeting, meeting_id) if meeting_id else None
        if m is None:
            m = RadarMeeting()
            s.add(m)
        assert isinstance(meeting_date, dt.date)  # refused above otherwise
        m.meeting_date = meeting_date
        m.participants = participants.strip()
        m.weights = {k: {kk: str(vv) for kk, vv in v.items()} for k, v in clean.items()}
        m.notes = notes
        s.flush()
        return _meeting_view(m)


def _meeting_view(m: RadarMeeting) -> RadarMeetingView:
    return RadarMeetingView(
        m.id,
        m.meeting_date,
        m.participants,
        {k: {kk: Decimal(str(vv)) for kk, vv in v.items()} for k, v in (m.weights or {}).items()},
        m.notes,
    )


def radar_meetings(db: Database) -> list[RadarMeetingView]:
    with db.session() as s:
        return [_meeting_view(m) for m in s.scalars(select(RadarMeeting).order_by(RadarMeeting.meeting_date.desc()))]


# ---- CSV import of table rows (J-05 answers, J-06 scores) ------------------------------------------


def rows_from_csv(tool_id: str, input_key: str, text: str) -> tuple[list[dict[str, Any]], list[FieldError]]:
    """Rows for a table input from CSV text; the header names columns by key or by label (pl/en),
    separator ; , or tab. Values are checked like typed ones; errors name row and column."""
    tool = get_catalogue().tool(tool_id)
    inp = tool.input(input_key)
    sample = text[:2048]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=";,\t")
    except csv.Error:
        dialect = _ExcelSemicolon
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")), dialect)
    rows = list(reader)
    if not rows:
        return [], [FieldError(input_key, str(inp.label), _("the file is empty"))]
    names = {}
    for c in inp.columns:
        for n in (c.key, c.label.pl, c.label.en):
            names[n.strip().lower()] = c.key
    header = [names.get(h.strip().lower()) for h in rows[0]]
    if not any(header):
        return [], [
            FieldError(
                input_key,
                str(inp.label),
                _("the first line must name the columns: {names}").format(names=", ".join(c.key for c in inp.columns)),
            )
        ]
    out = [{k: v.strip() for k, v in zip(header, r) if k} for r in rows[1:] if any(x.strip() for x in r)]
    _values, errors = coerce_inputs(tool, {input_key: out})
    errors = [e for e in errors if e.field.startswith(f"{input_key}.")]
    return out, errors
