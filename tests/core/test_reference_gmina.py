"""The reference gmina's money figures against the hand-computed file (issue 13): the annual report's
document model and PDF, the Pulpit's tiles, the commitments document and the skarbnik's sheet.

When a figure here changes, the expected file's comment says how it was worked out: fix the code, or
the arithmetic in the file, never both to agree with each other."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.core.domain.enums import ProcedureRoute, WkusArea
from tests.core.reference_gmina import EXPECTED, TODAY, D, build_reference_gmina, ref  # noqa: F401 (ref: fixture)


@pytest.fixture(scope="module")
def figures(ref):  # type: ignore[no-untyped-def]
    from app.core.documents.annual_report import annual_figures

    return annual_figures(ref[0], 2025)


def test_annual_report_totals(figures) -> None:  # type: ignore[no-untyped-def]
    e = EXPECTED["annual_report_2025"]
    f = figures
    assert len(f.contracts) == e["contracts"] and f.financed == e["contracts"]
    assert f.totals.committed == D(e["committed"]) == f.total
    assert f.totals.transferred == D(e["transferred"])
    assert f.totals.used == D(e["used"]) and f.totals.unsettled == e["unsettled"]
    assert f.totals.returned == D(e["returned"])
    assert f.plan.total == D(e["planned"]) and f.plan.source.value == e["planned_source"]
    assert len(f.small_grants.contract_ids) == e["small_grants_count"]
    assert f.small_grants.committed == D(e["small_grants"])
    assert f.organisations == e["organisations"] and len(f.multi_year) == e["multi_year"]
    assert len(f.competitions) == e["competitions"]


def test_annual_report_has_no_draft(ref, figures) -> None:  # type: ignore[no-untyped-def]
    _db, ids = ref
    assert ids["C7"] not in {c.id for c in figures.contracts}


def test_annual_report_area_table(figures) -> None:  # type: ignore[no-untyped-def]
    expected = EXPECTED["annual_report_2025"]["areas"]
    rows = {r.key: r for r in figures.areas}
    assert set(rows) == set(expected)
    for key, e in expected.items():
        r = rows[key]
        for name in ("competitions", "offers", "rejected", "support", "entrustment"):
            assert getattr(r, name) == e.get(name, 0), (key, name)
        assert r.planned == (D(e["planned"]) if "planned" in e else None), key
        assert (r.committed, r.transferred) == (D(e["committed"]), D(e["transferred"])), key
    # the plan column adds up to §6's planned total (issue 13 item 2)
    total = EXPECTED["annual_report_2025"]
    assert sum((r.planned for r in figures.areas if r.planned is not None), Decimal(0)) == D(total["planned"])
    assert sum(r.committed for r in figures.areas) == D(total["committed"])
    assert sum(r.offers for r in figures.areas) == total["offers"]


def test_annual_report_routes_and_annex(ref, figures) -> None:  # type: ignore[no-untyped-def]
    _db, ids = ref
    e = EXPECTED["annual_report_2025"]
    labels = {
        ProcedureRoute.OPEN_COMPETITION.label: "OPEN_COMPETITION",
        ProcedureRoute.SMALL_GRANT_19A.label: "SMALL_GRANT_19A",
    }
    got = {labels.get(r.route, "NONE"): (r.contracts, r.committed) for r in figures.routes}
    assert got == {
        k: (e["routes"][f"{k}_contracts"], D(e["routes"][k])) for k in ("OPEN_COMPETITION", "SMALL_GRANT_19A", "NONE")
    }
    for key, (committed, transferred) in e["per_contract"].items():
        assert (figures.committed(ids[key]), figures.transferred(ids[key])) == (D(committed), D(transferred)), key


def test_annual_report_pdf_prints_the_figures(ref, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from app.core.documents.annual_report import build_annual_report
    from app.core.i18n import format_money
    from tests.core.documents.test_documents import norm, pdf_text

    out = tmp_path / "sprawozdanie.pdf"
    result = build_annual_report(ref[0], 2025, out)
    text = pdf_text(out)
    e = EXPECTED["annual_report_2025"]
    # the sentence of section 3, with the committed and transferred money
    assert (
        norm(
            f"W roku 2025 gmina sfinansowała {e['contracts']} umów: zaangażowano łącznie "
            f"{format_money(D(e['committed']))}, z czego przekazano {format_money(D(e['transferred']))}."
        )
        in text
    )
    for amount in (e["used"], e["returned"], "15000.00"):
        assert norm(format_money(D(amount))) in text
    # §6: the funds row, planned in the programme against committed
    assert (
        norm(
            f"Środki zaangażowane w umowach z organizacjami {format_money(D(e['planned']))} "
            f"{format_money(D(e['committed']))}"
        )
        in text
    )
    assert e["small_grants_share_text"] in text
    for header in ("Plan wg programu", "Zaangażowano", "Przekazano"):
        assert header in text
    assert "Wypoczynek letni dzieci 2025 (projekt)" not in text  # the draft is in no table
    assert result.pages >= 3


def test_pulpit_tiles(ref) -> None:  # type: ignore[no-untyped-def]
    from app.core.services.dashboard import dashboard

    e = EXPECTED["pulpit"]
    data = dashboard(ref[0], TODAY)
    assert (data.organisations, data.contracts, data.active_contracts, data.multi_year_contracts) == (
        e["organisations"],
        e["contracts"],
        e["active_contracts"],
        e["multi_year_contracts"],
    )
    assert data.committed_per_year == {int(y): D(a) for y, a in e["committed_per_year"].items()}
    assert data.committed_total == D(e["committed_total"])


@pytest.mark.parametrize("year", [2026, 2025])
def test_commitments(ref, year: int) -> None:  # type: ignore[no-untyped-def]
    from app.core.documents.commitments import load_commitments

    e = EXPECTED[f"commitments_{year}"]
    table = load_commitments(ref[0], year)
    assert len(table.rows) == e["rows"] and table.years == e["years"]
    assert [table.totals[y] for y in table.years] == [D(a) for a in e["totals"]]
    assert table.remaining == D(e["remaining"])
    if "C1" in e:
        row = next(r for r in table.rows if r.contract_id == ref[1]["C1"])
        assert row.remaining == D(e["C1"])


def test_commitments_pdf_and_skarbnik_sheet(ref, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from app.core.documents.commitments import build_commitments
    from app.core.i18n import format_money
    from app.core.transfer.sheets import commitments_sheet
    from tests.core.documents.test_documents import norm, pdf_text

    e = EXPECTED["commitments_2026"]
    out = tmp_path / "zobowiazania.pdf"
    build_commitments(ref[0], 2026, out, today=TODAY)
    text = pdf_text(out)
    assert "Zaangażowano 2026" in text and "Zaangażowano 2027" in text
    assert norm(format_money(D(e["remaining"]))) in text
    sheet = commitments_sheet(ref[0], today=TODAY)
    assert sheet.headers[8:10] == ("Zaangażowano 2026", "Zaangażowano 2027")
    assert sheet.rows[-1][8:] == tuple(D(a) for a in e["totals"]) + (D(e["remaining"]),)


def test_unknown_plan_prints_a_dash_and_names_the_missing_datum(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Issue 13 item 11: an annual programme without a planned total or priorities: §6 prints "—" and the
    report names what is missing, never "0,00 zł"."""
    from app.core.db.engine import open_database
    from app.core.documents.annual_report import annual_figures, build_annual_report
    from app.core.domain.enums import ProgrammeKind
    from app.core.domain.records import ProgrammeInput
    from app.core.services.programmes import create_programme
    from tests.core.documents.test_documents import norm, pdf_text

    db = open_database(tmp_path / "x.sqlite")
    create_programme(db, ProgrammeInput(kind=ProgrammeKind.ANNUAL, title="Program 2025", year_from=2025, year_to=2025))
    f = annual_figures(db, 2025)
    assert f.plan.total is None and "2025" in f.plan.missing
    out = tmp_path / "r.pdf"
    result = build_annual_report(db, 2025, out)
    text = pdf_text(out)
    assert norm("Środki zaangażowane w umowach z organizacjami — 0,00 zł") in text
    assert f.plan.missing in result.missing
    db.dispose()


