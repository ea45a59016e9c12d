"""The MKUS model as data: the sources' type names and the later ones, the Bon sub-forms, success factors."""

from __future__ import annotations

import pytest

from app.core import i18n
from app.core.domain.enums import MkusType
from app.core.errors import UserFacingError
from app.core.mkus import mkus_model


def test_source_names_and_later_names():
    m = mkus_model("pl")
    names = {t.type: (t.source_name, t.later_name) for t in m.types}
    # seed 003: TYP 1–4 of the preliminary MKUS; the final model renamed types 2 and 3
    assert names == {
        MkusType.BON_REGRANTING: ("Bon na aktywność", "Bon na aktywność – regranting"),
        MkusType.ZLECANIE_USLUG: ("Zakup usług", "Zlecanie usług"),
        MkusType.ZLECANIE_INSTYTUCJI: ("Zlecenie prowadzenia instytucji", "Zlecanie instytucji"),
        MkusType.KOOPERACYJNE: ("Kooperacyjne rozwiązywanie problemów", ""),
    }
    assert [t.number for t in m.types] == [1, 2, 3, 4]
    assert m.type_names("ZLECANIE_USLUG").label == "Zakup usług (później: Zlecanie usług)"
    assert m.type_names(MkusType.KOOPERACYJNE).label == "Kooperacyjne rozwiązywanie problemów"


def test_bon_subforms_and_steps():
    m = mkus_model("pl")
    assert [f.key for f in m.type_names("BON_REGRANTING").subforms] == ["regranting", "simplified", "co_delivery"]
    assert all(not t.subforms for t in m.types if t.type is not MkusType.BON_REGRANTING)
    assert [s.number for s in m.steps] == [1, 2, 3]
    assert m.steps[0].parts == (
        "Przedstawienie kryteriów podejmowania decyzji",
        "Czynniki sukcesu",
        "Przeprowadzenie diagnozy lokalnej",
    )
    assert m.steps[2].parts[-1] == "Etap 4. Monitoring i ewaluacja"


def test_success_factors_point_at_real_tools():
    from app.core.tools.catalogue import bundled_path, load_catalogue_file

    ids = {t.id for t in load_catalogue_file(bundled_path()).tools}
    m = mkus_model("pl")
    assert len(m.success_factors) == 8
    assert {f.tool for f in m.success_factors} <= ids
    assert all(s for step in m.steps for s in step.tools if s in ids)


def test_english_follows_the_language():
    i18n.set_language("en")
    m = mkus_model()
    assert m.type_names("ZLECANIE_USLUG").source_name == "Purchase of services"
    assert m.type_names("ZLECANIE_USLUG").label == "Purchase of services (later: Commissioning a service)"


def test_damaged_or_incomplete_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "model.toml"
    bad.write_text("steps = [", encoding="utf-8")
    with pytest.raises(UserFacingError, match="model.toml"):
        mkus_model("pl", bad)
    partial = tmp_path / "partial.toml"
    partial.write_text(
        'steps = []\nsuccess_factors = []\n[[types]]\ncode = "KOOPERACYJNE"\nnumber = 4\nsource_name_pl = "K"\n',
        encoding="utf-8",
    )
    with pytest.raises(UserFacingError, match="partial.toml"):
        mkus_model("pl", partial)


def test_benefits_and_risks_analysis():
    from app.core import handbook

    m = mkus_model("pl")
    assert [a.key for a in m.benefits] == ["transaction_costs", "unit_cost", "continuity", "leverage", "trust"]
    assert [a.key for a in m.risks] == ["discontinuity", "quality_drop", "single_provider", "budget"]
    assert all(a.mitigation for a in m.risks) and not any(a.mitigation for a in m.benefits)
    text = handbook.chapter("mkus_steps", "pl").text
    assert all(a.name in text for a in m.analysis)
