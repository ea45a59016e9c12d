"""Loading a panel's data off the GUI thread; only the answer to the latest request is shown.

On a large gmina the use matrix, a contract's history and the index tables take seconds; the window
must stay responsive, and a slow answer to an old request (another year, another contract) must not
overwrite the newer one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication

from app.ui.workers import Job, run_in_background


class Loader(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._generation = 0
        self._running: set[Job] = set()  # referenced until their callback ran (the pool must not lose them)

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def run(self, fn: Callable[[], Any], on_done: Callable[[Any], None], on_failed: Callable[[str], None]) -> None:
        self._generation += 1
        generation = self._generation
        holder: dict[str, Job] = {}

        def current() -> bool:
            self._running.discard(holder["job"])
            # the panel may have been closed (database reopened) while the worker ran
            return generation == self._generation and shiboken6.isValid(self)

        def done(result: Any) -> None:
            if current():
                on_done(result)

        def failed(message: str) -> None:
            if current():
                on_failed(message)

        job = run_in_background(fn, done, failed)
        holder["job"] = job
        self._running.add(job)


@contextmanager
def busy_cursor() -> Iterator[None]:
    """A wait cursor for the short synchronous calls (opening a form, calculating, saving)."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()
