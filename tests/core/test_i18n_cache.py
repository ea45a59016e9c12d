"""The compiled catalogue read through its cache (issue 18: parsing the .mo cost 6–8 ms before the first
paint) gives every message of the .po the same translation, plural forms included, and a cache that
does not belong to the .mo is never used."""

from __future__ import annotations

import gettext
import io
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from app.core import i18n, parsed_cache
from app.paths import translations_dir


def _polish_form(n: int) -> int:
    # Polish: 1 -> one; 2–4, 22–24… (not 12–14) -> few; everything else -> many
    if n == 1:
        return 0
    if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14):
        return 1
    return 2


def _parses(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    original = gettext.GNUTranslations._parse  # type: ignore[attr-defined]

    def counting(self: gettext.GNUTranslations, fp: object) -> None:
        calls.append(1)
        original(self, fp)

    monkeypatch.setattr(gettext.GNUTranslations, "_parse", counting)
    return calls


def _mo(translations: dict[str, str]) -> bytes:
    catalog = Catalog(locale="pl")
    for msgid, text in translations.items():
        catalog.add(msgid, text)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def test_the_cached_catalogue_gives_every_translation_of_the_po(monkeypatch: pytest.MonkeyPatch) -> None:
    parsed_cache.cache_path(i18n._cache_name("pl")).unlink(missing_ok=True)
    parses = _parses(monkeypatch)
    i18n.load_translations("pl")  # parses the .mo and writes the cache
    assert len(parses) == 1 and parsed_cache.cache_path(i18n._cache_name("pl")).is_file()
    cached = i18n.load_translations("pl")
    assert len(parses) == 1  # the second load read the cache, not the .mo
    assert isinstance(cached, i18n._MoTranslations)

    with (translations_dir() / "pl" / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        po = read_po(fh)
    checked = plural_checked = 0
    for message in po:
        if not message.id or message.fuzzy:
            continue
        if isinstance(message.id, tuple):
            forms = list(message.string)
            if not all(forms):
                continue
            for n in range(0, 230):
                if message.context:
                    got = cached.npgettext(message.context, message.id[0], message.id[1], n)
                else:
                    got = cached.ngettext(message.id[0], message.id[1], n)
                assert got == forms[_polish_form(n)], (message.id, n)
            plural_checked += 1
        elif message.string:
            got = cached.pgettext(message.context, message.id) if message.context else cached.gettext(message.id)
            assert got == message.string, message.id
        else:
            continue
        checked += 1
    assert checked > 2000 and plural_checked > 20  # the whole catalogue, not an empty one
    # the plural rule rebuilt from the cache is the header's: 1 umowa, 2 umowy, 5 umów, 22 umowy
    assert [cached.plural(n) for n in (1, 2, 5, 12, 22, 112)] == [0, 1, 2, 2, 1, 2]  # type: ignore[attr-defined]
    assert cached.info()["language"] == "pl"


def test_a_cache_of_another_catalogue_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two catalogues of the same length (only one letter differs): the second is read from its own
    bytes, and the cache then holds it."""
    first = _mo({"Quit": "Koniec A"})
    second = _mo({"Quit": "Koniec B"})
    assert len(first) == len(second)
    (tmp_path / "a.mo").write_bytes(first)
    (tmp_path / "b.mo").write_bytes(second)
    parsed_cache.cache_path(i18n._cache_name("zz")).unlink(missing_ok=True)
    parses = _parses(monkeypatch)
    assert i18n._read_mo(tmp_path / "a.mo", "zz").gettext("Quit") == "Koniec A"
    assert i18n._read_mo(tmp_path / "a.mo", "zz").gettext("Quit") == "Koniec A"
    assert len(parses) == 1
    assert i18n._read_mo(tmp_path / "b.mo", "zz").gettext("Quit") == "Koniec B"
    assert len(parses) == 2
    assert i18n._read_mo(tmp_path / "b.mo", "zz").gettext("Quit") == "Koniec B"
    assert len(parses) == 2


@pytest.mark.parametrize("content", [b"", b"\x00garbage", b"\xe9" * 40])
def test_a_damaged_cache_is_ignored_and_rewritten(
    content: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.mo").write_bytes(_mo({"Quit": "Zakończ"}))
    parsed_cache.cache_path(i18n._cache_name("zz")).write_bytes(content)
    parses = _parses(monkeypatch)
    assert i18n._read_mo(tmp_path / "a.mo", "zz").gettext("Quit") == "Zakończ"
    assert i18n._read_mo(tmp_path / "a.mo", "zz").gettext("Quit") == "Zakończ"
    assert len(parses) == 1  # parsed once, then read from the rewritten cache


def test_an_unwritable_cache_folder_still_translates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.mo").write_bytes(_mo({"Quit": "Zakończ"}))

    def nowhere(name: str) -> Path:
        raise PermissionError("read-only")

    monkeypatch.setattr(parsed_cache, "cache_path", nowhere)
    assert i18n._read_mo(tmp_path / "a.mo", "zz").gettext("Quit") == "Zakończ"
