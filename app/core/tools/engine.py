"""The indicator engine: gathers a tool's inputs (entered, read from records, other tools' outputs),
runs its formula and keeps what was used, so a printed figure can be reproduced.

One `Engine` per unit of work (a session): computations are cached, so E-13 reading E-03 reading
E-01 and E-02 computes each once. Nothing here writes except `store()` and `recompute_all()`.

Speed: the records come from a `Snapshot` (plain rows, no ORM objects). `recompute_all` reads the
gmina's contracts once, computes the programme and gmina tools year by year, then the contract and task
tools in pieces of whole tasks, year by year within a piece (a tool reads only its year's tools of its
contract, its task and the gmina, so a piece-year's computations are dropped once written, and a piece's
records once it is done: `_recompute_in_pieces`) and writes results in batches; a form
(`Engine(full=False)`) reads only its scope's records. Both paths give the same figures
(tests/core/tools/test_tools_recompute.py). `recompute_all(full=False)` recomputes only the records the
change log says changed since the last recompute (incremental.py), with the same figures
(tests/core/tools/test_tools_incremental.py).
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import logging
from collections.abc import Container, Iterable, Iterator, Mapping, MutableMapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from decimal import Decimal
from json.encoder import c_make_encoder, encode_basestring_ascii  # type: ignore[attr-defined]
from types import MappingProxyType
from typing import Any, cast

from sqlalchemy import JSON, Column, MetaData, Table, TypeDecorator, delete, func, insert, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from app.core.db.engine import bulk_write
from app.core.db.models import Contract, PublicTask, RadarMeeting, ToolEntry, ToolResult
from app.core.db.models.base import utcnow
from app.core.errors import FieldError
from app.core.i18n import _, current_language
from app.core.tools import sources
from app.core.tools.catalogue import Catalogue, IndexDef, Tool, get_catalogue
from app.core.tools.formulas import FORMULAS, Ctx, ToolInputError
from app.core.tools.snapshot import NARROW_KINDS, Snapshot, SnapshotContract
from app.core.tools.values import coerce_inputs, to_json

log = logging.getLogger(__name__)

ScopeKey = tuple[str, int]  # (kind, id); the gmina is ("gmina", 0)
GMINA: ScopeKey = ("gmina", 0)
ORIGIN_ENTERED, ORIGIN_DATABASE, ORIGIN_TOOL, ORIGIN_DEFAULT = "entered", "database", "tool", "default"


_SET = object.__setattr__


@dataclass(frozen=True, slots=True)
class Computation:
    tool_id: str
    scope_kind: str
    scope_id: int
    year: int
    #: typed outputs (Decimal, int, str, bool, date, tuple of dicts); only those computed
    outputs: Mapping[str, Any]
    #: typed input values used and where each came from (entered | database | tool | default)
    values: Mapping[str, Any]
    origins: Mapping[str, str]
    problems: tuple[FieldError, ...]
    #: False when the formula could not run (a required input missing or invalid)
    ran: bool
    params: Mapping[str, Any] = field(default_factory=dict)
    has_entry: bool = False

    def __init__(
        self,
        tool_id: str,
        scope_kind: str,
        scope_id: int,
        year: int,
        outputs: Mapping[str, Any],
        values: Mapping[str, Any],
        origins: Mapping[str, str],
        problems: tuple[FieldError, ...],
        ran: bool,
        params: Mapping[str, Any] | None = None,
        has_entry: bool = False,
    ) -> None:
        # the generated __init__ of a frozen dataclass looks object.__setattr__ up for each field: a
        # recompute of L builds ~370 000 computations (slots: no dict per instance).
        s = _SET
        s(self, "tool_id", tool_id)
        s(self, "scope_kind", scope_kind)
        s(self, "scope_id", scope_id)
        s(self, "year", year)
        s(self, "outputs", outputs)
        s(self, "values", values)
        s(self, "origins", origins)
        s(self, "problems", problems)
        s(self, "ran", ran)
        s(self, "params", {} if params is None else params)
        s(self, "has_entry", has_entry)

    @property
    def inputs_used(self) -> dict[str, Any]:
        """key → {"value": JSON form, "origin": ...}; built only when shown (tables are big)."""
        return {
            k: {"value": to_json(v), "origin": self.origins.get(k, ORIGIN_DEFAULT)}
            for k, v in self.values.items()
            if v not in (None, (), frozenset())
        }

    @property
    def stored_inputs(self) -> dict[str, Any]:
        """What a stored result keeps of its inputs (see `stored_inputs`)."""
        return stored_inputs(self.values, self.origins)


#: the inputs and origins of a slimmed computation (read by nobody once its row is written)
_NOTHING: Mapping[str, Any] = MappingProxyType({})


def stored_inputs(values: Mapping[str, Any], origins: Mapping[str, str]) -> dict[str, Any]:
    """The inputs a stored result keeps: each scalar as used, with its origin; a table (survey
    answers, the results table, E-14's summary) by its origin and row count.

    Why: the tables were 49 of the 103 MB a recompute of L wrote, and no screen reads them back
    (the form shows the inputs computed anew; the entry keeps what the clerk typed, the records and
    their change log what the app read, so the table can be rebuilt as of `computed_at`). A digest
    of each table was tried: encoding the tables to hash them cost as much as storing them."""
    out: dict[str, Any] = {}
    for k, v in values.items():
        if v is None or v == () or v == frozenset():
            continue
        origin = origins.get(k, ORIGIN_DEFAULT)
        if type(v) is tuple or type(v) is list:
            out[k] = {"origin": origin, "rows": len(v)}
        else:
            out[k] = {"value": v, "origin": origin}
    return out


def related_scope(records: Session | Snapshot, frm: ScopeKey, to_kind: str) -> ScopeKey | None:
    """Where a tool of scope `to_kind` lives relative to `frm` (a contract's task, the gmina...)."""
    kind, sid = frm
    if to_kind == kind:
        return frm
    if to_kind == "gmina":
        return GMINA
    if kind == "contract" and to_kind == "task":
        c = records.contract(sid) if isinstance(records, Snapshot) else records.get(Contract, sid)
        return ("task", c.task_id) if c is not None and c.task_id is not None else None
    return None


class Engine:
    """`full=True` (a recompute, gmina-wide indices) loads every record once up front; otherwise the
    engine reads only the records the computed scopes need (a form of one tool for one contract)."""

    def __init__(
        self, session: Session, catalogue: Catalogue | None = None, as_of: dt.date | None = None, full: bool = False
    ) -> None:
        self.session = session
        self.catalogue = catalogue or get_catalogue()
        self.as_of = as_of or dt.date.today()
        self.full = full
        self._cache: dict[tuple[str, str, int, int], Computation] = {}
        self._running: set[tuple[str, str, int, int]] = set()
        self._records: Snapshot | None = None
        self._weights: dict[str, tuple[dict[str, Decimal], str]] = {}
        self._index_weights: dict[str, tuple[Mapping[str, Decimal], str, tuple[tuple[str, Decimal], ...]]] = {}
        #: contract indices already computed: (model, contract id, year, weights) → (value, components)
        self.index_cache: dict[tuple[Any, ...], Any] = {}
        self._plans: dict[str, list[tuple[str, str | None, str]]] = {}
        self._summary_plans: dict[str, list[tuple[str, str, str, bool]]] = {}
        self._refs: dict[str, tuple[str, str, str | None]] = {}
        #: tool id → ((language, "No data entered yet." in it), the problems of a computation with no input)
        self._no_data_problems: dict[str, tuple[tuple[str, str], tuple[FieldError, ...]]] = {}
        self._keys: dict[str, tuple[str, ...]] = {}
        self._tools: dict[str, Tool] = {}
        #: scope kind → (the contracts asked for, their scope-years sorted, the same as a set): scopes_for
        self._base_pairs: dict[str, tuple[Any, list[tuple[ScopeKey, int]], set[tuple[ScopeKey, int]]]] = {}
        #: _scopes_in: the contracts asked for, the year, those of them running in it
        self._of_year: tuple[Any, int, list[SnapshotContract]] | None = None
        self._read: dict[str, set[str]] | None = None
        #: with `full`, read every tool entry up front (False: an incremental recompute reads its few)
        self.all_entries = True
        #: results known current (an incremental recompute that leaves them): their stored outputs, by key;
        #: a scope-year not there had no output. Of the programmes and the gmina when `frozen_wide`, and of
        #: the tools of `frozen_contract_tools` at the contracts of `frozen_contracts`
        self.frozen: dict[tuple[str, str, int, int], Computation] | None = None
        self.frozen_wide = True
        self.frozen_contracts: frozenset[int] = frozenset()
        self.frozen_contract_tools: frozenset[str] = frozenset()
        #: tools computed anew even where `frozen` holds their scope (_Wanted.dated: they read the reference
        #: date, which moved, a changed record outside the contracts' rows, or a programme or gmina tool)
        self.fresh: frozenset[str] = frozenset()
        #: the sources of each scope of one year (`source_scope`): the tools of a scope-year read the
        #: same sources, read once; what scopes share (`sources.Scope.shared`) lives with the snapshot
        self._scopes: dict[ScopeKey, sources.Scope] = {}
        self._scopes_year: int | None = None
        self._shared: dict[str, Any] = {}
        #: computations `forget` keeps (a recompute in pieces: the programme and gmina tools of every year)
        self.kept: dict[tuple[str, str, int, int], Computation] = {}

    @property
    def records(self) -> Snapshot:
        if self._records is None:
            self._records = Snapshot(self.session, full=self.full, entries=self.all_entries)
        return self._records

    def weights(self, index: IndexDef) -> tuple[dict[str, Decimal], str]:
        """The index weights in force (latest RADAR meeting or catalogue), read once per run."""
        if index.model not in self._weights:
            self._weights[index.model] = latest_weights(self.session, index)
        w, src = self._weights[index.model]
        return dict(w), src

    def index_weights(self, index: IndexDef) -> tuple[Mapping[str, Decimal], str, tuple[tuple[str, Decimal], ...]]:
        """weights(index), read-only and not copied, with contract_index's key of them (the sorted
        items): asked per contract-year by E-14's summary and the stored index rows."""
        got = self._index_weights.get(index.model)
        if got is None:
            w, src = self.weights(index)
            got = self._index_weights[index.model] = (MappingProxyType(w), src, tuple(sorted(w.items())))
        return got

    # ---- entries ----------------------------------------------------------------------------------

    def entries(self) -> dict[tuple[str, str, int, int], dict[str, Any]]:
        """Every entry of the gmina (a recompute); a form reads its one entry via `records.entry`."""
        return self.records.entries()

    # ---- computing --------------------------------------------------------------------------------

    def gather(
        self, tool: Tool, scope: ScopeKey, year: int, entered: Mapping[str, Any] | None
    ) -> tuple[dict[str, Any], dict[str, str]]:
        """Raw values per input and where each came from (an entered value wins)."""
        src_scope: sources.Scope | None = None
        raw: dict[str, Any] = {}
        origin: dict[str, str] = {}
        for key, how, arg in self._plan(tool):
            if entered:  # most computations have no entry
                value = entered.get(key)
                if value is not None and value != "" and value != [] and value != ():
                    raw[key], origin[key] = value, ORIGIN_ENTERED
                    continue
            if how is None:
                continue
            if how == "tool":
                value = self.tool_output(arg, scope, year)
                kind = ORIGIN_TOOL
            elif how == "summary":
                value = self.model_summary(arg, scope, year)
                kind = ORIGIN_DATABASE
            else:
                if src_scope is None:
                    src_scope = self.source_scope(scope, year)
                try:
                    value = sources.read_source(src_scope, arg)
                except Exception:  # a source must never break the tool; the clerk can still type it
                    log.exception("source %s failed for %s %s %s", arg, tool.id, scope, year)
                    value = None
                kind = ORIGIN_DATABASE
            if value is not None:
                raw[key], origin[key] = value, kind
        return raw, origin

    def source_scope(self, scope: ScopeKey, year: int) -> sources.Scope:
        """The sources of a scope and year, read once for all its tools. Only one year's are kept: a
        recompute computes year by year, and a year's tools read that year only."""
        if year != self._scopes_year:
            self._scopes.clear()
            if self._scopes_year is not None and year > self._scopes_year:
                sources.forget_before(self._shared, year, self.records.by_id)
            self._scopes_year = year
        got = self._scopes.get(scope)
        if got is None:
            got = self._scopes[scope] = sources.Scope(
                self.session, scope[0], scope[1], year, self.records, self._shared
            )
        return got

    def slim(self, comp: Computation) -> None:
        """Keep only the outputs of a computation in the cache (other tools and the indices read
        nothing else); its inputs were stored already. A recompute of a large gmina would otherwise
        hold every survey table of every year in memory."""
        key = (comp.tool_id, comp.scope_kind, comp.scope_id, comp.year)
        if self._cache.get(key) is comp:
            read = self._read_outputs().get(comp.tool_id, set())
            if not read:
                # no other tool, summary or index reads this tool: nobody asks for it again (and one
                # who did would have it recomputed); on L more than half of the ~180 000 cached
                # computations were of such tools
                del self._cache[key]
                self.records.release_entry(key)
                return
            outputs = comp.outputs
            if not read.issuperset(outputs):
                outputs = {k: v for k, v in outputs.items() if k in read}
            # the empty mappings shared: a year of XL keeps ~200 000 slimmed computations
            self._cache[key] = Computation(
                comp.tool_id,
                comp.scope_kind,
                comp.scope_id,
                comp.year,
                outputs,
                _NOTHING,
                _NOTHING,
                (),
                comp.ran,
                comp.params,
                comp.has_entry,
            )
            self.records.release_entry(key)

    def forget(self) -> None:
        """Drop every computation and index kept (a recompute between two years, or two years of a
        piece), but those in `kept` (the programme and gmina tools a piece's contracts read)."""
        self._cache.clear()
        self.index_cache.clear()
        if self.kept:
            self._cache.update(self.kept)

    def end_piece(self) -> None:
        """A recompute's piece is done: what the sources kept of its contracts goes (sources.Scope.shared)."""
        self._scopes.clear()
        self._scopes_year = None
        sources.forget_contracts(self._shared)

    def _read_outputs(self) -> dict[str, set[str]]:
        """tool id → the outputs other tools or the indices read (tool: sources, model summaries'
        primary outputs, index components)."""
        if self._read is None:
            cat = self.catalogue
            read: dict[str, set[str]] = {}
            for t in cat.tools:
                for i in t.inputs:
                    if i.source and i.source.startswith("tool:"):
                        tid, _dot, key = i.source[5:].partition(".")
                        read.setdefault(tid, set()).add(key)
                    elif i.source and i.source.startswith("model_summary."):
                        for x in cat.by_model(i.source.split(".", 1)[1]):
                            read.setdefault(x.id, set()).add(x.primary_output.key)
            for index in cat.indices.values():
                for c in index.components:
                    read.setdefault(c.tool_id, set()).add(c.output_key)
            self._read = read
        return self._read

    def _plan(self, tool: Tool) -> list[tuple[str, str | None, str]]:
        """Per input: (key, where the app finds it: None | "tool" | "summary" | "source", argument)."""
        plan = self._plans.get(tool.id)
        if plan is None:
            plan = []
            for inp in tool.inputs:
                src = inp.source
                if not src:
                    plan.append((inp.key, None, ""))
                elif src.startswith("tool:"):
                    plan.append((inp.key, "tool", src[5:]))
                elif src.startswith("model_summary."):
                    plan.append((inp.key, "summary", src.split(".", 1)[1]))
                else:
                    plan.append((inp.key, "source", src))
            self._plans[tool.id] = plan
        return plan

    def tool_output(self, ref: str, scope: ScopeKey, year: int) -> Any:
        parsed = self._refs.get(ref)
        if parsed is None:  # "E-01.k0" → (tool, output, the tool's scope kind; None: no such tool), once
            tool_id, _dot, key = ref.partition(".")
            kind = self.catalogue.tool(tool_id).scope if self.catalogue.has_tool(tool_id) else None
            parsed = self._refs[ref] = (tool_id, key, kind)
        tool_id, key, kind = parsed
        if kind is None:
            return None
        target = related_scope(self.records, scope, kind)
        if target is None:
            return None
        comp = self.compute(tool_id, target, year)
        return comp.outputs.get(key)

    def model_summary(self, model: str, scope: ScopeKey, year: int) -> tuple[dict[str, Any], ...]:
        """One row per tool of the model (and its index): raw values only – the tool id, the output
        key and the value in its JSON form ("1234.50", an ISO date, a msgid key). Words and number
        formats are added when shown (present.summary_row), in the language of the reader, not in
        the language of whoever ran the computation."""
        from app.core.tools.present import SUMMARY_INDEX_OUTPUT, summary_raw

        plan = self._summary_plans.get(model)
        if plan is None:  # the model's tools and their primary outputs, once (asked per contract-year)
            plan = self._summary_plans[model] = [
                (t.id, t.scope, t.primary_output.key, t.primary_output.type != "table")
                for t in self.catalogue.by_model(model)
                if not (t.id == "E-14" or "summary" in {i.key for i in t.inputs})
            ]
        rows = []
        targets: dict[str, ScopeKey | None] = {}
        cache = self._cache
        for tool_id, tool_scope, out_key, scalar in plan:
            if tool_scope in targets:
                target = targets[tool_scope]
            else:
                target = targets[tool_scope] = related_scope(self.records, scope, tool_scope)
            value = None
            if target is not None:
                comp = cache.get((tool_id, target[0], target[1], year))  # compute's own cache first
                if comp is None:
                    comp = self.compute(tool_id, target, year)
                if scalar:
                    got = comp.outputs.get(out_key)
                    if got is not None:
                        # summary_raw of the common case (a Decimal: its text) without its type tests
                        value = str(got) if type(got) is Decimal else summary_raw(got)
            rows.append({"tool": tool_id, "output": out_key, "value": value})
        index = self.catalogue.indices.get(model)
        if index is not None and scope[0] == "contract":
            from app.core.tools.indices import INDEX_PREFIX, contract_index

            contract = self.records.contract(scope[1])
            if contract is not None:
                weights, _src, weights_key = self.index_weights(index)
                value_idx = contract_index(self, index, contract, year, weights, weights_key=weights_key)[0]
                rows.append(
                    {"tool": INDEX_PREFIX + model, "output": SUMMARY_INDEX_OUTPUT, "value": summary_raw(value_idx)}
                )
        return tuple(rows)

    def compute(
        self, tool_id: str, scope: ScopeKey, year: int, entered: Mapping[str, Any] | None = None, use_cache: bool = True
    ) -> Computation:
        key = (tool_id, scope[0], scope[1], year)
        if entered is None and use_cache:
            hit = self._cache.get(key)
            if hit is not None:
                return hit
        if (
            self.frozen is not None
            and entered is None
            and tool_id not in self.fresh
            and (
                (self.frozen_wide and scope[0] in ("programme", "gmina"))
                or (
                    scope[0] == "contract"
                    and scope[1] in self.frozen_contracts
                    and tool_id in self.frozen_contract_tools
                )
            )
        ):
            # not stored = it had no output (a full recompute stores every result with one)
            return self.frozen.get(key) or Computation(tool_id, scope[0], scope[1], year, {}, {}, {}, (), False)
        tool = self._tools.get(tool_id) or self._tool(tool_id)
        if key in self._running:  # a catalogue whose tool sources loop: stop, do not recurse forever
            return Computation(
                tool_id,
                scope[0],
                scope[1],
                year,
                {},
                {},
                {},
                (FieldError("", tool_id, _("the tool depends on itself")),),
                False,
            )
        entry = self.records.entry(key)
        has_entry = entry is not None
        stored = entry if entered is None else entered
        self._running.add(key)
        try:
            raw, origin = self.gather(tool, scope, year, stored)
        finally:
            self._running.discard(key)
        if not origin:  # gather gives only entered, database and tool origins
            # nothing entered and nothing the records know: the tool was not used (no result of defaults)
            comp = Computation(
                tool_id, scope[0], scope[1], year, {}, {}, {}, self._no_data(tool), False, tool.params, has_entry
            )
            if entered is None:
                self._cache[key] = comp
            return comp
        values, errors = coerce_inputs(tool, raw)
        # every input in the catalogue's order, defaults first: an origin only replaces its value
        used_origin = dict.fromkeys(self._input_keys(tool), ORIGIN_DEFAULT)
        used_origin.update(origin)
        outputs, problems, ran = run_formula(tool, values, errors, year, self.as_of)
        comp = Computation(
            tool_id, scope[0], scope[1], year, outputs, values, used_origin, problems, ran, tool.params, has_entry
        )
        if entered is None:
            self._cache[key] = comp
        return comp

    def _tool(self, tool_id: str) -> Tool:
        tool = self._tools[tool_id] = self.catalogue.tool(tool_id)  # KeyError: no such tool, as before
        return tool

    def _no_data(self, tool: Tool) -> tuple[FieldError, ...]:
        """The problems of a computation with no input at all: "No data entered yet." and what
        coerce_inputs says of an empty form (its required inputs missing). The same for every scope
        and year of the tool (a third of the computations of L: survey and card tools nobody filled
        in), so checked once per tool and language; the result is the long path's
        (tests/core/tools/test_compute_short_path.py)."""
        lang = (current_language(), _("No data entered yet."))
        got = self._no_data_problems.get(tool.id)
        if got is None or got[0] != lang:
            _v, missing = coerce_inputs(tool, {})
            got = self._no_data_problems[tool.id] = (lang, (FieldError("", str(tool.name), lang[1]), *missing))
        return got[1]

    def _input_keys(self, tool: Tool) -> tuple[str, ...]:
        keys = self._keys.get(tool.id)
        if keys is None:
            keys = self._keys[tool.id] = tuple(i.key for i in tool.inputs)
        return keys

    # ---- scopes and years -------------------------------------------------------------------------

    def scopes_for(
        self, tool: Tool, contracts: list[SnapshotContract] | None = None, year: int | None = None
    ) -> list[tuple[ScopeKey, int]]:
        """Every (scope, year) the tool can be computed for: records of its scope kind and their years.
        `contracts`: of contract and task tools, only the scopes of these contracts (and their tasks).
        `year`: that year's pairs only, in the same order (a recompute year by year: all years' pairs of
        every tool at once were ~1.8 million tuples on XL)."""
        if year is not None:
            return self._scopes_in(tool, contracts, year)
        pairs: set[tuple[ScopeKey, int]] = set()
        if not tool.sourced_inputs:
            # nothing comes from the records: the tool has a result only where the clerk entered data
            return sorted(((kind, sid), year) for (_tid, kind, sid, year) in self.records.entry_keys_of(tool.id))
        if tool.scope in ("contract", "task"):
            # the same contract-years (task-years) for every tool of the kind: built and sorted once
            base = self._base_pairs.get(tool.scope)
            if base is None or base[0] is not contracts:
                base = self._base_pairs[tool.scope] = (contracts, *self._kind_pairs(tool.scope, contracts))
            _contracts, in_order, known = base
            extra = {
                ((kind, sid), year)
                for (_tid, kind, sid, year) in self.records.entry_keys_of(tool.id)
                if ((kind, sid), year) not in known
            }
            return sorted([*in_order, *extra]) if extra else list(in_order)
        contracts = self.records.contracts
        if tool.scope == "programme":
            for p in self.records.programmes:
                for y in range(p.year_from, p.year_to + 1):
                    pairs.add((("programme", p.id), y))
        else:
            for y in {y for c in contracts for y in contract_years(c)}:
                pairs.add((GMINA, y))
        for _tid, kind, sid, year in self.records.entry_keys_of(tool.id):
            pairs.add(((kind, sid), year))
        return sorted(pairs)

    def _kind_pairs(
        self, kind: str, contracts: list[SnapshotContract] | None
    ) -> tuple[list[tuple[ScopeKey, int]], set[tuple[ScopeKey, int]]]:
        """The (scope, year) pairs of the contracts (all when None) for a contract or task tool, sorted,
        and as a set."""
        pairs: set[tuple[ScopeKey, int]] = set()
        for c in contracts if contracts is not None else self.records.contracts:
            if kind == "contract":
                for y in contract_years(c):
                    pairs.add((("contract", c.id), y))
            elif c.task_id is not None:
                for y in contract_years(c):
                    pairs.add((("task", c.task_id), y))
        return sorted(pairs), pairs

    def _scopes_in(self, tool: Tool, contracts: list[SnapshotContract] | None, year: int) -> list[tuple[ScopeKey, int]]:
        """scopes_for(tool, contracts) of one year: the same rules, the year's contracts only."""
        scopes: set[ScopeKey] = set()
        if tool.sourced_inputs:
            if tool.scope in ("contract", "task"):
                if contracts is None:
                    of_year = self.records.in_year(year)
                else:  # the same list for every tool of the year: filtered once
                    held = self._of_year
                    if held is None or held[0] is not contracts or held[1] != year:
                        held = self._of_year = (contracts, year, [c for c in contracts if year in contract_years(c)])
                    of_year = held[2]
                if tool.scope == "contract":
                    scopes.update(("contract", c.id) for c in of_year)
                else:
                    scopes.update(("task", c.task_id) for c in of_year if c.task_id is not None)
            elif tool.scope == "programme":
                scopes.update(("programme", p.id) for p in self.records.programmes if p.year_from <= year <= p.year_to)
            elif self.records.in_year(year):
                scopes.add(GMINA)
        scopes.update(self.records.entry_keys_in(tool.id, year))
        return [(sc, year) for sc in sorted(scopes)]

    # ---- storing ----------------------------------------------------------------------------------

    def store(self, comp: Computation) -> None:
        """Replace the stored result of this tool, scope and year (plain SQL: results are derived
        data, not audited; the entry that produced them is)."""
        t = ToolResult.__table__
        self.session.execute(
            delete(t).where(
                t.c.tool_id == comp.tool_id,
                t.c.scope_kind == comp.scope_kind,
                t.c.scope_id == comp.scope_id,
                t.c.year == comp.year,
            )
        )
        self.session.execute(insert(t).values(**result_row(comp, self.catalogue.version)))


def run_formula(
    tool: Tool, values: Mapping[str, Any], errors: list[FieldError], year: int | None, as_of: dt.date | None
) -> tuple[dict[str, Any], tuple[FieldError, ...], bool]:
    """Run the tool's formula on checked values; input errors stop it (no result from bad data)."""
    if errors:  # the formula does not run, so it notes nothing
        return {}, tuple(errors), False
    outputs: dict[str, Any] = {}
    ran = False
    ctx = Ctx(values, tool, year, as_of)
    try:
        outputs = FORMULAS[tool.id].fn(ctx)
        ran = True
    except ToolInputError as exc:
        errors = [FieldError(exc.key, _input_label(tool, exc.key), exc.message)]
    except (ArithmeticError, KeyError, TypeError, ValueError, StopIteration):
        # a formula bug must not cost the clerk the other 41 tools: log it, say so
        log.exception("formula %s failed", tool.id)
        errors = [FieldError("", str(tool.name), _("The tool could not compute a result (see the log)."))]
    if ctx.notes:
        return outputs, (*errors, *(FieldError(k, _input_label(tool, k), m) for k, m in ctx.notes)), ran
    return outputs, tuple(errors), ran


def evaluate(
    tool: Tool, raw: Mapping[str, Any], year: int | None = None, as_of: dt.date | None = None
) -> tuple[dict[str, Any], tuple[FieldError, ...], bool]:
    """A tool's outputs from raw values alone (no database): (outputs, problems, formula ran)."""
    values, errors = coerce_inputs(tool, raw)
    return run_formula(tool, values, errors, year, as_of)


def _input_label(tool: Tool, key: str) -> str:
    head = key.split(".")[0]
    inp = next((i for i in tool.inputs if i.key == head), None)
    return str(inp.label) if inp is not None else key


def result_row(comp: Computation, version: str) -> dict[str, Any]:
    return dict(
        tool_id=comp.tool_id,
        scope_kind=comp.scope_kind,
        scope_id=comp.scope_id,
        year=comp.year,
        outputs=to_json(dict(comp.outputs)),
        inputs_used=to_json(comp.stored_inputs),
        problems=[{"field": p.field, "label": p.label, "message": p.message} for p in comp.problems],
        catalogue_version=version,
        weights_used=to_json(dict(comp.params)),
        computed_at=utcnow(),
    )


# ---- writing results in bulk ---------------------------------------------------------------------

_JSON_COLUMNS = ("outputs", "inputs_used", "problems", "weights_used")


def _json_default(value: Any) -> Any:
    """What values.to_json does, for the types the JSON encoder does not know itself."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (frozenset, set)):
        return sorted(str(v) for v in value)
    if isinstance(value, Mapping):
        return {str(k): v for k, v in value.items()}
    return str(value)


#: json.dumps's settings without the whitespace after separators (a tenth of the text on L); readers
#: parse the JSON, so the text of an ORM-written row (with spaces) reads the same
_ENCODER = json.JSONEncoder(default=_json_default, separators=(",", ":"))
#: the C function `_ENCODER.encode` builds anew for every value (with a dict to detect cycles, which
#: the computations' plain values cannot have): built once, the same text at half the cost per call
_C_ENCODE = (
    None
    if c_make_encoder is None
    else c_make_encoder(None, _json_default, encode_basestring_ascii, None, ":", ",", False, False, True)
)
#: the JSON of empty values (most rows: 79 % of L's have no problems, index rows no inputs), not encoded
_EMPTY_LIST, _EMPTY_MAP = "[]", "{}"


def _encode(value: Any) -> str:
    """Typed value → the JSON text the JSON column would store for to_json(value), in one pass."""
    try:
        if _C_ENCODE is not None:
            return "".join(_C_ENCODE(value, 0))
        return _ENCODER.encode(value)
    except (TypeError, ValueError):  # e.g. keys that are not text: the general, slower path
        return json.dumps(to_json(value), separators=(",", ":"))


class _EncodedJSON(TypeDecorator[Any]):
    """A JSON column whose values arrive already encoded (recompute encodes each once)."""

    impl = JSON
    cache_ok = True

    def bind_processor(self, dialect: Any) -> None:
        return None


def _encoded_table() -> Table:
    """tool_result with the JSON columns taking encoded text (same table, same column types in SQL)."""
    src = ToolResult.__table__
    return Table(
        src.name,
        MetaData(),
        *(
            Column(c.name, _EncodedJSON() if c.name in _JSON_COLUMNS else c.type, primary_key=c.primary_key)
            for c in src.columns
        ),
    )


#: the columns a writer's row holds, in this order (`encoded_row`); the id is the database's, and
#: `computed_at`, the run's, the writer adds
_ROW_COLUMNS = (
    "tool_id",
    "scope_kind",
    "scope_id",
    "year",
    "outputs",
    "inputs_used",
    "problems",
    "catalogue_version",
    "weights_used",
)
_COLUMNS = (*_ROW_COLUMNS, "computed_at")

EncodedRow = tuple[str, str, int, int, str, str, str, str, str]
#: rows per executemany (a tenth of a second of the recompute's work on L)
_BATCH = 2000


class _ResultWriter:
    """Inserts result rows in batches as they come (memory stays flat on a large gmina).

    A row arrives in its database form: a tuple in `_ROW_COLUMNS` order, the JSON encoded. A batch goes
    to the DBAPI cursor's executemany with the INSERT SQLAlchemy compiled for the connection's dialect
    (the SQL its own executemany sends), every row with the run's one `computed_at`, bound once as the
    dialect binds it. Why: SQLAlchemy's executemany built a parameter dict per row and ran each column's
    processor (a datetime to text per row on SQLite), as much CPU as SQLite's insert itself (0.7 s on L,
    ~135 000 rows). A driver's error is raised as SQLAlchemy raises it (Database.session translates it)."""

    def __init__(self, session: Session, batch: int | None = None, computed_at: dt.datetime | None = None) -> None:
        self.batch = batch or _BATCH
        self.rows: list[Any] = []
        self.written = 0
        self.conn = session.connection()
        dialect = self.conn.dialect
        table = _encoded_table()
        # `inline`: no RETURNING of the new ids (PostgreSQL's single-row form has one), nobody reads them
        compiled = insert(table).inline().compile(dialect=dialect, column_keys=list(_COLUMNS))
        self.sql = str(compiled)
        if any(table.c[c].type.dialect_impl(dialect).bind_processor(dialect) for c in _ROW_COLUMNS):
            raise NotImplementedError(f"tool_result's columns need bind processing on {dialect.name}")
        if compiled.positional:
            if tuple(compiled.positiontup or ()) != _COLUMNS:
                raise NotImplementedError(f"unexpected INSERT parameters on {dialect.name}")
        elif set(compiled.binds) != set(_COLUMNS):
            raise NotImplementedError(f"unexpected INSERT parameters on {dialect.name}")
        self.positional = bool(compiled.positional)
        self.computed_at = computed_at or utcnow()
        bind = table.c.computed_at.type.dialect_impl(dialect).bind_processor(dialect)
        self.computed_bound = self.computed_at if bind is None else bind(self.computed_at)

    def add(self, row: EncodedRow | Mapping[str, Any]) -> None:
        """A row of `encoded_row`, or a mapping of the columns with the JSON encoded (its computed_at,
        if any, gives way to the run's)."""
        self.rows.append(row if isinstance(row, tuple) else tuple(row[c] for c in _ROW_COLUMNS))
        self.written += 1
        if len(self.rows) >= self.batch:
            self.flush()

    def add_typed(self, rows: Iterable[Mapping[str, Any]]) -> None:
        """Rows whose JSON columns hold typed values (the index rows of indices.py), encoded here."""
        for row in rows:
            self.add(cast(EncodedRow, tuple(_encode(row[c]) if c in _JSON_COLUMNS else row[c] for c in _ROW_COLUMNS)))

    def flush(self) -> None:
        if not self.rows:
            return
        when = (self.computed_bound,)
        if self.positional:
            params: list[Any] = [row + when for row in self.rows]
        else:
            params = [dict(zip(_COLUMNS, row + when, strict=True)) for row in self.rows]
        self.rows = []
        dialect = self.conn.dialect
        cursor = self.conn.connection.cursor()
        try:
            cursor.executemany(self.sql, params)
        except dialect.loaded_dbapi.Error as exc:
            wrapped = DBAPIError.instance(
                self.sql, None, exc, dialect.loaded_dbapi.Error, hide_parameters=True, dialect=dialect, ismulti=True
            )
            if isinstance(wrapped, BaseException):
                raise wrapped from exc
            raise
        finally:
            cursor.close()


def encoded_row(comp: Computation, version: str, params_json: str) -> EncodedRow:
    """result_row in the writer's form: a tuple in `_ROW_COLUMNS` order, the JSON columns encoded (the
    same text the JSON column would store)."""
    problems = comp.problems
    return (
        comp.tool_id,
        comp.scope_kind,
        comp.scope_id,
        comp.year,
        _encode(comp.outputs) if comp.outputs else _EMPTY_MAP,
        _encode(stored_inputs(comp.values, comp.origins)) if comp.values else _EMPTY_MAP,
        _encode([{"field": p.field, "label": p.label, "message": p.message} for p in problems])
        if problems
        else _EMPTY_LIST,
        version,
        params_json,
    )


def contract_years(c: Contract | SnapshotContract) -> list[int]:
    if isinstance(c, SnapshotContract):
        return c.years
    years = sorted({t.budget_year for t in c.tranches})
    return years or list(range(c.start_date.year, c.end_date.year + 1))


def dependency_order(catalogue: Catalogue) -> list[Tool]:
    """Tools ordered so that a tool comes after those whose outputs it reads."""
    deps = {
        t.id: {i.source[5:].split(".")[0] for i in t.inputs if i.source and i.source.startswith("tool:")}
        for t in catalogue.tools
    }
    for t in catalogue.tools:
        if any(i.source and i.source.startswith("model_summary.") for i in t.inputs):
            deps[t.id] |= {x.id for x in catalogue.by_model(t.model) if x.id != t.id}
    order: list[Tool] = []
    done: set[str] = set()

    def visit(tid: str, trail: tuple[str, ...]) -> None:
        if tid in done or tid in trail:
            return
        for d in sorted(deps.get(tid, ())):
            visit(d, trail + (tid,))
        done.add(tid)
        order.append(catalogue.tool(tid))

    for t in catalogue.tools:
        visit(t.id, ())
    return order


@dataclass(frozen=True)
class RecomputeSummary:
    computed: int  # results stored
    with_outputs: int
    per_model: Mapping[str, tuple[int, int]]  # model → (results, results with outputs)
    indices: Mapping[str, Decimal | None]  # model → whole-gmina index (mean over contracts)
    catalogue_version: str
    #: rows this run wrote (tool results and index rows; an incremental run leaves the others)
    written: int = 0


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: a recompute creates millions of small, acyclic objects
    and keeps them (the cache), so the collector's repeated passes over them cost a third of the
    time and free nothing. Reference counting still frees everything as usual."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def recompute_all(
    session: Session, catalogue: Catalogue | None = None, as_of: dt.date | None = None, full: bool = True
) -> RecomputeSummary:
    """Recompute every tool for every scope and year; store results that have an entry or an output.

    `full=False`: only the results the change log says are stale (see incremental.py), when that is
    known to give the same figures as a full recompute; a full recompute otherwise."""
    with _collector_paused():
        return _recompute_all(session, catalogue, as_of, full)


