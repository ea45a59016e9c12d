"""A small facade over reportlab platypus: fonts, page frame, headings, wrapped tables, charts.

Why a facade: every document needs the same things (embedded Polish-capable font, the gmina's
header with logo, "Strona X z Y" footer, metadata, tables that split with repeated headers and wrap
long names) and the document builders should read like the document, not like reportlab.
reportlab is imported lazily inside methods (start-up must not pay for it).
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal
from xml.sax.saxutils import escape

from app.core.i18n import _

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

log = logging.getLogger(__name__)

FONT = "DejaVuSans"
#: the body face of council documents (resolution, annual report): a serif with every Polish glyph,
#: as the acts in a gmina's BIP are set; tables stay in the sans face
SERIF = "DejaVuSerif"
_FONT_FILES = {
    FONT: "DejaVuSans.ttf",
    FONT + "-Bold": "DejaVuSans-Bold.ttf",
    FONT + "-Oblique": "DejaVuSans-Oblique.ttf",
    FONT + "-BoldOblique": "DejaVuSans-BoldOblique.ttf",
    SERIF: "DejaVuSerif.ttf",
    SERIF + "-Bold": "DejaVuSerif-Bold.ttf",
    SERIF + "-Oblique": "DejaVuSerif-Italic.ttf",
    SERIF + "-BoldOblique": "DejaVuSerif-BoldItalic.ttf",
}
#: a table with fewer body rows than this is never split across pages
KEEP_TABLE_ROWS = 5
_fonts_registered = False
#: widths a face keeps (text, size → points), ~150 bytes each: a large annual report measures ~7 000
#: distinct texts in all its faces; a long-running app starts a face's afresh beyond this (≤ 3 MB a face)
_WIDTHS_KEPT = 20_000

#: zlib level of a chart's pixels in the PDF: 3 (deflate's fast matcher) instead of reportlab's 6 (its lazy
#: matcher). The same pixels once decoded; the six charts of a large annual report compress in 38 ms
#: instead of 88 (CPU, issue 18) and take 457 kB instead of 349 kB (level 1: 3 ms less, 19 kB more)
CHART_ZLIB_LEVEL = 3

# Greys that stay distinct when printed on a monochrome office printer.
GREY_HEADER = (0.85, 0.85, 0.85)
GREY_ZEBRA = (0.96, 0.96, 0.96)
GREY_RULE = (0.55, 0.55, 0.55)


def register_fonts() -> None:
    """Register DejaVu Sans (4 faces) once; built-in PDF fonts lack ą ę ł ń ś ź ż ć."""
    global _fonts_registered
    if _fonts_registered:
        return
    from reportlab.lib.fonts import addMapping  # noqa: F401  (registerFontFamily uses it)
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from app.paths import resource_path

    class MeasuredFont(TTFont):
        """A TrueType face that measures each text once per size.

        reportlab measures every word it breaks into lines and every right-aligned cell it draws, with
        its pure-Python fallback of a C accelerator: a large annual report asked 97 879 times for 6 740
        distinct widths. The width of a text in a face and size never changes."""

        def stringWidth(self, text: str, size: float, encoding: str = "utf8") -> float:  # noqa: N802
            if not isinstance(text, str):
                return float(super().stringWidth(text, size, encoding))
            widths = self.__dict__.setdefault("_widths", {})
            key = (text, size)
            width = widths.get(key)
            if width is None:
                if len(widths) >= _WIDTHS_KEPT:  # a long-running app prints many documents
                    widths.clear()
                width = widths[key] = super().stringWidth(text, size, encoding)
            return float(width)

    for name, filename in _FONT_FILES.items():
        pdfmetrics.registerFont(MeasuredFont(name, str(resource_path("fonts", filename))))
    for family in (FONT, SERIF):
        pdfmetrics.registerFontFamily(
            family, normal=family, bold=family + "-Bold", italic=family + "-Oblique", boldItalic=family + "-BoldOblique"
        )
    _fonts_registered = True


def esc(text: object) -> str:
    """Escape text for a reportlab Paragraph (which parses a small XML dialect)."""
    return escape("" if text is None else str(text))


@dataclass
class PageSetup:
    title: str
    subject: str
    author: str  # the gmina's name
    header_text: str = ""
    logo: bytes | None = None
    size: str = "A4"  # "A4" or "A5"
    large_type: bool = False  # the residents' brochure
    landscape: bool = False  # wide tables (the skarbnik's commitments by year)
    #: printed at the foot of every page, left (the form ID that matches a returned paper form)
    footer_text: str = ""
    #: the bold first line of the letterhead ("Wójt Gminy X"); empty = the author
    header_title: str = ""
    #: False for an act of the council: a resolution carries no letterhead of the wójt
    letterhead: bool = True
    #: a council document: serif body, justified text, A4 with a binding margin
    council: bool = False


@dataclass
class Column:
    """A table column: header text, relative width, alignment ('LEFT' or 'RIGHT')."""

    header: str
    width: float = 1.0
    align: str = "LEFT"


@dataclass(frozen=True)
class Blank:
    """An empty table cell of a given height: a box to fill in by hand on a printed form."""

    height_mm: float = 8.0


@dataclass
class PdfDocument:
    """Collects flowables; `save()` lays them out with header, footer and metadata."""

    setup: PageSetup
    story: list[Any] = field(default_factory=list)
    #: the commands every table shares (`_table_style`), built on the first table
    _shared_table_style: Any = field(default=None, init=False, repr=False)
    #: the cell style every table's cells start from (`_cell_styles`), made on the first table
    _cell_class: Any = field(default=None, init=False, repr=False)
    #: (text, font, size) → width: a large report measures the same names and words thousands of times
    _widths: dict[tuple[str, str, float], float] = field(default_factory=dict, init=False, repr=False)
    #: (markup, style name) → (cleaned text, fragments) of the cell paragraphs parsed (`_cell_text`)
    _parsed_cells: dict[tuple[str, str], tuple[str, list[Any]]] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        register_fonts()
        from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
        from reportlab.lib.pagesizes import A4, A5, landscape
        from reportlab.lib.styles import ParagraphStyle
        from reportlab.lib.units import mm

        self._mm = mm
        self.pagesize = A5 if self.setup.size == "A5" else A4
        if self.setup.landscape:
            self.pagesize = landscape(self.pagesize)
        margin = 15 * mm if self.setup.size == "A5" else 20 * mm
        self.margins = (margin, margin, margin + 8 * mm, margin + 4 * mm)  # left, right, top, bottom
        council = self.setup.council and self.setup.size == "A4" and not self.setup.landscape
        if council:
            # 25 mm on the binding side, 15 mm outside (the office's filing binder punches the left edge)
            self.margins = (25 * mm, 15 * mm, margin + (8 * mm if self.setup.letterhead else 0), margin + 4 * mm)
        base = 12.5 if self.setup.large_type else 10
        lead = base * 1.35
        self.base_size = base
        text_font = SERIF if council else FONT
        self.text_font = text_font
        body_align: Literal[4, 0] = TA_JUSTIFY if council else TA_LEFT
        self.styles = {
            "body": ParagraphStyle(
                "body", fontName=text_font, fontSize=base, leading=lead, spaceAfter=base * 0.5, alignment=body_align
            ),
            "item": ParagraphStyle(
                "item",
                fontName=text_font,
                fontSize=base,
                leading=lead,
                spaceAfter=base * 0.25,
                alignment=body_align,
                leftIndent=base * 2,
                firstLineIndent=-base * 1.5,
            ),
            "right": ParagraphStyle(
                "right", fontName=text_font, fontSize=base - 1, leading=lead, alignment=TA_RIGHT, spaceAfter=base * 0.5
            ),
            "signature": ParagraphStyle(
                "signature",
                fontName=text_font,
                fontSize=base,
                leading=lead,
                alignment=TA_CENTER,
                leftIndent=self.width_for(mm) * 0.5,
            ),
            "act": ParagraphStyle(
                "act", fontName=text_font + "-Bold", fontSize=base + 2, leading=(base + 2) * 1.3, alignment=TA_CENTER
            ),
            "lead": ParagraphStyle("lead", fontName=text_font, fontSize=base, leading=lead, spaceAfter=base * 0.3),
            "note": ParagraphStyle(
                "note",
                fontName=text_font + "-Oblique",
                fontSize=base - 0.5,
                leading=lead,
                spaceAfter=base * 0.5,
                # an (r, g, b) tuple is what reportlab draws with unchanged (a Color would add an alpha state
                # to every page); its stubs only know Color
                textColor=(0.25, 0.25, 0.25),  # type: ignore[arg-type]
            ),
            "title": ParagraphStyle(
                "title",
                fontName=text_font + "-Bold",
                fontSize=base + (4 if council else 8),
                leading=(base + (4 if council else 8)) * 1.25,
                alignment=TA_CENTER,
                spaceAfter=base,
            ),
            "subtitle": ParagraphStyle(
                "subtitle",
                fontName=text_font,
                fontSize=base + 2,
                leading=(base + 2) * 1.3,
                alignment=TA_CENTER,
                spaceAfter=base,
            ),
            "h1": ParagraphStyle(
                "h1",
                fontName=text_font + "-Bold",
                fontSize=base + (2.5 if council else 4),
                leading=(base + 4) * 1.3,
                spaceBefore=base,
                spaceAfter=base * 0.6,
                alignment=TA_CENTER if council else TA_LEFT,
            ),
            "h2": ParagraphStyle(
                "h2",
                fontName=text_font + "-Bold",
                fontSize=base + 1.5,
                leading=(base + 1.5) * 1.3,
                spaceBefore=base * 0.8,
                spaceAfter=base * 0.4,
            ),
            "center": ParagraphStyle("center", fontName=text_font, fontSize=base, leading=lead, alignment=TA_CENTER),
            "cell": ParagraphStyle("cell", fontName=FONT, fontSize=base - 1.5, leading=(base - 1.5) * 1.25),
            "cell_r": ParagraphStyle(
                "cell_r", fontName=FONT, fontSize=base - 1.5, leading=(base - 1.5) * 1.25, alignment=TA_RIGHT
            ),
            "cell_h": ParagraphStyle(
                "cell_h",
                fontName=FONT + "-Bold",
                fontSize=base - 1.5,
                leading=(base - 1.5) * 1.25,
                alignment=TA_LEFT,
            ),
        }

    # ---- content ----------------------------------------------------------------------------

    @property
    def width(self) -> float:
        return self.pagesize[0] - self.margins[0] - self.margins[1]

    def width_for(self, _mm: float) -> float:
        """The frame's width while the styles are being built (same as `width`)."""
        return self.width

    def title(self, text: str, subtitle: str = "") -> None:
        from reportlab.platypus import Paragraph, Spacer

        self.story.append(Spacer(1, 6 * self._mm))
        self.story.append(Paragraph(esc(text), self.styles["title"]))
        if subtitle:
            self.story.append(Paragraph(esc(subtitle), self.styles["subtitle"]))

    def _keep_room(self, height_mm: float) -> None:
        """Start a new page unless `height_mm` remain, so a heading is not left alone at the foot.

        (keepWithNext would move a heading together with a whole long table to the next page,
        leaving a blank page behind; a conditional break keeps headings with the first rows only.)
        """
        from reportlab.platypus import CondPageBreak

        self.story.append(CondPageBreak(height_mm * self._mm))

    def heading(self, text: str, level: int = 1) -> None:
        from reportlab.platypus import Paragraph

        self._keep_room(40 if level == 1 else 32)
        self.story.append(Paragraph(esc(text), self.styles["h1" if level == 1 else "h2"]))
        self._lead_index = len(self.story) - 1

    def para(self, text: str, style: str = "body", markup: bool = False) -> None:
        """A paragraph; `markup=True` keeps <b>/<i> tags (the caller escaped the data parts).

        Style "lead" introduces the next table or chart and is kept on its page."""
        from reportlab.platypus import Paragraph

        if style == "lead":
            self._keep_room(28)
        if not markup:
            text = esc(text)
        # a date ends a Polish sentence with "r." and the sentence's own full stop is not doubled
        text = text.replace(" r..", " r.")
        self.story.append(Paragraph(text, self.styles[style]))
        self._lead_index = len(self.story) - 1 if style == "lead" else -1

    def note(self, text: str) -> None:
        """An italic remark, used to say which data are missing instead of inventing numbers."""
        self.para(text, "note")

    def facts(self, pairs: list[tuple[str, str]]) -> None:
        """A two-column label/value block (contract card header, programme data)."""
        self.table([Column(_("Item"), 1.0), Column(_("Value"), 2.2)], [[k, v] for k, v in pairs], header=False)

    def spacer(self, height_mm: float = 4) -> None:
        from reportlab.platypus import Spacer

        self.story.append(Spacer(1, height_mm * self._mm))

    def page_break(self) -> None:
        from reportlab.platypus import PageBreak

        self.story.append(PageBreak())

    def table(
        self,
        columns: list[Column],
        rows: list[list[object]],
        total: list[object] | None = None,
        header: bool = True,
        empty_text: str | None = None,
    ) -> None:
        """A table whose cells wrap, which splits across pages repeating its header row."""
        from reportlab.lib import colors
        from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

        if not rows and empty_text:
            self.note(empty_text)
            return
        widths = self._column_widths(columns, rows, total)

        size, leading = self.styles["cell"].fontSize, self.styles["cell"].leading
        stringWidth = self._cell_width  # noqa: N806 (reportlab's name, memoised)
        # A cell whose text fits its column on one line is drawn as a plain string (the table's
        # font, size and alignment below): a Paragraph per cell is most of the time a long report
        # takes, and only text that wraps needs one.
        room = [w - 12.5 for w in widths]  # reportlab's cell padding is 6 pt each side

        def cell(value: object, i: int, col: Column, bold: bool = False) -> Paragraph | Spacer | str:
            if isinstance(value, Blank):
                return Spacer(1, value.height_mm * self._mm)
            plain = "" if value is None else str(value)
            if "\n" not in plain and stringWidth(plain, FONT + "-Bold" if bold else FONT, size) <= room[i]:
                return plain
            style = self.styles["cell_r" if col.align == "RIGHT" else "cell"]
            text = esc(value).replace("\n", "<br/>")  # a line break in the data starts a new line
            return self._cell_text(f"<b>{text}</b>" if bold else text, style)

        def head(i: int, col: Column) -> Paragraph | str:
            # a header that fits is a plain string in the header row's bold face, left-aligned as the
            # header Paragraph is: the 437 small results tables of a large gmina's report had 1 748
            if "\n" not in col.header and stringWidth(col.header, FONT + "-Bold", size) <= room[i]:
                return col.header
            return self._cell_text(esc(col.header), self.styles["cell_h"])

        data: list[list[Paragraph | Spacer | str]] = []
        if header:
            data.append([head(i, c) for i, c in enumerate(columns)])
        data += [[cell(v, i, c) for i, (v, c) in enumerate(zip(row, columns))] for row in rows]
        if total is not None:
            data.append([cell(v, i, c, bold=True) for i, (v, c) in enumerate(zip(total, columns))])
        style: list[tuple[Any, ...]] = []
        first = 1 if header else 0
        if header:
            style.append(("BACKGROUND", (0, 0), (-1, 0), colors.Color(*GREY_HEADER)))
            style.append(("FONTNAME", (0, 0), (-1, 0), FONT + "-Bold"))
        for i in range(first, len(data)):
            if (i - first) % 2 == 1:
                style.append(("BACKGROUND", (0, i), (-1, i), colors.Color(*GREY_ZEBRA)))
        for i, col in enumerate(columns):
            if col.align == "RIGHT":
                style.append(("ALIGN", (i, first), (i, -1), "RIGHT"))
        if total is not None:
            style.append(("LINEABOVE", (0, -1), (-1, -1), 1.0, colors.black))
            style.append(("FONTNAME", (0, -1), (-1, -1), FONT + "-Bold"))
        table = Table(
            data,
            colWidths=widths,
            repeatRows=1 if header else 0,
            hAlign="LEFT",
            style=self._table_style(),
            cellStyles=self._cell_styles(data, size, leading),
        )
        table.setStyle(TableStyle(style))
        if len(rows) < KEEP_TABLE_ROWS:
            from reportlab.platypus import KeepTogether

            # a short table is read as one piece: 2 rows on one page and 1 on the next is unreadable
            lead = [self.story.pop()] if getattr(self, "_lead_index", -1) == len(self.story) - 1 and self.story else []
            self.story.append(KeepTogether(lead + [table]))
        else:
            self.story.append(table)
        self.spacer(3)

    def _cell_text(self, markup: str, style: Any) -> Any:
        """The Paragraph of a cell whose text wraps, its markup parsed once per document and style.

        reportlab parses each Paragraph's markup with a new HTML parser into fragments (text runs with
        their face, size and colour): a large annual report parsed 3 520 cell paragraphs, 1 504 distinct
        (the same organisations and headers in several tables). A repeated one gets copies of the first
        one's fragments and its cleaned text, which is what the parser gives for the same markup."""
        key = (markup, style.name)
        parsed = self._parsed_cells.get(key)
        cls = _cell_paragraph()
        if parsed is None:
            paragraph = cls(markup, style)
            if _plain_fragments(paragraph.frags):
                self._parsed_cells[key] = (paragraph.text, _copied_fragments(paragraph.frags))
            return paragraph
        return cls(parsed[0], style, frags=_copied_fragments(parsed[1]))

    def _table_style(self) -> Any:
        """What every table of the document shares, built once (a table adds its rows' own commands)."""
        style = self._shared_table_style
        if style is None:
            from reportlab.lib import colors
            from reportlab.platypus import TableStyle

            style = self._shared_table_style = TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.4, colors.Color(*GREY_RULE)),
                ]
            )
        return style

    def _cell_styles(self, data: list[list[Any]], size: float, leading: float) -> list[list[Any]]:
        """Each cell's style, starting from the font, size, leading, top alignment and paddings every
        cell of every table has: set as commands they were applied cell by cell, for every table and
        again for every part of a split one."""
        cls = self._cell_class
        if cls is None:
            from reportlab.platypus.tables import CellStyle

            # Table selects its default font (Helvetica, not embedded) unless told otherwise;
            # plain-string cells take font, size and leading from here.
            cls = self._cell_class = type(
                "DocumentCell",
                (CellStyle,),
                {
                    "fontname": FONT,
                    "fontsize": size,
                    "leading": leading,
                    "valign": "TOP",
                    "topPadding": 2,
                    "bottomPadding": 3,
                },
            )
        return [[cls("") for _v in row] for row in data]

    def _cell_width(self, text: str, font: str, size: float) -> float:
        key = (text, font, size)
        width = self._widths.get(key)
        if width is None:
            from reportlab.pdfbase.pdfmetrics import stringWidth

            width = self._widths[key] = stringWidth(text, font, size)
        return width

    def fits(self, columns: list[Column], rows: list[list[object]], total: list[object] | None = None) -> bool:
        """Whether `table` can give every column its unbreakable content (an amount whole, a header
        word, the longest word) inside the frame; else it squeezes text columns and cuts their words."""
        widths_needed = self._column_mins(columns, rows, total)  # points, not money
        return sum(widths_needed) <= self.width + 0.5

    def squeezed(self, columns: list[Column], rows: list[list[object]], total: list[object] | None = None) -> set[int]:
        """The columns `table` would draw narrower than their unbreakable content (a word cut)."""
        mins = self._column_mins(columns, rows, total)
        return {i for i, w in enumerate(self._column_widths(columns, rows, total)) if w < mins[i] - 0.5}

    def _column_mins(self, columns: list[Column], rows: list[list[object]], total: list[object] | None) -> list[float]:
        """Each column's unbreakable content plus padding: an amount whole, a header word, the longest word."""
        size = self.styles["cell"].fontSize
        stringWidth = self._cell_width  # noqa: N806 (reportlab's name, memoised)
        pad = 13.0  # reportlab cell padding is 6 pt each side
        mins = []
        for i, col in enumerate(columns):
            words = col.header.split() or [""]
            need = max(stringWidth(w, FONT + "-Bold", size) for w in words)
            for row in rows + ([total] if total else []):
                if i >= len(row) or isinstance(row[i], Blank):
                    continue
                if col.align == "RIGHT":
                    need = max(need, stringWidth(str(row[i]), FONT + "-Bold", size))
                else:  # a text column must at least hold its longest word (capped: long words may break)
                    longest = max((stringWidth(w, FONT, size) for w in str(row[i]).split()), default=0)
                    # with three columns or fewer (the A5 brochure) a long Polish word such as
                    # "niepełnosprawnościami" gets 40 % of the frame rather than being cut mid-word
                    need = max(need, min(longest, self.width * (0.4 if len(columns) <= 3 else 0.3)))
            mins.append(need + pad)
        return mins

    def _column_widths(
        self, columns: list[Column], rows: list[list[object]], total: list[object] | None
    ) -> list[float]:
        """Share the frame by weight, but never narrower than a column's unbreakable content.

        Right-aligned cells (amounts, counts) must not wrap at all ("120 000,00 zł" split over
        two lines is unreadable) and header words must not be cut mid-word.
        """
        from reportlab.pdfbase.pdfmetrics import stringWidth

        size = self.styles["cell"].fontSize
        pad = 13.0  # reportlab cell padding is 6 pt each side
        mins = self._column_mins(columns, rows, total)
        weights = [c.width for c in columns]
        widths = [self.width * w / sum(weights) for w in weights]
        for _round in range(len(columns)):
            short = [i for i, w in enumerate(widths) if w < mins[i] - 0.01]
            if not short:
                break
            fixed = {i for i in range(len(columns)) if widths[i] <= mins[i] + 0.01} | set(short)
            for i in short:
                widths[i] = mins[i]
            free = [i for i in range(len(columns)) if i not in fixed]
            if not free:
                break
            rest = self.width - sum(widths[i] for i in fixed)
            wsum = sum(weights[i] for i in free)
            for i in free:
                widths[i] = max(rest * weights[i] / wsum, 0)
        excess = sum(widths) - self.width
        if excess > 0.01:
            # the minimums together are wider than the frame (three long-worded columns on A5): the
            # text columns give up room, they wrap; amounts keep theirs and nothing runs past the margin
            text_cols = [i for i, c in enumerate(columns) if c.align != "RIGHT"] or list(range(len(columns)))
            floor = pad + stringWidth("W" * 4, FONT, size)
            room = sum(max(widths[i] - floor, 0) for i in text_cols)
            if room > 0:
                for i in text_cols:
                    widths[i] -= min(excess, room) * max(widths[i] - floor, 0) / room
        return widths

    def figure(self, figure: Any, width_fraction: float = 1.0, dpi: int = 300) -> None:
        """Embed a matplotlib Figure (object API, Agg) as a 300 dpi PNG scaled to the frame."""
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from reportlab.platypus import KeepTogether

        from app.core.documents.charts import keep_points_inside

        keep_points_inside(figure)
        # Draw at the printed size so chart text keeps its point size (A5 pages are narrower).
        w_in, h_in = figure.get_size_inches()
        target_w = self.width * width_fraction / 72.0
        figure.set_size_inches(target_w, min(h_in, 9.0))
        canvas = FigureCanvasAgg(figure)
        picture = _rendered(figure, canvas, dpi)
        px_w, px_h = picture.size
        # platypus frames keep 6 pt padding on each side; a chart must also fit the frame's height
        # (many areas make a tall chart), so scale it down in both directions when needed.
        width = (self.width - 12) * width_fraction
        height = width * px_h / px_w
        max_height = (self.pagesize[1] - self.margins[2] - self.margins[3] - 12) * 0.92
        if height > max_height:
            width, height = width * max_height / height, max_height
        image = _chart_image(picture, width, height)
        if getattr(self, "_lead_index", -1) == len(self.story) - 1 and self.story:
            # A heading or lead line directly above the chart moves with it to the next page.
            self.story.append(KeepTogether([self.story.pop(), image]))
        else:
            self.story.append(image)
        self.spacer(3)

    # ---- output -----------------------------------------------------------------------------

    def save(self, path: Path) -> int:
        """Write the PDF; returns the number of pages."""
        from reportlab import rl_config
        from reportlab.platypus import SimpleDocTemplate

        # Streams compressed, not also written as ASCII text (reportlab's default, for 7-bit channels of
        # the 1990s): its pure-Python ASCII85 encoder was 5 % of a large report, every page's stream
        # and every chart; the pages' contents are the same bytes once decoded, the file 20 % smaller.
        rl_config.useA85 = 0
        _remember_number_texts()
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        left, right, top, bottom = self.margins
        doc = SimpleDocTemplate(
            str(path),
            pagesize=self.pagesize,
            leftMargin=left,
            rightMargin=right,
            topMargin=top,
            bottomMargin=bottom,
            title=self.setup.title,
            author=self.setup.author,
            subject=self.setup.subject,
            creator="WKUS Desktop",
        )
        logo = _logo_reader(self.setup.logo)
        setup = self.setup
        page_w, page_h = self.pagesize
        mm = self._mm
        font_size = 7.5 if setup.size == "A5" else 8

        def decorate(canvas: Any, _doc: Any) -> None:
            canvas.saveState()
            if not setup.letterhead:
                canvas.restoreState()
                return
            y = page_h - top + 4 * mm
            text_right = page_w - right
            if logo is not None:
                lw, lh = logo.getSize()
                h = 9 * mm
                w = h * lw / lh if lh else h
                try:
                    canvas.drawImage(logo, left, y, width=w, height=h, mask="auto")
                    x_text = left + w + 3 * mm
                except Exception:  # a corrupt image must not stop the document
                    log.warning("cannot draw the gmina logo; continuing without it")
                    x_text = left
            else:
                x_text = left
            canvas.setFont(FONT + "-Bold", font_size + 1)
            canvas.drawString(
                x_text,
                y + 4.5 * mm,
                _clip(canvas, setup.header_title or setup.author, FONT + "-Bold", font_size + 1, text_right - x_text),
            )
            if setup.header_text:
                canvas.setFont(FONT, font_size)
                canvas.drawString(
                    x_text, y + 1 * mm, _clip(canvas, setup.header_text, FONT, font_size, text_right - x_text)
                )
            canvas.setStrokeGray(0.5)
            canvas.setLineWidth(0.5)
            canvas.line(left, y - 1.5 * mm, text_right, y - 1.5 * mm)
            if setup.footer_text:
                canvas.setFont(FONT + "-Bold", font_size)
                canvas.setFillGray(0.2)
                canvas.drawString(
                    left,
                    bottom / 2,
                    _clip(canvas, setup.footer_text, FONT + "-Bold", font_size, (page_w - left - right) * 0.6),
                )
            canvas.restoreState()

        doc.build(
            self.story,
            onFirstPage=decorate,
            onLaterPages=decorate,
            canvasmaker=_numbered_canvas_class(font_size, bottom, right),
        )
        return doc.page if hasattr(doc, "page") else 0


