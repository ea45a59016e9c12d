"""Numbers and nouns agree in the documents (issue 14: "10 występy", "28 osoby", "79 spotkania",
"427 kursy" in the brochure)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.core.domain.units import plural_category, unit_for
from tests.core.documents.test_documents import pdf_text
from tests.core.plural_check import disagreements


def raw_text(path) -> str:  # type: ignore[no-untyped-def]
    """The PDF's text with its line breaks: a number at the end of one line and a table header on the
    next are not a "number noun" pair."""
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


@pytest.mark.parametrize(
    "n,form",
    [
        (1, "osoba"),
        (2, "osoby"),
        (4, "osoby"),
        (5, "osób"),
        (12, "osób"),
        (14, "osób"),
        (22, "osoby"),
        (24, "osoby"),
        (25, "osób"),
        (112, "osób"),
        (0, "osób"),
        (101, "osób"),
    ],
)
def test_units_agree_with_the_number(n, form):
    assert unit_for(Decimal(n), "osoby") == form


def test_abbreviations_stay_and_unknown_units_are_not_guessed():
    assert unit_for(Decimal(7), "godz.") == "godz."
    assert unit_for(Decimal(7), "paczki żywnościowe") is None
    assert plural_category(Decimal("2.5")) == 1


@pytest.mark.parametrize(
    "text,bad",
    [
        ("Liczba występów 10 występy, 28 osoby", ["10 występy", "28 osoby"]),
        ("79 spotkania i 427 kursy", ["79 spotkania", "427 kursy"]),
        ("1 osób, 3 umów, 13 umowy, 23 umów", ["1 osób", "3 umów", "13 umowy", "23 umów"]),
        ("1 osoba, 3 umowy, 13 umów, 22 uwagi, 5 osób, z 2 organizacji, 1 585 300 osób", []),
    ],
)
def test_the_checker_finds_what_does_not_agree(text, bad):
    assert disagreements(text) == bad


def test_demo_documents_have_no_number_noun_disagreement(tmp_path, db):
    pytest.importorskip("app.core.demo")
    import datetime as dt

    from app.core.demo import load_demo
    from app.core.documents.annual_report import build_annual_report
    from app.core.documents.brochure import build_brochure
    from app.core.documents.resolution import build_resolution

    load_demo(db, dt.date(2026, 10, 1))
    texts = {
        "brochure": raw_text(build_brochure(db, 2025, tmp_path / "b.pdf").path),
        "report": raw_text(build_annual_report(db, 2025, tmp_path / "r.pdf").path),
        "resolution": raw_text(build_resolution(db, tmp_path / "u.pdf", year=2027).path),
    }
    brochure = pdf_text(tmp_path / "b.pdf")
    assert "10 występów" in brochure and "28 osób" in brochure
    assert {k: disagreements(v) for k, v in texts.items()} == {k: [] for k in texts}
