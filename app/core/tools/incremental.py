"""Which stored tool results a change made stale: the change log since the last recompute, as contracts
and tasks to recompute (issue 18: saving one report must not recompute 130 000 results).

The last recompute leaves a mark (setting `tools.recompute`): the change log's head when it started,
the reference date, the catalogue version and the digest of the settings the tools read (the budget's planned
grants: settings are not in the change log). The next recompute reads the log entries after that head
and maps each one to the contract or task its record belongs to. A change to a column no tool reads (an
organisation's phone or address, a task's description, a contract's note: reads.READ), or to a row of a table
no tool reads (an organisation's spheres, a non-financial cooperation, a competition's parts), is skipped. A
change to a record outside the contracts that some sources read (an organisation, a programme, a procedure,
an RDPP request: reads.READ_BY) makes stale the tools with an input from those sources, at every scope, and
what reads them (`reach`: the contracts' W index reads W-10 at the gmina); a RADAR meeting is read only as
the weights in force, which the mark's digest of the bases covers. Whatever else it cannot map — a task
deleted, a record moved to another contract, a row no longer there — or another catalogue or language, or a reference
date in another year, asks for a full recompute: the incremental path is taken only when it is known to give
the same figures (tests/core/tools/test_tools_incremental.py, test_tools_incremental_records.py).

A reference date moved within its year (the clerk opens the app the next morning) changes only what reads
the date: the formulas registered with `reads_date` (formulas.DateUse; Ctx.today refuses any other), and
the tools, model summaries and composite indices that read their outputs (`date_reach`, from the
catalogue), at every scope and year (tests/core/tools/test_tools_incremental_date.py). Within one year
nothing else reads the date: the years a recompute goes through are the records' (engine._years_of), and
the year the summary's means pick (engine._LatestIndexValues, as indices._pick_year) follows the date's
year only.

Why a contract's task: its task's tools (E-02, E-13, W-02 …) sum the task's contracts. The task's other
contracts read them back only through what `readers_of` finds in the catalogue (E-04 reads E-01, E-14
summarises the task's E tools, the E index has E-03 of the task): only those are computed again there, their
other tools read from their stored rows (a contract's sources read its own records only). Programme
and gmina tools read every contract's money and parties: they are recomputed unless only records they
never read changed (_NARROW), and then what reads them at every contract too (the W index reads W-10 and
W-08 at the gmina: engine._Wanted.indexed); the gmina's index rows (means over a year's contracts) are, for
every year a recomputed contract runs in or had an index row in, from the sums the mark keeps
(engine._stored_index_values).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.db.models import AuditEntry, Base, Setting
from app.core.tools.catalogue import Catalogue
from app.core.tools.reads import BY_BASIS, PROGRAMME_SCOPES, READ_BY, settings_digest, unread

MARK = "tools.recompute"

#: tables whose row deleted sets the contracts' link to it to NULL in the database (ON DELETE SET NULL), which
#: the change log does not hold: a task (the contracts' task scopes and task tools change)
UNLINKS = ("public_task",)
#: tables whose rows belong to one contract through their `contract_id`
_CONTRACT_ROWS = ("contract_party", "contract_report", "control", "own_contribution", "planned_result", "tranche")
#: records no tool reads (the wizards' drafts, settings, the log itself and the results)
_NOT_READ = ("wizard_session", "setting", "schema_version", "audit_log", "tool_result")


@dataclass(frozen=True)
class Dirty:
    """Records whose results are stale: contracts and tasks (before adding the task's contracts)."""

    contracts: frozenset[int]
    tasks: frozenset[int]
    #: whether programme and gmina tools may read a changed record (see _NARROW)
    wide: bool = True
    #: the reference date moved within its year: what reads it is stale at every scope (date_reach)
    dated: bool = False
    #: sources (sources.SOURCES) reading a changed record outside a contract's rows (reads.READ_BY): the tools
    #: with an input from them are stale at every scope, and what reads them (reach)
    sources: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Reach:
    """What a change to some tools can change: the tools (by id) and the composite indices (by model)."""

    tools: frozenset[str]
    indices: frozenset[str]


def date_readers(catalogue: Catalogue) -> set[str]:
    """The tools whose formula reads the reference date (formulas.FORMULAS' `reads_date` "always"; a
    "without_year" read is never stored)."""
    from app.core.tools.formulas import FORMULAS

    return {t.id for t in catalogue.tools if (f := FORMULAS.get(t.id)) is not None and f.reads_date == "always"}


def date_reach(catalogue: Catalogue) -> Reach:
    """The tools reading the reference date (`date_readers`) and everything that reads their outputs (`reach`)."""
    return reach(catalogue, date_readers(catalogue))


def readers_of(catalogue: Catalogue, kinds: Iterable[str]) -> Reach:
    """The contract and task tools and the composite indices that read, directly or through others, a tool
    of these scope kinds (a task's, the gmina's): at a contract whose own records did not change, only
    they can change when those tools do (a contract's sources read its own records only: sources.Scope).
    From the catalogue, as `reach`; the tools of these kinds themselves are not in it."""
    seeds = {t.id for t in catalogue.tools if t.scope in kinds}
    got = reach(catalogue, seeds)
    scope_of = {t.id: t.scope for t in catalogue.tools}
    return Reach(frozenset(t for t in got.tools if t not in seeds and scope_of[t] in ("contract", "task")), got.indices)


def reach(catalogue: Catalogue, seeds: Iterable[str]) -> Reach:
    """These tools and, from the catalogue, everything that reads their outputs until nothing more is
    added: a tool with a `tool:ID.output` input, a tool reading a model's summary (`model_summary.M`:
    every other tool of M and M's index, engine.Engine.model_summary), and a composite index with a
    component among them."""
    tools = set(seeds)
    indices: set[str] = set()
    changed = True
    while changed:
        changed = False
        for code, index in catalogue.indices.items():
            if code not in indices and any(c.tool_id in tools for c in index.components):
                indices.add(code)
                changed = True
        for tool in catalogue.tools:
            if tool.id not in tools and any(_reads(inp.source or "", tools, indices, catalogue) for inp in tool.inputs):
                tools.add(tool.id)
                changed = True
    return Reach(frozenset(tools), frozenset(indices))


def source_readers(catalogue: Catalogue, names: Collection[str]) -> set[str]:
    """The tools with an input from one of these sources (sources.SOURCES; reads.PROGRAMME_SCOPES: every tool
    of the programme scope computed from the records, whose scopes are the programmes' years)."""
    out = {t.id for t in catalogue.tools if any(i.source in names for i in t.inputs)}
    if PROGRAMME_SCOPES in names:
        out |= {t.id for t in catalogue.tools if t.scope == "programme" and t.sourced_inputs}
    return out


def _reads(source: str, tools: set[str], indices: set[str], catalogue: Catalogue) -> bool:
    """Whether an input with this source reads one of these tools or indices."""
    if source.startswith("tool:"):
        return source[5:].partition(".")[0] in tools
    if source.startswith("model_summary."):
        model = source.split(".", 1)[1]
        return model in indices or any(t.id in tools for t in catalogue.by_model(model))
    return False


#: records the programme and gmina tools never read: their sources (sources.py, scope programme or
#: gmina) read the programmes, the RDPP, procedures, organisations, contracts with their parties and
#: the year's money (tranches), and the gmina tool W-08; never reports, planned results, their values,
#: controls or own contributions. A change to these alone leaves programme and gmina results as they are.
_NARROW = ("contract_report", "result_value", "planned_result", "control", "own_contribution")


def read_mark(session: Session) -> dict[str, Any] | None:
    row = session.get(Setting, MARK)
    if row is None or not row.value:
        return None
    try:
        mark = json.loads(row.value)
    except ValueError:
        return None
    return mark if isinstance(mark, dict) else None


def write_mark(
    session: Session,
    head: int,
    as_of: dt.date,
    version: str,
    bases: str | None = None,
    settings: str | None = None,
    index_sums: dict[str, Any] | None = None,
) -> None:
    """`bases`: indices.bases_digest of the run (the weights and bounds its index rows were computed with).
    `settings`: reads.settings_digest when the run started (the settings it read are not in the change log).
    `index_sums`: the sums of the stored contract index values (engine._index_sums), from which the next
    incremental run takes the recomputed contracts' out instead of reading every contract's.
    The language is kept because the rows hold text in it (problems, labels of E-13's matrix)."""
    from app.core.i18n import current_language

    value = json.dumps(
        {
            "head": head,
            "as_of": as_of.isoformat(),
            "catalogue": version,
            "bases": bases,
            "language": current_language(),
            "settings": settings,
            "index_sums": index_sums,
        }
    )
    row = session.get(Setting, MARK)
    if row is None:
        session.add(Setting(key=MARK, value=value))
    else:
        row.value = value
    session.flush()


def dirty_since(
    session: Session, as_of: dt.date, version: str, bases: str | None = None, settings: str | None = None
) -> Dirty | None:
    """What changed since the last recompute; None when only a full recompute is known to be right.

    `bases`: the digest of the weights and bounds the index rows would be computed with now
    (indices.bases_digest). When it is not the mark's, a full recompute: the contract index rows left as
    they are hold no basis of their own (the gmina's row of their index and year does, and an
    incremental run writes that row again), and their values were computed with the stored basis. A
    mark from before the digest was kept (none in it) asks for one full recompute too. `settings`:
    reads.settings_digest when the run started (read here when not given)."""
    from app.core.audit import hooks_installed

    if not hooks_installed():
        return None  # this process's own saves would not be in the log
    mark = read_mark(session)
    if mark is None or mark.get("catalogue") != version:
        return None
    if bases is not None and mark.get("bases") != bases:
        return None
    from app.core.i18n import current_language

    if mark.get("language") != current_language():
        return None  # the stored problems and labels are in another language: every row is written again
    if mark.get("settings") != (settings if settings is not None else settings_digest(session)):
        # the budget's planned grants (W-10, and the contracts' W index reading it) changed, or a mark from
        # before the digest was kept: settings are not in the change log
        return None
    try:
        marked = dt.date.fromisoformat(str(mark.get("as_of")))
    except ValueError:
        return None
    if marked.year != as_of.year:
        # the year the summary's means pick follows the date's year: a new year changes it for every contract
        return None
    dated = marked != as_of
    head = mark.get("head")
    if not isinstance(head, int):
        return None
    contracts: set[int] = set()
    tasks: set[int] = set()
    read_by: set[str] = set()
    wide = False
    look_up: dict[str, set[int]] = {}  # table → ids of rows changed in place (their owner read below)
    gone: set[tuple[str, int]] = set()  # rows deleted in the window: their delete entry names the owner
    entries = session.execute(
        select(
            AuditEntry.entity,
            AuditEntry.entity_id,
            AuditEntry.action,
            AuditEntry.field,
            AuditEntry.old_value,
            AuditEntry.new_value,
        )
        .where(AuditEntry.id > head)
        .order_by(AuditEntry.id)
    )
    for entity, eid, action, fld, old, new in entries:
        if entity in _NOT_READ:
            continue
        if unread(entity, fld if action == "UPDATE" else None):
            continue  # a column or a table no tool reads (an organisation's phone, its spheres): reads.READ
        if entity in BY_BASIS:
            if bases is None:
                return None  # no digest to compare: the weights in force may have changed
            continue  # read only as the indices' weights in force: the bases digest compared above decides
        if entity in UNLINKS and action == "DELETE":
            return None  # the contracts it named lost the link in the database, not in the log
        by = READ_BY.get(entity)
        if by is not None:  # an organisation, a programme, a procedure: what reads it (reads.READ_BY)
            read_by |= by[0]
            wide |= bool(by[1])
            continue
        if entity not in ("contract", "result_value", "tool_entry", *_CONTRACT_ROWS) or not isinstance(eid, int):
            return None
        if entity not in _NARROW and entity != "tool_entry":
            wide = True
        # a created or deleted row carries all its columns; an update names one field
        whole = _columns(new if action == "CREATE" else old) if action in ("CREATE", "DELETE") else None
        if action in ("CREATE", "DELETE") and whole is None:
            return None
        if action == "DELETE":
            gone.add((entity, eid))
        if entity == "contract":
            contracts.add(eid)
            if whole is not None:
                tasks |= _ids(whole.get("task_id"))
            elif fld == "task_id":
                tasks |= _ids(_value(old)) | _ids(_value(new))
            continue
        if fld in ("contract_id", "planned_result_id", "report_id", "scope_kind", "scope_id"):
            return None  # a row moved to another owner: rare, and both owners would be stale
        if whole is not None:
            owner = _owner(session, entity, whole)
            if owner is None:
                return None
            wide |= _add(owner, contracts, tasks)
        else:
            look_up.setdefault(entity, set()).add(eid)
    for entity, ids in look_up.items():
        found = _rows(session, entity, ids)
        for rid in ids:
            row = found.get(rid)
            if row is None:
                if (entity, rid) in gone:
                    continue  # its delete entry named its owner
                return None
            owner = _owner(session, entity, row)
            if owner is None:
                return None
            wide |= _add(owner, contracts, tasks)
    return Dirty(frozenset(contracts), frozenset(tasks), wide, dated, frozenset(read_by))


def _add(owner: tuple[str, int] | tuple[str, None], contracts: set[int], tasks: set[int]) -> bool:
    """Add the owner; True when it is a programme or the gmina (their tools must be computed again)."""
    kind, oid = owner
    if kind == "contract" and oid is not None:
        contracts.add(oid)
    elif kind == "task" and oid is not None:
        tasks.add(oid)
    return kind in ("programme", "gmina")


def _owner(session: Session, entity: str, row: dict[str, Any]) -> tuple[str, int] | tuple[str, None] | None:
    """The contract or task a row's results belong to; None when it cannot be told."""
    if entity in _CONTRACT_ROWS:
        cid = _int(row.get("contract_id"))
        return ("contract", cid) if cid is not None else None
    if entity == "result_value":
        pid = _int(row.get("planned_result_id"))
        if pid is None:
            return None
        planned = _rows(session, "planned_result", {pid}).get(pid)
        cid = _int(planned.get("contract_id")) if planned is not None else None
        return ("contract", cid) if cid is not None else None
    if entity == "tool_entry":
        kind, sid = row.get("scope_kind"), _int(row.get("scope_id"))
        if kind in ("contract", "task") and sid is not None:
            return (str(kind), sid)
        if kind in ("programme", "gmina"):
            return (str(kind), None)
    return None


#: the columns that name a row's owner (_owner)
_OWNER_COLUMNS = ("id", "contract_id", "planned_result_id", "scope_kind", "scope_id")


def _rows(session: Session, entity: str, ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """The rows' owner columns (not the rows: what a recompute reads is declared in reads.READ)."""
    table = Base.metadata.tables[entity]
    columns = [table.c[name] for name in _OWNER_COLUMNS if name in table.c]
    wanted = sorted(ids)
    out: dict[int, dict[str, Any]] = {}
    for n in range(0, len(wanted), 500):
        for row in session.execute(select(*columns).where(table.c.id.in_(wanted[n : n + 500]))).mappings():
            out[row["id"]] = dict(row)
    return out


def _columns(text: str | None) -> dict[str, Any] | None:
    try:
        data = json.loads(text) if text else None
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def _value(text: str | None) -> Any:
    try:
        return json.loads(text) if text else None
    except ValueError:
        return text


def _int(value: Any) -> int | None:
    try:
        return int(value) if value is not None and value != "" else None
    except (TypeError, ValueError):
        return None


def _ids(value: Any) -> set[int]:
    n = _int(value)
    return {n} if n is not None else set()