@dataclass(frozen=True)
class _Picture:
    """A chart's picture as the PDF stores it: its pixels compressed as reportlab compresses an image
    (zlib at CHART_ZLIB_LEVEL, FlateDecode), in `space` ("DeviceGray" or "DeviceRGB"); or, for a chart
    with transparency, a PNG file compressed with zlib (`space` empty), which reportlab decodes itself."""

    stream: bytes
    size: tuple[int, int]  # width, height in pixels
    space: str = ""

    def pixels(self) -> bytes:
        """The raw pixels (row by row, one byte per channel), or the PNG file."""
        import zlib

        return zlib.decompress(self.stream)


def _rendered(figure: Any, canvas: Any, dpi: int) -> _Picture:
    """The chart's picture: its grey pixels for a grey chart, RGB for one with colour.

    Drawn once: the figure is laid out and drawn at `dpi` into one renderer, and the picture is cut to
    the figure's tight bounding box (padded as savefig pads it). savefig(bbox_inches="tight") walked
    every artist twice (once to lay the figure out and measure it, once more to draw it into a second,
    cropped renderer whose text metrics were all measured again): on a large annual report the six
    charts took ~30 % longer (issue 18). The cut starts on a whole pixel, so the picture is exactly what
    savefig draws for that box; against savefig's own tight box it lies less than half a pixel (1/600 in)
    away, the same size in pixels.

    matplotlib's own PNG is RGBA: reportlab would decode it and embed RGB data with an all-opaque alpha
    mask. The charts are grey (charts.py), so one grey channel holds exactly the same picture, taken from
    the renderer's pixels. Compressed at once, as reportlab compresses an image for the PDF, and written
    to it as they are (`_chart_image`): a 300 dpi chart is 4.5 MB of grey, ~65 kB compressed, and the
    story holds every chart until the layout (six charts' raw pixels were 27 MB of a large report's peak);
    reportlab decoded each chart's file, measured a digest of its pixels and compressed them again when
    it drew it (~30 ms a chart, issue 18)."""
    import zlib

    drawn = _drawn_and_cropped(figure, canvas, dpi)
    if drawn is not None:
        pixels, space = drawn
        h, w = int(pixels.shape[0]), int(pixels.shape[1])
        return _Picture(zlib.compress(pixels.data, CHART_ZLIB_LEVEL), (w, h), space)
    png = io.BytesIO()
    figure.savefig(png, format="png", dpi=dpi, bbox_inches="tight")
    _release_renderers(figure, canvas)
    png.seek(0)
    from reportlab.lib.utils import ImageReader

    size = ImageReader(png).getSize()
    return _Picture(zlib.compress(png.getvalue(), 1), (int(size[0]), int(size[1])))


