"""A read-only seat on the office server (issue 19): what writes is disabled, and its tooltip says why.

The server refuses a reader's writes anyway (app.core.db.roles); this module only spares the clerk
a form typed in vain. One recipe for every control that writes:

* a button whose enabled state is recomputed (a selection, a scope): ``set_writable(button, db, enabled)``
  instead of ``button.setEnabled(enabled)``;
* a menu action: ``mark_writing(action)`` when it is built; MainWindow.attach_database disables every
  marked action of a reader (``apply_to_actions``).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from app.core.i18n import N_, _

READ_ONLY_TIP = N_("Read only: this login may only read data")

#: QObject property: the control's own tooltip, put back when the seat may write
_OWN_TIP = "wkusOwnToolTip"
_OWN_STATUS = "wkusOwnStatusTip"
#: QObject property on actions that write to the database
_WRITES = "wkusWrites"


def reads_only(db: Any) -> bool:
    """True for a seat the server lets only read (Database.read_only, asked of the server at opening)."""
    return db is not None and bool(getattr(db, "read_only", False))


def set_writable(control: QWidget | QAction, db: Any, enabled: bool = True) -> None:
    """Enable `control` when `enabled` and the seat may write; a reader's control is disabled and its
    tooltip (and status tip, shown for menu entries) says why."""
    if control.property(_OWN_TIP) is None:
        # an action's tooltip defaults to its text: "" gives that default back
        own = control.toolTip() if isinstance(control, QWidget) or control.toolTip() != control.text() else ""
        control.setProperty(_OWN_TIP, own)
        control.setProperty(_OWN_STATUS, control.statusTip())
    if reads_only(db):
        control.setEnabled(False)
        control.setToolTip(_(READ_ONLY_TIP))
        control.setStatusTip(_(READ_ONLY_TIP))
    else:
        control.setEnabled(enabled)
        control.setToolTip(str(control.property(_OWN_TIP)))
        control.setStatusTip(str(control.property(_OWN_STATUS) or ""))


def mark_writing(action: QAction) -> QAction:
    """Mark a menu action that writes to the database (see apply_to_actions)."""
    action.setProperty(_WRITES, True)
    return action


def writing_actions(root: QObject) -> list[QAction]:
    return [a for a in root.findChildren(QAction) if a.property(_WRITES)]


def apply_to_actions(root: QObject, db: Any) -> None:
    """Disable (or enable again) every marked action under `root` for the seat of `db`."""
    for action in writing_actions(root):
        set_writable(action, db)
