"""Preview of an organisation import from CSV/XLSX: every row, its errors, nothing written yet.

The dialog only shows the preview; the caller writes the valid rows (`commit_import`) after the
clerk presses the import button, so Cancel or Esc leaves the database untouched.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.i18n import _, ngettext
from app.core.transfer.org_import import ImportPreview

#: a soft red: rejected rows must stand out but stay readable
_BAD = QColor(253, 226, 226)


class OrgImportPreviewDialog(QDialog):
    def __init__(self, preview: ImportPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview = preview
        self.setWindowTitle(_("Import organisations: preview"))
        valid, rejected = len(preview.valid_rows), len(preview.rejected_rows)
        lines = [_("File: {path} (read as {encoding}).").format(path=preview.source.name, encoding=preview.encoding)]
        lines += list(preview.notes)
        if preview.ignored_columns:
            lines.append(_("Columns ignored: {names}").format(names=", ".join(preview.ignored_columns)))
        lines.append(
            ngettext("{count} organisation can be imported", "{count} organisations can be imported", valid)
            .format(count=valid) + "; "
            + ngettext("{count} row rejected", "{count} rows rejected", rejected).format(count=rejected) + ". "
            + _("Nothing has been written yet."))
        self.summary = QLabel("\n".join(lines))
        self.summary.setWordWrap(True)

        errors_by_row: dict[int, list[str]] = {}
        for e in preview.errors:
            errors_by_row.setdefault(e.row, []).append(f"{e.label}: {e.message}")
        headers = [_("Row"), _("Name"), _("NIP"), _("City"), _("Result")]
        self.table = QTableWidget(len(preview.rows), len(headers))
        self.table.setAccessibleName(_("Rows of the file"))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        for i, row in enumerate(preview.rows):
            problems = errors_by_row.get(row.row, [])
            result = "\n".join(problems) if problems else _("OK, will be imported")
            cells = [str(row.row), row.data.name, row.data.nip or "", row.data.city or "", result]
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if j == 0:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if problems:
                    item.setBackground(QBrush(_BAD))
                    item.setToolTip("\n".join(problems))
                self.table.setItem(i, j, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(1, 260)
        self.table.resizeRowsToContents()

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = buttons.addButton(
            ngettext("Import {count} organisation", "Import {count} organisations", valid).format(count=valid),
            QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(valid > 0)
        self.import_button.setDefault(valid > 0)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(900, 520)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        # row heights depend on the final column widths, known only once the dialog is laid out
        self.table.resizeRowsToContents()

    def row_result(self, index: int) -> str:
        """Text of the result column of the `index`-th row (for tests and screen readers)."""
        item = self.table.item(index, 4)
        return item.text() if item is not None else ""
