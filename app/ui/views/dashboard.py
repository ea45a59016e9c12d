""" "Pulpit": the gmina at a glance — counts, money committed per budget year, contract dates and
statutory deadlines coming up. Figures come from app.core.services.dashboard (no queries here).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent, QMouseEvent, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from app.core.domain.gmina_records import GminaRecord
from app.core.i18n import N_, _, currency_symbol, format_date, format_decimal, format_money, ngettext
from app.core.law.types import Deadline, DeadlineState
from app.core.services.dashboard import DashboardData, UpcomingDate, dashboard
from app.ui.widgets.table_model import Column, ColumnKind, RowTableModel, read_only_view

if TYPE_CHECKING:
    from app.core.db.engine import Database
    from app.core.db.plain_reads import Reader

BAR_COLOUR = QColor("#3b6ea8")
CURRENT_YEAR_COLOUR = QColor("#d07a1f")
SOON_DAYS = 7
DEMO_BANNER_STYLE = "background: #fff4d6; color: #5a4300; border: 1px solid #e6c766; border-radius: 4px; padding: 6px;"


def thousands_label(amount: Decimal) -> str:
    """Bar label in thousands: 412 600,00 zł -> "412,6" (the axis says "tys. zł"; the table has exact sums)."""
    value = (amount / 1000).quantize(Decimal("0.1"))
    return format_decimal(value, 1 if value < 100 else 0)


def thousands_unit() -> str:
    """The chart's unit in the UI language: "tys. zł" in Polish, "thousand PLN" in English (babel's
    currency symbol for the language)."""
    return _("thousand {currency}").format(currency=currency_symbol())


class BarChart(QWidget):
    """Money committed per budget year as bars drawn with QPainter (no matplotlib at start-up)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        #: None until the figures are read: "loading" must not look like "nothing planned"
        self.values: list[tuple[int, Decimal]] | None = None
        self.highlight: int | None = None
        self.setMinimumSize(240, 170)
        self.setMaximumHeight(210)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_values(self, values: dict[int, Decimal], highlight: int | None = None) -> None:
        self.values = sorted(values.items())
        self.highlight = highlight
        self.setToolTip("\n".join(f"{year}: {format_money(amount)}" for year, amount in self.values))
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(480, 220)

    def paintEvent(self, _event: object) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text_colour = self.palette().color(QPalette.ColorRole.WindowText)
        rect = QRectF(self.rect()).adjusted(8, 8, -8, -8)
        if not self.values:
            painter.setPen(text_colour)
            painter.drawText(
                rect,
                Qt.AlignmentFlag.AlignCenter,
                _("Loading the figures…") if self.values is None else _("No tranches planned yet."),
            )
            return
        metrics = painter.fontMetrics()
        line = metrics.height()
        painter.setPen(text_colour)
        painter.drawText(
            QRectF(rect.left(), rect.top(), rect.width(), line),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
            thousands_unit(),
        )
        rect.setTop(rect.top() + line + 2)
        top = rect.top() + line + 4  # room for the value above the tallest bar
        bottom = rect.bottom() - line - 6  # room for the year below
        height = max(bottom - top, 1.0)
        biggest = max((amount for _y, amount in self.values), default=Decimal(0)) or Decimal(1)
        slot = rect.width() / len(self.values)
        bar = min(slot * 0.62, 70.0)
        small = QFont(painter.font())
        label_texts = [thousands_label(amount) for _y, amount in self.values]
        # shrink the value labels when they would overlap their neighbours
        widest = max(metrics.horizontalAdvance(t) for t in label_texts)
        if widest > slot - 4 and small.pointSizeF() > 0:
            small.setPointSizeF(max(6.0, small.pointSizeF() * (slot - 4) / widest))
        painter.setPen(QPen(text_colour.lighter(160) if text_colour.lightness() < 128 else text_colour.darker(160)))
        painter.drawLine(int(rect.left()), int(bottom), int(rect.right()), int(bottom))
        for i, ((year, amount), label) in enumerate(zip(self.values, label_texts)):
            x = rect.left() + i * slot + (slot - bar) / 2
            h = float(amount / biggest) * height
            colour = CURRENT_YEAR_COLOUR if year == self.highlight else BAR_COLOUR
            painter.fillRect(QRectF(x, bottom - h, bar, h), QBrush(colour))
            painter.setPen(text_colour)
            painter.setFont(small)
            painter.drawText(
                QRectF(rect.left() + i * slot, bottom - h - line - 2, slot, line),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                label,
            )
            painter.setFont(self.font())
            painter.drawText(
                QRectF(rect.left() + i * slot, bottom + 4, slot, line),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                str(year),
            )
        painter.end()


