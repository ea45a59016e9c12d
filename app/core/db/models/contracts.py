"""Contracts (single- and multi-year) with tranches, contributions, results, reports and controls."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.db.models.base import Base, EnumCode, Money, Quantity, TimestampMixin, VersionMixin
from app.core.domain.enums import ContractForm, ContractStatus, ContributionKind, ControlKind, ReportKind, ResultKind


class Contract(TimestampMixin, VersionMixin, Base):
    __tablename__ = "contract"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(80), default="")
    title: Mapped[str] = mapped_column(String(400))
    task_id: Mapped[int | None] = mapped_column(
        ForeignKey("public_task.id", ondelete="SET NULL"), nullable=True, index=True
    )
    procedure_id: Mapped[int | None] = mapped_column(
        ForeignKey("procedure.id", ondelete="SET NULL"), nullable=True, index=True
    )
    form: Mapped[ContractForm] = mapped_column(EnumCode(ContractForm))
    status: Mapped[ContractStatus] = mapped_column(EnumCode(ContractStatus), default=ContractStatus.DRAFT)
    signed_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date] = mapped_column(Date)
    #: unit rate for services paid per unit (e.g. per participant per month), optional
    unit_rate: Mapped[Decimal | None] = mapped_column(Money, nullable=True)
    unit_name: Mapped[str] = mapped_column(String(80), default="")
    budget_paragraph: Mapped[str] = mapped_column(String(10), default="2360")
    notes: Mapped[str] = mapped_column(Text, default="")
    #: the planned total grant the tranches must add up to, as the clerk typed it (schema 2); optional.
    #: sort_order: last, where the step's ALTER TABLE puts it (the models and the steps give one table)
    planned_total: Mapped[Decimal | None] = mapped_column(Money, nullable=True, sort_order=10)
    #: dział and rozdział of the budget classification (schema 10); "" = not entered. Last, as the step adds them
    budget_division: Mapped[str] = mapped_column(String(3), default="", server_default="", sort_order=11)
    budget_chapter: Mapped[str] = mapped_column(String(5), default="", server_default="", sort_order=12)

    parties: Mapped[list[ContractParty]] = relationship(
        back_populates="contract", cascade="all, delete-orphan", lazy="selectin", order_by="ContractParty.position"
    )
    tranches: Mapped[list[Tranche]] = relationship(
        back_populates="contract",
        cascade="all, delete-orphan",
        lazy="selectin",
        order_by="(Tranche.budget_year, Tranche.payment_date)",
    )
    contributions: Mapped[list[OwnContribution]] = relationship(
        back_populates="contract", cascade="all, delete-orphan", lazy="selectin", order_by="OwnContribution.budget_year"
    )
    planned_results: Mapped[list[PlannedResult]] = relationship(
        back_populates="contract", cascade="all, delete-orphan", lazy="selectin", order_by="PlannedResult.position"
    )
    reports: Mapped[list[ContractReport]] = relationship(
        back_populates="contract", cascade="all, delete-orphan", lazy="selectin", order_by="ContractReport.due_date"
    )
    controls: Mapped[list[Control]] = relationship(
        back_populates="contract", cascade="all, delete-orphan", lazy="selectin", order_by="Control.control_date"
    )


class ContractParty(Base):
    """An organisation that is a party of the contract (joint offers have several)."""

    __tablename__ = "contract_party"
    __table_args__ = (UniqueConstraint("contract_id", "organisation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contract.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="RESTRICT"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    role: Mapped[str] = mapped_column(String(200), default="")
    contract: Mapped[Contract] = relationship(back_populates="parties")


class Tranche(Base):
    """Grant money for one budget year (art. 221 ufp: use by 31 Dec, return by the set date)."""

    __tablename__ = "tranche"

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contract.id", ondelete="CASCADE"), index=True)
    budget_year: Mapped[int] = mapped_column(Integer)
    amount: Mapped[Decimal] = mapped_column(Money)
    payment_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    paid_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    use_deadline: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    return_deadline: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    used_amount: Mapped[Decimal | None] = mapped_column(Money, nullable=True)
    returned_amount: Mapped[Decimal | None] = mapped_column(Money, nullable=True)
    #: the day the unused part came back (interest of art. 251 ust. 5 u.f.p. after a late return)
    returned_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    contract: Mapped[Contract] = relationship(back_populates="tranches")


class OwnContribution(Base):
    __tablename__ = "own_contribution"

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contract.id", ondelete="CASCADE"), index=True)
    budget_year: Mapped[int] = mapped_column(Integer)
    kind: Mapped[ContributionKind] = mapped_column(EnumCode(ContributionKind))
    planned_amount: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))
    actual_amount: Mapped[Decimal | None] = mapped_column(Money, nullable=True)
    note: Mapped[str] = mapped_column(String(300), default="")
    contract: Mapped[Contract] = relationship(back_populates="contributions")


def _default_kind(context: Any) -> str:
    from app.core.tools.results import default_kind

    return default_kind(context.get_current_parameters().get("unit") or "").value


class PlannedResult(Base):
    """A result of the offer's result table: name, unit, target, source of information."""

    __tablename__ = "planned_result"

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contract.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(300))
    unit: Mapped[str] = mapped_column(String(60), default="")
    source: Mapped[str] = mapped_column(String(300), default="")
    #: None = target for the whole contract; a year = that budget year's target
    budget_year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    target_value: Mapped[Decimal] = mapped_column(Quantity)
    #: state / flow / persons: how the yearly values add up; a new row without one gets its unit's default
    kind: Mapped[ResultKind] = mapped_column(EnumCode(ResultKind), default=_default_kind, server_default="FLOW")
    contract: Mapped[Contract] = relationship(back_populates="planned_results")
    values: Mapped[list[ResultValue]] = relationship(
        back_populates="planned_result",
        cascade="all, delete-orphan",
        lazy="selectin",
        order_by="ResultValue.budget_year",
    )


