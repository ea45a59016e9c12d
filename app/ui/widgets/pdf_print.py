"""Printing a built PDF with the system print dialog (QtPrintSupport), page by page.

Each page is rasterised by PDFium (app.core.documents.render) just before it is painted, so a long
report never holds more than one page image; between pages the event loop runs and a progress
dialog lets the clerk cancel. Pages are rendered at the printer's resolution, capped at 300 dpi:
office printers print text no sharper above it and an A4 page at 600 dpi would take 140 MB.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QRectF, QSizeF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QWidget

from app.core.documents.render import PdfPages
from app.core.errors import UserFacingError
from app.core.i18n import _

MAX_PRINT_DPI = 300


def page_range(printer: QPrinter, page_count: int, current_page: int = 0) -> list[int]:
    """0-based indices of the pages to print, from what the clerk chose in the dialog."""
    mode = printer.printRange()
    if mode == QPrinter.PrintRange.CurrentPage:
        return [min(max(current_page, 0), page_count - 1)] if page_count else []
    if mode == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first = max(printer.fromPage(), 1)
        last = min(printer.toPage() or page_count, page_count)
        return list(range(first - 1, last))
    return list(range(page_count))


def prepare_printer(printer: QPrinter, pages: PdfPages) -> None:
    """Paper as in the document (A4, or A5 for the brochure), the whole sheet: the PDF has its margins."""
    if pages.page_count:
        w, h = pages.page_size_points(0)
        printer.setPageSize(QPageSize(QSizeF(w, h), QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch))
        printer.setPageOrientation(QPageLayout.Orientation.Landscape if w > h else QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)


def print_pages(
    printer: QPrinter, pages: PdfPages, indices: list[int], progress: Callable[[int, int], bool] | None = None
) -> int:
    """Paint the pages on the printer; returns how many were printed. `progress(done, total)`
    returning False cancels (the pages already sent stay printed)."""
    if not indices:
        return 0
    painter = QPainter()
    if not painter.begin(printer):
        raise UserFacingError(_("The printer could not be started."))
    printed = 0
    try:
        dpi = min(printer.resolution(), MAX_PRINT_DPI)
        for n, index in enumerate(indices):
            if progress is not None and not progress(n, len(indices)):
                break
            if n:
                printer.newPage()
            img = pages.render(index, dpi)
            image = QImage(img.rgba, img.width, img.height, img.stride, QImage.Format.Format_RGBA8888)
            target = _fit(QRectF(printer.paperRect(QPrinter.Unit.DevicePixel)), img.width, img.height)
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
            painter.drawImage(target, image)
            printed += 1
        if progress is not None:
            progress(len(indices), len(indices))
    finally:
        painter.end()
    return printed


def _fit(area: QRectF, width: int, height: int) -> QRectF:
    """The largest rectangle with the image's proportions, centred in `area`."""
    scale = min(area.width() / width, area.height() / height)
    w, h = width * scale, height * scale
    return QRectF(area.x() + (area.width() - w) / 2, area.y() + (area.height() - h) / 2, w, h)


def print_with_dialog(path: Path, parent: QWidget | None = None, current_page: int = 0) -> int:
    """Ask for the printer and pages in the system dialog, then print; returns pages printed."""
    try:
        pages = PdfPages(path)
    except UserFacingError as exc:
        QMessageBox.warning(parent, _("Print"), exc.message)
        return 0
    with pages:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(path.stem)
        prepare_printer(printer, pages)
        dialog = QPrintDialog(printer, parent)
        dialog.setWindowTitle(_("Print"))
        dialog.setMinMax(1, max(pages.page_count, 1))
        dialog.setFromTo(1, max(pages.page_count, 1))
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintCurrentPage, True)
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return 0
        indices = page_range(printer, pages.page_count, current_page)
        box = QProgressDialog(_("Printing…"), _("Cancel"), 0, len(indices), parent)
        box.setWindowTitle(_("Print"))
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setMinimumDuration(400)

        def step(done: int, total: int) -> bool:
            box.setValue(done)
            box.setLabelText(_("Printing page {n} of {total}…").format(n=min(done + 1, total), total=total))
            QApplication.processEvents()
            return not box.wasCanceled()

        try:
            return print_pages(printer, pages, indices, step)
        except UserFacingError as exc:
            QMessageBox.warning(parent, _("Print"), exc.message)
            return 0
        finally:
            box.close()
