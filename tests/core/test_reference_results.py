"""The reference gmina's results figures against the hand-computed file (issue 13 items 3–5): the contract
card, the model report and the brochure, read from the figure owners the documents ask (app.core.tools
and app.core.figures.money) and from the PDF text.

The expected values are worked out by hand in reference_expected.toml ([contract_card.*],
[model_report_2025], [brochure_2025.results]); when a figure changes, fix the code or the arithmetic in
the file, never both to agree with each other."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.core.reference_gmina import EXPECTED, TODAY, D, build_reference_gmina, ref  # noqa: F401 (ref: fixture)

CARD = EXPECTED["contract_card"]


def measures(db, cid: int, year: int | None):  # type: ignore[no-untyped-def]
    from app.core.tools.figures import contract_measures

    with db.session() as s:
        return contract_measures(s, [cid], year, as_of=TODAY)[cid]


@pytest.mark.parametrize("key", ["C1", "C2"])
def test_card_results_over_the_whole_contract(ref, key: str) -> None:  # type: ignore[no-untyped-def]
    """Issue 13 item 3: C2's 20 places reported four times are 20 places (100 %, the old sum said 400 %),
    its 15 seniors reported four times are 15 people; C1's 3 300 hours of 3 000 are capped at 100 %."""
    db, ids = ref
    e = CARD[key]
    m = measures(db, ids[key], None)
    assert [r.achieved for r in m.results] == [D(v) for v in e["result_achieved"]]
    assert [r.attainment for r in m.results] == [D(v) for v in e["result_attainment"]]
    assert m.attainment == D(e["attainment"])
    assert m.persons == D(e["persons"])
    if "grant_per_person" in e:
        assert (m.grant_spent, m.grant_per_person) == (D(e["grant_spent"]), D(e["grant_per_person"]))
    else:  # no report with costs: unknown, never 0
        assert (m.grant_spent, m.grant_per_person) == (None, None)


@pytest.mark.parametrize(("key", "year"), [("C2", 2025), ("C2", 2022), ("C1", 2025)])
def test_card_results_of_a_year(ref, key: str, year: int) -> None:  # type: ignore[no-untyped-def]
    """A whole-contract flow target is spread over the contract's months (1 850 h × 12 / 37 = 600 in 2025,
    × 1 / 37 = 50 in the one-month 2022); J-04's attainment of the year is the owner's."""
    db, ids = ref
    e = CARD[key][f"year_{year}"]
    m = measures(db, ids[key], year)
    assert m.attainment == D(e["attainment"])
    if "persons" in e:
        assert m.persons == D(e["persons"])
    if "grant_per_person" in e:
        assert (m.grant_spent, m.grant_per_person) == (D(e["grant_spent"]), D(e["grant_per_person"]))


def test_card_unit_cost_trend_is_put_on_twelve_months(ref) -> None:  # type: ignore[no-untyped-def]
    """Issue 13 item 5 on the card's trend chart: C2's one-month 2022 cost 3 000 zł for 15 seniors; per 12
    months that is 3 000 × 12 / 1 / 15 = 2 400,00, like 2023's 36 000 / 15 = 2 400,00 (the chart used to
    plot 200,00 and then 2 400,00: a +1 100 % jump that is only the part year).
    2024: 40 000 / 15 = 2 666,67; 2025: 44 500 / 15 = 2 966,67."""
    db, ids = ref
    got = {y: measures(db, ids["C2"], y).grant_per_person_12m for y in (2022, 2023, 2024, 2025)}
    assert got == {2022: D("2400.00"), 2023: D("2400.00"), 2024: D("2666.67"), 2025: D("2966.67")}
    assert measures(db, ids["C2"], None).grant_per_person_12m is None


def test_e04_normalises_the_one_month_year(ref) -> None:  # type: ignore[no-untyped-def]
    from app.core.tools.engine import Engine

    db, ids = ref
    e = CARD["C2"]["e04_2025"]
    with db.session() as s:
        out = Engine(s, as_of=TODAY).compute("E-04", ("contract", ids["C2"]), 2025).outputs
    assert [r["k"] for r in out["series"]] == [D(k) for k in e["k"]]
    assert [r["year"] for r in out["series"]] == CARD["C2"]["years"]
    assert (out["k_t"], out["change"]) == (D(e["k_t"]), D(e["change"]))


@pytest.mark.parametrize("key", ["C1", "C2", "C5"])
def test_card_money_per_year(ref, key: str) -> None:  # type: ignore[no-untyped-def]
    """The card's money by budget year: C5 (terminated) keeps its unpaid 2026 tranche in the contract but
    commits nothing for it; C1's 2027 tranche is committed, not transferred."""
    from app.core.figures import money

    db, ids = ref
    e = CARD[key]
    with db.session() as s:
        rows = money.contract_years(s, ids[key])
    assert [r.year for r in rows] == e["years"]
    assert [r.in_contract for r in rows] == [D(v) for v in e["planned"]]
    assert [r.committed for r in rows] == [D(v) for v in e["committed"]]
    assert [r.transferred for r in rows] == [D(v) for v in e["transferred"]]
    if "total" in e:
        assert money.add(r.in_contract for r in rows) == D(e["total"])


def test_card_reports_overdue(ref) -> None:  # type: ignore[no-untyped-def]
    from app.core.services.contracts import list_contracts

    db, ids = ref
    rows = {r.id: r for r in list_contracts(db, today=TODAY)}
    for key in ("C1", "C2"):
        e = CARD[key]
        expected = dt.date.fromisoformat(e["overdue"]) if e["overdue"] else None
        assert rows[ids[key]].overdue_date == expected, key


