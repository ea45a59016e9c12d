"""tools/icu_data.py: the ICU data trimming that build.spec applies to PySide6's libicudata (Linux)."""

from __future__ import annotations

import shutil
import struct
import sys
from pathlib import Path

import pytest

from tools import icu_data


def _package(items: list[tuple[str, bytes]]) -> bytes:
    header = struct.pack("<HBB", 32, 0xDA, 0x27) + b"\0" * 28  # 32-byte data header
    return icu_data.write_package(header, items)


def test_package_round_trip_keeps_names_and_bytes() -> None:
    items = [("icudt73l/coll/pl.res", b"polish"), ("icudt73l/coll/root.res", b"r" * 17), ("icudt73l/pl.res", b"")]
    header, read = icu_data.read_package(_package(items))
    assert [name for name, _data in read] == [name for name, _data in items]
    for (_name, got), (_same, original) in zip(read, items):  # items come back with their 16-byte padding
        assert got == original + b"\0" * (-len(original) % 16)
    assert len(header) == 32


def test_items_are_16_byte_aligned() -> None:
    blob = _package([("icudt73l/a.res", b"x" * 3), ("icudt73l/b.res", b"y" * 5)])
    count = struct.unpack_from("<I", blob, 32)[0]
    offsets = [struct.unpack_from("<II", blob, 32 + 4 + 8 * i)[1] for i in range(count)]
    # ToC: count (4) + 2 entries (16) = 20 bytes, then two 15-byte names -> 50, first item at 64;
    # the 3-byte item is padded to 16, so the second starts at 80 (offsets count from the ToC).
    assert offsets == [64, 80]


@pytest.mark.parametrize(
    ("name", "size", "kept"),
    [
        ("coll/pl.res", 9_000, True),  # Polish collation: QCollator
        ("coll/root.res", 300_000, True),
        ("coll/ucadata.icu", 570_000, True),  # the root collation table itself
        ("coll/de.res", 5_000, False),
        ("pl.res", 30_000, True),
        ("fr.res", 30_000, False),
        ("likelySubtags.res", 268_000, True),  # locale ids are canonicalised through it
        ("curr/pl.res", 20_000, False),  # Qt has its own CLDR names
        ("brkitr/cjdict.dict", 2_000_000, False),
        ("brkitr/word.brk", 80_000, True),
        ("ibm-5346_P100-1998.cnv", 1_000, True),  # windows-1250
        ("gb18030.cnv", 232_000, False),
        ("zone/pl.res", 40_000, True),
        ("zone/ja.res", 40_000, False),
    ],
)
def test_keep_rules(name: str, size: int, kept: bool) -> None:
    assert icu_data.keep(name, size) is kept


def _pyside_icu_data() -> Path | None:
    try:
        import importlib.util

        spec = importlib.util.find_spec("PySide6")
    except ImportError:
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    found = sorted(Path(spec.submodule_search_locations[0]).glob("Qt/lib/libicudata.so.*"))
    return found[0] if found else None


@pytest.mark.skipif(not sys.platform.startswith("linux") or not icu_data.available(), reason="Linux with binutils only")
def test_trimmed_library_carries_polish_collation(tmp_path: Path) -> None:
    source = _pyside_icu_data()
    if source is None:
        pytest.skip("PySide6 without a bundled ICU")
    target = tmp_path / source.name
    kept, dropped = icu_data.trim_library(source, target)
    assert kept > 100 and dropped > 3000
    assert target.stat().st_size < source.stat().st_size / 4
    assert icu_data._soname(target) == icu_data._soname(source)
    symbol, offset, size = icu_data._symbol(target)
    assert symbol == icu_data._symbol(source)[0]
    _header, items = icu_data.read_package(target.read_bytes()[offset : offset + size])
    names = {name.split("/", 1)[1] for name, _data in items}
    assert {"coll/pl.res", "coll/root.res", "coll/ucadata.icu", "pl.res", "root.res"} <= names
    assert "coll/de.res" not in names and "curr/pl.res" not in names
    assert shutil.which("readelf")
