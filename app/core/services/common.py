"""Helpers shared by the service modules."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import inspect
from sqlalchemy.orm import Session

from app.core.errors import NotFound
from app.core.i18n import _
from app.core.law.data import law

T = TypeVar("T")


def get_or_404(session: Session, model: type[T], record_id: int, what: str) -> T:
    """The row, or NotFound naming what was looked for (`what` is a translated noun)."""
    obj = session.get(model, record_id)
    if obj is None:
        raise NotFound(_("{what} no. {id} does not exist (it may have been deleted).").format(what=what, id=record_id))
    return obj


def remove_child(collection: list[Any], obj: Any) -> None:
    """Remove a child row and delete it explicitly: an orphan is only found during the flush,
    after the audit hook has collected the session's deletions, so it would go unlogged."""
    collection.remove(obj)
    session = Session.object_session(obj) or inspect(obj).session
    if session is not None and inspect(obj).persistent:
        session.delete(obj)


def known_sphere_codes() -> set[str]:
    """Art. 4 sphere codes of the bundled law tables."""
    return set(law().spheres)


def split_spheres(text: str) -> tuple[str, ...]:
    return tuple(c.strip() for c in (text or "").split(",") if c.strip())


def sphere_sort_key(code: str) -> tuple[int, str]:
    digits = "".join(ch for ch in code if ch.isdigit())
    return (int(digits) if digits else 0, code)
