"""Issue 17 "Amendments as data": the art. 19a limits have one owner, the law tables, read through
app.core.law.small_grants; W-05, W-10 and the MKUS threshold ask it for the year they are about.

Hand values: before Dz.U. 2026 poz. 1040 (rules.toml 19A-1/3/4, checked against Dz.U. 2024 poz. 1491):
10 000 zł, 90 days, 20 %, 20 000 zł per organisation; from 1.09.2026 (unverified amendment): 20 000 zł,
no day limit, 30 %, 40 000 zł.
"""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import pytest

from app.core.tools.catalogue import get_catalogue
from app.core.tools.engine import evaluate

AMENDMENT = "Dz.U. z 2026 r. poz. 1040"


def w05(year: int | None, amount: str, days: str) -> tuple[str, list[str]]:
    out, problems, ran = evaluate(
        get_catalogue().tool("W-05"), {"amount": amount, "days": days, "circumstances": ["local"]}, year=year
    )
    assert ran, [str(p) for p in problems]
    return out["route"], [w["remark"] for w in out["warnings"]]


# ---- the one function -------------------------------------------------------------------------------


def test_limits_before_and_after_the_amendment() -> None:
    from app.core.law.small_grants import small_grant_limits

    old = small_grant_limits(dt.date(2025, 12, 31))
    assert old.figures() == (D("10000.00"), 90, D("0.20"), D("20000.00"))
    assert old.verified and old.earlier is None and old.journal == "Dz.U. z 2024 r. poz. 1491"
    # the day before the amendment: still the old wording
    assert small_grant_limits(dt.date(2026, 8, 31)).figures() == old.figures()
    new = small_grant_limits(dt.date(2027, 12, 31))
    assert new.figures() == (D("20000.00"), None, D("0.30"), D("40000.00"))
    assert not new.verified and new.journal == AMENDMENT and new.in_force_from == dt.date(2026, 9, 1)
    assert new.earlier is not None and new.earlier.figures() == old.figures()


def test_a_changed_law_table_changes_them_without_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The amendment checked against the act (verified = true) with a 25 000 zł limit, as a clerk's
    installed table would give: W-05 follows it, with no remark on an unchecked text."""
    from app.core.law import small_grants
    from app.core.law.data import law_dir, load_law

    for name in ("acts.toml", "art4_spheres.toml", "rules.toml"):
        shutil.copy(law_dir() / name, tmp_path / name)
    rules = (tmp_path / "rules.toml").read_text(encoding="utf-8")
    checked = 'act_version = "Dz.U. z 2026 r. poz. 1040"\nverified = true'
    rules = rules.replace('act_version = "Dz.U. z 2026 r. poz. 1040"\nverified = false', checked)
    rules = rules.replace('max_amount = "20000.00"\nremoves', 'max_amount = "25000.00"\nremoves')
    assert rules.count(checked) == 3 and '"25000.00"' in rules
    (tmp_path / "rules.toml").write_text(rules, encoding="utf-8")
    data = load_law(tmp_path)
    monkeypatch.setattr(small_grants, "law", lambda: data)

    limits = small_grants.small_grant_limits(dt.date(2027, 12, 31))
    assert limits.figures() == (D("25000.00"), None, D("0.30"), D("40000.00"))
    assert limits.verified and limits.earlier is None
    # 24 000 ≤ 25 000 and no day limit: a small grant, 30 % share, nothing flagged as unchecked
    assert w05(2027, "24000", "200") == (
        "small grant without competition",
        [
            "Dotacje w tym trybie nie mogą przekroczyć 30% dotacji zaplanowanych w budżecie roku na zadania "
            "organizacji (art. 19a ust. 7)."
        ],
    )


def test_only_the_unchecked_rule_is_flagged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """19A-1's amendment checked, 19A-3's and 19A-4's not: W-05 says nothing about the amount, and the share
    remark still names the unchecked amendment."""
    from app.core.law import small_grants
    from app.core.law.data import law_dir, load_law

    for name in ("acts.toml", "art4_spheres.toml", "rules.toml"):
        shutil.copy(law_dir() / name, tmp_path / name)
    rules = (tmp_path / "rules.toml").read_text(encoding="utf-8")
    unchecked_19a1 = (
        'act_version = "Dz.U. z 2026 r. poz. 1040"\nverified = false\ntext = """Not the act\'s wording '
        '(not found): "For offers'
    )
    assert rules.count(unchecked_19a1) == 1
    rules = rules.replace(unchecked_19a1, unchecked_19a1.replace("verified = false", "verified = true"))
    (tmp_path / "rules.toml").write_text(rules, encoding="utf-8")
    data = load_law(tmp_path)
    monkeypatch.setattr(small_grants, "law", lambda: data)

    limits = small_grants.small_grant_limits(dt.date(2027, 12, 31))
    assert limits.unchecked_rules == ("19A-3", "19A-4") and limits.task_checked and not limits.share_checked
    # 15 000 zł for 120 days: within the checked 20 000 zł without a day limit, so no remark on the amount
    route, [share] = w05(2027, "15000", "120")
    assert route == "small grant without competition"
    assert share.startswith("Dotacje w tym trybie nie mogą przekroczyć 30%") and AMENDMENT in share and "20%" in share


