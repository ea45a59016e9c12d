"""Table inputs of the tool forms: rows kept as typed text, typed per column when read, add/remove
row, CSV import (survey answers, pretest–posttest scores) through the core."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import FieldError, UserFacingError
from app.core.i18n import _
from app.ui.tools.colours import colour
from app.ui.tools.field_text import ParseError, format_value, parse_text, tool_spec, unit_suffix
from app.ui.tools.labels import choice_options, localized_text
from app.ui.widgets.fields import Editor


class RowsModel(QAbstractTableModel):
    """Rows of a table input kept as the text the clerk typed; typed per column when read."""

    def __init__(self, columns: list[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns = columns
        self.rows: list[list[str]] = []
        self.bad: set[tuple[int, int]] = set()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal:
            return self.headerData(section, orientation)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            col = self.columns[section]
            suffix = unit_suffix(col)
            label = localized_text(col, "label")
            if getattr(col, "type", "") == "likert":
                label += " (1–5)"
            return f"{label} [{suffix}]" if suffix else label
        return str(section + 1)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        text = self.rows[index.row()][index.column()]
        kind = getattr(self.columns[index.column()], "type", "text")
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return text
        if role == Qt.ItemDataRole.TextAlignmentRole and kind in ("number", "money", "percent", "likert"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and (index.row(), index.column()) in self.bad:
            return QColor("#f8d7da")
        if role == Qt.ItemDataRole.ForegroundRole and (index.row(), index.column()) in self.bad:
            return QColor("#000000")  # dark text on the light mark, also in the high-contrast theme
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        self.rows[index.row()][index.column()] = "" if value is None else str(value)
        self.bad.discard((index.row(), index.column()))
        self.dataChanged.emit(index, index)
        return True

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def add_row(self, cells: list[str] | None = None) -> None:
        n = len(self.rows)
        self.beginInsertRows(QModelIndex(), n, n)
        self.rows.append(list(cells) if cells else [""] * len(self.columns))
        self.endInsertRows()

    def remove_rows(self, rows: list[int]) -> None:
        for r in sorted(set(rows), reverse=True):
            if 0 <= r < len(self.rows):
                self.beginRemoveRows(QModelIndex(), r, r)
                del self.rows[r]
                self.endRemoveRows()
        self.bad.clear()

    def set_rows(self, rows: list[list[str]]) -> None:
        self.beginResetModel()
        self.rows = [list(r) + [""] * (len(self.columns) - len(r)) for r in rows]
        self.bad.clear()
        self.endResetModel()


class _ChoiceDelegate(QStyledItemDelegate):
    """A drop-down for choice columns, so the clerk picks a label instead of typing a code."""

    def __init__(self, options: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.options = options

    def createEditor(self, parent: QWidget, _option: Any, _index: QModelIndex | QPersistentModelIndex) -> QWidget:
        combo = QComboBox(parent)
        combo.addItem("", "")
        for _value, label in self.options:
            combo.addItem(label, label)
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(editor.findData(index.data()), 0))

    def setModelData(self, editor: QWidget, model: Any, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData())


class TableEditor(Editor):
    """Rows with typed columns, add/remove row, and import from CSV/XLSX (surveys, score lists)."""

    def __init__(self, defn: Any, on_change: Callable[[], None]) -> None:
        super().__init__(tool_spec(defn))
        self.defn = defn
        self.columns = list(getattr(defn, "columns", ()) or ())
        self.model = RowsModel(self.columns)
        self._quiet = False  # repainting marked cells is not an edit
        self.model.dataChanged.connect(lambda *_a: None if self._quiet else on_change())
        self.model.rowsInserted.connect(lambda *_a: on_change())
        self.model.rowsRemoved.connect(lambda *_a: on_change())
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.view.setMinimumHeight(150)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        # long column names (survey questions) wrap onto up to three lines instead of being cut
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.AlignmentFlag(Qt.TextFlag.TextWordWrap.value))
        longest = max((len(localized_text(c, "label")) for c in self.columns), default=0)
        lines = 1 if longest <= 18 else 2 if longest <= 36 else 3
        header.setMinimumHeight(header.fontMetrics().height() * lines + 10)
        header.setDefaultSectionSize(150 if longest > 18 else 110)
        if len(self.columns) <= 4:
            # a short table fits the form's width: its last column ("Osiągnięto" in E-13) was off-screen
            header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self._delegates: list[QStyledItemDelegate] = []
        for c, col in enumerate(self.columns):
            if getattr(col, "type", "") == "choice":
                delegate = _ChoiceDelegate(choice_options(col), self.view)
                self._delegates.append(delegate)
                self.view.setItemDelegateForColumn(c, delegate)
            elif getattr(col, "type", "") == "date":
                from app.ui.widgets.date_edit import DateTextDelegate

                date_delegate = DateTextDelegate(self.view)
                self._delegates.append(date_delegate)
                self.view.setItemDelegateForColumn(c, date_delegate)
        self.add_button = QPushButton(_("Add row"))
        self.add_button.clicked.connect(self._add_row)
        self.remove_button = QPushButton(_("Remove row"))
        self.remove_button.clicked.connect(self._remove_rows)
        #: (input key, path) -> (rows, errors); set by ToolForm
        self.importer: Callable[[str, str], tuple[list[dict[str, Any]], list[FieldError]]] | None = None
        self.imported_errors: list[FieldError] = []
        self.after_import: Callable[[list[FieldError]], None] | None = None  # shows the cell messages on the form
        self.import_button = QPushButton(_("Import from CSV…"))
        self.import_button.clicked.connect(self._import_dialog)
        self.count = QLabel()
        buttons = QHBoxLayout()
        for b in (self.add_button, self.remove_button, self.import_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.count)
        self.widget = QWidget()
        self.input = self.view
        col_layout = QVBoxLayout(self.widget)
        col_layout.setContentsMargins(0, 0, 0, 0)
        col_layout.addWidget(self.view)
        col_layout.addLayout(buttons)
        self.model.rowsInserted.connect(lambda *_a: self._update_count())
        self.model.rowsRemoved.connect(lambda *_a: self._update_count())
        self.model.modelReset.connect(self._update_count)
        self._update_count()

    def _update_count(self) -> None:
        from app.core.i18n import ngettext

        n = self.model.rowCount()
        self.count.setText(ngettext("{n} row", "{n} rows", n).format(n=n))
        # show a handful of rows without scrolling, grow with the content up to a sensible height
        rows_shown = min(max(n + 1, 4), 12)
        self.view.setMinimumHeight(28 + 26 * rows_shown)

    def _add_row(self) -> None:
        self.model.add_row()
        index = self.model.index(self.model.rowCount() - 1, 0)
        self.view.setCurrentIndex(index)
        self.view.edit(index)

    def _remove_rows(self) -> None:
        rows = [i.row() for i in self.view.selectionModel().selectedRows()]
        if not rows and self.view.currentIndex().isValid():
            rows = [self.view.currentIndex().row()]
        self.model.remove_rows(rows)

    def _import_dialog(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self.widget, _("Import rows"), "", _("CSV files (*.csv *.txt);;All files (*)"))
        if not path:
            return
        if self.model.rowCount() and QMessageBox.question(
                self.widget, _("Import rows"), _("Replace the rows in the table with the rows of the file?")
        ) != QMessageBox.StandardButton.Yes:
            return
        try:
            self.import_file(path)
        except UserFacingError as exc:
            QMessageBox.warning(self.widget, _("Import rows"), exc.message)

    def import_file(self, path: str) -> list[FieldError]:
        """Replace the rows with those of a CSV file (Polish Excel: Windows-1250 and ';' are fine);
        returns the core's messages about cells it cannot use (also marked in the table)."""
        if self.importer is None:
            raise UserFacingError(_("Import is not available here."))
        rows, errors = self.importer(str(self.defn.key), path)
        self.model.set_rows([[_import_text(col, row.get(str(col.key))) for col in self.columns] for row in rows])
        self.imported_errors = list(errors)
        if self.after_import is not None:
            self.after_import(self.imported_errors)
        return self.imported_errors

    def cell_text(self, row: int, col: int) -> str:
        return self.model.rows[row][col]

    def typed_rows(self) -> tuple[list[dict[str, Any]], list[FieldError]]:
        """One dict per non-empty row, and an error per unreadable cell named like the core names it
        ("scores.2.post", rows counted from 1), so both kinds of message mark the same cell."""
        out: list[dict[str, Any]] = []
        errors: list[FieldError] = []
        self.model.bad.clear()
        table_label = localized_text(self.defn, "label")
        for r, cells in enumerate(self.model.rows):
            if not any(c.strip() for c in cells):
                continue
            row: dict[str, Any] = {}
            for c, col in enumerate(self.columns):
                try:
                    row[str(col.key)] = parse_text(getattr(col, "type", "text"), cells[c],
                                                   integer=bool(getattr(col, "integer", False)),
                                                   options=choice_options(col) or None)
                except ParseError as exc:
                    self.model.bad.add((r, c))
                    label = _("{table}, row {n}, {column}").format(table=table_label, n=r + 1,
                                                                    column=localized_text(col, "label"))
                    errors.append(FieldError(f"{self.defn.key}.{r + 1}.{col.key}", label, str(exc)))
            out.append(row)
        self._repaint()
        return out, errors

    def _repaint(self) -> None:
        if self.model.rows:
            self._quiet = True
            try:
                self.model.dataChanged.emit(self.model.index(0, 0),
                                            self.model.index(self.model.rowCount() - 1, len(self.columns) - 1))
            finally:
                self._quiet = False

    def value(self) -> Any:
        rows, errors = self.typed_rows()
        if errors:
            raise ParseError(errors[0].message)
        return rows

    def set_value(self, value: Any) -> None:
        rows = []
        for item in value or ():
            get = item.get if isinstance(item, dict) else (lambda k, _d=None, _i=item: getattr(_i, k, _d))
            rows.append([format_value(getattr(col, "type", "text"), get(str(col.key)), options=choice_options(col),
                                      integer=bool(getattr(col, "integer", False)))
                         for col in self.columns])
        self.model.set_rows(rows)

    def mark_cell(self, row: int, column_key: str) -> None:
        for c, col in enumerate(self.columns):
            if str(col.key) == column_key and 0 <= row < self.model.rowCount():
                self.model.bad.add((row, c))
        self._repaint()

    def set_error(self, on: bool) -> None:
        self.view.setStyleSheet(f"QTableView {{ border: 1px solid {colour('error')}; }}" if on else "")


def _import_text(col: Any, value: Any) -> str:
    """A CSV cell as the table shows it (text as the file has it; parsed like typed text)."""
    return "" if value is None else str(value).strip()
