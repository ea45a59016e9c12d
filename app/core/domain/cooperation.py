"""Non-financial cooperation with NGOs (art. 5 ust. 2; tool W-08): the forms and the plain records
the register's UI and the annual report receive."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.core.domain.enums import LabeledEnum
from app.core.i18n import N_


class CooperationForm(LabeledEnum):
    """Forms of cooperation without money, as the annual reports list them (domain.md §6.3, §9.2)."""

    CONSULTATION = "CONSULTATION", N_("consultation of draft normative acts")
    JOINT_TEAM = "JOINT_TEAM", N_("joint advisory and initiative teams")
    INFORMATION = "INFORMATION", N_("mutual information about planned activities")
    MEETING = "MEETING", N_("meetings with organisations")
    PATRONAGE = "PATRONAGE", N_("patronage and promotion of organisations")
    PREMISES = "PREMISES", N_("premises and equipment lent")
    TRAINING = "TRAINING", N_("training and advice for organisations")
    OTHER = "OTHER", N_("other forms")


#: the W-08 tool's input key for each form (resources/tools/catalogue.toml); OTHER has none
W08_INPUT = {
    CooperationForm.CONSULTATION: "consultations",
    CooperationForm.JOINT_TEAM: "teams",
    CooperationForm.INFORMATION: "information",
    CooperationForm.MEETING: "meetings",
    CooperationForm.PATRONAGE: "patronage",
    CooperationForm.PREMISES: "premises",
    CooperationForm.TRAINING: "trainings",
}


@dataclass(frozen=True)
class CooperationRecord:
    id: int
    budget_year: int
    form: CooperationForm
    title: str
    description: str
    event_date: dt.date | None
    organisation_ids: tuple[int, ...]
    organisation_names: tuple[str, ...]  # registry organisations, in name order
    other_organisations: tuple[str, ...]  # names of partners outside the registry, one per entry
    notes: str

    @property
    def organisations(self) -> tuple[str, ...]:
        return self.organisation_names + self.other_organisations

    @property
    def organisations_count(self) -> int:
        return len(self.organisations)


@dataclass
class CooperationInput:
    budget_year: int | str | None = None
    form: CooperationForm | str | None = None
    title: str = ""
    description: str = ""
    event_date: dt.date | str | None = None
    organisation_ids: tuple[int, ...] = ()
    other_organisations: str = ""  # one name a line
    notes: str = ""


@dataclass(frozen=True)
class FormSummary:
    """One line of the report's table: a form, how many activities, how many distinct partners."""

    form: CooperationForm
    activities: int
    organisations: int
