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
        normal = self._doc.styles["Normal"]
        normal.font.name = "DejaVu Sans"
        normal.font.size = Pt(10)
        props = self._doc.core_properties
        props.title, props.author, props.subject = self.setup.title, self.setup.author, self.setup.subject
        header = section.header.paragraphs[0]
        header.text = self.setup.author + (" — " + self.setup.header_text if self.setup.header_text else "")
        self.width = 170.0

    def title(self, text: str, subtitle: str = "") -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        p = self._doc.add_heading(text, level=0)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if subtitle:
            self._doc.add_paragraph(subtitle).alignment = WD_ALIGN_PARAGRAPH.CENTER

    def heading(self, text: str, level: int = 1) -> None:
        self._doc.add_heading(text, level=1 if level == 1 else 2)

    def para(self, text: str, style: str = "body", markup: bool = False) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        if markup:  # PDF markup is only <b>…</b>; Word gets the plain text
            import re
            from xml.sax.saxutils import unescape

            text = unescape(re.sub(r"<[^>]+>", "", text))
        p = self._doc.add_paragraph(text)
        if style == "center":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if style == "note":
            for run in p.runs:
                run.italic = True

    def note(self, text: str) -> None:
        self.para(text, "note")

    def facts(self, pairs: list[tuple[str, str]]) -> None:
        self.table([Column(_("Item")), Column(_("Value"))], [[k, v] for k, v in pairs], header=False)

    def spacer(self, height_mm: float = 4) -> None:
        pass  # Word's paragraph spacing is enough; empty paragraphs only get in the clerk's way

    def page_break(self) -> None:
        self._doc.add_page_break()

    def table(self, columns: list[Column], rows: list[list[object]], total: list[object] | None = None,
              header: bool = True, empty_text: str | None = None) -> None:
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
