"""First start with an empty database: offer the demo gmina or an empty start.

The demo is built in a worker thread (a few seconds on an office PC) behind a busy indicator, so
the window keeps painting; the dialog cannot be closed half-way (the load is one transaction).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.db.engine import Database
from app.core.demo import DemoSummary
from app.core.i18n import _, format_money, ngettext
from app.ui.read_only import reads_only
from app.ui.workers import Job, run_in_background

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow

log = logging.getLogger(__name__)


class DemoOfferDialog(QDialog):
    """Accepted after the demo was loaded; rejected for "start empty"."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.summary: DemoSummary | None = None
        self.error: str | None = None
        self._job: Job | None = None
        self.setWindowTitle(_("Welcome to WKUS Desktop"))
        self.setModal(True)
        title = QLabel(_("The database is empty"))
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)
        text = QLabel(
            _(
                "You can load a demo gmina to see how the program works: a fictional rural gmina with about 40 "
                "organisations, 25 contracts in the years 2021–2027, reports and deadlines. Its name is marked "
                "DEMO. Or start with an empty database and enter your gmina's profile and registers."
            )
        )
        text.setWordWrap(True)
        text.setMinimumWidth(460)
        self.demo_button = QPushButton(_("Load the demo gmina"))
        self.demo_button.setDefault(True)
        self.demo_button.clicked.connect(self.load_demo)
        self.empty_button = QPushButton(_("Start with an empty database"))
        self.empty_button.clicked.connect(self.reject)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # indeterminate: the load has no meaningful percentage
        self.busy.setTextVisible(False)
        self.busy.setVisible(False)
        self.busy_label = QLabel(_("Loading the demo gmina…"))
        self.busy_label.setVisible(False)
        for widget in (self.busy, self.busy_label):  # their space is kept, so the text above never shrinks
            policy = widget.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            widget.setSizePolicy(policy)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.empty_button)
        buttons.addWidget(self.demo_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(text)
        layout.addSpacing(6)
        layout.addWidget(self.busy_label)
        layout.addWidget(self.busy)
        layout.addStretch(1)
        layout.addLayout(buttons)

    @property
    def loading(self) -> bool:
        return self._job is not None

    def load_demo(self) -> None:
        if self.loading:
            return
        from app.core.demo import load_demo

        self.demo_button.setEnabled(False)
        self.empty_button.setEnabled(False)
        self.busy.setVisible(True)
        self.busy_label.setVisible(True)
        db = self.db
        self._job = run_in_background(lambda: load_demo(db), self._loaded, self._failed)

    def _loaded(self, summary: DemoSummary) -> None:
        self._job = None
        self.summary = summary
        log.info("demo gmina loaded: %s", summary)
        self.accept()

    def _failed(self, message: str) -> None:
        self._job = None
        self.error = message
        self.busy.setVisible(False)
        self.busy_label.setVisible(False)
        self.demo_button.setEnabled(True)
        self.empty_button.setEnabled(True)
        QMessageBox.warning(self, _("Demo gmina"), message)

    # the load is one transaction; closing mid-way would only hide it, so wait for it instead
    def reject(self) -> None:
        if not self.loading:
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        if self.loading:
            event.ignore()
        else:
            super().closeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        if self.loading and event.key() == Qt.Key.Key_Escape:
            return
        super().keyPressEvent(event)


def summary_text(summary: DemoSummary) -> str:
    return _("Demo gmina loaded: {orgs}, {contracts}, {money} committed.").format(
        orgs=ngettext("{n} organisation", "{n} organisations", summary.organisations).format(n=summary.organisations),
        contracts=ngettext("{n} contract", "{n} contracts", summary.contracts).format(n=summary.contracts),
        money=format_money(summary.committed_total),
    )


def offer_demo_if_empty(window: MainWindow) -> bool:
    """Ask once per empty database; True when the demo was loaded (the window is then refreshed)."""
    from app.core.demo import database_is_empty

    db = window.db
    if db is None or reads_only(db) or window.settings.demo_offer_dismissed or not database_is_empty(db):
        return False
    dialog = DemoOfferDialog(db, window)
    if dialog.exec() == QDialog.DialogCode.Accepted and dialog.summary is not None:
        window.notify_data_changed()
        window.status(summary_text(dialog.summary), 15000)
        return True
    # "start empty": do not ask again on every start (the demo stays in `wkus demo`)
    window.settings.demo_offer_dismissed = True
    window.status(_("Start with the gmina profile: File → Gmina profile…"), 30000)
    start_guided_setup(window)
    if window.persist_settings:
        from app.core.settings import save_settings

        try:
            save_settings(window.settings)
        except OSError:
            log.warning("settings could not be saved", exc_info=True)
    return False


def start_guided_setup(window: MainWindow) -> QDialog | None:
    """After "start empty": step 1, the gmina profile (documents print "(nie wprowadzono danych
    gminy)" without it); step 2, the first organisation. A status-bar hint that vanished was all
    there was (issue 15). Both windows open without blocking (`open()`), so Esc leaves the set-up."""
    from app.ui.dialogs.gmina_profile import GminaProfileDialog

    if window.db is None:  # no database, nothing to set up
        return None
    dialog = GminaProfileDialog(window.db, parent=window)
    step = QLabel(
        _(
            "Step 1 of 2: your gmina's profile. Its name, address and the head of the gmina appear "
            "in every document. Then you add the first organisation."
        )
    )
    step.setObjectName("setupStep")
    step.setWordWrap(True)
    step.setStyleSheet("font-weight: bold;")
    dialog.main_layout.insertWidget(0, step)

    def profile_done(result: int) -> None:
        window.guided_dialog = None
        if result != QDialog.DialogCode.Accepted:
            return
        window.notify_data_changed()
        page = window.show_view("organisations")
        window.status(_("Step 2 of 2: add the first organisation (or later: Organisations → Add…)."), 30000)
        adder = getattr(page, "add_record", None)
        if adder is not None:
            adder()

    dialog.finished.connect(profile_done)
    window.guided_dialog = dialog
    dialog.open()
    return dialog
