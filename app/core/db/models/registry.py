"""The gmina and its registries: organisations, public tasks, programmes, procedures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import Boolean, Date, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.db.models.base import Base, EnumCode, Money, Quantity, TimestampMixin, VersionMixin
from app.core.domain.enums import (
    DeliveryMode,
    ExecutiveTitle,
    JstType,
    LegalForm,
    MkusType,
    ProcedureRoute,
    ProgrammeKind,
    RegistryType,
    WkusArea,
)


class Gmina(TimestampMixin, Base):
    """The JST using the app (one row)."""

    __tablename__ = "gmina"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    jst_type: Mapped[JstType] = mapped_column(EnumCode(JstType))
    executive_title: Mapped[ExecutiveTitle] = mapped_column(EnumCode(ExecutiveTitle))
    council_name: Mapped[str] = mapped_column(String(200), default="")
    street: Mapped[str] = mapped_column(String(200), default="")
    postal_code: Mapped[str] = mapped_column(String(10), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    voivodeship: Mapped[str] = mapped_column(String(60), default="")
    teryt: Mapped[str] = mapped_column(String(7), default="")
    nip: Mapped[str] = mapped_column(String(10), default="")
    regon: Mapped[str] = mapped_column(String(14), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    bip_url: Mapped[str] = mapped_column(String(300), default="")
    logo: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    logo_filename: Mapped[str] = mapped_column(String(200), default="")
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    #: the name in the cases council documents need ("Gminy X", "Gminie X"); empty = derived (schema 2)
    name_genitive: Mapped[str] = mapped_column(String(200), default="", server_default="")
    name_dative: Mapped[str] = mapped_column(String(200), default="", server_default="")
    name_locative: Mapped[str] = mapped_column(String(200), default="", server_default="")


class Organisation(TimestampMixin, VersionMixin, Base):
    __tablename__ = "organisation"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), index=True)
    short_name: Mapped[str] = mapped_column(String(100), default="")
    legal_form: Mapped[LegalForm] = mapped_column(EnumCode(LegalForm))
    registry_type: Mapped[RegistryType] = mapped_column(EnumCode(RegistryType))
    registry_number: Mapped[str] = mapped_column(String(40), default="")
    nip: Mapped[str] = mapped_column(String(10), default="")
    regon: Mapped[str] = mapped_column(String(14), default="")
    street: Mapped[str] = mapped_column(String(200), default="")
    postal_code: Mapped[str] = mapped_column(String(10), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    website: Mapped[str] = mapped_column(String(300), default="")
    contact_person: Mapped[str] = mapped_column(String(200), default="")
    contact_email: Mapped[str] = mapped_column(String(200), default="")
    contact_phone: Mapped[str] = mapped_column(String(40), default="")
    opp_status: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    notes: Mapped[str] = mapped_column(Text, default="")

    areas: Mapped[list[OrganisationArea]] = relationship(
        back_populates="organisation", cascade="all, delete-orphan", lazy="selectin"
    )
    spheres: Mapped[list[OrganisationSphere]] = relationship(
        back_populates="organisation", cascade="all, delete-orphan", lazy="selectin"
    )


class OrganisationArea(Base):
    __tablename__ = "organisation_area"
    __table_args__ = (UniqueConstraint("organisation_id", "area"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"), index=True)
    area: Mapped[WkusArea] = mapped_column(EnumCode(WkusArea))
    organisation: Mapped[Organisation] = relationship(back_populates="areas")


class OrganisationSphere(Base):
    """An art. 4 sphere of public tasks (code from resources/law/art4_spheres)."""

    __tablename__ = "organisation_sphere"
    __table_args__ = (UniqueConstraint("organisation_id", "sphere"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"), index=True)
    sphere: Mapped[str] = mapped_column(String(10))
    organisation: Mapped[Organisation] = relationship(back_populates="spheres")


class PublicTask(TimestampMixin, Base):
    __tablename__ = "public_task"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    area: Mapped[WkusArea] = mapped_column(EnumCode(WkusArea))
    #: art. 4 sphere codes, comma-separated (a short closed list; no need for a join table)
    spheres: Mapped[str] = mapped_column(String(200), default="")
    mkus_type: Mapped[MkusType | None] = mapped_column(EnumCode(MkusType), nullable=True)
    delivery_mode: Mapped[DeliveryMode] = mapped_column(EnumCode(DeliveryMode))
    recipients: Mapped[str] = mapped_column(String(300), default="")
    notes: Mapped[str] = mapped_column(Text, default="")


class CooperationProgramme(TimestampMixin, VersionMixin, Base):
    __tablename__ = "cooperation_programme"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[ProgrammeKind] = mapped_column(EnumCode(ProgrammeKind))
    title: Mapped[str] = mapped_column(String(400), default="")
    year_from: Mapped[int] = mapped_column(Integer)
    year_to: Mapped[int] = mapped_column(Integer)
    resolution_number: Mapped[str] = mapped_column(String(60), default="")
    resolution_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    journal_reference: Mapped[str] = mapped_column(String(120), default="")
    consultation_start: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    consultation_end: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    consultation_summary: Mapped[str] = mapped_column(Text, default="")
    remarks_received: Mapped[int] = mapped_column(Integer, default=0)
    remarks_accepted: Mapped[int] = mapped_column(Integer, default=0)
    rdpp_opinion_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    #: the draft delivered to the RDPP (art. 41i ust. 2: its 14 days run from delivery); None = not recorded
    rdpp_draft_delivered: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    rdpp_opinion: Mapped[str] = mapped_column(Text, default="")
    wkus_model_adopted: Mapped[bool] = mapped_column(Boolean, default=False)
    planned_total: Mapped[Decimal | None] = mapped_column(Money, nullable=True)
    notes: Mapped[str] = mapped_column(Text, default="")

    elements: Mapped[list[ProgrammeElement]] = relationship(
        back_populates="programme", cascade="all, delete-orphan", lazy="selectin", order_by="ProgrammeElement.number"
    )
    priorities: Mapped[list[ProgrammePriority]] = relationship(
        back_populates="programme", cascade="all, delete-orphan", lazy="selectin", order_by="ProgrammePriority.id"
    )
    reports: Mapped[list[ProgrammeReport]] = relationship(
        back_populates="programme", cascade="all, delete-orphan", lazy="selectin", order_by="ProgrammeReport.year"
    )
    indicators: Mapped[list[ProgrammeIndicator]] = relationship(
        back_populates="programme",
        cascade="all, delete-orphan",
        lazy="selectin",
        order_by="(ProgrammeIndicator.year, ProgrammeIndicator.code)",
    )
    team: Mapped[list[ProgrammeTeamMember]] = relationship(
        back_populates="programme",
        cascade="all, delete-orphan",
        lazy="selectin",
        order_by="ProgrammeTeamMember.position",
    )


class ProgrammeElement(Base):
    """One of the 11 statutory elements of art. 5a ust. 4 (number 1..11) with its text."""

    __tablename__ = "programme_element"
    __table_args__ = (UniqueConstraint("programme_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("cooperation_programme.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text, default="")
    programme: Mapped[CooperationProgramme] = relationship(back_populates="elements")


class ProgrammePriority(Base):
    """A priority task of the programme with the funds planned for it in a year."""

    __tablename__ = "programme_priority"

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("cooperation_programme.id", ondelete="CASCADE"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    area: Mapped[WkusArea | None] = mapped_column(EnumCode(WkusArea), nullable=True)
    planned_amount: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))
    programme: Mapped[CooperationProgramme] = relationship(back_populates="priorities")


class ProgrammeIndicator(Base):
    """The planned value of one monitoring indicator of the programme for one year (schema 10; the codes are
    `app.core.figures.programme_indicators.INDICATORS`). No row = no planned value (unknown, "—")."""

    __tablename__ = "programme_indicator"
    __table_args__ = (UniqueConstraint("programme_id", "year", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("cooperation_programme.id", ondelete="CASCADE"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(40))
    planned: Mapped[Decimal] = mapped_column(Quantity)
    programme: Mapped[CooperationProgramme] = relationship(back_populates="indicators")


class ProgrammeTeamMember(Base):
    """A member of the working group that carries out the programme (the WKUS Grupa Robocza, Sopot's
    Grupa Sterująca with its Koordynator merytoryczny); `coordinator` marks the person coordinating (schema 11)."""

    __tablename__ = "programme_team_member"

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("cooperation_programme.id", ondelete="CASCADE"), index=True)
    #: the order the clerk listed the members in (printed in that order)
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(200))
    institution: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(200), default="")
    coordinator: Mapped[bool] = mapped_column(Boolean, default=False)
    programme: Mapped[CooperationProgramme] = relationship(back_populates="team")


class ProgrammeReport(Base):
    """The art. 5a ust. 3 report on a programme year: submitted to the council and published in BIP."""

    __tablename__ = "programme_report"
    __table_args__ = (UniqueConstraint("programme_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("cooperation_programme.id", ondelete="CASCADE"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    submitted_to_council: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    published_in_bip: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    conclusions: Mapped[str] = mapped_column(Text, default="")
    programme: Mapped[CooperationProgramme] = relationship(back_populates="reports")


class Procedure(TimestampMixin, VersionMixin, Base):
    """A commissioning procedure: competition, art. 19a offer, regranting, local initiative..."""

    __tablename__ = "procedure"

    id: Mapped[int] = mapped_column(primary_key=True)
    route: Mapped[ProcedureRoute] = mapped_column(EnumCode(ProcedureRoute))
    title: Mapped[str] = mapped_column(String(400))
    reference: Mapped[str] = mapped_column(String(80), default="")
    task_id: Mapped[int | None] = mapped_column(
        ForeignKey("public_task.id", ondelete="SET NULL"), nullable=True, index=True
    )
    programme_id: Mapped[int | None] = mapped_column(
        ForeignKey("cooperation_programme.id", ondelete="SET NULL"), nullable=True, index=True
    )
    budget_year: Mapped[int] = mapped_column(Integer)
    planned_amount: Mapped[Decimal | None] = mapped_column(Money, nullable=True)
    # Competition (art. 13): publication channels and dates
    published_bip: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    published_board: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    published_website: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    offer_deadline: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    #: None = not known (e.g. an import that did not carry it): the KON-2 check says so, never "no"
    lists_previous_years: Mapped[bool | None] = mapped_column(Boolean, nullable=True, default=None)
    offers_received: Mapped[int] = mapped_column(Integer, default=0)
    offers_rejected: Mapped[int] = mapped_column(Integer, default=0)
    decision_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    #: the results (or the annulment) made public in BIP; the board and the website have their own dates
    results_published: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    results_published_board: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    results_published_website: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    #: art. 19a ust. 3: the offer on the notice board and the website (publication_start is the date in BIP)
    offer_published_board: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    offer_published_website: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    #: art. 19a ust. 5: the day the remarks on the offer were considered (or found to be none)
    remarks_considered: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    annulled: Mapped[bool] = mapped_column(Boolean, default=False)
    annulment_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    #: the points 1–6 of art. 13 ust. 2 the announcement contains, e.g. "1,2,3,4,5,6"; None = not recorded
    announcement_points: Mapped[str | None] = mapped_column(String(40), nullable=True, default=None)
    # The competition commission (art. 15 ust. 2a–2f); None = not recorded
    commission_appointed: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    commission_ngo_members: Mapped[int | None] = mapped_column(Integer, nullable=True)
    #: members who represent an organisation taking part in the competition (art. 15 ust. 2d: none may)
    commission_offeror_members: Mapped[int | None] = mapped_column(Integer, nullable=True)
    #: every member's statement of impartiality is on file
    commission_statements: Mapped[bool | None] = mapped_column(Boolean, nullable=True, default=None)
    # Art. 19a / art. 12 / local initiative: the offer or application received
    received_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    applicant_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"), nullable=True, index=True
    )
    publication_start: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    publication_end: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    answer_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    task_start: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    task_end: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    #: the spheres of one competition announced over several areas, each with its money and offers
    parts: Mapped[list[ProcedurePart]] = relationship(
        back_populates="procedure", cascade="all, delete-orphan", lazy="selectin", order_by="ProcedurePart.position"
    )


class ProcedurePart(Base):
    """One sphere (area / task) of a competition announced over several areas: its planned money and the
    offers it received. The winners are the procedure's contracts of that area."""

    __tablename__ = "procedure_part"

    id: Mapped[int] = mapped_column(primary_key=True)
    procedure_id: Mapped[int] = mapped_column(ForeignKey("procedure.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    area: Mapped[WkusArea] = mapped_column(EnumCode(WkusArea))
    task_id: Mapped[int | None] = mapped_column(
        ForeignKey("public_task.id", ondelete="SET NULL"), nullable=True, index=True
    )
    title: Mapped[str] = mapped_column(String(300), default="")
    planned_amount: Mapped[Decimal | None] = mapped_column(Money, nullable=True)
    offers_received: Mapped[int] = mapped_column(Integer, default=0)
    offers_rejected: Mapped[int] = mapped_column(Integer, default=0)
    procedure: Mapped[Procedure] = relationship(back_populates="parts")
