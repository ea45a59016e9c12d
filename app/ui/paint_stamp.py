"""The wall-clock moment a window first paints: the one recipe of the start-up benchmarks.

The benchmark's probes (benchmarks/probes.py: the bare-Qt floor and the app's window) and the app's own
start (`WKUS_BENCH_FIRST_PAINT=1`, app/ui/launch.py) stamp the first paint here, so the frozen app, which
has no benchmarks package, is measured the same way as the source (benchmarks/runner.py, run_bundle).
Imports nothing of the app: the floor uses it too.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

#: Set to "1" by the benchmark: `wkus` / `python -m app` print {"first_paint": time.time()} at the main
#: window's first paint and exit before the database is opened.
FIRST_PAINT_ENV = "WKUS_BENCH_FIRST_PAINT"


class _Watcher(QObject):
    def __init__(self, window: QWidget, on_paint: Callable[[float], None]) -> None:
        super().__init__(window)
        self._on_paint = on_paint
        self.done = False

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if not self.done and event.type() == QEvent.Type.Paint:
            self.done = True
            stamp = time.time()  # as the paint begins; the callback runs once it is done
            QTimer.singleShot(0, lambda: self._on_paint(stamp))
        return False


def on_first_paint(window: QWidget, on_paint: Callable[[float], None]) -> QObject:
    """Call `on_paint(time.time() at the first paint event)` once, from the event loop after that paint."""
    watcher = _Watcher(window, on_paint)
    window.installEventFilter(watcher)
    return watcher