class Tile(QFrame):
    """One count: a big number, its name and a small note; click (or Enter) opens its register."""

    clicked = Signal()

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardTile")
        self.setAccessibleName(title)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "#dashboardTile { background: palette(base); border: 1px solid palette(mid); "
            "border-radius: 6px; } #dashboardTile:focus, #dashboardTile:hover "
            "{ border: 1px solid palette(highlight); }"
        )
        self.title = QLabel(title)
        self.value = QLabel("—")
        big = QFont(self.value.font())
        big.setPointSizeF(big.pointSizeF() * 1.9)
        big.setBold(True)
        self.value.setFont(big)
        self.note = QLabel()
        self.note.setStyleSheet("color: palette(dark);")
        # no word wrap here: a wrapped label makes the scrolled page height-for-width, and the scroll area
        # then asks for every widget's preferred height (a needless scroll bar at 1366×768)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.value)
        layout.addWidget(self.note)
        layout.addStretch(1)

    def set(self, value: str, note: str = "") -> None:
        self.value.setText(value)
        self.note.setText(note)
        self.setAccessibleDescription(f"{value} {note}".strip())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.clicked.emit()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit()
            return
        super().keyPressEvent(event)


def _high_contrast() -> bool:
    """The high-contrast palette (app.ui.theme) is on: our own colours would fight it."""
    app = QApplication.instance()
    return bool(app is not None and app.property("wkus_high_contrast"))


def _read_only_table(model: RowTableModel[Any], name: str) -> QTableView:
    table = read_only_view(model, name)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    return table


@dataclass(frozen=True)
class MoneyRow:
    """A line of the money table: a budget year (bold when it is the current one) or the total."""

    label: str
    amount: Decimal
    bold: bool = False
    tooltip: str | None = None


MONEY_COLUMNS: list[Column[MoneyRow]] = [
    Column(N_("Budget year"), lambda r: r.label, bold=lambda r: r.bold, tooltip=lambda r: r.tooltip),
    Column(N_("Committed"), lambda r: r.amount, kind=ColumnKind.MONEY, bold=lambda r: r.bold, tooltip=lambda r: None),
]


@dataclass(frozen=True)
class _Loaded:
    data: DashboardData
    gmina: GminaRecord | None
    deadlines: list[Deadline]


def _load(db: Database | Reader, today: dt.date, days: int) -> _Loaded:
    """Everything the Pulpit shows (plain records only, no ORM objects): read in a worker thread, or at
    start-up from the SQLite file before the database stack is imported (`first_figures`)."""
    from app.core.law.deadlines import collect_deadlines
    from app.core.services.gmina_read import read_gmina

    return _Loaded(dashboard(db, today), read_gmina(db), collect_deadlines(db, today, days=days))


def first_figures(db_path: Path, today: dt.date, days: int = 60) -> _Loaded | None:
    """The Pulpit's figures read straight from the embedded SQLite file, read-only, with no SQLAlchemy and
    no models imported (issue 18: they take more than twice the bare window's start); None when that is
    not safe (another schema version, a server database, SQLite refusing to read), and the Pulpit then
    reads after the database is opened. The same SQL text and conversions either way (plain_reads)."""
    from app.core.db.plain_reads import read_current_file

    return read_current_file(db_path, lambda reader: _load(reader, today, days))


def _days_text(days: int) -> str:
    if days == 0:
        return _("today")
    if days == 1:
        return _("tomorrow")
    return ngettext("in {n} day", "in {n} days", days).format(n=days)