# ---- W-05 --------------------------------------------------------------------------------------------


def test_w05_2025_uses_the_old_limits_without_remarks_on_amendments() -> None:
    # 10 000 ≤ 10 000 and 90 ≤ 90: art. 19a
    route, remarks = w05(2025, "10000", "90")
    assert route == "small grant without competition"
    assert remarks == [
        "Dotacje w tym trybie nie mogą przekroczyć 20% dotacji zaplanowanych w budżecie roku na "
        "zadania organizacji (art. 19a ust. 7)."
    ]
    assert w05(2025, "10000.01", "60")[0] == "open competition"  # 0,01 zł over 10 000
    assert w05(2025, "8000", "91")[0] == "open competition"  # one day over 90
    assert w05(2025, "15000", "60") == ("open competition", [])  # no amendment in force in 2025: no remark


def test_w05_2027_new_unverified_limits_are_flagged() -> None:
    # 15 000 zł for 120 days: over 10 000 and 90 days (old), within 20 000 with no day limit (new, unchecked)
    route, remarks = w05(2027, "15000", "120")
    assert route == "small grant without competition"
    [only_new, share] = remarks
    assert AMENDMENT in only_new and "1.09.2026" in only_new and "nie sprawdzono" in only_new
    assert "20\xa0000,00\xa0zł" in only_new and "10\xa0000,00\xa0zł" in only_new and "90 dni" in only_new
    # the share: 30 % of the amendment, 20 % before it
    assert "30%" in share and "20%" in share and AMENDMENT in share
    # 25 000 zł is over both 10 000 and 20 000: open competition whichever wording holds, nothing to flag
    assert w05(2027, "25000", "60") == ("open competition", [])
    # 8 000 zł for 60 days fits both: a small grant, only the share remark names the amendment
    route, [share] = w05(2027, "8000", "60")
    assert route == "small grant without competition" and AMENDMENT in share


def test_w05_2026_names_the_change_during_the_year() -> None:
    """2026 straddles 1.09.2026: the wording at the end of the year decides (with the unchecked-amendment
    remark), and offers received before 1.09.2026 are told they fall under 10 000 zł / 90 days."""
    route, remarks = w05(2026, "15000", "60")
    assert route == "small grant without competition"
    assert any("przed 1.09.2026" in r and "10\xa0000,00\xa0zł" in r and "konkurs" in r for r in remarks)


# ---- W-10 --------------------------------------------------------------------------------------------