def _recompute_all(
    session: Session, catalogue: Catalogue | None, as_of: dt.date | None, full: bool = True
) -> RecomputeSummary:
    from app.core.audit import log_head
    from app.core.tools import incremental
    from app.core.tools.indices import bases_digest
    from app.core.tools.reads import settings_digest

    eng = Engine(session, catalogue, as_of, full=True)
    cat = eng.catalogue
    head = log_head(session)  # read first: a change saved while we compute is found by the next run
    # what the results depend on besides the records (the change log does not hold them): kept in the mark
    settings = settings_digest(session)
    bases = bases_digest(eng)
    dirty = None if full else incremental.dirty_since(session, eng.as_of, cat.version, bases, settings)
    eng.all_entries = False  # read per tool (full) or per scope (incremental), below
    if dirty is not None and not dirty.wide and not dirty.dated and not dirty.sources:
        # no tool runs at every contract: the contracts of the changed tasks are read, not the gmina's 3 000
        # (L) with every one's years (a contract read later on demand, the same rows)
        eng.full = False
    wanted: _Wanted | None = None
    means: dict[tuple[str, int], list[Any]] = {}
    subset: list[SnapshotContract] | None = None
    if dirty is None:
        session.execute(delete(ToolResult.__table__))
    else:
        wanted = _Wanted.of(eng, dirty)
        values = _LatestIndexValues(eng)
        recomputed = wanted.recomputed(cat)  # model → the contracts whose index rows are written again
        means, index_years = _stored_index_values(session, eng, recomputed, values, incremental.read_mark(session))
        wanted = replace(wanted, index_years=index_years)
        # read before the deletes: the siblings' tools left as stored, which their recomputed ones read
        read_there = frozenset(
            # those whose outputs the stored computations hold (any other is computed)
            t
            for t in _read_by(cat, wanted.sibling_tools, wanted.sibling_indices)
            if t in eng._read_outputs() and t not in wanted.sibling_tools and t not in wanted.dated
        )
        frozen = _stored_of_contracts(session, eng, wanted.siblings, read_there)
        if not wanted.wide:
            frozen.update(_stored_wide(session, eng))
        wanted.delete_stale(session, cat)
        subset = eng.records.contracts_of(wanted.contracts | wanted.siblings)
        index_groups = {code: eng.records.contracts_of(ids) for code, ids in recomputed.items() if ids}
        eng.fresh = wanted.dated
        eng.frozen = frozen
        eng.frozen_wide = not wanted.wide
        eng.frozen_contracts = wanted.siblings
        eng.frozen_contract_tools = read_there
        if not wanted.wide and not _reads_year_rows(cat, wanted.dated):
            # no programme or gmina tool runs but those of `dated`, none reading the contracts' rows: only
            # the recomputed contracts' reports and results are read (the gmina's index means take the
            # others' stored values)
            eng.records.focus = wanted.contracts | wanted.siblings | wanted.index_only
        eng.records.load_entries_of(
            {
                "contract": set(wanted.contracts),
                "task": set(wanted.tasks),
                **({"programme": None, "gmina": None} if wanted.wide else {}),
            },
            keys_of_these_only=True,  # every other scope's results are left as stored
            tools=wanted.dated,
            catalogue_tools=[t.id for t in cat.tools],
        )
        # the siblings' entries of the tools computed there only (916 entries of the probe's task on L)
        eng.records.load_tool_entries_of("contract", wanted.siblings, wanted.sibling_tools)
    writer = _ResultWriter(session)
    per_model: dict[str, list[int]] = {m: [0, 0] for m in cat.models}
    work: list[tuple[Tool, str]] = []
    for tool in dependency_order(cat):
        if (
            wanted is not None
            and not wanted.wide
            and tool.scope in ("programme", "gmina")
            and tool.id not in wanted.dated
        ):
            continue  # left as stored: it reads none of the changed records
        work.append((tool, _encode(to_json(dict(tool.params)))))
    years = sorted(_years_of(eng, [t for t, _p in work], wanted))
    from app.core.tools.indices import gmina_index_rows, stored_index_rows

    if wanted is None:
        values = _LatestIndexValues(eng)
        with bulk_write(session):  # the whole table written again: its index held in the cache
            tool_rows = _recompute_in_pieces(eng, work, years, writer, per_model, values, means)
    else:
        # Year by year: a tool of a year reads other tools, summaries and indices of that year only
        # (tool_output, model_summary, contract_index take the year asked), so the year's computations
        # are dropped once its results are written.
        for year in years:
            for tool, params in work:
                if tool.id in wanted.dated:  # it reads the date, which moved: every scope of it
                    for scope, _y in eng.scopes_for(tool, None, year):
                        _keep(eng, eng.compute(tool.id, scope, year), tool, params, writer, per_model)
                    continue
                for scope, _y in eng.scopes_for(tool, subset, year):
                    if wanted.computes(tool.id, scope):
                        _keep(eng, eng.compute(tool.id, scope, year), tool, params, writer, per_model)
            if year in wanted.index_years:  # no other year's index rows can have changed
                # the recomputed contracts' index rows; their values added to the others' in `means`
                for code, group in index_groups.items():  # each model's own: another model's rows are left
                    mine = [c for c in group if year in contract_years(c)]
                    writer.add_typed(stored_index_rows(eng, cat.version, values, year, mine, means, (code,)))
            writer.flush()
            eng.forget()
        writer.add_typed(
            gmina_index_rows(eng, cat.version, {k: v for k, v in means.items() if k[1] in wanted.index_years})
        )
        writer.flush()

    # the summary's indices from the contracts' index values, as gmina_indices computes them
    # (tests/core/tools/test_tools_recompute.py compares the two)
    idx = values.means()
    if wanted is not None:
        tool_rows = (
            session.scalar(
                select(func.count())
                .select_from(ToolResult.__table__)
                .where(~ToolResult.tool_id.startswith(_index_prefix()))
            )
            or 0
        )
    incremental.write_mark(session, head, eng.as_of, cat.version, bases, settings, _index_sums(means, values))
    eng.records.close()  # freed now, not by the collector's first pass after the recompute
    return RecomputeSummary(
        tool_rows,
        sum(v[1] for v in per_model.values()),
        {m: (v[0], v[1]) for m, v in per_model.items()},
        idx,
        cat.version,
        writer.written,
    )


