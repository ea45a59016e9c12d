"""Editor of one non-financial cooperation entry (art. 5 ust. 2): year, form, subject, date,
organisations from the registry (check list with a filter) and partners typed by name."""

from __future__ import annotations

import datetime as dt
from typing import cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from app.core.db.engine import Database
from app.core.domain.cooperation import CooperationForm, CooperationInput, CooperationRecord
from app.core.errors import FieldError
from app.core.i18n import _
from app.core.services import cooperation as service
from app.ui.widgets.fields import FieldSpec, MultiEditor, enum_choice
from app.ui.widgets.form import CheckList, RecordDialog


def _organisation_items(db: Database) -> list[tuple[str, str]]:
    from app.core.services.organisations import list_organisations

    return [(str(o.id), o.name) for o in list_organisations(db)]


class CooperationDialog(RecordDialog):
    def __init__(
        self, db: Database, record_id: int | None = None, parent: QWidget | None = None, year: int | None = None
    ) -> None:
        super().__init__(
            _("New non-financial cooperation entry") if record_id is None else _("Non-financial cooperation"), parent
        )
        self.db = db
        self.record_id = record_id
        L = service.LABELS  # noqa: N806
        self.year = self.add_input(
            FieldSpec(
                "budget_year",
                _(L["budget_year"]),
                "spin",
                required=True,
                minimum=2000,
                maximum=2100,
                digit_groups=False,
            )
        )
        self.year.set_value(year or dt.date.today().year)
        self.form_combo = self.add_input(
            FieldSpec(
                "form",
                _(L["form"]),
                "choice",
                required=True,
                empty_choice=_("— choose —"),
                **enum_choice(CooperationForm),
            )
        )
        self.title_edit = self.add_input(
            FieldSpec(
                "title",
                _(L["title"]),
                required=True,
                help=_("e.g. Consultation of the draft cooperation programme for 2026"),
            )
        )
        self.title_edit.input.setMinimumWidth(460)
        self.date = self.add_input(FieldSpec("event_date", _(L["event_date"]), "date"))
        self.org_filter = QLineEdit()
        self.org_filter.setPlaceholderText(_("Filter the organisations…"))
        self.org_filter.setAccessibleName(_("Filter the organisations"))
        self.org_filter.setClearButtonEnabled(True)
        self.form.addRow("", self.org_filter)
        self.organisations = self.add_input(
            FieldSpec(
                "organisation_ids",
                _(L["organisation_ids"]),
                "multi",
                options=_organisation_items(db),
                parse=lambda codes: tuple(int(v) for v in codes),
            )
        )
        self.org_list: CheckList[str] = cast(MultiEditor, self.organisations).list
        self.org_list.setMinimumHeight(160)
        self.org_filter.textChanged.connect(self._filter)
        # the checked ones may be far down a list of 40 names: say which they are
        self.chosen = QLabel()
        self.chosen.setWordWrap(True)
        self.chosen.setMinimumWidth(460)
        self.form.addRow("", self.chosen)
        self.org_list.changed.connect(self._show_chosen)
        self._show_chosen()
        self.others = self.add_input(
            FieldSpec(
                "other_organisations",
                _(L["other_organisations"]),
                "textarea",
                help=_("Partners outside the registry, one name a line."),
            )
        )
        self.description = self.add_input(FieldSpec("description", _(L["description"]), "textarea"))
        self.notes = self.add_input(FieldSpec("notes", _(L["notes"]), "textarea", lines=2))
        self.resize(720, 640)
        if record_id is not None:
            self.load(service.get_cooperation(db, record_id))

    def _show_chosen(self) -> None:
        names = [
            self.org_list.item(i).text()
            for i in range(self.org_list.count())
            if self.org_list.item(i).checkState() == Qt.CheckState.Checked
        ]
        self.chosen.setText(
            _("Chosen: {names}").format(names="; ".join(names))
            if names
            else _("No organisation from the registry chosen.")
        )

    def _filter(self, text: str) -> None:
        needle = text.strip().casefold()
        for i in range(self.org_list.count()):
            item = self.org_list.item(i)
            item.setHidden(bool(needle) and needle not in item.text().casefold())

    def load(self, r: CooperationRecord) -> None:
        for key, editor in self.editors.items():
            value = getattr(r, key)
            editor.set_value("\n".join(value) if key == "other_organisations" else value)
        self.setWindowTitle(r.title)

    def collect(self) -> CooperationInput:
        return CooperationInput(**{key: editor.value() for key, editor in self.editors.items()})

    def validate(self, data: CooperationInput) -> list[FieldError]:
        return service.validate_cooperation(data)

    def save(self, data: CooperationInput) -> CooperationRecord:
        if self.record_id is None:
            return service.create_cooperation(self.db, data)
        return service.update_cooperation(self.db, self.record_id, data)
