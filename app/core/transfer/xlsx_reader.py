"""A defensive reader of the first worksheet of an XLSX file: cells as text, nothing evaluated.

Why not openpyxl's reader: a workbook from outside may be broken or hostile, and openpyxl raises a
dozen kinds of errors (zlib, XML syntax, missing worksheet, unsupported zip version...), fills the
bounding box of a sparse sheet (cells A1 and XFD1048576 mean 17 billion empty cells) and empties
formula cells. This reader:
  * parses XML with defusedxml (no entities, no DTD: no billion-laughs, no external files);
  * limits the unpacked size of each part and the number of cells (zip bombs);
  * walks only the cells present in the file, keeping the spreadsheet's own row numbers, so data after
    many blank rows is found and a sparse sheet costs what it holds;
  * reads a formula cell as the value Excel computed and saved with it, and reports one with no saved
    value (or an error value such as #DIV/0!) instead of passing it on empty;
  * turns every failure into one UserFacingError naming the file.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from app.core.errors import UserFacingError
from app.core.i18n import _

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
#: unpacked size of one part (a 20 MB workbook of text unpacks to ~200 MB at most in practice)
MAX_PART_BYTES = 250_000_000
MAX_CELLS = 2_000_000
#: a row is padded to its last cell; this caps the padding a hostile sparse sheet could demand
MAX_PADDED_CELLS = 4_000_000
MAX_COLUMN = 16_384  # XFD, Excel's last column
MAX_ROW = 1_048_576
_REF = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")
_BUILTIN_DATE_FORMATS = frozenset({14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47})


@dataclass(frozen=True)
class CellProblem:
    row: int
    column: int  # 0-based
    message: str


@dataclass(frozen=True)
class SheetCells:
    #: (row number as the spreadsheet shows it, cells as text from column A on)
    rows: list[tuple[int, list[str]]]
    problems: list[CellProblem]


class _Broken(Exception):
    """Inside the reader: the workbook's structure is not what an XLSX file must have."""