#: at most how many contracts a piece of a full recompute holds (_pieces): L's 3 000 are two pieces, XL's
#: 30 000 fifteen (three tasks each), each holding its contracts' children, reports and results for all
#: their years, and one year's computations of them (a year of XL at once, 17 600 contracts, peaked at
#: ~680 MB; pieces of ~4 000 at 224 MB, of ~2 000 at ~165 MB)
PIECE_CONTRACTS = 2400


@dataclass
class _Piece:
    """Contracts whose tools read each other's (every contract of a task: its task tools read them all),
    with the scopes of their entries (kind → ids), as a full recompute computes them together."""

    contracts: list[SnapshotContract] = field(default_factory=list)
    scopes: dict[str, set[int]] = field(default_factory=lambda: {"contract": set(), "task": set()})


def _pieces(eng: Engine, size: int) -> list[_Piece]:
    """The gmina's contracts in pieces of whole tasks (at most `size` contracts each, unless one task has
    more: a task is never split), then the contracts without a task, and the contract and task scopes of
    entries no contract of the gmina claims (a contract deleted, a task without contracts) in a last piece."""
    records = eng.records
    by_task: dict[int | None, list[SnapshotContract]] = {}
    for c in records.contracts:
        by_task.setdefault(c.task_id, []).append(c)
    pieces: list[_Piece] = []
    piece = _Piece()

    def close() -> None:
        nonlocal piece
        if piece.contracts or any(piece.scopes.values()):
            pieces.append(piece)
        piece = _Piece()

    def add(contracts: list[SnapshotContract], task_id: int | None) -> None:
        if piece.contracts and len(piece.contracts) + len(contracts) > size:
            close()
        piece.contracts += contracts
        piece.scopes["contract"].update(c.id for c in contracts)
        if task_id is not None:
            piece.scopes["task"].add(task_id)

    for task_id in sorted(t for t in by_task if t is not None):
        add(by_task[task_id], task_id)
    for c in by_task.get(None, []):
        add([c], None)
    close()
    claimed = {"contract": set(records.by_id), "task": {t for t in by_task if t is not None}}
    for kind, sid in eng.session.execute(
        select(ToolEntry.scope_kind, ToolEntry.scope_id).where(ToolEntry.scope_kind.in_(NARROW_KINDS)).distinct()
    ):
        if sid not in claimed[kind]:
            piece.scopes[kind].add(sid)
    close()
    return pieces


