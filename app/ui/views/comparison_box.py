"""Dokumenty → "Comparing gminas" (issue 19): the exchange files collected from gminas, the gmina to place
among them, and the button that asks the Documents view to build the report
(app.core.documents.comparison.build_comparison). Each file is read when added, so a wrong file is named
at once and the gmina list holds only the gminas really in the files. With a database, each file read is
also kept there (schema 13) for the Kreator "Zlecenie zadania", which shows what other gminas chose and
achieved in the task's sphere."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QWidget,
)

from app.core.comparison.exchange import GminaFigures, read_exchange
from app.core.errors import UserFacingError
from app.core.i18n import _, ngettext


class ComparisonBox(QGroupBox):
    """Files, gmina, "Build comparison"; `build_requested(files, gmina)` when pressed."""

    build_requested = Signal(list, str)

    def __init__(self, own_gmina: str = "", parent: QWidget | None = None, db: Any = None) -> None:
        super().__init__(_("Comparing gminas"), parent)
        #: the open database (app.core.db.engine.Database) the files are kept in for the Kreator; None: not kept
        self.db = db
        #: this database's gmina: chosen first when its file is among those added
        self.own_gmina = own_gmina
        self.figures: dict[Path, GminaFigures] = {}
        self.files = QListWidget()
        self.files.setAccessibleName(_("Exchange files"))
        self.files.setMaximumHeight(self.files.fontMetrics().height() * 6)
        self.add_button = QPushButton(_("Add exchange files…"))
        self.add_button.setToolTip(
            _("The indicator files (.json) the gminas exported with File → Export → Indicators for comparing gminas")
        )
        self.add_button.clicked.connect(lambda: self.add_files())
        self.remove_button = QPushButton(_("Remove"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.gmina = QComboBox()
        self.gmina.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.gmina.setMinimumContentsLength(18)
        self.build_button = QPushButton(_("Build comparison"))
        self.build_button.clicked.connect(self._build)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        form = QFormLayout(self)
        # the label above its combo: side by side they widen the pane past a 1366 px screen at 125 %
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.addRow(self.files)
        form.addRow(row)
        form.addRow(_("Gmina placed"), self.gmina)
        form.addRow(self.build_button)
        self.kept = QLabel()
        self.kept.setWordWrap(True)
        self.kept.setStyleSheet("color: palette(dark);")
        form.addRow(self.kept)
        self._show_kept()
        self.files.itemSelectionChanged.connect(self._update)
        self._update()

    def add_files(self, paths: list[Path] | None = None) -> None:
        """Ask for files (or take `paths`); each is read now, and a file that is not an exchange file
        is named with what is wrong and left out."""
        if paths is None:
            chosen, _filter = QFileDialog.getOpenFileNames(
                self, _("Exchange files of the gminas"), str(Path.home()), _("JSON (*.json)")
            )
            paths = [Path(p) for p in chosen]
        problems: list[str] = []
        for path in paths:
            if path in self.figures:
                continue
            try:
                figures = read_exchange(path)
            except UserFacingError as exc:
                problems.append(exc.message)
                continue
            self.figures[path] = figures
            if self.db is not None:
                from app.core.comparison.stored import store_exchange

                try:
                    store_exchange(self.db, figures, path.name)
                except UserFacingError as exc:  # e.g. a read-only seat: the comparison itself still works
                    problems.append(
                        _("{file} is compared but not kept for the Kreator: {reason}").format(
                            file=path.name, reason=exc.message
                        )
                    )
            item = QListWidgetItem(
                _("{gmina}, {year} ({file})").format(gmina=figures.gmina, year=figures.year, file=path.name)
            )
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            self.files.addItem(item)
        self._fill_gminas()
        self._show_kept()
        if problems:
            QMessageBox.warning(self, _("Comparing gminas"), "\n".join(problems))

    def _show_kept(self) -> None:
        if self.db is None:
            self.kept.hide()
            return
        from app.core.comparison.stored import stored_exchanges

        kept = stored_exchanges(self.db)
        self.kept.setText(
            ngettext(
                "Kept for the Kreator \u201cCommissioning a task\u201d: {count} file ({gminas}).",
                "Kept for the Kreator \u201cCommissioning a task\u201d: {count} files ({gminas}).",
                len(kept),
            ).format(count=len(kept), gminas=", ".join(sorted({k.figures.gmina for k in kept}, key=str.casefold)))
            if kept
            else _("No file is kept for the Kreator yet: the files added here are kept in the database.")
        )

    def remove_selected(self) -> None:
        for item in self.files.selectedItems():
            self.figures.pop(Path(item.data(Qt.ItemDataRole.UserRole)), None)
            self.files.takeItem(self.files.row(item))
        self._fill_gminas()

    def chosen_files(self) -> list[Path]:
        return [Path(self.files.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.files.count())]

    def _fill_gminas(self) -> None:
        keep = self.gmina.currentText() or self.own_gmina
        self.gmina.clear()
        for name in sorted({f.gmina for f in self.figures.values()}, key=str.casefold):
            self.gmina.addItem(name)
        index = self.gmina.findText(keep)
        if index >= 0:
            self.gmina.setCurrentIndex(index)
        self._update()

    def _update(self) -> None:
        self.remove_button.setEnabled(bool(self.files.selectedItems()))
        self.build_button.setEnabled(self.files.count() > 0 and self.gmina.count() > 0)

    def _build(self) -> None:
        if self.files.count() and self.gmina.currentText():
            self.build_requested.emit(self.chosen_files(), self.gmina.currentText())