def column_letters(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA (for messages naming a cell)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _column_index(letters: str) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + ord(ch) - 64
    return number - 1


def _open_part(zf: zipfile.ZipFile, name: str) -> _Limited:
    try:
        info = zf.getinfo(name)
    except KeyError as exc:
        raise _Broken(name) from exc
    if info.file_size > MAX_PART_BYTES:
        raise UserFacingError(
            _("The workbook is too large to import (one of its parts unpacks to more than {size} MB).").format(
                size=MAX_PART_BYTES // 1_000_000
            )
        )
    return _Limited(zf.open(info), MAX_PART_BYTES)


class _Limited:
    """A stream that stops at `limit` bytes whatever the zip header claimed (a forged size)."""

    def __init__(self, raw: IO[bytes], limit: int) -> None:
        self._raw, self._left = raw, limit

    def read(self, size: int = -1) -> bytes:
        # "all" is read up to one byte past the limit at most, never the claimed (maybe forged) size
        chunk = self._raw.read(self._left + 1 if size is None or size < 0 else min(size, self._left + 1))
        self._left -= len(chunk)
        if self._left < 0:
            raise UserFacingError(
                _("The workbook is too large to import (one of its parts unpacks to more than {size} MB).").format(
                    size=MAX_PART_BYTES // 1_000_000
                )
            )
        return chunk

    def close(self) -> None:
        self._raw.close()


def _elements(stream: _Limited, *tags: str) -> Iterator[Element]:
    try:
        for _event, element in iterparse(stream, events=("end",), forbid_dtd=True):
            if element.tag in tags:
                yield element
    finally:
        stream.close()


def _relations(zf: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    folder, name = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", name + ".rels")
    if rels not in zf.NameToInfo:
        return {}
    found = {}
    for rel in _elements(_open_part(zf, rels), _PKG_REL + "Relationship"):
        target = rel.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        found[rel.get("Id", "")] = (rel.get("Type", ""), path)
    return found


def _first_sheet(zf: zipfile.ZipFile) -> tuple[str, dict[str, tuple[str, str]], bool]:
    workbook = "xl/workbook.xml"
    if workbook not in zf.NameToInfo:
        raise _Broken(workbook)
    rels = _relations(zf, workbook)
    first_id = None
    date1904 = False
    for _event, el in iterparse(_open_part(zf, workbook), events=("end",), forbid_dtd=True):
        if el.tag == _MAIN + "workbookPr":
            date1904 = el.get("date1904", "0") in ("1", "true")
        elif el.tag == _MAIN + "sheet" and first_id is None:
            first_id = el.get(_REL + "id")
    if first_id is None or first_id not in rels:
        raise UserFacingError(_("The workbook has no worksheet."))
    return rels[first_id][1], rels, date1904


def _shared_strings(zf: zipfile.ZipFile, rels: dict[str, tuple[str, str]]) -> list[str]:
    part = next((p for kind, p in rels.values() if kind.endswith("/sharedStrings")), "xl/sharedStrings.xml")
    if part not in zf.NameToInfo:
        return []
    strings: list[str] = []
    for si in _elements(_open_part(zf, part), _MAIN + "si"):
        pieces = []
        for child in si:
            if child.tag == _MAIN + "t":
                pieces.append(child.text or "")
            elif child.tag == _MAIN + "r":  # rich text runs; phonetic hints (rPh) are not the text
                pieces.extend(t.text or "" for t in child.iter(_MAIN + "t"))
        strings.append("".join(pieces))
        si.clear()
        if len(strings) > MAX_CELLS:
            raise UserFacingError(_("The workbook has too many cells to import."))
    return strings


def _date_styles(zf: zipfile.ZipFile, rels: dict[str, tuple[str, str]]) -> set[int]:
    """Indexes of the cell styles that show a number as a date."""
    part = next((p for kind, p in rels.values() if kind.endswith("/styles")), "xl/styles.xml")
    if part not in zf.NameToInfo:
        return set()
    custom: dict[int, str] = {}
    formats: list[int] = []
    in_cell_xfs = False
    for event, el in iterparse(_open_part(zf, part), events=("start", "end"), forbid_dtd=True):
        if el.tag == _MAIN + "cellXfs":
            in_cell_xfs = event == "start"
        elif event == "end" and el.tag == _MAIN + "numFmt":
            try:
                custom[int(el.get("numFmtId", "-1"))] = el.get("formatCode", "")
            except ValueError:
                continue
        elif event == "end" and el.tag == _MAIN + "xf" and in_cell_xfs:
            try:
                formats.append(int(el.get("numFmtId", "0")))
            except ValueError:
                formats.append(0)
    dates = set()
    for index, fmt in enumerate(formats):
        code = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", custom.get(fmt, "")).lower()
        if fmt in _BUILTIN_DATE_FORMATS or (fmt in custom and re.search(r"[dy]|m{3,}", code)):
            dates.add(index)
    return dates


def _number_text(value: str, as_date: bool, date1904: bool) -> str:
    try:
        number = float(value)
    except ValueError:
        return value
    if as_date and 0 <= number < 2_958_466:  # up to 9999-12-31
        base = dt.datetime(1904, 1, 1) if date1904 else dt.datetime(1899, 12, 30)
        # to the nearest second: a serial is a float (14:30 is stored as 0.6041666…, read back 14:29:59.99)
        moment = (base + dt.timedelta(days=number) + dt.timedelta(microseconds=500_000)).replace(microsecond=0)
        return moment.date().isoformat() if moment.time() == dt.time() else moment.isoformat()
    if number.is_integer() and abs(number) < 1e15:
        return str(int(number))  # a NIP typed as a number is stored as 1234567890 (or 1.23456789E9)
    return value


def _cells(zf: zipfile.ZipFile, sheet: str, strings: list[str], dates: set[int], date1904: bool) -> SheetCells:
    rows: dict[int, dict[int, str]] = {}
    problems: list[CellProblem] = []
    count = 0
    last_row = 0
    for c in _elements(_open_part(zf, sheet), _MAIN + "c", _MAIN + "row"):
        if c.tag == _MAIN + "row":
            c.clear()  # the cleared cells would pile up in it otherwise
            continue
        count += 1
        if count > MAX_CELLS:
            raise UserFacingError(_("The workbook has too many cells to import."))
        ref = c.get("r", "")
        match = _REF.fullmatch(ref)
        if match:
            column, row = _column_index(match.group(1)), int(match.group(2))
        else:  # the reference may be omitted: the next cell of the current row
            row = last_row or 1
            column = max(rows.get(row, {-1: ""}).keys(), default=-1) + 1
        if not (0 <= column < MAX_COLUMN and 1 <= row <= MAX_ROW):
            raise _Broken(ref)
        last_row = row
        kind = c.get("t", "n")
        formula = c.find(_MAIN + "f")
        v = c.find(_MAIN + "v")
        raw = v.text if v is not None and v.text is not None else None
        text = ""
        if kind == "s" and raw is not None:
            index = int(raw)
            if not 0 <= index < len(strings):
                raise _Broken(ref)
            text = strings[index]
        elif kind == "inlineStr":
            text = "".join(t.text or "" for t in c.iter(_MAIN + "t"))
        elif kind == "b" and raw is not None:
            text = "1" if raw.strip() in ("1", "true") else "0"
        elif kind == "e":
            problems.append(
                CellProblem(
                    row,
                    column,
                    _("cell {cell} holds the error value {value}; enter the value itself").format(
                        cell=f"{column_letters(column)}{row}", value=raw or "?"
                    ),
                )
            )
        elif raw is not None:
            if kind in ("str", "d"):
                text = raw
            else:
                try:
                    style = int(c.get("s", "0"))
                except ValueError:
                    style = 0
                text = _number_text(raw, style in dates, date1904)
        if formula is not None and raw is None and kind != "inlineStr":
            problems.append(
                CellProblem(
                    row,
                    column,
                    _(
                        "cell {cell} holds a formula without a computed value; open the file in Excel, save it and import "
                        "it again (or enter the value itself)"
                    ).format(cell=f"{column_letters(column)}{row}"),
                )
            )
        c.clear()
        if text:
            rows.setdefault(row, {})[column] = text
    padded = 0
    out: list[tuple[int, list[str]]] = []
    for number in sorted(rows):
        cells = rows[number]
        width = max(cells) + 1
        padded += width
        if padded > MAX_PADDED_CELLS:
            raise UserFacingError(_("The workbook has too many cells to import."))
        line = [""] * width
        for column, text in cells.items():
            line[column] = text
        out.append((number, line))
    return SheetCells(out, problems)


def read_first_sheet(path: Path) -> SheetCells:
    """The first worksheet's non-empty cells; UserFacingError for anything that is not a sound workbook."""
    broken = _(
        "The file {path} is not an XLSX workbook or it is damaged; open it in Excel, save it again "
        "as \u201cExcel Workbook (.xlsx)\u201d and import that copy."
    ).format(path=path.name)
    try:
        with zipfile.ZipFile(path) as zf:
            sheet, rels, date1904 = _first_sheet(zf)
            sheet_rels = _relations(zf, sheet) if sheet in zf.NameToInfo else {}
            strings = _shared_strings(zf, {**rels, **sheet_rels})
            dates = _date_styles(zf, rels)
            if sheet not in zf.NameToInfo:
                raise UserFacingError(_("The workbook has no worksheet."))
            return _cells(zf, sheet, strings, dates, date1904)
    except UserFacingError:
        raise
    except DefusedXmlException as exc:
        raise UserFacingError(
            _(
                "The file {path} contains XML constructs that are not allowed in a workbook "
                "(entities or a document type definition); it was not read."
            ).format(path=path.name)
        ) from exc
    except (
        _Broken,
        zipfile.BadZipFile,
        zlib.error,
        NotImplementedError,
        RuntimeError,
        EOFError,
        ParseError,
        ValueError,
        KeyError,
        IndexError,
        OSError,
        UnicodeError,
    ) as exc:
        raise UserFacingError(broken) from exc
