""" "Organizacje": the register of NGOs and other entities the gmina cooperates with."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QCheckBox, QDialog, QPushButton, QWidget

from app.core.db.engine import Database
from app.core.domain.enums import RegistryType
from app.core.domain.records import OrganisationRow
from app.core.i18n import N_, _, ngettext
from app.core.identifiers import format_nip
from app.core.services import organisations as service
from app.ui.widgets.list_view import RecordListView
from app.ui.widgets.table_model import Column, ColumnKind

_INACTIVE = QColor("#7a7a7a")


def _register(row: OrganisationRow) -> str:
    if not row.registry_number:
        return ""
    if row.registry_type is RegistryType.KRS:
        return _("KRS {number}").format(number=row.registry_number)
    return row.registry_number


def _grey(row: OrganisationRow) -> QColor | None:
    return None if row.active else _INACTIVE


class OrganisationsView(RecordListView):
    entity = "organisation"
    title_msgid = N_("Organisations")
    max_column_width = 150  # eight columns must fit beside the navigation at 1366 px
    empty_msgid = N_(
        "No organisations yet. Click “Add…” to enter the first one, or import them from a spreadsheet (File menu)."
    )

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(db, parent)
        self.show_inactive = QCheckBox(_("Show inactive"))
        self.show_inactive.setObjectName("showInactive")
        self.show_inactive.setChecked(True)
        self.show_inactive.toggled.connect(self._filter_inactive)
        self.contracts_button = QPushButton(_("Contracts of this organisation"))
        self.contracts_button.setObjectName("contractsButton")
        self.contracts_button.setToolTip(_("Show the Contracts register filtered to the selected organisation"))
        self.contracts_button.clicked.connect(self.show_contracts)
        self.toolbar.insertWidget(3, self.contracts_button)
        self.toolbar.insertWidget(4, self.show_inactive)
        self._update_buttons()

    def columns(self) -> Sequence[Column[OrganisationRow]]:
        return [
            Column(N_("Name"), lambda r: r.name, foreground=_grey),
            Column(N_("Legal form"), lambda r: r.legal_form, foreground=_grey),
            Column(N_("Register"), _register, foreground=_grey),
            Column(N_("NIP"), lambda r: format_nip(r.nip) if r.nip else "", foreground=_grey),
            Column(N_("City"), lambda r: r.city, foreground=_grey),
            Column(
                N_("WKUS areas"),
                lambda r: r.areas,
                foreground=_grey,
                tooltip=lambda r: "\n".join(a.label for a in r.areas),
            ),
            Column(N_("OPP"), lambda r: r.opp_status, kind=ColumnKind.BOOL, foreground=_grey),
            Column(N_("Contracts"), lambda r: r.contracts_count, kind=ColumnKind.NUMBER, foreground=_grey),
        ]

    def load_rows(self) -> list[OrganisationRow]:
        return service.list_organisations(self.db)

    def count_text(self, count: int) -> str:
        return ngettext("{count} organisation", "{count} organisations", count).format(count=count)

    def make_dialog(self, record_id: int | None) -> QDialog:
        from app.ui.dialogs.organisation import OrganisationDialog

        return OrganisationDialog(self.db, record_id, self)

    def delete_record(self, record_id: int) -> None:
        service.delete_organisation(self.db, record_id)

    def describe(self, row: Any) -> str:
        return str(row.name)

    def show_contracts(self) -> None:
        record_id = self.selected_id()
        if record_id is not None:
            self.link_requested.emit("organisation_contracts", record_id)

    def _update_buttons(self) -> None:
        super()._update_buttons()
        if hasattr(self, "contracts_button"):  # the base class calls this before __init__ ends
            self.contracts_button.setEnabled(self.selected_row() is not None)

    def _filter_inactive(self, show: bool) -> None:
        self.proxy.set_row_filter(None if show else (lambda r: r.active))
        self._update_state()
