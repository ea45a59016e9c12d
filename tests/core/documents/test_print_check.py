"""Print check of every document kind (issue 14), on the demo gmina and on an empty one: every glyph
inside the printable area, every font embedded, DOCX in pl-PL, a short table never split."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from app.core.documents.catalogue import KINDS, DocumentRequest, build
from app.core.errors import UserFacingError
from tests.core.documents.test_documents import assert_fonts_embedded
from tests.core.plural_check import disagreements
from tests.core.print_check import (
    headings_alone_at_foot,
    outside_printable_area,
    overlapping_text,
    text_runs,
)
from tests.core.test_plurals import raw_text


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):  # type: ignore[no-untyped-def]
    from app.core.db.engine import open_database
    from app.core.demo import load_demo

    db = open_database(tmp_path_factory.mktemp("demo") / "demo.sqlite")
    load_demo(db, dt.date(2026, 10, 1))
    yield db
    db.dispose()


@pytest.fixture(scope="module")
def empty_db(tmp_path_factory):  # type: ignore[no-untyped-def]
    """A gmina that has filled in its profile and nothing else."""
    from app.core.db.engine import open_database
    from app.core.domain.records import GminaInput
    from app.core.services.gmina import save_gmina

    db = open_database(tmp_path_factory.mktemp("empty") / "empty.sqlite")
    save_gmina(db, GminaInput(name="Gmina Pusta", council_name="Rada Gminy Pusta", voivodeship="mazowieckie"))
    yield db
    db.dispose()


def _answers():  # type: ignore[no-untyped-def]
    from app.core.documents.signpost import answers_from_dict

    return answers_from_dict({"task": "Usługi opiekuńcze dla seniorów", "diagnosis": "Rosnąca liczba seniorów."})


def _request(db, code: str, out: Path) -> DocumentRequest:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from app.core.db.models import Contract

    with db.session() as s:
        contract = s.scalars(select(Contract.id).order_by(Contract.id)).first()
    return DocumentRequest(
        kind=code, out_path=out, year=2025, contract_id=contract, answers=_answers() if code == "signpost" else None
    )


@pytest.mark.parametrize("code", [k.code for k in KINDS])
def test_demo_documents_print_inside_the_margins(demo_db, tmp_path, code):
    result = build(demo_db, _request(demo_db, code, tmp_path / f"{code}.pdf"))
    assert outside_printable_area(result.path) == []
    assert disagreements(raw_text(result.path)) == []  # "28 osoby" and the like
    assert overlapping_text(result.path) == []
    assert headings_alone_at_foot(result.path) == []
    assert_fonts_embedded(result.path)
    # the office's letterhead is "Wójt Gminy X" (it read "Gmina X / Wójt — X"); the council's act has none
    first = raw_text(result.path).lstrip()
    if code == "resolution":
        # the 2025 programme is adopted: its act begins with its number (a draft with "PROJEKT")
        assert first.startswith("UCHWAŁA NR VIII/148/2024\n RADY GMINY PRZYKŁADOWA"), first[:60]
    else:
        assert first.startswith("Wójt Gminy Przykładowa\n"), first[:60]


@pytest.mark.parametrize("code", [k.code for k in KINDS])
def test_empty_gmina_documents_print_inside_the_margins_or_say_why_not(empty_db, tmp_path, code):
    req = _request(empty_db, code, tmp_path / f"{code}.pdf")
    try:
        result = build(empty_db, req)
    except UserFacingError as exc:
        # no contract to print a card or a form for, no programme to adopt: a message, not a traceback
        assert code in ("contract-card", "report-form", "resolution"), (code, str(exc))
        assert str(exc)
        return
    assert outside_printable_area(result.path) == []
    assert overlapping_text(result.path) == []
    assert headings_alone_at_foot(result.path) == []
    assert_fonts_embedded(result.path)


@pytest.mark.parametrize("code", [k.code for k in KINDS if k.docx])
def test_docx_documents_are_polish(demo_db, tmp_path, code):
    import docx
    from docx.oxml.ns import qn

    req = _request(demo_db, code, tmp_path / f"{code}.docx")
    req = DocumentRequest(kind=req.kind, out_path=req.out_path, year=req.year, fmt="docx")
    result = build(demo_db, req)
    d = docx.Document(str(result.path))
    assert d.styles["Normal"].element.rPr.find(qn("w:lang")).get(qn("w:val")) == "pl-PL"
    assert d.core_properties.language == "pl-PL"
    assert "NUMPAGES" in d.sections[0].footer._element.xml


def test_the_checker_sees_a_glyph_past_the_margin(tmp_path):
    """The check must be able to fail: text drawn 3 mm from the paper's edge is reported."""
    from reportlab.pdfgen.canvas import Canvas

    from app.core.documents.pdf import FONT, register_fonts

    register_fonts()
    path = tmp_path / "edge.pdf"
    c = Canvas(str(path))
    c.setFont(FONT, 10)
    c.drawString(30 * 72 / 25.4, 400, "w środku")
    c.drawRightString(c._pagesize[0] - 3 * 72 / 25.4, 300, "za blisko krawędzi")
    c.save()
    bad = outside_printable_area(path)
    assert len(bad) == 1 and "za blisko krawędzi" in bad[0]