@pytest.fixture
def grants_19a(db: Any) -> Any:
    """In 2025 and in 2027 alike: an open-competition contract of 75 000 zł and two art. 19a contracts of
    10 000 zł each: 20 000 / 95 000 = 21,05 % of the year's grants."""
    from app.core.domain.enums import ContractForm, ContractStatus, LegalForm, ProcedureRoute, RegistryType
    from app.core.domain.records import ContractInput, OrganisationInput, PartyInput, ProcedureInput, TrancheInput
    from app.core.services.contracts import create_contract
    from app.core.services.organisations import create_organisation
    from app.core.services.procedures import create_procedure

    org = create_organisation(
        db,
        OrganisationInput(
            name="Fundacja Krok",
            legal_form=LegalForm.FUNDACJA,
            registry_type=RegistryType.KRS,
            registry_number="0000654321",
        ),
    )
    for year in (2025, 2027):
        for n, (route, amount) in enumerate(
            (
                (ProcedureRoute.OPEN_COMPETITION, "75000"),
                (ProcedureRoute.SMALL_GRANT_19A, "10000"),
                (ProcedureRoute.SMALL_GRANT_19A, "10000"),
            )
        ):
            proc = create_procedure(db, ProcedureInput(route=route, title=f"Tryb {year}/{n}", budget_year=year))
            create_contract(
                db,
                ContractInput(
                    number=f"{year}/{n}",
                    title=f"Zadanie {year}/{n}",
                    form=ContractForm.WSPARCIE,
                    status=ContractStatus.ACTIVE,
                    start_date=dt.date(year, 3, 1),
                    end_date=dt.date(year, 4, 30),
                    parties=[PartyInput(org.id)],
                    procedure_id=proc.id,
                    tranches=[TrancheInput(year, amount)],
                ),
            )
    return db


def _plan(db: Any, year: int, amount: str) -> None:
    from app.core.law.budget import set_ngo_grants_planned

    set_ngo_grants_planned(db, year, amount)


def test_w10_share_source_uses_the_years_limit(grants_19a: Any) -> None:
    from app.core.tools.sources import Scope, read_source

    _plan(grants_19a, 2025, "95000")
    _plan(grants_19a, 2027, "95000")
    with grants_19a.session() as s:
        # 2025: 20 000 of the 95 000 planned = 21,05 % > 20 % → no
        assert read_source(Scope(s, "gmina", 0, 2025), "w10.share_19a_ok") == "no"
        # 2027: 21,05 % ≤ 30 % (the unchecked amendment's share: 19A-3 only warns) → yes
        assert read_source(Scope(s, "gmina", 0, 2027), "w10.share_19a_ok") == "yes"


def test_w10_share_is_measured_against_the_planned_grants_not_the_years_grants(grants_19a: Any) -> None:
    """Art. 19a ust. 7: "nie może przekroczyć 20% dotacji planowanych w roku budżetowym na realizację
    zadań publicznych przez organizacje pozarządowe": the base is the budget's plan. 2025's grants are
    95 000 zł (20 000 of them art. 19a = 21,05 %), but the budget planned 120 000 zł:
    20 000 / 120 000 = 16,67 % ≤ 20 % → yes (the year's grants as the base said no)."""
    from app.core.law.rules import small_grant_share_within
    from app.core.tools.sources import Scope, read_source

    with grants_19a.session() as s:
        # without the planned grants neither the law check nor W-10 can tell
        assert small_grant_share_within(s, 2025) is None
        assert read_source(Scope(s, "gmina", 0, 2025), "w10.share_19a_ok") is None
        # a year without art. 19a grants keeps within any share
        assert read_source(Scope(s, "gmina", 0, 2026), "w10.share_19a_ok") == "yes"
    _plan(grants_19a, 2025, "120000")
    with grants_19a.session() as s:
        assert read_source(Scope(s, "gmina", 0, 2025), "w10.share_19a_ok") == "yes"
    _plan(grants_19a, 2025, "99999.99")  # 20 000 / 99 999,99 = 20,0000002 % > 20 % → no
    with grants_19a.session() as s:
        assert read_source(Scope(s, "gmina", 0, 2025), "w10.share_19a_ok") == "no"
    _plan(grants_19a, 2025, "100000")  # exactly 20 % is within ("nie może przekroczyć")
    with grants_19a.session() as s:
        assert read_source(Scope(s, "gmina", 0, 2025), "w10.share_19a_ok") == "yes"


