"""The Kreator's panel "Other gminas in the sphere …": what core's PeerPanel says (app.core.comparison.peers),
a table of the gminas' choices and indices, or the sentence saying why there is nothing and how to import."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QGroupBox, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from app.core.i18n import N_, _
from app.ui.widgets.table_model import Column, ColumnKind, RowTableModel

#: the column that takes the room left (the choices, whose route names are long, wrap); the others fit their
#: contents
WRAPPED = 3


def choices(r: Any) -> str:
    """One gmina's choices in one cell, a line each: routes, forms, tools (columns of their own leave the long
    route names too narrow to read beside the indices)."""
    return "\n".join([r.routes, r.forms, _("Tools: {tools}").format(tools=r.tools)])


def columns() -> list[Column[Any]]:
    from app.core.comparison.peers import index_headers  # msgids, translated as every header is

    return [
        Column(N_("Gmina (year)"), lambda r: f"{r.gmina} ({r.year})"),
        Column(N_("Contracts"), lambda r: r.contracts, ColumnKind.NUMBER, formatter=str),
        Column(N_("Multi-year"), lambda r: r.multi_year, alignment=Qt.AlignmentFlag.AlignRight),
        Column(N_("What it chose"), choices),
    ] + [_index_column(i, header) for i, header in enumerate(index_headers())]


def _index_column(i: int, header: str) -> Column[Any]:
    return Column(header, lambda r: r.indices[i], alignment=Qt.AlignmentFlag.AlignRight)


class PeersPanel(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("peers")
        lay = QVBoxLayout(self)
        self.model: RowTableModel[Any] = RowTableModel(columns())
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(_("What other gminas chose and achieved in the sphere"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(WRAPPED, QHeaderView.ResizeMode.Stretch)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        # a wrapped column's width is known only once laid out: the rows follow it
        header.sectionResized.connect(lambda *_a: self._fit_rows())
        # the page scrolls, not the table: it is as high as its rows
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
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
        self._fit_rows()
        self.summary.setText(panel.summary)
        self.summary.setVisible(bool(panel.summary))
        self.message.setText(panel.message)
        self.message.setVisible(bool(panel.message))

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 (Qt)
        super().resizeEvent(event)
        self._fit_rows()

    def _fit_rows(self) -> None:
        self.table.resizeRowsToContents()
        height = self.table.horizontalHeader().height() + 2 * self.table.frameWidth()
        self.table.setFixedHeight(height + sum(self.table.rowHeight(r) for r in range(self.model.rowCount())))