def test_the_checker_sees_text_over_text_and_a_heading_left_at_the_foot(tmp_path):
    from reportlab.pdfgen.canvas import Canvas

    from app.core.documents.pdf import FONT, register_fonts

    register_fonts()
    path = tmp_path / "bad.pdf"
    c = Canvas(str(path))
    c.setFont(FONT, 10)
    c.drawString(100, 700, "pierwszy tekst")
    c.drawString(130, 704, "nachodzi")
    c.setFont(FONT + "-Bold", 14)
    c.drawString(100, 30 * 72 / 25.4, "Rozdział 5. Sam u dołu")
    c.showPage()
    c.setFont(FONT, 10)
    c.drawString(100, 700, "treść rozdziału")
    c.save()
    assert overlapping_text(path) == ["p.1 'pierwszy tekst' over 'nachodzi'"]
    assert headings_alone_at_foot(path) == ["p.1 'Rozdział 5. Sam u dołu'"]


def test_a_short_table_is_not_split_across_pages(tmp_path):
    """A 3-row table that would start near the foot of a page moves whole to the next one."""
    from app.core.documents.pdf import Column, PageSetup, PdfDocument

    doc = PdfDocument(PageSetup(title="t", subject="s", author="Gmina Zażółć"))
    for i in range(42):
        doc.para(f"Akapit wypełniający numer {i}.")
    doc.table(
        [Column("Pozycja"), Column("Kwota", align="RIGHT")],
        [["pierwszy wiersz", "1"], ["drugi wiersz", "2"], ["trzeci wiersz", "3"]],
    )
    doc.save(tmp_path / "t.pdf")
    runs, _sizes = text_runs(tmp_path / "t.pdf")
    pages = {r.page for r in runs if r.text.strip() in ("pierwszy wiersz", "drugi wiersz", "trzeci wiersz")}
    assert len(pages) == 1


def test_every_line_of_a_trend_chart_is_dark_enough_to_print():
    """A 0.85 grey line (the third series of the contract card's index chart) was barely visible."""
    from matplotlib.colors import to_rgb

    from app.core.documents.charts import line_chart

    fig = line_chart(
        [2021, 2022, 2023], {"Jakość": [70, 72, 75], "Efektywność": [40, 45, 50], "Współpraca": [60, 61, 62]}, "Indeksy"
    )
    for line in fig.axes[0].get_lines():
        assert max(to_rgb(line.get_color())) <= 0.6, line.get_label()


def test_a_point_above_a_fixed_scale_is_kept_inside_the_axes():
    """The contract card's index chart is fixed at 0–100; a point above it was cut off at the top."""
    from app.core.documents.charts import keep_points_inside, line_chart

    fig = line_chart([2023, 2024, 2025], {"Jakość": [80, 112, 100]}, "Indeksy")
    fig.axes[0].set_ylim(0, 100)
    keep_points_inside(fig)
    low, high = fig.axes[0].get_ylim()
    assert low == 0 and high >= 112
    assert all(not line.get_clip_on() for line in fig.axes[0].get_lines())
