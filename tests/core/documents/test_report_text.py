"""The annual report's words (issue 14): who submits it to whom, the programme by name, the deadline
as a date, the organisations in the register, an unfinished year flagged, conclusions drafted from
the figures, and the formal ending with place, date, signature and the note of publication in BIP."""

from __future__ import annotations

import datetime as dt

from tests.core.documents.test_documents import gmina, pdf_text  # noqa: F401  (fixture)


def test_report_introduction_and_ending(gmina, tmp_path):  # noqa: F811
    db, _ids = gmina
    from app.core.documents.annual_report import build_annual_report

    result = build_annual_report(db, 2025, tmp_path / "r.pdf")
    text = pdf_text(result.path)
    assert "Przedkłada Wójt Gminy Zażółć Radzie Gminy Zażółć" in text
    assert (
        "Dotyczy ono Programu współpracy Gminy Zażółć z organizacjami pozarządowymi oraz podmiotami wymienionymi "
        "w art. 3 ust. 3 ustawy o działalności pożytku publicznego i o wolontariacie na rok 2025, przyjętego "
        "uchwałą Nr XII/85/2024 Rady Gminy Zażółć z dnia 27 listopada 2024 r."
    ) in text
    assert "na okres" not in text and "roku następnego" not in text
    assert (
        "Sprawozdanie przedkłada się Radzie Gminy Zażółć i publikuje w Biuletynie Informacji Publicznej w terminie do dnia 31 maja 2026 r."
        in text
    )
    # the fixture registers 3 organisations (all active by default)
    assert "W rejestrze Gminy figurują 3 aktywne organizacje" in text
    # the formal ending: place of the office, the year of submission, the head's signature, BIP note
    assert "Gęślą Wola, dnia …………… 2026 r." in text
    assert text.rstrip().endswith(f"Strona {result.pages} z {result.pages}")
    ending = text[text.index("Gęślą Wola, dnia") :]
    assert "Wójt Gminy Zażółć" in ending and "Opublikowano w Biuletynie Informacji Publicznej Gminy dnia" in ending


def test_conclusions_are_drafted_from_the_figures_when_none_is_written(gmina, tmp_path):  # noqa: F811
    db, _ids = gmina
    from app.core.documents.annual_report import build_annual_report

    result = build_annual_report(db, 2025, tmp_path / "r.pdf")
    text = pdf_text(result.path)
    section = text[text.index("8. Wnioski i rekomendacje") :]
    assert "Do uzupełnienia" not in section and "____" not in section
    assert "Zadania publiczne realizowano na podstawie" in section
    assert any("Wnioski zredagowano na podstawie danych" in m for m in result.missing)


def test_written_conclusions_are_printed_as_written(gmina, tmp_path):  # noqa: F811
    db, ids = gmina
    from app.core.db.models import ProgrammeReport
    from app.core.documents.annual_report import build_annual_report

    with db.session() as s:
        s.add(
            ProgrammeReport(
                programme_id=ids["prog"],
                year=2025,
                conclusions="Wniosek rady: więcej konkursów.",
                published_in_bip=dt.date(2026, 4, 29),
            )
        )
    result = build_annual_report(db, 2025, tmp_path / "r.pdf")
    text = pdf_text(result.path)
    assert "Wniosek rady: więcej konkursów." in text
    assert "Zadania publiczne realizowano na podstawie" not in text
    assert "dnia 29 kwietnia 2026 r." in text


def test_an_unfinished_year_is_printed_with_a_warning(gmina, tmp_path):  # noqa: F811
    db, _ids = gmina
    from app.core.documents.annual_report import build_annual_report

    year = dt.date.today().year
    result = build_annual_report(db, year, tmp_path / "r.pdf")
    text = pdf_text(result.path)
    assert f"Rok {year} jeszcze się nie zakończył" in text
    assert any(f"Rok {year} jeszcze się nie zakończył" in m for m in result.missing)
    assert "jeszcze się nie zakończył" not in pdf_text(build_annual_report(db, 2025, tmp_path / "p.pdf").path)
