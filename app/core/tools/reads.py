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
`WHOLE`: every column counts as read (the programmes, the RDPP requests, the RADAR meetings). The 19A-3
check reads the columns of the art. 19a procedures, contracts and tranches it needs, not the objects (which
loaded every child of the contracts whole), so a contract's note, a report's notes or a procedure's title is
read by no tool.

Which tools read a table outside a contract's rows (an organisation, a programme, a procedure) is declared by
source (`READ_BY`): a change there recomputes those tools only, not the gmina.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.core.tools.snapshot import CONTRACT_COLUMNS

#: every column of the table is read
WHOLE = None

#: table → the columns a recompute reads (WHOLE: all); an empty set: the table is read by no tool. A table
#: not named here counts as WHOLE (a new table is read until declared otherwise).
READ: dict[str, frozenset[str] | None] = {
    # a contract and its rows: the Snapshot's columns (snapshot.CONTRACT_COLUMNS), which hold those the year's
    # money (figures.money), the MKUS figures and 19A-3 (rules.small_grant_share_within) read too; never a
    # contract's notes, signature date or budget classification, a report's notes or acceptance
    "contract": frozenset(CONTRACT_COLUMNS),
    "contract_party": frozenset({"id", "contract_id", "organisation_id", "position"}),
    "contract_report": frozenset(
        {
            "id",
            "contract_id",
            "kind",
            "budget_year",
            "due_date",
            "received_date",
            "cost_total",
            "cost_grant",
            "cost_admin",
            "recipients",
        }
    ),
    "control": frozenset({"id", "contract_id", "control_date", "recommendations"}),
    "own_contribution": frozenset({"id", "contract_id", "budget_year", "kind", "planned_amount", "actual_amount"}),
    "planned_result": frozenset(
        {"id", "contract_id", "position", "name", "unit", "budget_year", "target_value", "kind"}
    ),
    "result_value": frozenset({"planned_result_id", "budget_year", "value"}),
    "tranche": frozenset(
        {"id", "contract_id", "budget_year", "amount", "paid_date", "payment_date", "used_amount", "returned_amount"}
    ),
    # the competitions counted (route, year, annulled), the money's route and area (task), 19A-3's offers
    "procedure": frozenset(
        {"id", "route", "budget_year", "annulled", "task_id", "received_date", "publication_start", "planned_amount"}
    ),
    # whole model objects: the programmes (with elements, priorities, reports, indicators, team), the RDPP
    # requests and the RADAR meetings
    "cooperation_programme": WHOLE,
    "programme_element": WHOLE,
    "programme_indicator": WHOLE,
    "programme_priority": WHOLE,
    "programme_report": WHOLE,
    "programme_team_member": WHOLE,
    "rdpp_request": WHOLE,
    "radar_meeting": WHOLE,
    # the clerk's entries: their keys and inputs, not who typed them when
    "tool_entry": frozenset({"id", "tool_id", "scope_kind", "scope_id", "year", "inputs"}),
    # the active organisations and their WKUS areas (W-01's count and map); never their names or contacts
    "organisation": frozenset({"id", "active"}),
    "organisation_area": frozenset({"organisation_id", "area"}),
    # a task's area (money by area, the indices' grouping) and title (Snapshot.task)
    "public_task": frozenset({"id", "title", "area"}),
    # read by no tool
    "gmina": frozenset(),
    "procedure_part": frozenset(),
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


#: the sources (sources.SOURCES) reading a cooperation programme: they load the programmes whole with their
#: children (Snapshot.programmes), so every programme table counts as read by each of them
_PROGRAMME_SOURCES = frozenset(
    {
        "programme_year",
        "programme.consultation_start",
        "programme.consultation_end",
        "programme.rdpp_opinion_date",
        "programme.resolution_date",
        "programme.elements",
        "programme_report.submitted",
        "programme_report.published",
        "w10.programme_on_time",
        "w10.consultation",
        "w10.report_on_time",
    }
)
#: the sources reading the year's money (figures.money.tranche_money: a contract's procedure route, its task's
#: or its procedure's task's area) or rule 19A-3's procedures at every scope kind
_MONEY_SOURCES = frozenset(
    {
        "programme.contracts",
        "w10.share_powierzenie",
        "w10.share_multi_year",
        "mkus.grants",
        "mkus.small_share",
        "mkus.median_grant",
        "mkus.entrustment_share",
        "mkus.multi_year_share",
        "mkus.large_tasks",
        "mkus.large_tasks_committed",
    }
)
#: not a source: the programme scopes themselves (Engine.scopes_for: one per programme and year of its term)
PROGRAMME_SCOPES = "@programme_scopes"

#: Tables outside a contract's rows that only some sources read: table → (the sources reading it at any scope
#: kind, those reading it at the programme and gmina scopes only). A change to such a table makes stale the
#: tools with an input from the first sources, at every scope and year, and what reads their outputs
#: (incremental.reach); the second ones (the `grant` source, the year's money there) make every programme and
#: gmina result stale (incremental.Dirty.wide). A table outside a contract's rows not named here (a task) asks
#: for a full recompute. tests/core/tools/test_tools_reads.py records each source at each scope kind and fails
#: on a table read by a source not named here.
READ_BY: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    # W-01's count and map of the active organisations (the map's "with contracts" reads the contract parties)
    "organisation": (frozenset({"ngo_count", "ngo_map"}), frozenset()),
    "organisation_area": (frozenset({"ngo_count", "ngo_map"}), frozenset()),
    **{
        table: (_PROGRAMME_SOURCES | {PROGRAMME_SCOPES}, frozenset())
        for table in (
            "cooperation_programme",
            "programme_element",
            "programme_priority",
            "programme_indicator",
            "programme_report",
            "programme_team_member",
        )
    },
    "rdpp_request": (
        frozenset({"rdpp.request_date", "rdpp.organisations_count", "rdpp.created_date", "rdpp.term_end", "w10.rdpp"}),
        frozenset(),
    ),
    # the competitions counted (W-10, W-11), 19A-3's art. 19a offers, the route and area of the money
    "procedure": (_MONEY_SOURCES | {"w10.competitions", "w10.share_19a_ok"}, frozenset({"grant"})),
    # the area of the money (a contract's task's, else its procedure's task's); its title is read only to group
    # the indices shown (Snapshot.task), never for a stored row. Deleted: a full recompute (incremental.UNLINKS)
    "public_task": (_MONEY_SOURCES, frozenset({"grant"})),
}

#: tables read only for the weights the indices are computed with (engine.latest_weights): those in force are
#: in the recompute's mark (indices.bases_digest), another basis gives a full recompute, the same one changes
#: nothing
BY_BASIS = frozenset({"radar_meeting"})
