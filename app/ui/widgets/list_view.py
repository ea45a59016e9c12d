"""Base of the register screens: title, search box, sortable table, Dodaj / Edytuj / Usuń, count.

A subclass sets the class attributes and implements four methods::

    class OrganisationsView(RecordListView):
        entity = "organisation"
        title_msgid = N_("Organisations")
        empty_msgid = N_("No organisations yet. Click “Add” to enter the first one.")

        def columns(self): return [Column(N_("Name"), lambda r: r.name), ...]
        def load_rows(self): return list_organisations(self.db)
        def count_text(self, n): return ngettext("{count} organisation", "{count} organisations", n).format(count=n)
        def make_dialog(self, record_id): return OrganisationDialog(self.db, record_id, self)
        def delete_record(self, record_id): delete_organisation(self.db, record_id)
        def describe(self, row): return row.name

Keyboard: Ctrl+F focuses the search box (↓ from there goes to the table, Esc clears it),
Enter or double-click opens the editor, Delete asks and deletes, Insert adds.
Editors are opened window-modal with ``open()`` (not ``exec()``), so tests can drive them through
``view.current_dialog``; confirmation and error boxes go through ``ask()`` / ``show_error()``.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any, cast

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.db.engine import Database
from app.core.errors import UserFacingError
from app.core.i18n import N_, _
from app.ui.read_only import reads_only, set_writable
from app.ui.widgets.table_model import Column, IdRole, PolishSortProxy, RowRole, RowTableModel

log = logging.getLogger(__name__)


class RecordListView(QWidget):
    """A register list over one service's rows (frozen dataclasses with an ``id``)."""

    #: (entity, id) – ask the main window to open a record shown elsewhere
    record_requested = Signal(str, object)
    #: something was added, changed or deleted here
    data_changed = Signal()
    #: (link, id) – ask the main window to follow a link to another part of the program:
    #: "organisation_contracts", "contract_tools", "contract_history" (see MainWindow.follow_link);
    #: an editor's own link_requested signal is passed on through this one
    link_requested = Signal(str, object)

    #: entity name used in record_requested ("organisation", "task", ...)
    entity: str = ""
    #: heading above the list (msgid)
    title_msgid: str = ""
    #: shown instead of the table when there are no records at all (msgid)
    empty_msgid: str = N_("No records yet. Click “Add” to enter the first one.")
    #: column that is sorted initially, and whether users can add/delete here
    initial_sort_column: int = 0
    initial_sort_order: Qt.SortOrder = Qt.SortOrder.AscendingOrder
    #: column that takes the free width (usually the name or title); None = none
    stretch_column: int | None = 0
    #: widest a column other than the stretched one gets when fitted to its contents (pixels)
    max_column_width: int = 190
    #: the stretched column takes the free width but is never narrower than this
    min_stretch_width: int = 280
    can_add: bool = True
    can_delete: bool = True
    #: a longer list is handed to the table this many rows at a time, as it scrolls (RowTableModel)
    fetch_batch: int = 500

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.current_dialog: QDialog | None = None
        self._loaded = False

        self.title_label = QLabel(_(self.title_msgid))
        self.title_label.setObjectName("viewTitle")
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title_label.setFont(font)

        self.search = QLineEdit()
        self.search.setObjectName("searchBox")
        self.search.setPlaceholderText(_("Search (Ctrl+F)…"))
        self.search.setAccessibleName(_("Search"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(260)
        self.search.textChanged.connect(self._on_search)
        self.search.installEventFilter(self)

        self.model: RowTableModel[Any] = RowTableModel(self.columns(), self, batch_size=self.fetch_batch)
        self.proxy = PolishSortProxy(self)
        self.proxy.setSourceModel(self.model)

        self.table = QTableView()
        self.table.setObjectName("recordTable")
        self.table.setAccessibleName(_(self.title_msgid))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table for the buttons
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        self.table.doubleClicked.connect(self._on_double_click)
        self.table.installEventFilter(self)
        self.table.viewport().installEventFilter(self)  # refit the columns whenever its width changes
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.table.sortByColumn(self.initial_sort_column, self.initial_sort_order)
        # sorting by another column needs every row, not only those handed to the table so far
        header.sortIndicatorChanged.connect(lambda *_a: self.model.fetch_all())

        self.empty_label = QLabel(_(self.empty_msgid))
        self.empty_label.setObjectName("emptyState")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet("color: palette(mid); padding: 24px;")
        empty_font = self.empty_label.font()
        empty_font.setPointSizeF(empty_font.pointSizeF() * 1.3)  # relative: follows the system font size
        self.empty_label.setFont(empty_font)
        self.empty_label.hide()

        self.add_button = QPushButton(_("Add…"))
        self.add_button.setObjectName("addButton")
        self.add_button.setToolTip(_("Add a new record (Insert)"))
        self.edit_button = QPushButton(_("Edit…"))
        self.edit_button.setObjectName("editButton")
        self.edit_button.setToolTip(_("Edit the selected record (Enter)"))
        self.delete_button = QPushButton(_("Delete"))
        self.delete_button.setObjectName("deleteButton")
        self.delete_button.setToolTip(_("Delete the selected record (Delete)"))
        self.add_button.clicked.connect(self.add_record)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.add_button.setVisible(self.can_add)
        self.delete_button.setVisible(self.can_delete)

        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")

        top = QHBoxLayout()
        top.addWidget(self.title_label)
        top.addStretch(1)
        top.addWidget(self.search)
        self.toolbar = QHBoxLayout()
        self.toolbar.addWidget(self.add_button)
        self.toolbar.addWidget(self.edit_button)
        self.toolbar.addWidget(self.delete_button)
        self.toolbar.addStretch(1)
        self.toolbar.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(self.toolbar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        # with no records the table is hidden: this spacer takes the free height, so the toolbar stays
        # under the title instead of sinking 230 px down into an empty band (the table's stretch
        # wins while it is shown)
        layout.addStretch(0)

        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in (
            (QKeySequence.StandardKey.Find, self.focus_search),
            (QKeySequence(Qt.Key.Key_Insert), self.add_record),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(context)
            shortcut.activated.connect(slot)
        self._update_buttons()
        self.refresh()
        #: the rows were read just now: the main window need not read them again when it first shows us
        self.loaded_on_creation = True

    # ---- to implement ----------------------------------------------------------------------

    def columns(self) -> Sequence[Column[Any]]:
        raise NotImplementedError

    def load_rows(self) -> Sequence[Any]:
        raise NotImplementedError

    def count_text(self, count: int) -> str:
        """ "41 organizacji" – use ngettext (Polish has three plural forms)."""
        raise NotImplementedError

    def make_dialog(self, record_id: int | None) -> QDialog | None:
        """The editor for `record_id` (None = a new record); None when this list has no editor."""
        return None

    def delete_record(self, record_id: int) -> None:
        raise NotImplementedError

    def describe(self, row: Any) -> str:
        """How a row is named in the delete confirmation."""
        return str(getattr(row, "name", getattr(row, "title", row)))

    def delete_question(self, row: Any) -> str:
        """The confirmation asked before deleting `row`."""
        return _("Delete “{name}”? This cannot be undone.").format(name=self.describe(row))

    # ---- public API ------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the rows from the database, keeping the selection and the sort order."""
        keep = self.selected_id()
        try:
            rows = self.load_rows()
        except UserFacingError as exc:
            self.show_error(exc.message)
            rows = []
        if len(rows) > 2 * self.fetch_batch:
            # the table is shown a batch at a time: the first batch must be the top of the sorted list
            rows = self.proxy.sorted_rows(self.model, rows, self.proxy.sortColumn(), self.proxy.sortOrder())
        self.model.set_rows(rows)
        self._loaded = True
        self._resize_columns()
        if keep is not None:
            self.select_id(keep)
        self._update_state()

    def open_record(self, record_id: Any, tab: str = "") -> None:
        """Select the record and open its editor (the main window calls this for record_requested);
        `tab` names the editor's part to show first (an editor with `show_tab`, e.g. "contract_report")."""
        self.select_id(record_id)
        self._open_dialog(record_id)
        show_tab = getattr(self.current_dialog, "show_tab", None)
        if tab and callable(show_tab):
            show_tab(tab)

    def add_record(self) -> None:
        if self.can_add and not reads_only(self.db):
            self._open_dialog(None)

    def edit_selected(self) -> None:
        record_id = self.selected_id()
        if record_id is not None:
            self._open_dialog(record_id)

    def delete_selected(self) -> None:
        row = self.selected_row()
        if row is None or not self.can_delete or reads_only(self.db):
            return
        if not self.ask(self.delete_question(row)):
            return
        try:
            self.delete_record(row.id)
        except UserFacingError as exc:
            self.show_error(exc.message)
            self.refresh()  # e.g. deleted meanwhile in another window: show the current state
            return
        except Exception:  # noqa: BLE001 - the clerk sees a message, the log gets the traceback
            log.exception("deleting %s %s failed", self.entity, row.id)
            self.show_error(_("The record could not be deleted. Details are in the log file."))
            return
        self.refresh()
        self.data_changed.emit()

    def selected_row(self) -> Any | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row(), QModelIndex()):
            return None
        return index.data(RowRole)

    def selected_id(self) -> Any | None:
        row = self.selected_row()
        return None if row is None else getattr(row, "id", None)

    def select_id(self, record_id: Any) -> bool:
        source_row = self.model.row_of_id(record_id)
        if source_row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        if not index.isValid():  # hidden by the search: clear it so the record can be shown
            self.search.clear()
            index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        self.table.setCurrentIndex(index)
        self.table.selectRow(index.row())
        self.table.scrollTo(index)
        return True

    def visible_ids(self) -> list[Any]:
        """Ids in the order shown (after sort and search)."""
        return [self.proxy.index(r, 0).data(IdRole) for r in range(self.proxy.rowCount())]

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def ask(self, question: str) -> bool:
        answer = QMessageBox.question(
            self,
            _("Confirm"),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def show_error(self, message: str) -> None:
        QMessageBox.warning(self, _("Cannot do this"), message)

    # ---- internals -------------------------------------------------------------------------

    def _open_dialog(self, record_id: Any | None) -> None:
        if self.current_dialog is not None:
            self.current_dialog.raise_()
            return
        try:
            dialog = self.make_dialog(record_id)
        except UserFacingError as exc:  # e.g. the record was deleted meanwhile
            self.show_error(exc.message)
            self.refresh()
            return
        if dialog is None:
            if record_id is not None and self.entity:
                self.record_requested.emit(self.entity, record_id)
            return
        self.current_dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        link = getattr(dialog, "link_requested", None)
        if link is not None:
            link.connect(self.link_requested)
        dialog.finished.connect(lambda result, d=dialog: self._dialog_finished(d, result))
        dialog.open()

    def _dialog_finished(self, dialog: QDialog, result: int) -> None:
        self.current_dialog = None
        if result != QDialog.DialogCode.Accepted:
            self.table.setFocus()
            return
        saved = getattr(dialog, "saved_id", None)
        self.refresh()
        if saved is not None:
            self.select_id(saved)
        self.table.setFocus()
        self.data_changed.emit()

    def _on_double_click(self, index: QModelIndex) -> None:
        record_id = index.data(IdRole)
        if record_id is not None:
            self._open_dialog(record_id)

    def _on_search(self, text: str) -> None:
        if text.strip():
            self.model.fetch_all()  # search every row, not only those the table has been given
        self.proxy.set_search_text(text)
        self._update_state()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Resize and watched is self.table.viewport():
            self._fit_columns()
        elif event.type() == QEvent.Type.KeyPress:
            key = cast(QKeyEvent, event).key()  # PySide6 hands a key press over as its QKeyEvent
            if watched is self.table:
                if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                    self.edit_selected()
                    return True
                if key == Qt.Key.Key_Delete:
                    self.delete_selected()
                    return True
            elif watched is self.search:
                if key == Qt.Key.Key_Down and self.proxy.rowCount():
                    self.table.setFocus()
                    if self.selected_row() is None:
                        self.table.selectRow(0)
                    return True
                if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.proxy.rowCount():
                    self.table.setFocus()
                    if self.selected_row() is None:
                        self.table.selectRow(0)
                    return True
                if key == Qt.Key.Key_Escape and self.search.text():
                    self.search.clear()
                    return True
        return super().eventFilter(watched, event)

    def _resize_columns(self) -> None:
        """Fit columns to their contents, cap the wide ones, and give the name column the rest of the
        width (at least `min_stretch_width`), so the table fills the view without a scroll bar."""
        header = self.table.horizontalHeader()
        self.table.resizeColumnsToContents()
        self._content_widths = [header.sectionSize(c) for c in range(self.model.columnCount())]
        self._fit_columns()

    def _fit_columns(self) -> None:
        widths = list(getattr(self, "_content_widths", []))
        if not widths:
            return
        header = self.table.horizontalHeader()
        stretch = self.stretch_column
        for col, width in enumerate(widths):
            if col != stretch:
                widths[col] = min(width, self.max_column_width)
        if stretch is not None and 0 <= stretch < len(widths):
            available = self.table.viewport().width() - sum(w for c, w in enumerate(widths) if c != stretch)
            widths[stretch] = max(self.min_stretch_width, available)
        for col, width in enumerate(widths):
            header.resizeSection(col, width)

    def _update_state(self) -> None:
        total = self.model.total_rows()
        shown = self.proxy.rowCount()
        if self.model.canFetchMore():  # not filtered: the rest comes as the table scrolls
            shown = total - self.model.rowCount() + shown
        text = self.count_text(total)
        if shown != total:
            text = _("{shown} shown of {total}").format(shown=shown, total=text)
        self.count_label.setText(text)
        if total == 0:
            self.empty_label.setText(_(self.empty_msgid))
            self.empty_label.show()
        elif shown == 0:
            self.empty_label.setText(_("Nothing matches “{text}”.").format(text=self.search.text().strip()))
            self.empty_label.show()
        else:
            self.empty_label.hide()
        self.table.setVisible(total > 0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        has = self.selected_row() is not None
        # a reader still opens a record to read it (its editor's Save is disabled, see RecordDialog)
        self.edit_button.setEnabled(has)
        set_writable(self.add_button, self.db)
        set_writable(self.delete_button, self.db, has and self.can_delete)

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not getattr(self, "_tab_order_set", False):
            self._tab_order_set = True
            self._order_tabs()
        if self.selected_row() is None and self.proxy.rowCount():
            self.table.selectRow(0)

    def _order_tabs(self) -> None:
        """Search, then the toolbar left to right (subclasses insert filters into it), then the table:
        Tab follows the screen, not the order in which the widgets were created."""
        chain: list[QWidget] = [self.search]
        for i in range(self.toolbar.count()):
            widget = self.toolbar.itemAt(i).widget()
            if widget is not None and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                chain.append(widget)
        chain.append(self.table)
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)
