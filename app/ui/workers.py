"""Running slow core calls off the GUI thread (the window must never freeze): the one recipe for
background work in the UI.

`run_in_background(fn, on_done, on_failed)` runs `fn()` in Qt's global thread pool and delivers
the result or a message to the GUI thread through queued signals. The database engine uses a
NullPool, so the worker's session opens its own SQLite connection in its own thread.

The clerk never sees an exception's own text: a `UserFacingError` carries a translated message,
anything else is logged with its traceback and reported with `failure` (a translated sentence
naming what failed) or a general one. With `owner`, the callbacks are skipped once that widget is
gone (window closed, views rebuilt after a restore).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from app.core.errors import UserFacingError
from app.core.i18n import _

log = logging.getLogger(__name__)


def unexpected_error_message() -> str:
    return _("The operation failed because of an unexpected error. Details are in the log.")


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(str)


class _Relay(QObject):
    """Lives in the GUI thread, so signals from the worker reach the callbacks queued, in that thread."""

    def __init__(
        self, on_done: Callable[[Any], None], on_failed: Callable[[str], None], owner: QObject | None = None
    ) -> None:
        super().__init__()
        self._on_done = on_done
        self._on_failed = on_failed
        self._owner = owner

    def _owner_gone(self) -> bool:
        return self._owner is not None and not shiboken6.isValid(self._owner)

    @Slot(object)
    def done(self, result: object) -> None:
        if not self._owner_gone():
            self._on_done(result)

    @Slot(str)
    def failed(self, message: str) -> None:
        if not self._owner_gone():
            self._on_failed(message)


class Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], failure: str | None = None, what: str = "background job") -> None:
        super().__init__()
        self.fn = fn
        self.failure = failure
        self.what = what
        self.signals = _Signals()
        self.relay: _Relay | None = None
        # the caller keeps the Job (and so its signals) alive until a result arrives
        self.setAutoDelete(False)

    def run(self) -> None:
        try:
            result = self.fn()
        except UserFacingError as exc:
            self._emit(self.signals.failed, exc.message)
        except Exception:  # a worker must never die silently; the log keeps the traceback
            log.exception("%s failed", self.what)
            self._emit(self.signals.failed, self.failure or unexpected_error_message())
        else:
            self._emit(self.signals.done, result)

    def _emit(self, signal: Any, value: object) -> None:
        # the view that started the job may be gone (window closed, views rebuilt after a restore):
        # nobody waits for the result then, and Qt's "Signal source has been deleted" must not reach stderr
        try:
            signal.emit(value)
        except RuntimeError:
            log.debug("background job finished after its receiver was deleted")


def run_in_background(
    fn: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_failed: Callable[[str], None],
    *,
    owner: QObject | None = None,
    failure: str | None = None,
    what: str = "background job",
) -> Job:
    """Start `fn` in the thread pool; keep the returned Job referenced until a callback ran.

    `failure`: the translated message for an unexpected error (its details go to the log, under `what`);
    `owner`: the widget whose methods the callbacks call (they are skipped once it is deleted)."""
    job = Job(fn, failure, what)
    job.relay = relay = _Relay(on_done, on_failed, owner)
    job.signals.done.connect(relay.done)
    job.signals.failed.connect(relay.failed)
    QThreadPool.globalInstance().start(job)
    return job
