"""The change log's key and the digests that let check-db see tampering with the data itself.

A plain hash chain only shows that the log was edited; anyone with the file can edit a row and
recompute every SHA-256. So:
  * each entry's hash is an HMAC with a secret kept per installation OUTSIDE the database file
    (`<user data>/audit.key`), so a recomputed chain does not verify;
  * each entry carries the keyed digest of the row's state after the change (`row_digest`), so a
    row edited directly in SQLite no longer matches its last logged state;
  * the log's length and head (HMAC-sealed) are written into every backup, so a truncated log is
    caught when the backup is restored or checked.
Entries written before this existed (schema 1) have no key id: they are "legacy" and checked as
plain SHA-256 only.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, LargeBinary, Table

KEY_FILE = "audit.key"
#: tables whose rows are checked against their last logged state: the ones the clerk edits; tool
#: results are recomputed in bulk (no per-row log) and are derived data anyway
UNCHECKED_TABLES = frozenset({"tool_result"})
#: columns the database itself may change without the program (ON DELETE SET NULL), and timestamps
_SKIPPED_COLUMNS = frozenset({"created_at", "updated_at"})


def key_path() -> Path:
    from app.paths import user_data_dir

    return user_data_dir() / KEY_FILE


@functools.lru_cache(maxsize=4)
def _load_key(path: Path) -> bytes:
    try:
        text = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        text = None
    except (OSError, ValueError) as exc:
        raise _damaged_key(path) from exc
    if text is not None:
        try:
            key = bytes.fromhex(text)
        except ValueError as exc:
            raise _damaged_key(path) from exc
        if len(key) < 32:
            raise _damaged_key(path)
        return key
    key = secrets.token_bytes(32)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            # O_EXCL: two processes starting at once must not each write their own key
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return bytes.fromhex(path.read_text(encoding="ascii").strip())
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(key.hex())
            fh.flush()
            os.fsync(fh.fileno())
    except (OSError, ValueError) as exc:
        from app.core.errors import UserFacingError, os_reason
        from app.core.i18n import _

        reason = os_reason(exc) if isinstance(exc, OSError) else str(exc)
        raise UserFacingError(
            _("The change log key cannot be created in {folder} ({reason}); no change can be saved without it.").format(
                folder=path.parent, reason=reason
            )
        ) from exc
    return key


def _damaged_key(path: Path) -> Exception:
    from app.core.errors import UserFacingError
    from app.core.i18n import _

    # never replaced silently: a new key would make the whole existing log unverifiable
    return UserFacingError(
        _(
            "The change log key {path} is damaged. Restore it from a backup of the user "
            "data folder, or move it away to start a new key (older entries then cannot "
            "be verified)."
        ).format(path=path)
    )


def installation_key() -> bytes:
    """This installation's secret (created on first use, readable by the user only)."""
    return _load_key(key_path())


def key_id(key: bytes | None = None) -> str:
    """A short public name of the key, stored in each entry: which installation sealed it."""
    return hashlib.sha256(b"wkus-audit-key-id:" + (key or installation_key())).hexdigest()[:16]


def mac(key: bytes, payload: Any) -> str:
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return hmac.new(key, text.encode("utf-8"), hashlib.sha256).hexdigest()


def _canonical(column: Any, value: Any) -> Any:
    if value is None:
        return None
    kind = column.type
    impl = getattr(kind, "process_bind_param", None)
    if impl is not None and type(kind).__name__ in ("Money", "Quantity"):
        return impl(value, None)  # integer grosze / ten-thousandths: 100 and 100.00 are the same
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(kind, Boolean):
        return bool(value)
    if isinstance(kind, DateTime) and isinstance(value, dt.datetime):
        return value.replace(tzinfo=None).isoformat()
    if isinstance(kind, Date) and isinstance(value, dt.date):
        return (value.date() if isinstance(value, dt.datetime) else value).isoformat()
    if isinstance(kind, LargeBinary):
        return hashlib.sha256(bytes(value)).hexdigest()
    if isinstance(kind, JSON):
        return json.dumps(value, sort_keys=True, ensure_ascii=False)
    if isinstance(value, Decimal):
        return str(value)
    return value


def digested_columns(table: Table) -> list[Any]:
    return [
        c
        for c in table.columns
        if c.name not in _SKIPPED_COLUMNS
        and not any(fk.ondelete and fk.ondelete.upper() == "SET NULL" for fk in c.foreign_keys)
    ]


def row_digest(key: bytes, table: Table, values: dict[str, Any]) -> str:
    """Keyed digest of one row's stored values (`values` by column name)."""
    return mac(key, [table.name, [[c.name, _canonical(c, values.get(c.name))] for c in digested_columns(table)]])


@dataclass(frozen=True)
class LogSeal:
    """The log's length and last hash at a moment, sealed with the installation key."""

    length: int
    head_id: int | None
    head_hash: str
    key_id: str
    seal: str

    def as_json(self) -> str:
        return json.dumps(self.__dict__, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> LogSeal | None:
        try:
            data = json.loads(text)
            return cls(
                int(data["length"]), data["head_id"], str(data["head_hash"]), str(data["key_id"]), str(data["seal"])
            )
        except (ValueError, KeyError, TypeError):
            return None


def make_seal(length: int, head_id: int | None, head_hash: str, key: bytes | None = None) -> LogSeal:
    key = key or installation_key()
    return LogSeal(length, head_id, head_hash, key_id(key), mac(key, ["seal", length, head_id, head_hash]))


def seal_is_genuine(seal: LogSeal, key: bytes | None = None) -> bool | None:
    """True/False, or None when it was sealed by another installation (cannot be checked here)."""
    key = key or installation_key()
    if seal.key_id != key_id(key):
        return None
    return hmac.compare_digest(seal.seal, mac(key, ["seal", seal.length, seal.head_id, seal.head_hash]))
