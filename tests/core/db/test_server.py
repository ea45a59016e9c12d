"""The office server (issue 19): `--db postgresql://…` opens, migrates and works; what exists only for a
file says so in Polish with what to do instead; connection problems name the server."""

from __future__ import annotations

import pytest

from app.cli import main
from app.core.db.engine import open_database
from app.core.db.server import is_server_url
from app.core.errors import DatabaseError
from tests.conftest import db_argument, new_database


@pytest.fixture
def server_db(request, tmp_path):  # type: ignore[no-untyped-def]
    """A migrated database on the tests' PostgreSQL server only."""
    return new_database(request, "postgresql", tmp_path / "unused.sqlite")


def test_server_urls_are_told_from_file_paths() -> None:
    assert is_server_url("postgresql://u@host/db")
    assert is_server_url("postgres://u@host/db")
    assert is_server_url("postgresql+psycopg://u@host:5433/db")
    assert not is_server_url("C:\\Gmina\\wkus.sqlite")
    assert not is_server_url("/home/u/postgresql/wkus.sqlite")
    assert not is_server_url("sqlite:///x.sqlite")
    assert not is_server_url(None)


def test_an_address_without_a_database_is_refused_in_words() -> None:
    with pytest.raises(DatabaseError) as err:
        open_database("postgresql://urzednik@serwer-gminy:5432")
    assert err.value.message == (
        "Adres serwera postgresql://urzednik@serwer-gminy:5432 nie wskazuje bazy danych. "
        "Zapisz go jako postgresql://użytkownik@komputer:5432/baza."
    )


def test_wrong_password_names_the_user_and_the_server(pg_cluster) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(DatabaseError) as err:
        open_database(pg_cluster.url("postgres", password="zle-haslo"))
    assert err.value.message == (
        f"Serwer odrzucił hasło użytkownika postgres (baza danych postgres na serwerze 127.0.0.1:{pg_cluster.port}). "
        "Sprawdź nazwę użytkownika i hasło (PGPASSWORD albo plik .pgpass)."
    )
    assert "zle-haslo" not in err.value.message


def test_a_server_that_does_not_answer_is_named(pg_cluster) -> None:  # type: ignore[no-untyped-def]
    from tests.pg import _free_port

    port = _free_port()  # nothing listens there
    with pytest.raises(DatabaseError) as err:
        open_database(f"postgresql://postgres:x@127.0.0.1:{port}/wkus")
    assert err.value.message.startswith(
        f"Nie można połączyć się z serwerem bazy danych (baza danych wkus na serwerze 127.0.0.1:{port}): "
        "serwer nie odpowiada."
    )


def test_a_missing_database_says_how_to_create_it(pg_cluster) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(DatabaseError) as err:
        open_database(pg_cluster.url("nie_ma_takiej"))
    assert err.value.message == (
        f"Baza danych nie istnieje na serwerze (baza danych nie_ma_takiej na serwerze 127.0.0.1:{pg_cluster.port}). "
        "Poproś administratora o jej utworzenie (createdb nie_ma_takiej)."
    )


def test_an_empty_server_database_is_migrated_and_reopened(pg_cluster) -> None:  # type: ignore[no-untyped-def]
    from app.core.db.migrations import CURRENT_VERSION, schema_version

    url = pg_cluster.new_database(migrated=False)
    try:
        db = open_database(url)
        assert db.is_server and db.path is None
        assert schema_version(db) == CURRENT_VERSION
        db.dispose()
        again = open_database(url)  # a second seat: nothing left to migrate
        assert schema_version(again) == CURRENT_VERSION
        again.dispose()
    finally:
        pg_cluster.drop(url)


