"""Issue 16: CSV and XLSX imports never crash, never guess an encoding for the whole file because of one
byte, refuse invisible characters, and read sparse or formula workbooks correctly."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest

from app.core.errors import UserFacingError
from app.core.transfer.org_import import preview_import

NIP = "5260250274"  # a valid NIP: 5*6+2*5+6*7+0*2+2*3+5*4+0*5+2*6+7*7 = 30+10+42+0+6+20+0+12+49 = 169 % 11 = 4


def _workbook(tmp_path: Path, rows: list[list[object]], name: str = "org.xlsx") -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    path = tmp_path / name
    wb.save(path)
    return path


def _rewrite(src: Path, dst: Path, change) -> Path:  # type: ignore[no-untyped-def]
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = change(info.filename, zin.read(info.filename))
            if data is not None:
                zout.writestr(info, data)
    return dst


SHEET = "xl/worksheets/sheet1.xml"


def _flip_byte_in_sheet(path: Path, out: Path) -> Path:
    raw = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo(SHEET)
    # the compressed data start after the local header (30 bytes + name + extra)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    raw[start + 5] ^= 0xFF
    out.write_bytes(bytes(raw))
    return out


def _zip_version(path: Path, out: Path) -> Path:
    """The sheet's entry claims "version needed to extract" 7.0: zipfile raises NotImplementedError."""
    raw = bytearray(path.read_bytes())
    for pos in range(len(raw) - 4):
        if raw[pos : pos + 4] == b"PK\x01\x02":  # central directory entry
            name_len = int.from_bytes(raw[pos + 28 : pos + 30], "little")
            if raw[pos + 46 : pos + 46 + name_len] == SHEET.encode():
                raw[pos + 6] = 70
    out.write_bytes(bytes(raw))
    return out


LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;'
    b'&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">'
    b'<c r="A1" t="inlineStr"><is><t>&lol3;</t></is></c></row></sheetData></worksheet>'
)


