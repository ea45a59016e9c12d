"""The one way the Pulpit's figures are read: portable SQL text with `:name` parameters, run by a row reader.

On the embedded SQLite file at start-up (`SqliteReader`) the text runs on the stdlib `sqlite3` driver,
read-only, before SQLAlchemy and the models are imported (they cost more than twice the bare window's
start on an office PC; issue 18). Everywhere else (`EngineReader`: a session's connection, a server
database) the same text runs through the SQLAlchemy connection. Either way the raw values are converted
by the same functions below to the types the models declare (dates from ISO text, booleans from 0/1,
money from integer grosze to Decimal, enums from their codes), so the code reading the rows cannot tell
the two apart.

Nothing here imports SQLAlchemy at module level: `EngineReader` imports `text` when it runs.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from app.core.money import from_grosze

if TYPE_CHECKING:
    from sqlalchemy import Connection
    from sqlalchemy.orm import Session

    from app.core.db.engine import Database

#: the schema the SQL text of the Pulpit's reads is written for (tests keep it equal to
#: app.core.db.migrations.CURRENT_VERSION, which cannot be imported without SQLAlchemy)
LATEST_SCHEMA = 14

log = logging.getLogger(__name__)

T = TypeVar("T")
Convert = Callable[[Any], Any]
Row = tuple[Any, ...]


def as_date(value: Any) -> dt.date | None:
    """A DATE column: ISO text on SQLite, a date from a server driver."""
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value if len(value) == 10 else str(value)[:10])


def as_bool(value: Any) -> bool | None:
    """A BOOLEAN column: 0/1 on SQLite, a bool from a server driver."""
    return None if value is None else bool(value)


def as_int(value: Any) -> int | None:
    """An integer, a count or a sum of integers (a server's sum of a BIGINT is a numeric)."""
    return None if value is None else int(value)


def as_money(value: Any) -> Decimal | None:
    """Integer grosze (a Money column or its sum) as Decimal złote, as the Money column type gives them."""
    return None if value is None else from_grosze(int(value))


def as_text(value: Any) -> Any:
    return value


def enum_of(cls: type[Enum]) -> Convert:
    """An enum stored as its code (the EnumCode column type)."""

    def convert(value: Any) -> Enum | None:
        return None if value is None else cls(value)

    return convert


class Reader(Protocol):
    def rows(self, sql: str, params: Mapping[str, Any] | None = None, types: Sequence[Convert] = ()) -> list[Row]:
        """The rows of `sql`, each column converted by the matching function of `types` (all of them)."""
        ...


_NAME = re.compile(r"(?<![:\w]):(\w+)")


def _expand(sql: str, params: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
    """A list or tuple parameter becomes one parameter per element (`IN (:ids)`); an enum its code.
    An empty list becomes NULL, so `IN (NULL)` matches nothing on every database."""
    out: dict[str, Any] = {}
    lists: dict[str, str] = {}
    for name, value in params.items():
        if isinstance(value, (list, tuple)):
            names = [f"{name}_{i}" for i in range(len(value))]
            lists[name] = ", ".join(f":{n}" for n in names) or "NULL"
            out.update({n: _plain(v) for n, v in zip(names, value)})
        else:
            out[name] = _plain(value)
    if lists:
        sql = _NAME.sub(lambda m: lists.get(m.group(1), m.group(0)), sql)
    return sql, out


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


def _converted(raw: Sequence[Row], types: Sequence[Convert]) -> list[Row]:
    if len(raw) and len(raw[0]) != len(types):
        raise ValueError(f"{len(raw[0])} columns read, {len(types)} conversions given")
    return [tuple([convert(v) for convert, v in zip(types, row)]) for row in raw]


class SqliteReader:
    """The text on a stdlib `sqlite3` connection; date parameters as the ISO text SQLite stores."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def rows(self, sql: str, params: Mapping[str, Any] | None = None, types: Sequence[Convert] = ()) -> list[Row]:
        sql, values = _expand(sql, params or {})
        values = {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in values.items()}
        return _converted(self.connection.execute(sql, values).fetchall(), types)


class EngineReader:
    """The same text on a SQLAlchemy connection (a session's, or the engine's for a server database)."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self._sqlite = connection.dialect.name == "sqlite"

    def rows(self, sql: str, params: Mapping[str, Any] | None = None, types: Sequence[Convert] = ()) -> list[Row]:
        from sqlalchemy import text

        sql, values = _expand(sql, params or {})
        if self._sqlite:  # stored as ISO text: compared as text, as the Date column type binds them
            values = {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in values.items()}
        return _converted([tuple(r) for r in self.connection.execute(text(sql), values)], types)


@contextmanager
def open_sqlite(path: Path) -> Iterator[SqliteReader]:
    """A read-only reader of the SQLite file at `path` (a `mode=ro` URI never creates nor writes it)."""
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
    try:
        yield SqliteReader(connection)
    finally:
        connection.close()


def read_current_file(path: Path, read: Callable[[Reader], T]) -> T | None:
    """`read` run on a read-only sqlite3 reader of the file at `path`, when that is safe: a WKUS file
    whose schema is the one the SQL text is written for (`LATEST_SCHEMA`: no migration pending, not
    written by a newer version). None otherwise, or when SQLite refuses to read (a missing, locked or
    damaged file): then the database is opened the usual way and the same reads run through it."""
    if not path.is_file() or path.stat().st_size == 0:
        return None
    try:
        with open_sqlite(path) as reader:
            version = reader.rows("SELECT max(version) FROM schema_version", types=(as_int,))[0][0]
            if version != LATEST_SCHEMA:
                return None
            return read(reader)
    except sqlite3.Error as exc:
        log.info("the start-up figures are read after opening %s: %s", path, exc)
        return None


@contextmanager
def reading(source: Database | Reader | Session | Connection) -> Iterator[Reader]:
    """A reader of `source`: a Reader as it is; a Database on a session of its own (one transaction,
    closed afterwards); a SQLAlchemy Session or Connection on its connection (the caller's transaction)."""
    if isinstance(source, (SqliteReader, EngineReader)):
        yield source
        return
    from sqlalchemy import Connection
    from sqlalchemy.orm import Session

    if isinstance(source, Session):
        yield EngineReader(source.connection())
    elif isinstance(source, Connection):
        yield EngineReader(source)
    else:  # a Database: its session's checks (a vanished file, errors in Polish) as for any read
        with source.session() as session:  # type: ignore[union-attr]
            yield EngineReader(session.connection())
