"""The full export of every table to one versioned JSON file, and its import into an empty database.

Format (`format` = "wkus-export", `format_version` = 1):
    {"format", "format_version", "schema_version", "app_version", "exported_at",
     "tables": {table name: [{column: value, ...}, ...]}}
Money and quantities are strings of Decimal ("1234.50"), dates and times ISO 8601, enums their
codes, binary data base64. Rows are written with their ids so relations and the audit log's hash
chain survive unchanged; the import inserts them as they are (Core inserts, so the import itself
adds no audit entries: the history is the exported one), after every row passed the forms' checks
(json_checks) and, inside the same transaction, the history was verified against the rows. Only text
normalised on the way in (intake.normalise_text) is changed afterwards, and that change is logged.
"""

from __future__ import annotations

import base64
import datetime as dt
import itertools
import json
import os
import re
from decimal import Decimal, InvalidOperation
from enum import Enum
from pathlib import Path
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, Integer, LargeBinary, Table, func, select
from sqlalchemy import exc as sa_exc

from app import __version__
from app.core.db.engine import Database, translate_operational_error
from app.core.db.models import Base, SchemaVersion
from app.core.db.models.base import EnumCode, Money, Quantity
from app.core.domain.enums import AuditAction
from app.core.errors import UserFacingError, os_reason
from app.core.i18n import _, ngettext
from app.core.intake import MAX_JSON_DEPTH, json_depth_ok, stored_money, stored_quantity
from app.core.transfer.json_checks import ImportProblem, check_column_values, check_records, row_path

FORMAT = "wkus-export"
FORMAT_VERSION = 1
#: Filled by the migrations of each database (the envelope's schema_version says which one the
#: data has), so neither exported nor imported.
_NOT_IMPORTED = {SchemaVersion.__tablename__}
_PROBLEMS_SHOWN = 20
#: settings that belong to this installation's copy of the data, not to the gmina's records: the seal
#: of the change log written by the last backup (see backup.copy.write_seal)
_INSTALLATION_SETTINGS = frozenset({"audit_seal"})


def _tables() -> list[Table]:
    # parents before children: the import order
    return [t for t in Base.metadata.sorted_tables if t.name not in _NOT_IMPORTED]


def _to_json(value: Any) -> Any:
    if isinstance(value, Enum):  # before str: the LabeledEnums are str subclasses
        return value.value
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, (dict, list)):  # a JSON column (tool inputs and results): JSON-safe already
        return value
    raise TypeError(f"cannot export {type(value).__name__}")


def export_data(db: Database, *, now: dt.datetime | None = None) -> dict[str, Any]:
    from app.core.db.migrations import schema_version

    tables: dict[str, list[dict[str, Any]]] = {}
    with db.session() as s:
        for table in _tables():
            pk = list(table.primary_key.columns)
            rows = s.execute(select(table).order_by(*pk)).mappings()
            tables[table.name] = [
                {k: _to_json(v) for k, v in row.items()}
                for row in rows
                if not (table.name == "setting" and row["key"] in _INSTALLATION_SETTINGS)
            ]
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "schema_version": schema_version(db),
        "app_version": __version__,
        "exported_at": (now or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds"),
        "tables": tables,
    }


