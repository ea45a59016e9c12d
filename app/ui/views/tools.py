""" "Narzędzia": the 42 WKUS tools by model and stage, each opened as a generic form with its results.

Tabs: the tools (one tree per model: Jakość, Efektywność, Współpraca, grouped by stage), their use
(which tool has a result for which contract, task, programme and year, and what is missing), the
composite indices per model with the RADAR meeting that agrees their weights, and a contract's card
(latest results of its tools and the year-over-year trend; `open_record(contract_id)`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.db.engine import Database
from app.core.errors import UserFacingError
from app.core.i18n import _, ngettext
from app.ui.tools.backend import Scope, ToolBackend, scope_kind_label, scope_short_label
from app.ui.tools.colours import colour
from app.ui.tools.labels import localized_text
from app.ui.tools.loader import busy_cursor

#: the order the handbook names the models in
MODEL_ORDER = ("J", "E", "W")
ToolRole = Qt.ItemDataRole.UserRole + 10


class ToolsView(QWidget):
    record_requested = Signal(str, object)
    data_changed = Signal()

    def __init__(
        self, db: Database | None = None, parent: QWidget | None = None, *, today: dt.date | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.backend = ToolBackend(db, today)
        self.today = today or dt.date.today()
        self.page: Any = None  # the open ToolPage
        try:
            self.catalogue = self.backend.catalogue()
        except UserFacingError as exc:  # a broken catalogue file: say why, show nothing half-loaded
            self.catalogue = None
            layout = QVBoxLayout(self)
            message = QLabel(exc.message)
            message.setWordWrap(True)
            layout.addWidget(message)
            return

        title = QLabel(_("WKUS tools"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)
        version = QLabel(_("Catalogue: {version}").format(version=self.catalogue.version))
        version.setStyleSheet(f"color: {colour('muted')};")
        warnings = QLabel("\n".join(self.catalogue.warnings))
        warnings.setWordWrap(True)
        warnings.setStyleSheet(f"color: {colour('error')};")
        warnings.setVisible(bool(self.catalogue.warnings))

        # scope: what the open tool is filled in for, and the budget year
        self.scope_kind_label = QLabel()
        self.scope_combo = QComboBox()
        self.scope_combo.setMinimumWidth(360)
        self.scope_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(self.today.year)
        self.year.setAccessibleName(_("Budget year"))
        self._scope_kind = "contract"
        scope_row = QHBoxLayout()
        self.scope_kind_label.setBuddy(self.scope_combo)
        scope_row.addWidget(self.scope_kind_label)
        scope_row.addWidget(self.scope_combo, 1)
        scope_row.addWidget(QLabel(_("Budget year:")))
        scope_row.addWidget(self.year)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_tools_tab(), _("Tools"))
        from app.ui.tools.contract_card import ContractCard
        from app.ui.tools.indices_panel import IndicesPanel
        from app.ui.tools.usage_panel import UsagePanel

        self.usage = UsagePanel(self.backend)
        self.usage.tool_requested.connect(self._open_from_usage)
        self.usage.record_requested.connect(self.record_requested)
        self.indices = IndicesPanel(self.backend)
        self.indices.saved.connect(self.data_changed)
        self.card = ContractCard(self.backend)
        self.card.tool_requested.connect(self._open_from_usage)
        self.tabs.addTab(self.usage, _("Use of the tools"))
        self.tabs.addTab(self.indices, _("Composite indices"))
        self.tabs.addTab(self.card, _("Contract card"))
        self.tabs.currentChanged.connect(self._tab_changed)

        head = QHBoxLayout()
        head.addWidget(title)
        head.addStretch(1)
        head.addWidget(version)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(warnings)
        layout.addLayout(scope_row)
        layout.addWidget(self.tabs, 1)

        self.scope_combo.currentIndexChanged.connect(self._scope_changed)
        self.year.valueChanged.connect(self._year_changed)
        self._set_scope_kind("contract")

    # ---- tools tab --------------------------------------------------------------------------------

    def _build_tools_tab(self) -> QWidget:
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search tools (number or name)…"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(_("Search tools"))
        self.search.textChanged.connect(self._filter)
        self.model_tabs = QTabWidget()
        self.trees: dict[str, QTreeWidget] = {}
        for model in [m for m in MODEL_ORDER if m in self.catalogue.models] + [
            m for m in self.catalogue.models if m not in MODEL_ORDER
        ]:
            tree = QTreeWidget()
            tree.setAccessibleName(str(self.catalogue.models[model]))
            tree.setHeaderLabels([_("Tool"), _("For")])
            tree.setRootIsDecorated(True)
            tree.setUniformRowHeights(True)
            tree.itemActivated.connect(self._activated)
            tree.itemClicked.connect(self._activated)
            self._fill_tree(tree, model)
            self.trees[model] = tree
            count = len(self.catalogue.by_model(model))
            self.model_tabs.addTab(tree, str(self.catalogue.models[model]))
            self.model_tabs.setTabToolTip(
                self.model_tabs.count() - 1, ngettext("{n} tool", "{n} tools", count).format(n=count)
            )
        left = QWidget()
        col = QVBoxLayout(left)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(self.search)
        col.addWidget(self.model_tabs, 1)
        left.setMinimumWidth(300)

        self.stack = QStackedWidget()
        intro = QLabel(
            _(
                "Choose a tool on the left. Each tool opens as a form; the results appear beside it "
                "with their interpretation and a chart. “Calculate” shows the result, “Save” stores "
                "the inputs and the result for the chosen record and year."
            )
        )
        intro.setWordWrap(True)
        intro.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        intro.setMargin(12)
        self.stack.addWidget(intro)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self.stack)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 1)
        split.setSizes([310, 1050])
        split.setChildrenCollapsible(False)
        return split

    def _fill_tree(self, tree: QTreeWidget, model: str) -> None:
        tree.clear()
        for stage, stage_name in self.catalogue.stages.items():
            tools = [t for t in self.catalogue.by_model(model) if t.stages and t.stages[0] == stage]
            if not tools:
                continue
            head = QTreeWidgetItem([str(stage_name), ""])
            f = head.font(0)
            f.setBold(True)
            head.setFont(0, f)
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            tree.addTopLevelItem(head)
            for t in tools:
                item = QTreeWidgetItem([f"{t.id}  {t.name}", scope_short_label(t.scope)])
                item.setData(0, ToolRole, t.id)
                others = [str(self.catalogue.stages[s]) for s in t.stages[1:] if s in self.catalogue.stages]
                tip = f"{t.id} {t.name}\n{t.purpose}"
                if others:
                    tip += "\n" + _("Also used at: {stages}").format(stages=", ".join(others))
                item.setToolTip(0, tip)
                head.addChild(item)
            head.setExpanded(True)
        tree.resizeColumnToContents(1)
        tree.header().setStretchLastSection(False)
        tree.header().setSectionResizeMode(0, tree.header().ResizeMode.Stretch)

    def _filter(self, text: str) -> None:
        needle = text.strip().casefold()
        for tree in self.trees.values():
            for i in range(tree.topLevelItemCount()):
                head = tree.topLevelItem(i)
                assert head is not None, "i is below topLevelItemCount()"
                shown = 0
                for j in range(head.childCount()):
                    child = head.child(j)
                    hit = not needle or needle in child.text(0).casefold()
                    child.setHidden(not hit)
                    shown += hit
                head.setHidden(shown == 0)

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        tool_id = item.data(0, ToolRole)
        if tool_id:
            self.open_tool(tool_id)

    def open_tool(self, tool_id: str, scope_id: int | None = None, year: int | None = None) -> Any:
        """Show tool `tool_id` (optionally for a given record and year); returns its ToolPage."""
        from app.ui.tools.tool_page import ToolPage

        tool = self.catalogue.tool(tool_id)
        if self.page is not None and not self.page.confirm_leave():
            return self.page  # "Anuluj": the open form and what is typed in it stay
        self.tabs.setCurrentIndex(0)
        if year is not None:
            self.year.blockSignals(True)
            self.year.setValue(year)
            self.year.blockSignals(False)
        self._set_scope_kind(tool.scope, select_id=scope_id, reload_page=False)
        if self.page is not None:
            self.stack.removeWidget(self.page)
            self.page.deleteLater()
        self.page = ToolPage(tool, self.backend if self.db is not None else None, self.current_scope())
        self.page.saved.connect(self._saved)
        self.stack.addWidget(self.page)
        self.stack.setCurrentWidget(self.page)
        tree = self.trees.get(tool.model)
        if tree is not None:
            self.model_tabs.setCurrentWidget(tree)
        return self.page

    def _saved(self, _tool_id: str) -> None:
        self.data_changed.emit()

    def _open_from_usage(self, tool_id: str, scope_id: object, year: int) -> None:
        self.open_tool(tool_id, scope_id if isinstance(scope_id, int) else None, year)

    # ---- scope -----------------------------------------------------------------------------------

    def _set_scope_kind(self, kind: str, select_id: int | None = None, reload_page: bool = True) -> None:
        self._scope_kind = kind
        self.scope_kind_label.setText(scope_kind_label(kind) + ":")
        previous = select_id if select_id is not None else self.scope_combo.currentData()
        self.scope_combo.blockSignals(True)
        self.scope_combo.clear()
        with busy_cursor():
            choices = self.backend.scope_choices(kind, self.year.value())
        for choice in choices:
            self.scope_combo.addItem(choice.label, choice.id)
        if not choices:
            self.scope_combo.addItem(_("— no records for this year —"), None)
        index = self.scope_combo.findData(previous) if previous is not None else -1
        self.scope_combo.setCurrentIndex(max(index, 0))
        self.scope_combo.setEnabled(kind != "gmina" and bool(choices) and self.tabs.currentIndex() != 1)
        self.scope_combo.blockSignals(False)
        if reload_page:
            self._scope_changed()

    def current_scope(self) -> Scope | None:
        if self.catalogue is None:
            return None
        scope_id = self.scope_combo.currentData()
        scope = Scope(
            self._scope_kind, scope_id, self.year.value(), f"{self.scope_combo.currentText()} · {self.year.value()}"
        )
        return scope if scope.id_ok else None

    def _year_changed(self) -> None:
        self._set_scope_kind(self._scope_kind)

    def _scope_changed(self) -> None:
        scope = self.current_scope()
        # reload the open form only for another record or year: switching tabs keeps what was typed
        if self.page is not None and self.tabs.currentIndex() == 0 and scope != self.page.scope:
            if not self.page.confirm_leave():
                self._show_scope(self.page.scope)  # "Anuluj": back to the record and year of the form
                return
            self.page.set_scope(scope)
        self._refresh_tab()

    def _show_scope(self, scope: Scope | None) -> None:
        """Put the year and record pickers back on `scope` without reloading anything."""
        if scope is None:
            return
        self.year.blockSignals(True)
        self.year.setValue(scope.year)
        self.year.blockSignals(False)
        self._set_scope_kind(self._scope_kind, select_id=scope.id, reload_page=False)

    def _tab_changed(self, index: int) -> None:
        wanted = self.page.tool.scope if index == 0 and self.page is not None else "contract"
        if wanted != self._scope_kind:
            self._set_scope_kind(wanted)
        else:
            self._scope_changed()
        has_records = self.scope_combo.count() > 0 and self.scope_combo.itemData(0) is not None
        # the use matrix covers every record of the year: the record picker does not apply there
        self.scope_combo.setEnabled(index != 1 and self._scope_kind != "gmina" and has_records)

    def _refresh_tab(self) -> None:
        index = self.tabs.currentIndex()
        scope = self.current_scope()
        if index == 1:
            self.usage.show_year(self.year.value())
        elif index == 2:
            self.indices.show_contract(scope.id if scope else None, self.year.value())
        elif index == 3:
            self.card.show_contract(scope.id if scope else None, self.year.value())

    # ---- view protocol ----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Shown again or data changed elsewhere: reload the record list and stored results; an open
        form is reloaded only when it holds nothing unsaved."""
        if self.catalogue is None:
            return
        self.backend.invalidate_results()
        keep_form = self.page is not None and self.page.dirty
        self._set_scope_kind(self._scope_kind, reload_page=False)
        if self.page is not None and not keep_form:
            self.page.set_scope(self.current_scope())
        self._refresh_tab()

    def open_record(self, contract_id: int) -> None:
        """Show the contract's card: latest results of its tools and the trend over the years."""
        if self.catalogue is None:
            return
        self.tabs.blockSignals(True)
        self.tabs.setCurrentWidget(self.card)
        self.tabs.blockSignals(False)
        self._set_scope_kind("contract", select_id=contract_id, reload_page=False)
        if self.scope_combo.currentData() != contract_id:
            # the contract does not run in the chosen year: show it anyway
            self.scope_combo.addItem(_("contract {id}").format(id=contract_id), contract_id)
            self.scope_combo.setCurrentIndex(self.scope_combo.count() - 1)
        self.card.show_contract(contract_id, self.year.value())

    def tool_text(self, tool: Any) -> str:
        return localized_text(tool, "name")
