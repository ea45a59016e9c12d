"""The columns a recompute reads, per table: a change to any other column, or to a row of a table no tool
reads, leaves every tool result as it is (incremental.dirty_since ignores it). A clerk edits an
organisation's phone, e-mail or address every day; none of them is read by a tool, and each used to ask
for a full recompute (8 s of CPU on L).

Settings are not in the change log: those a recompute reads (`settings_read`) are kept in its mark as a
digest (`settings_digest`), compared by the next incremental run.

The declaration holds every column a recompute's statements select, filter or order on: the Snapshot's
selects (snapshot.py), the year's money (figures.money.tranche_money), the MKUS figures, the law check
19A-3 behind W-10 (rules.small_grant_share_within) and the RADAR weights. tests/core/tools/test_tools_reads.py
records every statement of a full and an incremental recompute and of the Snapshot's readers and fails on
a column missing here, so a column a tool starts to read cannot be forgotten.

Tables read as whole model objects (with the children their relationships load, lazy="selectin") are
`WHOLE`: every column counts as read. The 19A-3 check loads the art. 19a contracts whole, so every column
of a contract and of its children is read, the contract's note included.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

#: every column of the table is read
WHOLE = None

#: table → the columns a recompute reads (WHOLE: all); an empty set: the table is read by no tool. A table
#: not named here counts as WHOLE (a new table is read until declared otherwise).
READ: dict[str, frozenset[str] | None] = {
    # whole model objects: 19A-3 loads the art. 19a contracts with their children; the programmes,
    # procedures, RDPP requests and RADAR meetings are read as objects
    "contract": WHOLE,
    "contract_party": WHOLE,
    "contract_report": WHOLE,
    "control": WHOLE,
    "own_contribution": WHOLE,
    "planned_result": WHOLE,
    "result_value": WHOLE,
    "tranche": WHOLE,
    "cooperation_programme": WHOLE,
    "programme_element": WHOLE,
    "programme_indicator": WHOLE,
    "programme_priority": WHOLE,
    "programme_report": WHOLE,
    "programme_team_member": WHOLE,
    "procedure": WHOLE,
    "procedure_part": WHOLE,
    "rdpp_request": WHOLE,
    "radar_meeting": WHOLE,
    # the clerk's entries: their keys and inputs, not who typed them when
    "tool_entry": frozenset({"id", "tool_id", "scope_kind", "scope_id", "year", "inputs"}),
    # the active organisations and their WKUS areas (W-08's count and map); never their names or contacts
    "organisation": frozenset({"id", "active"}),
    "organisation_area": frozenset({"organisation_id", "area"}),
    # a task's area (money by area, the indices' grouping) and title (Snapshot.task)
    "public_task": frozenset({"id", "title", "area"}),
    # read by no tool
    "gmina": frozenset(),
    "organisation_sphere": frozenset(),
    "nonfinancial_cooperation": frozenset(),
    "nonfinancial_cooperation_organisation": frozenset(),
    "comparison_file": frozenset(),
}


@cache
def _column_of(entity: str) -> dict[str, str]:
    """The table's column names by the attribute name the change log names them with (audit._changes
    logs the mapper's attribute key)."""
    from app.core.db.models import Base

    for mapper in Base.registry.mappers:
        if getattr(mapper.local_table, "name", None) == entity:
            return {attr.key: col.name for attr in mapper.column_attrs for col in attr.columns}
    return {}


def unread(entity: str, field: str | None = None) -> bool:
    """Whether a change leaves every tool result as it is: an update of `field`, a column of the table
    that no recompute reads; or any change (a row created or deleted names no field) to a table no tool
    reads (an organisation's spheres, a non-financial cooperation). An unknown table or field is read."""
    declared = READ.get(entity, WHOLE)
    if declared is WHOLE:
        return False
    if not declared:
        return True
    if not field:
        return False
    column = _column_of(entity).get(field)
    return column is not None and column not in declared


def settings_read() -> tuple[str, ...]:
    """Key prefixes of the settings a recompute reads: the budget's grants planned for organisations per
    year (planned_grants.planned_by_year: 19A-3's base, read by W-10's art. 19a share). Settings are not in the
    change log (audit._SKIP), so the recompute's mark keeps their digest (settings_digest)."""
    from app.core.law.planned_grants import NGO_GRANTS_PLANNED_KEY

    return (NGO_GRANTS_PLANNED_KEY,)


def settings_digest(session: Session) -> str:
    """The digest of the settings a recompute reads (settings_read), as stored now."""
    from app.core.db.models import Setting

    rows = session.execute(
        select(Setting.key, Setting.value)
        .where(or_(*(Setting.key.startswith(prefix) for prefix in settings_read())))
        .order_by(Setting.key)
    )
    return hashlib.sha256(json.dumps([[k, v] for k, v in rows]).encode("utf-8")).hexdigest()
