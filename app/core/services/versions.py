"""Optimistic versioning of edited records (issue 19): several seats share one database, so a save
names the version its editor started from and is refused when another seat saved in between.

The check here compares the version the clerk's form was filled from with the stored one (the form may
have been open for an hour); SQLAlchemy's `version_id_col` (models.base.VersionMixin) also refuses the
UPDATE when another seat commits between this check and the flush (Database.session turns that into
the same ConcurrentEditError).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.db.models import AuditEntry
from app.core.errors import ConcurrentEditError
from app.core.i18n import _, format_datetime


def check_version(session: Session, obj: Any, expected: int | None, label: str) -> None:
    """Refuse the save when `obj` is no longer at the `expected` version; None skips the check (imports,
    the demo and callers that just loaded the record themselves)."""
    if expected is None or obj.version == expected:
        return
    last = session.execute(
        select(AuditEntry.os_user, AuditEntry.at)
        .where(AuditEntry.entity == obj.__tablename__, AuditEntry.entity_id == obj.id)
        .order_by(AuditEntry.id.desc())
        .limit(1)
    ).first()
    who = last.os_user if last else "—"
    when: dt.datetime | None = last.at if last else obj.updated_at
    if when is not None:  # stored in UTC (models.base.utcnow); the clerk reads the office's clock
        when = when.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)
    raise ConcurrentEditError(
        _(
            "{record} was saved on another computer or in another window after you opened it (by {user}, "
            "{time}). Your changes were not saved. Reload the record to see the other changes, then make "
            "yours again, or save again to overwrite them knowingly."
        ).format(record=label, user=who, time=format_datetime(when) if when else "—"),
        obj.version,
    )


def mark_saved(obj: Any) -> None:
    """Make the save update the record's own row even when only its children changed (tranches,
    parties…), so the version counter moves and a concurrent edit of the children is seen too."""
    from app.core.db.models.base import utcnow

    obj.updated_at = utcnow()


def changed_fields(before: Any, after: Any, labels: dict[str, str]) -> list[str]:
    """The translated names of the form fields that differ between two inputs (dataclasses of one kind):
    what another seat changed since this clerk opened the record. Fields without a label are named by
    the generic "other details" once."""
    names: list[str] = []
    other = False
    for name in before.__dataclass_fields__:
        if name == "expected_version" or getattr(before, name) == getattr(after, name):
            continue
        if name in labels:
            names.append(_(labels[name]))
        else:
            other = True
    if other:
        names.append(_("other details"))
    return names
