"""Preview of an organisation import from CSV/XLSX: every row, its errors, nothing written yet.

The dialog only shows the preview; the caller writes the valid rows (`commit_import`) after the
clerk presses the import button, so Cancel or Esc leaves the database untouched.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.core.i18n import N_, _, ngettext
from app.core.transfer.org_import import ImportPreview, ImportRow
from app.ui.widgets.table_model import Column, RowTableModel, read_only_view

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
            ngettext("{count} organisation can be imported", "{count} organisations can be imported", valid).format(
                count=valid
            )
            + "; "
            + ngettext("{count} row rejected", "{count} rows rejected", rejected).format(count=rejected)
            + ". "
            + _("Nothing has been written yet.")
        )
        self.summary = QLabel("\n".join(lines))
        self.summary.setWordWrap(True)

        errors_by_row: dict[int, list[str]] = {}
        for e in preview.errors:
            errors_by_row.setdefault(e.row, []).append(f"{e.label}: {e.message}")

        def problems(r: ImportRow) -> str | None:
            return "\n".join(errors_by_row[r.row]) if r.row in errors_by_row else None

        def bad(r: ImportRow) -> QColor | None:
            return _BAD if r.row in errors_by_row else None

        def column(header: str, value: Callable[[ImportRow], Any], **options: Any) -> Column[ImportRow]:
            return Column(header, value, tooltip=problems, background=bad, **options)

        self.model: RowTableModel[ImportRow] = RowTableModel(
            [
                # the spreadsheet's own row number, as the clerk sees it there (no thousands separator)
                column(N_("Row"), lambda r: r.row, formatter=str, alignment=Qt.AlignmentFlag.AlignRight),
                column(N_("Name"), lambda r: r.data.name),
                column(N_("NIP"), lambda r: r.data.nip or ""),
                column(N_("City"), lambda r: r.data.city or ""),
                column(N_("Result"), lambda r: problems(r) or _("OK, will be imported")),
            ],
            self,
        )
        self.model.set_rows(preview.rows)
        self.table = read_only_view(self.model, _("Rows of the file"))
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(1, 260)
        self.table.resizeRowsToContents()

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = buttons.addButton(
            ngettext("Import {count} organisation", "Import {count} organisations", valid).format(count=valid),
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
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
        text = self.model.index(index, 4).data()
        return str(text) if text is not None else ""
