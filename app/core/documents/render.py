"""Pages of a built PDF as images, for the in-app preview and for printing (no Qt here).

PySide6-Essentials has no QtPdf, so pages are rasterised with PDFium (pypdfium2). The UI opens a
`PdfPages` once and asks for one page at a time: a 60-page report is never rendered up front, and
the file stays open only while the preview shows it. pypdfium2 is imported lazily.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.core.errors import UserFacingError, os_reason
from app.core.i18n import _

log = logging.getLogger(__name__)

POINTS_PER_INCH = 72.0


@dataclass(frozen=True)
class PageImage:
    """One rendered page: raw RGBA bytes, row-major, `width * 4` bytes per row."""

    index: int  # 0-based
    width: int
    height: int
    rgba: bytes
    dpi: float

    @property
    def stride(self) -> int:
        return self.width * 4


class PdfPages:
    """An open PDF whose pages are rendered on demand; use as a context manager or call close().

    PDFium is not thread-safe, so one lock serialises every call on the document (the preview
    renders in a worker thread while the GUI thread may ask for the page count)."""

    def __init__(self, path: Path | str) -> None:
        import pypdfium2 as pdfium

        self.path = Path(path)
        self._lock = threading.Lock()
        try:
            self._pdf: Any = pdfium.PdfDocument(str(self.path))
        except OSError as exc:
            raise UserFacingError(
                _("The PDF file {name} cannot be read: {reason}").format(name=self.path.name, reason=os_reason(exc))
            ) from exc
        except pdfium.PdfiumError as exc:  # PDFium's own words are English and technical: the log keeps them
            log.warning("PDFium cannot open %s: %s", self.path, exc)
            raise UserFacingError(
                _("The PDF file {name} cannot be read: {reason}").format(
                    name=self.path.name, reason=_("it is damaged or not a PDF file")
                )
            ) from exc
        self.page_count = len(self._pdf)

    def __enter__(self) -> PdfPages:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        with self._lock:
            if self._pdf is not None:
                self._pdf.close()
                self._pdf = None

    def page_size_points(self, index: int) -> tuple[float, float]:
        """Width and height of the page in PDF points (1/72 inch)."""
        with self._lock:
            page = self._page(index)
            try:
                return float(page.get_width()), float(page.get_height())
            finally:
                page.close()

    def render(self, index: int, dpi: float = 96.0) -> PageImage:
        """Page `index` (0-based) at `dpi`, white background, as RGBA."""
        if not 1 <= dpi <= 1200:
            raise ValueError("dpi out of range")
        with self._lock:
            page = self._page(index)
            try:
                bitmap = page.render(
                    scale=dpi / POINTS_PER_INCH,
                    rev_byteorder=True,
                    fill_color=(255, 255, 255, 255),
                    may_draw_forms=False,
                    prefer_bgrx=True,
                    maybe_alpha=False,
                )
                try:
                    image = _to_rgba(bitmap)
                finally:
                    bitmap.close()
            finally:
                page.close()
        width, height, rgba = image
        return PageImage(index, width, height, rgba, dpi)

    def _page(self, index: int) -> Any:
        if self._pdf is None:
            raise UserFacingError(_("The document has been closed."))
        if not 0 <= index < self.page_count:
            raise IndexError(index)
        return self._pdf[index]


def _to_rgba(bitmap: Any) -> tuple[int, int, bytes]:
    """The bitmap's pixels as tightly packed RGBA (PDFium rows may be padded; RGBX -> RGBA)."""
    width, height, stride = bitmap.width, bitmap.height, bitmap.stride
    raw = bytes(bitmap.buffer)
    channels = bitmap.n_channels
    rows = []
    for y in range(height):
        row = raw[y * stride : y * stride + width * channels]
        rows.append(row)
    packed = b"".join(rows)
    if channels == 4:
        # rev_byteorder with prefer_bgrx gives RGBX: the fourth byte is undefined, make it opaque
        buf = bytearray(packed)
        buf[3::4] = b"\xff" * (width * height)
        return width, height, bytes(buf)
    if channels == 3:
        buf = bytearray(width * height * 4)
        buf[0::4], buf[1::4], buf[2::4] = packed[0::3], packed[1::3], packed[2::3]
        buf[3::4] = b"\xff" * (width * height)
        return width, height, bytes(buf)
    # greyscale
    buf = bytearray(width * height * 4)
    buf[0::4] = buf[1::4] = buf[2::4] = packed
    buf[3::4] = b"\xff" * (width * height)
    return width, height, bytes(buf)


def page_count(path: Path | str) -> int:
    with PdfPages(path) as pages:
        return pages.page_count


def render_page(path: Path | str, index: int, dpi: float = 96.0) -> PageImage:
    """One page of a PDF file (opens and closes the file; for repeated use keep a PdfPages)."""
    with PdfPages(path) as pages:
        return pages.render(index, dpi)


def render_png(path: Path | str, index: int, dpi: float = 96.0) -> bytes:
    """One page as PNG bytes (for tests and for a thumbnail cache); written here without PIL."""
    import struct
    import zlib

    img = render_page(path, index, dpi)
    raw = b"".join(b"\x00" + img.rgba[y * img.stride : (y + 1) * img.stride] for y in range(img.height))

    def chunk(tag: bytes, payload: bytes) -> bytes:
        return (
            struct.pack(">I", len(payload)) + tag + payload + struct.pack(">I", zlib.crc32(tag + payload) & 0xFFFFFFFF)
        )

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", img.width, img.height, 8, 6, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw, 6))
        + chunk(b"IEND", b"")
    )
