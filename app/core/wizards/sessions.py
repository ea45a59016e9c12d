"""Autosaved wizard state: "Moje rozpoczęte kreatory" (save after every step, list, resume, delete)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import select

from app.core.db.engine import Database
from app.core.db.models import WizardSession
from app.core.errors import NotFound
from app.core.i18n import _
from app.core.wizards.base import WizardState


@dataclass(frozen=True)
class SessionRow:
    id: int
    kind: str
    #: translated wizard name
    wizard_title: str
    title: str
    #: translated title of the step the wizard stopped at
    step_title: str
    stage: str
    updated_at: dt.datetime
    finished: bool
    created: dict[str, int]


def save(db: Database, state: WizardState) -> int:
    """Insert or update the session of `state`; sets and returns `state.session_id`."""
    from app.core.wizards.catalogue import wizard

    defn = wizard(state.kind)
    with db.session() as s:
        row = s.get(WizardSession, state.session_id) if state.session_id else None
        if row is None:
            row = WizardSession(kind=state.kind)
            s.add(row)
        row.title = defn.title_of(state.answers)[:400]
        row.state = state.to_json()
        row.current_step = state.current
        row.finished = state.finished
        row.created_ids = json.dumps(state.created, sort_keys=True)
        s.flush()
        state.session_id = row.id
        return row.id


def load(db: Database, session_id: int) -> WizardState:
    with db.session() as s:
        row = s.get(WizardSession, session_id)
        if row is None:
            raise NotFound(_("The started wizard no. {id} no longer exists.").format(id=session_id))
        state = WizardState.from_json(row.state, session_id=row.id)
    if state.kind == "commission":
        from app.core.wizards.decision import upgrade

        upgrade(state.answers)
    return state


def delete(db: Database, session_id: int) -> None:
    with db.session() as s:
        row = s.get(WizardSession, session_id)
        if row is not None:
            s.delete(row)


def list_sessions(db: Database, *, include_finished: bool = True) -> list[SessionRow]:
    """Unfinished first, each group newest first."""
    from app.core.wizards.catalogue import WIZARDS

    out = []
    with db.session() as s:
        for row in s.scalars(select(WizardSession).order_by(WizardSession.updated_at.desc(), WizardSession.id.desc())):
            if row.finished and not include_finished:
                continue
            defn = WIZARDS.get(row.kind)
            if defn is None:
                continue  # a wizard of a newer version; leave the row alone
            step = defn.steps.get(row.current_step)
            try:
                created = {str(k): int(v) for k, v in json.loads(row.created_ids or "{}").items()}
            except (ValueError, TypeError, AttributeError):
                created = {}
            # stored in UTC (models.base.utcnow); the clerk reads local time
            saved = row.updated_at.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)
            out.append(
                SessionRow(
                    row.id,
                    row.kind,
                    _(defn.title),
                    row.title or _("(no title yet)"),
                    _(step.title) if step else "",
                    step.stage if step else "",
                    saved,
                    row.finished,
                    created,
                )
            )
    out.sort(key=lambda r: r.finished)
    return out
