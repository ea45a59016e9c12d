"""Acting on a window that another event loop (a modal `exec()`, `run_gui`) will show, without guessing
how long that takes: a fixed `QTimer.singleShot(50, act)` that fires before the window exists leaves the
loop running for ever on a loaded machine (the CI timeout of stop 22)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

W = TypeVar("W", bound=QWidget)

INTERVAL_MS = 20


def shown(kind: type[W], extra: Callable[[W], bool] = lambda _w: True) -> W | None:
    """The visible top-level window of `kind` (meeting `extra`), or None."""
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, kind) and widget.isVisible() and extra(widget):
            return widget
    return None


def when_shown(find: Callable[[], W | None], act: Callable[[W], None]) -> None:
    """Call `act(window)` as soon as `find()` returns it, polling from the running event loop."""

    def poll() -> None:
        window = find()
        if window is None:
            QTimer.singleShot(INTERVAL_MS, poll)
            return
        try:
            act(window)
        except BaseException:
            # a failed check must not leave a modal window running its loop for ever: close it, and
            # pytest-qt reports the exception raised in this callback
            reject = getattr(window, "reject", None)
            (reject if callable(reject) else window.close)()
            raise

    QTimer.singleShot(0, poll)
