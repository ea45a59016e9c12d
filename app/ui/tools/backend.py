"""The tool screens' only door to the core: scope lists, loading, computing and saving tool entries.

Everything here forwards to app.core (catalogue, values, formulas, the tools service) and returns
plain dataclasses; nothing is calculated here. Keeping the calls in one place lets the screens and
their tests use one small interface.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass
from typing import Any

from app.core.db.engine import Database
from app.core.errors import FieldError, os_reason
from app.core.i18n import N_, _

SCOPE_KINDS: tuple[tuple[str, str], ...] = (
    ("contract", N_("Contract")),
    ("task", N_("Public task")),
    ("programme", N_("Cooperation programme")),
    ("gmina", N_("Whole gmina")),
)


#: short names for the tool list's "for" column
SCOPE_SHORT: dict[str, str] = {
    "contract": N_("contract"),
    "task": N_("task"),
    "programme": N_("programme"),
    "gmina": N_("gmina"),
}


def scope_kind_label(kind: str) -> str:
    return _(dict(SCOPE_KINDS).get(kind, kind))


def scope_short_label(kind: str) -> str:
    return _(SCOPE_SHORT.get(kind, kind))


@dataclass(frozen=True)
class Scope:
    """What a tool is filled in for: a contract, task or programme (by id) or the gmina, in a budget year."""

    kind: str
    id: int | None
    year: int
    label: str = ""

    @property
    def id_ok(self) -> bool:
        return self.kind == "gmina" or self.id is not None


@dataclass(frozen=True)
class ScopeChoice:
    id: int | None
    label: str


@dataclass
class ToolState:
    """What the form starts with: the clerk's saved values, what the records say, the current result."""

    saved: dict[str, Any]
    sources: dict[str, Any]
    origins: dict[str, str]
    result: Any = None  # core ToolResultView
    note: str = ""