def _drawn_and_cropped(figure: Any, canvas: Any, dpi: int) -> tuple[Any, str] | None:
    """The figure drawn once at `dpi` and cut to its padded tight bounding box: its pixels (a copy, the
    renderer is let go; one grey channel when the chart is grey, else RGB) and their colour space. None
    for a chart with transparency, or when the box reaches outside the figure over a background that is
    not opaque white (savefig paints the figure's background there): such a chart takes the PNG path."""
    import matplotlib as mpl
    import numpy as np

    figure.set_dpi(dpi)
    renderer = canvas.get_renderer()
    full_h = int(renderer.height)
    figure.draw(renderer)  # runs the layout engine first, as savefig does
    box = figure.get_tightbbox(renderer).padded(mpl.rcParams["savefig.pad_inches"])
    # savefig's cropped renderer: the box's size in whole pixels, the figure shifted by the box's corner
    w, h = int(box.width * dpi), int(box.height * dpi)
    left, top = round(box.x0 * dpi), round(full_h - h - box.y0 * dpi)
    full = np.asarray(renderer.buffer_rgba())
    y0, x0 = max(top, 0), max(left, 0)
    y1, x1 = min(top + h, full.shape[0]), min(left + w, full.shape[1])
    inside = full[y0:y1, x0:x1]
    whole = (y0, x0, y1, x1) == (top, left, top + h, left + w)
    drawn: tuple[Any, str] | None = None
    if (whole or tuple(figure.patch.get_facecolor()) == (1.0, 1.0, 1.0, 1.0)) and (inside[..., 3] == 255).all():
        grey = bool((inside[..., 0] == inside[..., 1]).all() and (inside[..., 1] == inside[..., 2]).all())
        # the figure's white background beyond its edge, as savefig paints it
        pixels = np.full((h, w) if grey else (h, w, 3), 255, np.uint8)
        pixels[y0 - top : y1 - top, x0 - left : x1 - left] = inside[..., 0] if grey else inside[..., :3]
        drawn = (pixels, "DeviceGray" if grey else "DeviceRGB")
    del full, inside
    _release_renderers(figure, canvas)
    return drawn


