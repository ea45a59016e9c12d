"""The main window: navigation on the left (grouped as in app.ui.views.registry), the views on the
right, created the first time they are shown, and the menus other parts add their actions to.

Public API used by other modules: `db`, `db_path`, `show_view(key)`, `open_record(entity, id)`,
`follow_link(link, id)`, `add_notice(widget)`, `file_menu`, `tools_menu`, `help_menu`, `reopen_database()`,
`notify_data_changed()`, `status(msg)`.
"""

from __future__ import annotations

import datetime as dt
import importlib
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QFont, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME, __version__
from app.core.errors import DatabaseError, UserFacingError
from app.core.i18n import _
from app.core.settings import UserSettings, save_settings
from app.ui.placeholder import ErrorPage
from app.ui.views.registry import VIEWS, ViewSpec

if TYPE_CHECKING:  # SQLAlchemy is imported after the window's first paint (launch.run_gui)
    # and so are the Qt classes used only after it (PySide6 builds a class, with its enums, on first use)
    from PySide6.QtGui import QCloseEvent, QPaintEvent
    from PySide6.QtWidgets import QDialog

    from app.core.db.engine import Database

log = logging.getLogger(__name__)

#: How often a window on the office server looks for other seats' saves (one small query).
OTHER_SEATS_POLL_MS = 20_000

#: record entity (table name) -> view that edits it; child rows are mapped by core.record_links
ENTITY_VIEWS: dict[str, str] = {
    "contract": "contracts",
    "organisation": "organisations",
    "public_task": "tasks",
    "task": "tasks",
    "cooperation_programme": "programmes",
    "programme": "programmes",
    "procedure": "procedures",
}


def _takes_tab(opener: Callable[..., object]) -> bool:
    """Whether a view's open_record accepts a tab hint (views without tabbed editors do not)."""
    import inspect

    try:
        return "tab" in inspect.signature(opener).parameters
    except (TypeError, ValueError):
        return False