def test_file_only_commands_say_what_to_do_on_the_server(server_db, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    target = db_argument(server_db)
    assert main(["backup", "--db", target, "--out", str(tmp_path / "k.sqlite")]) == 2
    message = capsys.readouterr().err
    assert message.startswith(
        '"wkus backup" działa tylko na pliku bazy danych; ta baza jest na serwerze biura (baza danych '
    )
    assert "pg_dump" in message and "wkus export --kind full" in message
    assert "wkus-test-haslo" not in message
    assert not (tmp_path / "k.sqlite").exists()
    (tmp_path / "k.sqlite").write_bytes(b"x")
    assert main(["restore", "--db", target, str(tmp_path / "k.sqlite"), "--yes"]) == 2
    assert '"wkus restore" działa tylko na pliku bazy danych' in capsys.readouterr().err


def test_manual_backup_of_a_server_database_is_refused_in_words(server_db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from app.core.backup import manual_backup

    with pytest.raises(DatabaseError) as err:
        manual_backup(server_db, tmp_path / "k.sqlite")
    assert err.value.message.startswith("Kopia zapasowa działa tylko na pliku bazy danych")


@pytest.mark.pg
def test_demo_check_db_and_history_run_from_the_command_line(db, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    target = db_argument(db)
    assert main(["demo", "--db", target, "--today", "2026-11-23"]) == 0
    capsys.readouterr()
    assert main(["check-db", "--db", target]) == 0
    out = capsys.readouterr().out
    assert ("Rejestr zmian jest w porządku." in out) or ("Baza danych i rejestr zmian są w porządku." in out)
    assert main(["history", "--db", target, "--contract", "1"]) == 0
    assert main(["export", "--db", target, "--out", str(tmp_path / "data.json")]) == 0


def test_a_lost_connection_during_a_save_says_nothing_was_saved(pg_cluster) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy.exc import OperationalError

    from app.core.db.server import server_url, translate_server_error

    url = server_url(pg_cluster.url("wkus"))
    lost = OperationalError("INSERT …", {}, Exception("server closed the connection unexpectedly"))
    opening = translate_server_error(lost, url).message
    saving = translate_server_error(lost, url, saving=True).message
    assert not opening.endswith("Ostatnia zmiana nie została zapisana.")
    assert saving == opening + " Ostatnia zmiana nie została zapisana."


def test_the_demo_command_names_the_server(server_db, capsys) -> None:  # type: ignore[no-untyped-def]
    target = db_argument(server_db)
    assert main(["demo", "--db", target, "--today", "2026-11-23"]) == 0
    where = f"baza danych {server_db.url.database} na serwerze 127.0.0.1:{server_db.url.port}"
    assert capsys.readouterr().out.startswith(f"Wczytano gminę demonstracyjną na serwer biura ({where}):")
    assert main(["demo", "--db", target]) == 2
    assert capsys.readouterr().err.startswith(f"Baza danych na serwerze zawiera już dane ({where}).")


def test_two_seats_starting_at_once_migrate_once(pg_cluster) -> None:  # type: ignore[no-untyped-def]
    """The first seat migrates under the advisory lock; the second waits, then finds nothing to do."""
    from concurrent.futures import ThreadPoolExecutor

    from sqlalchemy import func, select

    from app.core.db.migrations import CURRENT_VERSION
    from app.core.db.models import SchemaVersion

    url = pg_cluster.new_database(migrated=False)
    try:
        with ThreadPoolExecutor(max_workers=3) as pool:
            seats = list(pool.map(lambda _i: open_database(url), range(3)))
        with seats[0].session() as s:
            versions = s.execute(
                select(SchemaVersion.version, func.count())
                .group_by(SchemaVersion.version)
                .order_by(SchemaVersion.version)
            ).all()
        # one row per step, each written once: (1, 1), (2, 1), … up to the current version
        assert [tuple(v) for v in versions] == [(n, 1) for n in range(1, CURRENT_VERSION + 1)]
        for seat in seats:
            seat.dispose()
    finally:
        pg_cluster.drop(url)


def test_full_json_import_into_the_server_from_the_command_line(server_db, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    lite = tmp_path / "gmina.sqlite"
    assert main(["demo", "--db", str(lite), "--today", "2026-11-23"]) == 0
    assert main(["export", "--db", str(lite), "--out", str(tmp_path / "dane.json")]) == 0
    capsys.readouterr()
    assert main(["import", "--db", db_argument(server_db), str(tmp_path / "dane.json")]) == 0
    where = f"baza danych {server_db.url.database} na serwerze 127.0.0.1:{server_db.url.port}"
    out = capsys.readouterr().out.strip()
    assert out.startswith("Zaimportowano rekordy (") and out.endswith(f") do bazy danych na serwerze ({where})")
    assert main(["import", "--db", db_argument(server_db), str(tmp_path / "dane.json")]) == 2  # not twice
    refused = capsys.readouterr().err
    assert where in refused and "zawiera już dane. Importuj do nowej, pustej bazy." in refused


def test_a_row_held_by_another_seat_is_refused_in_words_not_waited_for(pg_cluster, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Without lock_timeout PostgreSQL waits for ever on a row another seat holds, and the window with it."""
    from sqlalchemy import text
    from sqlalchemy.exc import OperationalError

    from app.core.db import server

    monkeypatch.setattr(server, "LOCK_TIMEOUT_MS", 300)
    url = server.server_url(pg_cluster.new_database())
    first, second = server.create_server_engine(url), server.create_server_engine(url)
    try:
        with first.begin() as holder:
            holder.execute(text("INSERT INTO setting (key, value) VALUES ('k', 'a')"))
        with first.begin() as holder:
            holder.execute(text("UPDATE setting SET value = 'b' WHERE key = 'k'"))  # held until commit
            with pytest.raises(OperationalError) as caught, second.begin() as waiting:
                waiting.execute(text("UPDATE setting SET value = 'c' WHERE key = 'k'"))
        message = server.translate_server_error(caught.value, url, saving=True).message
        assert message.startswith("Inny komputer zmienia w tej chwili te same dane (baza danych ")
        assert message.endswith("Ostatnia zmiana nie została zapisana. Spróbuj ponownie za chwilę.")
    finally:
        first.dispose()
        second.dispose()


def test_two_seats_saving_at_once_keep_one_change_log_chain(pg_cluster) -> None:  # type: ignore[no-untyped-def]
    """Both seats read the last hash before either commits: without one writer at a time the chain forks
    and check-db calls an ordinary day in the office tampering."""
    import threading

    from sqlalchemy.orm import Session

    from app.core.audit import append_entries, verify_log
    from app.core.db import server

    url = server.server_url(pg_cluster.new_database())
    first, second = server.create_server_engine(url), server.create_server_engine(url)

    def entry(name: str) -> list[dict[str, object]]:
        return [
            dict(action="UPDATE", entity="organisation", entity_id=None, field="name", old_value="a", new_value=name)
        ]

    try:
        seat_b_done = threading.Event()
        with first.begin() as seat_a:
            append_entries(seat_a, entry("seat A"))

            def seat_b() -> None:
                with second.begin() as conn:
                    append_entries(conn, entry("seat B"))
                seat_b_done.set()

            thread = threading.Thread(target=seat_b)
            thread.start()
            # seat B must wait for seat A's commit (with the fork it would finish at once)
            assert not seat_b_done.wait(1.0)
        thread.join(timeout=30)
        assert seat_b_done.is_set()
        with Session(first) as session:
            check = verify_log(session, check_rows=False)
        assert check.entries == 2 and check.broken_at is None
    finally:
        first.dispose()
        second.dispose()
