"""Results of one tool beside its form: formatted outputs, interpretation bands, what is missing, a chart.

The values come from the core's engine; this module only formats them. When an input is missing or
wrong the engine gives messages instead of numbers, and the panel shows those messages and no
number at all (never a made-up zero). Charts use matplotlib, imported only when a chart is drawn,
in black and greys (hatched bars, marked lines) so they stay readable when printed in greyscale.
"""

from __future__ import annotations


from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.i18n import _, format_decimal
from app.ui.tools.colours import colour
from app.ui.tools.labels import cell_words, problem_text, text_of

LEVEL_SIGNS = {"good": "●", "fair": "◐", "poor": "○", "info": "·"}
# greys for charts: distinguishable when printed without colour
GREYS = ("#222222", "#777777", "#aaaaaa", "#cccccc")
HATCHES = ("", "//", "..", "xx")


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
        table = QTableWidget(len(out.rows), len(columns))
        table.setObjectName(f"table_{out.key}")
        table.setAccessibleName(out.label)
        table.setHorizontalHeaderLabels(columns)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        table.setWordWrap(True)
        types = [t for _k, _l, t in out.columns] or ["text"]
        for r, cells in enumerate(out.rows):
            for c, text in enumerate(cells):
                words, code = cell_words(text)
                item = QTableWidgetItem(words)
                if code:
                    item.setToolTip(code)
                if types[c] not in ("text", "date"):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(r, c, item)
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
            series.append((label + (" [%]" if typ == "percent" else ""),
                           [float(y * scale) if y is not None else None for y in ys]))
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
        same = [o for o in view.outputs if o.type == primary.type and _dec(o.value) is not None]
        if len(same) < 2:
            return None
        return {"kind": "barh", "title": primary.label, "labels": [o.label for o in same],
                "series": [("", [float(_dec(o.value)) for o in same])]}
    try:
        bands = list(tool.output(primary.key).bands)
    except (AttributeError, StopIteration):
        bands = []
    if not bands:
        return None
    scale = Decimal(100) if primary.type == "percent" else Decimal(1)
    return {"kind": "gauge", "title": primary.label, "value": float(value * scale),
            "bands": [(float(b.min * scale) if b.min is not None else None, text_of(b, "label"), b.level) for b in bands],
            "unit": "%" if primary.type == "percent" else ""}


def _previous_series(previous: Any, out_key: str, xkey: str, xtype: str, ycol: tuple[str, str, str],
                     labels: list[str]) -> list[float | None] | None:
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
    """A FigureCanvasQTAgg for `spec`; matplotlib is imported here, on first use only."""
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(5.2, 3.0), dpi=90, layout="constrained")
    kind = spec["kind"]
    if kind == "radar":
        _radar(fig, spec)
    elif kind == "gauge":
        _gauge(fig, spec)
    elif kind == "barh":
        _barh(fig, spec)
    else:
        ax = fig.add_subplot(111)
        labels = spec["labels"]
        xs = list(range(len(labels)))
        n = len(spec["series"])
        for i, (name, ys) in enumerate(spec["series"]):
            vals = [y if y is not None else float("nan") for y in ys]
            if kind == "line":
                ax.plot(xs, vals, marker="osD"[i % 3], color=GREYS[i % len(GREYS)],
                        linestyle=("-", "--", ":")[i % 3], label=name)
            else:
                width = 0.8 / n
                ax.bar([x - 0.4 + width * (i + 0.5) for x in xs], vals, width, label=name,
                       color=GREYS[(i + 1) % len(GREYS)], edgecolor="#000000", hatch=HATCHES[i % len(HATCHES)])
        ax.set_xticks(xs)
        ax.set_xticklabels([_short(lbl, 18) for lbl in labels], rotation=30 if len(labels) > 4 else 0,
                           ha="right" if len(labels) > 4 else "center", fontsize=8)
        ax.grid(axis="y", color="#dddddd", linewidth=0.6)
        _polish_numbers(ax.yaxis)
        ax.tick_params(labelsize=8)
        if n > 1:
            ax.legend(fontsize=8, frameon=False)
        ax.set_title(_short(spec["title"], 60), fontsize=9)
    canvas = FigureCanvasQTAgg(fig)
    canvas.setMinimumHeight(230)
    canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    return canvas


