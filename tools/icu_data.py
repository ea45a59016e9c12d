"""Trim the ICU data library that PySide6 ships (libicudata.so.73, 31 MB) to what the app needs.

Qt uses ICU for QCollator (the Polish sort order of every list), locale-aware case mapping and
legacy text codecs. The library is one symbol, `icudt<NN>_dat`, holding an ICU "common data"
package: a table of contents and ~3 900 items (collation tables, locale data for ~800 locales,
currency/unit/region names, break-iterator dictionaries, converters). The app needs the Polish and
English collation and locale data; the rest is ~28 MB of dead weight in the bundle.

`python -m tools.icu_data SRC.so OUT.so` (build.spec calls `trim_library`) copies the package with
only the kept items and links it into a new library with the same soname and symbol. Needs `as`
and `ld` (binutils, already needed for `strip`). Items are matched by name below; anything Qt
asks for that is missing makes ICU fall back to its root data (never a crash), and the bundle's
`--self-test` checks the Polish collation.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

#: Locales whose data we keep (and their parents): the app's languages, pl and en.
LOCALES = ("root", "pl", "pl_PL", "en", "en_001", "en_150", "en_GB", "en_US", "en_US_POSIX")

#: Items kept whatever their folder: the locale tree's index and shared pools, locale metadata and
#: likely subtags (locale ids are canonicalised through them), time-zone tables, plural rules,
#: character properties and normalisation (*.icu, *.nrm), and the converter alias table.
SHARED = re.compile(
    r"(res_index|pool|metadata|likelySubtags|keyTypeData|supplementalData|icuver|icustd|"
    r"zoneinfo64|timezoneTypes|metaZones|windowsZones|numberingSystems|plurals|dayPeriods|"
    r"genderList|grammaticalFeatures|units|tzdbNames)\.res$|\.(icu|nrm|spp)$|^cnvalias\.icu$"
)

#: Folders dropped entirely: display names of currencies, languages, regions and units, number
#: spell-out rules and transliterators. Qt takes all of these from its own CLDR tables (QLocale).
DROPPED_FOLDERS = {"curr", "lang", "region", "unit", "rbnf", "translit"}

#: Converters larger than this are East Asian multi-byte tables; the small ones cover the
#: Windows/ISO/IBM code pages a Polish office might still have files in (cp1250, iso-8859-2, cp852).
MAX_CONVERTER_BYTES = 100_000

#: Break-iterator dictionaries (Chinese/Japanese, Thai, Khmer, Lao, Burmese word breaking; ~3 MB).
DROPPED_SUFFIXES = (".dict",)


def keep(name: str, size: int) -> bool:
    """Whether one package item (e.g. "coll/pl.res", without the "icudt73l/" prefix) stays."""
    parts = name.split("/")
    folder = parts[0] if len(parts) > 1 else ""
    leaf = parts[-1]
    if folder in DROPPED_FOLDERS or leaf.endswith(DROPPED_SUFFIXES):
        return False
    if leaf.endswith(".cnv"):
        return size <= MAX_CONVERTER_BYTES
    if SHARED.search(leaf):
        return True
    if leaf.endswith(".res"):
        return leaf[: -len(".res")] in LOCALES
    return folder == "brkitr"  # break rules (*.brk) and their tables stay; they are small


def read_package(blob: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """Split an ICU common-data package into its header and (name, item bytes) pairs."""
    header_size, magic1, magic2 = struct.unpack_from("<HBB", blob, 0)
    if (magic1, magic2) != (0xDA, 0x27):
        raise ValueError("not an ICU data package")
    count = struct.unpack_from("<I", blob, header_size)[0]
    entries = [struct.unpack_from("<II", blob, header_size + 4 + 8 * i) for i in range(count)]
    ends = [offset for _name, offset in entries[1:]] + [len(blob) - header_size]
    items = []
    for (name_offset, data_offset), end in zip(entries, ends):
        start = header_size + name_offset
        name = blob[start : blob.index(b"\0", start)].decode("ascii")
        items.append((name, blob[header_size + data_offset : header_size + end]))
    return blob[:header_size], items


def write_package(header: bytes, items: list[tuple[str, bytes]]) -> bytes:
    """An ICU common-data package: header, table of contents, names, 16-byte-aligned items."""
    names = b"".join(name.encode("ascii") + b"\0" for name, _data in items)
    toc_size = 4 + 8 * len(items)
    names_end = toc_size + len(names)
    data_start = (names_end + 15) // 16 * 16
    toc, body, name_offset, data_offset = [], bytearray(), toc_size, data_start
    for name, data in items:
        toc.append(struct.pack("<II", name_offset, data_offset))
        name_offset += len(name) + 1
        padded = data + b"\0" * (-len(data) % 16)
        body += padded
        data_offset += len(padded)
    out = header + struct.pack("<I", len(items)) + b"".join(toc) + names
    return out + b"\0" * (data_start - names_end) + bytes(body)


def _symbol(library: Path) -> tuple[str, int, int]:
    """(name, file offset, size) of the icudt<NN>_dat symbol."""
    table = subprocess.run(
        ["readelf", "-W", "--dyn-syms", str(library)], capture_output=True, text=True, check=True
    ).stdout
    match = re.search(r":\s+([0-9a-f]+)\s+(0x[0-9a-f]+|\d+)\s+OBJECT\s+GLOBAL\s+\S+\s+\S+\s+(icudt\d+_dat)", table)
    if not match:
        raise ValueError(f"{library}: no icudt*_dat symbol")
    address, size, name = int(match.group(1), 16), int(match.group(2), 0), match.group(3)
    sections = subprocess.run(["readelf", "-W", "-S", str(library)], capture_output=True, text=True, check=True).stdout
    for line in sections.splitlines():  # file offset = address - section address + section offset
        cols = line.replace("[ ", "[").split()
        if len(cols) > 5 and cols[1] == ".rodata":
            section_address, section_offset = int(cols[3], 16), int(cols[4], 16)
            return name, address - section_address + section_offset, size
    raise ValueError(f"{library}: no .rodata section")


def _soname(library: Path) -> str:
    dynamic = subprocess.run(["readelf", "-d", str(library)], capture_output=True, text=True, check=True).stdout
    match = re.search(r"\(SONAME\).*\[(.+)\]", dynamic)
    return match.group(1) if match else library.name


def trim_library(source: Path, target: Path) -> tuple[int, int]:
    """Write a trimmed copy of the ICU data library; returns (items kept, items dropped)."""
    symbol, offset, size = _symbol(source)
    header, items = read_package(source.read_bytes()[offset : offset + size])
    kept = [(name, data) for name, data in items if keep(name.split("/", 1)[1], len(data))]
    package = write_package(header, kept)
    with tempfile.TemporaryDirectory(prefix="icu-trim-") as tmp:
        dat = Path(tmp) / "icudt.dat"
        dat.write_bytes(package)
        asm = Path(tmp) / "icudt.s"
        asm.write_text(
            f".section .rodata\n.globl {symbol}\n.type {symbol}, @object\n.balign 16\n{symbol}:\n"
            f'.incbin "{dat}"\n.size {symbol}, .-{symbol}\n.section .note.GNU-stack,"",@progbits\n',
            encoding="ascii",
        )
        obj = Path(tmp) / "icudt.o"
        subprocess.run(["as", "-o", str(obj), str(asm)], check=True)
        target.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["ld", "-shared", "-soname", _soname(source), "-z", "noexecstack", "-o", str(target), str(obj)], check=True
        )
    return len(kept), len(items) - len(kept)


def available() -> bool:
    return all(shutil.which(tool) for tool in ("as", "ld", "readelf"))


if __name__ == "__main__":  # pragma: no cover - manual use
    kept_count, dropped_count = trim_library(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"kept {kept_count} items, dropped {dropped_count}: {Path(sys.argv[2]).stat().st_size / 1e6:.1f} MB")
