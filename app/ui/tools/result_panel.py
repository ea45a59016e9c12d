"""Results of one tool beside its form: formatted outputs, interpretation bands, what is missing, a chart.

The values come from the core's engine; this module only formats them. When an input is missing or
wrong the engine gives messages instead of numbers, and the panel shows those messages and no
number at all (never a made-up zero). `chart_data` says what to draw; the figure itself comes from
app.core.documents.charts (the one chart module), embedded here in a canvas.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.core.i18n import _
from app.ui.tools.colours import colour
from app.ui.tools.labels import cell_words, localized_text, problem_text
from app.ui.widgets.table_model import Column, RowTableModel, read_only_view


def _table_column(index: int, label: str, kind: str) -> Column[tuple[str, ...]]:
    """A column of a tool's result table: rows are the engine's tuples of texts; a cell naming a tool
    shows its name, the number goes to the tooltip; numbers are right-aligned."""

    def raw(row: tuple[str, ...]) -> str:
        return row[index] if index < len(row) else ""

    return Column(
        label,
        raw,
        formatter=lambda text: cell_words(text)[0],
        tooltip=lambda row: cell_words(raw(row))[1] or None,
        alignment=None if kind in ("text", "date") else Qt.AlignmentFlag.AlignRight,
    )


LEVEL_SIGNS = {"good": "●", "fair": "◐", "poor": "○", "info": "·"}


def _dec(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def format_output(kind: str, value: Any) -> str:
    """One output value as the clerk reads it: the core's formatting (same as in documents and the CLI)."""
    from app.core.tools.present import format_typed, typed_output

    if isinstance(value, (list, tuple, set, frozenset)):
        return ", ".join(_(str(v)) for v in value)
    return format_typed(kind, typed_output(kind, value))


def _axis_label(kind: str, value: Any) -> str:
    """Category labels of a chart: whole numbers (years) without a thousands separator."""
    d = _dec(value) if kind in ("number", "count") else None
    if d is not None and d == d.to_integral_value():
        return str(int(d))
    return format_output(kind, value)


def _category_labels(out: Any, xkey: str, xtype: str) -> list[str]:
    """Chart categories: the core's cell text (it names IJW areas, criteria…), whole numbers plain."""
    if xtype in ("number", "count") or len(out.rows) != len(out.value):
        return [_axis_label(xtype, _row_get(r, xkey)) for r in out.value]
    return [str(cells[0]) for cells in out.rows]


def band_of(output: Any, value: Any) -> Any:
    """The interpretation band the core's catalogue assigns to `value` (None: no bands or no number)."""
    finder = getattr(output, "band_for", None)
    return finder(value) if callable(finder) else None


def _row_get(row: Any, key: str) -> Any:
    return row.get(key) if isinstance(row, dict) else getattr(row, key, None)