def _polish_numbers(axis: Any) -> None:
    """Tick labels in the UI language's number style (0,25 and 20 000 in Polish, not 0.25/20000)."""
    from matplotlib.ticker import FuncFormatter

    axis.set_major_formatter(FuncFormatter(lambda v, _pos: format_decimal(Decimal(str(round(v, 6))))))


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _radar(fig: Any, spec: dict[str, Any]) -> None:
    """One polygon per year: this year solid black, the year before dashed grey."""
    import math

    labels = spec["labels"]
    angles = [2 * math.pi * i / len(labels) for i in range(len(labels))]
    ax = fig.add_subplot(111, polar=True)
    top = 100.0
    styles = (("#000000", "-", "o", 0.30), ("#777777", "--", "s", 0.0))
    for i, (name, ys) in enumerate(spec["series"][:2]):
        vals = [y or 0.0 for y in ys]
        colour, line, marker, alpha = styles[i]
        ax.plot(angles + angles[:1], vals + vals[:1], color=colour, linestyle=line, marker=marker, label=name)
        if alpha:
            ax.fill(angles + angles[:1], vals + vals[:1], color="#999999", alpha=alpha)
        top = max(top, *vals)
    ax.set_xticks(angles)
    ax.set_xticklabels([_short(lbl, 22) for lbl in labels], fontsize=7)
    ax.set_ylim(0, top)
    _polish_numbers(ax.yaxis)
    ax.tick_params(labelsize=7)
    if len(spec["series"]) > 1:
        ax.legend(fontsize=7, frameon=False, loc="lower right", bbox_to_anchor=(1.15, -0.1))
    ax.set_title(_short(spec["title"], 60), fontsize=9)


def _barh(fig: Any, spec: dict[str, Any]) -> None:
    ax = fig.add_subplot(111)
    labels = [_short(lbl, 30) for lbl in spec["labels"]]
    values = spec["series"][0][1]
    ax.barh(labels, values, color="#888888", edgecolor="#000000", hatch="//")
    ax.invert_yaxis()
    _polish_numbers(ax.xaxis)
    ax.tick_params(labelsize=8)
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.set_title(_short(spec["title"], 60), fontsize=9)


def _gauge(fig: Any, spec: dict[str, Any]) -> None:
    """The value as a marker on a horizontal strip split into the interpretation bands (legend below)."""
    from matplotlib.patches import Patch

    bands = spec["bands"]
    value = spec["value"]
    starts = [b[0] for b in bands if b[0] is not None]
    lo = min([value, *starts, 0.0])
    hi = max([value, *starts])
    span = (hi - lo) or 1.0
    lo, hi = lo - 0.1 * span, hi + 0.25 * span
    ax = fig.add_subplot(111)
    # the first band reaches down to the left edge whatever its own `min`
    edges = [lo] + [b[0] if b[0] is not None else lo for b in bands[1:]] + [hi]
    shades = {"poor": "#dddddd", "fair": "#aaaaaa", "good": "#666666", "info": "#eeeeee"}
    handles = []
    for i, (_start, label, level) in enumerate(bands):
        left, right = edges[i], edges[i + 1]
        style = dict(facecolor=shades.get(level, "#dddddd"), edgecolor="#000000", hatch=HATCHES[i % len(HATCHES)])
        ax.barh(0, right - left, left=left, height=0.5, **style)
        handles.append(Patch(label=_short(label, 45), **style))
    ax.axvline(value, color="#000000", linewidth=2.5)
    ax.text(value, 0.3, format_decimal(Decimal(str(round(value, 2)))) + (" %" if spec["unit"] else ""),
            ha="center", va="bottom", fontsize=9, fontweight="bold",
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})
    ax.set_xlim(lo, hi)
    _polish_numbers(ax.xaxis)
    ax.set_ylim(-0.5, 0.6)
    ax.set_yticks([])
    ax.tick_params(labelsize=8)
    ax.legend(handles=handles, fontsize=7, frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=1)
    ax.set_title(_short(spec["title"], 60), fontsize=9)
