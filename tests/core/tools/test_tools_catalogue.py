"""The tool catalogue is data: an edited copy in the user data folder changes names, weights and bands
without code changes; a broken copy is refused with clear reasons and the bundled file is used."""

from __future__ import annotations

import tomllib
from decimal import Decimal as D
from pathlib import Path

import pytest

from app.core import i18n
from app.core.tools import service
from app.core.tools.catalogue import (
    CatalogueError,
    bundled_path,
    get_catalogue,
    load_catalogue,
    override_path,
    parse_catalogue,
    reload_catalogue,
)
from app.core.tools.engine import evaluate


@pytest.fixture
def override():
    """Write the user's catalogue override; removed again after the test."""
    path = override_path()
    path.parent.mkdir(parents=True, exist_ok=True)

    def write(text: str) -> Path:
        path.write_text(text, encoding="utf-8")
        reload_catalogue()
        return path

    yield write
    path.unlink(missing_ok=True)
    reload_catalogue()


def bundled_text() -> str:
    return bundled_path().read_text(encoding="utf-8")


def test_bundled_catalogue_loads_with_both_languages() -> None:
    cat = reload_catalogue()
    assert cat.version == "WKUS-PROPOZYCJA-2026.3" and not cat.warnings and not cat.is_override
    e03 = cat.tool("E-03")
    assert e03.model == "E" and e03.stages == ("P",) and e03.scope == "task"
    assert str(e03.name) == "Wskaźnik efektywności ekonomicznej zmiany"
    i18n.set_language("en")
    assert str(e03.name) == "Economic efficiency of the change"
    assert service.list_tools("E")[2].model_name == "Efficiency"
    i18n.set_language("pl")
    assert service.list_tools("E")[2].stage_names == ("Przygotowanie",)
    assert sum(c.weight for c in cat.indices["E"].components) == D("1.0")
    # TOML floats become exact decimals (0.4, not 0.40000000000000002220446…)
    assert cat.indices["E"].components[0].weight == D("0.4")


def test_every_input_type_and_source_is_known() -> None:
    from app.core.tools.sources import known_sources

    cat = get_catalogue()
    for tool in cat.tools:
        for inp in tool.inputs:
            if inp.source and not inp.source.startswith(("tool:", "model_summary.")):
                assert inp.source in known_sources(), (tool.id, inp.source)


def test_an_edited_copy_changes_names_weights_and_bands(override) -> None:  # type: ignore[no-untyped-def]
    likert = {"answers": [{"q1": "4", "q2": "4"}]}  # mean 4 → index (4 − 1) / 4 × 100 = 75
    before = evaluate(get_catalogue().tool("J-05"), likert)[0]["index"]
    band_before = get_catalogue().tool("J-05").output("index").band_for(before)
    text = bundled_text()
    text = text.replace('name_pl = "Ankieta satysfakcji odbiorców"', 'name_pl = "Badanie zadowolenia mieszkańców"', 1)
    # J-05 bands: a new top band from 70 named by the gmina
    marker = 'key = "index"'
    start = text.index(marker, text.index('id = "J-05"'))
    bands_at = text.index("bands = [", start)
    end = text.index("]\n", bands_at) + 2
    text = (
        text[:bands_at]
        + (
            'bands = [\n  { level = "poor", label_pl = "źle", label_en = "bad" },\n'
            '  { min = 70, level = "good", label_pl = "wzorowo", label_en = "exemplary" },\n]\n'
        )
        + text[end:]
    )
    # the Efficiency index: EE alone (weight 1, the others 0)
    text = text.replace(
        'key = "E-03.EE"\nscope = "task"\nweight = 0.4', 'key = "E-03.EE"\nscope = "task"\nweight = 1.0'
    )
    text = text.replace(
        'key = "E-05.L"\nscope = "contract"\nweight = 0.3', 'key = "E-05.L"\nscope = "contract"\nweight = 0'
    )
    text = text.replace(
        'key = "J-04.attainment"\nscope = "contract"\nweight = 0.3\n',
        'key = "J-04.attainment"\nscope = "contract"\nweight = 0\n',
        1,
    )
    override(text)
    cat = get_catalogue()
    assert cat.is_override and not cat.warnings
    assert str(cat.tool("J-05").name) == "Badanie zadowolenia mieszkańców"
    assert next(c for c in service.list_tools("J") if c.id == "J-05").name == "Badanie zadowolenia mieszkańców"
    out = evaluate(cat.tool("J-05"), likert)[0]
    assert out["index"] == before == D("75.00")
    band = cat.tool("J-05").output("index").band_for(out["index"])
    assert band is not None and str(band.label) == "wzorowo" and band.label != band_before.label  # type: ignore[union-attr]
    assert cat.indices["E"].default_weights() == {"E-03.EE": D("1.0"), "E-05.L": D("0"), "J-04.attainment": D("0")}


