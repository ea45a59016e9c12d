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
            a, b, _c, _d, e, f = tm
            ca, cb, cc, cd, ce, cf = cm
            x = e * ca + f * cc + ce
            y = e * cb + f * cd + cf
            scale = (a * ca + b * cc) or 1.0
            size = font_size * abs(scale)
            font = str(font_dict.get("/BaseFont", ""))
            runs.append(Run(number, text, x, x + _width(text.rstrip(), font, size), y, size, font))

        page.extract_text(visitor_text=visit)
    return runs, sizes


def outside_printable_area(
    path: Path, margin_mm: float = PRINTABLE_MARGIN_MM, side_mm: float = SIDE_MARGIN_MM
) -> list[str]:
    """Text runs (page, text, position) that reach past the side margins or into the unprintable
    border at the head and foot of the paper."""
    runs, sizes = text_runs(path)
    m, side = margin_mm * MM, side_mm * MM
    bad = []
    for r in runs:
        width, height = sizes[r.page - 1]
        if r.x0 < side - 0.5 or r.x1 > width - side + 0.5 or r.y < m or r.y + r.size > height - m:
            bad.append(
                f"p.{r.page} {r.text.strip()[:40]!r} x {r.x0 / MM:.1f}–{r.x1 / MM:.1f} mm, "
                f"y {r.y / MM:.1f} mm (page {width / MM:.0f}×{height / MM:.0f} mm)"
            )
    return bad


def overlapping_text(path: Path) -> list[str]:
    """Pairs of text runs on one page whose boxes intersect (text printed over text)."""
    runs, _sizes = text_runs(path)
    bad = []
    by_page: dict[int, list[Run]] = {}
    for r in runs:
        by_page.setdefault(r.page, []).append(r)
    for page, items in by_page.items():
        # boxes from the baseline up to the cap height; a hair of tolerance for kerning at cell edges
        boxes = [(r, r.x0 + 0.3, r.x1 - 0.3, r.y + 0.1 * r.size, r.y + 0.7 * r.size) for r in items]
        boxes.sort(key=lambda b: b[3])
        for i, (a, ax0, ax1, _ay0, ay1) in enumerate(boxes):
            for b, bx0, bx1, by0, _by1 in boxes[i + 1 :]:
                if by0 >= ay1:
                    break
                # runs on one baseline are parts of one line: pypdf does not advance its text matrix
                # after a change of font inside a line, so their x cannot be compared
                if abs(a.y - b.y) < 0.5:
                    continue
                if ax0 < bx1 and bx0 < ax1 and a.text.strip() and b.text.strip():
                    bad.append(f"p.{page} {a.text.strip()[:30]!r} over {b.text.strip()[:30]!r}")
    return bad


def headings_alone_at_foot(path: Path, foot_mm: float = 40.0) -> list[str]:
    """A bold line larger than the body text that is the last text of its page (above the page number)
    and stands in the bottom `foot_mm` of the page: a heading whose text went to the next page."""
    runs, _sizes = text_runs(path)
    bad = []
    pages = sorted({r.page for r in runs})
    for page in pages[:-1]:
        body = [r for r in runs if r.page == page and r.y > 18 * MM]  # above the footer line
        if not body:
            continue
        last_y = min(r.y for r in body)
        last = [r for r in body if abs(r.y - last_y) < 0.5]
        sizes_on_page = sorted(r.size for r in body)
        body_size = sizes_on_page[len(sizes_on_page) // 2]
        if last_y < foot_mm * MM + 18 * MM and all("Bold" in r.font and r.size > body_size + 0.9 for r in last):
            bad.append(f"p.{page} {' '.join(r.text.strip() for r in last)[:60]!r}")
    return bad