@pytest.mark.parametrize(
    "damage",
    ["flipped byte", "no worksheet", "zip version", "not a zip", "truncated", "entity amplification", "xml syntax"],
)
def test_broken_workbooks_give_one_clear_message(damage: str, db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    good = _workbook(tmp_path, [["Nazwa"], ["Fundacja"]], "good.xlsx")
    bad = tmp_path / "zly.xlsx"
    if damage == "flipped byte":
        _flip_byte_in_sheet(good, bad)
    elif damage == "no worksheet":
        _rewrite(good, bad, lambda name, data: None if name == SHEET else data)
    elif damage == "zip version":
        _zip_version(good, bad)
    elif damage == "not a zip":
        bad.write_bytes(b"PK\x03\x04 nonsense")
    elif damage == "truncated":
        bad.write_bytes(good.read_bytes()[:300])
    elif damage == "entity amplification":
        _rewrite(good, bad, lambda name, data: LAUGHS if name == SHEET else data)
    else:
        _rewrite(good, bad, lambda name, data: data[:-20] if name == SHEET else data)
    with pytest.raises(UserFacingError) as err:
        preview_import(db, bad)
    assert err.value.message


def test_sparse_workbook_is_quick_and_finds_its_data(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws["A1"] = "Nazwa"
    ws["XFD1"] = "x"
    ws["A20003"] = "Fundacja Daleka"
    path = tmp_path / "rzadki.xlsx"
    wb.save(path)
    started = time.perf_counter()
    preview = preview_import(db, path)
    assert time.perf_counter() - started < 1.0
    (row,) = preview.valid_rows
    assert (row.row, row.data.name) == (20003, "Fundacja Daleka")


def test_data_after_many_blank_rows_is_found(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws["A1"] = "Nazwa"
    ws["A2"] = "Pierwsza"
    for r in range(3, 25_000):
        ws.cell(row=r, column=2).value = None  # rows that exist but hold nothing
    ws["A25000"] = "Ostatnia"
    path = tmp_path / "puste.xlsx"
    wb.save(path)
    preview = preview_import(db, path)
    assert [(r.row, r.data.name) for r in preview.valid_rows] == [(2, "Pierwsza"), (25000, "Ostatnia")]


def test_formula_cells_are_read_as_saved_value_or_reported(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = _workbook(tmp_path, [["Nazwa", "NIP"], ["Fundacja", "=A1"], ["Druga", NIP]], "wzor.xlsx")
    # openpyxl saves a formula without a computed value (like a file never opened in Excel)
    preview = preview_import(db, path)
    assert [r.row for r in preview.valid_rows] == [3]
    (error,) = preview.errors
    assert (error.row, error.field) == (2, "nip") and "B2" in error.message
    # the same cell with the value Excel saved next to the formula: read as that value
    cached = _rewrite(
        path,
        tmp_path / "wzor2.xlsx",
        lambda name, data: (
            data.replace(b"<f>A1</f><v></v>", f"<f>A1</f><v>{NIP}</v>".encode()).replace(
                b"<f>A1</f><v/>", f"<f>A1</f><v>{NIP}</v>".encode()
            )
            if name == SHEET
            else data
        ),
    )
    preview = preview_import(db, cached)
    assert preview.errors == () or all(e.row != 2 for e in preview.errors), preview.errors


# ---- CSV ---------------------------------------------------------------------------------------


def test_one_stray_byte_does_not_turn_a_utf8_file_into_windows_1250(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = "Nazwa;Miejscowość\nStowarzyszenie Żółw;Łódź\nFundacja Ćma;Gdańsk\n"
    data = text.encode("utf-8").replace(b"Fundacja", b"Fundacja\xff")
    path = tmp_path / "org.csv"
    path.write_bytes(data)
    preview = preview_import(db, path)
    assert preview.encoding == "UTF-8"
    by_row = {r.row: r.data for r in preview.rows}
    assert by_row[2].name == "Stowarzyszenie Żółw" and by_row[2].city == "Łódź"  # no mojibake
    assert preview.rejected_rows == (3,)  # the row with the stray byte, and only it


def test_a_windows_1250_file_is_still_read(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "org.csv"
    path.write_bytes("Nazwa;Miejscowość\nStowarzyszenie Żółw;Łódź\n".encode("cp1250"))
    preview = preview_import(db, path)
    assert preview.encoding == "Windows-1250"
    assert preview.rows[0].data.city == "Łódź" and preview.errors == ()


@pytest.mark.parametrize("bad", ["Fundacja\x07", "Fundacja\u202eakcje", "Fundacja \ufffd", "Fund\x1bacja"])
def test_invisible_characters_are_refused_naming_row_and_field(bad: str, db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "org.csv"
    path.write_text(f"Nazwa;E-mail\nDobra;a@b.pl\n{bad};x@y.pl\n", encoding="utf-8")
    preview = preview_import(db, path)
    assert [(e.row, e.field) for e in preview.errors] == [(3, "name")]
    assert [r.row for r in preview.valid_rows] == [2]


def test_text_is_composed_nfc(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "org.csv"
    path.write_text("Nazwa\nZo\u0301\u0142w\n", encoding="utf-8")
    preview = preview_import(db, path)
    assert preview.rows[0].data.name == "Zó\u0142w"  # ó as one code point U+00F3


def test_size_and_cell_limits(db, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from app.core.transfer import xlsx_reader

    path = _workbook(tmp_path, [["Nazwa"], *[[f"Fundacja {i}"] for i in range(50)]])
    monkeypatch.setattr(xlsx_reader, "MAX_CELLS", 20)  # 51 cells in the sheet
    with pytest.raises(UserFacingError) as err:
        preview_import(db, path)
    assert "zbyt wiele komórek" in err.value.message
    monkeypatch.setattr(xlsx_reader, "MAX_CELLS", 2_000_000)
    monkeypatch.setattr(xlsx_reader, "MAX_PART_BYTES", 500)  # the sheet's XML unpacks to more
    with pytest.raises(UserFacingError) as err:
        preview_import(db, path)
    assert "zbyt duży" in err.value.message


def test_a_stray_byte_in_a_file_without_polish_letters_is_reported(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # no UTF-8 letter to go by, so the file is read as Windows-1250, where 0xFF is "˙": not a letter,
    # so the row is reported instead of storing "˙"
    path = tmp_path / "org.csv"
    path.write_bytes(b"Nazwa;Miasto\nFundacja A;Lodz\nFundacja\xff B;Gdansk\n")
    preview = preview_import(db, path)
    assert preview.rejected_rows == (3,)
    assert [r.row for r in preview.valid_rows] == [2]


def test_cell_types_read_as_a_clerk_sees_them(tmp_path: Path) -> None:
    import datetime as dt

    from app.core.transfer.xlsx_reader import read_first_sheet

    path = _workbook(
        tmp_path,
        [
            ["Nazwa", "Data", "NIP", "Tak", "Kwota"],
            ["A", dt.date(2024, 3, 5), 5260250274, True, 12.5],
            ["B", dt.datetime(2024, 3, 5, 14, 30), None, False, None],
        ],
    )
    rows = read_first_sheet(path).rows
    assert rows[1] == (2, ["A", "2024-03-05", NIP, "1", "12.5"])
    assert rows[2] == (3, ["B", "2024-03-05T14:30:00", "", "0"])
