"""Reading a table the clerk got from somewhere: CSV (any of the encodings and separators Polish
offices produce) or XLSX, into a header and text rows. No interpretation of the values here."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from app.core.errors import UserFacingError, os_reason
from app.core.i18n import _

MAX_BYTES = 20_000_000
MAX_ROWS = 20_000


@dataclass(frozen=True)
class RawTable:
    headers: tuple[str, ...]
    #: (row number as a spreadsheet shows it – the header is row 1 –, cells)
    rows: tuple[tuple[int, tuple[str, ...]], ...]
    encoding: str
    delimiter: str | None


def detect_encoding(data: bytes) -> tuple[str, str]:
    """(codec, name shown to the clerk). Polish Excel saves CSV in Windows-1250 unless told UTF-8."""
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig", "UTF-8 (BOM)"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16", "UTF-16"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1250", "Windows-1250"
    return "utf-8", "UTF-8"


def detect_delimiter(text: str) -> str:
    """The separator of the header line: whichever of ; , TAB occurs most outside quotes."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: 0 for d in (";", ",", "\t")}
    quoted = False
    for ch in first:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(counts, key=lambda d: (counts[d], d == ";"))  # ties: ; (what Polish Excel writes)
    return best if counts[best] else ";"


def read_csv(data: bytes) -> RawTable:
    codec, shown = detect_encoding(data)
    # errors="replace": a stray byte must become a visible field error, never a crash
    text = data.decode(codec, errors="replace").replace("\x00", "")
    delimiter = detect_delimiter(text)
    try:
        lines = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise UserFacingError(_("The file cannot be read as CSV: {reason}").format(reason=exc)) from exc
    return _table(lines, shown, delimiter)


def _xlsx_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a NIP typed as a number comes back as 1234567890.0
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def read_xlsx(path: Path) -> RawTable:
    from zipfile import BadZipFile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise UserFacingError(_("The file {path} is not an XLSX workbook.").format(path=path.name)) from exc
    try:
        ws = wb.worksheets[0]
        lines = []
        for values in ws.iter_rows(values_only=True):
            lines.append([_xlsx_text(v) for v in values])
            if len(lines) > MAX_ROWS + 1:
                break
    finally:
        wb.close()
    return _table(lines, "XLSX", None)


def _table(lines: list[list[str]], encoding: str, delimiter: str | None) -> RawTable:
    numbered = [(i, tuple(cells)) for i, cells in enumerate(lines, start=1) if any(c.strip() for c in cells)]
    if not numbered:
        raise UserFacingError(_("The file is empty."))
    if len(numbered) > MAX_ROWS + 1:
        raise UserFacingError(_("The file has more than {count} rows; split it into smaller files.")
                              .format(count=MAX_ROWS))
    _header_row, headers = numbered[0]
    return RawTable(tuple(h.strip() for h in headers), tuple(numbered[1:]), encoding, delimiter)


def read_table(path: Path | str) -> RawTable:
    path = Path(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError as exc:
        raise UserFacingError(_("The file {path} does not exist.").format(path=path)) from exc
    if size > MAX_BYTES:
        raise UserFacingError(_("The file {path} is too large to import.").format(path=path.name))
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return read_xlsx(path)
    try:
        return read_csv(path.read_bytes())
    except OSError as exc:
        raise UserFacingError(_("The file {path} cannot be read: {reason}")
                              .format(path=path.name, reason=os_reason(exc))) from exc
