"""Which tools have a result for which record and year, and what is missing (the "use" matrix)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.core.i18n import N_, _, ngettext
from app.ui.tools.backend import SCOPE_KINDS, ToolBackend
from app.ui.tools.colours import colour
from app.ui.tools.loader import Loader
from app.ui.widgets.table_model import Column, RowTableModel, read_only_view

STATE_TEXT = {"done": "✓", "incomplete": "!", "missing": ""}
STATE_BRUSH = {"done": QColor("#e3efe3"), "incomplete": QColor("#fbe3e3")}
#: the mark's text on its light background, in any theme
_ON_MARK = QColor("#000000")


class UsagePanel(QWidget):
    """Rows: records of the chosen kind in the year; columns: the tools filled in for that kind."""

    tool_requested = Signal(str, object, int)  # tool id, scope id, year
    record_requested = Signal(str, object)  # the record in the first column (contract, task, programme)

    def __init__(self, backend: ToolBackend, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.backend = backend
        self.year = 0
        self.matrix: Any = None  # core UsageMatrix
        self.rows: list[Any] = []  # its ScopeRefs
        self.tool_ids: list[str] = []
        self.loader = Loader(self)
        self.kind = QComboBox()
        for code, label in SCOPE_KINDS:
            self.kind.addItem(_(label), code)
        self.kind.currentIndexChanged.connect(lambda _i: self.show_year(self.year))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        legend = QLabel(
            _(
                "✓ result calculated · ! entered, but inputs are missing · empty: not used. "
                "Double-click a cell to open the tool, a record's name to open the record."
            )
        )
        legend.setWordWrap(True)
        legend.setStyleSheet(f"color: {colour('muted')};")
        self.model: RowTableModel[Any] = RowTableModel([], self)  # rows: core ScopeRefs
        self.table = read_only_view(self.model, _("Use of the tools"), select_rows=False, row_numbers=True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # activated = double-click or Enter
        self.table.activated.connect(self._open_index)
        top = QHBoxLayout()
        records = QLabel(_("Records:"))
        records.setBuddy(self.kind)
        top.addWidget(records)
        top.addWidget(self.kind)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(legend)

    def show_year(self, year: int) -> None:
        """Load the matrix of `year` in the background (stored results are computed first if needed)."""
        self.year = year
        kind = self.kind.currentData()
        backend = self.backend

        def load() -> tuple[Any, set[int | None] | None]:
            backend.ensure_results()
            running = {c.id for c in backend.scope_choices("contract", year)} if kind == "contract" else None
            return backend.usage(kind, year), running

        self.summary.setText(
            _("Calculating the indicators of all tools…") if not backend.results_ready else _("Loading…")
        )
        self.loader.run(load, self._loaded, self._failed)

    def _loaded(self, result: tuple[Any, set[int | None] | None]) -> None:
        self.matrix, running = result
        self.rows = list(self.matrix.scopes)
        if running is not None:  # only the contracts running in the year
            self.rows = [r for r in self.rows if r.id in running]
        self.tool_ids = [t.id for t in self.matrix.tools]
        self._fill()

    def _failed(self, message: str) -> None:
        self.matrix, self.rows, self.tool_ids = None, [], []
        self._fill()
        self.summary.setText(message)

    def _cell(self, tid: str, scope: Any) -> Any:
        return self.matrix.cells.get((tid, scope.kind, scope.id)) if self.matrix is not None else None

    def _state(self, tid: str, scope: Any) -> str:
        cell = self._cell(tid, scope)
        return str(cell.status) if cell else "missing"

    def _tool_column(self, tid: str, name: str) -> Column[Any]:
        def tip(scope: Any) -> str:
            cell = self._cell(tid, scope)
            text = f"{tid} · {name}"
            if cell and cell.text and cell.text != "—":
                return text + "\n" + cell.text
            if self._state(tid, scope) == "missing":
                return text + "\n" + _("not used for this record in this year")
            return text

        return Column(
            tid,
            lambda scope: STATE_TEXT.get(self._state(tid, scope), ""),
            alignment=Qt.AlignmentFlag.AlignCenter,
            header_tooltip=name or tid,
            tooltip=tip,
            background=lambda scope: STATE_BRUSH.get(self._state(tid, scope)),
            foreground=lambda scope: _ON_MARK if self._state(tid, scope) in STATE_BRUSH else None,
        )

    def _fill(self) -> None:
        names = {t.id: t.name for t in self.matrix.tools} if self.matrix is not None else {}
        columns: list[Column[Any]] = [Column(N_("Record"), lambda scope: scope.label, tooltip=lambda s: s.label)]
        columns += [self._tool_column(tid, names.get(tid, "")) for tid in self.tool_ids]
        self.model.set_columns(columns, self.rows)
        done_total = sum(self._state(tid, scope) == "done" for scope in self.rows for tid in self.tool_ids)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in range(1, self.model.columnCount()):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        possible = len(self.rows) * len(self.tool_ids)
        if not self.rows:
            self.summary.setText(_("No records of this kind."))
        else:
            self.summary.setText(
                ngettext(
                    "{done} of {possible} tool use calculated in {year}",
                    "{done} of {possible} tool uses calculated in {year}",
                    possible,
                ).format(done=done_total, possible=possible, year=self.year)
            )

    def _open_index(self, index: QModelIndex) -> None:
        self._open(index.row(), index.column())

    def _open(self, row: int, column: int) -> None:
        if not 0 <= row < len(self.rows):
            return
        if column == 0:
            if self.rows[row].kind != "gmina":
                self.record_requested.emit(self.rows[row].kind, self.rows[row].id)
            return
        self.tool_requested.emit(self.tool_ids[column - 1], self.rows[row].id, self.year)

    def cell_text(self, row: int, tool_id: str) -> str:
        text = self.model.index(row, self.tool_ids.index(tool_id) + 1).data()
        return str(text) if text is not None else ""

    def scope_kind(self) -> Any:
        return self.kind.currentData()
