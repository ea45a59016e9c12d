"""The PDF facade does reportlab's repeated work once, with the same result (issue 18: a large annual report
measured 6 740 distinct texts 97 879 times and broke 4 002 cell paragraphs into lines 10 722 times)."""

from __future__ import annotations

import gc
from typing import Any

import pytest

NAME = "Stowarzyszenie Przyjaciół Ziemi Łęczyckiej im. św. Józefa — zadanie: opieka wytchnieniowa"


def _document() -> Any:
    from app.core.documents.pdf import PageSetup, PdfDocument

    return PdfDocument(PageSetup("Sprawozdanie", "Test", "Gmina Testowa", council=True))


def test_a_text_is_measured_once_per_face_and_size(monkeypatch: pytest.MonkeyPatch) -> None:
    from reportlab.pdfbase import pdfmetrics, ttfonts

    from app.core.documents.pdf import FONT, register_fonts
    from app.paths import resource_path

    register_fonts()
    plain = ttfonts.TTFont("plain-sans", str(resource_path("fonts", "DejaVuSans.ttf")))
    expected = plain.stringWidth(NAME, 8.5)
    measured: list[str] = []
    original = ttfonts.TTFont.stringWidth

    def counting(self: Any, text: str, size: float, encoding: str = "utf8") -> float:
        measured.append(text)
        return original(self, text, size, encoding)

    monkeypatch.setattr(ttfonts.TTFont, "stringWidth", counting)
    text = NAME + " (1)"  # not measured by another test of this process
    widths = [pdfmetrics.stringWidth(text, FONT, 8.5) for _i in range(3)]
    assert measured == [text]
    assert widths[0] == widths[1] == widths[2] == original(plain, text, 8.5)
    assert pdfmetrics.stringWidth(NAME, FONT, 8.5) == expected


def test_a_cell_paragraph_breaks_its_lines_once_per_width(monkeypatch: pytest.MonkeyPatch) -> None:
    from reportlab.platypus import Paragraph

    from app.core.documents.pdf import _cell_paragraph

    doc = _document()
    style = doc.styles["cell"]
    reference = Paragraph(NAME, style)
    ref_size = reference.wrap(80, 1000)
    ref_lines = [line[1] for line in reference.blPara.lines]  # (unused width, words) per line

    broken: list[float] = []
    original = Paragraph.breakLines

    def counting(self: Any, width: Any) -> Any:
        broken.append(width[0])
        return original(self, width)

    monkeypatch.setattr(Paragraph, "breakLines", counting)
    cell = _cell_paragraph()(NAME, style)
    sizes = [cell.wrap(80, 1000), cell.wrap(80, 500), cell.wrap(80, 1000)]
    assert broken == [80]
    # the same lines and height as reportlab's own Paragraph: 8.5 pt DejaVu Sans in 80 pt is 4+ lines
    assert sizes == [ref_size] * 3
    assert [line[1] for line in cell.blPara.lines] == ref_lines and len(ref_lines) >= 4
    cell.wrap(120, 1000)  # another width: broken again
    assert broken == [80, 120]