def _recompute_in_pieces(
    eng: Engine,
    work: list[tuple[Tool, str]],
    years: list[int],
    writer: _ResultWriter,
    per_model: dict[str, list[int]],
    values: _LatestIndexValues,
    means: dict[tuple[str, int], list[Any]],
) -> int:
    """A full recompute, holding one piece of the gmina at a time (peak memory bounded by the piece, not
    by the year with most contracts). First the programme and gmina scopes, year by year: their tools read
    every contract of the year (its tranches, parties) but no contract's or task's tool; their
    computations are kept (`Engine.kept`: the contracts' W index reads W-10 and W-08 at the gmina). Then
    piece by piece (_pieces), year by year within it: a contract's and a task's tools read only their
    contract's, their task's and the gmina's tools and their task's contracts, all in the piece or kept,
    so a piece-year's computations are dropped once written; the contracts' children and what the sources
    keep of them (sources.Scope.shared) once the piece is done. Every (tool, scope, year) is computed in
    one piece-year only (an entry released after its result is written is never read again). Last, the
    gmina's index rows from the means added up piece by piece (left in `means`).
    tests/core/tools/test_tools_recompute_pieces.py: the same rows with pieces of one task."""
    from app.core.tools.indices import gmina_index_rows, stored_index_rows

    records = eng.records
    version = eng.catalogue.version
    rows = 0
    records.piece_entries(None)
    for year in years:
        records.load_year_entries(year)
        records.window(year)
        for tool, params in work:
            if tool.scope in NARROW_KINDS:  # its entries of other kinds (not made by the forms) only
                scopes = [((kind, sid), year) for kind, sid in sorted(records.entry_keys_in(tool.id, year))]
            else:
                scopes = eng.scopes_for(tool, None, year)
            for scope, _y in scopes:
                rows += _keep(eng, eng.compute(tool.id, scope, year), tool, params, writer, per_model)
        eng.kept.update((k, c) for k, c in eng._cache.items() if k[1] not in NARROW_KINDS)
        eng.forget()
    writer.flush()
    sources.forget_gmina(eng._shared)
    pieces = _pieces(eng, PIECE_CONTRACTS)
    scopes_of = [{k: frozenset(ids) for k, ids in piece.scopes.items() if ids} for piece in pieces]
    records.plan_pieces(scopes_of)  # every piece's entry keys from one scan, not one per piece
    for piece, piece_scopes in zip(pieces, scopes_of, strict=True):
        records.hold(c.id for c in piece.contracts)
        records.piece_entries(piece_scopes)
        for year in years:
            records.load_year_entries(year)
            of_year = [c for c in piece.contracts if year in contract_years(c)]
            for tool, params in work:
                if tool.scope in NARROW_KINDS:
                    scopes = eng.scopes_for(tool, of_year, year)
                else:  # its entries of a contract or task scope (not made by the forms) only
                    scopes = [((kind, sid), year) for kind, sid in sorted(records.entry_keys_in(tool.id, year))]
                for scope, _y in scopes:
                    rows += _keep(eng, eng.compute(tool.id, scope, year), tool, params, writer, per_model)
            if of_year:
                writer.add_typed(stored_index_rows(eng, version, values, year, of_year, means))
            eng.forget()
        writer.flush()
        eng.end_piece()
        values.fold(frozenset(c.id for c in piece.contracts))
    writer.add_typed(gmina_index_rows(eng, version, means))
    writer.flush()
    eng.kept = {}
    eng.forget()
    return rows


