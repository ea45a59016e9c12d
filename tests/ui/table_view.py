"""A table's headers as a clerk meets them: the column titles that do not fit their section (cut at
the bottom because the title needs more lines than the header is tall), and a click on a row's number."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QStyle, QTableView

#: the header draws its text inside this much space at the top and bottom (Fusion: 2 px each side)
VERTICAL_AIR = 4


def cut_titles(view: QTableView) -> list[str]:
    """Titles whose wrapped text is taller than the header shows (measured here, with the header's
    font, at each section's present width less the style's margins on both sides)."""
    header = view.horizontalHeader()
    metrics = header.fontMetrics()
    margins = 2 * header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    flags = int(Qt.AlignmentFlag.AlignCenter) | int(Qt.TextFlag.TextWordWrap.value)
    cut = []
    for col in range(header.count()):
        title = str(view.model().headerData(col, Qt.Orientation.Horizontal) or "")
        needed = metrics.boundingRect(QRect(0, 0, header.sectionSize(col) - margins, 100_000), flags, title)
        if needed.height() > header.height() - VERTICAL_AIR:
            cut.append(title)
    return cut


def header_lines(view: QTableView) -> int:
    """How many lines of text the header is tall enough for."""
    header = view.horizontalHeader()
    return (header.height() - VERTICAL_AIR) // header.fontMetrics().lineSpacing()


def click_row(qtbot, view: QTableView, row: int, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    """Click the row's number in the row header (with Ctrl: add the row to those picked)."""
    header = view.verticalHeader()
    pos = QPoint(header.width() // 2, header.sectionViewportPosition(row) + header.sectionSize(row) // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, modifier, pos)
