"""Errors the clerk may see. Messages are already translated when raised."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldError:
    """One problem with one input field: `field` is the attribute name, `label` the shown name."""

    field: str
    label: str
    message: str

    def __str__(self) -> str:
        return f"{self.label}: {self.message}"


class UserFacingError(Exception):
    """An error whose message can be shown to the clerk as it is (no traceback)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ValidationFailed(UserFacingError):
    """Input rejected; carries every field error so a form can mark each field."""

    def __init__(self, errors: list[FieldError]) -> None:
        self.errors = list(errors)
        super().__init__("\n".join(str(e) for e in self.errors))

    def for_field(self, field: str) -> list[FieldError]:
        return [e for e in self.errors if e.field == field]


class NotFound(UserFacingError):
    pass


class DatabaseError(UserFacingError):
    """The database file cannot be used (not SQLite, locked, read-only, newer version...)."""