def _keep(
    eng: Engine, comp: Computation, tool: Tool, params: str, writer: _ResultWriter, per_model: dict[str, list[int]]
) -> int:
    """Slim a computation of the recompute and write its row when it has one (1: a row written)."""
    eng.slim(comp)
    if not comp.outputs and not comp.has_entry:
        return 0  # never used for this scope: the usage matrix reports it as missing
    writer.add(encoded_row(comp, eng.catalogue.version, params))
    per_model.setdefault(tool.model, [0, 0])[0] += 1
    if comp.outputs:
        per_model[tool.model][1] += 1
    return 1


class _LatestIndexValues(MutableMapping[tuple[str, int, int], Decimal]):
    """The contracts' index values for the summary's gmina indices ((model, contract, year) → value),
    keeping per model and contract only the value gmina_indices picks (indices._pick_year): that of the
    latest year up to the reference date (of any year when the contract has none up to it). Every value
    of every year was ~240 000 entries on XL, held to the end of the run; the years come in order, a later
    one replaces. A contract whose years are all done is added to its model's sum (`fold`): held to the
    end, one value per model and contract weighed ~25 MB on XL."""

    def __init__(self, eng: Engine) -> None:
        self.eng = eng
        self.held: dict[tuple[str, int], tuple[int, Decimal]] = {}
        #: model → [sum, count] of the values of the contracts folded
        self.sums: dict[str, list[Any]] = {}

    def fold(self, contract_ids: Container[int] | None = None) -> None:
        """Add the picked values of these contracts (all when None) to their models' sums and let them go:
        none of their years comes again (a recompute's piece is done)."""
        for key in [k for k in self.held if contract_ids is None or k[1] in contract_ids]:
            _year, value = self.held.pop(key)
            held = self.sums.setdefault(key[0], [Decimal(0), 0])
            held[0] += value
            held[1] += 1

    def means(self) -> dict[str, Decimal | None]:
        """Each model's gmina index as gmina_indices gives it: the mean of its contracts' picked values."""
        from app.core.tools.indices import mean_value

        self.fold()
        return {code: mean_value(*self.sums.get(code, (Decimal(0), 0))) for code in self.eng.catalogue.indices}

    def _counts(self, contract_id: int, year: int) -> bool:
        last = self.eng.as_of.year
        if year <= last:
            return True
        c = self.eng.records.contract(contract_id)
        return c is None or not any(y <= last for y in contract_years(c))

    def __setitem__(self, key: tuple[str, int, int], value: Decimal) -> None:
        code, contract_id, year = key
        held = self.held.get((code, contract_id))
        if self._counts(contract_id, year) and (held is None or held[0] <= year):
            self.held[(code, contract_id)] = (year, value)

    def __getitem__(self, key: tuple[str, int, int]) -> Decimal:
        held = self.held.get((key[0], key[1]))
        if held is None or held[0] != key[2]:
            raise KeyError(key)
        return held[1]

    def __delitem__(self, key: tuple[str, int, int]) -> None:
        if key not in self:
            raise KeyError(key)
        del self.held[(key[0], key[1])]

    def __iter__(self) -> Iterator[tuple[str, int, int]]:
        return ((code, cid, year) for (code, cid), (year, _v) in self.held.items())

    def __len__(self) -> int:
        return len(self.held)


