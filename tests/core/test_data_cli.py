"""wkus backup / restore / export / import / check-db / history (issue 8, point 9)."""

from __future__ import annotations

import io
import json
import sqlite3
import sys
from pathlib import Path

import pytest

from app.cli import main
from tests.core.backup_fixtures import demo_path, demo_template  # noqa: F401


def _orgs(path: Path) -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT count(*) FROM organisation").fetchone()[0]
    finally:
        con.close()


def test_backup_export_import_check(demo_path: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "kopia.sqlite"
    assert main(["backup", "--db", str(demo_path), "--out", str(out)]) == 0
    text = capsys.readouterr().out
    assert "sprawdzona" in text and "41 organizacji" in text and "25 umów" in text
    data = tmp_path / "dane.json"
    assert main(["export", "--db", str(demo_path), "--out", str(data)]) == 0
    assert json.loads(data.read_text(encoding="utf-8"))["format"] == "wkus-export"
    empty = tmp_path / "nowa.sqlite"
    assert main(["import", "--db", str(empty), str(data)]) == 0
    assert _orgs(empty) == 41
    assert main(["import", "--db", str(empty), str(data)]) == 2  # not empty any more
    assert "zawiera już dane" in capsys.readouterr().err
    assert main(["check-db", "--db", str(empty)]) == 0
    assert "w porządku" in capsys.readouterr().out


def test_export_kinds(demo_path: Path, tmp_path: Path) -> None:
    assert main(["export", "--db", str(demo_path), "--out", str(tmp_path / "s.xlsx"), "--kind", "skarbnik"]) == 0
    assert main(["export", "--db", str(demo_path), "--out", str(tmp_path / "o.csv"), "--kind", "organisations"]) == 0
    assert main(["export", "--db", str(demo_path), "--out", str(tmp_path / "g.json"), "--kind", "grants"]) == 0
    assert len(json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))["grants"]) == 24
    assert main(["export", "--db", str(demo_path), "--out", str(tmp_path / "x.txt")]) == 2


def test_import_organisations_preview_then_yes(db_path: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    csv_path = tmp_path / "org.csv"
    csv_path.write_bytes("Nazwa;NIP\nStowarzyszenie Łąka;5260250274\nKlub;123\n".encode("cp1250"))
    assert main(["import", "--db", str(db_path), str(csv_path)]) == 1
    out = capsys.readouterr().out
    assert "Windows-1250" in out and "Wiersz 3, NIP" in out and "Niczego nie zapisano" in out
    assert _orgs(db_path) == 0
    assert main(["import", "--db", str(db_path), str(csv_path), "--yes"]) == 1  # 1: a row was rejected
    assert _orgs(db_path) == 1


def _modify(path: Path) -> None:
    con = sqlite3.connect(path)
    con.execute("PRAGMA foreign_keys=ON")  # its areas and spheres go with it, as in the app
    con.execute("DELETE FROM organisation WHERE id = 41")
    con.commit()
    con.close()


def test_restore_with_yes(demo_path: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    backup = tmp_path / "kopia.sqlite"
    main(["backup", "--db", str(demo_path), "--out", str(backup)])
    _modify(demo_path)
    assert main(["restore", "--db", str(demo_path), str(backup), "--yes"]) == 0
    out = capsys.readouterr().out
    assert "Gmina Przykładowa (DEMO)" in out and "Organizacje: 41" in out
    assert _orgs(demo_path) == 41
    assert not Path(str(demo_path) + ".lock").exists()


@pytest.mark.parametrize("stdin, code, orgs", [("tak\n", 0, 41), ("nie\n", 1, 40), ("", 2, 40), (None, 2, 40)])
def test_restore_asks(demo_path: Path, tmp_path: Path, monkeypatch, capsys, stdin, code: int, orgs: int) -> None:  # type: ignore[no-untyped-def]
    backup = tmp_path / "kopia.sqlite"
    main(["backup", "--db", str(demo_path), "--out", str(backup)])
    _modify(demo_path)
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin) if stdin is not None else None)
    assert main(["restore", "--db", str(demo_path), str(backup)]) == code
    assert _orgs(demo_path) == orgs
    if code == 2:
        assert "--yes" in capsys.readouterr().err


def test_restore_refuses_a_wrong_file(demo_path: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    wrong = tmp_path / "zdjecie.jpg"
    wrong.write_bytes(b"\xff\xd8\xff\xe0 JFIF")
    assert main(["restore", "--db", str(demo_path), str(wrong), "--yes"]) == 2
    assert "nie jest kopią zapasową WKUS" in capsys.readouterr().err


def test_check_db_finds_tampering_and_damage(demo_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    con = sqlite3.connect(demo_path)
    con.execute("DELETE FROM audit_log WHERE id = 50")
    con.commit()
    con.close()
    assert main(["check-db", "--db", str(demo_path)]) == 1
    assert "nr 51" in capsys.readouterr().out  # the entry after the removed one no longer links
    with demo_path.open("r+b") as fh:
        fh.seek(demo_path.stat().st_size // 2)
        fh.write(b"\x00\xff" * 4096)
    assert main(["check-db", "--db", str(demo_path)]) == 1
    assert "uszkodzony" in capsys.readouterr().out


def test_history_command(demo_path: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["history", "--db", str(demo_path), "--contract", "1", "--csv", str(tmp_path / "h.csv")]) == 0
    assert "Historia zmian umowy" in capsys.readouterr().out
    assert (tmp_path / "h.csv").is_file()
