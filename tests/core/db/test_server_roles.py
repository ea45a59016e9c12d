"""Seats on the office server (issue 19): `wkus server init` makes editors and read-only seats, and the
server itself refuses a reader's change; the change log names the server's user."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import ProgrammingError

from app.cli import main
from app.core.audit import install_audit_hooks
from app.core.db.engine import open_database
from app.core.domain.enums import LegalForm, RegistryType
from app.core.domain.records import OrganisationInput
from app.core.errors import DatabaseError
from app.core.services.organisations import create_organisation, list_organisations


def _as(url: str, user: str) -> str:
    host = url.split("@", 1)[1]
    return f"postgresql://{user}:haslo-{user}@{host}"


def _organisation(name: str) -> OrganisationInput:
    return OrganisationInput(
        name=name, legal_form=LegalForm.FUNDACJA, registry_type=RegistryType.KRS, registry_number="5"
    )


def test_a_reader_reads_and_the_server_refuses_its_changes(pg_cluster, capsys) -> None:  # type: ignore[no-untyped-def]
    install_audit_hooks()
    owner_url = pg_cluster.new_database()
    owner = open_database(owner_url)
    create_organisation(owner, _organisation("Fundacja Przystań"))
    owner.dispose()

    assert main(["server", "init", "--db", owner_url, "--editor", "anna_r1", "--reader", "skarbnik_r1"]) == 0
    out = capsys.readouterr().out
    assert "anna_r1: może zmieniać dane" in out and "skarbnik_r1: może tylko czytać" in out
    assert "skarbnik_r1 nie ma jeszcze hasła" in out
    for user in ("anna_r1", "skarbnik_r1"):
        pg_cluster.admin(f"ALTER ROLE {user} PASSWORD 'haslo-{user}'")

    reader = open_database(_as(owner_url, "skarbnik_r1"))
    try:
        assert reader.read_only is True
        assert [o.name for o in list_organisations(reader)] == ["Fundacja Przystań"]
        with pytest.raises(DatabaseError) as refused:
            create_organisation(reader, _organisation("Stowarzyszenie Razem"))
        assert refused.value.message.startswith("Użytkownik skarbnik_r1 może tylko czytać tę bazę danych")
        assert refused.value.message.endswith("Ostatnia zmiana nie została zapisana.")
        # refused by the server, not by the program: a hand-written statement fares no better
        with pytest.raises(ProgrammingError), reader.engine.begin() as conn:
            conn.execute(text("DELETE FROM audit_log"))
    finally:
        reader.dispose()

    editor = open_database(_as(owner_url, "anna_r1"))
    try:
        assert editor.read_only is False
        create_organisation(editor, _organisation("Stowarzyszenie Razem"))
        with editor.engine.connect() as conn:
            users = conn.execute(text("SELECT os_user FROM audit_log ORDER BY id")).scalars().all()
        assert users[-1].endswith(" [anna_r1]") and users[0].endswith(" [postgres]")
    finally:
        editor.dispose()


def test_seats_need_the_server_and_plain_names(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["server", "init", "--db", str(tmp_path / "w.sqlite"), "--reader", "ala"]) == 2
    assert "Stanowiska istnieją tylko na serwerze biura" in capsys.readouterr().err
    from app.core.db.roles import check_user_name
    from app.core.errors import UserFacingError

    with pytest.raises(UserFacingError) as err:
        check_user_name("Anna Kowalska")
    assert "małymi literami łacińskimi" in err.value.message
