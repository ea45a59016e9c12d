"""Problems that stop the app before it can start, told in words (never a silent exit).

A windowed executable has no console, so the message also goes to a message box when Qt can show
one; the CLI prints it to stderr. Polish by default (the language setting itself lives in the
data folder that could not be used).
"""

from __future__ import annotations

import sys

from app.core.i18n import _


def data_dir_problem() -> str | None:
    """A message when the user data folder cannot be created or written, else None."""
    import os

    from app.paths import DATA_DIR_ENV, user_data_dir

    try:
        folder = user_data_dir()
        probe = folder / ".write-test"
        probe.write_text("ok", encoding="utf-8")
        probe.unlink()
    except OSError as exc:
        where = getattr(exc, "filename", None) or os.environ.get(DATA_DIR_ENV, "")
        return _(
            "The data folder {path} cannot be used ({error}). Choose a writable folder with the "
            "WKUS_DATA_DIR environment variable or ask your administrator."
        ).format(path=where, error=exc.strerror or type(exc).__name__)
    return None


def report(message: str, gui: bool) -> int:
    """Tell the user (stderr and, for the desktop app or without a console, a message box); exit code 1."""
    if sys.stderr is not None:
        print(message, file=sys.stderr)
    if gui or sys.stderr is None:
        try:
            from PySide6.QtWidgets import QApplication, QMessageBox

            app = QApplication.instance() or QApplication(sys.argv[:1])  # noqa: F841 - needed for the box
            QMessageBox.critical(None, "WKUS Desktop", message)
        except Exception:  # noqa: BLE001 - no display either: stderr was all we could do
            pass
    return 1
