"""Declarative base and the column types that keep money and quantities exact and portable."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Any, ClassVar

from sqlalchemy import BigInteger, DateTime, Integer, MetaData, String, Table, func
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column
from sqlalchemy.types import TypeDecorator

from app.core.money import from_grosze, to_grosze

# Named constraints let Alembic's batch mode alter SQLite tables and keep PostgreSQL names stable.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)

    if TYPE_CHECKING:
        # SQLAlchemy's own pattern (DeclarativeBase declares a FromClause): every model here maps one
        # Table, so `Model.__table__.insert()`, `.delete()` and `.name` type-check.
        __table__: ClassVar[Table]


class Money(TypeDecorator[Decimal]):
    """Złote as `Decimal` in Python, integer grosze in the database."""

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect: Any) -> int | None:
        if value is None:
            return None
        if isinstance(value, float):
            raise TypeError("money must be Decimal, not float")
        return to_grosze(Decimal(value))

    def process_result_value(self, value: int | None, dialect: Any) -> Decimal | None:
        return from_grosze(value)


class Quantity(TypeDecorator[Decimal]):
    """A non-money decimal (result values, hours) stored exactly as an integer of 1/10 000."""

    impl = BigInteger
    cache_ok = True
    SCALE = 10_000

    def process_bind_param(self, value: Decimal | int | None, dialect: Any) -> int | None:
        if value is None:
            return None
        if isinstance(value, float):
            raise TypeError("quantities must be Decimal, not float")
        return int((Decimal(value) * self.SCALE).to_integral_value())

    def process_result_value(self, value: int | None, dialect: Any) -> Decimal | None:
        if value is None:
            return None
        return (Decimal(value) / self.SCALE).normalize()


class EnumCode(TypeDecorator[Enum]):
    """An enum stored as its code string (portable; no database ENUM types to migrate)."""

    impl = String(40)
    cache_ok = True

    def __init__(self, enum_cls: type[Enum], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.enum_cls = enum_cls

    def process_bind_param(self, value: Enum | str | None, dialect: Any) -> str | None:
        if value is None:
            return None
        return self.enum_cls(value).value

    def process_result_value(self, value: str | None, dialect: Any) -> Enum | None:
        if value is None:
            return None
        # the member by its value at once: Enum's call machinery cost more than the rest of reading a
        # row (a recompute reads ~100 000 coded values); an unknown code still raises as before
        member = self.enum_cls._value2member_map_.get(value)
        return member if member is not None else self.enum_cls(value)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class TimestampMixin:
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, server_default=func.current_timestamp())
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime, default=utcnow, onupdate=utcnow, server_default=func.current_timestamp()
    )


class VersionMixin:
    """A version counter for records clerks edit in dialogs (schema 2, issue 19): every UPDATE checks
    the version it read and increments it, so of two seats saving the same record the second is
    refused (StaleDataError, shown as ConcurrentEditError) instead of silently overwriting the first."""

    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        # a mixin has no table of its own: this runs on the model class it is mixed into
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]
