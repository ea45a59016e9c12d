"""The tool catalogue's TOML is read from the parsed cache (app/core/parsed_cache.py) when the file's
bytes were read before: the same catalogue as tomllib's reading, and any other bytes (an edited
override, a new release) parsed anew."""

from __future__ import annotations

import tomllib
from decimal import Decimal
from pathlib import Path

import pytest

from app.core import parsed_cache
from app.core.tools import catalogue as cat


def _count_parses(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    parses: list[int] = []
    real = tomllib.loads

    def counting(text: str) -> dict:
        parses.append(1)
        return real(text)

    monkeypatch.setattr(cat.tomllib, "loads", counting)
    return parses


def test_a_catalogue_read_again_comes_from_the_cache_and_is_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    parsed_cache.cache_path(cat._CACHE_NAME).unlink(missing_ok=True)
    parses = _count_parses(monkeypatch)
    first = cat.load_catalogue_file(cat.bundled_path())
    second = cat.load_catalogue_file(cat.bundled_path())
    assert len(parses) == 1  # the second reading took the cached form
    assert second.version == first.version
    assert [t.id for t in second.tools] == [t.id for t in first.tools]
    assert len(second.tools) == 42
    for a, b in zip(first.tools, second.tools, strict=True):
        assert (a.name, a.scope, a.params, [i.key for i in a.inputs]) == (
            b.name,
            b.scope,
            b.params,
            [i.key for i in b.inputs],
        )
    assert {m: i.default_weights() for m, i in second.indices.items()} == {
        m: i.default_weights() for m, i in first.indices.items()
    }
    # the weights stay exact: the catalogue's weights are Decimals whichever way the TOML was read
    assert all(isinstance(w, Decimal) for i in second.indices.values() for w in i.default_weights().values())


def test_an_edited_catalogue_is_read_anew(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = cat.bundled_path().read_text(encoding="utf-8")
    original = cat.load_catalogue_file(cat.bundled_path())
    edited = tmp_path / "catalogue.toml"
    edited.write_text(
        text.replace(f'catalogue_version = "{original.version}"', 'catalogue_version = "gmina-2027"'), encoding="utf-8"
    )
    parses = _count_parses(monkeypatch)
    assert cat.load_catalogue_file(edited).version == "gmina-2027"
    assert cat.load_catalogue_file(cat.bundled_path()).version == original.version
    assert len(parses) == 2  # each file's own bytes, never the other's cached form


@pytest.mark.parametrize("content", [b"", b"\x00garbage", b"\xe9" * 40])
def test_a_damaged_cache_is_ignored(content: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    parsed_cache.cache_path(cat._CACHE_NAME).write_bytes(content)
    parses = _count_parses(monkeypatch)
    assert len(cat.load_catalogue_file(cat.bundled_path()).tools) == 42
    assert len(cat.load_catalogue_file(cat.bundled_path()).tools) == 42
    assert len(parses) == 1  # parsed once, then read from the rewritten cache


def test_a_file_that_is_not_text_is_refused_with_a_message(tmp_path: Path) -> None:
    broken = tmp_path / "catalogue.toml"
    broken.write_bytes(b'catalogue_version = "\xff\xfe"\n')
    with pytest.raises(cat.CatalogueError) as err:
        cat.load_catalogue_file(broken)
    assert err.value.problems