class MainWindow(QMainWindow):
    """`db` None: the shell only (navigation, menus, "Opening the database…"), painted before the
    database stack is imported; `attach_database(db)` then builds the start view."""

    #: the window's first paint (launch opens the database after it)
    first_painted = Signal()

    def __init__(
        self,
        db: Database | None,
        db_path: Path | str,
        settings: UserSettings,
        parent: QWidget | None = None,
        *,
        persist_settings: bool = True,
    ) -> None:
        super().__init__(parent)
        self.db: Database | None = None
        self.db_path = _target(db_path)
        self.settings = settings
        #: False in the self-test and tests: nothing is written to the user's settings file
        self.persist_settings = persist_settings
        #: set by restart(): launch.run_gui starts the program again after this copy has ended
        self.restart_requested = False
        #: the guided first start's current step (gmina profile), kept so it is not garbage-collected
        self.guided_dialog: QDialog | None = None
        #: the office server: the change log's head as last seen, polled for other seats' saves
        self._seen_head: int | None = None
        self._seat_job: object | None = None
        self._seat_poll = QTimer(self)
        self._seat_poll.setInterval(OTHER_SEATS_POLL_MS)
        self._seat_poll.timeout.connect(self.check_other_seats)
        self.specs: dict[str, ViewSpec] = {spec.key: spec for spec in VIEWS}
        self.pages: dict[str, QWidget] = {}
        self.current_key: str | None = None
        self._opening_record = False

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setAccessibleName(_("Navigation"))
        self.nav.setStyleSheet(
            "QListWidget#navigation { background: palette(window); border: none; "
            "border-right: 1px solid palette(mid); outline: none; }"
            "QListWidget#navigation::item { padding: 5px 8px; }"
        )
        self.stack = QStackedWidget()
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        #: notices above the views (e.g. the backup reminder): add_notice(widget)
        self.notices = QVBoxLayout()
        self.notices.setContentsMargins(6, 6, 6, 0)
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.setSpacing(0)
        right.addLayout(self.notices)
        right.addWidget(self.stack, 1)
        layout.addLayout(right, 1)
        self.setCentralWidget(central)
        self.db_label = QLabel()
        self.statusBar().addPermanentWidget(self.db_label)

        self._build_navigation()
        self._build_menus()
        self.nav.currentItemChanged.connect(self._nav_changed)
        self._restore_geometry()
        self.painted = False
        self._deferred_key: str | None = None
        #: shown until the database is attached
        self.opening_page = QLabel(_("Opening the database…"))
        # centred by the style sheet's property, not setAlignment(Qt.…): see _finish_navigation
        self.opening_page.setStyleSheet("qproperty-alignment: AlignCenter;")
        self.stack.addWidget(self.opening_page)
        #: the Pulpit shows figures read from the file before the database was opened (show_first_figures)
        self.first_figures = False
        #: actions that need the database, disabled until it is attached
        self._waiting_actions: list[QAction] = []
        if db is None:
            self._disable_until_attached()
            self.refresh_title()
        else:
            self.attach_database(db)

    def _disable_until_attached(self) -> None:
        # every action but Quit and Help (incl. those in submenus and shortcut-only ones); the menu
        # titles stay enabled so the clerk sees the menus while the database opens
        # (submenus are found as child widgets: QAction.menu() would hand the menu to a Python wrapper
        # that deletes it, see app.ui.mnemonics)
        keep = {self.quit_action, *self.help_menu.actions(), *(m.menuAction() for m in self.findChildren(QMenu))}
        for action in self.findChildren(QAction):
            if action in keep or action.isSeparator() or not action.isEnabled():
                continue
            action.setEnabled(False)
            self._waiting_actions.append(action)
        self.nav.setEnabled(False)

    def attach_database(self, db: Database, db_path: Path | str | None = None) -> None:
        """Give the window its database: enable what needs it, show the start view (filled after the
        first paint; a large gmina takes seconds to read, see _first_refresh)."""
        self.db = db
        if db_path is not None:
            self.db_path = _target(db_path)
        for action in self._waiting_actions:
            action.setEnabled(True)
        self._waiting_actions.clear()
        self._finish_navigation()
        self.nav.setEnabled(True)
        from app.ui.read_only import apply_to_actions

        apply_to_actions(self, db)  # a reader's import/restore/... are disabled, saying why
        self.refresh_title()
        if db.is_server:  # other seats save too: their changes reach the lists without a restart
            self._seen_head = None
            self._seat_poll.start()
        key = self._start_key()
        self._deferred_key = key
        if self.first_figures:
            # the Pulpit read its figures from this file a moment ago, under our lock: not read again
            self.pages[key].attach(db)  # type: ignore[attr-defined]
            self.first_figures = False
            self._deferred_key = None
        if getattr(self.show_view(key, refresh=False), "loaded_on_creation", False):
            self._deferred_key = None  # a register read its rows while being built
        self.stack.removeWidget(self.opening_page)
        self.opening_page.deleteLater()
        QTimer.singleShot(0, self._refresh_unless_painting)

    def _start_key(self) -> str:
        return self.settings.last_view if self.settings.last_view in self.specs else VIEWS[0].key

    def show_first_figures(self, db_path: Path, today: dt.date | None = None) -> bool:
        """Before the database is opened: the Pulpit with its figures read straight from the SQLite file
        (issue 18: SQLAlchemy and the models take more than twice the bare window's start), when the
        window opens on the Pulpit and the file allows it (app.ui.views.dashboard.first_figures). True
        when they are shown; `attach_database` then keeps the page and its figures."""
        if self.db is not None or self._start_key() != "dashboard":
            return False
        page = self._create_page(self.specs["dashboard"])
        show = getattr(page, "show_first_figures", None)
        days = getattr(getattr(page, "deadlines", None), "days", None)
        from app.ui.views.dashboard import first_figures

        today = today or dt.date.today()
        figures = first_figures(db_path, today, days) if callable(show) and isinstance(days, int) else None
        if figures is None:
            page.deleteLater()
            return False
        self.pages["dashboard"] = page
        self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)
        self.current_key = "dashboard"
        show(today, figures)  # type: ignore[misc]
        self.first_figures = True
        return True

    def withdraw_first_figures(self) -> None:
        """The start-up check found the file damaged: the figures read from it leave the window before
        the clerk is asked what to do (a restored backup is read anew once attached)."""
        if not self.first_figures:
            return
        page = self.pages.pop("dashboard")
        self.stack.setCurrentWidget(self.opening_page)
        self.stack.removeWidget(page)
        page.deleteLater()
        self.current_key = None
        self.first_figures = False

    # ---- building --------------------------------------------------------------------------------

    def _build_navigation(self) -> None:
        #: items whose key (UserRole) and flags are set by _finish_navigation; None marks a heading
        self._nav_pending: list[tuple[QListWidgetItem, str | None]] = []
        heading_font = QFont(self.nav.font())
        heading_font.setBold(True)
        heading_font.setPointSizeF(heading_font.pointSizeF() * 0.9)
        groups: list[str] = []
        for spec in VIEWS:
            if spec.group not in groups:
                groups.append(spec.group)
        widest = 0
        metrics = self.nav.fontMetrics()
        for group in groups:
            heading = QListWidgetItem(_(group).upper())
            heading.setFont(heading_font)
            self.nav.addItem(heading)
            self._nav_pending.append((heading, None))
            for spec in VIEWS:
                if spec.group != group:
                    continue
                item = QListWidgetItem("   " + _(spec.title))
                self._nav_pending.append((item, spec.key))
                tip = _(spec.title)
                if spec.shortcut:
                    tip += f" ({QKeySequence(spec.shortcut).toString(QKeySequence.SequenceFormat.NativeText)})"
                if spec.about:
                    tip += "\n" + _(spec.about)
                item.setToolTip(tip)
                self.nav.addItem(item)
                widest = max(widest, metrics.horizontalAdvance(item.text()))
        self.nav.setFixedWidth(max(190, widest + 48))

    def _finish_navigation(self) -> None:
        """The views' keys on their items and the headings made unselectable, once, when the navigation
        is first used (it is disabled until the database is attached, so every item is drawn disabled
        at the first paint either way). Not done while building: those calls take PySide6's `Qt`
        namespace, whose first use builds all of its ~90 Python enums (~17 ms before the first paint,
        issue 18); the window is then built without any `Qt.` enum."""
        if not self._nav_pending:
            return
        from PySide6.QtCore import Qt

        pending, self._nav_pending = self._nav_pending, []
        for item, key in pending:
            if key is None:
                item.setFlags(Qt.ItemFlag.NoItemFlags)  # not selectable; arrow keys skip it
            else:
                item.setData(Qt.ItemDataRole.UserRole, key)

    def _build_menus(self) -> None:
        # setShortcuts([…]), the same as setShortcut(…): PySide6 resolves setShortcut's overloads
        # (QKeySequence | QKeyCombination | Qt.Key …) by building its whole `Qt` namespace (~17 ms
        # before the first paint, issue 18); the list overload does not (test_first_paint_enums)
        bar = self.menuBar()
        self.file_menu: QMenu = bar.addMenu(_("&File"))
        self.view_menu: QMenu = bar.addMenu(_("&View"))
        self.tools_menu: QMenu = bar.addMenu(_("&Tools"))
        self.help_menu: QMenu = bar.addMenu(_("&Help"))

        self.settings_action = self.file_menu.addAction(_("Settings…"), self.open_settings)
        self.settings_action.setShortcuts([QKeySequence("Ctrl+,")])
        self.gmina_action = self.file_menu.addAction(_("Gmina profile…"), self.edit_gmina_profile)
        self.local_law_action = self.file_menu.addAction(_("Council resolutions and budget…"), self.edit_local_law)
        self.file_menu.addSeparator()

        self.view_actions: dict[str, QAction] = {}
        group = QActionGroup(self)
        group.setExclusive(True)
        previous_group: str | None = None
        for spec in VIEWS:
            if previous_group is not None and spec.group != previous_group:
                self.view_menu.addSeparator()
            previous_group = spec.group
            action = self.view_menu.addAction(_(spec.title))
            action.setCheckable(True)
            if spec.shortcut:
                action.setShortcuts([QKeySequence(spec.shortcut)])
            action.triggered.connect(lambda _checked=False, key=spec.key: self.show_view(key))
            group.addAction(action)
            self.view_actions[spec.key] = action

        self.help_menu.addAction(_("About the program"), self.show_about)
        self.help_menu.addAction(_("Open the log folder"), self.open_log_folder)

        self._add_data_actions()
        from app.ui.dialogs.paper_report_action import add_paper_report_action

        add_paper_report_action(self)
        self.file_menu.addSeparator()
        self.quit_action = self.file_menu.addAction(_("Quit"), self.close)
        self.quit_action.setShortcuts([QKeySequence("Ctrl+Q")])
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        # an empty Tools menu would only confuse; it appears once something is added to it
        self.tools_menu.menuAction().setVisible(not self.tools_menu.isEmpty())
        from app.ui.mnemonics import assign_mnemonics

        assign_mnemonics(bar)  # every entry reachable by Alt+letter, in any language

    def _add_data_actions(self) -> None:
        """Backup/restore/import/export actions (their own module; an error there is a bug and surfaces)."""
        from app.ui.data_actions import add_data_actions

        add_data_actions(self)

    def _restore_geometry(self) -> None:
        #: first start on a laptop-sized screen (1366×768 is common in offices): use all of it
        self.start_maximized = False
        if self.settings.window_geometry and self.restoreGeometry(
            QByteArray.fromBase64(self.settings.window_geometry.encode("ascii"))
        ):
            return
        screen = QApplication.primaryScreen()
        if screen is not None:
            area = screen.availableGeometry()
            self.resize(min(1280, area.width()), min(800, area.height()))
            self.start_maximized = area.width() < 1440 or area.height() < 900
        else:
            self.resize(1280, 800)

    def show_first(self) -> None:
        """Show the window as it was left, or maximized on a small screen at the first start."""
        if self.start_maximized:
            self.showMaximized()
        else:
            self.show()

    # ---- views -----------------------------------------------------------------------------------

    def page(self, key: str) -> QWidget | None:
        """The view's widget if it has been created (None before it was first shown)."""
        return self.pages.get(key)

    def show_view(self, key: str, *, refresh: bool = True) -> QWidget:
        """Switch to the view `key` (created on first use) and refresh it (unless `refresh` is False)."""
        if self.db is None:  # still opening the database
            return self.opening_page
        spec = self.specs[key]
        page = self.pages.get(key)
        if page is None:
            page = self._create_page(spec)
            self.pages[key] = page
            self.stack.addWidget(page)
            # a list that read its rows while being built is not read a second time at once
            refresh = refresh and not getattr(page, "loaded_on_creation", False)
        self.stack.setCurrentWidget(page)
        self.current_key = key
        self._select_nav(key)
        action = self.view_actions.get(key)
        if action is not None:
            action.setChecked(True)
        if refresh:
            if key == self._deferred_key:
                self._deferred_key = None  # refreshed now: nothing left for after the first paint
            self._refresh_page(page)
        return page

    # ---- start-up --------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        super().paintEvent(event)
        if not self.painted:
            self.painted = True
            QTimer.singleShot(0, self._first_refresh)
            self.first_painted.emit()

    def _refresh_unless_painting(self) -> None:
        """A window that is not shown (tests, the self-test) refreshes its start view at once; a shown
        one waits for its first paint (with a safety net if the platform never paints it)."""
        if self.isVisible() and not self.painted:
            QTimer.singleShot(1000, self._first_refresh)
            return
        self._first_refresh()

    def _first_refresh(self) -> None:
        key, self._deferred_key = self._deferred_key, None
        if key is not None and key == self.current_key and key in self.pages:
            self._refresh_page(self.pages[key])

    def _create_page(self, spec: ViewSpec) -> QWidget:
        module_name, _sep, class_name = spec.target.partition(":")
        try:
            module = importlib.import_module(module_name)
        except Exception:
            # a missing or broken module is a bug (every view is written): the page says so and the log
            # keeps the traceback; the other views still work
            log.exception("view %s could not be imported", spec.key)
            return ErrorPage(_(spec.title), self.stack)
        try:
            page = getattr(module, class_name)(self.db, parent=self.stack)
        except UserFacingError as exc:
            from PySide6.QtWidgets import QMessageBox  # built on first use, after the first paint

            QMessageBox.warning(self, _(spec.title), exc.message)
            return ErrorPage(_(spec.title), self.stack)
        except Exception:
            log.exception("view %s could not be created", spec.key)
            return ErrorPage(_(spec.title), self.stack)
        record_requested = getattr(page, "record_requested", None)
        if record_requested is not None:
            record_requested.connect(self.open_record)
        record_tab_requested = getattr(page, "record_tab_requested", None)  # e.g. a compliance finding
        if record_tab_requested is not None:
            record_tab_requested.connect(self.open_record)
        link_requested = getattr(page, "link_requested", None)  # e.g. "Umowy tej organizacji"
        if link_requested is not None:
            link_requested.connect(self.follow_link)
        view_requested = getattr(page, "view_requested", None)  # e.g. the Pulpit's tiles
        if view_requested is not None:
            view_requested.connect(self._view_requested)
        data_changed = getattr(page, "data_changed", None)
        if data_changed is not None:
            data_changed.connect(lambda key=spec.key: self._view_changed_data(key))
        return page

    def _view_requested(self, key: str) -> None:
        if key in self.specs:
            self.show_view(key)

    def _refresh_page(self, page: QWidget) -> None:
        refresh = getattr(page, "refresh", None)
        if not callable(refresh):
            return
        try:
            refresh()
        except UserFacingError as exc:
            self.status(exc.message)
            from PySide6.QtWidgets import QMessageBox  # built on first use, after the first paint

            QMessageBox.warning(self, APP_NAME, exc.message)
        except Exception:  # the crash dialog reports it; the window and the other views go on
            sys.excepthook(*sys.exc_info())

    def _select_nav(self, key: str) -> None:
        from PySide6.QtCore import Qt

        self._finish_navigation()
        self.nav.blockSignals(True)
        try:
            for row in range(self.nav.count()):
                item = self.nav.item(row)
                if item.data(Qt.ItemDataRole.UserRole) == key:
                    self.nav.setCurrentItem(item)
                    break
        finally:
            self.nav.blockSignals(False)

    def _nav_changed(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        from PySide6.QtCore import Qt

        self._finish_navigation()
        key = current.data(Qt.ItemDataRole.UserRole) if current is not None else None
        if key and key != self.current_key:
            self.show_view(key)

    def _view_changed_data(self, _source: str) -> None:
        # the other views refresh when they are next shown (show_view always refreshes)
        self.refresh_title()

    def check_other_seats(self) -> None:
        """Read the change log's head off the GUI thread; when it moved, refresh what is shown. Not while
        a dialog is open: the clerk's typing is never swept away (the dialog's own save checks versions)."""
        if self.db is None or self._seat_job is not None:
            return
        from app.core.audit import log_head
        from app.ui.workers import run_in_background

        db = self.db

        def read() -> int:
            with db.session() as s:
                return log_head(s)

        def done(head: int) -> None:
            self._seat_job = None
            seen, self._seen_head = self._seen_head, head
            if seen is None or head == seen:
                return
            if QApplication.activeModalWidget() is not None:
                self._seen_head = seen  # try again once the dialog is closed
                return
            self.notify_data_changed()
            self.status(_("Refreshed: the database has changes saved since this view was read."))

        def failed(message: str) -> None:
            self._seat_job = None
            self.status(message)

        self._seat_job = run_in_background(read, done, failed, owner=self, what="change log head")

    def notify_data_changed(self) -> None:
        """Data changed outside the views (a dialog, an import): refresh the title and the current view."""
        self.refresh_title()
        if self.current_key is not None and self.current_key in self.pages:
            self._refresh_page(self.pages[self.current_key])

    # ---- records ---------------------------------------------------------------------------------

    def open_record(self, entity: str, record_id: object, tab: str = "") -> None:
        """Show the view that edits `entity` and ask it to open record `record_id`; `tab` names the
        part of its editor to show (a child table, e.g. "contract_report" for the Reports tab). A
        child row (a report, a tranche) opens its parent on its own tab without being told."""
        if self._opening_record:
            # a view with no editor of its own re-emits the request: do not bounce it back forever
            log.warning("open_record(%r, %r) while opening a record: ignored", entity, record_id)
            return
        self._opening_record = True
        try:
            self._open_record(entity, record_id, tab)
        finally:
            self._opening_record = False

    def _open_record(self, entity: str, record_id: object, tab: str = "") -> None:
        from app.core.record_links import owning_record

        try:
            rid = int(record_id)  # type: ignore[call-overload]  # a signal's object: int or str, else refused below
        except (TypeError, ValueError):
            log.warning("open_record(%r, %r): not an id", entity, record_id)
            return
        if self.db is None:  # still opening the database
            return
        child = entity
        entity, rid = owning_record(self.db, entity, rid)
        if entity != child and not tab:
            tab = child
        if entity == "gmina":
            self.edit_gmina_profile()
            return
        key = ENTITY_VIEWS.get(entity)
        if key is None or key not in self.specs:
            self.status(_("This record has no view of its own yet."))
            return
        page = self.show_view(key)
        opener = getattr(page, "open_record", None)
        if callable(opener):
            if tab and _takes_tab(opener):
                opener(rid, tab=tab)
            else:
                opener(rid)

    def follow_link(self, link: str, record_id: object) -> None:
        """A link from one part of the program to another (a view's or an editor's link_requested):
        "organisation_contracts" – the Contracts list filtered to the organisation;
        "contract_tools" – the tools view with the contract's card; "contract_history" – its change history."""
        try:
            rid = int(record_id)  # type: ignore[call-overload]  # a signal's object: int or str, else refused below
        except (TypeError, ValueError):
            log.warning("follow_link(%r, %r): not an id", link, record_id)
            return
        if link == "organisation_contracts":
            page = self.show_view("contracts")
            show = getattr(page, "show_organisation", None)
            if callable(show):
                show(rid)
        elif link == "contract_tools":
            page = self.show_view("tools")
            opener = getattr(page, "open_record", None)
            if callable(opener):  # else the page is the ErrorPage, which says what happened
                opener(rid)
        elif link == "contract_history":
            actions = getattr(self, "data_actions", None)
            if actions is not None:
                actions.contract_history(rid)
        else:
            log.warning("follow_link(%r, %r): unknown link", link, record_id)

    # ---- database --------------------------------------------------------------------------------

    def _discard_pages(self) -> None:
        for page in self.pages.values():
            self.stack.removeWidget(page)
            page.deleteLater()
        self.pages.clear()

    def reopen_database(self) -> bool:
        """Close and reopen the database file (after a restore), rebuilding every view.

        Returns False when the file cannot be opened; the clerk has then been told why.
        """
        from app.core.db.engine import open_database

        key = self.current_key or VIEWS[0].key
        self._discard_pages()
        if self.db is not None:
            self.db.dispose()
        try:
            self.db = open_database(self.db_path)
        except DatabaseError as exc:
            from PySide6.QtWidgets import QMessageBox  # built on first use, after the first paint

            QMessageBox.critical(self, APP_NAME, exc.message)
            return False
        self.refresh_title()
        self.show_view(key)
        return True

    def refresh_title(self) -> None:
        gmina = None
        if self.db is not None:
            from app.core.services.gmina import get_gmina

            try:
                gmina = get_gmina(self.db)
            except UserFacingError as exc:
                self.status(exc.message)
        if gmina is not None and gmina.name:
            name = gmina.name
            if gmina.is_demo and "DEMO" not in name.upper():
                name += " (DEMO)"
            self.setWindowTitle(f"{name} – {APP_NAME}")
        else:
            self.setWindowTitle(f"{APP_NAME} – {_shown(self.db_path, short=True)}")
        read_only = self.db is not None and getattr(self.db, "read_only", False)
        if read_only:  # a read-only seat on the office server: said before anyone types
            self.setWindowTitle(self.windowTitle() + " – " + _("read only"))
        self.db_label.setText(_shown(self.db_path) + (" (" + _("read only") + ")" if read_only else ""))
        self.db_label.setToolTip(_("Database file"))

    def add_notice(self, widget: QWidget) -> None:
        """A bar above the views (not blocking, unlike a message box); it hides itself when done."""
        self.notices.addWidget(widget)
        widget.show()

    def status(self, message: str, timeout_ms: int = 8000) -> None:
        self.statusBar().showMessage(message, timeout_ms)

    # ---- menu actions ----------------------------------------------------------------------------

    def open_settings(self) -> None:
        from app.ui.dialogs.settings_dialog import SettingsDialog

        # a server address is shown as database and server: never the password it may carry
        dialog = SettingsDialog(
            self.settings,
            _shown(self.db_path) if isinstance(self.db_path, str) else self.db_path,
            self,
            persist=self.persist_settings,
        )
        dialog.exec()
        if getattr(dialog, "restart_now", False):
            self.restart()

    def restart(self) -> None:
        """Close as the clerk would (unsaved work is asked about) and let launch start the program
        again once this copy has released the database."""
        self.restart_requested = True
        if not self.close():
            self.restart_requested = False

    def edit_gmina_profile(self) -> None:
        from app.ui.dialogs.gmina_profile import GminaProfileDialog

        if self.db is None:  # between closing one database and opening the next
            return
        dialog = GminaProfileDialog(self.db, parent=self)
        if dialog.exec():
            self.notify_data_changed()

    def edit_local_law(self) -> None:
        from app.ui.dialogs.local_law import LocalLawDialog

        if self.db is None:
            return
        if LocalLawDialog(self.db, parent=self).exec():
            self.notify_data_changed()

    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox  # built on first use, after the first paint

        from app.paths import user_data_dir

        QMessageBox.about(
            self,
            _("About the program"),
            "<h3>{name} {version}</h3><p>{what}</p><p>{db_label}: {db}<br>{data_label}: {data}</p>".format(
                name=APP_NAME,
                version=__version__,
                what=_(
                    "Multi-year contracting of social services (WKUS) for gminas: registers of organisations, "
                    "tasks, programmes and contracts, statutory deadlines, WKUS tools and documents. "
                    "Works offline; the data stay on this computer."
                ),
                db_label=_("Database file"),
                db=_shown(self.db_path),
                data_label=_("Data folder"),
                data=user_data_dir(),
            ),
        )

    def open_log_folder(self) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        from app.paths import log_dir

        QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_dir())))

    # ---- closing ---------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        self.settings.window_geometry = bytes(self.saveGeometry().toBase64().data()).decode("ascii")
        if self.current_key:
            self.settings.last_view = self.current_key
        if self.persist_settings:
            try:
                save_settings(self.settings)
            except OSError:
                log.warning("settings could not be saved", exc_info=True)
        super().closeEvent(event)


def _target(db_path: Path | str) -> Path:
    """The database as the window keeps it: a Path for a file; a `postgresql://` address stays text
    (Path() would fold its `//`), typed as Path for the many places that only show it."""
    from app.core.db.address import is_server_url

    return db_path if is_server_url(db_path) else Path(db_path)  # type: ignore[return-value]  # see the docstring


def _shown(db_path: Path | str, *, short: bool = False) -> str:
    """The database as the title and the status bar show it: the file (its name when `short`), or the
    database and server of a `postgresql://` address, never its password."""
    if isinstance(db_path, str):
        from app.core.db.server import describe, server_url

        try:
            return describe(server_url(db_path))
        except UserFacingError:
            return "PostgreSQL"
    return db_path.name if short else str(db_path)