def _release_renderers(figure: Any, canvas: Any) -> None:
    """Let go of the chart's 300 dpi renderers as soon as its pixels are taken.

    The canvas keeps the renderer of the whole figure and every text artist does too (matplotlib's
    private `_renderer`; savefig with a tight bounding box, the PNG path, leaves a second one of the cropped
    size); matplotlib's reference cycles keep them all until a full garbage collection: 18 MB apiece for a
    chart of 16 bars, ~20 MB per chart of a large report (issue 18)."""
    canvas.renderer, canvas._lastKey = None, None
    for artist in figure.findobj():
        if vars(artist).get("_renderer") is not None:
            artist._renderer = None


def _cell_paragraph() -> Any:
    """The Paragraph of a table cell whose text wraps: its lines are broken once per width.

    reportlab wraps a cell when it measures its table, again for each part of a table split across pages,
    and again when it draws it: a large report broke 4 002 paragraphs into lines 10 722 times. The lines
    depend on the width alone (style and text do not change once the cell is made)."""
    global _CellParagraph
    if _CellParagraph is None:
        from reportlab.platypus import Paragraph

        class CellParagraph(Paragraph):
            #: (width, the lines reportlab broke at it, the height they take)
            _broken: tuple[float, Any, float] | None = None

            def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
                done = self._broken
                if done is not None and done[0] == availWidth and vars(self).get("blPara") is done[1]:
                    self.width = availWidth
                    self.height = done[2]
                    return availWidth, done[2]
                width, height = super().wrap(availWidth, availHeight)
                if "blPara" in vars(self):  # not when the width was too small to hold anything
                    self._broken = (availWidth, vars(self)["blPara"], height)
                return width, height

        _CellParagraph = CellParagraph
    return _CellParagraph


