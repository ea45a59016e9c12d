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


class ConcurrentEditError(UserFacingError):
    """Another seat saved the record after this one read it (issue 19): the save is refused, not lost.

    `current_version` is the version now stored: saving again with it as the expected version
    overwrites the other seat's changes knowingly (after the clerk saw them)."""

    def __init__(self, message: str, current_version: int | None = None) -> None:
        super().__init__(message)
        self.current_version = current_version


def os_reason(exc: BaseException) -> str:
    """Why a file operation failed, in the clerk's language (an OSError's strerror is the system's
    English: "No such file or directory" showed up inside Polish messages)."""
    import errno

    from app.core.i18n import _

    reasons = {
        errno.ENOENT: _("the folder or the file does not exist"),
        errno.EACCES: _("no permission"),
        errno.EPERM: _("no permission"),
        errno.ENOSPC: _("the disk is full"),
        errno.EROFS: _("the disk is read-only"),
        errno.EISDIR: _("this is a folder, not a file"),
        errno.ENOTDIR: _("a part of the path is not a folder"),
        errno.EBUSY: _("the file is in use by another program"),
    }
    code = getattr(exc, "errno", None)
    if code is None and isinstance(exc, FileNotFoundError):  # raised by a library with only the path (pypdfium2)
        code = errno.ENOENT
    if code in reasons:
        return reasons[code]
    return getattr(exc, "strerror", None) or str(exc)
