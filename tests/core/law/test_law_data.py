"""The law tables in resources/law load, and broken tables give a clear message."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from app.core.errors import UserFacingError
from app.core.law.data import law, law_dir, load_law

ALL_RULES = {
    "PRG-1",
    "PRG-2",
    "PRG-3",
    "PRG-4",
    "RPT-1",
    "KON-1",
    "KON-2",
    "KON-3",
    "UMW-1",
    "UMW-2",
    "UMW-3",
    "SPR-1",
    "SPR-2",
    "19A-1",
    "19A-2",
    "19A-3",
    "INI-1",
    "A12-1",
    "RDPP-1",
    # issue 17: the per-organisation limit of art. 19a ust. 1a and the grant return of art. 251 u.f.p.
    "19A-4",
    "ZWR-1",
    # issue 17: announcement content and places (art. 13 ust. 2–3), the commission (art. 15 ust. 2a–2f),
    # interest on a late return (art. 251 ust. 5 u.f.p.), the call for an overdue report
    "KON-4",
    "KON-5",
    "KOM-1",
    "ZWR-2",
    "SPR-3",
    # the results or the annulment made public in the three places (art. 15 ust. 2h–2j, art. 18a ust. 2)
    "KON-6",
    # a small grant: the offer's three places (art. 19a ust. 3), remarks considered before signing (ust. 5)
    "19A-5",
    "19A-6",
    # the council resolutions of art. 5 ust. 5 (consultations) and art. 19c (local-initiative criteria)
    "PRG-5",
    "INI-2",
    "PRG-6",
    # what a grant contract states (art. 221 ust. 3 pkt 2 u.f.p.)
    "UMW-4",
}


def test_every_rule_of_domain_section_7_has_parameters() -> None:
    assert set(law().rules) == ALL_RULES


def test_act_version_is_picked_by_date() -> None:
    act = law().acts["UDPPW"]
    # a gmina's notice of autumn 2025 cites "t.j. Dz.U. 2025 poz. 1338" (issue 17)
    assert act.version_on(dt.date(2026, 11, 22)).journal == "Dz.U. z 2025 r. poz. 1338"
    assert act.version_on(dt.date(2025, 6, 1)).journal == "Dz.U. z 2024 r. poz. 1491"
    assert act.version_on(dt.date(2023, 12, 31)).journal == "Dz.U. z 2023 r. poz. 571"
    assert law().rule_citation("KON-1", dt.date(2026, 1, 1)) == "art. 13 ust. 1 u.d.p.p.w. (Dz.U. z 2025 r. poz. 1338)"
    # the public finance act: 2023 poz. 1270 is no longer the text in force (2025 poz. 1483 per the 2026 budget act)
    assert (
        law().rule_citation("ZWR-1", dt.date(2026, 12, 1)) == "art. 251 ust. 1 i 3 u.f.p. (Dz.U. z 2025 r. poz. 1483)"
    )


def test_unverified_rules_are_only_warnings() -> None:
    umw1 = law().rule("UMW-1")
    assert umw1.declared_severity == "error" and not umw1.verified
    assert umw1.severity == "warning"
    assert law().rule("KON-1").severity == "error"
    assert law().rule("19A-1").decimal("max_amount", dt.date(2026, 8, 31)) == 10000


def test_spheres_lookup_is_flagged_for_isap_check() -> None:
    data = law()
    assert data.spheres_verified is False
    assert data.spheres["32a"].name == "rewitalizacja"
    assert len(data.spheres) == 37  # points 1–33 plus 1a, 1b, 5a, 32a


def test_damaged_table_gives_a_message(tmp_path: Path) -> None:
    for name in ("acts.toml", "art4_spheres.toml", "rules.toml"):
        shutil.copy(law_dir() / name, tmp_path / name)
    (tmp_path / "rules.toml").write_text("[rules.X\n", encoding="utf-8")
    with pytest.raises(UserFacingError) as info:
        load_law(tmp_path)
    assert "rules.toml" in info.value.message
    (tmp_path / "rules.toml").unlink()
    with pytest.raises(UserFacingError):
        load_law(tmp_path)


def test_readme_law_section_lists_every_rule_with_its_article_and_text_date() -> None:
    readme = (Path(__file__).resolve().parents[3] / "README.md").read_text(encoding="utf-8")
    data = law()
    for rule_id, spec in data.rules.items():
        [row] = [line for line in readme.splitlines() if line.startswith(f"| {rule_id} |")]
        assert f"{spec.article} {data.acts[spec.act].short}" in row, rule_id
        assert spec.versions[0].act_version in row, rule_id
        if spec.text and spec.checked_on:
            assert spec.checked_on.isoformat() in row, rule_id
        else:
            assert "text not found" in row, rule_id