#: the Paragraph class of `_cell_paragraph` (made on first use: reportlab loads lazily)
_CellParagraph: Any = None


#: what reportlab's parser sets on the fragment of plain text, a <b> run or a <br/> (reportlab 4–5)
_PLAIN_FRAGMENT = frozenset(
    ("rise", "greek", "link", "fontName", "bold", "italic", "fontSize", "textColor", "us_lines", "__tag__")
    + ("text", "lineBreak")
)


def _plain_fragments(fragments: list[Any]) -> bool:
    """Fragments of plain text only (no link, underline, footnote, image…): `_copied_fragments` copies them
    whole; anything else is parsed each time."""
    return all(set(vars(f)) <= _PLAIN_FRAGMENT and not f.link and not f.us_lines for f in fragments)


def _copied_fragments(fragments: list[Any]) -> list[Any]:
    """New fragments equal to `fragments`, each list in them new (reportlab's parser gives every paragraph
    its own), shared between fragments as the parser shares them."""
    lists: dict[int, list[Any]] = {}
    out = []
    for fragment in fragments:
        copy = fragment.clone()
        for name, value in list(vars(copy).items()):
            if type(value) is list:
                if id(value) not in lists:
                    lists[id(value)] = list(value)
                setattr(copy, name, lists[id(value)])
        out.append(copy)
    return out