def write_export(db: Database, path: Path | str) -> dict[str, int]:
    """Write the export atomically (a `.part` file renamed when complete); returns rows per table."""
    path = Path(path)
    data = export_data(db)
    part = path.with_name(path.name + ".part")
    try:
        with part.open("w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, indent=1)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(part, path)
    except OSError as exc:
        part.unlink(missing_ok=True)
        raise UserFacingError(
            _("The export could not be written to {path}: {reason}").format(path=path, reason=os_reason(exc))
        ) from exc
    return {name: len(rows) for name, rows in data["tables"].items()}


# ---- import ----------------------------------------------------------------------------------


class _BadValue(ValueError):
    pass


def _from_json(column: Any, value: Any) -> Any:
    if value is None:
        return None
    kind = column.type
    try:
        if isinstance(kind, Money):
            return stored_money(value)
        if isinstance(kind, Quantity):
            return stored_quantity(value)
        if isinstance(kind, EnumCode):
            codes = [member.value for member in kind.enum_cls]
            if value not in codes:
                raise _BadValue(_("one of: {codes}").format(codes=", ".join(map(str, codes))))
            return kind.enum_cls(value)
        if isinstance(kind, DateTime):
            return dt.datetime.fromisoformat(value)
        if isinstance(kind, Date):
            return dt.date.fromisoformat(value)
        if isinstance(kind, Boolean):
            if not isinstance(value, bool):
                raise _BadValue("true or false")
            return value
        if isinstance(kind, LargeBinary):
            return base64.b64decode(value, validate=True)
        if isinstance(kind, JSON):
            if not json_depth_ok(value):
                raise _BadValue(_("data nested at most {count} levels deep").format(count=MAX_JSON_DEPTH))
            # a lone surrogate inside would only fail when SQLite encodes the text, mid-transaction
            json.dumps(value, ensure_ascii=False).encode("utf-8")
            return value
        python_type = kind.python_type
    except (ValueError, TypeError, InvalidOperation, NotImplementedError, OverflowError) as exc:
        if isinstance(exc, _BadValue):
            raise
        raise _BadValue(str(exc)) from exc
    if python_type is int and (not isinstance(value, int) or isinstance(value, bool)):
        raise _BadValue(_("a whole number"))
    if python_type is int and not -(2**63) <= value < 2**63:  # SQLite's INTEGER is 64 bits
        raise _BadValue(_("a whole number of a sensible size"))
    if python_type is str and not isinstance(value, str):
        raise _BadValue(_("text"))
    return value


def _shown(value: Any) -> str:
    """A value for a message: short, and printable even when it holds a lone surrogate."""
    if isinstance(value, str):
        return value[:80] if value.isprintable() else ascii(value)[:80]
    return repr(value)[:80]


def read_export(path: Path | str) -> dict[str, Any]:
    """Load and check the file's envelope; raises UserFacingError naming what is wrong."""
    from app.core.db.migrations import CURRENT_VERSION

    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise UserFacingError(_("The file {path} does not exist.").format(path=path)) from exc
    except RecursionError as exc:  # e.g. 100 000 nested brackets: the parser gives up, nothing to import
        raise UserFacingError(
            _("The file {path} is not a WKUS export: its data are nested more than {count} levels deep.").format(
                path=path, count=MAX_JSON_DEPTH
            )
        ) from exc
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise UserFacingError(
            _("The file {path} is not a WKUS export (it is not a JSON file).").format(path=path)
        ) from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("tables"), dict):
        raise UserFacingError(_("The file {path} is not a WKUS export.").format(path=path))
    if data.get("format_version") != FORMAT_VERSION or not isinstance(data.get("schema_version"), int):
        raise UserFacingError(
            _("The export {path} has a format this version of the program does not know.").format(path=path)
        )
    if data["schema_version"] > CURRENT_VERSION:
        raise UserFacingError(
            _(
                "The export {path} was made by a newer version of WKUS Desktop (schema {found}, this program "
                "knows {known}). Install the newer version to import it."
            ).format(path=path, found=data["schema_version"], known=CURRENT_VERSION)
        )
    return data


def database_has_data(db: Database) -> bool:
    with db.session() as s:
        for table in _tables():
            if table.name in _NOT_IMPORTED:
                continue
            if s.scalar(select(func.count()).select_from(table)):
                return True
    return False


