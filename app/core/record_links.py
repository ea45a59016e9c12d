"""Which registry record a row belongs to, so "open this" on a child row opens its parent's editor.

Views announce records as (entity, id) with the table name as entity (e.g. a deadline's
("contract_report", 7)). The main window has one view per registry; a report, tranche or control is
shown inside its contract, a programme's report inside its programme.
"""

from __future__ import annotations

from sqlalchemy import select

from app.core.db.engine import Database
from app.core.db.models import (
    ContractReport,
    Control,
    OwnContribution,
    PlannedResult,
    ProgrammeElement,
    ProgrammeIndicator,
    ProgrammePriority,
    ProgrammeReport,
    ProgrammeTeamMember,
    ResultValue,
    Tranche,
)

#: child table -> (parent entity, the child's column holding the parent's id)
_PARENTS = {
    "contract_report": ("contract", ContractReport.contract_id, ContractReport.id),
    "tranche": ("contract", Tranche.contract_id, Tranche.id),
    "control": ("contract", Control.contract_id, Control.id),
    "own_contribution": ("contract", OwnContribution.contract_id, OwnContribution.id),
    "planned_result": ("contract", PlannedResult.contract_id, PlannedResult.id),
    "programme_report": ("cooperation_programme", ProgrammeReport.programme_id, ProgrammeReport.id),
    "programme_element": ("cooperation_programme", ProgrammeElement.programme_id, ProgrammeElement.id),
    "programme_priority": ("cooperation_programme", ProgrammePriority.programme_id, ProgrammePriority.id),
    "programme_indicator": ("cooperation_programme", ProgrammeIndicator.programme_id, ProgrammeIndicator.id),
    "programme_team_member": ("cooperation_programme", ProgrammeTeamMember.programme_id, ProgrammeTeamMember.id),
}


def owning_record(db: Database, entity: str, record_id: int) -> tuple[str, int]:
    """(entity, id) of the registry record that shows `entity` #`record_id`; itself if it is one.

    A child row that no longer exists is returned unchanged (the caller then shows the list).
    """
    if entity == "result_value":
        with db.session() as s:
            result_id = s.scalar(select(ResultValue.planned_result_id).where(ResultValue.id == record_id))
        if result_id is None:
            return entity, record_id
        entity, record_id = "planned_result", int(result_id)
    parent = _PARENTS.get(entity)
    if parent is None:
        return entity, record_id
    parent_entity, parent_column, id_column = parent
    with db.session() as s:
        parent_id = s.scalar(select(parent_column).where(id_column == record_id))
    if parent_id is None:
        return entity, record_id
    return parent_entity, int(parent_id)