def _chart_image(picture: _Picture, width: float, height: float) -> Any:
    """A platypus Image of a chart's `_Picture`: its compressed pixels are written to the PDF as they are.

    reportlab's Image keeps its reader, the decoded picture and a copy of its bytes (three 4.5 MB buffers
    for a 300 dpi chart) for as long as the story lives, i.e. until the whole document is laid out; and
    its canvas decodes the picture, takes a digest of every pixel and compresses them again to write them.
    The stream written holds the pixels reportlab writes, compressed faster (CHART_ZLIB_LEVEL)."""
    global _ChartImage
    if _ChartImage is None:
        from reportlab.platypus import Image

        class ChartImage(Image):
            picture: _Picture

            def draw(self) -> None:
                x, y = getattr(self, "_offs_x", 0), getattr(self, "_offs_y", 0)
                if self.picture.space and _draw_pixels(self.canv, self.picture, x, y, self.drawWidth, self.drawHeight):
                    return
                from reportlab.lib.utils import ImageReader

                self._img = ImageReader(io.BytesIO(_image_file(self.picture)))
                super().draw()
                self._img = None  # type: ignore[assignment]  # reportlab's stubs: always a reader

        _ChartImage = ChartImage
    image = _ChartImage(io.BytesIO(b"P5\n1 1\n255\n\xff"), width=width, height=height)  # its size is set below
    image.picture, image._img = picture, None
    image.imageWidth, image.imageHeight = picture.size
    return image