class ResultValue(Base):
    """What was achieved for a planned result in a budget year (usually from a report)."""

    __tablename__ = "result_value"
    __table_args__ = (UniqueConstraint("planned_result_id", "budget_year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    planned_result_id: Mapped[int] = mapped_column(ForeignKey("planned_result.id", ondelete="CASCADE"), index=True)
    budget_year: Mapped[int] = mapped_column(Integer)
    value: Mapped[Decimal] = mapped_column(Quantity)
    report_id: Mapped[int | None] = mapped_column(ForeignKey("contract_report.id", ondelete="SET NULL"), nullable=True)
    planned_result: Mapped[PlannedResult] = relationship(back_populates="values")


class ContractReport(Base):
    """A report of the NGO (art. 18): partial, annual (budget year) or final."""

    __tablename__ = "contract_report"

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contract.id", ondelete="CASCADE"), index=True)
    kind: Mapped[ReportKind] = mapped_column(EnumCode(ReportKind))
    budget_year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    period_end: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    call_delivered: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    due_date: Mapped[dt.date] = mapped_column(Date)
    received_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    accepted_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    cost_total: Mapped[Decimal | None] = mapped_column(Money, nullable=True)
    cost_grant: Mapped[Decimal | None] = mapped_column(Money, nullable=True)
    cost_admin: Mapped[Decimal | None] = mapped_column(Money, nullable=True)
    recipients: Mapped[int | None] = mapped_column(Integer, nullable=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    contract: Mapped[Contract] = relationship(back_populates="reports")


class Control(Base):
    """An art. 17 control of the task's delivery."""

    __tablename__ = "control"

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contract.id", ondelete="CASCADE"), index=True)
    kind: Mapped[ControlKind] = mapped_column(EnumCode(ControlKind))
    control_date: Mapped[dt.date] = mapped_column(Date)
    controllers: Mapped[str] = mapped_column(String(300), default="")
    scope: Mapped[str] = mapped_column(Text, default="")
    findings: Mapped[str] = mapped_column(Text, default="")
    recommendations: Mapped[str] = mapped_column(Text, default="")
    recommendations_due: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    recommendations_done: Mapped[bool] = mapped_column(Boolean, default=False)
    contract: Mapped[Contract] = relationship(back_populates="controls")
