"""Resumable wizard state ("Moje rozpoczęte kreatory").

Not a registry: the JSON holds the answers as typed so a closed wizard (or a crash) resumes where it
stopped. Nothing in it counts until the wizard's finish() creates the real records, whose ids are
kept in `created_ids` so the list can link to them.
"""

from __future__ import annotations

from sqlalchemy import Boolean, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.core.db.models.base import Base, TimestampMixin


class WizardSession(TimestampMixin, Base):
    __tablename__ = "wizard_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: wizard kind: "commission", "programme", "evaluation" (app/core/wizards/catalogue.py)
    kind: Mapped[str] = mapped_column(String(40), index=True)
    #: what the list shows (the task's or programme's title as typed so far)
    title: Mapped[str] = mapped_column(String(400), default="")
    #: WizardState.to_json(): answers, current step, history for Back
    state: Mapped[str] = mapped_column(Text, default="{}")
    current_step: Mapped[str] = mapped_column(String(60), default="")
    finished: Mapped[bool] = mapped_column(Boolean, default=False)
    #: JSON {"task": 12, "procedure": 40, "contract": 31} after finish()
    created_ids: Mapped[str] = mapped_column(Text, default="{}")