def import_data(db: Database, data: dict[str, Any], source: Path | str | None = None) -> dict[str, int]:
    """Insert an export into an EMPTY database in one transaction; returns rows per table.

    A non-empty database is refused (merging two gminas' records is not something to guess at).
    Every row goes through the checks of the form that would have typed it (json_checks); any
    problem stops the import with a message naming file, JSON path and field; nothing is written.
    """
    if database_has_data(db):
        raise UserFacingError(
            _("The database {path} already contains data. Import into a new, empty database.").format(path=db.where)
        )
    known = {t.name: t for t in _tables()}
    unknown = sorted(set(data["tables"]) - set(known))
    if unknown:
        raise UserFacingError(
            _("The export contains tables this program does not know: {names}.").format(
                names=", ".join(_shown(u) for u in unknown)
            )
        )
    problems: list[ImportProblem] = []
    prepared: list[tuple[Table, list[dict[str, Any]]]] = []
    normalised: list[tuple[Table, Any, str, str, str]] = []
    for table in _tables():
        rows = data["tables"].get(table.name, [])
        if table.name in _NOT_IMPORTED or not rows:
            continue
        if not isinstance(rows, list):
            raise UserFacingError(_("Table {table}: a list of rows was expected.").format(table=table.name))
        converted = []
        for index, row in enumerate(rows):
            path = row_path(table.name, index)
            if not isinstance(row, dict):
                problems.append(ImportProblem(path, "-", _("a record (an object in braces) was expected")))
                continue
            extra = sorted(set(row) - set(table.c.keys()))
            if extra:
                problems.append(ImportProblem(path, _shown(extra[0]), _("this program does not know this field")))
                continue
            values = {}
            for key, value in row.items():
                try:
                    values[key] = _from_json(table.c[key], value)
                except _BadValue as exc:
                    problems.append(
                        ImportProblem(
                            path,
                            key,
                            _("wrong value {value}; expected: {expected}").format(
                                value=_shown(value) if isinstance(value, str) else repr(value)[:80], expected=exc
                            ),
                        )
                    )
            as_in_file = dict(values)
            problems.extend(check_column_values(table, values, path, set(row)))
            # the text normalised on the way in: stored as in the file first (its history must match
            # it), then changed and logged as a change of the import itself
            for key, value in values.items():
                if isinstance(value, str) and as_in_file.get(key) != value and "id" in values:
                    normalised.append((table, values["id"], key, as_in_file[key], value))
            converted.append(as_in_file)
        prepared.append((table, converted))
    if not problems:
        problems.extend(check_records(_with_changes(prepared, normalised)))
    if problems:
        shown = "\n".join(str(p) for p in problems[:_PROBLEMS_SHOWN])
        more = len(problems) - _PROBLEMS_SHOWN
        if more > 0:
            shown += "\n" + ngettext("… and {count} more problem.", "… and {count} more problems.", more).format(
                count=more
            )
        raise UserFacingError(
            _("The file {path} cannot be imported; nothing was imported:\n{problems}").format(
                path=source if source is not None else "JSON", problems=shown
            )
        )
    try:
        with db.session() as s:
            for table, rows in prepared:
                # rows of an older schema may lack columns added since (their defaults apply); one
                # executemany needs the same keys in every row, so consecutive alike rows go together
                for _keys, group in itertools.groupby(rows, key=lambda r: tuple(sorted(r))):
                    s.execute(table.insert(), list(group))
            _advance_sequences(s, [table for table, _rows in prepared])
            _refuse_tampered_history(s, source, prepared)
            _apply_normalisation(s, normalised)
    except sa_exc.OperationalError as exc:  # locked, read-only, disk full: nothing was written
        raise translate_operational_error(exc, db.path) from exc
    except sa_exc.StatementError as exc:  # constraint violations: the file is inconsistent
        located = _locate_problem(db, prepared)
        raise UserFacingError(
            located
            or _(
                "The export cannot be imported: its records are inconsistent ({reason}). Nothing was imported."
            ).format(reason=getattr(exc, "orig", exc))
        ) from exc
    return {table.name: len(rows) for table, rows in prepared}


def _with_changes(
    prepared: list[tuple[Table, list[dict[str, Any]]]], normalised: list[tuple[Table, Any, str, str, str]]
) -> dict[str, list[dict[str, Any]]]:
    """The rows as they will finally be stored (normalised), for the forms' validators."""
    changes: dict[tuple[str, Any], dict[str, str]] = {}
    for table, ident, key, _old, new in normalised:
        changes.setdefault((table.name, ident), {})[key] = new
    return {
        table.name: [{**row, **changes.get((table.name, row.get("id")), {})} for row in rows]
        for table, rows in prepared
    }


def _apply_normalisation(session: Any, normalised: list[tuple[Table, Any, str, str, str]]) -> None:
    """Store the normalised text and log each change (the history stays true to the data)."""
    from app.core.audit import append_entries, current_row_digest

    if not normalised:
        return
    by_row: dict[tuple[str, Any], list[tuple[Table, str, str, str]]] = {}
    for table, ident, key, old, new in normalised:
        by_row.setdefault((table.name, ident), []).append((table, key, old, new))
    conn = session.connection()
    entries = []
    for (name, ident), changes in by_row.items():
        table = changes[0][0]
        conn.execute(table.update().where(table.c.id == ident).values({key: new for _t, key, _o, new in changes}))
        digest = current_row_digest(conn, name, ident)
        entries += [
            {
                "action": AuditAction.UPDATE.value,
                "entity": name,
                "entity_id": ident,
                "field": key,
                "old_value": old,
                "new_value": new,
                "row_digest": digest,
            }
            for _t, key, old, new in changes
        ]
    append_entries(conn, entries)


