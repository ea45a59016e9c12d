"""Personal data of a contact person, a working-group member or a controller (RODO): find, export (art. 15),
erase with confirmation (art. 17)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.db.engine import Database
from app.core.errors import UserFacingError
from app.core.i18n import N_, _, ngettext
from app.core.personal_data import (
    CONTROL,
    WORKING_GROUP,
    PersonOccurrence,
    erase_person,
    export_person,
    find_person,
)
from app.ui.widgets.table_model import Column, RowTableModel, read_only_view

COLUMNS: list[Column[PersonOccurrence]] = [
    Column(N_("Where found"), lambda o: o.organisation_name),
    Column(N_("Person"), lambda o: o.contact_person),
    Column(N_("E-mail"), lambda o: o.contact_email),
    Column(N_("Phone"), lambda o: o.contact_phone),
]


class PersonalDataDialog(QDialog):
    #: emitted after an erasure, so the main window refreshes its views
    data_changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.found: list[PersonOccurrence] = []
        self.setWindowTitle(_("Personal data (GDPR)"))
        intro = QLabel(
            _(
                "Find a contact person, a member of a working group or a controller named on a control "
                "by name or e-mail to export everything stored about them (GDPR art. 15) or to erase "
                "their data (art. 17)."
            )
        )
        intro.setWordWrap(True)
        self.query = QLineEdit()
        self.query.setPlaceholderText(_("Name or e-mail (at least 3 characters)"))
        self.query.setAccessibleName(_("Name or e-mail of the contact person"))
        self.query.returnPressed.connect(self.search)
        self.find_button = QPushButton(_("Find"))
        self.find_button.clicked.connect(self.search)
        self.message = QLabel()
        self.message.setWordWrap(True)
        # every occurrence is ticked; the clerk unticks one that is a different person with the same name
        self.model: RowTableModel[PersonOccurrence] = RowTableModel(COLUMNS, self, checkable=True)
        self.table = read_only_view(self.model, _("Found personal data"), select_rows=False)
        # the place (organisation, programme or contract with the control's day) is the longest text
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = buttons.addButton(_("Export data\u2026"), QDialogButtonBox.ButtonRole.ActionRole)
        self.erase_button = buttons.addButton(_("Erase data\u2026"), QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.clicked.connect(lambda: self.export())
        self.erase_button.clicked.connect(self.erase)
        buttons.rejected.connect(self.reject)
        search_row = QHBoxLayout()
        search_row.addWidget(self.query, 1)
        search_row.addWidget(self.find_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(search_row)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(760, 440)
        self._show([])

    def _show(self, found: list[PersonOccurrence]) -> None:
        self.found = found
        self.model.set_rows(found)
        self.export_button.setEnabled(bool(found))
        self.erase_button.setEnabled(bool(found))

    def search(self) -> None:
        try:
            found = find_person(self.db, self.query.text())
        except UserFacingError as exc:
            self.message.setText(exc.message)
            self._show([])
            return
        self.message.setText(
            ngettext(
                "Found in {count} place. Untick any that is a different person.",
                "Found in {count} places. Untick any that is a different person.",
                len(found),
            ).format(count=len(found))
            if found
            else _("No contact person matches \u201c{query}\u201d.").format(query=self.query.text().strip())
        )
        self._show(found)

    def _checked(self) -> list[PersonOccurrence]:
        return self.model.checked_rows()

    def checked_ids(self) -> list[int]:
        """The organisations ticked."""
        return [o.organisation_id for o in self._checked() if o.kind not in (WORKING_GROUP, CONTROL)]

    def checked_member_ids(self) -> list[int]:
        """The working-group members ticked."""
        return [o.organisation_id for o in self._checked() if o.kind == WORKING_GROUP]

    def checked_control_ids(self) -> list[int]:
        """The controls ticked (their controllers' lists)."""
        return [o.organisation_id for o in self._checked() if o.kind == CONTROL]

    def export(self, path: str | None = None) -> Path | None:
        if not self.found:
            return None
        if not path:
            path, _filter = QFileDialog.getSaveFileName(
                self, _("Export personal data"), "dane-osobowe.json", _("JSON (*.json)")
            )
        if not path:
            return None
        try:
            data = export_person(self.db, self.query.text())
            Path(path).write_text(data.to_json(), encoding="utf-8")
        except (UserFacingError, OSError) as exc:
            QMessageBox.warning(self, self.windowTitle(), getattr(exc, "message", str(exc)))
            return None
        self.message.setText(_("Saved {path}").format(path=path))
        return Path(path)

    def confirm_erase(self, count: int) -> bool:
        answer = QMessageBox.question(
            self,
            _("Erase personal data"),
            ngettext(
                "Erase the data of \u201c{query}\u201d in {count} place? This cannot be undone "
                "in the program; the change log records that the data were erased.",
                "Erase the data of \u201c{query}\u201d in {count} places? This cannot be "
                "undone in the program; the change log records that the data were erased.",
                count,
            ).format(query=self.query.text().strip(), count=count),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def erase(self) -> None:
        ids, member_ids, control_ids = self.checked_ids(), self.checked_member_ids(), self.checked_control_ids()
        if not (ids or member_ids or control_ids) or not self.confirm_erase(
            len(ids) + len(member_ids) + len(control_ids)
        ):
            return
        try:
            result = erase_person(self.db, self.query.text(), ids, member_ids, control_ids)
        except UserFacingError as exc:
            QMessageBox.warning(self, self.windowTitle(), exc.message)
            return
        parts = []
        if result.organisations:
            parts.append(
                ngettext(
                    "Contact data erased in {count} organisation.",
                    "Contact data erased in {count} organisations.",
                    result.organisations,
                ).format(count=result.organisations)
            )
        if result.members:
            parts.append(
                ngettext(
                    "Name erased in {count} working group.", "Name erased in {count} working groups.", result.members
                ).format(count=result.members)
            )
        if result.controls:
            parts.append(
                ngettext(
                    "Name erased among the controllers of {count} control.",
                    "Name erased among the controllers of {count} controls.",
                    result.controls,
                ).format(count=result.controls)
            )
        text = " ".join(parts)
        if result.remaining_log_mentions:
            text += " " + _(
                "Older entries of the change log still mention the person ({count}); the log cannot be "
                "changed without breaking its verification."
            ).format(count=result.remaining_log_mentions)
        self._show([])
        self.message.setText(text)
        self.data_changed.emit()
