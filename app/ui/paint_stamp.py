"""The wall-clock moment a window first paints: the one recipe of the start-up benchmarks.

The benchmark's probes (benchmarks/probes.py: the bare-Qt floor and the app's window) and the app's own
start (launch.FIRST_PAINT_ENV) stamp the first paint here, so the frozen app, which
has no benchmarks package, is measured the same way as the source (benchmarks/runner.py, run_bundle).
Imports nothing of the app: the floor uses it too. The app imports it only for the benchmark: QEvent's
first import builds its enum type (~8 ms), which the normal start does not pay before its first paint.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


def on_first_paint(window: QWidget, on_paint: Callable[[float], None]) -> QObject:
    """Call `on_paint(time.time() at the first paint event)` once, from the event loop after that paint."""

    class Watcher(QObject):
        done = False

        def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
            if not self.done and event.type() == QEvent.Type.Paint:
                self.done = True
                stamp = time.time()  # as the paint begins; the callback runs once it is done
                QTimer.singleShot(0, lambda: on_paint(stamp))
            return False

    watcher = Watcher(window)
    window.installEventFilter(watcher)
    return watcher