def _refuse_tampered_history(
    session: Any, source: Path | str | None, prepared: list[tuple[Table, list[dict[str, Any]]]]
) -> None:
    """The imported change log must still describe the imported records (checked inside the import's
    transaction, so a refused file leaves nothing behind). Entries sealed on another computer cannot
    be checked here and pass."""
    from app.core.audit import verify_log

    check = verify_log(session)
    where = source if source is not None else "JSON"
    if check.broken_at is not None:
        raise UserFacingError(
            _(
                "The file {path} cannot be imported: its change log was altered (first altered "
                "entry: no. {id}). Nothing was imported."
            ).format(path=where, id=check.broken_at)
        )
    if check.altered_records:
        table, ident, reason = check.altered_records[0]
        rows = next((rows for t, rows in prepared if t.name == table), [])
        index = next((i for i, row in enumerate(rows) if row.get("id") == ident), None)
        record = row_path(table, index) if index is not None else f"{table} {ident}"
        raise UserFacingError(
            _(
                "The file {path} cannot be imported: a record was changed outside the program "
                "({record}: {reason}). Nothing was imported."
            ).format(path=where, record=record, reason=reason)
        )


def _advance_sequences(session: Any, tables: list[Table]) -> None:
    """The import writes the ids itself; a PostgreSQL sequence does not see them, so the next record
    added would get id 1 again. Move each sequence past the highest id (SQLite needs nothing)."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for table in tables:
        key = list(table.primary_key.columns)
        if len(key) != 1 or key[0].autoincrement is False or not isinstance(key[0].type, Integer):
            continue
        column = key[0]
        highest = session.scalar(select(func.max(column)))
        if highest is not None:
            session.execute(select(func.setval(func.pg_get_serial_sequence(table.name, column.name), highest)))


def _locate_problem(db: Database, prepared: list[tuple[Table, list[dict[str, Any]]]]) -> str | None:
    """Insert row by row in a transaction that is always rolled back, to name the first bad row.

    Only run after the fast bulk insert failed. SQLite checks NOT NULL, UNIQUE and (immediate)
    foreign keys per statement, so the first row that fails is the one to blame.
    """
    with db.engine.connect() as conn:
        trans = conn.begin()
        try:
            for table, rows in prepared:
                for number, row in enumerate(rows, start=1):
                    try:
                        conn.execute(table.insert(), row)
                    except sa_exc.StatementError as exc:
                        field, reason = _row_problem(conn, table, row, exc)
                        return _("Table {table}, row {row}, field {field}: {reason}. Nothing was imported.").format(
                            table=table.name, row=number, field=field, reason=reason
                        )
        except sa_exc.OperationalError:
            return None
        finally:
            trans.rollback()
    return None


def _row_problem(conn: Any, table: Table, row: dict[str, Any], exc: sa_exc.StatementError) -> tuple[str, str]:
    text = str(getattr(exc, "orig", exc))
    found = re.search(r"(NOT NULL|UNIQUE) constraint failed: ([\w.]+)", text)
    if found:
        field = found.group(2).split(".")[-1]
        if found.group(1) == "NOT NULL":
            return field, _("a value is required")
        return field, _("the same value is already in another row")
    if "FOREIGN KEY" in text:
        for fk in sorted(table.foreign_keys, key=lambda k: k.parent.name):
            value = row.get(fk.parent.name)
            if value is None:
                continue
            parent = fk.column
            if not conn.execute(select(func.count()).select_from(parent.table).where(parent == value)).scalar():
                return fk.parent.name, _("refers to record {value} of table {parent}, which is not in the file").format(
                    value=value, parent=parent.table.name
                )
    found = re.search(r"CHECK constraint failed: (\w+)", text)
    if found:
        return found.group(1), _("the value is not allowed")
    return "?", text


def import_file(db: Database, path: Path | str) -> dict[str, int]:
    return import_data(db, read_export(path), source=path)
