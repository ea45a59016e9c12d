"""A contract's tools: the latest result of each and its value year by year (trend), with a chart."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.i18n import _
from app.ui.tools.backend import ToolBackend
from app.ui.tools.colours import colour
from app.ui.tools.loader import Loader


def _trend(values: list[Any]) -> str:
    """↑ / ↓ / → between the last two years with a number; '' when there are fewer."""
    nums = []
    for v in values:
        try:
            nums.append(Decimal(str(v)))
        except (InvalidOperation, ValueError):
            continue
    if len(nums) < 2:
        return ""
    return "↑" if nums[-1] > nums[-2] else "↓" if nums[-1] < nums[-2] else "→"


def chart_panels(years: list[int], rows: list[Any], index_trends: list[tuple[str, list[Any]]]
                 ) -> list[tuple[str, list[tuple[str, list[float | None]]]]]:
    """The card's trends as plain series for app.core.documents.charts.trend_panels: the tools whose latest
    result is a score or a share (shares in per cent), and the models' indices; None where a year has no
    value."""
    def values(by_year: dict[int, Any], scale: float) -> list[float | None]:
        return [float(by_year[y]) * scale if by_year.get(y) is not None else None for y in years]

    tools = [(r.card.id, values({p.year: p.value for p in r.trend},
                                100.0 if r.latest.primary.type == "percent" else 1.0))
             for r in rows if r.latest is not None and r.latest.primary is not None
             and r.latest.primary.type in ("score", "percent") and any(p.value is not None for p in r.trend)]
    indices = [(name, values({p.year: p.value for p in points}, 1.0))
               for name, points in index_trends if any(p.value is not None for p in points)]
    return [(_("Tools (0–100 / %)"), tools), (_("Composite indices (0–100)"), indices)]


class ContractCard(QWidget):
    tool_requested = Signal(str, object, int)

    def __init__(self, backend: ToolBackend, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.backend = backend
        self.contract_id: int | None = None
        self.rows: list[Any] = []  # core ContractToolRow
        self.years: list[int] = []
        #: (index name, TrendPoints by year) per model: the composite indices over the contract's years
        self.index_trends: list[tuple[str, list[Any]]] = []
        self.loader = Loader(self)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        f = self.heading.font()
        f.setBold(True)
        self.heading.setFont(f)
        self.table = QTableWidget(0, 0)
        self.table.setAccessibleName(_("Contract card"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        self.table.cellDoubleClicked.connect(self._open)
        self.chart_box = QVBoxLayout()
        hint = QLabel(_("Double-click a row to open the tool for this contract. The arrow compares the last two "
                        "years; whether up is good depends on the indicator (see its band)."))
        hint.setWordWrap(True)
        hint.setStyleSheet(f"color: {colour('muted')};")
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 2)
        layout.addLayout(self.chart_box, 1)
        layout.addWidget(hint)

    def show_contract(self, contract_id: int | None, year: int) -> None:
        """Load the contract's tools and their years in the background."""
        self.contract_id = contract_id
        self._clear_chart()
        if contract_id is None:
            self.heading.setText(_("Choose a contract above."))
            self.rows = []
            self.table.setRowCount(0)
            return
        backend = self.backend

        def load() -> tuple[str, list[Any], list[tuple[str, list[Any]]]]:
            backend.ensure_results()
            return (backend.contract_label(contract_id), backend.contract_history(contract_id),
                    backend.index_trends(contract_id))

        self.heading.setText(_("Calculating the indicators of all tools…") if not backend.results_ready
                             else _("Loading…"))
        self.loader.run(load, self._loaded, self._failed)

    def _loaded(self, result: tuple[str, list[Any], list[tuple[str, list[Any]]]]) -> None:
        label, self.rows, self.index_trends = result
        self.heading.setText(label)
        self.years = sorted({p.year for r in self.rows for p in r.trend}
                            | {p.year for _name, points in self.index_trends for p in points})
        self._fill()
        self._chart()

    def _failed(self, message: str) -> None:
        self.rows, self.years, self.index_trends = [], [], []
        self._fill()
        self.heading.setText(message)

    def _clear_chart(self) -> None:
        while self.chart_box.count():
            w = self.chart_box.takeAt(0).widget()
            if w is not None:
                w.deleteLater()

    def _fill(self) -> None:
        # tools with results first (in catalogue order), then those never used for this contract
        self.rows = [r for r in self.rows if r.trend] + [r for r in self.rows if not r.trend]
        headers = [_("Tool"), _("Indicator"), *[str(y) for y in self.years], _("Trend"), _("Latest interpretation")]
        self.table.clear()
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            by_year = {p.year: p for p in row.trend}
            cells = [f"{row.card.id} {row.card.name}", row.card.primary_output]
            cells += [by_year[y].text if y in by_year else "" for y in self.years]
            cells.append(_trend([p.value for p in row.trend if p.value is not None]))
            primary = row.latest.primary if row.latest is not None else None
            level = None
            if row.latest is None:
                last = _("not used yet")
            elif not row.latest.ok:
                last = _("incomplete: {problem}").format(problem=row.latest.problems[0]) if row.latest.problems \
                    else _("incomplete")
            else:
                level = primary.level if primary is not None else None
                last = primary.band if primary is not None and primary.band else ""
            cells.append(last)
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if 2 <= c < 2 + len(self.years) + 1:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if c == len(cells) - 1:
                    role = level or ("muted" if row.latest is None else "poor" if not row.latest.ok else "")
                    if role:
                        item.setForeground(QBrush(QColor(colour(role))))
                self.table.setItem(r, c, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for col, width in ((0, 220), (1, 180)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(col, width)
        header.setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(60)
        self.table.resizeRowsToContents()

    def _chart(self) -> None:
        """Left: scores and shares (0–100 / per cent) of the contract's tools over the years; right: the
        composite indices of the three models (0–100) over the same years."""
        panels = chart_panels(self.years, self.rows, self.index_trends)
        if not self.years or not any(series for _title, series in panels):
            return
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

        from app.core.documents.charts import trend_panels

        canvas = FigureCanvasQTAgg(trend_panels(self.years, panels))
        canvas.setMinimumHeight(180)
        self.chart_box.addWidget(canvas)

    def _open(self, row: int, _column: int) -> None:
        if 0 <= row < len(self.rows) and self.contract_id is not None:
            r = self.rows[row]
            year = r.trend[-1].year if r.trend else (self.years[-1] if self.years else 0)
            if r.latest is not None:
                scope_id = r.latest.scope_id  # the contract, or its task for task tools
            else:
                scope_id = self.contract_id if r.card.scope == "contract" else None
            self.tool_requested.emit(r.card.id, scope_id, year)
