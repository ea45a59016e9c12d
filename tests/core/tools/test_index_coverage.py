"""Issue 13 items 9 and 11: an index label shows its coverage and gives no verbal grade below the
catalogue's stated coverage; no data at all is "—" / "brak danych", never "0,0 niski"; the leverage of
a contract with no contribution records is unknown, not 0."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal as D

from app.core.tools.catalogue import get_catalogue
from app.core.tools.indices import mean_index
from app.core.tools.present import index_coverage, index_grade_text, index_label, index_value_text

# the catalogue's Quality weights (issue 21: J-06 and J-13 joined the four of issue 13)
J_WEIGHTS = {
    "J-04.attainment": D("0.2"),
    "J-06.share_improved": D("0.2"),
    "J-05.index": D("0.15"),
    "J-13.positive_share": D("0.15"),
    "J-07.score": D("0.15"),
    "J-10.timeliness": D("0.15"),
}


def test_one_of_six_components_gets_no_grade() -> None:
    cat = get_catalogue()
    assert cat.band_min_coverage == D("0.5")  # the catalogue's index_band_min_coverage
    assert cat.indices["J"].default_weights() == J_WEIGHTS
    # only J-04 has data: attainment 0,775 on 0–1 → 77,5; 1 of 6 components, 20 % of the weight < 50 %
    iv = mean_index(cat, "J", [D("77.5")], {"J-04.attainment": [D("0.775")]}, J_WEIGHTS, "catalogue", 2025)
    assert iv.value == D("77.50") and iv.weight_covered == D("0.2000")
    assert (iv.components_with_data, iv.components_total) == (1, 6)
    assert iv.band == "" and iv.level is None  # not "wysoki"
    assert index_coverage(iv) == "1 z 6 składników"
    assert index_value_text(iv) == "77,5"
    assert index_grade_text(iv) == "bez oceny (dane dla 20% wagi, potrzeba 50%)"
    assert "wysoki" not in index_label(iv)


def test_enough_coverage_is_graded_and_the_threshold_is_data() -> None:
    cat = get_catalogue()
    # J-04 and J-05 only: 0,2 + 0,15 = 35 % < 50 % → no grade
    two = {"J-04.attainment": [D("0.8")], "J-05.index": [D("75")]}
    assert mean_index(cat, "J", [D("77.5")], two, J_WEIGHTS, "catalogue", 2025).band == ""
    # J-04, J-05 and J-07: 0,2 + 0,15 + 0,15 = 50 % = the threshold → graded; 77,5 ≥ 75 → "wysoki"
    three = {**two, "J-07.score": [D("75")]}
    iv = mean_index(cat, "J", [D("77.5")], three, J_WEIGHTS, "catalogue", 2025)
    assert iv.band == "wysoki" and index_coverage(iv) == "3 z 6 składników"
    # a catalogue asking for 75 % of the weight: the same figures get no grade
    strict = dataclasses.replace(cat, band_min_coverage=D("0.75"))
    iv = mean_index(strict, "J", [D("77.5")], three, J_WEIGHTS, "catalogue", 2025)
    assert iv.band == "" and iv.level is None


def test_no_data_is_a_dash_and_no_data_never_zero_low() -> None:
    cat = get_catalogue()
    iv = mean_index(cat, "J", [], {}, J_WEIGHTS, "catalogue", 2025)
    assert iv.value is None and iv.band == ""
    assert index_value_text(iv) == "—" and index_grade_text(iv) == "brak danych"
    assert index_label(iv) == "Indeks Jakości — (brak danych)"
    assert "0,0" not in index_label(iv) and "niski" not in index_label(iv)


def test_bad_coverage_in_the_catalogue_is_refused(tmp_path) -> None:
    import tomllib

    import pytest

    from app.core.tools.catalogue import CatalogueError, bundled_path, parse_catalogue

    raw = tomllib.loads(bundled_path().read_text(encoding="utf-8"))
    raw["index_band_min_coverage"] = 1.5
    with pytest.raises(CatalogueError):
        parse_catalogue(raw, tmp_path / "c.toml")


def test_leverage_without_contribution_records_is_unknown(db) -> None:  # type: ignore[no-untyped-def]
    from app.core.domain.enums import ContractStatus, ContributionKind, LegalForm, RegistryType
    from app.core.domain.records import ContractInput, ContributionInput, OrganisationInput, PartyInput, TrancheInput
    from app.core.services.contracts import create_contract
    from app.core.services.organisations import create_organisation
    from app.core.tools.service import compute_tool

    org = create_organisation(
        db,
        OrganisationInput(
            name="KGW Borki", legal_form=LegalForm.KGW, registry_type=RegistryType.REJESTR_KGW, registry_number="7"
        ),
    )

    def contract(number: str, contributions: list[ContributionInput]) -> int:
        return create_contract(
            db,
            ContractInput(
                number=number,
                title="Festyn",
                status=ContractStatus.ACTIVE,
                start_date=dt.date(2025, 6, 1),
                end_date=dt.date(2025, 8, 31),
                parties=[PartyInput(org.id)],
                tranches=[TrancheInput(2025, "10 000")],
                contributions=contributions,
            ),
        ).id

    none = compute_tool(db, "E-05", "contract", contract("A/1", []), 2025, store=False)
    assert not none.ok and none.output("L").value is None  # unknown, not L = 0 / 10 000 = 0
    assert any("nieznana" in p.message for p in none.problems)
    some = compute_tool(
        db,
        "E-05",
        "contract",
        contract("A/2", [ContributionInput(2025, ContributionKind.PERSONAL, "2 500")]),
        2025,
        store=False,
    )
    assert some.output("L").value == D("0.25")  # 2 500 / 10 000
