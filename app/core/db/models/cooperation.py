"""Non-financial cooperation with NGOs (art. 5 ust. 2 of the act; tool W-08).

One row per activity (a consultation, a joint team's meeting, premises lent, a patronage...) with
the organisations that took part: registry organisations through a link table, others by name
(a partner need not be in the registry). The annual report's section 5 counts them per form.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Column, Date, ForeignKey, Integer, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.db.models.base import Base, EnumCode, TimestampMixin
from app.core.db.models.registry import Organisation
from app.core.domain.cooperation import CooperationForm

cooperation_organisation = Table(
    "nonfinancial_cooperation_organisation",
    Base.metadata,
    Column("cooperation_id", ForeignKey("nonfinancial_cooperation.id", ondelete="CASCADE"), primary_key=True),
    # deleting an organisation drops its participation, not the activity
    Column("organisation_id", ForeignKey("organisation.id", ondelete="CASCADE"), primary_key=True),
)


class NonFinancialCooperation(TimestampMixin, Base):
    __tablename__ = "nonfinancial_cooperation"

    id: Mapped[int] = mapped_column(primary_key=True)
    budget_year: Mapped[int] = mapped_column(Integer, index=True)
    form: Mapped[CooperationForm] = mapped_column(EnumCode(CooperationForm))
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    event_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    #: partners outside the registry, one name a line
    other_organisations: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    organisations: Mapped[list[Organisation]] = relationship(
        secondary=cooperation_organisation, lazy="selectin", passive_deletes=True, order_by=Organisation.name
    )
