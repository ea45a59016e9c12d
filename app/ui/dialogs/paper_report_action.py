"""The menu entry Narzędzia → Wprowadź sprawozdanie z formularza… (Ctrl+Shift+R), apart from the
dialog: the main window builds its menus before its first paint, and the dialog's module (form
widgets, the paper reports service) is imported only when the clerk opens it."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QAction, QKeySequence

from app.core.i18n import _
from app.ui.read_only import mark_writing


def add_paper_report_action(window: Any) -> QAction:
    """Narzędzia → Wprowadź sprawozdanie z formularza… (Ctrl+Shift+R)."""
    action: QAction = window.tools_menu.addAction(_("Enter a report from a paper form…"))
    action.setShortcuts([QKeySequence("Ctrl+Shift+R")])  # see MainWindow._build_menus
    mark_writing(action)

    def open_dialog() -> None:
        from app.ui.dialogs.paper_report import PaperReportDialog

        dialog = PaperReportDialog(window.db, parent=window)
        dialog.exec()
        if dialog.saved_count:
            window.notify_data_changed()

    action.triggered.connect(open_dialog)
    return action
