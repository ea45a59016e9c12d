"""Plain results of the law engine that the UI and the CLI receive (never ORM objects)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.core.domain.enums import LabeledEnum
from app.core.i18n import N_


class DeadlineState(LabeledEnum):
    OVERDUE = "OVERDUE", N_("overdue")
    DUE_SOON = "DUE_SOON", N_("due soon")
    UPCOMING = "UPCOMING", N_("upcoming")
    MET = "MET", N_("met")


class Severity(LabeledEnum):
    ERROR = "error", N_("error")
    WARNING = "warning", N_("warning")


@dataclass(frozen=True)
class RecordRef:
    """The record a deadline or finding belongs to: table name, id and a human label.

    `entity` is the table name (`contract`, `procedure`, `cooperation_programme`,
    `contract_report`, `tranche`, `rdpp_request`, `gmina`); the UI uses it to open the record.
    """

    entity: str
    id: int | None
    label: str


@dataclass(frozen=True)
class Deadline:
    kind: str
    title: str
    due: dt.date
    basis: str  # article with act and journal, e.g. "art. 18 ust. 1 u.d.p.p.w. (Dz.U. z 2024 r. poz. 1491)"
    record: RecordRef
    state: DeadlineState
    done_on: dt.date | None = None

    @property
    def open(self) -> bool:
        return self.state is not DeadlineState.MET


@dataclass(frozen=True)
class Finding:
    """One failed (or not evaluable) compliance check."""

    rule_id: str
    severity: Severity
    message: str  # translated, cites the article
    basis: str
    record: RecordRef
    #: True when the rule could not be evaluated; `message` says which data is missing
    missing_data: bool = False


def deadline_state(due: dt.date, done: bool, today: dt.date, soon_days: int) -> DeadlineState:
    if done:
        return DeadlineState.MET
    if due < today:
        return DeadlineState.OVERDUE
    if (due - today).days <= soon_days:
        return DeadlineState.DUE_SOON
    return DeadlineState.UPCOMING