#: sources that, at a programme or gmina scope, read the rows of every contract of the year through the
#: Snapshot (its parties, reports, contributions…): an incremental run computing a tool from one of them there
#: reads every contract's rows at once, not one contract at a time (Snapshot.focus)
_YEAR_ROWS = frozenset(
    {"ngo_map", "grant_used", "recipients", "total_cost", "cost_admin", "cost_series", "results", "own_share"}
)


def _reads_year_rows(cat: Catalogue, tools: frozenset[str]) -> bool:
    """Whether a programme or gmina tool among these reads the contracts' rows (_YEAR_ROWS, contributions)."""
    return any(
        t.scope in ("programme", "gmina")
        and any(i.source in _YEAR_ROWS or (i.source or "").startswith("contrib.") for i in t.inputs)
        for t in cat.tools
        if t.id in tools
    )


def _years_of(eng: Engine, tools: list[Tool], wanted: _Wanted | None) -> set[int]:
    """The years a recompute goes through: every contract's, and every year a tool has a scope in
    (scopes_for: a programme's years, the years of the entries). An incremental run that computes no tool
    at every scope (no programme or gmina tool, none reading the date): the recomputed contracts' years and
    those of their index rows (the gmina's index rows of a year a contract no longer runs in are written
    again too)."""
    if wanted is not None and not wanted.wide and not wanted.dated:
        ids = wanted.contracts | wanted.siblings | wanted.index_only
        years = {y for c in eng.records.contracts_of(ids) for y in contract_years(c)} | set(wanted.index_years)
    else:
        years = {y for c in eng.records.contracts for y in contract_years(c)}
    for tool in tools:
        if tool.sourced_inputs and tool.scope == "programme":
            years.update(y for p in eng.records.programmes for y in range(p.year_from, p.year_to + 1))
        if wanted is not None:
            years.update(
                y
                for (_t, kind, sid, y) in eng.records.entry_keys_of(tool.id)
                if tool.id in wanted.dated or wanted.has((kind, sid))
            )
    if wanted is None:
        years |= eng.records.entry_years(t.id for t in tools)
    return years


def _index_prefix() -> str:
    from app.core.tools.indices import INDEX_PREFIX

    return INDEX_PREFIX


