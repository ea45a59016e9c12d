"""Composite indices per model (0–100) for a contract and year, and the RADAR meeting dialog that
records the weights the gmina agreed (date, participants, one weight per component)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import FieldError, UserFacingError, ValidationFailed
from app.core.i18n import N_, _, format_decimal
from app.core.money import MoneyFormatError, parse_decimal
from app.core.tools.present import index_coverage, index_grade_text, index_value_text
from app.ui.read_only import set_writable
from app.ui.tools.backend import ToolBackend
from app.ui.tools.colours import colour
from app.ui.tools.loader import Loader
from app.ui.tools.result_panel import LEVEL_SIGNS, format_output
from app.ui.widgets.table_model import Column, ColumnKind, RowTableModel, read_only_view

MODEL_ORDER = ("J", "E", "W")
_HUNDRED = Decimal(100)
LEVELS = (
    ("contract", N_("per contract")),
    ("task", N_("per public task")),
    ("area", N_("per WKUS area")),
    ("year", N_("per year (all years)")),
    ("gmina", N_("whole gmina")),
)


_RIGHT = Qt.AlignmentFlag.AlignRight


def _two_places(value: Any) -> str:
    return "—" if value is None else format_decimal(Decimal(str(value)), 2)


def _component_tip(comp: Any) -> str:
    return f"{comp.label} ({comp.key})"


#: a box's components (core IndexComponent): unknown values stay "—"
COMPONENT_COLUMNS: list[Column[Any]] = [
    Column(N_("Component"), lambda c: c.label, tooltip=_component_tip),
    Column(N_("Value"), lambda c: c.raw, formatter=_two_places, alignment=_RIGHT, tooltip=_component_tip),
    Column(N_("Scaled 0–1"), lambda c: c.normalised, formatter=_two_places, alignment=_RIGHT, tooltip=_component_tip),
    Column(
        N_("Weight"),
        lambda c: c.weight,
        alignment=_RIGHT,
        tooltip=_component_tip,
        formatter=lambda w: format_decimal(Decimal(str(w)) * _HUNDRED, 0) + " %",
    ),
]


def _score_column(model: str, name: str) -> Column[Any]:
    return Column(name, lambda r: r.values.get(model), formatter=lambda v: format_output("score", v), alignment=_RIGHT)


def _index_columns(models: list[str], names: list[str]) -> list[Column[Any]]:
    """The aggregation table's columns (rows are core IndexRow): one per index model in use."""
    return [
        Column(N_("Record"), lambda r: r.label or _("whole gmina")),
        Column(N_("Year"), lambda r: r.year, formatter=lambda y: str(y) if y else "—", alignment=_RIGHT),
        *[_score_column(m, name) for m, name in zip(models, names, strict=True)],
        Column(N_("Contracts"), lambda r: r.contracts, kind=ColumnKind.NUMBER),
    ]


