"""Text colours of the tool screens that stay readable in the normal and the high-contrast palette.

Colours are chosen when a widget is built, from the application's palette: on a dark window (the
high-contrast theme is white on black) lighter tones keep the contrast the normal dark tones lose.
Meaning never rests on colour alone: bands also carry a sign (● ◐ ○) and their label.
"""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

_LIGHT = {
    "good": "#1b6e20",
    "fair": "#8a5a00",
    "poor": "#b00020",
    "info": "#444444",
    "error": "#b00020",
    "source": "#1f5f8b",
    "muted": "#555555",
}
_DARK = {
    "good": "#7dff7d",
    "fair": "#ffd24d",
    "poor": "#ff8a8a",
    "info": "#dddddd",
    "error": "#ff8a8a",
    "source": "#7fd8ff",
    "muted": "#cccccc",
}


def dark_palette() -> bool:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return False
    return app.palette().color(QPalette.ColorRole.Window).lightness() < 128


def colour(role: str) -> str:
    """role: good | fair | poor | info (band levels), error, source ("z bazy"), muted (hints)."""
    table = _DARK if dark_palette() else _LIGHT
    return table.get(role, table["info"])