def test_multi_year_programme_plans_the_year_from_its_priorities(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A multi-year programme's planned total covers its period: the year's plan is its priorities of that
    year (2026: 70 000 + 30 000 = 100 000), not the 2025–2027 total of 280 000."""
    from app.core.db.engine import open_database
    from app.core.domain.enums import ProgrammeKind
    from app.core.domain.records import PriorityInput, ProgrammeInput
    from app.core.figures import money
    from app.core.services.programmes import create_programme

    db = open_database(tmp_path / "x.sqlite")
    create_programme(
        db,
        ProgrammeInput(
            kind=ProgrammeKind.MULTI_YEAR,
            title="Program 2025–2027",
            year_from=2025,
            year_to=2027,
            planned_total="280 000",
            priorities=[
                PriorityInput(2026, "Opieka", WkusArea.SOC, "70 000"),
                PriorityInput(2026, "Sport", WkusArea.SPORT, "30 000"),
                PriorityInput(2027, "Opieka", WkusArea.SOC, "90 000"),
            ],
        ),
    )
    with db.session() as s:
        plan = money.planned(s, 2026)
        assert (plan.total, plan.source) == (D("100000.00"), money.PlanSource.PRIORITIES)
        assert plan.by_area == {WkusArea.SOC: D("70000.00"), WkusArea.SPORT: D("30000.00")}
        # 2025 has no priorities: unknown, with the programme's total named in the message
        unknown = money.planned(s, 2025)
        assert unknown.total is None and "280" in unknown.missing
    db.dispose()


def test_a_competition_over_several_areas_without_parts(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A database from before schema 2 (or a clerk who did not divide the competition): P2's offers cannot be
    put into an area, so they stay in one honest row, and the competition is still counted once."""
    from app.core.db.engine import open_database
    from app.core.documents.annual_report import annual_figures
    from app.core.services.procedures import (
        get_procedure,
        procedure_input,
        update_procedure,
    )

    db = open_database(tmp_path / "x.sqlite")
    ids = build_reference_gmina(db)
    data = procedure_input(get_procedure(db, ids["P2"]))
    data.parts = []
    update_procedure(db, ids["P2"], data)
    f = annual_figures(db, 2025)
    rows = {r.key: r for r in f.areas}
    e = EXPECTED["annual_report_2025_without_parts"]["areas"]["SEVERAL"]
    several = rows["SEVERAL"]
    assert (several.competitions, several.offers, several.rejected) == (e["competitions"], e["offers"], e["rejected"])
    assert (rows["SPORT"].competitions, rows["SPORT"].offers) == (0, 0)
    assert len(f.competitions) == EXPECTED["annual_report_2025"]["competitions"]
    db.dispose()


def test_the_demo_competitions_add_up_over_their_areas(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The demo's yearly competitions are recorded with parts: no "(several areas)" row is left, and the
    parts' offers and money add up to each competition's (the service's rule, here on the demo loader)."""
    from app.core.db.engine import open_database
    from app.core.demo import load_demo
    from app.core.documents import data
    from app.core.documents.annual_report import annual_figures

    db = open_database(tmp_path / "demo.sqlite")
    load_demo(db, today=TODAY.replace(year=2026, month=12, day=1))
    with db.session() as s:
        for year in range(2021, 2028):
            for p in data.procedures_in_year(s, year):
                if p.parts:
                    assert sum(x.offers_received for x in p.parts) == p.offers_received, p.title
                    assert sum(x.offers_rejected for x in p.parts) == p.offers_rejected, p.title
                    assert sum(x.planned for x in p.parts if x.planned is not None) == p.planned, p.title
    for year in (2021, 2025, 2027):
        f = annual_figures(db, year)
        assert "SEVERAL" not in {r.key for r in f.areas}, year
        # the plan column adds up to §6's planned total
        assert sum(r.planned for r in f.areas if r.planned is not None) == f.plan.total, year
    db.dispose()


def test_brochure_pdf(ref, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from app.core.documents.brochure import build_brochure
    from app.core.i18n import format_money
    from tests.core.documents.test_documents import norm, pdf_text

    e = EXPECTED["brochure_2025"]
    out = tmp_path / "broszura.pdf"
    build_brochure(ref[0], 2025, out)
    text = pdf_text(out)
    assert (
        norm(
            f"W roku 2025 Gmina Wzorcowa zleciła lokalnym organizacjom {e['tasks']} zadań "
            f"({e['organisations']} organizacji) na łączną kwotę {format_money(D(e['committed']))}."
        )
        in text
    )
    assert "Wypoczynek letni dzieci 2025 (projekt)" not in text


def test_the_parts_of_a_competition_name_their_winners(ref, figures) -> None:  # type: ignore[no-untyped-def]
    """P2's parts: SPORT won by O2 (C3), CULT by O3 (C4), HEALTH by O4 (C8)."""
    p2 = next(p for p in figures.procedures if p.id == ref[1]["P2"])
    assert [(x.area, x.winners) for x in p2.parts] == [
        (WkusArea.SPORT, ("Uczniowski Klub Sportowy Sokół",)),
        (WkusArea.CULT, ("Koło Gospodyń Wiejskich w Lipówce",)),
        (WkusArea.HEALTH, ("Stowarzyszenie Trzeźwa Gmina",)),
    ]


def test_open_data_awards_what_a_terminated_contract_was_transferred(ref) -> None:  # type: ignore[no-untyped-def]
    """360Giving's amountAwarded is the committed money: C5 was terminated after 10 000 + 20 000 were
    transferred, so it was awarded 30 000, not the 45 000 of its tranches (the export summed them all)."""
    from app.core.transfer.opendata import grants

    db, ids = ref
    e = EXPECTED["opendata"]
    items = grants(db)
    assert len(items) == e["grants"]
    by_id = {int(g["id"].rsplit("-", 1)[1]): g for g in items}
    assert ids["C7"] not in by_id
    for key in ("C1", "C2", "C5", "C8"):
        assert by_id[ids[key]]["amountAwarded"] == D(e[key]), key


def test_annual_report_multi_year_rows(ref, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Section 4: each multi-year contract's year of the contract, committed money and grant per person
    (the persons served in the year, not a sum of head counts; unknown printed as "—")."""
    from app.core.documents.annual_report import build_annual_report
    from app.core.documents.data import contract as contract_info
    from app.core.i18n import format_money
    from tests.core.documents.test_documents import norm, pdf_text

    db, ids = ref
    out = tmp_path / "sprawozdanie.pdf"
    build_annual_report(db, 2025, out)
    text = norm(pdf_text(out))
    for key, (index, committed, per_person) in EXPECTED["annual_report_2025"]["multi_year_rows"].items():
        with db.session() as s:
            title = contract_info(s, ids[key]).title
        per = format_money(D(per_person)) if per_person else "—"
        row = norm(f"{index} {format_money(D(committed))} {per}")
        assert row in text, (key, row, title)