def test_the_annual_report_is_built_without_the_cycle_collector(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    import app.core.documents.annual_report as annual_report

    seen: list[bool] = []

    def figures(db: Any, year: int) -> Any:
        seen.append(gc.isenabled())
        raise RuntimeError("stop here")

    monkeypatch.setattr(annual_report, "annual_figures", figures)
    assert gc.isenabled()
    with pytest.raises(RuntimeError):
        annual_report.build_annual_report(None, 2025, tmp_path / "r.pdf")  # type: ignore[arg-type]
    assert seen == [False]
    assert gc.isenabled()  # back on, also after a failed build


def test_a_nested_pause_leaves_the_collector_to_the_outer_one() -> None:
    from app.core.documents.common import cycles_collected_after

    with cycles_collected_after():
        with cycles_collected_after():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_streams_are_compressed_without_an_ascii_layer(tmp_path: Any) -> None:
    from pypdf import PdfReader

    from app.core.documents.pdf import Column

    doc = _document()
    doc.para("Sprawozdanie z realizacji programu współpracy.")
    doc.table([Column("Organizacja"), Column("Kwota", 1, "RIGHT")], [[NAME, "12 000,00 zł"]] * 6)
    doc.save(tmp_path / "r.pdf")
    raw = (tmp_path / "r.pdf").read_bytes()
    assert b"/ASCII85Decode" not in raw and b"/FlateDecode" in raw
    text = PdfReader(str(tmp_path / "r.pdf")).pages[0].extract_text()
    assert "Sprawozdanie z realizacji" in text and "12 000,00 zł" in text


def test_a_text_is_encoded_once_per_face_size_and_state(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    """The page canvas writes the same operators as reportlab's own canvas, encoding a repeated text once."""
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.pdfgen.textobject import PDFTextObject

    from app.core.documents.pdf import FONT, _numbered_canvas_class, register_fonts

    register_fonts()
    encoded: list[str] = []
    original = PDFTextObject._formatText

    def counting(self: Any, text: Any) -> Any:
        encoded.append(text)
        return original(self, text)

    monkeypatch.setattr(PDFTextObject, "_formatText", counting)

    def draw(canvas: Any) -> None:
        for y in (700, 680, 660):
            canvas.setFont(FONT, 8.5)
            canvas.drawString(72, y, "Łęczyca — zł")
            canvas.drawRightString(500, y, "12 000,00 zł")
            canvas.setFont(FONT + "-Bold", 8.5)
            canvas.drawString(72, y - 10, "Łęczyca — zł")  # another face: its own operators

    ours = _numbered_canvas_class(8, 40, 40)(str(tmp_path / "ours.pdf"), invariant=1)
    draw(ours)
    encoded_ours = list(encoded)
    encoded.clear()
    plain = Canvas(str(tmp_path / "plain.pdf"), invariant=1, initialFontName=FONT)
    draw(plain)
    # reportlab's canvas encodes all 9 texts; ours each (face, text) once: 3 of them
    assert len(encoded) == 9
    assert encoded_ours == ["Łęczyca — zł", "12 000,00 zł", "Łęczyca — zł"]
    assert "".join(ours._code) == "".join(plain._code)


def test_a_number_is_written_once_as_reportlab_writes_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """The canvas's numbers (text origins, grid lines, positions) are reportlab's own text of them, each
    argument list formatted once (a large annual report: 57 226 numbers written, 1 461 distinct)."""
    from reportlab.lib import rl_accel as accel
    from reportlab.pdfgen import canvas as canvas_module
    from reportlab.pdfgen import textobject as text_module

    from app.core.documents import pdf

    # reportlab's module globals (fp_str is not in its stubs)
    rl_accel: Any = accel
    canvas: Any = canvas_module
    textobject: Any = text_module
    asked: list[tuple[Any, ...]] = []
    original = rl_accel.fp_str

    def counting(*numbers: Any) -> Any:
        asked.append(numbers)
        return original(*numbers)

    # reportlab as it is before the first document (the modules restored after the test)
    for module in (rl_accel, canvas, textobject):
        monkeypatch.setattr(module, "fp_str", counting)
    monkeypatch.setattr(pdf, "_number_texts", {})
    pdf._remember_number_texts()
    installed = canvas.fp_str
    assert installed is textobject.fp_str and installed is not counting
    pdf._remember_number_texts()  # a second document changes nothing
    assert canvas.fp_str is installed
    # reportlab's texts, written out: 6 - int(log10 |x|) decimals (6 at most, none from 10**6 up), trailing
    # zeros and a leading zero dropped, |x| <= 1e-7 is 0
    cases = {
        (72.0, 700.5): "72 700.5",
        (0.25,): ".25",
        (-0.0, 1e-8): "0 0",
        (1, 1.0): "1 1",
        (123456.789, 0.1234567): "123456.8 .123457",
        (-3.14159265,): "-3.141593",
    }
    for numbers, text in cases.items():
        assert original(*numbers) == text
    for numbers, text in list(cases.items()) * 3:
        assert canvas.fp_str(*numbers) == text
    # 1 and 1.0 are one argument list (equal values write alike): formatted once, as each other list
    assert canvas.fp_str(1.0, 1) == "1 1"
    assert asked == list(cases)
    assert canvas.fp_str([2.5, 3.0]) == "2.5 3"  # fp_str's other form, one list: written as reportlab writes it


def test_a_repeated_cell_is_parsed_once_into_the_same_fragments(monkeypatch: pytest.MonkeyPatch) -> None:
    """A cell paragraph repeated in a document (an organisation in several tables) is parsed once; every
    copy has the fragments, text and style reportlab's parser gives, in lists of its own."""
    from reportlab.platypus import Paragraph
    from reportlab.platypus.paraparser import ParaParser

    doc = _document()
    style = doc.styles["cell"]
    markups = [
        "Stowarzyszenie &amp; Fundacja  „Łęczyca”<br/>druga linia",  # an entity, two spaces, a line break
        "<b>Razem</b>",
        NAME,
    ]
    parsed: list[str] = []
    original = ParaParser.parse

    def counting(self: Any, text: str, style: Any) -> Any:
        parsed.append(text)
        return original(self, text, style)

    monkeypatch.setattr(ParaParser, "parse", counting)
    cells = [[doc._cell_text(m, style) for m in markups] for _round in range(3)]
    assert len(parsed) == 3  # one parse per distinct markup, not 9
    monkeypatch.setattr(ParaParser, "parse", original)
    for markup, copies in zip(markups, zip(*cells)):
        reference = Paragraph(markup, style)
        for cell in copies:
            assert cell.text == reference.text and cell.style is style
            assert [vars(f) for f in cell.frags] == [vars(f) for f in reference.frags]
    # "Stowarzyszenie ", "&", " Fundacja „Łęczyca”" (spaces collapsed), the line break, "druga linia"
    assert [f.text for f in cells[2][0].frags] == ["Stowarzyszenie ", "&", " Fundacja „Łęczyca”", "", "druga linia"]
    first, again = cells[0][0], cells[1][0]
    assert first.frags[0] is not again.frags[0] and first.frags[0].link is not again.frags[0].link
    first.frags[0].link.append("changed")  # one paragraph's fragments change nothing in another's
    assert again.frags[0].link == [] and cells[2][0].frags[0].link == []
    # and a cell wraps as reportlab's own paragraph does
    assert again.wrap(90, 1000) == Paragraph(markups[0], style).wrap(90, 1000)
