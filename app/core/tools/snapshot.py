"""The records the tools read, as plain in-memory rows (no ORM objects).

A full recompute loads everything once with one SELECT per table (`Snapshot(session, full=True)`):
a few hundred thousand plain rows cost a fraction of a second, where ORM objects with their
relationships cost seconds. A form of one tool for one record uses a lazy snapshot that reads only
what the tool's scope needs (one contract, a task's contracts, one year's contracts) on first use.

The rows carry the attribute names of the ORM models (`c.tranches`, `t.budget_year`, `o.kind`...), so
the sources read a snapshot row and a model object alike; children are ordered as the models'
relationships order them (ties by id).
"""

from __future__ import annotations

import datetime as dt
import json
from array import array
from collections.abc import Collection, Container, Iterable, Sequence
from dataclasses import make_dataclass
from sys import intern
from typing import Any

from sqlalchemy import ColumnElement, Text, and_, exists, select, type_coerce
from sqlalchemy.orm import Session

from app.core.db.models import (
    Contract,
    ContractParty,
    ContractReport,
    Control,
    CooperationProgramme,
    Organisation,
    OrganisationArea,
    OwnContribution,
    PlannedResult,
    Procedure,
    ProgrammeReport,
    PublicTask,
    RdppRequest,
    ResultValue,
    ToolEntry,
    Tranche,
)


class Row:
    """A record's columns as attributes (what the sources read of a model object)."""

    def __init__(self, **values: Any) -> None:
        self.__dict__.update(values)

    def __getattr__(self, name: str) -> Any:
        # only reached for a column the row lacks (an error as usual); it tells the type checker that the
        # columns are dynamic attributes
        raise AttributeError(name)

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Row({self.__dict__!r})"


#: scope ids per query of piece_entries: each query scans the entries' keys index (0.1 s on XL, whatever
#: the number of ids), so a piece's contracts are asked at once (SQLite takes 32 766 parameters since
#: 3.32, PostgreSQL 65 535)
_KEYS_CHUNK = 10_000


class _Every:
    """Every id (a piece holding every scope of a kind)."""

    def __contains__(self, _item: object) -> bool:
        return True


_EVERY = _Every()

#: the scope kinds a full recompute computes in pieces (engine._recompute_in_pieces); the others (the
#: programmes and the gmina) year by year over every contract
NARROW_KINDS = ("contract", "task")

_KINDS = ("parties", "tranches", "contributions", "planned_results", "reports", "controls")


def _row_type(name: str, fields: tuple[str, ...]) -> type:
    """A child row with fixed attributes and no per-row dict: a `Row` of a tranche weighed ~250 bytes
    with its dict, this ~60; the XL gmina holds about a million of them. Compared by identity, as `Row`."""
    return make_dataclass(name, fields, slots=True, eq=False)


#: the columns of a contract the tools read (tools.reads.READ takes them from here)
CONTRACT_COLUMNS = (
    "id",
    "number",
    "title",
    "task_id",
    "procedure_id",
    "form",
    "status",
    "start_date",
    "end_date",
    "unit_rate",
    "unit_name",
)


class SnapshotContract:
    """A contract's columns; its children (tranches, reports...) are read on first use, for every
    contract the snapshot holds at once (W-10 needs a year's tranches, not its reports)."""

    __slots__ = (*CONTRACT_COLUMNS, "_snap", "_children", "_years")

    def __init__(
        self,
        snap: Snapshot,
        id: int,
        number: str,
        title: str,
        task_id: int | None,  # noqa: A002
        procedure_id: int | None,
        form: Any,
        status: Any,
        start_date: dt.date,
        end_date: dt.date,
        unit_rate: Any = None,
        unit_name: str = "",
    ) -> None:
        self.id, self.number, self.title, self.task_id, self.procedure_id = id, number, title, task_id, procedure_id
        self.form, self.status, self.start_date, self.end_date = form, status, start_date, end_date
        self.unit_rate, self.unit_name = unit_rate, unit_name or ""
        self._snap = snap
        self._children: dict[str, list[Row]] = {}
        self._years: list[int] | None = None

    def _get(self, kind: str) -> list[Row]:
        rows = self._children.get(kind)
        if rows is None:
            self._snap._fill(kind, self.id)
            rows = self._children[kind]
        return rows

    parties = property(lambda self: self._get("parties"))
    tranches = property(lambda self: self._get("tranches"))
    contributions = property(lambda self: self._get("contributions"))
    planned_results = property(lambda self: self._get("planned_results"))
    reports = property(lambda self: self._get("reports"))
    controls = property(lambda self: self._get("controls"))

    @property
    def years(self) -> list[int]:
        """Budget years of the tranches, else the years the contract runs (see engine.contract_years)."""
        if self._years is None:
            ys = sorted({t.budget_year for t in self.tranches})
            self._years = ys or list(range(self.start_date.year, self.end_date.year + 1))
        return self._years


_CONTRACT_COLS = tuple(getattr(Contract, name) for name in CONTRACT_COLUMNS)

