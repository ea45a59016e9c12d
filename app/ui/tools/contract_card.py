"""A contract's tools: the latest result of each and its value year by year (trend), with a chart."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.core.i18n import N_, _
from app.ui.tools.backend import ToolBackend
from app.ui.tools.colours import colour
from app.ui.tools.loader import Loader
from app.ui.widgets.table_model import Column, RowTableModel, read_only_view


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


def _latest_text(row: Any) -> str:
    """The latest result's band, or why there is none (rows are core ContractToolRows)."""
    if row.latest is None:
        return _("not used yet")
    if not row.latest.ok:
        return (
            _("incomplete: {problem}").format(problem=row.latest.problems[0])
            if row.latest.problems
            else _("incomplete")
        )
    primary = row.latest.primary
    return primary.band if primary is not None and primary.band else ""


def _latest_colour(row: Any) -> QColor | None:
    role: str | None
    if row.latest is None:
        role = "muted"
    elif not row.latest.ok:
        role = "poor"
    else:
        role = row.latest.primary.level if row.latest.primary is not None else None
    return QColor(colour(role)) if role else None


def _text_column(header: str, text: Any, **options: Any) -> Column[Any]:
    """Every cell's whole text is its tooltip (the columns are narrow)."""
    return Column(header, text, tooltip=text, **options)


def _year_column(year: int) -> Column[Any]:
    def text(row: Any) -> str:
        point = next((p for p in row.trend if p.year == year), None)
        return point.text if point is not None else ""

    return _text_column(str(year), text, alignment=Qt.AlignmentFlag.AlignRight)


def card_columns(years: list[int]) -> list[Column[Any]]:
    return [
        _text_column(N_("Tool"), lambda r: f"{r.card.id} {r.card.name}"),
        _text_column(N_("Indicator"), lambda r: r.card.primary_output),
        *[_year_column(y) for y in years],
        _text_column(
            N_("Trend"),
            lambda r: _trend([p.value for p in r.trend if p.value is not None]),
            alignment=Qt.AlignmentFlag.AlignRight,
        ),
        _text_column(N_("Latest interpretation"), _latest_text, foreground=_latest_colour),
    ]


def chart_panels(
    years: list[int], rows: list[Any], index_trends: list[tuple[str, list[Any]]]
) -> list[tuple[str, list[tuple[str, list[float | None]]]]]:
    """The card's trends as plain series for app.core.documents.charts.trend_panels: the tools whose latest
    result is a score or a share (shares in per cent), and the models' indices; None where a year has no
    value."""

    def values(by_year: dict[int, Any], scale: float) -> list[float | None]:
        return [float(by_year[y]) * scale if by_year.get(y) is not None else None for y in years]

    tools = [
        (r.card.id, values({p.year: p.value for p in r.trend}, 100.0 if r.latest.primary.type == "percent" else 1.0))
        for r in rows
        if r.latest is not None
        and r.latest.primary is not None
        and r.latest.primary.type in ("score", "percent")
        and any(p.value is not None for p in r.trend)
    ]
    indices = [
        (name, values({p.year: p.value for p in points}, 1.0))
        for name, points in index_trends
        if any(p.value is not None for p in points)
    ]
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
        self.model: RowTableModel[Any] = RowTableModel(card_columns([]), self)
        self.table = read_only_view(self.model, _("Contract card"))
        self.table.setWordWrap(True)
        self.table.doubleClicked.connect(self._open_index)
        self.chart_box = QVBoxLayout()
        hint = QLabel(
            _(
                "Double-click a row to open the tool for this contract. The arrow compares the last two "
                "years; whether up is good depends on the indicator (see its band)."
            )
        )
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
            self.model.set_rows([])
            return
        backend = self.backend

        def load() -> tuple[str, list[Any], list[tuple[str, list[Any]]]]:
            backend.ensure_results()
            return (
                backend.contract_label(contract_id),
                backend.contract_history(contract_id),
                backend.index_trends(contract_id),
            )

        self.heading.setText(
            _("Calculating the indicators of all tools…") if not backend.results_ready else _("Loading…")
        )
        self.loader.run(load, self._loaded, self._failed)

    def _loaded(self, result: tuple[str, list[Any], list[tuple[str, list[Any]]]]) -> None:
        label, self.rows, self.index_trends = result
        self.heading.setText(label)
        self.years = sorted(
            {p.year for r in self.rows for p in r.trend}
            | {p.year for _name, points in self.index_trends for p in points}
        )
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
        columns = card_columns(self.years)
        self.model.set_columns(columns, self.rows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for col, width in ((0, 220), (1, 180)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(col, width)
        header.setSectionResizeMode(len(columns) - 1, QHeaderView.ResizeMode.Stretch)
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

    def _open_index(self, index: QModelIndex) -> None:
        row = index.row()
        if 0 <= row < len(self.rows) and self.contract_id is not None:
            r = self.rows[row]
            year = r.trend[-1].year if r.trend else (self.years[-1] if self.years else 0)
            if r.latest is not None:
                scope_id = r.latest.scope_id  # the contract, or its task for task tools
            else:
                scope_id = self.contract_id if r.card.scope == "contract" else None
            self.tool_requested.emit(r.card.id, scope_id, year)