class DashboardView(QWidget):
    """The Pulpit. `refresh()` reloads every figure; double-click on a date opens its contract, a click
    on a tile opens its register (`view_requested`, connected by the main window when present)."""

    record_requested = Signal(str, object)
    #: key of a view in app.ui.views.registry
    view_requested = Signal(str)
    #: the figures of the last refresh() are on the page
    loaded = Signal()

    def __init__(self, db: Database | None, parent: QWidget | None = None, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.today = today
        self.data: DashboardData | None = None
        self.upcoming: list[UpcomingDate] = []
        self._generation = 0
        self._job: object | None = None  # the background read in flight (kept referenced until it reports)

        self.heading = QLabel(_("Dashboard"))
        self.heading.setObjectName("viewTitle")
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.heading.setFont(font)
        self.as_of = QLabel()
        self.demo_banner = QLabel(
            _(
                "This is the demo gmina: every name and number in it is fictional. "
                "Load your own data into a new database before real work."
            )
        )
        self.demo_banner.setWordWrap(True)  # outside the scroll area, so wrapping is harmless
        self.demo_banner.setVisible(False)

        self.tile_orgs = Tile(_("Organisations"))
        self.tile_tasks = Tile(_("Public tasks"))
        self.tile_contracts = Tile(_("Contracts"))
        self.tile_multi = Tile(_("Of them multi-year"))
        self.tile_money = Tile(_("Committed funds"))
        for tile, key in (
            (self.tile_orgs, "organisations"),
            (self.tile_tasks, "tasks"),
            (self.tile_contracts, "contracts"),
            (self.tile_multi, "contracts"),
            (self.tile_money, "contracts"),
        ):
            tile.clicked.connect(lambda key=key: self.view_requested.emit(key))
            tile.setToolTip(_("Click to open the register."))
        self.tile_money.setToolTip(
            _(
                "Tranches of signed contracts (drafts are not counted; a terminated contract "
                "counts what was transferred). Click to open the register."
            )
        )
        tiles = QGridLayout()
        tiles.setSpacing(10)
        self.tiles_grid = tiles
        self.tiles = (self.tile_orgs, self.tile_tasks, self.tile_contracts, self.tile_multi, self.tile_money)
        self.tile_columns = 0
        self._place_tiles(len(self.tiles))

        self.chart = BarChart()
        self.money_model: RowTableModel[MoneyRow] = RowTableModel(MONEY_COLUMNS, self)
        self.money_table = _read_only_table(self.money_model, _("Money committed per budget year"))
        self.money_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        money_box = QGroupBox(_("Money committed per budget year"))
        money_layout = QHBoxLayout(money_box)
        money_layout.addWidget(self.chart, 1)
        money_layout.addWidget(self.money_table, 0, Qt.AlignmentFlag.AlignTop)

        self._upcoming_today = dt.date.today()  # the day "When" counts from: the refresh's

        def soon(u: UpcomingDate) -> QColor | None:
            return None if _high_contrast() or u.days_left(self._upcoming_today) > SOON_DAYS else QColor("#9a5b00")

        def upcoming(header: str, value: Callable[[UpcomingDate], Any], **options: Any) -> Column[UpcomingDate]:
            # the whole text as tooltip, also when it is short (the column may be narrow)
            options.setdefault("tooltip", lambda u: RowTableModel.cell_text(column, u))
            column: Column[UpcomingDate] = Column(header, value, foreground=soon, **options)
            return column

        self.upcoming_model: RowTableModel[UpcomingDate] = RowTableModel(
            [
                upcoming(N_("Date"), lambda u: u.date, kind=ColumnKind.DATE),
                upcoming(N_("When"), lambda u: _days_text(u.days_left(self._upcoming_today))),
                upcoming(N_("What"), lambda u: u.what),
                upcoming(N_("Contract"), lambda u: u.contract_number, tooltip=lambda u: u.contract_title),
                upcoming(N_("Organisation"), lambda u: u.organisation_names),
                # a date that is not a payment has no amount: an empty cell, not "—"
                upcoming(
                    N_("Amount"),
                    lambda u: u.amount,
                    kind=ColumnKind.MONEY,
                    formatter=lambda a: "" if a is None else format_money(a),
                ),
            ],
            self,
        )
        self.upcoming_table = _read_only_table(self.upcoming_model, _("Payments, reports and contract ends"))
        header = self.upcoming_table.horizontalHeader()
        for col in (0, 1, 2, 3, 5):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        # activated = double-click or Enter (keyboard users open the contract too)
        self.upcoming_table.activated.connect(lambda index: self._open_upcoming(index.row(), index.column()))
        self.upcoming_table.setToolTip(_("Double-click a row to open the contract."))
        self.upcoming_empty = QLabel(_("No tranche payments, reports or contract ends in the next days."))
        self.upcoming_empty.setVisible(False)
        upcoming_page = QWidget()
        upcoming_layout = QVBoxLayout(upcoming_page)
        upcoming_layout.addWidget(self.upcoming_table)
        upcoming_layout.addWidget(self.upcoming_empty)

        from app.ui.views.deadlines import DeadlinesWidget

        # the statutory deadlines (law engine); loaded by our refresh(), not in its constructor
        self.deadlines = DeadlinesWidget(None, today=today, days=60)
        self.deadlines.db = db
        self.deadlines.title.setVisible(False)  # the tab says what it is and how many are overdue
        self.deadlines.summary.setVisible(False)
        self.deadlines.record_requested.connect(self.record_requested)

        # full-width lists: organisation names and legal bases are long
        self.lists = QTabWidget()
        self.lists.setDocumentMode(True)
        # the counts join the titles once the figures are read
        self.lists.addTab(upcoming_page, _("Contract dates"))
        self.lists.addTab(self.deadlines, _("Statutory deadlines"))
        self.lists.setMinimumHeight(200)
        # the deadlines' export button sits beside the tabs instead of taking a row of its own
        self.lists.setCornerWidget(self.deadlines.export_button, Qt.Corner.TopRightCorner)
        self.lists.currentChanged.connect(self._tab_changed)
        self._tab_changed(self.lists.currentIndex())

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 12)
        layout.setSpacing(10)
        layout.addLayout(tiles)
        layout.addWidget(money_box)
        layout.addWidget(self.lists, 1)
        scroll = QScrollArea()
        self.scroll_area = scroll  # not "scroll": that is QWidget.scroll()
        scroll.setWidgetResizable(True)
        # the tiles wrap to a second row when the page is narrow (150% scaling, longer translations)
        scroll.viewport().installEventFilter(self)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        head = QHBoxLayout()
        head.addWidget(self.heading)
        head.addStretch(1)
        head.addWidget(self.as_of)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 0)
        outer.setSpacing(8)
        outer.addLayout(head)
        outer.addWidget(self.demo_banner)
        outer.addWidget(scroll, 1)

    # ---- tiles layout ----------------------------------------------------------------------------

    def _place_tiles(self, columns: int) -> None:
        """The five tiles in rows of `columns` (5 in one row when the page is wide enough)."""
        if columns == self.tile_columns:
            return
        grid = self.tiles_grid
        for tile in self.tiles:
            grid.removeWidget(tile)
        for col in range(max(self.tile_columns, columns)):
            grid.setColumnStretch(col, 0)
        for i, tile in enumerate(self.tiles):
            grid.addWidget(tile, i // columns, i % columns)
        for col in range(columns):
            grid.setColumnStretch(col, 1)
        if columns == len(self.tiles):
            grid.setColumnStretch(columns - 1, 2)  # the money tile: its number is the longest
        self.tile_columns = columns

    def _fit_tiles(self, width: int) -> None:
        """As many tiles per row as fit in `width` (the widest tile decides), never a side scroll."""
        spacing = self.tiles_grid.horizontalSpacing()
        widest = max(tile.sizeHint().width() for tile in self.tiles)
        needed_one_row = sum(tile.sizeHint().width() for tile in self.tiles) + spacing * (len(self.tiles) - 1)
        if needed_one_row <= width:
            self._place_tiles(len(self.tiles))
            return
        columns = max(1, min(len(self.tiles) - 1, (width + spacing) // (widest + spacing)))
        self._place_tiles(columns)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is self.scroll_area.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_tiles(self.scroll_area.viewport().width())
        return super().eventFilter(watched, event)

    # ---- data ------------------------------------------------------------------------------------

    def show_first_figures(self, today: dt.date, figures: _Loaded) -> None:
        """The figures read at start-up before the database was opened (`first_figures`); `attach` gives
        the page its database afterwards."""
        self._generation += 1
        self._loaded(self._generation, today, figures)

    def attach(self, db: Database) -> None:
        """The database, opened after the start-up figures were shown (the page needs it to refresh)."""
        self.db = db

    def refresh(self) -> None:
        """Reload every figure in the background (a large gmina takes a while to read); the page shows
        "Wczytywanie…" meanwhile and `loaded` is emitted once the figures are on it."""
        from app.ui.workers import run_in_background

        if self.db is None:  # the start-up figures are on the page; the database is still opening
            return

        today = self.today or dt.date.today()
        self._generation += 1
        generation = self._generation
        self._show_loading()
        db, days = self.db, self.deadlines.days
        self._job = run_in_background(
            lambda: _load(db, today, days),
            lambda result: self._loaded(generation, today, result),
            lambda message: self._failed(generation, message),
        )

    def _show_loading(self) -> None:
        self.as_of.setText(_("Loading the figures…"))
        if self.data is None:
            for tile in self.tiles:
                tile.set("…")

    def _loaded(self, generation: int, today: dt.date, result: _Loaded) -> None:
        if generation != self._generation or not isValid(self):
            return  # a newer refresh is on its way, or the page is gone
        self._job = None
        self.data = data = result.data
        gmina = result.gmina
        self.heading.setText(gmina.name if gmina else _("Dashboard"))
        self.as_of.setText(_("As of {date}").format(date=format_date(today)))
        self.as_of.setToolTip("")
        self.demo_banner.setVisible(bool(gmina and gmina.is_demo))
        self.demo_banner.setStyleSheet("" if _high_contrast() else DEMO_BANNER_STYLE)
        self._fill_tiles(data)
        self._fit_tiles(self.scroll_area.viewport().width())  # the numbers changed the tiles' widths
        self._fill_money(data, today)
        self._fill_upcoming(data, today)
        self.deadlines.today = today
        self.deadlines.set_deadlines(result.deadlines)
        overdue = sum(1 for d in self.deadlines.items if d.state is DeadlineState.OVERDUE)
        title = _("Statutory deadlines ({n})").format(n=len(self.deadlines.items))
        if overdue:
            title = _("Statutory deadlines ({n}, overdue: {overdue})").format(
                n=len(self.deadlines.items), overdue=overdue
            )
        self.lists.setTabText(1, title)
        if overdue and not getattr(self, "_tab_chosen", False):
            # An overdue statutory deadline is the first thing the clerk must see (issue: "the dashboard
            # opens with Terminy"); later refreshes keep whichever tab the clerk picked.
            self.lists.setCurrentIndex(1)
        self._tab_chosen = True
        self.lists.tabBar().setTabTextColor(1, QColor("#b00020") if overdue and not _high_contrast() else QColor())
        self.loaded.emit()

    def _failed(self, generation: int, message: str) -> None:
        if generation != self._generation or not isValid(self):
            return
        self._job = None
        self.as_of.setText(message)
        self.as_of.setToolTip(message)

    def _fill_tiles(self, data: DashboardData) -> None:
        self.tile_orgs.set(
            format_decimal(data.organisations),
            ngettext("{n} active", "{n} active", data.active_organisations).format(n=data.active_organisations),
        )
        self.tile_tasks.set(format_decimal(data.tasks), _("in the register"))
        self.tile_contracts.set(
            format_decimal(data.contracts),
            ngettext("{n} in progress", "{n} in progress", data.active_contracts).format(n=data.active_contracts),
        )
        share = ""
        if data.contracts:
            share = _("{share} of all contracts").format(
                share=format_decimal(Decimal(100 * data.multi_year_contracts) / data.contracts, 0) + "%"
            )
        self.tile_multi.set(format_decimal(data.multi_year_contracts), share)
        years = sorted(data.committed_per_year)
        span = ""
        if years:
            span = (
                _("in {year}").format(year=years[0])
                if len(years) == 1
                else _("in the years {first}–{last}").format(first=years[0], last=years[-1])
            )
        self.tile_money.set(format_money(data.committed_total), span)

    def _fill_money(self, data: DashboardData, today: dt.date) -> None:
        rows = sorted(data.committed_per_year.items())
        lines = [
            MoneyRow(
                str(year),
                amount,
                bold=year == today.year,
                tooltip=_("current budget year") if year == today.year else None,
            )
            for year, amount in rows
        ]
        if rows:
            lines.append(MoneyRow(_("Total"), data.committed_total, bold=True))
        self.money_model.set_rows(lines)
        self.money_table.setVisible(bool(rows))
        self.money_table.resizeColumnsToContents()
        self.money_table.resizeRowsToContents()
        # exactly as wide as its columns: the chart takes the rest, no amount is cut off
        table = self.money_table
        width = sum(table.columnWidth(c) for c in range(self.money_model.columnCount())) + 2 * table.frameWidth()
        height = table.horizontalHeader().height() + 2 * table.frameWidth()
        height += sum(table.rowHeight(r) for r in range(self.money_model.rowCount()))
        if height > self.chart.maximumHeight():  # many years: scroll inside the table
            width += table.verticalScrollBar().sizeHint().width()
        table.setFixedWidth(width)
        table.setMaximumHeight(min(height, self.chart.maximumHeight()))
        self.chart.set_values(data.committed_per_year, highlight=today.year)

    def _fill_upcoming(self, data: DashboardData, today: dt.date) -> None:
        from app.core.services.dashboard import UPCOMING_DAYS

        self.upcoming = list(data.upcoming)
        self.lists.setTabText(
            0, _("Contract dates in the next {days} days ({n})").format(days=UPCOMING_DAYS, n=len(self.upcoming))
        )
        self._upcoming_today = today
        self.upcoming_model.set_rows(self.upcoming)
        self.upcoming_table.resizeRowsToContents()
        self.upcoming_table.setVisible(bool(self.upcoming))
        self.upcoming_empty.setVisible(not self.upcoming)

    def _tab_changed(self, index: int) -> None:
        self.deadlines.export_button.setVisible(self.lists.widget(index) is self.deadlines)

    def _open_upcoming(self, row: int, _column: int) -> None:
        if 0 <= row < len(self.upcoming):
            self.record_requested.emit("contract", self.upcoming[row].contract_id)
