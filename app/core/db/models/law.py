"""Law-tracking records that no registry holds: requests to create the RDPP (art. 41e).

NGO initiatives under art. 12 need no table of their own: they are procedures with route
NGO_INITIATIVE_12 (received_date, applicant_id, answer_date on `procedure`).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db.models.base import Base, TimestampMixin


class RdppRequest(TimestampMixin, Base):
    """A request of NGOs to create the gmina's Rada Działalności Pożytku Publicznego.

    With at least 5 requesting organisations the executive must create the Rada within
    2 months (art. 41e, 2015 wording); the term is 3 years.
    """

    __tablename__ = "rdpp_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_date: Mapped[dt.date] = mapped_column(Date)
    organisations_count: Mapped[int] = mapped_column(Integer)
    #: names of the requesting organisations, one a line (they need not be in the registry)
    organisations: Mapped[str] = mapped_column(Text, default="")
    created_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    resolution_number: Mapped[str] = mapped_column(String(60), default="")
    term_end: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    notes: Mapped[str] = mapped_column(Text, default="")
