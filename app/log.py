"""Logging to a rotating file in the user data folder (a windowed exe has no console)."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

_configured = False


class _DeferredRotatingFileHandler(logging.Handler):
    """A RotatingFileHandler opened on the first record, not at start.

    `logging.handlers` (socket, pickle, queue…) and the file cost a few ms before the main window's
    first paint, when usually nothing is logged yet; no record is lost: the first one opens the file.
    """

    def __init__(self, path: Path, max_bytes: int, backup_count: int) -> None:
        super().__init__()
        self.path = path
        self.max_bytes = max_bytes
        self.backup_count = backup_count
        self._target: logging.Handler | None = None
        self._failed = False

    def _open(self) -> logging.Handler | None:
        if self._target is None and not self._failed:
            import logging.handlers

            try:
                target = logging.handlers.RotatingFileHandler(
                    self.path, maxBytes=self.max_bytes, backupCount=self.backup_count, encoding="utf-8"
                )
            except OSError:  # as before: no file log when the folder cannot be written
                self._failed = True
                return None
            target.setFormatter(self.formatter)
            self._target = target
        return self._target

    def emit(self, record: logging.LogRecord) -> None:
        target = self._open()
        if target is not None:
            target.emit(record)

    def flush(self) -> None:
        if self._target is not None:
            self._target.flush()

    def close(self) -> None:
        if self._target is not None:
            self._target.close()
        super().close()


def setup_logging(verbose: bool = False) -> Path | None:
    """Send logs to `<data>/logs/wkus.log`; also to stderr when there is one and verbose is set."""
    global _configured
    if _configured:
        return None
    _configured = True
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    log_file: Path | None = None
    try:
        from app.paths import log_dir

        log_file = log_dir() / "wkus.log"
        handler = _DeferredRotatingFileHandler(log_file, max_bytes=2_000_000, backup_count=5)
        handler.setFormatter(fmt)
        root.addHandler(handler)
    except OSError:
        log_file = None
    if verbose and sys.stderr is not None:
        stream = logging.StreamHandler(sys.stderr)
        stream.setFormatter(fmt)
        root.addHandler(stream)
    return log_file
