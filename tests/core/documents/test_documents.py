"""Printed documents: figures equal the database, Polish letters survive, fonts are embedded,
bad input (empty year, no results, 300-character name, broken logo) still gives a document."""

from __future__ import annotations

import argparse
import datetime as dt
import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.core.db.models import Tranche
from app.core.i18n import _, format_date, format_money, format_percent, ngettext
from tests.conftest import db_argument
from tests.core.documents_fixture import LONG_NAME, build_fixture

# runs on SQLite and on the tests' PostgreSQL server (tests/conftest.py, issue 19)
pytestmark = pytest.mark.pg


def _tiny_png() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (40, 20), (90, 90, 90)).save(buf, format="PNG")
    return buf.getvalue()


@pytest.fixture
def gmina(db):
    ids = build_fixture(db, logo=_tiny_png())
    return db, ids


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    text = "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)
    # Money uses (narrow) no-break spaces; words may be split over lines in table cells.
    return re.sub(r"[\s\u00a0\u202f]+", " ", text)


def norm(text: str) -> str:
    return re.sub(r"[\s\u00a0\u202f]+", " ", text)


def assert_fonts_embedded(path: Path) -> set[str]:
    """Every font on every page has a /FontFile2 (embedded TrueType); returns the base names."""
    from pypdf import PdfReader

    names = set()
    for page in PdfReader(str(path)).pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            descendants = font.get("/DescendantFonts")
            for f in [d.get_object() for d in descendants] if descendants else [font]:
                descriptor = f.get("/FontDescriptor")
                assert descriptor is not None, f"font {f.get('/BaseFont')} has no descriptor (not embedded)"
                assert "/FontFile2" in descriptor.get_object(), f"font {f.get('/BaseFont')} not embedded"
                names.add(str(f["/BaseFont"]))
    return names


def test_annual_report_figures_equal_database(gmina, tmp_path):
    db, _ids = gmina
    from app.core.documents.annual_report import build_annual_report

    out = tmp_path / "report.pdf"
    result = build_annual_report(db, 2025, out)
    text = pdf_text(out)
    with db.session() as s:
        expected_total = s.scalar(select(func.sum(Tranche.amount)).where(Tranche.budget_year == 2025))
        # sum() keeps the column's Money type, so the sum is already Decimal złote.
        n_contracts = s.scalar(
            select(func.count(func.distinct(Tranche.contract_id))).where(Tranche.budget_year == 2025)
        )
    # 120 000,00 + 9 500,50 + 30 000,00 = 159 500,50
    assert expected_total == Decimal("159500.50")
    assert norm(format_money(expected_total)) in text
    assert n_contracts == 3
    assert norm(_("Contracts concluded or continued")) in text
    # per-area sums: SOC 120 000,00; SPORT 30 000,00; CULT 9 500,50
    for amount in ("120000.00", "30000.00", "9500.50"):
        assert norm(format_money(Decimal(amount))) in text
    # 19a share = 9 500,50 / 159 500,50 = 5,956...% → 6,0%
    assert norm(format_percent(Decimal("9500.50") / Decimal("159500.50"))) in text
    assert "6,0%" in text
    # settlement: used 117 654,32, returned 2 345,68 (only contract A is settled); 2 unsettled tranches
    assert norm(format_money(Decimal("117654.32"))) in text
    assert norm(format_money(Decimal("2345.68"))) in text
    assert (
        norm(
            ngettext(
                "{count} tranche of this year has not been settled yet.",
                "{count} tranches of this year have not been settled yet.",
                2,
            ).format(count=2)
        )
        in text
    )
    # grant per recipient of the multi-year contract in 2025: 120 000,00 / 40 = 3 000,00 zł
    assert norm(format_money(Decimal("3000.00"))) in text
    assert "Zażółć" in text and "Gęślą Wola" in text
    assert result.pages >= 2
    assert norm(_("Page {page} of {pages}").format(page=1, pages=result.pages)) in text
    # a council document: the body in DejaVu Serif, the tables in DejaVu Sans, all embedded
    assert {n.split("+")[-1] for n in assert_fonts_embedded(out)} <= {
        "DejaVuSans",
        "DejaVuSans-Bold",
        "DejaVuSans-Oblique",
        "DejaVuSans-BoldOblique",
        "DejaVuSerif",
        "DejaVuSerif-Bold",
        "DejaVuSerif-Italic",
        "DejaVuSerif-BoldItalic",
    }


