"""Reading a table the clerk got from somewhere: CSV (any of the encodings and separators Polish
offices produce) or XLSX, into a header and text rows. No interpretation of the values here."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
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
    #: what the reader could not take as it is: (row, column index or -1 for the whole row, message)
    problems: tuple[tuple[int, int, str], ...] = ()


#: legacy 8-bit encodings a Polish office may save a CSV in; UTF-8 is tried strictly before them
_LEGACY = ("cp1250", "iso8859_2")
_LEGACY_NAMES = {"cp1250": "Windows-1250", "iso8859_2": "ISO-8859-2"}
# a valid UTF-8 multi-byte sequence (2–4 bytes): its presence shows the file was meant as UTF-8
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def detect_encoding(data: bytes) -> tuple[str, str]:
    """(codec, name shown to the clerk), decided for the whole file.

    UTF-8 is decided strictly: a file that decodes, or that holds valid UTF-8 letters and only a few
    broken bytes, is UTF-8 (the broken rows are then reported, see decode_rows). Only a file with no
    UTF-8 letter at all is legacy 8-bit; which one is decided by charset-normalizer (Polish Excel
    writes Windows-1250 unless told UTF-8).
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig", "UTF-8 (BOM)"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16", "UTF-16"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8", "UTF-8"
    multibyte = len(_UTF8_MULTIBYTE.findall(data))
    high = sum(1 for b in data if b >= 0x80)
    # in UTF-8 almost every high byte belongs to a valid sequence; in Windows-1250 almost none does
    in_sequences = 2 * multibyte  # Polish letters are 2-byte sequences
    if multibyte and in_sequences >= high / 2:
        return "utf-8", "UTF-8"
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(_LEGACY)).best()
    codec = best.encoding if best is not None and best.encoding in _LEGACY else "cp1250"
    return codec, _LEGACY_NAMES[codec]


#: what a high byte of a legacy-encoded Polish file stands for: letters and this punctuation; anything
#: else (˙ for 0xFF, ¤, control codes) is a byte that did not belong to the file's encoding
_LEGACY_PUNCTUATION = frozenset("–—„”“’‘«»°§€¦©®±µ·¨´¸")


def _legacy_suspects(data: bytes, codec: str) -> set[int]:
    suspects = set()
    for number, line in enumerate(data.split(b"\n"), start=1):
        if not any(b >= 0x80 for b in line):
            continue
        text = line.decode(codec, errors="replace")
        if any(
            ord(ch) >= 0x80
            and not unicodedata.category(ch).startswith("L")
            and ch not in _LEGACY_PUNCTUATION
            and not ch.isspace()
            for ch in text
        ):
            suspects.add(number)
    return suspects


def decode_rows(data: bytes, codec: str) -> tuple[str, set[int]]:
    """The text, and the numbers of the physical lines (1-based) holding bytes the codec cannot
    decode (shown as U+FFFD and reported for their rows, never guessed in another encoding). In a
    legacy 8-bit encoding every byte decodes to something: there, a byte that is neither a letter
    nor usual punctuation is reported the same way (a stray byte in a file with no Polish letters)."""
    if codec in _LEGACY:
        return data.decode(codec, errors="replace"), _legacy_suspects(data, codec)
    try:
        return data.decode(codec), set()
    except UnicodeDecodeError:
        pass
    bad: set[int] = set()
    lines = data.split(b"\n")
    out = []
    for number, line in enumerate(lines, start=1):
        try:
            out.append(line.decode(codec))
        except UnicodeDecodeError:
            bad.add(number)
            out.append(line.decode(codec, errors="replace"))
    return "\n".join(out), bad


def detect_delimiter(text: str) -> str:
    """The separator of the header line: whichever of ; , TAB occurs most outside quotes."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = dict.fromkeys((";", ",", "\t"), 0)
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
    text, bad_lines = decode_rows(data, codec)
    text = text.replace("\x00", "")
    delimiter = detect_delimiter(text)
    lines: list[list[str]] = []
    problems: list[tuple[int, int, str]] = []
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        first_line = 1
        for cells in reader:
            lines.append(cells)
            # a quoted cell may span lines: the record covers first_line..reader.line_num
            if bad_lines and any(first_line <= n <= reader.line_num for n in bad_lines):
                problems.append(
                    (
                        len(lines),
                        -1,
                        _(
                            "the row contains bytes that are not valid {encoding}; correct the row or save the file again "
                            "as \u201cCSV UTF-8\u201d"
                        ).format(encoding=shown),
                    )
                )
            first_line = reader.line_num + 1
    except csv.Error as exc:
        raise UserFacingError(_("The file cannot be read as CSV: {reason}").format(reason=exc)) from exc
    return _table(list(enumerate(lines, start=1)), shown, delimiter, tuple(problems))


def read_xlsx(path: Path) -> RawTable:
    from app.core.transfer.xlsx_reader import read_first_sheet

    sheet = read_first_sheet(path)
    problems = tuple((p.row, p.column, p.message) for p in sheet.problems)
    return _table(sheet.rows, "XLSX", None, problems)


def _table(
    lines: list[tuple[int, list[str]]],
    encoding: str,
    delimiter: str | None,
    problems: tuple[tuple[int, int, str], ...] = (),
) -> RawTable:
    numbered = [(i, tuple(cells)) for i, cells in lines if any(c.strip() for c in cells)]
    if not numbered:
        raise UserFacingError(_("The file is empty."))
    if len(numbered) > MAX_ROWS + 1:
        raise UserFacingError(
            _("The file has more than {count} rows; split it into smaller files.").format(count=MAX_ROWS)
        )
    header_row, headers = numbered[0]
    return RawTable(
        tuple(h.strip() for h in headers),
        tuple(numbered[1:]),
        encoding,
        delimiter,
        tuple(p for p in problems if p[0] != header_row),
    )


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
        raise UserFacingError(
            _("The file {path} cannot be read: {reason}").format(path=path.name, reason=os_reason(exc))
        ) from exc
