"""The draft resolution as a radca prawny reads it (issue 14): the formula of a council's act, the
legal basis with Dz.U. references, the dative of the head, the voivodeship's journal, one date style,
no letterhead of the wójt, a refusal for a year without a programme, and the gmina's name forms."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from app.core.domain.enums import ExecutiveTitle
from app.core.domain.gmina_names import name_forms
from tests.core.documents.test_documents import norm, pdf_text
from tests.core.documents_fixture import build_fixture


@pytest.fixture
def draft_db(db):
    """The fixture gmina in Podlaskie, its 2025 programme not yet adopted and still in consultation."""
    from app.core.db.models import CooperationProgramme, Gmina

    ids = build_fixture(db)
    with db.session() as s:
        g = s.query(Gmina).one()
        g.voivodeship = "podlaskie"
        g.street, g.postal_code, g.phone, g.email = "ul. Długa 5", "16-070", "85 700 10 00", "ug@zazolc.example"
        p = s.get(CooperationProgramme, ids["prog"])
        p.resolution_number, p.resolution_date = "", None
        p.consultation_end, p.remarks_received, p.remarks_accepted = None, 0, 0
    return db, ids


def _first_page(path) -> str:  # type: ignore[no-untyped-def]
    from pypdf import PdfReader

    return norm(PdfReader(str(path)).pages[0].extract_text() or "")


def test_the_act_has_the_formula_of_a_council_resolution(draft_db, tmp_path):
    db, ids = draft_db
    from app.core.documents.resolution import build_resolution

    result = build_resolution(db, tmp_path / "u.pdf", programme_id=ids["prog"])
    page = _first_page(result.path)
    # heading: number to be given at the session (the year before the programme), council in the genitive
    assert page.startswith("PROJEKT UCHWAŁA NR …/…/2024 RADY GMINY ZAŻÓŁĆ z dnia …………… 2024 r.")
    assert (
        "w sprawie przyjęcia Programu współpracy Gminy Zażółć z organizacjami pozarządowymi oraz podmiotami "
        "wymienionymi w art. 3 ust. 3 ustawy o działalności pożytku publicznego i o wolontariacie na rok 2025"
    ) in page
    # legal basis with the consolidated texts (resources/law/acts.toml) and art. 5a ust. 1 i 4
    assert "Na podstawie art. 18 ust. 2 pkt 15 ustawy z dnia 8 marca 1990 r. o samorządzie gminnym (Dz.U. z 20" in page
    assert (
        "art. 5a ust. 1 i 4 ustawy z dnia 24 kwietnia 2003 r. o działalności pożytku publicznego i o "
        "wolontariacie (Dz.U. z 2025 r. poz. 1338)"
    ) in page  # the text in force when printed (acts.toml)
    assert "Rada Gminy Zażółć uchwala, co następuje:" in page
    assert "§ 3. Wykonanie uchwały powierza się Wójtowi Gminy Zażółć." in page
    # report by 31 May of the next year, as a date
    assert (
        "Wójt Gminy Zażółć przedłoży Radzie Gminy Zażółć sprawozdanie z realizacji programu i opublikuje je w "
        "Biuletynie Informacji Publicznej w terminie do dnia 31 maja 2026 r."
    ) in page
    assert (
        "§ 4. Uchwała wchodzi w życie z dniem 1 stycznia 2025 r. i podlega ogłoszeniu w Dzienniku Urzędowym "
        "Województwa Podlaskiego."
    ) in page
    assert "Przewodniczący Rady Gminy Zażółć" in page
    # a council's act: no letterhead of the wójt (it began "Gmina Zażółć / Wójt — Gęślą Wola")
    assert "Wójt —" not in page and not page.startswith("Gmina Zażółć")


def test_one_date_style_and_no_sentence_said_twice(draft_db, tmp_path):
    db, ids = draft_db
    from app.core.documents.resolution import build_resolution

    text = pdf_text(build_resolution(db, tmp_path / "u.pdf", programme_id=ids["prog"]).path)
    # "01.10.2024" or "1.10.2024" next to "1 października 2024 r." was the finding
    assert not re.search(r"\b\d{1,2}\.\d{1,2}\.\d{4}\b", text)
    assert "Konsultacje z organizacjami rozpoczęto 1 października 2024 r." in text
    assert "r.." not in text
    # chapter 9 (funds): the clerk's sentence is printed, the drafted amount sentence is not added to it
    assert "Środki planowane na realizację programu wynoszą" not in text
    assert text.count("Ostateczną wysokość środków określa uchwała budżetowa") == 1


def test_chapters_carry_the_statutory_content(draft_db, tmp_path):
    db, ids = draft_db
    from app.core.documents.resolution import build_resolution

    result = build_resolution(db, tmp_path / "u.pdf", programme_id=ids["prog"])
    text = pdf_text(result.path)
    assert "Użyte w programie określenia oznaczają:" in text and "8) Wójt – Wójt Gminy Zażółć." in text
    # commissions: appointment, composition, conflict of interest (art. 15 ust. 2a, 2b, 2f)
    assert "powołuje w drodze zarządzenia komisję konkursową (art. 15 ust. 2a ustawy)" in text
    assert "z wyłączeniem osób wskazanych przez organizacje biorące udział w konkursie" in text
    assert "oświadczenie o braku okoliczności powodujących jego wyłączenie" in text
    # RDPP and consultation: what the record has and what it lacks
    assert "nie odnotowano opinii rady działalności pożytku publicznego" in text
    assert any("Konsultacje nie zostały zakończone" in m for m in result.missing)
    assert "Rozdział 13. Postanowienia końcowe" in text


def test_a_year_without_a_programme_is_refused_not_printed_as_another(draft_db, tmp_path):
    db, _ids = draft_db
    from app.core.documents.resolution import build_resolution
    from app.core.errors import NotFound

    with pytest.raises(NotFound) as info:
        build_resolution(db, tmp_path / "u.pdf", year=2028)
    assert "2028" in str(info.value) and "2025" in str(info.value)
    assert not (tmp_path / "u.pdf").exists()


def test_docx_is_polish_with_page_fields_and_plain_heading_styles(draft_db, tmp_path):
    db, ids = draft_db
    import docx
    from docx.oxml.ns import qn

    from app.core.documents.resolution import build_resolution

    build_resolution(db, tmp_path / "u.docx", programme_id=ids["prog"], fmt="docx")
    d = docx.Document(str(tmp_path / "u.docx"))
    normal_lang = d.styles["Normal"].element.rPr.find(qn("w:lang"))
    assert normal_lang.get(qn("w:val")) == "pl-PL"
    footer_xml = d.sections[0].footer._element.xml
    assert "PAGE" in footer_xml and "NUMPAGES" in footer_xml
    h1 = d.styles["Heading 1"]
    assert h1.font.name == "DejaVu Serif" and str(h1.font.color.rgb) == "000000"
    act = next(p for p in d.paragraphs if p.text.startswith("UCHWAŁA NR"))
    assert act.style.name != "Title"
    # no letterhead on the council's act
    assert not "".join(p.text for p in d.sections[0].header.paragraphs).strip()


@pytest.mark.parametrize(
    "name,title,council,voiv,typed,head,dative,council_gen,journal",
    [
        (
            "Gmina Piątnica",
            ExecutiveTitle.WOJT,
            "Rada Gminy Piątnica",
            "podlaskie",
            {},
            "Wójt Gminy Piątnica",
            "Wójtowi Gminy Piątnica",
            "Rady Gminy Piątnica",
            "w Dzienniku Urzędowym Województwa Podlaskiego",
        ),
        (
            "Gmina Supraśl",
            ExecutiveTitle.BURMISTRZ,
            "Rada Miejska w Supraślu",
            "Województwo Podlaskie",
            {},
            "Burmistrz Gminy Supraśl",
            "Burmistrzowi Gminy Supraśl",
            "Rady Miejskiej w Supraślu",
            "w Dzienniku Urzędowym Województwa Podlaskiego",
        ),
        (
            "Miasto Białystok",
            ExecutiveTitle.PREZYDENT,
            "Rada Miasta Białegostoku",
            "podlaskie",
            {"genitive": "Miasta Białegostoku"},
            "Prezydent Miasta Białegostoku",
            "Prezydentowi Miasta Białegostoku",
            "Rady Miasta Białegostoku",
            "w Dzienniku Urzędowym Województwa Podlaskiego",
        ),
        (
            "Gmina Kluczbork",
            ExecutiveTitle.BURMISTRZ,
            "Rada Miejska w Kluczborku",
            "woj. opolskie",
            {"genitive": "Miasta i Gminy Kluczbork"},
            "Burmistrz Miasta i Gminy Kluczbork",
            "Burmistrzowi Miasta i Gminy Kluczbork",
            "Rady Miejskiej w Kluczborku",
            "w Dzienniku Urzędowym Województwa Opolskiego",
        ),
    ],
)
def test_name_forms(name, title, council, voiv, typed, head, dative, council_gen, journal):
    f = name_forms(name, title, council, voiv, **typed)
    assert (f.head, f.head_dative, f.council_genitive, f.journal_locative) == (head, dative, council_gen, journal)
    assert f.missing == ()


def test_a_form_that_cannot_be_derived_is_reported_not_guessed():
    f = name_forms("Powiat Białostocki", ExecutiveTitle.ZARZAD_POWIATU, "Rada Powiatu Białostockiego", "")
    assert f.missing == ("genitive", "dative", "locative", "voivodeship")
    assert f.journal_locative == "w Dzienniku Urzędowym Województwa"
    # "Rada Powiatu X" declines its first word only
    assert f.council_dative == "Radzie Powiatu Białostockiego"


def test_profile_keeps_the_forms_and_the_demo_prints_them(db):
    from app.core.domain.records import GminaInput
    from app.core.services.gmina import get_gmina, save_gmina

    save_gmina(
        db,
        GminaInput(
            name="Gmina Miejska Kraków",
            name_genitive="Miasta Krakowa",
            name_dative="Miastu Krakowowi",
            name_locative="Mieście Krakowie",
        ),
    )
    r = get_gmina(db)
    assert (r.name_genitive, r.name_dative, r.name_locative) == (
        "Miasta Krakowa",
        "Miastu Krakowowi",
        "Mieście Krakowie",
    )


def test_profile_preview_line_shows_the_forms():
    from app.core.services.gmina import name_preview as preview_line

    line = preview_line("Gmina Przykładowa", ExecutiveTitle.WOJT, "Rada Gminy Przykładowa", "podlaskie", "", "", "")
    assert line.startswith("Wójt Gminy Przykładowa\nwykonanie powierza się Wójtowi Gminy Przykładowa")
    assert "w Dzienniku Urzędowym Województwa Podlaskiego" in line
    assert "Brakuje" not in line
    line = preview_line("Gmina Przykładowa", ExecutiveTitle.WOJT, "", "", "", "", "")
    assert line.endswith("Brakuje: Województwo")


def test_the_report_deadline_is_31_may_of_the_next_year():
    from app.core.documents.legal_text import long_date, report_deadline

    assert report_deadline(2025) == dt.date(2026, 5, 31)
    assert long_date(dt.date(2026, 10, 1)) == "1 października 2026 r."


def test_drafted_elements_are_offered_and_not_printed_twice_once_kept(draft_db, tmp_path):
    """The clerk keeps the app's draft of chapter 3 (principles): the printed chapter has each principle once."""
    db, ids = draft_db
    from app.core.db.models import ProgrammeElement
    from app.core.documents.programme_text import draft_elements_for
    from app.core.documents.resolution import build_resolution

    drafts = draft_elements_for(db, 2025, 2025, {1: "Cel własny.", 2: ""})
    assert 1 not in drafts  # typed: never drafted over
    assert drafts[2].startswith(
        "Współpraca odbywa się na zasadach określonych w art. 5 ust. 3 ustawy:\n1) pomocniczości"
    )
    assert "Program realizowany jest od 1 stycznia 2025 r. do 31 grudnia 2025 r" in drafts[6]
    with db.session() as s:
        element = s.query(ProgrammeElement).filter_by(programme_id=ids["prog"], number=2).one()
        element.text = drafts[2]
    text = pdf_text(build_resolution(db, tmp_path / "u.pdf", programme_id=ids["prog"]).path)
    assert text.count("1) pomocniczości – Gmina powierza lub wspiera") == 1
    assert text.count("6) jawności") == 1


def test_the_gmina_act_is_cited_in_the_consolidated_text_of_the_day() -> None:
    """Issue 14: the u.s.g. text a resolution cites (resources/law/acts.toml, sources in its comments):
    2025 poz. 1153 until the 2026 text was published on 21 May 2026, then 2026 poz. 662."""
    import datetime as dt

    from app.core.documents.legal_text import act_journal

    assert act_journal("USG", dt.date(2025, 11, 20)) == "Dz.U. z 2025 r. poz. 1153"
    assert act_journal("USG", dt.date(2026, 5, 20)) == "Dz.U. z 2025 r. poz. 1153"
    assert act_journal("USG", dt.date(2026, 11, 24)) == "Dz.U. z 2026 r. poz. 662"
