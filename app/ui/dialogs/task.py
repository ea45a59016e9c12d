"""Editor of one public task: title, WKUS area, art. 4 spheres, MKUS type, current delivery mode."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.core.db.engine import Database
from app.core.domain.enums import DeliveryMode, MkusType, WkusArea
from app.core.domain.records import TaskInput, TaskRecord
from app.core.errors import FieldError
from app.core.i18n import _
from app.core.services import tasks as service
from app.ui.widgets.fields import FieldSpec, enum_choice
from app.ui.widgets.form import RecordDialog, sphere_items


class TaskDialog(RecordDialog):
    def __init__(self, db: Database, task_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(_("New public task") if task_id is None else _("Public task"), parent)
        self.db = db
        self.task_id = task_id
        L = service.LABELS  # noqa: N806
        self.title_edit = self.add_input(FieldSpec("title", _(L["title"]), required=True))
        self.title_edit.input.setMinimumWidth(460)
        self.area = self.add_input(
            FieldSpec(
                "area", _(L["area"]), "choice", required=True, empty_choice=_("— choose —"), **enum_choice(WkusArea)
            )
        )
        self.mkus_type = self.add_input(
            FieldSpec(
                "mkus_type", _(L["mkus_type"]), "choice", empty_choice=_("(not chosen yet)"), **enum_choice(MkusType)
            )
        )
        self.delivery_mode = self.add_input(
            FieldSpec("delivery_mode", _(L["delivery_mode"]), "choice", required=True, **enum_choice(DeliveryMode))
        )
        self.delivery_mode.set_value(DeliveryMode.NOT_DELIVERED)
        self.spheres = self.add_input(
            FieldSpec("spheres", _("Spheres (art. 4)"), "multi", options=sphere_items(), parse=tuple)
        )
        self.spheres.input.setMinimumHeight(150)
        self.description = self.add_input(FieldSpec("description", _("Description"), "textarea", lines=3))
        self.recipients = self.add_input(FieldSpec("recipients", _("Recipients")))
        self.notes = self.add_input(FieldSpec("notes", _("Notes"), "textarea", lines=2))
        self.resize(720, 560)
        if task_id is not None:
            self.load(service.get_task(db, task_id))

    def load(self, r: TaskRecord) -> None:
        for key in self.editors:
            self.editors[key].set_value(getattr(r, key))
        self.setWindowTitle(r.title)

    def collect(self) -> TaskInput:
        return TaskInput(**{key: editor.value() for key, editor in self.editors.items()})

    def validate(self, data: TaskInput) -> list[FieldError]:
        return service.validate_task(data)

    def save(self, data: TaskInput) -> TaskRecord:
        if self.task_id is None:
            return service.create_task(self.db, data)
        return service.update_task(self.db, self.task_id, data)
