"""Editor of one non-financial cooperation entry (art. 5 ust. 2): year, form, subject, date,
organisations from the registry (check list with a filter) and partners typed by name."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QSpinBox, QWidget

from app.core.db.engine import Database
from app.core.domain.cooperation import CooperationForm, CooperationInput, CooperationRecord
from app.core.errors import FieldError
from app.core.i18n import _
from app.core.services import cooperation as service
from app.ui.widgets.form import CheckList, DateEdit, EnumCombo, RecordDialog, multiline, text_of


def _organisation_items(db: Database) -> list[tuple[str, str]]:
    from app.core.services.organisations import list_organisations

    return [(str(o.id), o.name) for o in list_organisations(db)]


class CooperationDialog(RecordDialog):
    def __init__(self, db: Database, record_id: int | None = None, parent: QWidget | None = None,
                 year: int | None = None) -> None:
        super().__init__(_("New non-financial cooperation entry") if record_id is None
                         else _("Non-financial cooperation"), parent)
        self.db = db
        self.record_id = record_id
        L = service.LABELS  # noqa: N806
        self.year = self.add_field("budget_year", _(L["budget_year"]), QSpinBox(), required=True)
        self.year.setRange(2000, 2100)
        self.year.setValue(year or dt.date.today().year)
        self.form_combo = self.add_field("form", _(L["form"]), EnumCombo(CooperationForm, empty_text=_("— choose —")),
                                         required=True)
        self.title_edit = self.add_field("title", _(L["title"]), QLineEdit(), required=True,
                                         hint=_("e.g. Consultation of the draft cooperation programme for 2026"))
        self.title_edit.setMinimumWidth(460)
        self.date = self.add_field("event_date", _(L["event_date"]), DateEdit(optional=True))
        self.org_filter = QLineEdit()
        self.org_filter.setPlaceholderText(_("Filter the organisations…"))
        self.org_filter.setAccessibleName(_("Filter the organisations"))
        self.org_filter.setClearButtonEnabled(True)
        self.form.addRow("", self.org_filter)
        self.organisations = self.add_field("organisation_ids", _(L["organisation_ids"]),
                                            CheckList(_organisation_items(db)))
        self.organisations.setMinimumHeight(160)
        self.org_filter.textChanged.connect(self._filter)
        # the checked ones may be far down a list of 40 names: say which they are
        self.chosen = QLabel()
        self.chosen.setWordWrap(True)
        self.chosen.setMinimumWidth(460)
        self.form.addRow("", self.chosen)
        self.organisations.changed.connect(self._show_chosen)
        self._show_chosen()
        self.others = self.add_field("other_organisations", _(L["other_organisations"]), multiline(3),
                                     hint=_("Partners outside the registry, one name a line."))
        self.description = self.add_field("description", _(L["description"]), multiline(3))
        self.notes = self.add_field("notes", _(L["notes"]), multiline(2))
        self.resize(720, 640)
        if record_id is not None:
            self.load(service.get_cooperation(db, record_id))

    def _show_chosen(self) -> None:
        names = [self.organisations.item(i).text() for i in range(self.organisations.count())
                 if self.organisations.item(i).checkState() == Qt.CheckState.Checked]
        self.chosen.setText(_("Chosen: {names}").format(names="; ".join(names)) if names
                            else _("No organisation from the registry chosen."))

    def _filter(self, text: str) -> None:
        needle = text.strip().casefold()
        for i in range(self.organisations.count()):
            item = self.organisations.item(i)
            item.setHidden(bool(needle) and needle not in item.text().casefold())

    def load(self, r: CooperationRecord) -> None:
        self.year.setValue(r.budget_year)
        self.form_combo.set_value(r.form)
        self.title_edit.setText(r.title)
        self.date.set_value(r.event_date)
        self.organisations.set_values(str(i) for i in r.organisation_ids)
        self.others.setPlainText("\n".join(r.other_organisations))
        self.description.setPlainText(r.description)
        self.notes.setPlainText(r.notes)
        self.setWindowTitle(r.title)

    def collect(self) -> CooperationInput:
        return CooperationInput(budget_year=self.year.value(), form=self.form_combo.value(),
                                title=self.title_edit.text(), description=text_of(self.description),
                                event_date=self.date.value(),
                                organisation_ids=tuple(int(v) for v in self.organisations.values()),
                                other_organisations=text_of(self.others), notes=text_of(self.notes))

    def validate(self, data: CooperationInput) -> list[FieldError]:
        return service.validate_cooperation(data)

    def save(self, data: CooperationInput) -> CooperationRecord:
        if self.record_id is None:
            return service.create_cooperation(self.db, data)
        return service.update_cooperation(self.db, self.record_id, data)
