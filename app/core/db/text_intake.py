"""The last door for text: every string written to a text column through the ORM is normalised
exactly as an import normalises it (intake.normalise_text), whichever service, wizard or tool wrote it.

The forms' validators refuse what cannot be cleaned (services.fields.text_refusals) and name the field;
this hook makes sure nothing else is stored un-normalised (a service storing `data.notes` as typed, a
tool entry, a future code path), and refuses, naming the column, what slipped past a validator.
It runs before the change log's hook, so the log records the value that is stored.
"""

from __future__ import annotations

import enum
from typing import Any

from sqlalchemy import Enum as SaEnum
from sqlalchemy import String, event, inspect
from sqlalchemy.orm import Session

from app.core.errors import FieldError, ValidationFailed
from app.core.i18n import _
from app.core.intake import TextProblem, field_label, normalise_text


def _text_columns(mapper: Any) -> list[str]:
    keys = []
    for attr in mapper.column_attrs:
        column = attr.columns[0]
        if isinstance(column.type, String) and not isinstance(column.type, SaEnum):
            keys.append(attr.key)
    return keys


def _normalise_object(obj: Any, new: bool) -> None:
    state = inspect(obj)
    for key in _text_columns(state.mapper):
        if not new and not state.attrs[key].history.has_changes():
            continue
        value = getattr(obj, key)
        if not isinstance(value, str) or isinstance(value, enum.Enum):
            continue
        try:
            cleaned = normalise_text(value)
        except TextProblem as exc:
            raise ValidationFailed(
                [
                    FieldError(
                        key, _(field_label(key)), _("The text cannot be saved: {reason}.").format(reason=exc.message)
                    )
                ]
            ) from None
        if cleaned != value:
            setattr(obj, key, cleaned)


def _before_flush(session: Session, _ctx: Any, _instances: Any) -> None:
    for obj in list(session.new):
        _normalise_object(obj, True)
    for obj in list(session.dirty):
        _normalise_object(obj, False)


def install_text_intake() -> None:
    """Register the hook on every Session, ahead of the change log's (idempotent)."""
    if not event.contains(Session, "before_flush", _before_flush):
        event.listen(Session, "before_flush", _before_flush, insert=True)
