"""Tab order helpers: Qt chains widgets in the order they were created, which in our dialogs puts
the Save/Cancel buttons (built first, laid out last) before the fields."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QTabBar, QWidget


def focus_chain(root: QWidget) -> list[QWidget]:
    """root's descendants in focus-chain order (what Tab walks through, hidden ones included)."""
    out: list[QWidget] = []
    seen: set[int] = set()
    widget = root.nextInFocusChain()
    while widget is not None and widget is not root and id(widget) not in seen:
        seen.add(id(widget))
        if root.isAncestorOf(widget):
            out.append(widget)
        widget = widget.nextInFocusChain()
    return out


def move_to_end(root: QWidget, widgets: Sequence[QWidget]) -> None:
    """Put `widgets` (in this order) after every other widget of root's focus chain."""
    moving = [w for w in widgets if w is not None]
    others = [w for w in focus_chain(root) if not any(m is w or m.isAncestorOf(w) for m in moving)]
    previous = others[-1] if others else None
    for widget in moving:
        if previous is not None:
            QWidget.setTabOrder(previous, widget)
        previous = widget


def focus_first_input(root: QWidget) -> None:
    """Give focus to the first visible field (not a button or a tab bar) if a button holds it."""
    current = root.focusWidget()
    if current is not None and not isinstance(current, (QAbstractButton, QTabBar)):
        return
    for widget in focus_chain(root):
        if (
            widget.isVisible()
            and widget.isEnabled()
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            and widget.focusProxy() is None
            and not isinstance(widget, (QAbstractButton, QTabBar))
        ):
            widget.setFocus(Qt.FocusReason.TabFocusReason)
            return