def _image_file(picture: _Picture) -> bytes:
    """The picture as an image file reportlab's reader opens: a PGM or PPM of the pixels, or the PNG."""
    if not picture.space:
        return picture.pixels()
    w, h = picture.size
    head = (b"P5" if picture.space == "DeviceGray" else b"P6") + f"\n{w} {h}\n255\n".encode("ascii")
    return head + picture.pixels()


def _draw_pixels(canvas: Any, picture: _Picture, x: float, y: float, width: float, height: float) -> bool:
    """Write the picture's compressed pixels to the PDF as an image XObject and draw it at (x, y) in
    `width` × `height`: what reportlab's `Canvas.drawImage` does for an opaque picture (reportlab's own
    XObject, registered as it registers one), without decoding and compressing it again. False when this
    reportlab lacks what it relies on (then the picture is drawn through `drawImage`)."""
    import hashlib

    from reportlab.pdfbase.pdfdoc import PDFImageXObject

    doc = canvas._doc
    if not all(hasattr(doc, a) for a in ("getXObjectName", "idToObject", "Reference", "addForm")) or not all(
        hasattr(canvas, a) for a in ("_setXObjects", "_formsinuse", "_code")
    ):
        return False
    w, h = picture.size
    name = hashlib.md5(picture.stream + f"{w}x{h}{picture.space}".encode("ascii"), usedforsecurity=False).hexdigest()
    reg_name = doc.getXObjectName(name)
    if doc.idToObject.get(reg_name) is None:
        xobject: Any = PDFImageXObject(name)  # its fields set as its loadImageFromSRC sets them (not in the stubs)
        xobject.width, xobject.height, xobject.bitsPerComponent = w, h, 8
        xobject.colorSpace, xobject._filters, xobject.mask = picture.space, ("FlateDecode",), None
        xobject.streamContent = picture.stream
        canvas._setXObjects(xobject)
        doc.Reference(xobject, reg_name)
        doc.addForm(name, xobject)
    canvas._currentPageHasImages = 1
    canvas.saveState()
    canvas.translate(x, y)
    canvas.scale(width, height)
    canvas._code.append(f"/{reg_name} Do")
    canvas.restoreState()
    canvas._formsinuse.append(name)  # the page's resources name the XObjects it draws
    return True


