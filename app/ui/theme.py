"""Palettes: the system look by default, or a high-contrast palette (settings: high_contrast).

Call `apply_palette(app, settings.high_contrast)` once after the QApplication exists (and again when
the setting changes); both looks draw a visible focus frame (keyboard users must see where they are). Fonts are never set here: Qt already follows the system font size and the
display scaling (100/125/150%, Qt 6 rounds nothing), and fixed pixel sizes elsewhere would defeat
that (tests/ui/test_accessibility.py forbids them in app/ui).
"""

from __future__ import annotations

from typing import TypedDict

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

#: Colours of the high-contrast palette: white on black, yellow selection and focus (as Windows'
#: "High Contrast Black"), each pair above the WCAG AAA ratio of 7:1.
HIGH_CONTRAST = {
    "window": "#000000",
    "text": "#ffffff",
    "base": "#000000",
    "alternate": "#1a1a1a",
    "button": "#000000",
    "highlight": "#ffff00",
    "highlighted_text": "#000000",
    "link": "#00ffff",
    "link_visited": "#ff80ff",
    "disabled": "#a0a0a0",
    "focus": "#ffff00",
}

#: A focus frame thick enough to see from a metre away; only in high contrast, so the normal look
#: stays native. Item views keep Qt's own focus rectangle.
_FOCUS_STYLE = """
QLineEdit:focus, QComboBox:focus, QAbstractSpinBox:focus, QTextEdit:focus, QPlainTextEdit:focus,
QPushButton:focus, QToolButton:focus, QCheckBox:focus, QRadioButton:focus, QAbstractItemView:focus {{
    border: 2px solid {focus};
}}
QPushButton, QToolButton {{ border: 1px solid {text}; padding: 3px 8px; }}
QDialog, QMessageBox {{ border: 2px solid {text}; }}
QCheckBox::indicator, QAbstractItemView::indicator, QGroupBox::indicator {{
    width: 1em; height: 1em; border: 2px solid {text}; background: {base};
}}
QCheckBox::indicator:checked, QAbstractItemView::indicator:checked, QGroupBox::indicator:checked {{
    background: {highlight}; border: 2px solid {text};
}}
QCheckBox::indicator:disabled, QAbstractItemView::indicator:disabled {{ border: 2px solid {disabled}; }}
"""

#: The normal look's focus frame: the system's own highlight colour (palette(highlight) follows the
#: Windows accent colour), 2 px so it is seen on an old office monitor. Only focused widgets are
#: restyled, so everything else keeps the native look.
NORMAL_FOCUS_STYLE = """
QLineEdit:focus, QAbstractSpinBox:focus, QTextEdit:focus, QPlainTextEdit:focus, QComboBox:focus,
QAbstractItemView:focus {
    border: 2px solid palette(highlight);
    border-radius: 2px;
}
QPushButton:focus, QToolButton:focus {
    border: 2px solid palette(highlight);
    border-radius: 3px;
    padding: 0px 4px;
}
"""


class _Original(TypedDict, total=False):
    """The application's own look, taken before the first switch so it can be put back."""

    style: str
    palette: QPalette
    sheet: str


_ORIGINAL: _Original = {}


def high_contrast_palette() -> QPalette:
    c = {key: QColor(value) for key, value in HIGH_CONTRAST.items()}
    pal = QPalette()
    roles = {
        QPalette.ColorRole.Window: c["window"],
        QPalette.ColorRole.WindowText: c["text"],
        QPalette.ColorRole.Base: c["base"],
        QPalette.ColorRole.AlternateBase: c["alternate"],
        QPalette.ColorRole.ToolTipBase: c["window"],
        QPalette.ColorRole.ToolTipText: c["text"],
        QPalette.ColorRole.PlaceholderText: c["disabled"],
        QPalette.ColorRole.Text: c["text"],
        QPalette.ColorRole.Button: c["button"],
        QPalette.ColorRole.ButtonText: c["text"],
        QPalette.ColorRole.BrightText: c["highlight"],
        QPalette.ColorRole.Highlight: c["highlight"],
        QPalette.ColorRole.HighlightedText: c["highlighted_text"],
        QPalette.ColorRole.Link: c["link"],
        QPalette.ColorRole.LinkVisited: c["link_visited"],
        QPalette.ColorRole.Light: c["text"],
        QPalette.ColorRole.Midlight: c["disabled"],
        QPalette.ColorRole.Mid: c["disabled"],
        QPalette.ColorRole.Dark: c["disabled"],
        QPalette.ColorRole.Shadow: c["text"],
    }
    for role, colour in roles.items():
        pal.setColor(QPalette.ColorGroup.All, role, colour)
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, role, c["disabled"])
    return pal


def apply_palette(app: QApplication, high_contrast: bool) -> None:
    """Switch between the system palette/style and the high-contrast one (reversible)."""
    if not _ORIGINAL:
        # With a style sheet set, style() is Qt's style-sheet wrapper whose name is "".
        _ORIGINAL["style"] = app.style().name()
        # palette() returns a copy already; QPalette(…)'s overloads would build PySide6's whole `Qt`
        # namespace before the first paint (issue 18)
        _ORIGINAL["palette"] = app.palette()
        _ORIGINAL["sheet"] = app.styleSheet()
    # Qt crashes when the style is replaced under an active style sheet while a QWizard holds a
    # QScrollArea (the Kreator): the sheet goes first, the style is replaced only when it differs.
    app.setStyleSheet("")  # also lets style().name() say the real style, not the sheet's wrapper ("")
    target = "Fusion" if high_contrast else str(_ORIGINAL["style"] or "")
    if target and target.lower() != app.style().name().lower():
        app.setStyle(target)
    if high_contrast:
        # Fusion draws every control from the palette; native Windows 11 styles ignore parts of it.
        app.setPalette(high_contrast_palette())
        app.setStyleSheet(str(_ORIGINAL["sheet"]) + _FOCUS_STYLE.format(**HIGH_CONTRAST))
    else:
        app.setPalette(_ORIGINAL["palette"])
        app.setStyleSheet(str(_ORIGINAL["sheet"]) + NORMAL_FOCUS_STYLE)
    app.setProperty("wkus_high_contrast", high_contrast)


def high_contrast_on() -> bool:
    app = QApplication.instance()
    return bool(app is not None and app.property("wkus_high_contrast"))


def readable(colour: QColor) -> QColor:
    """A status colour (overdue red, amber, grey) as drawn on the current background: unchanged in
    the normal look; in high contrast lightened, same hue, until it reaches 7:1 on black (dark red
    on black could not be read)."""
    if not high_contrast_on() or not colour.isValid():
        return colour
    background = HIGH_CONTRAST["base"]
    # the values getHsl() gives (its stub returns `object`)
    hue, saturation, lightness = colour.hslHue(), colour.hslSaturation(), colour.lightness()
    out = QColor(colour)
    while contrast_ratio(out.name(), background) < 7.0 and lightness < 255:
        lightness = min(255, lightness + 8)
        out = QColor.fromHsl(max(hue, 0), saturation, lightness)
    return out


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio of two #rrggbb colours (1 to 21)."""

    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)
