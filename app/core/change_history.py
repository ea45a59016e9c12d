"""A contract's change history from the audit log, printable as plain text or CSV.

The history covers the contract row and everything that belongs to it (parties, tranches, own
contributions, planned results and their values, reports, controls), including rows deleted
since: their audit entries still carry the contract id in the JSON of the created/deleted values.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import or_, select

from app.core.audit import verify_chain
from app.core.db.engine import Database
from app.core.db.models import AuditEntry, Contract
from app.core.domain.enums import AuditAction
from app.core.errors import NotFound
from app.core.i18n import N_, _, format_datetime
from app.core.transfer.sheets import atomic_write, neutralise

_CHILDREN = ("contract_party", "tranche", "own_contribution", "planned_result", "contract_report", "control")
ENTITY_LABELS = {
    "contract": N_("contract"),
    "contract_party": N_("party"),
    "tranche": N_("tranche"),
    "own_contribution": N_("own contribution"),
    "planned_result": N_("planned result"),
    "result_value": N_("achieved result"),
    "contract_report": N_("report"),
    "control": N_("control"),
}


@dataclass(frozen=True)
class HistoryLine:
    entry_id: int
    at: dt.datetime
    os_user: str
    action: AuditAction
    entity: str
    entity_id: int | None
    field: str
    old_value: str | None
    new_value: str | None

    @property
    def entity_label(self) -> str:
        return _(ENTITY_LABELS.get(self.entity, self.entity))


@dataclass(frozen=True)
class ContractHistory:
    contract_id: int
    title: str
    number: str
    lines: tuple[HistoryLine, ...]
    #: first altered audit entry anywhere in the log (None = the log is intact)
    chain_broken_at: int | None


def _json_field(text: str | None, key: str) -> object:
    try:
        return json.loads(text or "{}").get(key)
    except (ValueError, AttributeError):
        return None


def contract_history(db: Database, contract_id: int) -> ContractHistory:
    with db.session() as s:
        k = s.get(Contract, contract_id)
        if k is None:
            raise NotFound(_("Contract no. {id} does not exist.").format(id=contract_id))
        children: set[tuple[str, int]] = set()
        query = select(AuditEntry).where(
            AuditEntry.entity.in_(_CHILDREN), AuditEntry.action.in_([AuditAction.CREATE, AuditAction.DELETE])
        )
        for e in s.scalars(query):
            values = e.new_value if e.action is AuditAction.CREATE else e.old_value
            if str(_json_field(values, "contract_id")) == str(contract_id) and e.entity_id is not None:
                children.add((e.entity, e.entity_id))
        # the audit log stores values as text, so ids are compared as text
        results = {str(i) for entity, i in children if entity == "planned_result"}
        query = select(AuditEntry).where(
            AuditEntry.entity == "result_value", AuditEntry.action.in_([AuditAction.CREATE, AuditAction.DELETE])
        )
        for e in s.scalars(query):
            values = e.new_value if e.action is AuditAction.CREATE else e.old_value
            if str(_json_field(values, "planned_result_id")) in results and e.entity_id is not None:
                children.add(("result_value", e.entity_id))
        conditions = [(AuditEntry.entity == "contract") & (AuditEntry.entity_id == contract_id)]
        for entity in {e for e, _i in children}:
            ids = [i for e, i in children if e == entity]
            conditions.append((AuditEntry.entity == entity) & AuditEntry.entity_id.in_(ids))
        lines = tuple(
            HistoryLine(e.id, e.at, e.os_user, e.action, e.entity, e.entity_id, e.field, e.old_value, e.new_value)
            for e in s.scalars(select(AuditEntry).where(or_(*conditions)).order_by(AuditEntry.id))
        )
        broken = verify_chain(s)
        return ContractHistory(k.id, k.title, k.number, lines, broken)


def _what(line: HistoryLine) -> str:
    if line.action is AuditAction.UPDATE:
        return _("{field}: {old} → {new}").format(
            field=line.field, old=line.old_value or "—", new=line.new_value or "—"
        )
    return (line.new_value or "") if line.action is AuditAction.CREATE else (line.old_value or "")


def history_text(history: ContractHistory) -> str:
    """Plain text for printing or attaching to a control's protocol."""
    out = [
        _("Change history of contract {number} \u201c{title}\u201d (id {id})").format(
            number=history.number or "—", title=history.title, id=history.contract_id
        ),
        "",
    ]
    if history.chain_broken_at is None:
        out.append(_("Change log verified: no entry was altered or removed."))
    else:
        out.append(
            _("WARNING: the change log was altered outside the program, starting at entry no. {id}.").format(
                id=history.chain_broken_at
            )
        )
    out.append("")
    for line in history.lines:
        out.append(
            _("{when}  {user}  {action} {entity} {entity_id}").format(
                when=format_datetime(line.at),
                user=line.os_user,
                action=line.action.label,
                entity=line.entity_label,
                entity_id=line.entity_id if line.entity_id is not None else "",
            )
        )
        out.append("    " + _what(line))
    if not history.lines:
        out.append(_("No changes recorded."))
    return "\n".join(out) + "\n"


def write_history_csv(history: ContractHistory, path: Path | str) -> None:
    headers = [
        _("Entry"),
        _("Time (UTC)"),
        _("User"),
        _("Action"),
        _("Record"),
        _("Record ID"),
        _("Field"),
        _("Old value"),
        _("New value"),
    ]

    def write(part: Path) -> None:
        with part.open("w", encoding="utf-8-sig", newline="") as fh:
            out = csv.writer(fh, delimiter=";")
            out.writerow(headers)
            for line in history.lines:
                out.writerow(
                    [
                        line.entry_id,
                        line.at.isoformat(timespec="seconds"),
                        neutralise(line.os_user),
                        line.action.label,
                        line.entity_label,
                        line.entity_id if line.entity_id is not None else "",
                        line.field,
                        neutralise(line.old_value or ""),
                        neutralise(line.new_value or ""),
                    ]
                )

    atomic_write(Path(path), write)