W10 = dict(
    programme_on_time="yes",
    contact_person="yes",
    rdpp="na",
    consultation_resolution="yes",
    report_on_time="no",
    competitions="2",
    share_powierzenie="0.4",
    share_multi_year="0.6",
    share_19a_ok="yes",
    nonfinancial_forms="5",
    knowledge="4",
    conditions="3",
    satisfaction="5",
)


def w10_notes(year: int) -> list[str]:
    out, problems, ran = evaluate(get_catalogue().tool("W-10"), W10, year=year)
    assert ran
    return [p.message for p in problems if p.field == "share_19a_ok"]


def test_w10_flags_the_unverified_share() -> None:
    assert w10_notes(2025) == []  # 20 % of the checked wording: nothing to say
    [note] = w10_notes(2027)
    assert AMENDMENT in note and "30%" in note and "20%" in note and "nie sprawdzono" in note
    # 2026: the unchecked share, and the change on 1.09.2026 from 20 % to 30 %
    unchecked, change = w10_notes(2026)
    assert AMENDMENT in unchecked and "1.09.2026" in change and "19A-3" in change


# ---- MKUS --------------------------------------------------------------------------------------------


@pytest.fixture
def mkus_grants(db: Any) -> Any:
    """Contracts of 10 000, 15 000 and 30 000 zł in 2025 and again in 2027 (no procedures needed)."""
    from app.core.domain.enums import ContractForm, ContractStatus, LegalForm, RegistryType
    from app.core.domain.records import ContractInput, OrganisationInput, PartyInput, TrancheInput
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
    for year in (2025, 2027):
        for amount in ("10000", "15000", "30000"):
            create_contract(
                db,
                ContractInput(
                    number=f"{year}/{amount}",
                    title=f"Zadanie {amount}",
                    form=ContractForm.WSPARCIE,
                    status=ContractStatus.ACTIVE,
                    start_date=dt.date(year, 3, 1),
                    end_date=dt.date(year, 11, 30),
                    parties=[PartyInput(org.id)],
                    tranches=[TrancheInput(year, amount)],
                ),
            )
    return db


def test_mkus_small_grant_threshold_is_the_years_art_19a_limit(mkus_grants: Any) -> None:
    from app.core.figures.mkus_indicators import mkus_indicators

    with mkus_grants.session() as s:
        old, new = mkus_indicators(s, 2025), mkus_indicators(s, 2027)
    # 2025: ≤ 10 000 → only the 10 000 grant: 1 of 3
    assert (old.small_grant_limit, old.small_grants, old.small_share) == (D("10000.00"), 1, D(1) / D(3))
    assert old.small_grant_law is not None and old.small_grant_law.verified
    # 2027: ≤ 20 000 (unchecked amendment) → 10 000 and 15 000: 2 of 3
    assert (new.small_grant_limit, new.small_grants, new.small_share) == (D("20000.00"), 2, D(2) / D(3))
    assert new.small_grant_law is not None and not new.small_grant_law.verified


def test_mkus_table_says_the_limit_is_the_unverified_amendments(mkus_grants: Any) -> None:
    from app.core.documents.mkus_section import _small_label
    from app.core.figures.mkus_indicators import mkus_indicators

    with mkus_grants.session() as s:
        old, new, straddling = (mkus_indicators(s, y) for y in (2025, 2027, 2026))
    assert _small_label(old) == "Dotacje do 10\xa0000,00\xa0zł"
    assert _small_label(new).startswith("Dotacje do 20\xa0000,00\xa0zł (") and AMENDMENT in _small_label(new)
    # 2026: the limit at its end (20 000), and 10 000 for offers received before 1.09.2026
    assert "10\xa0000,00\xa0zł" in _small_label(straddling) and "1.09.2026" in _small_label(straddling)


def test_the_model_file_may_not_copy_the_law_limit(tmp_path: Path) -> None:
    from app.core.errors import UserFacingError
    from app.core.mkus import _load, model_file

    text = (
        model_file()
        .read_text(encoding="utf-8")
        .replace("[indicators]\n", '[indicators]\nsmall_grant_limit = "10000.00"\n')
    )
    path = tmp_path / "model.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UserFacingError, match="small_grant_limit"):
        _load(path, "pl")
