"""Editable DOCX with the same API as `PdfDocument`, so one builder fills both formats.

python-docx is used because councils amend resolution drafts and reports in Word/LibreOffice;
it is well kept, pure Python and writes plain OOXML without templates. Imported lazily.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.core.documents.pdf import Column, PageSetup
from app.core.i18n import _

#: the language Word spell-checks the text in (en-US by default in python-docx's template)
LANGUAGE = "pl-PL"


def _setup_styles(document: Any, font: str, pt: Any) -> None:
    """Body and heading styles in the body's face, black, pl-PL; headings kept with the next paragraph."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import RGBColor

    sizes = {"Normal": 10, "Heading 1": 13, "Heading 2": 11.5, "Heading 3": 10.5}
    for name, size in sizes.items():
        style = document.styles[name]
        style.font.name = font
        style.font.size = pt(size)
        style.font.color.rgb = RGBColor(0, 0, 0)
        if name != "Normal":
            style.font.bold = True
            style.font.italic = False
            style.paragraph_format.keep_with_next = True
        r_pr = style.element.get_or_add_rPr()
        fonts = r_pr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = OxmlElement("w:rFonts")
            r_pr.append(fonts)
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attr), font)
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
            if fonts.get(qn(theme)) is not None:
                del fonts.attrib[qn(theme)]
        lang = r_pr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            r_pr.append(lang)
        lang.set(qn("w:val"), LANGUAGE)
        lang.set(qn("w:eastAsia"), LANGUAGE)
        lang.set(qn("w:bidi"), LANGUAGE)
    # the document defaults too: text typed later in Word is Polish as well
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        for lang in defaults.iter(qn("w:lang")):
            lang.set(qn("w:val"), LANGUAGE)


