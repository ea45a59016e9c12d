"""Where the glyphs of a generated PDF stand: a check that nothing is printed outside the area an
office printer prints (issue 14: a table 11 mm past the margin, a table 3 mm from the paper's edge).

pypdf reports each text run with its matrices; the run's width is measured with the same TrueType
metrics reportlab used to set it (the app embeds only the DejaVu faces)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

MM = 72 / 25.4
#: office laser printers leave about 4–5 mm unprinted; 8 mm is what a document may rely on at the
#: head and foot (the letterhead and the page numbers stand there)
PRINTABLE_MARGIN_MM = 8.0
#: the narrowest side margin of any document's frame is 15 mm: text never comes closer than 12 mm
SIDE_MARGIN_MM = 12.0


@dataclass(frozen=True)
class Run:
    page: int
    text: str
    x0: float
    x1: float
    y: float
    size: float
    font: str


def _width(text: str, font: str, size: float) -> float:
    from reportlab.pdfbase import pdfmetrics

    from app.core.documents.pdf import register_fonts

    register_fonts()
    name = font.split("+")[-1].lstrip("/")
    for candidate in (name, name.replace("Italic", "Oblique")):
        try:
            pdfmetrics.getFont(candidate)
        except KeyError:
            continue
        return pdfmetrics.stringWidth(text, candidate, size)
    return len(text) * size * 0.6  # a font the app did not register: a generous estimate


def text_runs(path: Path) -> tuple[list[Run], list[tuple[float, float]]]:
    """Every text run with its box, and each page's size."""
    from pypdf import PdfReader

    runs: list[Run] = []
    sizes = []
    for number, page in enumerate(PdfReader(str(path)).pages, 1):
        sizes.append((float(page.mediabox.width), float(page.mediabox.height)))

        def visit(text, cm, tm, font_dict, font_size, number=number):  # type: ignore[no-untyped-def]
            if not text.strip() or font_dict is None:
                return
            a, b, c, d, e, f = tm
            ca, cb, cc, cd, ce, cf = cm
            x = e * ca + f * cc + ce
            y = e * cb + f * cd + cf
            scale = (a * ca + b * cc) or 1.0
            size = font_size * abs(scale)
            font = str(font_dict.get("/BaseFont", ""))
            runs.append(Run(number, text, x, x + _width(text.rstrip("\n"), font, size), y, size, font))

        page.extract_text(visitor_text=visit)
    return runs, sizes


def outside_printable_area(path: Path, margin_mm: float = PRINTABLE_MARGIN_MM,
                           side_mm: float = SIDE_MARGIN_MM) -> list[str]:
    """Text runs (page, text, position) that reach past the side margins or into the unprintable
    border at the head and foot of the paper."""
    runs, sizes = text_runs(path)
    m, side = margin_mm * MM, side_mm * MM
    bad = []
    for r in runs:
        width, height = sizes[r.page - 1]
        if r.x0 < side - 0.5 or r.x1 > width - side + 0.5 or r.y < m or r.y + r.size > height - m:
            bad.append(f"p.{r.page} {r.text.strip()[:40]!r} x {r.x0 / MM:.1f}–{r.x1 / MM:.1f} mm, "
                       f"y {r.y / MM:.1f} mm (page {width / MM:.0f}×{height / MM:.0f} mm)")
    return bad