def test_pdf_metadata_names_the_gmina(gmina, tmp_path):
    db, _ids = gmina
    from pypdf import PdfReader

    from app.core.documents.annual_report import build_annual_report, report_title

    out = tmp_path / "r.pdf"
    build_annual_report(db, 2025, out)
    meta = PdfReader(str(out)).metadata
    assert meta.author == "Gmina Zażółć"
    assert meta.title == report_title(2025)


def test_empty_year_still_builds_and_says_what_is_missing(gmina, tmp_path):
    db, _ids = gmina
    from app.core.documents.annual_report import build_annual_report

    out = tmp_path / "empty.pdf"
    result = build_annual_report(db, 2019, out)
    text = pdf_text(out)
    msg = _("No cooperation programme covering {year} is recorded in the database.").format(year=2019)
    assert norm(msg) in text
    assert msg in result.missing
    assert norm(format_money(Decimal("0"))) in text  # the total line says 0,00 zł rather than nothing


def test_resolution_has_all_eleven_elements_and_flags_the_missing_one(gmina, tmp_path):
    db, ids = gmina
    from app.core.documents.resolution import build_resolution
    from app.core.domain.programme_elements import ELEMENT_TITLES

    out = tmp_path / "uchwala.pdf"
    result = build_resolution(db, out, programme_id=ids["prog"])
    text = pdf_text(out)
    # chapter 1 is the glossary, the 11 statutory elements are chapters 2–12, chapter 13 final provisions
    assert "Rozdział 1. Postanowienia ogólne" in text and "Rozdział 13. Postanowienia końcowe" in text
    for n, label in ELEMENT_TITLES.items():
        assert norm(_("Chapter {n}. {label}").format(n=n + 1, label=_(label))) in text
    assert "zażółć gęślą jaźń" in text
    # element 7 is not entered in the fixture: its chapter (8) gets the act's standard wording, and the
    # clerk is told it was drafted
    assert any("Rozdział 8" in m and "zredagowano" in m for m in result.missing)
    assert "Program realizuje Wójt Gminy Zażółć, w szczególności przez:" in text
    # planned funds: 150 000,00 + 50 000,00 = 200 000,00 (planned_total also 200 000,00)
    assert norm(format_money(Decimal("200000.00"))) in text


def test_contract_card_sums_tranches_per_year(gmina, tmp_path):
    db, ids = gmina
    from app.core.documents.contract_card import build_contract_card

    out = tmp_path / "card.pdf"
    build_contract_card(db, ids["a"], out)
    text = pdf_text(out)
    # 100 000,00 + 120 000,00 + 130 000,00 = 350 000,00
    assert norm(format_money(Decimal("350000.00"))) in text
    for amount in ("100000.00", "120000.00", "130000.00"):
        assert norm(format_money(Decimal(amount))) in text
    # own contribution: planned 8 000 + 5 000 = 13 000,00; actual 8 200,00
    assert norm(format_money(Decimal("13000.00"))) in text
    # result attainment 36/40 = 90,0%; grant per recipient 2025: 120 000 / 40 = 3 000,00 zł
    assert "90,0%" in text
    assert "Fundacja Gęś" in text and "J. Żak" in text
    assert_fonts_embedded(out)