#: the Image flowable of `_chart_image` (a class of reportlab's, made on first use: reportlab loads lazily)
_ChartImage: Any = None


def _clip(canvas: Any, text: str, font: str, size: float, width: float) -> str:
    """Shorten header text with an ellipsis so a 300-character name never runs off the page."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def _logo_reader(data: bytes | None) -> Any:
    """An ImageReader for the logo, or None when it is missing or unreadable."""
    if not data:
        return None
    from reportlab.lib.utils import ImageReader

    try:
        reader = ImageReader(io.BytesIO(data))
        w, h = reader.getSize()
        if w <= 0 or h <= 0:
            return None
        return reader
    except Exception:
        log.warning("the gmina logo is not a readable image; printing without it")
        return None


#: the PDF text of the numbers reportlab's canvas writes (`_remember_number_texts`): arguments → text
_number_texts: dict[tuple[Any, ...], str] = {}
#: a long-running app prints many documents: beyond this many the texts start afresh (~100 bytes each)
_NUMBER_TEXTS_KEPT = 50_000


def _remember_number_texts() -> None:
    """reportlab's canvas and text objects write each number they put in a page's stream with
    `fp_str`, its pure-Python fallback of a C accelerator (rl_accel, not installed): every cell's text
    origin, every grid line's ends, every flowable's position. A large annual report asked it 57 226
    times for 1 461 distinct argument lists (the same rows and columns on every page). Its text depends
    only on the numbers' values (each is printed through float formatting, so 1 and 1.0 write alike),
    so each argument list is formatted once; where reportlab names it differently nothing changes."""
    from reportlab.lib import rl_accel
    from reportlab.pdfgen import canvas, textobject

    original = rl_accel.fp_str

    def fp_str(*numbers: Any) -> str:
        try:
            text = _number_texts.get(numbers)
        except TypeError:  # one list of numbers (fp_str's other form): not a key
            return str(original(*numbers))
        if text is None:
            if len(_number_texts) >= _NUMBER_TEXTS_KEPT:
                _number_texts.clear()
            text = _number_texts[numbers] = str(original(*numbers))
        return text

    for module in (canvas, textobject):
        if getattr(module, "fp_str", None) is original:
            module.fp_str = fp_str  # type: ignore[attr-defined]  # reportlab's module global, not in its stubs


def _text_object_class() -> Any:
    """reportlab's text object, writing a text it wrote before in the same face, size and state once.

    Each cell of a table and each line of a paragraph is drawn through a new text object, and every one of
    them encoded its text anew: which font subset each character falls in, escaped, with the subset's font
    operator (a large annual report: 24 113 texts, 4 985 distinct ones). The operators written for a text
    depend only on the face, the size, the leading, the subset the text object was in and the text (the
    canvas's document assigns a character its subset once, the first time it is written)."""
    global _TextObject
    if _TextObject is None:
        from reportlab.pdfgen import textobject

        # reportlab's private text state (_formatText, _curSubset, _fontname…) is not in its stubs
        base: Any = textobject.PDFTextObject

        class TextObject(base):
            _curSubset: Any  # the font subset the text object is in (reportlab sets it)

            def _formatText(self, text: Any) -> str:  # noqa: N802 (reportlab API)
                formatted = getattr(self._canvas, "_formatted", None)
                if type(text) is not str or formatted is None:  # shaped text carries its own positions
                    return str(super()._formatText(text))
                key = (self._fontname, self._fontsize, self._leading, self._curSubset, text)
                done = formatted.get(key)
                if done is None:
                    code = str(super()._formatText(text))
                    done = formatted[key] = (code, self._curSubset)
                else:
                    self._curSubset = done[1]
                return done[0]

        _TextObject = TextObject
    return _TextObject


#: the text object class of `_text_object_class` (made on first use: reportlab loads lazily)
_TextObject: Any = None


def _numbered_canvas_class(font_size: float, bottom: float, right: float) -> type[Canvas]:
    """A canvas that defers pages so the footer can say "Strona X z Y" (two-pass total)."""
    from reportlab.pdfgen.canvas import Canvas

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            # Otherwise the canvas starts every page in Helvetica, a non-embedded font.
            kwargs["initialFontName"] = FONT
            super().__init__(*args, **kwargs)
            self._saved: list[dict[str, Any]] = []
            #: (face, size, leading, subset before, text) → (PDF operators, subset after): `_text_object_class`
            self._formatted: dict[tuple[Any, ...], tuple[str, Any]] = {}

        def beginText(self, x: float = 0, y: float = 0, direction: Any = None) -> Any:  # noqa: N802 (reportlab API)
            return _text_object_class()(self, x, y, direction=direction)

        def showPage(self) -> None:  # noqa: N802 (reportlab API)
            self._saved.append(dict(self.__dict__))
            self._startPage()  # type: ignore[attr-defined]  # reportlab's private page reset, not in its stubs

        def save(self) -> None:
            total = len(self._saved)
            for state in self._saved:
                self.__dict__.update(state)
                self.setFont(FONT, font_size)
                self.setFillGray(0.2)
                # the saved page state: reportlab's private attributes, not in its stubs
                page = self._pageNumber  # type: ignore[attr-defined]
                text = _("Page {page} of {pages}").format(page=page, pages=total)
                width = self._pagesize[0]  # type: ignore[attr-defined]
                self.drawRightString(width - right, bottom / 2, text)
                super().showPage()
            super().save()

    return NumberedCanvas
