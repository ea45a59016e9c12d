"""One question before typed data would be lost: "Zapisz / Odrzuć / Anuluj" (issue 15, item 9).

Every place the clerk can leave unsaved input asks through `confirm_leave`: the record dialogs
(Esc, Cancel, the window's close button), a tool page (another tool, record or year chosen). Tests
replace `ask_unsaved` (tests/ui/conftest.py answers "discard" unless a test says otherwise).
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

from PySide6.QtWidgets import QMessageBox, QWidget

from app.core.i18n import _


class Leave(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def ask_unsaved(parent: QWidget | None, message: str) -> Leave:
    """Ask what to do with unsaved input; Esc or closing the question box is "cancel" (stay)."""
    box = QMessageBox(QMessageBox.Icon.Question, _("Unsaved data"), message, parent=parent)
    save = box.addButton(_("Save"), QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton(_("Discard"), QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(save)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    if clicked is save:
        return Leave.SAVE
    if clicked is discard:
        return Leave.DISCARD
    return Leave.CANCEL


def confirm_leave(parent: QWidget | None, message: str, dirty: bool, save: Callable[[], bool]) -> bool:
    """True when the clerk may leave: nothing unsaved, saved now, or discarded on purpose."""
    if not dirty:
        return True
    answer = ask_unsaved(parent, message)  # a module global, looked up now: a test can answer for the clerk
    if answer is Leave.SAVE:
        return bool(save())
    return answer is Leave.DISCARD