def test_contract_without_results_and_long_organisation_name(gmina, tmp_path):
    db, ids = gmina
    from app.core.documents.contract_card import build_contract_card

    out = tmp_path / "card_c.pdf"
    result = build_contract_card(db, ids["c"], out)
    text = pdf_text(out)
    msg = _("The contract has no planned results; enter the result table of the offer.")
    assert msg in result.missing and norm(msg) in text
    # Every word of the 300+ character name is printed (wrapped, not cut off).
    compact = text.replace(" ", "")
    assert LONG_NAME.replace(" ", "") in compact


def test_tables_never_exceed_the_frame_with_long_text():
    from app.core.documents.pdf import Column, PageSetup, PdfDocument

    doc = PdfDocument(PageSetup(title="t", subject="s", author="a"))
    cols = [Column("Organisation", 3), Column("NIP", 1), Column("Amount", 1.2, "RIGHT"), Column("Count", 0.5, "RIGHT")]
    rows = [[LONG_NAME, "1234563218", format_money(Decimal("1234567.89")), 12]]
    widths = doc._column_widths(cols, rows, None)
    assert sum(widths) == pytest.approx(doc.width)
    # the amount column holds "1 234 567,89 zł" on one line: its width >= the text width + padding
    from reportlab.pdfbase.pdfmetrics import stringWidth

    assert widths[2] >= stringWidth(format_money(Decimal("1234567.89")), "DejaVuSans-Bold", 8.5)


@pytest.mark.parametrize("logo", [None, b"not an image at all", b"\x89PNG\r\n\x1a\n broken"])
def test_missing_or_broken_logo_does_not_stop_printing(db, tmp_path, logo):
    build_fixture(db, logo=logo)
    from app.core.documents.brochure import build_brochure

    out = tmp_path / "b.pdf"
    result = build_brochure(db, 2025, out)
    assert out.stat().st_size > 1000
    assert result.pages >= 1