@dataclass(frozen=True)
class _Wanted:
    """The scopes an incremental recompute computes again: the changed contracts (every tool and index),
    their tasks, the other contracts of those tasks (only what reads a task's tool: `sibling_tools`,
    `sibling_indices`), every programme and the gmina (when `wide`), the tools of `dated` at every scope,
    and the index rows of `indexed`.

    Why not the other contracts of the task whole: their own records did not change, and a contract's
    tool reads its own records (sources.Scope of a contract), its own tools, and its task's and the
    gmina's; only what reads, directly or through others, a task's tool can change with the task
    (incremental.readers_of, from the catalogue: E-04, E-14 and the E index). On L the probe's task has
    67 contracts: 3 126 rows were rewritten, 47 of them changed; now 869. Their other tools are read from
    their stored rows (Engine.frozen)."""

    contracts: frozenset[int]
    tasks: frozenset[int]
    #: programme and gmina tools too (see incremental.Dirty.wide)
    wide: bool = True
    #: the years whose index rows are written again (the gmina's means of those years change): every year
    #: a recomputed contract has now or had an index value in (_stored_index_values)
    index_years: frozenset[int] = frozenset()
    #: tools computed again at every scope and year (incremental.reach): those reading the reference date
    #: when it moved within its year, those reading a changed record outside the contracts' rows (an
    #: organisation, a programme, a procedure: incremental.Dirty.sources), every programme and gmina tool
    #: when `wide`, and what reads their outputs
    dated: frozenset[str] = frozenset()
    #: model code → other contracts (not in `contracts`) whose index rows of that model are written again:
    #: their index reads a tool of `dated` (_index_readers; with `wide`, every contract's W index, which reads
    #: W-10 and W-08 at the gmina: a changed tranche changes W-10 for every contract)
    indexed: Mapping[str, frozenset[int]] = field(default_factory=dict)
    #: the other contracts of `tasks` (not in `contracts`): only `sibling_tools` and the indices of
    #: `sibling_indices` (and those of `indexed` they are in) computed again
    siblings: frozenset[int] = frozenset()
    sibling_tools: frozenset[str] = frozenset()
    sibling_indices: frozenset[str] = frozenset()

    @classmethod
    def of(cls, eng: Engine, dirty: Any) -> _Wanted:
        from app.core.tools.incremental import date_readers, reach, readers_of, source_readers

        cat = eng.catalogue
        tasks = set(dirty.tasks)
        for cid in dirty.contracts:
            c = eng.records.contract(cid)
            if c is not None and c.task_id is not None:
                tasks.add(c.task_id)
        contracts = frozenset(dirty.contracts)
        siblings = {c.id for t in tasks for c in eng.records.task_contracts(t)} - contracts
        # tools stale at every scope: those reading the date when it moved, those reading a changed record
        # outside the contracts' rows, and, when every programme and gmina result is computed again, the
        # tools of those scopes (read elsewhere only through their outputs: `reach` adds those readers)
        seeds = source_readers(cat, dirty.sources)
        if dirty.dated:
            seeds |= date_readers(cat)
        if dirty.wide:
            seeds |= {t.id for t in cat.tools if t.scope in ("programme", "gmina")}
        dated: frozenset[str] = frozenset()
        indexed: dict[str, frozenset[int]] = {}
        if seeds:
            got = reach(cat, seeds)
            dated = got.tools
            indexed = {code: ids - contracts for code, ids in _index_readers(eng, got).items() if ids - contracts}
        of_task = readers_of(cat, ("task",))
        return cls(
            contracts,
            frozenset(tasks),
            dirty.wide,
            dated=dated,
            indexed=indexed,
            siblings=frozenset(siblings),
            sibling_tools=of_task.tools,
            sibling_indices=of_task.indices,
        )

    def recomputed(self, catalogue: Catalogue) -> dict[str, frozenset[int]]:
        """Model → the contracts whose index of the model is computed again (the others' stay as stored); a
        changed contract no longer in the records (deleted) among them: its rows go, as a full recompute's."""
        return {
            code: self.contracts
            | self.indexed.get(code, frozenset())
            | (self.siblings if code in self.sibling_indices else frozenset())
            for code in catalogue.indices
        }

    @property
    def index_only(self) -> frozenset[int]:
        """The other contracts whose index rows of some model (only) are written again."""
        return frozenset().union(*self.indexed.values()) if self.indexed else frozenset()

    def has(self, scope: ScopeKey) -> bool:
        """Whether some tool of this scope is computed again."""
        kind, sid = scope
        if kind == "contract":
            return sid in self.contracts or sid in self.siblings
        if kind == "task":
            return sid in self.tasks
        return self.wide

    def computes(self, tool_id: str, scope: ScopeKey) -> bool:
        """Whether this tool is computed again at this scope."""
        kind, sid = scope
        if kind == "contract":
            return sid in self.contracts or (sid in self.siblings and tool_id in self.sibling_tools)
        if kind == "task":
            return sid in self.tasks
        return self.wide

    def delete_stale(self, session: Session, catalogue: Catalogue) -> None:
        """Delete the results computed again. Each statement names the tool ids the results can have (the
        catalogue's tools and indices: an incremental run needs the catalogue the last run stored, and every
        row it stored has one of them), so that the database finds the rows through the unique index
        (tool_id, scope_kind, scope_id, year); by scope alone it read all 135 000 rows of L three times
        (0.15 s of the 0.2 s an incremental run spent on deletes)."""
        t = ToolResult.__table__
        prefix = _index_prefix()
        index_ids = sorted(prefix + code for code in catalogue.indices)
        tools_only = sorted(tool.id for tool in catalogue.tools)
        tool_ids = tools_only + index_ids
        if self.wide:
            session.execute(delete(t).where(t.c.tool_id.in_(tools_only), t.c.scope_kind.in_(("programme", "gmina"))))
        if self.dated:  # every scope of these tools (they read the date, a changed record, a programme or gmina tool)
            session.execute(delete(t).where(t.c.tool_id.in_(sorted(self.dated))))
        # the gmina's index rows are means over every contract: those of the years whose means changed
        session.execute(
            delete(t).where(
                t.c.tool_id.in_(index_ids), t.c.scope_kind == "gmina", t.c.year.in_(sorted(self.index_years))
            )
        )
        of_siblings = sorted(self.sibling_tools) + sorted(prefix + code for code in self.sibling_indices)
        for kind, ids, of in (
            ("contract", sorted(self.contracts), tool_ids),
            ("task", sorted(self.tasks), tool_ids),
            ("contract", sorted(self.siblings), of_siblings),
            *(("contract", sorted(ids), [prefix + code]) for code, ids in sorted(self.indexed.items())),
        ):
            if not of:
                continue
            for n in range(0, len(ids), 500):
                session.execute(
                    delete(t).where(t.c.tool_id.in_(of), t.c.scope_kind == kind, t.c.scope_id.in_(ids[n : n + 500]))
                )


def _index_readers(eng: Engine, reach: Any) -> dict[str, frozenset[int]]:
    """Per composite index (model code), the contracts whose index reads a tool the reach holds (reach:
    incremental.Reach): every contract when such a component is computed from the records or read at
    the gmina; otherwise those whose component's scope (the contract, its task) has an entry of the tool
    (a tool without sources has a result only where the clerk entered data)."""
    cat = eng.catalogue
    contracts = eng.records.contracts
    out: dict[str, frozenset[int]] = {}
    for code in sorted(reach.indices):
        ids: set[int] = set()
        for comp in cat.indices[code].components:
            if comp.tool_id not in reach.tools:
                continue
            tool = cat.tool(comp.tool_id)
            if tool.sourced_inputs or comp.scope not in ("contract", "task"):
                ids = {c.id for c in contracts}
                break
            te = ToolEntry.__table__
            found = set(
                eng.session.scalars(
                    select(te.c.scope_id).where(te.c.tool_id == tool.id, te.c.scope_kind == comp.scope).distinct()
                )
            )
            ids.update(c.id for c in contracts if (c.id if comp.scope == "contract" else c.task_id) in found)
        if ids:
            out[code] = frozenset(ids)
    return out


def _stored_wide(session: Session, eng: Engine) -> dict[tuple[str, str, int, int], Computation]:
    """The stored programme and gmina results, as computations holding the outputs other tools and the
    indices read (typed as the result panel types them): an incremental recompute that leaves them as
    they are still gives them to the contracts' W index (W-10, W-08 at the gmina) without computing
    them again — W-10 reads the year's MKUS figures, seconds on L. Engine.frozen."""
    t = ToolResult.__table__
    # by the tools read (found through the unique index): by scope kind it read all of L's rows
    return _stored_computations(session, eng, t.c.scope_kind.in_(("programme", "gmina")))


def _read_by(cat: Catalogue, tools: Iterable[str], indices: Iterable[str]) -> frozenset[str]:
    """The tools these tools and indices read directly: `tool:ID` inputs, every tool of a model whose
    summary they read (and its index's components: the summary holds the index), the indices' components."""
    out: set[str] = set()
    models: set[str] = set(indices)
    for tool_id in tools:
        for inp in cat.tool(tool_id).inputs:
            src = inp.source or ""
            if src.startswith("tool:"):
                out.add(src[5:].partition(".")[0])
            elif src.startswith("model_summary."):
                model = src.split(".", 1)[1]
                out.update(t.id for t in cat.by_model(model))
                models.add(model)
    for code in models:
        index = cat.indices.get(code)
        if index is not None:
            out.update(c.tool_id for c in index.components)
    return frozenset(out)


