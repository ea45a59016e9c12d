"""Issue 21 item 7: indicators of the problems MKUS was built against, on a small hand-counted fixture,
and their table in the annual report."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from app.core.domain.enums import ContractForm, ContractStatus, LegalForm, RegistryType
from app.core.domain.records import ContractInput, OrganisationInput, PartyInput, TrancheInput


@pytest.fixture
def grants(db):
    """Four contracts with money in 2026 and a draft:
    A 5 000 (support, 2026), B 10 000 (support, 2026), C 120 000 (entrustment, 2025–2027: 80 000 /
    120 000 / 120 000), D 30 000 (entrustment, 2026), E 200 000 (a draft: commits nothing)."""
    from app.core.services.contracts import create_contract
    from app.core.services.organisations import create_organisation

    org = create_organisation(
        db,
        OrganisationInput(
            name="Fundacja Krok",
            legal_form=LegalForm.FUNDACJA,
            registry_type=RegistryType.KRS,
            registry_number="0000654321",
        ),
    )

    def add(
        number: str,
        form: ContractForm,
        start: dt.date,
        end: dt.date,
        tranches: list[tuple[int, str]],
        status: ContractStatus = ContractStatus.ACTIVE,
    ) -> None:
        create_contract(
            db,
            ContractInput(
                number=number,
                title=f"Zadanie {number}",
                status=status,
                form=form,
                start_date=start,
                end_date=end,
                parties=[PartyInput(org.id)],
                tranches=[TrancheInput(y, a) for y, a in tranches],
            ),
        )

    y26 = (dt.date(2026, 3, 1), dt.date(2026, 11, 30))
    add("A", ContractForm.WSPARCIE, *y26, [(2026, "5 000")])
    add("B", ContractForm.WSPARCIE, *y26, [(2026, "10 000")])
    add(
        "C",
        ContractForm.POWIERZENIE,
        dt.date(2025, 1, 1),
        dt.date(2027, 12, 31),
        [(2025, "80 000"), (2026, "120 000"), (2027, "120 000")],
    )
    add("D", ContractForm.POWIERZENIE, *y26, [(2026, "30 000")])
    add("E", ContractForm.POWIERZENIE, *y26, [(2026, "200 000")], status=ContractStatus.DRAFT)
    return db


def test_indicators_hand_computed(grants):
    from app.core.figures.mkus_indicators import mkus_indicators

    with grants.session() as s:
        m = mkus_indicators(s, 2026)
    assert m.grants == 4  # A, B, C, D (the draft E commits nothing)
    assert m.committed == D("165000.00")  # 5 000 + 10 000 + 120 000 + 30 000
    # A and B: within art. 19a's limit at the end of 2026 (20 000, unchecked amendment; 10 000 before 1.09.2026 would
    # give the same two); 2 / 4
    assert (m.small_grants, m.small_share) == (2, D("0.5"))
    assert m.median_grant == D("20000.00")  # (10 000 + 30 000) / 2
    assert m.entrustment_share == D("150000") / D("165000")  # (120 000 + 30 000) / 165 000 = 0,909…
    assert m.multi_year == 1  # C: 2025–2027
    assert m.multi_year_share == D("120000") / D("165000")  # 0,727…
    assert (m.large_tasks, m.large_tasks_committed) == (1, D("120000.00"))  # C: 120 000 ≥ 100 000


def test_thresholds_are_data(grants):
    from app.core.figures.mkus_indicators import mkus_indicators
    from app.core.mkus import IndicatorThresholds

    with grants.session() as s:
        m = mkus_indicators(s, 2026, IndicatorThresholds(D("5000"), D("30000")))
    assert m.small_grants == 1 and m.large_tasks == 2  # A only; C and D (30 000 ≥ 30 000)


def test_a_year_without_grants_is_unknown_not_zero(db):
    from app.core.figures.mkus_indicators import mkus_indicators

    with db.session() as s:
        m = mkus_indicators(s, 2026)
    assert m.grants == 0 and m.small_share is None and m.median_grant is None and m.entrustment_share is None


def test_annual_report_prints_the_table(grants, tmp_path):
    from app.core.documents.annual_report import build_annual_report
    from tests.core.documents.test_documents import norm, pdf_text

    out = tmp_path / "r.pdf"
    build_annual_report(grants, 2026, out)
    text = pdf_text(out)
    # 2026 straddles 1.09.2026: the limit at the end of the year, 20 000 zł of the unchecked amendment, named
    # with the 10 000 zł of offers received before; A (5 000) and B (10 000) are within it, D (30 000) is not: 2 / 4
    assert norm("Dotacje do 20 000,00 zł (limit art. 19a według nowelizacji Dz.U. z 2026 r. poz. 1040") in text
    assert norm("10 000,00 zł dla ofert, które wpłynęły przed 1.09.2026) 2 (50,0%)") in text
    assert norm("Mediana dotacji 20 000,00 zł") in text
    assert norm("Udział powierzenia w zaangażowanych środkach 90,9%") in text
    assert norm("Umowy wieloletnie i ich udział w zaangażowanych środkach 1 (72,7%)") in text
    assert norm("Duże zadania (od 100 000,00 zł w roku) 1 (120 000,00 zł)") in text


def test_the_cooperation_tools_show_the_same_indicators(grants):
    """Issue 21 item 7: W-11 (report on the programme) and W-10's shares read the indicators from their
    one owner; the draft E (200 000, powierzenie) counts in neither."""
    from app.core.tools import service
    from app.core.tools.sources import Scope, read_source

    with grants.session() as s:
        scope = Scope(s, "gmina", 0, 2026)
        # (120 000 + 30 000) / 165 000 = 0,90909… → 0,9091 (with the draft's tranche it would be 350 / 365)
        assert read_source(scope, "w10.share_powierzenie") == D("0.9091")
        # 120 000 / 165 000 = 0,72727… → 0,7273
        assert read_source(scope, "w10.share_multi_year") == D("0.7273")
    from app.core.domain.enums import ProgrammeKind
    from app.core.domain.records import ProgrammeInput
    from app.core.services.programmes import create_programme

    prog = create_programme(
        grants, ProgrammeInput(kind=ProgrammeKind.ANNUAL, title="Program 2026", year_from=2026, year_to=2026)
    ).id
    view = service.preview(grants, "W-11", "programme", prog, 2026, {}, as_of=dt.date(2026, 12, 1))
    values = {
        k: view.output(k).value
        for k in ("small_share", "median_grant", "entrustment_share", "multi_year_share", "large_tasks")
    }
    # A and B of 4 grants are ≤ 20 000 (and ≤ 10 000): 2 / 4; median (10 000 + 30 000) / 2; C alone ≥ 100 000
    assert values == {
        "small_share": D("0.5000"),
        "median_grant": D("20000.00"),
        "entrustment_share": D("0.9091"),
        "multi_year_share": D("0.7273"),
        "large_tasks": 1,
    }
    # "Dotacje razem" and the grant per contract from the money owner too: 165 000 over the 4 contracts,
    # 41 250,00 (the draft E counted, as before, gave 365 000 / 5 = 73 000,00)
    assert view.output("grant_per_contract").value == D("41250.00")


def test_w11_contract_count_says_what_it_counts(grants):
    """Issue 17 item 4: the W-11 count is the contracts committing money in the year, drafts excluded, and
    its label says so (it read "Umowy realizowane w roku (z transzą w roku)", which a draft with a tranche
    fits too)."""
    from app.core.tools.catalogue import get_catalogue
    from app.core.tools.sources import Scope, read_source

    [count] = [i for i in get_catalogue().tool("W-11").inputs if i.key == "contracts"]
    assert count.label.pl == "Umowy z dotacją zaangażowaną na ten rok (bez projektów umów)"
    assert count.label.en == "Contracts committing a grant for the year (drafts not counted)"
    assert "Projekt umowy niczego nie angażuje" in count.help.pl and "draft contract commits" in count.help.en
    with grants.session() as s:
        # the 4 signed contracts with 2026 tranches (165 000 zł); the draft E with its 200 000 zł tranche is not one
        assert read_source(Scope(s, "gmina", 0, 2026), "programme.contracts") == D(4)