class ResultPanel(QWidget):
    """Shows a tool's outputs; `set_result` after Oblicz, `set_stale` while the form is being edited."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tool: Any = None
        self.values: dict[str, Any] = {}
        self.missing: list[str] = []
        self.canvas: Any = None
        self.heading = QLabel(_("Results"))
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        self.state = QLabel(_("Enter the inputs and press “Calculate”."))
        self.state.setWordWrap(True)
        self.missing_label = QLabel()
        self.missing_label.setWordWrap(True)
        self.missing_label.setTextFormat(Qt.TextFormat.PlainText)
        self.missing_label.setStyleSheet(f"color: {colour('poor')};")
        self.missing_label.setVisible(False)
        self.grid_box = QWidget()
        self.grid = QGridLayout(self.grid_box)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setColumnStretch(1, 1)
        self.tables_box = QVBoxLayout()
        self.chart_box = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.state)
        layout.addWidget(self.missing_label)
        layout.addWidget(self.grid_box)
        layout.addLayout(self.tables_box)
        layout.addLayout(self.chart_box, 1)
        layout.addStretch(0)

    # ---- public ------------------------------------------------------------------------------------

    def clear(self) -> None:
        self.values, self.missing = {}, []
        self._clear_layout(self.grid)
        self._clear_layout(self.tables_box)
        self._clear_layout(self.chart_box)
        self.canvas = None
        self.missing_label.setVisible(False)

    def set_stale(self) -> None:
        """Inputs changed since the last calculation: say so instead of showing old figures as current."""
        if self.values or self.missing:
            self.state.setText(_("Inputs changed: press “Calculate” to update the results."))

    def show_messages(self, tool: Any, messages: list[str], heading: str = "") -> None:
        """Only messages (what is missing or wrong), no numbers at all."""
        self.clear()
        self.tool = tool
        self.missing = list(messages)
        self.state.setText(heading or _("The result cannot be calculated yet:"))
        self.missing_label.setText("\n".join("• " + m for m in self.missing))
        self.missing_label.setVisible(True)

    def set_result(self, tool: Any, view: Any, note: str = "", previous: Any = None) -> None:
        """Show a core ToolResultView: formatted outputs with their bands, or — when the formula could
        not run — the problems, each naming the input, instead of any number."""
        if not view.ok:
            self.show_messages(tool, [problem_text(p, tool) for p in view.problems])
            return
        self.clear()
        self.tool = tool
        self.values = {o.key: o.value for o in view.outputs}
        notes = [note] if note else []
        # after a successful run, problems are notes (e.g. an output some inputs do not allow)
        notes += [_("Note: {note}").format(note=problem_text(p, tool)) for p in view.problems]
        self.state.setText("\n".join(notes) or _("Calculated from the inputs on the left."))
        row = 0
        for out in view.outputs:
            if out.type == "table":
                self._add_table(out)
                continue
            name = QLabel(out.label)
            name.setWordWrap(True)
            shown = QLabel(out.text)
            shown.setObjectName(f"value_{out.key}")
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            shown.setWordWrap(out.type == "text")
            if out.primary:
                f = shown.font()
                f.setBold(True)
                f.setPointSizeF(f.pointSizeF() * 1.3)
                shown.setFont(f)
            self.grid.addWidget(name, row, 0, Qt.AlignmentFlag.AlignTop)
            self.grid.addWidget(shown, row, 1, Qt.AlignmentFlag.AlignTop)
            if out.level and out.band:
                row += 1
                tag = QLabel(f"{LEVEL_SIGNS.get(out.level, '')} {out.band}")
                tag.setObjectName(f"band_{out.key}")
                tag.setWordWrap(True)
                tag.setStyleSheet(f"color: {colour(out.level)}; font-weight: bold;")
                tag.setProperty("level", out.level)
                self.grid.addWidget(tag, row, 1)
            row += 1
        self._add_chart(tool, view, previous)

    def value_text(self, key: str) -> str:
        label = self.grid_box.findChild(QLabel, f"value_{key}")
        return label.text() if label is not None else ""

    def band_text(self, key: str) -> str:
        label = self.grid_box.findChild(QLabel, f"band_{key}")
        return label.text() if label is not None else ""

    # ---- parts -------------------------------------------------------------------------------------

    def _add_table(self, out: Any) -> None:
        if not out.rows:
            return
        columns = [label for _key, label, _type in out.columns] or [out.label]
        title = QLabel(out.label)
        title.setStyleSheet("font-weight: bold;")
        types = [t for _k, _l, t in out.columns] or ["text"]
        model: RowTableModel[tuple[str, ...]] = RowTableModel(
            [_table_column(c, label, kind) for c, (label, kind) in enumerate(zip(columns, types, strict=True))]
        )
        model.set_rows([tuple(cells) for cells in out.rows])
        table = read_only_view(model, out.label, select_rows=False)
        model.setParent(table)
        table.setObjectName(f"table_{out.key}")
        table.setWordWrap(True)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        table.resizeRowsToContents()
        height = header.height() + sum(table.rowHeight(r) for r in range(min(len(out.rows), 8))) + 6
        table.setFixedHeight(height)
        self.tables_box.addWidget(title)
        self.tables_box.addWidget(table)

    def _add_chart(self, tool: Any, view: Any, previous: Any = None) -> None:
        spec = chart_data(tool, view, previous)
        if spec is None:
            return
        canvas = make_chart(spec)
        if canvas is None:
            return
        self.canvas = canvas
        frame = QFrame()
        frame.setFrameShape(QFrame.Shape.NoFrame)
        box = QVBoxLayout(frame)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(canvas)
        self.chart_box.addWidget(frame)

    @staticmethod
    def _clear_layout(layout: Any) -> None:
        while layout.count():
            item = layout.takeAt(0)
            w = item.widget()
            if w is not None:
                w.deleteLater()


# ---- charts ------------------------------------------------------------------------------------------


def chart_data(tool: Any, view: Any, previous: Any = None) -> dict[str, Any] | None:
    """What to draw: a table output marked `chart` (line/bar/radar) — with the year before beside it
    when `previous` (a stored result) has the same table —, else the primary value on a strip of its
    interpretation bands (bounds from the catalogue's output definition)."""
    for out in view.outputs:
        if not out.chart or not out.value or len(out.columns) < 2:
            continue
        (xkey, _xlabel, xtype), *rest = out.columns
        ycols = [c for c in rest if c[2] in ("money", "number", "ratio", "percent", "score", "count")]
        if not ycols:
            continue
        ycols = ycols[:1]  # one measure per chart: means and counts do not share an axis
        labels = _category_labels(out, xkey, xtype)
        series = []
        for key, label, typ in ycols:
            scale = Decimal(100) if typ == "percent" else Decimal(1)
            ys = [_dec(_row_get(r, key)) for r in out.value]
            series.append(
                (
                    label + (" [%]" if typ == "percent" else ""),
                    [float(y * scale) if y is not None else None for y in ys],
                )
            )
        if all(v is None for _n, ys in series for v in ys):
            continue
        if out.chart in ("bar", "radar") and previous is not None and getattr(previous, "ok", False):
            before = _previous_series(previous, out.key, xkey, xtype, ycols[0], labels)
            if before is not None:
                series = [(str(view.year), series[0][1]), (str(previous.year), before)]
        return {"kind": out.chart, "title": out.label, "labels": labels, "series": series}
    primary = view.primary
    if primary is None or primary.type not in ("money", "number", "ratio", "percent", "score", "count"):
        return None
    value = _dec(primary.value)
    if value is None:
        return None
    if primary.type in ("money", "number", "count"):
        # amounts have no natural scale: compare the outputs of the same kind side by side
        same = [(o.label, d) for o in view.outputs if o.type == primary.type and (d := _dec(o.value)) is not None]
        if len(same) < 2:
            return None
        return {
            "kind": "barh",
            "title": primary.label,
            "labels": [label for label, _d in same],
            "series": [("", [float(d) for _label, d in same])],
        }
    try:
        bands = list(tool.output(primary.key).bands)
    except (AttributeError, StopIteration):
        bands = []
    if not bands:
        return None
    scale = Decimal(100) if primary.type == "percent" else Decimal(1)
    return {
        "kind": "gauge",
        "title": primary.label,
        "value": float(value * scale),
        "bands": [
            (float(b.min * scale) if b.min is not None else None, localized_text(b, "label"), b.level) for b in bands
        ],
        "unit": "%" if primary.type == "percent" else "",
    }


def _previous_series(
    previous: Any, out_key: str, xkey: str, xtype: str, ycol: tuple[str, str, str], labels: list[str]
) -> list[float | None] | None:
    """The previous year's values of the same table output, in the order of this year's categories."""
    try:
        out = previous.output(out_key)
    except StopIteration:
        return None
    if not out.value:
        return None
    key, _label, typ = ycol
    scale = Decimal(100) if typ == "percent" else Decimal(1)
    by_label = dict(zip(_category_labels(out, xkey, xtype), (_dec(_row_get(r, key)) for r in out.value)))
    values = [by_label.get(lbl) for lbl in labels]
    if all(v is None for v in values):
        return None
    return [float(v * scale) if v is not None else None for v in values]


def make_chart(spec: dict[str, Any]) -> Any:
    """`spec` drawn by the chart module, in a canvas; matplotlib is imported here, on first use only."""
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

    from app.core.documents.charts import tool_result_chart

    canvas = FigureCanvasQTAgg(tool_result_chart(spec))
    canvas.setMinimumHeight(230)
    canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    return canvas
