"""`wkus transfer`: a gmina moves from its SQLite file to the office server and back with identical exports."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from app.cli import main
from app.core.db.engine import open_database
from app.core.demo import load_demo
from app.core.transfer.full_json import export_data
from tests.conftest import db_argument, new_database

TODAY = dt.date(2026, 11, 23)


def _without_date(data: dict) -> dict:  # type: ignore[type-arg]
    return {k: v for k, v in data.items() if k != "exported_at"}


def test_sqlite_to_server_and_back_is_identical(request, pg_cluster, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    start = tmp_path / "gmina.sqlite"
    lite = open_database(start)
    summary = load_demo(lite, TODAY)
    before = export_data(lite)
    lite.dispose()
    server = new_database(request, "postgresql", tmp_path / "unused.sqlite")
    server_url = db_argument(server)

    assert main(["transfer", "--from", str(start), "--to", server_url]) == 0
    out = capsys.readouterr().out
    assert "Zweryfikowano: docelowa baza zawiera dokładnie te same rekordy co źródłowa." in out
    assert "wkus-test-haslo" not in out  # the password is never printed
    on_server = export_data(server)
    assert _without_date(on_server) == _without_date(before)
    assert len(on_server["tables"]["contract"]) == summary.contracts == 25  # the demo's 25 contracts

    back = tmp_path / "z-powrotem.sqlite"
    assert main(["transfer", "--from", server_url, "--to", str(back)]) == 0
    returned = open_database(back)
    try:
        assert _without_date(export_data(returned)) == _without_date(before)
    finally:
        returned.dispose()


def test_the_server_keeps_numbering_after_a_move(request, pg_cluster, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The move writes the ids itself; the next organisation added on the server must get a new one."""
    from app.core.domain.records import OrganisationInput
    from app.core.services.organisations import create_organisation
    from app.core.transfer.move import transfer

    lite = open_database(tmp_path / "gmina.sqlite")
    summary = load_demo(lite, TODAY)
    server = new_database(request, "postgresql", tmp_path / "unused.sqlite")
    result = transfer(lite, server)
    lite.dispose()
    assert result.verified and result.counts["organisation"] == summary.organisations
    new = create_organisation(
        server,
        OrganisationInput(
            name="Stowarzyszenie po przeprowadzce",
            legal_form="STOWARZYSZENIE_ZWYKLE",
            registry_type="EWIDENCJA_STAROSTY",
        ),
    )
    assert new.id == summary.organisations + 1  # the demo's organisations are numbered 1..N


def test_a_target_with_data_and_a_missing_source_are_refused(request, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    full = tmp_path / "pelna.sqlite"
    assert main(["demo", "--db", str(full), "--today", "2026-11-23"]) == 0
    other = tmp_path / "druga.sqlite"
    assert main(["demo", "--db", str(other), "--today", "2026-11-23"]) == 0
    capsys.readouterr()
    assert main(["transfer", "--from", str(full), "--to", str(other)]) == 2
    assert "zawiera już dane" in capsys.readouterr().err
    missing = tmp_path / "nie-ma.sqlite"
    assert main(["transfer", "--from", str(missing), "--to", str(tmp_path / "x.sqlite")]) == 2
    assert capsys.readouterr().err.strip() == f"Błąd: Plik bazy danych {missing} nie istnieje."
    assert not missing.exists() and not (tmp_path / "x.sqlite").exists()


def test_a_database_cannot_be_moved_into_itself(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "gmina.sqlite"
    assert main(["demo", "--db", str(path), "--today", "2026-11-23"]) == 0
    capsys.readouterr()
    assert main(["transfer", "--from", str(path), "--to", str(path)]) == 2
    assert "to ta sama baza danych" in capsys.readouterr().err