def _stored_of_contracts(
    session: Session, eng: Engine, contracts: frozenset[int], tools: frozenset[str]
) -> dict[tuple[str, str, int, int], Computation]:
    """The stored results of these tools at these contracts (a recomputed task's other contracts), as
    _stored_wide's: the tools and indices recomputed there read them (E-14 the summary of the contract's E
    tools, the E index E-05 and J-04). Engine.frozen."""
    t = ToolResult.__table__
    out: dict[tuple[str, str, int, int], Computation] = {}
    ids = sorted(contracts)
    for n in range(0, len(ids), 500):
        out.update(
            _stored_computations(
                session, eng, (t.c.scope_kind == "contract") & t.c.scope_id.in_(ids[n : n + 500]), tools
            )
        )
    return out


def _stored_computations(
    session: Session, eng: Engine, where: Any, tools: frozenset[str] | None = None
) -> dict[tuple[str, str, int, int], Computation]:
    """The stored results matching `where` of the tools whose outputs others read (of these `tools` only
    when given), each as a computation holding those outputs, typed as the result panel types them."""
    from app.core.tools.present import typed_output

    read = eng._read_outputs()
    t = ToolResult.__table__
    out: dict[tuple[str, str, int, int], Computation] = {}
    tool_ids = sorted(k for k in read if not k.startswith(_index_prefix()) and (tools is None or k in tools))
    if not tool_ids:
        return out
    for tool_id, kind, sid, year, outputs in session.execute(
        select(t.c.tool_id, t.c.scope_kind, t.c.scope_id, t.c.year, t.c.outputs).where(t.c.tool_id.in_(tool_ids), where)
    ):
        if not eng.catalogue.has_tool(tool_id) or tool_id not in read:
            continue
        tool = eng.catalogue.tool(tool_id)
        typed = {
            o.key: typed_output(o.type, (outputs or {})[o.key])
            for o in tool.outputs
            if o.key in read[tool_id] and o.key in (outputs or {})
        }
        out[(tool_id, kind, sid, year)] = Computation(
            tool_id, kind, sid, year, typed, {}, {}, (), bool(outputs), tool.params, False
        )
    return out


def _stored_index_values(
    session: Session,
    eng: Engine,
    recomputed: Mapping[str, frozenset[int]],
    values: _LatestIndexValues,
    mark: Mapping[str, Any] | None = None,
) -> tuple[dict[tuple[str, int], list[Any]], frozenset[int]]:
    """What an incremental recompute needs of the other contracts' stored composite indices, read before
    the stale rows are deleted: the years whose gmina index rows are written again (every year a
    recomputed contract has now or had an index row in: any other year's mean is over the same values as
    stored), with (model, year) → [sum, count] of the other contracts' values of every year (to which
    stored_index_rows adds the recomputed ones', as a recompute in pieces does); `values` receives the
    others' values the summary's means pick (_LatestIndexValues: as [sum, count] per model, or each value).
    `recomputed`: model → the contracts whose index of the model is computed again.

    The last recompute's mark holds these sums over every contract (`_index_sums`): the recomputed
    contracts' stored values taken out of them give the others', reading the recomputed contracts' rows
    only. Reading every contract's value instead (without such a mark) was 0.1 s of L's run after one
    report, the JSON extraction of 24 000 rows."""
    prefix = _index_prefix()
    t = ToolResult.__table__
    index_ids = sorted(prefix + code for code in eng.catalogue.indices)
    code_of = {prefix + code: code for code in eng.catalogue.indices}
    anyone = frozenset().union(*recomputed.values())
    years = {y for c in eng.records.contracts_of(anyone) for y in contract_years(c)}
    held = _marked_sums(mark, eng.catalogue.indices)
    # only the value, extracted by the database: parsing 24 000 component lists took seconds on L
    stmt = select(t.c.tool_id, t.c.scope_id, t.c.year, t.c.outputs["value"].as_string()).where(
        t.c.tool_id.in_(index_ids), t.c.scope_kind == "contract"
    )
    if held is not None and len(anyone) <= 2000:
        ids = sorted(anyone)
        mine = [
            r
            for n in range(0, len(ids), 500)
            for r in session.execute(stmt.where(t.c.scope_id.in_(ids[n : n + 500])))
            if r[1] in recomputed[code_of[r[0]]]
        ]
        got = _others_from_mark(eng, held, mine, code_of, values)
        if got is not None:
            years.update(year for _tool, _sid, year, _v in mine)
            return got, frozenset(years)
    rows = session.execute(stmt).all()
    years.update(year for tool_id, sid, year, _v in rows if sid in recomputed[code_of[tool_id]])
    means: dict[tuple[str, int], list[Any]] = {}
    picked: dict[tuple[str, int], tuple[int, str]] = {}  # (model, contract) → (year, value's text)
    for tool_id, sid, year, text in rows:
        code = code_of[tool_id]
        if text is None or sid in recomputed[code]:
            continue
        # every year's (the next run's mark); the gmina rows of `years` only are written again
        held_sum = means.setdefault((code, year), [Decimal(0), 0])
        held_sum[0] += Decimal(str(text))
        held_sum[1] += 1
        pick = picked.get((code, sid))
        if (pick is None or pick[0] <= year) and values._counts(sid, year):
            picked[(code, sid)] = (year, text)
    for (code, sid), (year, text) in picked.items():
        values[(code, sid, year)] = Decimal(str(text))
    return means, frozenset(years)


def _others_from_mark(
    eng: Engine,
    held: tuple[dict[tuple[str, int], list[Any]], dict[str, list[Any]]],
    mine: list[Any],
    code_of: Mapping[str, str],
    values: _LatestIndexValues,
) -> dict[tuple[str, int], list[Any]] | None:
    """The mark's sums less the recomputed contracts' stored values (`mine`: their index rows), as
    _stored_index_values gives them; None when the value a recomputed contract's index had in the summary's
    means cannot be told from its rows (every row after the reference date's year: whether it had a year up
    to it depends on the years it had then, not now, _LatestIndexValues._counts)."""
    by_year, picks = held
    means = {k: [v[0], v[1]] for k, v in by_year.items()}
    sums = {k: [v[0], v[1]] for k, v in picks.items()}
    last = eng.as_of.year
    old: dict[tuple[str, int], tuple[int, Decimal]] = {}  # (model, contract) → its pick: (year, value)
    late: set[tuple[str, int]] = set()  # with a value, none of them up to the reference date's year
    for tool_id, sid, year, text in mine:
        if text is None:
            continue
        code = code_of[tool_id]
        value = Decimal(str(text))
        got = means.setdefault((code, year), [Decimal(0), 0])
        got[0] -= value
        got[1] -= 1
        if year > last:
            late.add((code, sid))
            continue
        pick = old.get((code, sid))
        if pick is None or pick[0] <= year:
            old[(code, sid)] = (year, value)
    if late - set(old):
        return None
    for (code, _sid), (_year, value) in old.items():
        got = sums.setdefault(code, [Decimal(0), 0])
        got[0] -= value
        got[1] -= 1
    if any(v[1] < 0 for v in (*means.values(), *sums.values())):
        return None  # the mark does not hold what is stored: read every value
    values.sums.update(sums)
    return {k: v for k, v in means.items() if v[1] > 0}


def _index_sums(means: Mapping[tuple[str, int], list[Any]], values: _LatestIndexValues) -> dict[str, Any]:
    """What the next incremental run needs of this run's index values (incremental.write_mark): per model and
    year the [sum, count] of every contract's value (the gmina's row is their mean), and per model that of
    the values the summary's means picked (after values.means())."""
    return {
        "years": [[code, year, str(total), count] for (code, year), (total, count) in sorted(means.items()) if count],
        "picks": [[code, str(total), count] for code, (total, count) in sorted(values.sums.items())],
    }


def _marked_sums(
    mark: Mapping[str, Any] | None, codes: Container[str]
) -> tuple[dict[tuple[str, int], list[Any]], dict[str, list[Any]]] | None:
    """`_index_sums` as the mark holds them; None without them (a mark from before they were kept)."""
    got = mark.get("index_sums") if mark is not None else None
    if not isinstance(got, dict):
        return None
    try:
        by_year = {(str(c), int(y)): [Decimal(str(v)), int(n)] for c, y, v, n in got["years"]}
        picks = {str(c): [Decimal(str(v)), int(n)] for c, v, n in got["picks"]}
    except (KeyError, TypeError, ValueError, ArithmeticError):
        return None
    if any(k[0] not in codes for k in by_year) or any(c not in codes for c in picks):
        return None
    return by_year, picks


def latest_weights(session: Session, index: IndexDef) -> tuple[dict[str, Decimal], str]:
    """Weights of the latest RADAR meeting for this model (missing keys keep the catalogue default)."""
    weights = index.default_weights()
    meeting = session.scalars(
        select(RadarMeeting).order_by(RadarMeeting.meeting_date.desc(), RadarMeeting.id.desc())
    ).first()
    source = "catalogue"
    if meeting is not None and isinstance(meeting.weights, dict) and index.model in meeting.weights:
        agreed = meeting.weights[index.model] or {}
        for k in weights:
            if k in agreed:
                weights[k] = Decimal(str(agreed[k]))
        source = f"radar:{meeting.id}"
    return weights, source


def task_title(session: Session, task_id: int) -> str:
    t = session.get(PublicTask, task_id)
    return t.title if t is not None else str(task_id)


def iter_contracts(session: Session, ids: Iterable[int] | None = None) -> list[Contract]:
    stmt = select(Contract).order_by(Contract.id)
    if ids is not None:
        stmt = stmt.where(Contract.id.in_(list(ids)))
    return list(session.scalars(stmt))