def _page_number_footer(paragraph: Any) -> None:
    """ "Strona X z Y" with PAGE and NUMPAGES fields, which Word fills in as it paginates."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    template = _("Page {page} of {pages}")
    before, rest = template.split("{page}", 1)
    middle, after = rest.split("{pages}", 1)

    def field(code: str) -> None:
        run = paragraph.add_run()
        for kind, text in (("begin", None), ("instr", code), ("separate", None), ("text", "1"), ("end", None)):
            if kind == "instr":
                el = OxmlElement("w:instrText")
                el.set(qn("xml:space"), "preserve")
                el.text = f" {text} "
                run._r.append(el)
            elif kind == "text":
                el = OxmlElement("w:t")
                el.text = text
                run._r.append(el)
            else:
                el = OxmlElement("w:fldChar")
                el.set(qn("w:fldCharType"), kind)
                run._r.append(el)

    paragraph.add_run(before)
    field("PAGE")
    paragraph.add_run(middle)
    field("NUMPAGES")
    paragraph.add_run(after)


@dataclass
class DocxDocument:
    setup: PageSetup
    _doc: Any = field(default=None, init=False)

    def __post_init__(self) -> None:
        import docx
        from docx.shared import Mm, Pt

        self._doc = docx.Document()
        section = self._doc.sections[0]
        section.page_width, section.page_height = (Mm(148), Mm(210)) if self.setup.size == "A5" else (Mm(210), Mm(297))
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Mm(20))
        if self.setup.council and self.setup.size == "A4":
            section.left_margin, section.right_margin = Mm(25), Mm(15)  # binding margin, as in the PDF
        self.font = "DejaVu Serif" if self.setup.council else "DejaVu Sans"
        _setup_styles(self._doc, self.font, Pt)
        props = self._doc.core_properties
        props.title, props.author, props.subject = self.setup.title, self.setup.author, self.setup.subject
        props.language = LANGUAGE
        if self.setup.letterhead:
            header = section.header.paragraphs[0]
            header.text = (self.setup.header_title or self.setup.author) + (
                " — " + self.setup.header_text if self.setup.header_text else ""
            )
        _page_number_footer(section.footer.paragraphs[0])
        self.width = 170.0

    def title(self, text: str, subtitle: str = "") -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        # a heading of level 1, centred: Word's "Title" style is a 26 pt blue display face
        p = self._doc.add_paragraph(text, style="Heading 1")
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if subtitle:
            self._doc.add_paragraph(subtitle).alignment = WD_ALIGN_PARAGRAPH.CENTER

    def heading(self, text: str, level: int = 1) -> None:
        self._doc.add_heading(text, level=1 if level == 1 else 2)

    def para(self, text: str, style: str = "body", markup: bool = False) -> None:
        import re
        from xml.sax.saxutils import unescape

        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Mm

        text = text.replace(" r..", " r.")  # as in the PDF: no doubled full stop after "r."
        p = self._doc.add_paragraph()
        # PDF markup is only <b>…</b> (and <i>…</i>); Word gets the same emphasis as runs
        parts = re.split(r"(<b>.*?</b>|<i>.*?</i>)", text) if markup else [text]
        for part in parts:
            if not part:
                continue
            plain = unescape(re.sub(r"<[^>]+>", "", part)) if markup else part
            run = p.add_run(plain)
            run.bold = markup and part.startswith("<b>")
            run.italic = (markup and part.startswith("<i>")) or style == "note"
            if style == "act":
                run.bold = True
        fmt = p.paragraph_format
        if style in ("center", "act"):
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif style == "right":
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif style == "signature":
            from docx.shared import Pt

            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            fmt.left_indent = Mm(85)
            fmt.space_before = Pt(18)  # the room the PDF's spacer gives the signature
        elif self.setup.council and style in ("body", "item", "lead"):
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        if style == "item":
            fmt.left_indent, fmt.first_line_indent = Mm(7), Mm(-5)
        if style in ("lead",):
            fmt.keep_with_next = True

    def note(self, text: str) -> None:
        self.para(text, "note")

    def facts(self, pairs: list[tuple[str, str]]) -> None:
        self.table([Column(_("Item")), Column(_("Value"))], [[k, v] for k, v in pairs], header=False)

    def spacer(self, height_mm: float = 4) -> None:
        pass  # Word's paragraph spacing is enough; empty paragraphs only get in the clerk's way

    def page_break(self) -> None:
        self._doc.add_page_break()

    def table(
        self,
        columns: list[Column],
        rows: list[list[object]],
        total: list[object] | None = None,
        header: bool = True,
        empty_text: str | None = None,
    ) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        if not rows and empty_text:
            self.note(empty_text)
            return
        data = ([[c.header for c in columns]] if header else []) + [list(r) for r in rows]
        if total is not None:
            data.append(list(total))
        # Rows are appended and filled through `row.cells` once each: `table.cell(i, j)` walks the
        # whole table every call and made a 300-contract report take over a minute.
        table = self._doc.add_table(rows=0, cols=len(columns))
        table.style = "Table Grid"
        last = len(data) - 1
        for i, row in enumerate(data):
            cells = table.add_row().cells
            bold = (header and i == 0) or (total is not None and i == last)
            for j, value in enumerate(row[: len(columns)]):
                para = cells[j].paragraphs[0]
                run = para.add_run("" if value is None else str(value))
                run.bold = bold
                if columns[j].align == "RIGHT" and not (header and i == 0):
                    para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if header:  # repeat the header row on every page, as in the PDF
            from docx.oxml import OxmlElement
            from docx.oxml.ns import qn

            tr_pr = table.rows[0]._tr.get_or_add_trPr()
            el = OxmlElement("w:tblHeader")
            el.set(qn("w:val"), "true")
            tr_pr.append(el)
        self._doc.add_paragraph()

    def figure(self, figure: Any, width_fraction: float = 1.0, dpi: int = 200) -> None:
        from docx.shared import Mm
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        from app.core.documents.charts import keep_points_inside

        keep_points_inside(figure)
        FigureCanvasAgg(figure)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")
        buffer.seek(0)
        self._doc.add_picture(buffer, width=Mm(self.width * width_fraction))

    def save(self, path: Path) -> int:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        self._doc.save(str(path))
        return 0  # Word paginates when it opens the file