def test_card_pdf_prints_the_figures(ref, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from app.core.documents.contract_card import build_contract_card
    from app.core.i18n import format_money, format_percent
    from tests.core.documents.test_documents import norm, pdf_text

    db, ids = ref
    e = CARD["C2"]
    out = tmp_path / "karta.pdf"
    build_contract_card(db, ids["C2"], out)
    text = pdf_text(out)
    for header in ("Zaangażowano", "Przekazano"):
        assert header in text
    assert norm(format_money(D(e["total"]))) in text
    for att in e["result_attainment"] + [e["attainment"]]:
        assert format_percent(D(att)) in text
    assert "400,0%" not in text  # the places summed over four years
    assert norm(format_money(D(e["grant_per_person"]))) in text
    assert norm(format_money(D(e["contribution_planned"]))) in text

    out5 = tmp_path / "karta5.pdf"
    build_contract_card(db, ids["C5"], out5)
    text5 = norm(pdf_text(out5))
    # C5's 2026 row: 15 000,00 in the contract, 0,00 committed and transferred
    assert norm(f"2026 {format_money(D('15000'))} {format_money(D('0'))} {format_money(D('0'))}") in text5


def test_model_report_2025(ref, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Loose end of the money work: the model report listed every contract with a tranche in the year,
    the draft C7 (20 000,00 zł) included, and its Grant column was the tranche, not the committed money."""
    from app.core.documents.model_report import build_model_report
    from app.core.i18n import format_money, format_percent
    from app.core.tools.figures import mean_attainment
    from tests.core.documents.test_documents import norm, pdf_text

    db, ids = ref
    e = EXPECTED["model_report_2025"]
    out = tmp_path / "model.pdf"
    build_model_report(db, out, year=2025)
    text = pdf_text(out)
    assert "Wypoczynek letni dzieci 2025 (projekt)" not in text
    assert "Zaangażowano" in text
    flat = norm(text)
    for key, grant in zip(e["contracts"], e["grant"]):
        assert norm(format_money(D(grant))) in flat, key
    for key in ("C1", "C2"):
        assert measures(db, ids[key], 2025).attainment == D(e[key])
        assert format_percent(D(e[key])) in text
    all_measures = [measures(db, ids[k], 2025) for k in e["contracts"]]
    assert mean_attainment(all_measures) == D(e["mean_attainment"])


def test_model_report_over_all_years_lists_no_draft(ref, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Without a year the report listed every contract, the draft C7 included; its column is the committed
    money over all years: C2 3 000 + 36 000 + 40 000 + 45 000 = 124 000, C5 10 000 + 20 000 = 30 000."""
    from app.core.documents.model_report import build_model_report
    from app.core.i18n import format_money
    from tests.core.documents.test_documents import norm, pdf_text

    out = tmp_path / "model_all.pdf"
    build_model_report(ref[0], out)
    text = norm(pdf_text(out))
    assert "Wypoczynek letni dzieci 2025 (projekt)" not in text
    for amount in (CARD["C2"]["total"], EXPECTED["opendata"]["C5"]):
        assert norm(format_money(D(amount))) in text


def test_brochure_results(ref, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from app.core.documents.brochure import build_brochure
    from app.core.i18n import format_decimal, format_percent
    from tests.core.documents.test_documents import norm, pdf_text

    e = EXPECTED["brochure_2025"]["results"]
    out = tmp_path / "broszura.pdf"
    build_brochure(ref[0], 2025, out)
    flat = norm(pdf_text(out))
    for name, achieved, unit, att in e["rows"]:
        assert norm(f"{format_decimal(D(achieved))} {unit} {format_percent(D(att))}") in flat, name
    assert e["average_text"] in flat


@pytest.mark.parametrize("scope", ["C2", "C1", "gmina"])
def test_indices_with_coverage(ref, scope: str) -> None:  # type: ignore[no-untyped-def]
    """Issue 13 item 9 on the reference gmina: C1's indices rest on one component (25 % / 30 % of the
    weight) and get no verbal grade; the Cooperation index has no data and no value (never "0,0 niski")."""
    from app.core.tools.figures import indices

    db, ids = ref
    e = EXPECTED["indices_2025"][scope]
    with db.session() as s:
        got = {i.model_code: i for i in indices(s, None if scope == "gmina" else [ids[scope]], 2025, as_of=TODAY)}
    for code in ("J", "E", "W"):
        value, level, with_data, total = e[code]
        i = got[code]
        assert i.value == (D(value) if value else None), code
        assert i.level == (level or None), code
        assert (i.components_with_data, i.components_total) == (with_data, total), code


def test_model_report_prints_the_indices(ref, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from app.core.documents.model_report import build_model_report
    from tests.core.documents.test_documents import pdf_text

    e = EXPECTED["indices_2025"]["gmina"]
    out = tmp_path / "model.pdf"
    build_model_report(ref[0], out, year=2025)
    text = pdf_text(out)
    for code in ("J", "E"):
        assert e[f"{code}_text"] in text, code
    assert "2 z 6" in text and "2 z 3" in text and "0 z 2" in text
    # no data: the value "—" and "no data", never "0,0 niski" (0 % of the weight covered is true)
    assert text.split("Indeks Współpracy", 1)[1].startswith(" — brak danych 0 z 2 składników")
