"""The Kreator's panel "Other gminas in the sphere …": what core's PeerPanel says (app.core.comparison.peers),
a table of the gminas' choices and indices, or the sentence saying why there is nothing and how to import."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QAbstractItemView, QGroupBox, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from app.core.i18n import N_
from app.ui.widgets.table_model import Column, ColumnKind, RowTableModel

COLUMNS: list[Column[Any]] = [
    Column(N_("Gmina"), lambda r: r.gmina),
    Column(N_("Year"), lambda r: r.year, ColumnKind.NUMBER, formatter=str),
    Column(N_("Contracts"), lambda r: r.contracts, ColumnKind.NUMBER, formatter=str),
    Column(N_("Legal route"), lambda r: r.routes),
    Column(N_("Form"), lambda r: r.forms),
    Column(N_("Multi-year"), lambda r: r.multi_year),
    Column(N_("Indices in the sphere"), lambda r: r.indices),
]


class PeersPanel(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("peers")
        lay = QVBoxLayout(self)
        self.model: RowTableModel[Any] = RowTableModel(COLUMNS)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(self.table.fontMetrics().height() * 8)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        lay.addWidget(self.table)
        lay.addWidget(self.summary)
        lay.addWidget(self.message)

    def show_panel(self, panel: Any) -> None:
        """`panel`: an app.core.comparison.peers.PeerPanel (already translated)."""
        self.setTitle(panel.heading)
        self.model.set_rows(panel.rows)
        self.table.setVisible(bool(panel.rows))
        self.table.resizeRowsToContents()
        self.summary.setText(panel.summary)
        self.summary.setVisible(bool(panel.summary))
        self.message.setText(panel.message)
        self.message.setVisible(bool(panel.message))