#: child kind → (model, columns read as attribute names, order within a contract as the relationship orders)
_CHILDREN: dict[str, tuple[Any, tuple[str, ...], tuple[Any, ...]]] = {
    "parties": (ContractParty, ("organisation_id",), (ContractParty.position, ContractParty.id)),
    "tranches": (
        Tranche,
        ("budget_year", "amount", "used_amount"),
        (Tranche.budget_year, Tranche.payment_date, Tranche.id),
    ),
    "contributions": (
        OwnContribution,
        ("budget_year", "kind", "planned_amount", "actual_amount"),
        (OwnContribution.budget_year, OwnContribution.id),
    ),
    "reports": (
        ContractReport,
        ("kind", "budget_year", "due_date", "received_date", "cost_total", "cost_grant", "cost_admin", "recipients"),
        (ContractReport.due_date, ContractReport.id),
    ),
    "controls": (Control, ("control_date", "recommendations"), (Control.control_date, Control.id)),
}
_ROW_TYPES: dict[str, type] = {
    kind: _row_type(f"{kind.title()}Row", names) for kind, (_m, names, _o) in _CHILDREN.items()
}
_ResultRow = _row_type("ResultRow", ("name", "unit", "budget_year", "target_value", "kind", "values"))
_ValueRow = _row_type("ValueRow", ("budget_year", "value"))
_ProcedureRow = _row_type("ProcedureRow", ("id", "budget_year", "route", "annulled"))