class ToolBackend:
    """Calls into app.core.tools.service for one database (None: catalogue only, nothing loaded or saved)."""

    def __init__(self, db: Database | None, today: dt.date | None = None) -> None:
        self.db = db
        self.today = today
        self._recomputed = False
        self._recompute_lock = threading.Lock()
        self._scopes: dict[tuple[str, int], list[ScopeChoice]] = {}

    def _database(self) -> Database:
        """The database of a call that reads or writes records; the screens make none without one."""
        if self.db is None:
            raise RuntimeError("the tool screens were opened without a database (catalogue only)")
        return self.db

    @staticmethod
    def catalogue() -> Any:
        from app.core.tools import service as ts

        return ts.catalogue()

    # ---- scopes ----------------------------------------------------------------------------------

    def scope_choices(self, kind: str, year: int) -> list[ScopeChoice]:
        """Records a tool of `kind` can be filled in for; contracts only those running in `year`.
        Kept until `invalidate_results()` (reading thousands of contracts takes seconds)."""
        if self.db is None:
            return []
        key = (kind, year)
        if key not in self._scopes:
            self._scopes[key] = self._read_scope_choices(kind, year)
        return list(self._scopes[key])

    def _read_scope_choices(self, kind: str, year: int) -> list[ScopeChoice]:
        from app.core.tools import service as ts

        options = ts.scope_options(self._database(), kind)
        if kind == "contract":
            from app.core.services.contracts import list_contracts

            running = {c.id for c in list_contracts(self._database(), year=year)}
            options = [o for o in options if o.id in running]
        return [ScopeChoice(o.id, o.label) for o in options]

    # ---- one tool --------------------------------------------------------------------------------

    def load(self, tool: Any, scope: Scope) -> ToolState:
        from app.core.tools import service as ts

        form = ts.open_tool(self._database(), tool.id, scope.kind, scope.id or 0, scope.year, as_of=self.today)
        saved = {st.key: st.value for st in form.inputs if st.origin in ("entered", "default")}
        sources = {st.key: st.suggested for st in form.inputs if st.suggested is not None}
        origins = {st.key: st.origin for st in form.inputs}
        note = ""
        if form.has_entry and form.entered_at is not None:
            from app.core.i18n import format_datetime

            note = _("Saved by {who} on {when}.").format(
                who=form.entered_by or "—", when=format_datetime(form.entered_at)
            )
        return ToolState(saved, sources, origins, form.result, note)

    def compute(self, tool: Any, values: dict[str, Any], scope: Scope | None) -> Any:
        """The result the form's values give, nothing saved (core `preview`)."""
        from app.core.tools import service as ts

        if self.db is None or scope is None:
            return None
        return ts.preview(self.db, tool.id, scope.kind, scope.id or 0, scope.year, values, as_of=self.today)

    @staticmethod
    def validate(tool: Any, values: dict[str, Any]) -> list[FieldError]:
        """Wrong values (not missing ones) for the red fields while the clerk types."""
        from app.core.tools import service as ts

        return ts.validate_inputs(tool.id, values)

    def previous_result(self, tool: Any, scope: Scope) -> Any:
        """The stored result of the year before (for the year-to-year chart), None when there is none."""
        from app.core.tools import service as ts

        if self.db is None:
            return None
        return ts.stored_result(self.db, tool.id, scope.kind, scope.id or 0, scope.year - 1)

    def save(self, tool: Any, scope: Scope, values: dict[str, Any]) -> Any:
        """Store the entry and its result; ValidationFailed names each wrong field."""
        from app.core.tools import service as ts

        return ts.save_entry(self._database(), tool.id, scope.kind, scope.id or 0, scope.year, values, as_of=self.today)

    def rows_from_file(self, tool: Any, input_key: str, path: str) -> tuple[list[dict[str, Any]], list[FieldError]]:
        """Rows of a table input from a CSV file in whatever encoding Polish Excel wrote it."""
        from pathlib import Path

        from app.core.errors import UserFacingError
        from app.core.tools import service as ts
        from app.core.transfer.tables_in import MAX_BYTES, detect_encoding

        p = Path(path)
        try:
            data = p.read_bytes()
        except OSError as exc:
            raise UserFacingError(
                _("The file {path} cannot be read: {reason}").format(path=p.name, reason=os_reason(exc))
            ) from exc
        if len(data) > MAX_BYTES:
            raise UserFacingError(_("The file {path} is too large to import.").format(path=p.name))
        codec, _shown = detect_encoding(data)
        return ts.rows_from_csv(tool.id, input_key, data.decode(codec, errors="replace"))

    # ---- use, indices, RADAR, contract card ------------------------------------------------------

    @property
    def results_ready(self) -> bool:
        return self.db is None or self._recomputed

    def invalidate_results(self) -> None:
        """Records changed elsewhere: record lists are read again and stored results recomputed
        before they are shown again."""
        self._recomputed = False
        self._scopes.clear()

    def ensure_results(self) -> None:
        """The use matrix and the contract card read stored results: compute them once per session
        (seconds on a real gmina: the view runs this in a worker thread)."""
        with self._recompute_lock:  # the use matrix and the contract card may ask at the same time
            if self.results_ready:
                return
            from app.core.tools import service as ts

            # only the results whose records changed since the last recompute (a full one when the
            # change log cannot tell): after one saved report, one task's contracts, not the gmina
            ts.recompute_all(self._database(), as_of=self.today, full=False)
            self._recomputed = True

    def usage(self, kind: str, year: int) -> Any:
        from app.core.tools import service as ts

        return ts.usage_matrix(self._database(), kind, year)

    def indices(self, contract_id: int, year: int) -> list[Any]:
        from app.core.tools import service as ts

        return ts.indices(self._database(), [contract_id], year, as_of=self.today)

    def indices_by(self, level: str, year: int | None) -> list[Any]:
        """Indices aggregated per contract, task, WKUS area, year or for the whole gmina."""
        from app.core.tools import service as ts

        return ts.indices_by(self._database(), level, year, as_of=self.today)

    def latest_meeting(self) -> Any:
        from app.core.tools import service as ts

        meetings = ts.radar_meetings(self.db) if self.db is not None else []
        return meetings[0] if meetings else None

    def weights_note(self) -> str:
        from app.core.i18n import format_date

        m = self.latest_meeting()
        if m is None:
            return _("Weights: the catalogue defaults (no RADAR meeting recorded yet).")
        return _("Weights agreed at the RADAR meeting of {date}.").format(date=format_date(m.meeting_date))

    def current_weights(self) -> dict[str, dict[str, Any]]:
        m = self.latest_meeting()
        return {k: dict(v) for k, v in m.weights.items()} if m is not None else {}

    @staticmethod
    def validate_radar(data: dict[str, Any]) -> list[FieldError]:
        from app.core.tools import service as ts

        return ts.validate_weights(data["weights"])[1]

    def save_radar(self, data: dict[str, Any]) -> Any:
        from app.core.tools import service as ts

        return ts.save_radar_meeting(
            self._database(), data["meeting_date"], data["participants"], data["weights"], data.get("notes", "")
        )

    def contract_history(self, contract_id: int) -> list[Any]:
        from app.core.tools import service as ts

        return ts.contract_tools(self._database(), contract_id)

    def index_trends(self, contract_id: int) -> list[tuple[str, list[Any]]]:
        """(index name, stored value per year) of each model's composite index for the contract."""
        from app.core.tools import service as ts

        cat = ts.catalogue()
        order = [m for m in ("J", "E", "W") if m in cat.indices] + [m for m in cat.indices if m not in "JEW"]
        return [(str(cat.indices[m].name), ts.index_trend(self._database(), m, contract_id)) for m in order]

    def contract_label(self, contract_id: int) -> str:
        from app.core.services.contracts import get_contract

        c = get_contract(self._database(), contract_id)
        return f"{c.number} — {c.title}" if c.number else c.title