class IndicesPanel(QWidget):
    saved = Signal()

    def __init__(self, backend: ToolBackend, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.backend = backend
        self.contract_id: int | None = None
        self.year = 0
        self.views: list[Any] = []  # core IndexValue
        self.loader = Loader(self)
        self.contract_loader = Loader(self)  # its own generation: the table and the boxes load side by side
        self.radar_button = QPushButton(_("RADAR meeting: agree the weights…"))
        self.radar_button.clicked.connect(self.open_radar)
        self.weights_label = QLabel()
        self.weights_label.setWordWrap(True)
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.boxes = QHBoxLayout()
        inner = QWidget()
        col = QVBoxLayout(inner)
        col.addLayout(self.boxes)
        self.chart_box = QVBoxLayout()
        col.addLayout(self.chart_box)
        # the same indices aggregated for the council: per contract, task, area, year, whole gmina
        self.level = QComboBox()
        for code, label in LEVELS:
            self.level.addItem(_(label), code)
        self.level.currentIndexChanged.connect(lambda _i: self.show_table())
        self.model: RowTableModel[Any] = RowTableModel(_index_columns([], []), self)
        self.table = read_only_view(self.model, _("Composite indices"), select_rows=False)
        self.table.setObjectName("indices_by")
        self.table.setMinimumHeight(160)
        by_row = QHBoxLayout()
        by_label = QLabel(_("Indices by:"))
        by_label.setBuddy(self.level)
        by_row.addWidget(by_label)
        by_row.addWidget(self.level)
        self.table_state = QLabel()
        by_row.addWidget(self.table_state)
        by_row.addStretch(1)
        col.addLayout(by_row)
        col.addWidget(self.table)
        col.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        top = QHBoxLayout()
        top.addWidget(self.weights_label, 1)
        top.addWidget(self.radar_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.state)
        layout.addWidget(scroll, 1)

    def show_contract(self, contract_id: int | None, year: int) -> None:
        """The contract's indices are computed off the GUI thread (the engine reads the records and
        runs the tools); the boxes appear when they arrive, the newest request wins."""
        self.contract_id, self.year = contract_id, year
        self._clear()
        self.views = []
        if contract_id is None:
            self.state.setText(_("Choose a contract above to see its indices."))
            return
        self.state.setText(_("Loading…"))
        backend = self.backend
        self.contract_loader.run(
            lambda: (backend.indices(contract_id, year), backend.weights_note()),
            lambda result: self._contract_loaded(year, *result),
            self.state.setText,
        )

    def _contract_loaded(self, year: int, views: list[Any], weights_note: str) -> None:
        # the handbook's order: Jakość, Efektywność, Współpraca
        self.views = sorted(
            views, key=lambda v: MODEL_ORDER.index(v.model_code) if v.model_code in MODEL_ORDER else len(MODEL_ORDER)
        )
        self.weights_label.setText(weights_note)
        self.state.setText(
            _(
                "Indices 0–100 for the chosen contract in {year}; each component is scaled to 0–1 "
                "between the bounds in the catalogue and weighted."
            ).format(year=year)
        )
        for view in self.views:
            self.boxes.addWidget(self._box(view), 1)
        self._chart()
        self.show_table()

    def show_table(self) -> None:
        """The aggregation table is computed in the background (seconds on a large gmina)."""
        level = self.level.currentData()
        year = None if level == "year" else self.year
        backend = self.backend
        self.model.set_rows([])
        self.table_state.setText(_("Loading…"))
        self.loader.run(lambda: backend.indices_by(level, year), self._table_loaded, self.table_state.setText)

    def _table_loaded(self, rows: list[Any]) -> None:
        self.table_state.clear()
        catalogue = self.backend.catalogue()
        models = [m for m in MODEL_ORDER if m in catalogue.indices]
        names = [str(catalogue.indices[m].name) for m in models]
        self.model.set_columns(_index_columns(models, names), rows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    def _clear(self) -> None:
        for layout in (self.boxes, self.chart_box):
            while layout.count():
                w = layout.takeAt(0).widget()
                if w is not None:
                    w.deleteLater()

    def _box(self, view: Any) -> QGroupBox:
        box = QGroupBox(view.name)
        box.setObjectName(f"index_{view.model_code}")
        col = QVBoxLayout(box)
        value = QLabel(index_value_text(view))
        value.setObjectName(f"index_value_{view.model_code}")
        f = value.font()
        f.setBold(True)
        f.setPointSizeF(f.pointSizeF() * 1.6)
        value.setFont(f)
        col.addWidget(value)
        if view.level:
            band = QLabel(f"{LEVEL_SIGNS.get(view.level, '')} {view.band}")
            band.setObjectName(f"index_band_{view.model_code}")
            band.setStyleSheet(f"color: {colour(view.level)}; font-weight: bold;")
            col.addWidget(band)
        else:  # no data, or too little for a grade: said in words, never a grade
            band = QLabel(index_grade_text(view))
            band.setObjectName(f"index_band_{view.model_code}")
            band.setWordWrap(True)
            col.addWidget(band)
        coverage = QLabel(index_coverage(view))
        coverage.setObjectName(f"index_coverage_{view.model_code}")
        col.addWidget(coverage)
        model: RowTableModel[Any] = RowTableModel(COMPONENT_COLUMNS)
        model.set_rows(view.components)
        table = read_only_view(model, _("Components"), select_rows=False)
        model.setParent(table)
        table.setWordWrap(True)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in (1, 2, 3):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        table.resizeRowsToContents()
        table.setFixedHeight(header.height() + sum(table.rowHeight(r) for r in range(model.rowCount())) + 6)
        col.addWidget(table)
        if view.missing:
            missing = QLabel(_("No value yet:") + "\n" + "\n".join("• " + m for m in view.missing))
            missing.setWordWrap(True)
            missing.setStyleSheet(f"color: {colour('poor')};")
            col.addWidget(missing)
        col.addStretch(1)
        return box

    def _chart(self) -> None:
        shown = [v for v in self.views if v.value is not None]
        if not shown:
            return
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

        from app.core.documents.charts import index_bars

        canvas = FigureCanvasQTAgg(index_bars([v.name for v in shown], [v.value for v in shown]))
        canvas.setMinimumHeight(int(60 + 40 * len(shown)))
        self.chart_box.addWidget(canvas)

    def open_radar(self) -> None:
        dialog = RadarDialog(self.backend, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.saved.emit()
            self.show_contract(self.contract_id, self.year)


class RadarDialog(QDialog):
    """Date, participants, notes and the agreed weights (in per cent) of every index component.

    Weights are checked by the core as they are typed; the dialog shows each model's sum so the
    meeting sees at once whether the weights add up.
    """

    def __init__(self, backend: ToolBackend, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from app.ui.widgets.form import DateEdit

        self.backend = backend
        self.setWindowTitle(_("RADAR meeting"))
        self.setMinimumWidth(720)
        catalogue = backend.catalogue()
        current = backend.current_weights()
        intro = QLabel(
            _(
                "Record the meeting at which officials, councillors and organisations agreed the weights "
                "of the composite indices. The new weights apply to indices calculated from now on; "
                "each result keeps the weights it was calculated with."
            )
        )
        intro.setWordWrap(True)
        self.date = DateEdit(optional=False)
        self.date.setAccessibleName(_("Meeting date"))
        self.participants = QPlainTextEdit()
        self.participants.setPlaceholderText(_("One person per line, with the role (e.g. Anna Nowak – skarbnik)"))
        self.participants.setTabChangesFocus(True)
        self.participants.setFixedHeight(70)
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(56)
        form = QFormLayout()
        form.addRow(_("Meeting date"), self.date)
        form.addRow(_("Participants"), self.participants)
        form.addRow(_("Notes"), self.notes)
        self.weight_edits: dict[str, dict[str, QLineEdit]] = {}
        #: what a message calls a weight: "Indeks Jakości – osiągnięcie rezultatów" (not "J-04.attainment")
        self.weight_labels: dict[str, dict[str, str]] = {}
        self.sum_labels: dict[str, QLabel] = {}
        self.messages = QLabel()
        self.messages.setWordWrap(True)
        self.messages.setStyleSheet(f"color: {colour('error')};")
        groups = QVBoxLayout()
        #: every group's label column, widened to the longest so the weight fields line up across groups
        row_labels: list[QLabel] = []
        for model in [m for m in MODEL_ORDER if m in catalogue.indices]:
            index = catalogue.indices[model]
            box = QGroupBox(str(index.name))
            grid = QFormLayout(box)
            self.weight_edits[model] = {}
            self.weight_labels[model] = {}
            for comp in index.components:
                self.weight_labels[model][comp.key] = f"{index.name} \u2013 {comp.label}"
                edit = QLineEdit(
                    format_decimal(Decimal(str(current.get(model, {}).get(comp.key, comp.weight))) * _HUNDRED, 0)
                )
                edit.setAlignment(Qt.AlignmentFlag.AlignRight)
                edit.setMaximumWidth(80)
                edit.setAccessibleName(_("Weight of “{component}” (%)").format(component=comp.label))
                edit.textEdited.connect(self._validate)
                row = QHBoxLayout()
                row.addWidget(edit)
                row.addWidget(QLabel("%"))
                row.addStretch(1)
                label = QLabel(str(comp.label))
                label.setToolTip(comp.key)
                row_labels.append(label)
                grid.addRow(label, row)
                self.weight_edits[model][comp.key] = edit
            total = QLabel()
            self.sum_labels[model] = total
            sum_label = QLabel(_("Sum"))
            row_labels.append(sum_label)
            grid.addRow(sum_label, total)
            groups.addWidget(box)
        # one label width for all groups (a QFormLayout sizes its label column by its own rows only)
        label_width = max((lab.sizeHint().width() for lab in row_labels), default=0)
        for lab in row_labels:
            lab.setMinimumWidth(label_width)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(_("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addLayout(groups)
        layout.addWidget(self.messages)
        layout.addWidget(self.buttons)
        self.participants.textChanged.connect(self._validate)
        self._validate()

    def weights(self) -> tuple[dict[str, dict[str, Decimal]], list[FieldError]]:
        """The typed weights as fractions (40 % → 0.4) and the fields that are not numbers."""
        out: dict[str, dict[str, Decimal]] = {}
        errors: list[FieldError] = []
        for model, edits in self.weight_edits.items():
            out[model] = {}
            for key, edit in edits.items():
                try:
                    out[model][key] = parse_decimal(edit.text().rstrip("%").strip()) / _HUNDRED
                except MoneyFormatError:
                    errors.append(
                        FieldError(f"weights.{model}.{key}", self.weight_labels[model][key], _("is not a number"))
                    )
        return out, errors

    def data(self) -> dict[str, Any]:
        weights, _errors = self.weights()
        # a cleared or mistyped date is "missing" (the field says why), never silently today
        return {
            "meeting_date": self.date.date(),
            "participants": self.participants.toPlainText().strip(),
            "notes": self.notes.toPlainText().strip(),
            "weights": weights,
        }

    def _validate(self) -> list[FieldError]:
        weights, errors = self.weights()
        for model, label in self.sum_labels.items():
            total = sum(weights.get(model, {}).values(), Decimal(0)) * _HUNDRED
            label.setText(format_decimal(total, 1) + " %")
            label.setStyleSheet("" if total == _HUNDRED else f"color: {colour('error')}; font-weight: bold;")
        if not errors:
            errors = self.backend.validate_radar(self.data())
        bad = {e.field for e in errors}
        for model, edits in self.weight_edits.items():
            for key, edit in edits.items():
                edit.setStyleSheet(
                    f"border: 1px solid {colour('error')};"
                    if f"weights.{model}.{key}" in bad or f"weights.{model}" in bad
                    else ""
                )
        self.messages.setText("\n".join(str(e) for e in errors))
        set_writable(self.buttons.button(QDialogButtonBox.StandardButton.Save), self.backend.db, not errors)
        return errors

    def accept(self) -> None:
        if self._validate():
            return
        try:
            self.backend.save_radar(self.data())
        except ValidationFailed as exc:
            self.messages.setText("\n".join(str(e) for e in exc.errors))
            return
        except UserFacingError as exc:
            QMessageBox.warning(self, _("RADAR meeting"), exc.message)
            return
        super().accept()
