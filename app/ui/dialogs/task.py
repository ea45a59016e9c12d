"""Editor of one public task: title, WKUS area, art. 4 spheres, MKUS type, current delivery mode."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget

from app.core.db.engine import Database
from app.core.domain.enums import DeliveryMode, MkusType, WkusArea
from app.core.domain.records import TaskInput, TaskRecord
from app.core.errors import FieldError
from app.core.i18n import _
from app.core.services import tasks as service
from app.ui.widgets.form import CheckList, EnumCombo, RecordDialog, multiline, sphere_items, text_of


class TaskDialog(RecordDialog):
    def __init__(self, db: Database, task_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(_("New public task") if task_id is None else _("Public task"), parent)
        self.db = db
        self.task_id = task_id
        L = service.LABELS  # noqa: N806
        self.title_edit = self.add_field("title", _(L["title"]), QLineEdit(), required=True)
        self.title_edit.setMinimumWidth(460)
        self.area = self.add_field("area", _(L["area"]), EnumCombo(WkusArea, empty_text=_("— choose —")),
                                   required=True)
        self.mkus_type = self.add_field("mkus_type", _(L["mkus_type"]),
                                        EnumCombo(MkusType, empty_text=_("(not chosen yet)")))
        self.delivery_mode = self.add_field("delivery_mode", _(L["delivery_mode"]), EnumCombo(DeliveryMode),
                                            required=True)
        self.delivery_mode.set_value(DeliveryMode.NOT_DELIVERED)
        self.spheres = self.add_field("spheres", _("Spheres (art. 4)"), CheckList(sphere_items()))
        self.spheres.setMinimumHeight(150)
        self.description = self.add_field("description", _("Description"), multiline(3))
        self.recipients = self.add_field("recipients", _("Recipients"), QLineEdit())
        self.notes = self.add_field("notes", _("Notes"), multiline(2))
        self.resize(720, 560)
        if task_id is not None:
            self.load(service.get_task(db, task_id))

    def load(self, r: TaskRecord) -> None:
        self.title_edit.setText(r.title)
        self.area.set_value(r.area)
        self.mkus_type.set_value(r.mkus_type)
        self.delivery_mode.set_value(r.delivery_mode)
        self.spheres.set_values(r.spheres)
        self.description.setPlainText(r.description)
        self.recipients.setText(r.recipients)
        self.notes.setPlainText(r.notes)
        self.setWindowTitle(r.title)

    def collect(self) -> TaskInput:
        return TaskInput(title=self.title_edit.text(), description=text_of(self.description),
                         area=self.area.value(), spheres=self.spheres.values(), mkus_type=self.mkus_type.value(),
                         delivery_mode=self.delivery_mode.value(), recipients=self.recipients.text(),
                         notes=text_of(self.notes))

    def validate(self, data: TaskInput) -> list[FieldError]:
        return service.validate_task(data)

    def save(self, data: TaskInput) -> TaskRecord:
        if self.task_id is None:
            return service.create_task(self.db, data)
        return service.update_task(self.db, self.task_id, data)