def test_a_parameter_in_the_copy_changes_a_result(override) -> None:  # type: ignore[no-untyped-def]
    raw = {"due": "2025-01-30", "received": "2025-02-05"}  # 6 days late
    assert evaluate(get_catalogue().tool("J-10"), raw)[0]["timeliness"] == D("0.8000")  # 1 − 6/30
    override(bundled_text().replace("zero_after_days = 30", "zero_after_days = 60"))
    assert evaluate(get_catalogue().tool("J-10"), raw)[0]["timeliness"] == D("0.9000")  # 1 − 6/60


def test_a_broken_copy_falls_back_to_the_bundled_file(override) -> None:  # type: ignore[no-untyped-def]
    path = override("this is [not toml")
    cat = get_catalogue()
    assert not cat.is_override and len(cat.tools) == 42
    assert str(path) in cat.warnings[0] and "TOML" in " ".join(cat.warnings)
    assert service.catalogue_warnings() == cat.warnings


def test_validation_lists_every_problem() -> None:
    raw = tomllib.loads(bundled_text())
    tools = raw["tools"]
    e01 = next(t for t in tools if t["id"] == "E-01")
    e01["inputs"] = [i for i in e01["inputs"] if i["key"] != "units"]  # the formula reads it
    j05 = next(t for t in tools if t["id"] == "J-05")
    j05["outputs"][0]["bands"] = [
        {"min": 80, "level": "good", "label_pl": "a"},
        {"min": 50, "level": "fair", "label_pl": "b"},
    ]
    w08 = next(t for t in tools if t["id"] == "W-08")
    w08["inputs"][0]["type"] = "slider"
    raw["indices"]["E"]["components"][0]["weight"] = -1
    raw["indices"]["J"]["components"][0]["key"] = "J-99.nothing"
    tools.append(dict(e01))  # a duplicate id
    with pytest.raises(CatalogueError) as exc:
        parse_catalogue(raw, Path("x.toml"))
    text = "\n".join(exc.value.problems)
    assert "'units'" in text and "E-01" in text
    assert "rosnąco" in text or "ascending" in text
    assert "slider" in text and "J-99.nothing" in text and "weight" in text
    assert "więcej niż raz" in text or "more than once" in text


def test_load_catalogue_with_explicit_missing_override(tmp_path) -> None:  # type: ignore[no-untyped-def]
    cat = load_catalogue(tmp_path / "none.toml")
    assert not cat.warnings and cat.path == bundled_path()


def test_a_new_area_in_the_copy_counts_without_code_changes(override) -> None:  # type: ignore[no-untyped-def]
    ratings = {"progress": "3", "efficiency": "3", "funds": "3", "documentation": "3"}
    assert evaluate(get_catalogue().tool("J-07"), ratings)[0]["score"] == D("100.00")
    text = bundled_text()
    anchor = text.index('key = "recommendations"', text.index('id = "J-07"'))
    start = text.rindex("[[tools.inputs]]", 0, anchor)
    new_area = (
        '[[tools.inputs]]\nkey = "safety"\ntype = "choice"\nlabel_pl = "Bezpieczeństwo uczestników"\n'
        'label_en = "Safety of participants"\noptions = [\n'
        '  { value = "0", label_pl = "0", label_en = "0", score = 0 },\n'
        '  { value = "3", label_pl = "3", label_en = "3", score = 3 },\n]\n'
    )
    override(text[:start] + new_area + text[start:])
    out = evaluate(get_catalogue().tool("J-07"), {**ratings, "safety": "0"})[0]
    # (3 + 3 + 3 + 3 + 0) / (5 × 3) × 100 = 12 / 15 × 100 = 80; the new area is flagged
    assert out["score"] == D("80.00") and out["flags"] == ({"area": "safety", "rating": D(0)},)
