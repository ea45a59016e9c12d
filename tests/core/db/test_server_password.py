"""The server's password is kept in the system's password store and used when the address has none
(issue 19); without a store nothing is kept and nothing breaks."""

from __future__ import annotations

import pytest

from app.core.db import credentials, server
from app.core.errors import DatabaseError
from tests.keyring_memory import memory_keyring


def test_the_stored_password_opens_an_address_without_one(pg_cluster, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("PGPASSWORD", raising=False)
    address = pg_cluster.url("postgres", password=None)
    url = server.server_url(address)
    with memory_keyring() as store:
        with pytest.raises(DatabaseError, match="odrzucił hasło"):
            server.probe(server.create_server_engine(url), url)  # nothing stored yet
        assert credentials.store_password(url, "wkus-test-haslo")
        assert store.values == {
            ("wkus-desktop", f"postgresql://postgres@127.0.0.1:{pg_cluster.port}/postgres"): "wkus-test-haslo"
        }
        engine = server.create_server_engine(url)
        server.probe(engine, url)  # connects with the stored password
        engine.dispose()


def test_without_a_password_store_nothing_is_kept() -> None:
    import keyring
    from keyring.backends.fail import Keyring as NoStore

    previous = keyring.get_keyring()
    keyring.set_keyring(NoStore())
    try:
        url = server.server_url("postgresql://anna@serwer:5432/wkus")
        assert credentials.store_password(url, "x") is False
        assert credentials.stored_password(url) is None
    finally:
        keyring.set_keyring(previous)
