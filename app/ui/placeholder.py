"""The page standing in for a view that failed to open (its module is missing or broken: a bug)."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.core.i18n import _


def _title(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("viewTitle")
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 1.5)
    font.setBold(True)
    label.setFont(font)
    return label


class ErrorPage(QWidget):
    """A view that could not be opened (its error is in the log); the rest of the window works."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = _title(title)
        self.message = QLabel(
            _(
                "This part of the program could not be opened because of an unexpected error. "
                "The details are in the log (Help → Log folder). The other parts work."
            )
        )
        self.message.setWordWrap(True)
        from PySide6.QtCore import Qt  # imported with the main window: Qt's enums only when needed

        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(self.title)
        layout.addSpacing(8)
        layout.addWidget(self.message)
        layout.addStretch(1)