def test_brochure_is_a5_with_the_year_total(gmina, tmp_path):
    db, _ids = gmina
    from pypdf import PdfReader

    from app.core.documents.brochure import build_brochure

    out = tmp_path / "b.pdf"
    build_brochure(db, 2025, out)
    box = PdfReader(str(out)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (420, 595)  # A5 in points
    assert norm(format_money(Decimal("159500.50"))) in pdf_text(out)


def test_model_report_scopes(gmina, tmp_path):
    db, ids = gmina
    from app.core.documents.model_report import build_model_report

    out = tmp_path / "m.pdf"
    build_model_report(db, out, area="SOC", year=2025)
    text = pdf_text(out)
    assert "UM/1/2024" in text and "UM/9/2025" not in text  # only the SOC contract
    out2 = tmp_path / "m2.pdf"
    build_model_report(db, out2, contract_id=ids["b"])
    assert "UM/7/2025" in pdf_text(out2)


def test_signpost_from_plain_answers(tmp_path, db):
    from app.core.documents.signpost import EfficiencyFigures, SignpostAnswers, build_signpost
    from app.core.domain.enums import MkusType, ProcedureRoute

    answers = SignpostAnswers(
        task="Usługi opiekuńcze w Żółwinie",
        diagnosis="Brakuje opiekunek; kolejka 12 osób.",
        mkus_type=MkusType.ZLECANIE_USLUG,
        type_reasons=["Usługa powtarzalna"],
        route=ProcedureRoute.OPEN_COMPETITION,
        route_reasons=["Wartość ponad limit art. 19a"],
        years=3,
        efficiency=EfficiencyFigures(Decimal("150000.00"), Decimal("120000.00"), 40),
    )
    out = tmp_path / "d.pdf"
    result = build_signpost(db, answers, out)
    text = pdf_text(out)
    # difference 150 000 − 120 000 = 30 000,00 zł; per recipient (the same 40 now and after, computed by E-01
    # and E-02) 3 750 and 3 000; E-03 saving per recipient (3 750 − 3 000) / 3 750 = 20,00%
    assert norm(format_money(Decimal("30000.00"))) in text and "20,00%" in text
    assert norm(format_money(Decimal("3000.00"))) in text
    # what the answers leave out is named, never invented (issue 13: criteria, standard and schedule printed)
    assert "Żółwinie" in text and result.missing == [
        "Nie wypełniono testu decyzji (W-03).",
        "Nie określono standardu minimalnego (J-01).",
        "Nie sporządzono harmonogramu zmiany (W-14).",
    ]
    assert (
        "Planowany okres umowy w latach: 3." in text
    )  # QA: it said "(lata budżetowe)"; a 3-year contract from July spans 4
    empty = build_signpost(None, SignpostAnswers(task="X", diagnosis="", mkus_type=None), tmp_path / "e.pdf")
    assert len(empty.missing) == 6  # diagnosis, criteria, type, route, costs, schedule


def test_schedule_lists_deadlines_in_the_period(gmina, tmp_path):
    db, _ids = gmina
    from app.core.documents.schedule import build_schedule

    out = tmp_path / "t.pdf"
    result = build_schedule(db, dt.date(2025, 1, 1), dt.date(2025, 3, 31), out, today=dt.date(2025, 6, 1))
    # issue 20: no "not yet available" fallback any more; the law engine's deadlines are always there
    assert result.missing == []
    text = pdf_text(out)
    assert format_date(dt.date(2025, 1, 27)) in text  # competition offer deadline in the fixture
    assert format_date(dt.date(2026, 1, 30)) not in text  # outside the period


def test_docx_versions_contain_the_same_figures(gmina, tmp_path):
    db, ids = gmina
    import docx

    from app.core.documents.annual_report import build_annual_report
    from app.core.documents.resolution import build_resolution
    from app.core.domain.programme_elements import ELEMENT_TITLES

    def docx_text(path: Path) -> str:
        d = docx.Document(str(path))
        parts = [p.text for p in d.paragraphs]
        for table in d.tables:
            for row in table.rows:
                parts += [c.text for c in row.cells]
        return norm("\n".join(parts))

    build_annual_report(db, 2025, tmp_path / "r.docx", fmt="docx")
    text = docx_text(tmp_path / "r.docx")
    assert norm(format_money(Decimal("159500.50"))) in text
    assert norm(format_money(Decimal("120000.00"))) in text
    assert docx.Document(str(tmp_path / "r.docx")).core_properties.author == "Gmina Zażółć"
    build_resolution(db, tmp_path / "u.docx", programme_id=ids["prog"], fmt="docx")
    text = docx_text(tmp_path / "u.docx")
    for n, label in ELEMENT_TITLES.items():
        assert norm(_("Chapter {n}. {label}").format(n=n + 1, label=_(label))) in text
    assert "zażółć gęślą jaźń" in text


def test_cli_writes_documents_and_rejects_bad_input(gmina, tmp_path, capsys):
    db, ids = gmina
    from app.commands import document
    from app.core.errors import UserFacingError

    parser = argparse.ArgumentParser()
    document.configure(parser)
    args = parser.parse_args(
        ["annual-report", "--db", db_argument(db), "--out", str(tmp_path / "a.pdf"), "--year", "2025"]
    )
    assert document.run(args) == 0
    assert norm(format_money(Decimal("159500.50"))) in pdf_text(tmp_path / "a.pdf")
    args = parser.parse_args(["contract-card", "--db", db_argument(db), "--out", str(tmp_path / "c.pdf")])
    with pytest.raises(UserFacingError):
        document.run(args)
    args = parser.parse_args(["brochure", "--db", db_argument(db), "--out", str(tmp_path / "b.docx"), "--year", "2025"])
    with pytest.raises(UserFacingError):
        document.run(args)  # the brochure is PDF only
    args = parser.parse_args(["resolution", "--db", db_argument(db), "--out", str(tmp_path / "u.docx")])
    assert document.run(args) == 0
    assert (tmp_path / "u.docx").stat().st_size > 0


def test_demo_gmina_documents_match_database(db, tmp_path):
    """Once the demo loader exists: every document builds from it and the annual total matches."""
    demo = pytest.importorskip("app.core.demo")
    demo.load_demo(db)
    from app.core.documents.catalogue import KINDS, DocumentRequest, build
    from app.core.documents.data import contracts, data_years

    with db.session() as s:
        years = data_years(s)
        first = contracts(s)[0].id if contracts(s) else None
    year = years[-2] if len(years) > 1 else (years[0] if years else 2025)
    for k in KINDS:
        if k.needs_answers:
            continue
        out = tmp_path / f"{k.code}.pdf"
        build(db, DocumentRequest(kind=k.code, out_path=out, year=year, contract_id=first))
        assert_fonts_embedded(out)
    with db.session() as s:
        total = s.scalar(select(func.sum(Tranche.amount)).where(Tranche.budget_year == year)) or Decimal("0")
    assert norm(format_money(total)) in pdf_text(tmp_path / "annual-report.pdf")


def test_page_count_and_a_300_character_gmina_name(db, tmp_path):
    """The header clips an over-long gmina name instead of running off the page."""
    from pypdf import PdfReader

    from app.core.db.models import Gmina
    from app.core.documents.annual_report import build_annual_report

    build_fixture(db)
    with db.session() as s:
        s.scalars(select(Gmina)).one().name = LONG_NAME[:200]  # the column holds 200 characters
    out = tmp_path / "long.pdf"
    result = build_annual_report(db, 2025, out)
    reader = PdfReader(str(out))
    assert result.pages == len(reader.pages)
    assert reader.metadata.author == LONG_NAME[:200]
    first_page = norm(reader.pages[0].extract_text())
    assert "…" in first_page  # the header line was shortened with an ellipsis


def test_cli_signpost_from_answers_file(gmina, tmp_path):
    import json

    db, _ids = gmina
    from app.commands import document
    from app.core.errors import UserFacingError, ValidationFailed

    answers = {
        "task": "Asystent osobisty osoby niepełnosprawnej",
        "diagnosis": "Kolejka 15 osób.",
        "mkus_type": "ZLECANIE_USLUG",
        "route": "OPEN_COMPETITION",
        "years": 3,
        "efficiency": {"current_cost": "200 000,00", "contracted_cost": "150000.00", "recipients": 25},
    }
    path = tmp_path / "a.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    parser = argparse.ArgumentParser()
    document.configure(parser)
    out = tmp_path / "d.pdf"
    args = parser.parse_args(["signpost", "--db", db_argument(db), "--out", str(out), "--answers", str(path)])
    assert document.run(args) == 0
    text = pdf_text(out)
    # difference 200 000 − 150 000 = 50 000,00 zł; per recipient 8 000 and 6 000 (E-01, E-02 over the file's
    # 25 recipients); E-03 saving per recipient (8 000 − 6 000) / 8 000 = 25,00%
    assert norm(format_money(Decimal("50000.00"))) in text and "25,00%" in text
    assert norm(format_money(Decimal("6000.00"))) in text
    path.write_text(json.dumps({**answers, "route": "NOPE", "efficiency": {"current_cost": "abc"}}), encoding="utf-8")
    with pytest.raises(ValidationFailed) as err:
        document.run(args)
    assert {e.field for e in err.value.errors} == {"route", "current_cost"}
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(UserFacingError):
        document.run(args)
    args = parser.parse_args(["signpost", "--db", db_argument(db), "--out", str(out)])
    with pytest.raises(ValidationFailed):
        document.run(args)  # no answers given


def test_all_nine_areas_fit_on_a5_and_a4(db, tmp_path):
    """A chart with nine wrapped area labels is scaled into the A5 frame instead of failing."""
    from app.core.documents.annual_report import build_annual_report
    from app.core.documents.brochure import build_brochure
    from benchmarks.bench_annual_report import populate

    populate(db, 18)  # 18 contracts over the 9 areas, tranches 10 000 + i in 2025
    assert build_brochure(db, 2025, tmp_path / "b.pdf").pages >= 2
    build_annual_report(db, 2025, tmp_path / "r.pdf")
    # total 2025 = sum(10 000 + i for i in 0..17) = 180 000 + 153 = 180 153,00 zł
    assert norm(format_money(Decimal("180153.00"))) in pdf_text(tmp_path / "r.pdf")


@pytest.mark.parametrize(
    "jst,council,executive",
    [
        ("GMINA_WIEJSKA", "Rada Gminy Zażółć", "Wójt"),
        ("GMINA_MIEJSKO_WIEJSKA", None, "Burmistrz"),
    ],
)
def test_council_named_from_the_profile_when_its_name_is_empty(gmina, tmp_path, jst, council, executive):
    """QA: with an empty council name the annual report read "Przedkłada Wójt – rada." and the resolution
    "Rada – Gmina Zażółć"; a rural gmina's council is "Rada Gminy Zażółć", a town's (declined name) is left
    out of the report, blank in the resolution, and both name the missing profile field."""
    db, ids = gmina
    from app.core.db.models import Gmina
    from app.core.documents.annual_report import build_annual_report
    from app.core.documents.resolution import build_resolution
    from app.core.domain.enums import ExecutiveTitle, JstType

    with db.session() as s:
        g = s.query(Gmina).one()
        g.council_name, g.jst_type = "", JstType(jst)
        g.executive_title = ExecutiveTitle.WOJT if executive == "Wójt" else ExecutiveTitle.BURMISTRZ
    report = build_annual_report(db, 2025, tmp_path / "r.pdf")
    text = pdf_text(report.path)
    resolution = build_resolution(db, tmp_path / "u.pdf", programme_id=ids["prog"])
    draft = pdf_text(resolution.path)
    need = "Nazwa rady nie jest wpisana w profilu gminy (Plik → Profil gminy)."
    assert need in report.missing and need in resolution.missing
    assert "– rada." not in text and "Rada – Gmina" not in draft
    if council:
        # "Przedkłada Wójt – Rada Gminy Zażółć." was ungrammatical: the head, then the council in the dative
        assert "Przedkłada Wójt Gminy Zażółć Radzie Gminy Zażółć" in text
        # the heading and the annex name the council in the genitive ("Uchwała Nr … Rady Gminy X")
        # the fixture's programme is adopted: its number and date stand in the heading, "PROJEKT" does not
        assert "UCHWAŁA NR XII/85/2024 RADY GMINY ZAŻÓŁĆ z dnia 27 listopada 2024 r." in draft
        assert "Załącznik do Uchwały Nr XII/85/2024 Rady Gminy Zażółć z dnia 27 listopada 2024 r." in draft
        assert "PROJEKT" not in draft
        assert "Wykonanie uchwały powierza się Wójtowi Gminy Zażółć." in draft
    else:
        assert "Przedkłada Burmistrz Gminy Zażółć 1. Wstęp" in text
        assert "RADY …………… z dnia" in draft and "Wykonanie uchwały powierza się Burmistrzowi Gminy Zażółć." in draft


def test_contract_card_names_overdue_report_signing_paragraph_and_terms(gmina, tmp_path):
    """Issue 14: an owed report reads "overdue since <due>", not "—"; the signing date, the budget
    paragraph and each tranche's use and return terms are printed (the act's when the contract has none)."""
    db, ids = gmina
    from app.core.documents.contract_card import build_contract_card

    with db.session() as s:
        from app.core.db.models import Contract

        k = s.get(Contract, ids["a"])
        k.signed_date = dt.date(2024, 2, 20)
        k.budget_paragraph = "2830"
        k.budget_division, k.budget_chapter = "852", "85228"
        k.tranches[1].use_deadline = dt.date(2025, 11, 30)
        k.tranches[1].return_deadline = dt.date(2025, 12, 15)
        s.commit()
    out = tmp_path / "card.pdf"
    build_contract_card(db, ids["a"], out, today=dt.date(2026, 3, 1))
    compact = pdf_text(out).replace(" ", "")
    # the 2025 annual report was due 30.01.2026 and never came in; 1.03.2026 is after it, contract active
    assert _("overdue since {date}").format(date=format_date(dt.date(2026, 1, 30))).replace(" ", "") in compact
    assert _("Signed on").replace(" ", "") + format_date(dt.date(2024, 2, 20)) in compact
    assert _("Budget paragraph").replace(" ", "") + "2830" in compact
    assert (
        _("Budget division / chapter").replace(" ", "") + "852/85228" in compact
    )  # issue 14: the skarbnik's classification
    # 2024: no terms stored -> the act's: used by 31.12.2024 (art. 221 ust. 3), returned by 31.01.2025 (art. 251 ust. 1)
    assert format_date(dt.date(2024, 12, 31)) + "*" + format_date(dt.date(2025, 1, 31)) + "*" in compact
    # 2025: the contract's own terms, printed as stored and unmarked
    assert (
        format_date(dt.date(2025, 11, 30))
        + format_date(dt.date(2025, 12, 15))
        + norm(format_money(Decimal("117654.32"))).replace(" ", "")
        in compact
    )

    # before its due date the same report is not overdue: nothing says so
    build_contract_card(db, ids["a"], out, today=dt.date(2026, 1, 15))
    compact = pdf_text(out).replace(" ", "")
    assert _("overdue since {date}").format(date=format_date(dt.date(2026, 1, 30))).replace(" ", "") not in compact


def test_trend_lines_are_dark_enough_to_print():
    """A pale (0.55 grey, dotted) third trend line faded on paper: every line is at most 0.35 grey."""
    from matplotlib.colors import to_rgb

    from app.core.documents.charts import line_chart

    fig = line_chart([2024, 2025], {f"s{i}": [i, i + 1] for i in range(5)}, "t")
    greys = [max(to_rgb(line.get_color())) for line in fig.axes[0].get_lines()]
    assert len(greys) == 5 and max(greys) <= 0.35


class _Figures:
    """Stands in for a PdfDocument: keeps each chart's bar labels and each note."""

    def __init__(self) -> None:
        self.charts: list[list[str]] = []
        self.notes: list[str] = []

    def figure(self, fig, width_fraction: float = 1.0) -> None:
        self.charts.append([t.get_text() for t in fig.axes[0].get_yticklabels()])

    def note(self, text: str) -> None:
        self.notes.append(text)


def _attained(n: int):
    from types import SimpleNamespace

    # contract i attains i/100: 1 %, 2 %, ... n %
    return [
        (SimpleNamespace(id=i, number=f"K/{i}", title=""), SimpleNamespace(attainment=Decimal(i) / 100))
        for i in range(1, n + 1)
    ]


def test_attainment_chart_shows_every_contract_without_a_lone_bar():
    """Issue 14: the chart kept the first 15 contracts (8 of the demo's 23 silently dropped)."""
    from app.core.documents.model_indices import _attainment_charts

    doc = _Figures()
    _attainment_charts(doc, _attained(23))
    # 23 bars, at most 16 a chart: 2 charts, split evenly 12 + 11 (never 16 + 7, never a lone bar)
    assert [len(c) for c in doc.charts] == [12, 11]
    assert [label for c in doc.charts for label in c] == [f"K/{i}" for i in range(1, 24)]
    assert doc.notes == []

    doc = _Figures()
    _attainment_charts(doc, _attained(17))
    assert [len(c) for c in doc.charts] == [9, 8]  # 17 = 9 + 8, not 16 + 1


def test_attainment_chart_names_what_it_leaves_out_of_a_large_gmina():
    from app.core.documents.model_indices import _attainment_charts

    doc = _Figures()
    _attainment_charts(doc, _attained(70))
    # 64 lowest shown (1 %..64 %) in 4 charts of 16; the 6 left out (65 %..70 %) are said, from 65 %
    assert [len(c) for c in doc.charts] == [16, 16, 16, 16]
    assert "K/65" not in [label for c in doc.charts for label in c]
    assert len(doc.notes) == 1
    assert "64" in doc.notes[0] and " 6 " in doc.notes[0] and format_percent(Decimal("0.65")) in doc.notes[0]


def test_model_report_of_one_contract_has_no_one_bar_chart_nor_contradicting_gap(gmina, tmp_path, monkeypatch):
    """One contract: its attainment is in the table, a one-bar chart only repeated it (alone on a page);
    without a year a gap note says which year the index reads, since the table covers the whole contract."""
    db, ids = gmina
    from app.core.documents import charts
    from app.core.documents.model_report import build_model_report

    drawn: list[list[str]] = []
    real = charts.bar_chart

    def spy(categories, *args, **kwargs):
        drawn.append(list(categories))
        return real(categories, *args, **kwargs)

    monkeypatch.setattr(charts, "bar_chart", spy)
    out = tmp_path / "m.pdf"
    result = build_model_report(db, out, contract_id=ids["a"])
    assert all(len(c) > 1 for c in drawn)
    text = pdf_text(out)
    # the measures table says it covers the whole contract (the index notes read one year)
    assert norm(_("Measures read directly from the contract records, over the whole contract:")) in text
    qualified = _(
        "{model}: no data for {components} in the year the index reads (each contract's latest year with index data)."
    )
    pieces = [x for part in qualified.split("{model}") for x in part.split("{components}") if x.strip()]
    gaps = [m for m in result.missing if m.split(":")[0] in (_("Quality"), _("Efficiency"), _("Cooperation"))]
    assert gaps  # contract a has no control score, satisfaction... (the fixture records none)
    for msg in gaps:
        assert all(piece in msg for piece in pieces), msg


def test_commitments_print_the_classification_and_keep_many_years_inside_the_page(gmina, tmp_path):
    """Issue 14: each row's budget classification as stored (dział / rozdział / §; one not entered is "—"
    and a note names the contract); a table from 2020 (7 year columns) once ran past the margin."""
    db, ids = gmina
    from app.core.db.models import Contract
    from app.core.documents.commitments import build_commitments
    from tests.core.print_check import outside_printable_area, overlapping_text

    with db.session() as s:
        s.get(Contract, ids["a"]).budget_paragraph = "2830"
        s.commit()
    out = tmp_path / "z.pdf"
    result = build_commitments(db, 2020, out, today=dt.date(2026, 3, 1))
    text = pdf_text(out)
    compact = text.replace(" ", "")
    assert "—/—/§2830" in compact.replace("\xa0", "")
    assert any("dział" in m and "rozdział" in m for m in result.missing)
    with db.session() as s:
        k = s.get(Contract, ids["a"])
        k.budget_division, k.budget_chapter = "852", "85228"
        s.commit()
    result = build_commitments(db, 2020, out, today=dt.date(2026, 3, 1))
    assert "852/85228/§2830" in pdf_text(out).replace(" ", "").replace("\xa0", "")
    assert not any("dział" in m for m in result.missing)  # every row classified: no note
    assert outside_printable_area(out) == [] and overlapping_text(out) == []
    # every year 2020..2026 has its column; contract a (the only multi-year one) commits
    # 100 000,00 + 120 000,00 + 130 000,00 = 350 000,00 from 2020 on
    from app.core.documents.commitments import year_header

    for year in range(2020, 2027):
        assert year_header(year).replace(" ", "") in compact
    assert norm(format_money(Decimal("350000.00"))).replace(" ", "") in compact