class Snapshot:
    """Contracts with their children, programmes, RDPP requests, procedures, organisations, tool entries."""

    def __init__(self, session: Session, full: bool = False, entries: bool = True) -> None:
        """`full`: every contract (and, with `entries`, every tool entry) read up front."""
        self.session = session
        self.full = full
        self.by_id: dict[int, SnapshotContract] = {}
        self._all = False
        self._tasks_loaded: set[int] = set()
        self._years_loaded: set[int] = set()
        self._by_task: dict[int, list[SnapshotContract]] | None = None
        self._year: dict[int, list[SnapshotContract]] = {}
        self._programmes: list[CooperationProgramme] | None = None
        self._rdpp: list[RdppRequest] | None = None
        self._procedures: list[Row] | None = None
        self._orgs: tuple[int, dict[int, set[Any]]] | None = None
        self._prog_reports: list[Row] | None = None
        self._tasks: dict[int, Row] | None = None
        self._entries: dict[tuple[str, str, int, int], dict[str, Any]] | None = None
        self._entry_cache: dict[tuple[str, str, int, int], dict[str, Any] | None] = {}
        self._keys: list[tuple[str, str, int, int]] | None = None
        self._keys_by_tool: dict[str, list[tuple[str, str, int, int]]] | None = None
        #: (tool, year) → the scopes of its entries (entry_keys_in without a year's entries read)
        self._scopes_by_year: dict[tuple[str, int], list[tuple[str, int]]] | None = None
        self._years_loaded_entries: set[int] = set()
        #: the year whose entries load_year_entries read last, and their keys by tool
        self._year_keys: tuple[int, dict[str, list[tuple[str, int]]]] | None = None
        #: the entries of a full recompute's piece (`piece_entries`): its scopes (kind → ids; None: every
        #: scope of a kind but contract and task) and the keys of their entries by year, (id, tool, kind, scope)
        self._piece: tuple[dict[str, frozenset[int]] | None, dict[int, list[tuple[int, str, str, int]]]] | None = None
        #: the keys of the pieces' entries planned by `plan_pieces`, in the pieces' order: (the piece's scopes,
        #: year → its entries' ids, tools (positions in `_planned_tools`), kinds (in `NARROW_KINDS`), scope ids)
        self._planned: list[tuple[dict[str, frozenset[int]], dict[int, tuple[array[int], ...]]]] = []
        self._planned_tools: list[str] = []
        #: the year of the piece whose entries load_year_entries read
        self._piece_year: int | None = None
        #: the inputs of the piece's entries of the years not read yet, by entry id, as the driver gives the
        #: column (JSON text on SQLite), parsed year by year (`_load_piece_year`); None: not read yet
        self._piece_inputs: dict[int, Any] | None = None
        #: the piece's scopes: kind → ids (_EVERY: every scope of the kind)
        self._piece_ids: dict[str, Container[int]] = {}
        #: contracts whose children an incremental recompute reads (None: every contract's at once)
        self.focus: frozenset[int] | None = None
        #: scopes (kinds) whose entries load_entries_of read: an entry of theirs not held does not exist
        self._scopes_loaded: set[tuple[str, int]] = set()
        self._kinds_loaded: set[str] = set()
        #: tools whose entries of every scope load_entries_of read
        self._tools_loaded: set[str] = set()
        #: (tool, kind, scope id) whose entries load_tool_entries_of read
        self._tool_scopes_loaded: set[tuple[str, str, int]] = set()
        #: kind of children → per column, the values read (`_columns`)
        self._shared: dict[str, list[dict[Any, Any]]] = {}
        #: every held contract's years known without its tranches (`_load_years`)
        self._years_known = False
        if full:
            self._load_contracts(None)
            self._all = True
            if entries:
                self.entries()

    # ---- contracts --------------------------------------------------------------------------------

    def _load_contracts(self, where: ColumnElement[bool] | None) -> None:
        """Load the contracts matching `where` (all when None); known ones are kept. Children follow
        on first use (`_fill`)."""
        stmt = select(*_CONTRACT_COLS).order_by(Contract.id)
        if where is not None:
            stmt = stmt.where(where)
        added = False
        for r in self.session.execute(stmt):
            if r[0] not in self.by_id:
                self.by_id[r[0]] = SnapshotContract(self, *r)
                added = True
        if added:
            self._by_task = None
            self._year.clear()
        if where is None:
            self._load_years()

    def _load_years(self) -> None:
        """Every contract's years from one query of the tranches' years (SnapshotContract.years),
        so that knowing which contracts run in a year does not hold every contract's tranches."""
        found: dict[int, list[int]] = {}
        for cid, year in self.session.execute(
            select(Tranche.contract_id, Tranche.budget_year)
            .distinct()
            .order_by(Tranche.contract_id, Tranche.budget_year)
        ):
            found.setdefault(cid, []).append(year)
        for c in self.by_id.values():
            if c._years is None:
                c._years = found.get(c.id) or list(range(c.start_date.year, c.end_date.year + 1))
        self._years_known = True

    def window(self, year: int) -> None:
        """Hold the children of the year's contracts only (see `hold`): a contract running several
        years keeps its children from one year to the next."""
        self.hold(c.id for c in self.in_year(year))

    def hold(self, ids: Iterable[int]) -> None:
        """Hold the children of these contracts only (a full recompute: a year's contracts, or a piece's
        over all their years): those of other contracts are dropped, and read again, one contract at a
        time, only if some tool asks. All of XL's children at once weighed most of the recompute's 1.4 GB."""
        focus = frozenset(ids)
        for c in self.by_id.values():
            if c._children and c.id not in focus:
                c._children = {}
        self.focus = focus
        self._shared.clear()  # the values of the contracts just let go are not kept by the tables

    def close(self) -> None:
        """Let go of every contract and what it holds, at the end of a recompute: each contract points back
        at the snapshot (its children are read on first use), so the snapshot and the whole gmina's contracts
        (with the last piece's children) are a reference cycle that only the garbage collector frees. A
        recompute pauses the collector (engine._collector_paused), so its first pass after the recompute went
        through them all: 0.3–1.4 s CPU of XL's recompute, 0.03–0.3 s of L's. Closed, they are freed by
        reference counting as the recompute's engine goes. The snapshot is not read after."""
        self.by_id = {}
        self._year = {}
        self._by_task = None
        self.focus = None
        self._shared.clear()

    def _fill(self, kind: str, asking: int | None = None) -> None:
        """Read one kind of children for every held contract that lacks them (one query when all
        contracts are held, otherwise by chunks of ids); with a `focus`, only for the focused contracts
        and the one asking (tranches for all: they give every contract's years)."""
        focus = self.focus
        # without every contract's years read up front, the tranches of all give them
        every = kind == "tranches" and not self._years_known
        if focus is None or every:
            pending = [c for c in self.by_id.values() if kind not in c._children]
        else:
            # the focused contracts only, not every contract asked whether it is one: a piece of XL holds
            # 2 400 of 30 000, and each read of a kind (83 on XL) went through all 30 000
            wanted = focus if asking is None or asking in focus else focus | {asking}
            by_id = self.by_id
            pending = [c for i in wanted if (c := by_id.get(i)) is not None and kind not in c._children]
        for c in pending:
            c._children[kind] = []
        ids = None if self._all and len(pending) == len(self.by_id) else sorted(c.id for c in pending)
        chunks = [None] if ids is None else [ids[n : n + 500] for n in range(0, len(ids), 500)]
        for chunk in chunks:
            if kind == "planned_results":
                self._fill_results(chunk)
                continue
            model, names, order = _CHILDREN[kind]
            make = _ROW_TYPES[kind]
            columns = self._columns(kind, len(names))
            fk = model.contract_id
            q = select(fk, *(getattr(model, n) for n in names))
            if chunk is not None:
                q = q.where(fk.in_(chunk))
            by_id = self.by_id
            for r in self.session.execute(q.order_by(fk, *order)):
                owner = by_id.get(r[0])
                if owner is not None:
                    owner._children[kind].append(
                        make(*[v if v is None else seen.setdefault(v, v) for v, seen in zip(r[1:], columns)])
                    )

    def _columns(self, kind: str, n: int) -> list[dict[Any, Any]]:
        """Per column of a kind of children, the values read so far: an equal value read again is the
        same object. Amounts, dates, years, units and results' values repeat (L: 60 000 yearly values of
        results, 214 distinct; 12 000 reports, 10 distinct due dates), and each Decimal weighs 104 bytes.
        Per column, because equal is not identical across columns (Decimal("10.00") == Decimal("1E+1"),
        10 == Decimal(10)); within one column a type's equal values print the same (Money's two places,
        Quantity's normal form). Emptied with each year's window (Snapshot.window)."""
        columns = self._shared.get(kind)
        if columns is None:
            columns = self._shared[kind] = [{} for _n in range(n)]
        return columns

    def _fill_results(self, chunk: list[int] | None) -> None:
        s = self.session
        q = select(
            PlannedResult.contract_id,
            PlannedResult.id,
            PlannedResult.name,
            PlannedResult.unit,
            PlannedResult.budget_year,
            PlannedResult.target_value,
            PlannedResult.kind,
        )
        vq = select(ResultValue.planned_result_id, ResultValue.budget_year, ResultValue.value)
        if chunk is not None:
            q = q.where(PlannedResult.contract_id.in_(chunk))
            vq = vq.where(
                ResultValue.planned_result_id.in_(select(PlannedResult.id).where(PlannedResult.contract_id.in_(chunk)))
            )
        results: dict[int, Row] = {}
        names, units, years, targets = self._columns("planned_results", 4)
        for r in s.execute(q.order_by(PlannedResult.contract_id, PlannedResult.position, PlannedResult.id)):
            c = self.by_id.get(r[0])
            if c is not None:
                row = _ResultRow(
                    names.setdefault(r[2], r[2]) if r[2] is not None else None,
                    units.setdefault(r[3], r[3]) if r[3] is not None else None,
                    years.setdefault(r[4], r[4]) if r[4] is not None else None,
                    targets.setdefault(r[5], r[5]) if r[5] is not None else None,
                    r[6],
                    [],
                )
                results[r[1]] = row
                c._children["planned_results"].append(row)
        value_years, values = self._columns("values", 2)
        for pid, year, value in s.execute(vq.order_by(ResultValue.planned_result_id, ResultValue.budget_year)):
            p = results.get(pid)
            if p is not None:
                p.values.append(
                    _ValueRow(
                        value_years.setdefault(year, year) if year is not None else None,
                        values.setdefault(value, value) if value is not None else None,
                    )
                )

    @property
    def contracts(self) -> list[SnapshotContract]:
        """Every contract of the gmina, by id."""
        if not self._all:
            self._load_contracts(None)
            self._all = True
        return [self.by_id[k] for k in sorted(self.by_id)]

    def contract(self, contract_id: int) -> SnapshotContract | None:
        if contract_id not in self.by_id and not self._all:
            self._load_contracts(Contract.id == contract_id)
        return self.by_id.get(contract_id)

    def contracts_of(self, ids: Iterable[int] | None) -> list[SnapshotContract]:
        if ids is None:
            return self.contracts
        ids = sorted(set(ids))
        missing = [i for i in ids if i not in self.by_id]
        if missing and not self._all:
            for n in range(0, len(missing), 500):
                self._load_contracts(Contract.id.in_(missing[n : n + 500]))
        return [self.by_id[i] for i in ids if i in self.by_id]

    def task_contracts(self, task_id: int) -> list[SnapshotContract]:
        if not self._all and task_id not in self._tasks_loaded:
            self._load_contracts(Contract.task_id == task_id)
            self._tasks_loaded.add(task_id)
        if self._by_task is None:
            self._by_task = {}
            for c in sorted(self.by_id.values(), key=lambda c: c.id):
                if c.task_id is not None:
                    self._by_task.setdefault(c.task_id, []).append(c)
        return self._by_task.get(task_id, [])

    @property
    def by_task(self) -> dict[int, list[SnapshotContract]]:
        self.contracts  # noqa: B018 - everything loaded
        self.task_contracts(-1)
        return self._by_task or {}

    def in_year(self, year: int) -> list[SnapshotContract]:
        """Contracts with a tranche in the year (or running in it without tranches)."""
        if not self._all and year not in self._years_loaded:
            has_tranche = exists().where(Tranche.contract_id == Contract.id)
            self._load_contracts(
                Contract.id.in_(select(Tranche.contract_id).where(Tranche.budget_year == year))
                | and_(
                    ~has_tranche, Contract.start_date <= dt.date(year, 12, 31), Contract.end_date >= dt.date(year, 1, 1)
                )
            )
            self._years_loaded.add(year)
        if year not in self._year:
            self._year[year] = [c for c in sorted(self.by_id.values(), key=lambda c: c.id) if in_year(c, year)]
        return self._year[year]

    # ---- the gmina's other records ------------------------------------------------------------------

    @property
    def programmes(self) -> list[CooperationProgramme]:
        if self._programmes is None:  # a handful of rows: model objects are fine
            self._programmes = list(
                self.session.scalars(select(CooperationProgramme).order_by(CooperationProgramme.id))
            )
        return self._programmes

    def programme(self, programme_id: int) -> CooperationProgramme | None:
        return next((p for p in self.programmes if p.id == programme_id), None)

    @property
    def rdpp(self) -> list[RdppRequest]:
        if self._rdpp is None:
            self._rdpp = list(self.session.scalars(select(RdppRequest).order_by(RdppRequest.id)))
        return self._rdpp

    @property
    def procedures(self) -> list[Row]:
        if self._procedures is None:
            self._procedures = [
                _ProcedureRow(*r)
                for r in self.session.execute(
                    select(Procedure.id, Procedure.budget_year, Procedure.route, Procedure.annulled).order_by(
                        Procedure.id
                    )
                )
            ]
        return self._procedures

    def programme_reports(self) -> list[Row]:
        if self._prog_reports is None:
            self._prog_reports = [
                Row(programme_id=r[0], year=r[1], submitted_to_council=r[2], published_in_bip=r[3])
                for r in self.session.execute(
                    select(
                        ProgrammeReport.programme_id,
                        ProgrammeReport.year,
                        ProgrammeReport.submitted_to_council,
                        ProgrammeReport.published_in_bip,
                    ).order_by(ProgrammeReport.id)
                )
            ]
        return self._prog_reports

    def organisations(self) -> tuple[int, dict[int, set[Any]]]:
        """(number of active organisations, active organisation id → its WKUS areas)."""
        if self._orgs is None:
            active: dict[int, set[Any]] = {
                r[0]: set() for r in self.session.execute(select(Organisation.id).where(Organisation.active.is_(True)))
            }
            for oid, area in self.session.execute(select(OrganisationArea.organisation_id, OrganisationArea.area)):
                if oid in active:
                    active[oid].add(area)
            self._orgs = (len(active), active)
        return self._orgs

    def task(self, task_id: int) -> Row | None:
        if self._tasks is None:
            self._tasks = {
                r[0]: Row(id=r[0], title=r[1], area=r[2])
                for r in self.session.execute(select(PublicTask.id, PublicTask.title, PublicTask.area))
            }
        return self._tasks.get(task_id)

    # ---- the clerk's entries ------------------------------------------------------------------------

    def entries(self) -> dict[tuple[str, str, int, int], dict[str, Any]]:
        """Every tool entry (tool, scope kind, scope id, year) → the inputs typed."""
        if self._entries is None:
            self._entries = {
                (r[0], r[1], r[2], r[3]): dict(r[4] or {})
                for r in self.session.execute(
                    select(
                        ToolEntry.tool_id, ToolEntry.scope_kind, ToolEntry.scope_id, ToolEntry.year, ToolEntry.inputs
                    )
                )
            }
        return self._entries

    def entry_keys(self) -> list[tuple[str, str, int, int]]:
        """The keys of every entry, without their values (what `scopes_for` needs)."""
        if self._entries is not None:
            return list(self._entries)
        if self._keys is None:
            self._keys = [
                (r[0], r[1], r[2], r[3])
                for r in self.session.execute(
                    select(ToolEntry.tool_id, ToolEntry.scope_kind, ToolEntry.scope_id, ToolEntry.year)
                )
            ]
        return self._keys

    def entry_keys_of(self, tool_id: str) -> list[tuple[str, str, int, int]]:
        """The keys of the tool's entries (grouped once: asked for each of the 42 tools)."""
        if self._keys_by_tool is None:
            self._keys_by_tool = {}
            for key in self.entry_keys():
                self._keys_by_tool.setdefault(key[0], []).append(key)
        return self._keys_by_tool.get(tool_id, [])

    def plan_pieces(self, pieces: Sequence[dict[str, frozenset[int]]]) -> None:
        """The keys of the entries of every piece of a full recompute (kind → ids, of the contract and task
        kinds), from one scan of the entries' keys, kept compact (~20 bytes an entry) until `piece_entries`
        asks for the piece. Why: a query per piece scans the whole keys' index (SQLite has no index on the
        scope alone), so XL's 15 pieces scanned its 390 000 keys 30 times (2.3 s CPU, ×24 L's)."""
        owner: dict[str, dict[int, int]] = {kind: {} for kind in NARROW_KINDS}
        for number, scopes in enumerate(pieces):
            for kind, scope_ids in scopes.items():
                owner[kind].update(dict.fromkeys(scope_ids, number))
        planned: list[dict[int, tuple[array[int], ...]]] = [{} for _p in pieces]
        tools: dict[str, int] = {}
        query = select(ToolEntry.id, ToolEntry.tool_id, ToolEntry.scope_kind, ToolEntry.scope_id, ToolEntry.year)
        # streamed (yield_per): the 390 000 rows of XL buffered at once weighed ~90 MB
        rows = self.session.connection().execute(
            query.where(ToolEntry.scope_kind.in_(NARROW_KINDS)).execution_options(yield_per=10_000)
        )
        for eid, tool_id, kind, sid, year in rows:
            piece = owner[kind].get(sid)
            if piece is None:
                continue  # of no piece: piece_entries never asked for it either
            got = planned[piece].get(year)
            if got is None:
                got = planned[piece][year] = (array("q"), array("H"), array("B"), array("q"))
            eids, tool_nos, kinds, sids = got
            eids.append(eid)
            tool_no = tools.get(tool_id)
            if tool_no is None:
                tool_no = tools[tool_id] = len(tools)
            tool_nos.append(tool_no)
            kinds.append(NARROW_KINDS.index(kind))
            sids.append(sid)
        self._planned = list(zip([dict(p) for p in pieces], planned, strict=True))
        self._planned_tools = [intern(t) for t in tools]

    def piece_entries(self, scopes: dict[str, frozenset[int]] | None) -> None:
        """The entries a full recompute's piece computes: the keys of every entry of these scopes (kind →
        ids, every year; None: every scope of a kind other than contract and task), read from the keys'
        index (no inputs), or taken from `plan_pieces` when it planned this piece next; `load_year_entries`
        then reads the inputs of the piece's entries of one year. An entry of these scopes and of that year
        that is not among them is known not to exist. The entries read before are dropped."""
        by_year: dict[int, list[tuple[int, str, str, int]]] = {}
        if scopes is not None and self._planned and self._planned[0][0] == scopes:
            tools = self._planned_tools
            kinds = tuple(intern(k) for k in NARROW_KINDS)
            for year, (eids, tool_nos, kind_nos, sids) in self._planned.pop(0)[1].items():
                by_year[year] = [
                    (eid, tools[t], kinds[k], sid)
                    for eid, t, k, sid in zip(eids, tool_nos, kind_nos, sids, strict=True)
                ]
        else:
            query = select(ToolEntry.id, ToolEntry.tool_id, ToolEntry.scope_kind, ToolEntry.scope_id, ToolEntry.year)
            if scopes is None:
                queries = [query.where(ToolEntry.scope_kind.not_in(NARROW_KINDS))]
            else:
                queries = []
                for kind, ids in scopes.items():
                    in_order = sorted(ids)
                    queries += [
                        query.where(ToolEntry.scope_kind == kind, ToolEntry.scope_id.in_(in_order[n : n + _KEYS_CHUNK]))
                        for n in range(0, len(in_order), _KEYS_CHUNK)
                    ]
            for q in queries:
                for eid, tool_id, kind, sid, year in self.session.execute(q):
                    by_year.setdefault(year, []).append((eid, intern(tool_id), intern(kind), sid))
        self._piece = (scopes, by_year)
        self._piece_year = None
        self._piece_inputs = None
        if scopes is None:  # the kinds read: every scope of each
            kinds_read = {"programme", "gmina"} | {k[2] for keys in by_year.values() for k in keys}
            self._piece_ids = dict.fromkeys(kinds_read, _EVERY)
        else:
            self._piece_ids = dict(scopes)
        self._entry_cache = {}
        self._year_keys = None

    def load_year_entries(self, year: int) -> None:
        """Read every entry of one year (a full recompute, year by year; with `piece_entries`, the piece's
        entries of the year); an entry of that year that is not there is known not to exist (no query per
        scope). The previous years' entries are dropped: all 40 000 of L at once, with their survey
        tables, weighed tens of MB."""
        if self._piece is not None:
            self._load_piece_year(year)
            return
        if self._entries is not None or year in self._years_loaded_entries:
            return
        self._entry_cache = {k: v for k, v in self._entry_cache.items() if k[3] >= year}
        # an earlier year's entry asked again is read on its own, never taken as missing
        self._years_loaded_entries = {y for y in self._years_loaded_entries if y >= year}
        keys: dict[str, list[tuple[str, int]]] = {}
        for r in self.session.execute(
            select(ToolEntry.tool_id, ToolEntry.scope_kind, ToolEntry.scope_id, ToolEntry.inputs).where(
                ToolEntry.year == year
            )
        ):
            # one string per tool id and scope kind, not one per row (tens of MB of keys on XL)
            tool_id, kind = intern(r[0]), intern(r[1])
            self._entry_cache[(tool_id, kind, r[2], year)] = dict(r[3] or {})
            keys.setdefault(tool_id, []).append((kind, r[2]))
        self._years_loaded_entries.add(year)
        self._year_keys = (year, keys)

    def _load_piece_year(self, year: int) -> None:
        """The inputs of the piece's entries of the year (load_year_entries), from `_read_piece_inputs`."""
        self._entry_cache = {k: v for k, v in self._entry_cache.items() if k[3] >= year}
        assert self._piece is not None
        found = self._piece[1].get(year, [])
        if self._piece_inputs is None:
            self._piece_inputs = self._read_piece_inputs()
        texts = self._piece_inputs
        parse = self._inputs_parser()
        keys: dict[str, list[tuple[str, int]]] = {}
        for eid, tool_id, kind, sid in found:
            if eid in texts:
                data = texts.pop(eid)  # each entry is of one year: its text is not needed again
                if type(data) is str:
                    data = parse(data)
                self._entry_cache[(tool_id, kind, sid, year)] = dict(data or {})
                keys.setdefault(tool_id, []).append((kind, sid))
        self._piece_year = year
        self._year_keys = (year, keys)

    def _read_piece_inputs(self) -> dict[int, Any]:
        """The inputs of every entry of the piece, of all its years at once, in the file's order, unparsed.
        Why: a piece's contracts are every fifteenth of XL (whole tasks, and a task's contracts are spread
        over the id range), and a contract's entries of all its years lie together on one or two pages; read
        year by year, each year read those pages again (176 000 page misses of XL's SQLite cache, ×25 L's,
        each a read and a look-up in the transaction's growing WAL). The text of a piece of XL weighs ~10 MB;
        parsed, several times that, so each year's entries are parsed when their year comes."""
        assert self._piece is not None
        ids = sorted(f[0] for found in self._piece[1].values() for f in found)
        raw = type_coerce(ToolEntry.inputs, Text)  # the column as stored, not parsed by its type
        texts: dict[int, Any] = {}
        for n in range(0, len(ids), 500):
            q = select(ToolEntry.id, raw).where(ToolEntry.id.in_(ids[n : n + 500]))
            texts.update((eid, data) for eid, data in self.session.execute(q))
        return texts

    def _inputs_parser(self) -> Any:
        """What the inputs column's type does to the text the driver gives (JSON: the dialect's loads). A
        driver that parses JSON itself (psycopg) gives a dict, which is taken as it is; text is JSON."""
        dialect = self.session.get_bind().dialect
        col = ToolEntry.__table__.c.inputs
        proc = col.type.dialect_impl(dialect).result_processor(dialect, None)
        return proc if proc is not None else json.loads

    def entry_keys_in(self, tool_id: str, year: int) -> list[tuple[str, int]]:
        """The scopes (kind, id) of the tool's entries of one year: from the year's entries when they
        were read (load_year_entries), so that a full recompute never holds the keys of every year
        (400 000 on XL, ~100 MB as tuples with their strings and numbers)."""
        if self._year_keys is not None and self._year_keys[0] == year:
            return self._year_keys[1].get(tool_id, [])
        if self._scopes_by_year is None:
            # grouped once: an incremental recompute asks for each tool and year, and going through
            # the tool's keys of every year each time was 0.04-0.08 s of L's
            self._scopes_by_year = {}
            for key in self.entry_keys():
                self._scopes_by_year.setdefault((key[0], key[3]), []).append((key[1], key[2]))
        return self._scopes_by_year.get((tool_id, year), [])

    def entry_years(self, tool_ids: Iterable[str]) -> set[int]:
        """The years the tools have entries in (without reading every entry's key)."""
        wanted = set(tool_ids)
        if self._entries is not None or self._keys is not None:
            return {k[3] for k in self.entry_keys() if k[0] in wanted}
        return {
            year
            for tool_id, year in self.session.execute(select(ToolEntry.tool_id, ToolEntry.year).distinct())
            if tool_id in wanted
        }

    def load_entries_of(
        self,
        scopes: dict[str, set[int] | None],
        keys_of_these_only: bool = False,
        tools: Collection[str] = (),
        catalogue_tools: Collection[str] | None = None,
    ) -> None:
        """Read the entries of these scopes (kind → ids, None = all of the kind) at once: an incremental
        recompute computes a few hundred records, not the 40 000 entries of L; any other entry is still
        read on its own when asked for. `tools`: every entry of these tools too, of any scope (an
        incremental recompute after the reference date moved computes the tools reading it everywhere).

        `keys_of_these_only`: the caller computes these scopes and tools only (an incremental recompute),
        so the keys the snapshot gives (entry_keys, entry_keys_of, entry_keys_in) are theirs only: the
        keys of every entry are not read (0.06 s of L's incremental run). `catalogue_tools` (with it): the
        tools the caller can compute; the entries of these scopes are read by them, which the database finds
        through the unique index (tool, kind, scope, year) instead of going through every entry (L: 39 000,
        twice)."""
        if keys_of_these_only and self._entries is None and self._keys is None:
            self._load_only(scopes, tools, catalogue_tools)
            return
        for key in self.entry_keys():
            ids = scopes.get(key[1], set())
            if ids is None or key[2] in ids or key[0] in tools:
                self._entry_cache[key] = None  # placeholder: read below
        wanted = [k for k, v in self._entry_cache.items() if v is None]
        found = self._read_entries({kind: scopes.get(kind) for kind in {k[1] for k in wanted if k[0] not in tools}})
        found.update(self._read_tool_entries(tools))
        for k in wanted:
            self._entry_cache[k] = found.get(k)
        self._tools_loaded.update(tools)
        for kind, ids in scopes.items():
            if ids is None:
                self._kinds_loaded.add(kind)
            else:
                self._scopes_loaded |= {(kind, i) for i in ids}

    def _read_entries(
        self, scopes: dict[str, set[int] | None], tool_ids: Collection[str] | None = None
    ) -> dict[tuple[str, str, int, int], dict[str, Any]]:
        """The entries of these scopes (kind → ids, None = all of the kind), by key, ids in chunks of 500;
        of these tools only when given."""
        found: dict[tuple[str, str, int, int], dict[str, Any]] = {}
        for kind, ids_of in scopes.items():
            stmt = select(
                ToolEntry.tool_id, ToolEntry.scope_kind, ToolEntry.scope_id, ToolEntry.year, ToolEntry.inputs
            ).where(ToolEntry.scope_kind == kind)
            if tool_ids is not None:
                stmt = stmt.where(ToolEntry.tool_id.in_(sorted(tool_ids)))
            chunks = [None] if ids_of is None else [sorted(ids_of)[n : n + 500] for n in range(0, len(ids_of), 500)]
            for chunk in chunks:
                q = stmt if chunk is None else stmt.where(ToolEntry.scope_id.in_(chunk))
                for r in self.session.execute(q):
                    found[(r[0], r[1], r[2], r[3])] = dict(r[4] or {})
        return found

    def _read_tool_entries(self, tools: Collection[str]) -> dict[tuple[str, str, int, int], dict[str, Any]]:
        """Every entry of these tools, of any scope, by key."""
        if not tools:
            return {}
        stmt = select(
            ToolEntry.tool_id, ToolEntry.scope_kind, ToolEntry.scope_id, ToolEntry.year, ToolEntry.inputs
        ).where(ToolEntry.tool_id.in_(sorted(tools)))
        return {(r[0], r[1], r[2], r[3]): dict(r[4] or {}) for r in self.session.execute(stmt)}

    def _load_only(
        self, scopes: dict[str, set[int] | None], tools: Collection[str] = (), tool_ids: Collection[str] | None = None
    ) -> None:
        found = self._read_entries(scopes, tool_ids)
        found.update(self._read_tool_entries(tools))
        self._tools_loaded.update(tools)
        self._entry_cache.update(found)
        self._keys = list(found)
        self._keys_by_tool = None
        self._scopes_by_year = None
        for kind, ids in scopes.items():
            if ids is None:
                self._kinds_loaded.add(kind)
            else:
                self._scopes_loaded |= {(kind, i) for i in ids}

    def load_tool_entries_of(self, kind: str, ids: Collection[int], tools: Collection[str]) -> None:
        """After load_entries_of(keys_of_these_only=True): the entries of these tools at these scopes too,
        and their keys (an incremental recompute computes these tools only there: the other contracts of a
        changed contract's task). An entry of them not read does not exist."""
        if not ids or not tools:
            return
        wanted = sorted(ids)
        stmt = select(
            ToolEntry.tool_id, ToolEntry.scope_kind, ToolEntry.scope_id, ToolEntry.year, ToolEntry.inputs
        ).where(ToolEntry.tool_id.in_(sorted(tools)), ToolEntry.scope_kind == kind)
        found: dict[tuple[str, str, int, int], dict[str, Any]] = {}
        for n in range(0, len(wanted), 500):
            for r in self.session.execute(stmt.where(ToolEntry.scope_id.in_(wanted[n : n + 500]))):
                found[(r[0], r[1], r[2], r[3])] = dict(r[4] or {})
        new = [k for k in found if k not in self._entry_cache]
        self._entry_cache.update(found)
        if self._keys is not None:
            self._keys.extend(new)
        self._keys_by_tool = None
        self._scopes_by_year = None
        self._tool_scopes_loaded |= {(t, kind, i) for t in tools for i in wanted}

    def release_entry(self, key: tuple[str, str, int, int]) -> None:
        """Forget an entry's values once its result is stored (a recompute computes each key once);
        the key stays, so the entry still counts as existing."""
        if self._entries is not None and key in self._entries:
            self._entries[key] = {}
        elif self._entry_cache.get(key):
            self._entry_cache[key] = {}

    def entry(self, key: tuple[str, str, int, int]) -> dict[str, Any] | None:
        """One entry, read on its own unless all are loaded (a form needs one, not 40 000)."""
        if self._entries is not None:
            return self._entries.get(key)
        if key not in self._entry_cache and key[3] == self._piece_year and key[2] in self._piece_ids.get(key[1], ()):
            return None  # of the piece's scopes and of the year whose entries were read (piece_entries)
        if key not in self._entry_cache and (
            key[3] in self._years_loaded_entries
            or key[1] in self._kinds_loaded
            or (key[1], key[2]) in self._scopes_loaded
            or key[0] in self._tools_loaded
            or (key[0], key[1], key[2]) in self._tool_scopes_loaded
        ):
            return None
        if key not in self._entry_cache:
            tid, kind, sid, year = key
            data = self.session.execute(
                select(ToolEntry.inputs).where(
                    ToolEntry.tool_id == tid,
                    ToolEntry.scope_kind == kind,
                    ToolEntry.scope_id == sid,
                    ToolEntry.year == year,
                )
            ).first()
            self._entry_cache[key] = dict(data[0] or {}) if data is not None else None
        return self._entry_cache[key]


def in_year(c: Any, year: int) -> bool:
    if isinstance(c, SnapshotContract):
        return year in c.years  # the same rule, without reading the tranches when the years are known
    if c.tranches:
        return any(t.budget_year == year for t in c.tranches)
    return c.start_date.year <= year <= c.end_date.year
