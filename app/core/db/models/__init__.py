"""All ORM models. Every model module must be imported here so the metadata is complete.

Areas add their own module (e.g. `tools.py`, `law.py`, `wizards.py`) and import it below.
"""

from app.core.db.models import contracts, registry, system  # noqa: F401
from app.core.db.models.base import Base, EnumCode, Money, Quantity  # noqa: F401
from app.core.db.models.comparison import ComparisonFile  # noqa: F401
from app.core.db.models.contracts import (  # noqa: F401
    Contract,
    ContractParty,
    ContractReport,
    Control,
    OwnContribution,
    PlannedResult,
    ResultValue,
    Tranche,
)
from app.core.db.models.cooperation import NonFinancialCooperation  # noqa: F401
from app.core.db.models.law import RdppRequest  # noqa: F401
from app.core.db.models.registry import (  # noqa: F401
    CooperationProgramme,
    Gmina,
    Organisation,
    OrganisationArea,
    OrganisationSphere,
    Procedure,
    ProcedurePart,
    ProgrammeElement,
    ProgrammeIndicator,
    ProgrammePriority,
    ProgrammeReport,
    ProgrammeTeamMember,
    PublicTask,
)
from app.core.db.models.system import AuditEntry, SchemaVersion, Setting  # noqa: F401
from app.core.db.models.tools import RadarMeeting, ToolEntry, ToolResult  # noqa: F401
from app.core.db.models.wizards import WizardSession  # noqa: F401
