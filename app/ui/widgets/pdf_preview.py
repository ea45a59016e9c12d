"""Page-by-page preview of a built PDF: Prev/Next, "Strona X z Y", zoom, fit to width.

Pages are rendered lazily by PDFium (app.core.documents.render) in a worker thread, one page at a
time and only when shown; the last few pages stay cached so paging back is instant. Only the
latest request is displayed (a quick Next-Next-Next never shows a stale page).
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QImage, QKeySequence, QPixmap, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.documents.render import PageImage, PdfPages
from app.core.errors import UserFacingError
from app.core.i18n import _
from app.ui.workers import Job, run_in_background

FIT_WIDTH = 0  # zoom code for "fit to width"
ZOOMS = (FIT_WIDTH, 50, 75, 100, 125, 150, 200)
SCREEN_DPI = 96.0
CACHE_PAGES = 6


class PdfPreview(QWidget):
    """Shows one page of a PDF; `set_document(path)` opens it, `clear()` closes it."""

    page_shown = Signal(int)  # 0-based index, after the page image is on screen

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pages: PdfPages | None = None
        self.index = 0
        self._request = 0
        self._jobs: dict[int, Job] = {}
        self._meta: dict[int, tuple[tuple[int, int], float]] = {}
        self._cache: OrderedDict[tuple[int, int], QPixmap] = OrderedDict()

        self.prev_button = QToolButton()
        self.prev_button.setText(_("◀ Previous"))
        self.prev_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.prev_button.setAccessibleName(_("Previous page"))
        self.prev_button.clicked.connect(self.previous_page)
        self.next_button = QToolButton()
        self.next_button.setText(_("Next ▶"))
        self.next_button.setAccessibleName(_("Next page"))
        self.next_button.clicked.connect(self.next_page)
        self.page_label = QLabel()
        self.page_label.setMinimumWidth(self.page_label.fontMetrics().horizontalAdvance("Strona 888 z 888"))
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.zoom = QComboBox()
        self.zoom.setAccessibleName(_("Zoom"))
        self.zoom.setToolTip(_("Zoom"))
        self.zoom.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.zoom.setMinimumContentsLength(14)
        for z in ZOOMS:
            self.zoom.addItem(_("Fit to width") if z == FIT_WIDTH else f"{z} %", z)
        self.zoom.currentIndexChanged.connect(lambda _i: self._show(self.index))
        self.print_button = QPushButton(_("Print…"))
        bar = QHBoxLayout()
        bar.addWidget(self.prev_button)
        bar.addWidget(self.page_label)
        bar.addWidget(self.next_button)
        bar.addStretch(1)
        bar.addWidget(self.zoom)  # named for screen readers; a "Zoom" label would cost width the page needs
        bar.addWidget(self.print_button)

        self.image = QLabel()
        self.image.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.image.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.image.setWordWrap(True)
        self.page_area = QScrollArea()
        self.page_area.setWidget(self.image)
        self.page_area.setWidgetResizable(True)
        self.page_area.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.page_area.setStyleSheet("QScrollArea { background: palette(mid); }")
        self.page_area.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.page_area, 1)
        for keys, slot in (
            (QKeySequence.StandardKey.MoveToNextPage, self.next_page),
            (QKeySequence.StandardKey.MoveToPreviousPage, self.previous_page),
            (QKeySequence.StandardKey.ZoomIn, lambda: self._step_zoom(1)),
            (QKeySequence.StandardKey.ZoomOut, lambda: self._step_zoom(-1)),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self._resize_timer = QTimer(self)
        self._resize_timer.setSingleShot(True)
        self._resize_timer.setInterval(150)
        self._resize_timer.timeout.connect(lambda: self._show(self.index))
        self.clear()

    # ---- document ------------------------------------------------------------------------------

    @property
    def page_count(self) -> int:
        return self.pages.page_count if self.pages is not None else 0

    def set_document(self, path: Path) -> None:
        self.clear()
        try:
            self.pages = PdfPages(path)
        except UserFacingError as exc:
            self.image.setText(exc.message)
            return
        # closed with the widget too (no Python method can run once the C++ side is gone)
        self.destroyed.connect(lambda *_a, pages=self.pages: pages.close())
        self.print_button.setEnabled(self.page_count > 0)
        self._show(0)

    def clear(self, message: str = "") -> None:
        self._request += 1  # pending renders of the old document are ignored
        self._cache.clear()
        if self.pages is not None:
            # PdfPages locks each render: closing waits for a running one; queued ones then fail
            # quietly (their request number is stale)
            self.pages.close()
            self.pages = None
        self.index = 0
        self.image.setPixmap(QPixmap())
        self.image.setText(message or _("The preview of the built document appears here."))
        self.print_button.setEnabled(False)
        self._update_controls()

    # ---- navigation ----------------------------------------------------------------------------

    def next_page(self) -> None:
        if self.index + 1 < self.page_count:
            self._show(self.index + 1)

    def previous_page(self) -> None:
        if self.index > 0:
            self._show(self.index - 1)

    def go_to(self, index: int) -> None:
        if 0 <= index < self.page_count:
            self._show(index)

    def _step_zoom(self, step: int) -> None:
        i = self.zoom.currentIndex() + step
        if 0 <= i < self.zoom.count():
            self.zoom.setCurrentIndex(i)

    def _update_controls(self) -> None:
        n = self.page_count
        self.prev_button.setEnabled(n > 0 and self.index > 0)
        self.next_button.setEnabled(self.index + 1 < n)
        self.page_label.setText(_("Page {n} of {total}").format(n=self.index + 1, total=n) if n else "")

    # ---- rendering -----------------------------------------------------------------------------

    def _dpi(self) -> float:
        z = self.zoom.currentData()
        if z == FIT_WIDTH and self.pages is not None:
            width_pt, _h = self.pages.page_size_points(self.index)
            available = max(self.page_area.viewport().width() - 24, 200)
            return max(20.0, min(available / (width_pt / 72.0), 400.0))
        return SCREEN_DPI * (z or 100) / 100

    def _show(self, index: int) -> None:
        if self.pages is None:
            return
        self.index = index
        self._update_controls()
        ratio = self.devicePixelRatioF() or 1.0
        dpi = self._dpi()
        key = (index, round(dpi * ratio))
        if key in self._cache:
            self._cache.move_to_end(key)
            self._display(self._cache[key], ratio)
            return
        self._request += 1
        request, pages, scaled = self._request, self.pages, dpi * ratio
        self._meta[request] = (key, ratio)
        if not self._cache:
            self.image.setText(_("Rendering the page…"))
        # owner=self: nothing is delivered once the view is gone before the page is rendered
        self._jobs[request] = run_in_background(
            lambda: pages.render(index, scaled),
            lambda img: self._rendered(request, img),
            lambda message: self._failed(request, message),
            owner=self,
            failure=_("The page could not be shown because of an unexpected error. Details are in the log."),
            what=f"rendering page {index}",
        )

    def _rendered(self, request: int, img: PageImage) -> None:
        self._jobs.pop(request, None)
        key, ratio = self._meta.pop(request, ((img.index, round(img.dpi)), 1.0))
        if request != self._request:
            return
        qimage = QImage(img.rgba, img.width, img.height, img.stride, QImage.Format.Format_RGBA8888).copy()
        pixmap = QPixmap.fromImage(qimage)
        pixmap.setDevicePixelRatio(ratio)
        self._cache[key] = pixmap
        while len(self._cache) > CACHE_PAGES:
            self._cache.popitem(last=False)
        self._display(pixmap, ratio)

    def _display(self, pixmap: QPixmap, ratio: float) -> None:
        self.image.setText("")
        self.image.setPixmap(pixmap)
        self.page_shown.emit(self.index)

    def _failed(self, request: int, message: str) -> None:
        self._jobs.pop(request, None)
        self._meta.pop(request, None)
        if request == self._request:
            self.image.setText(message)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if self.pages is not None and self.zoom.currentData() == FIT_WIDTH:
            self._resize_timer.start()

    def close_document(self) -> None:
        self.clear()
