"""Checking the database: a quick check at start, the full check and the audit chain on demand."""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from app.core.backup.auto import list_backups
from app.core.backup.preview import InvalidBackup, inspect_backup
from app.core.db.sqlite_file import foreign_key_problems, read_only_engine, run_check
from app.core.i18n import _, ngettext

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class IntegrityReport:
    path: Path
    full: bool
    #: SQLite's own findings (empty when the file is sound)
    problems: tuple[str, ...]
    #: id of the first altered audit-log entry (None when intact or not checked)
    audit_broken_at: int | None
    checked_at: dt.datetime
    #: rows referring to missing rows (full check only)
    foreign_key_problems: tuple[str, ...] = ()
    #: tables or columns of the file's schema version that are missing
    schema_problems: tuple[str, ...] = ()
    #: records that differ from their last logged state, or a log shorter than its last seal
    tampering: tuple[str, ...] = ()
    #: facts about the log that are not problems (entries before the key, from another computer)
    notes: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return (
            not self.problems
            and self.audit_broken_at is None
            and not self.foreign_key_problems
            and not self.schema_problems
            and not self.tampering
        )

    def summary(self) -> str:
        if self.schema_problems and not self.problems:
            return _("The database file is incomplete: {problems} Restore the newest good backup.").format(
                problems=" ".join(self.schema_problems[:5])
            )
        if self.problems:
            return _("The database file is damaged ({count} problems found). Restore the newest good backup.").format(
                count=len(self.problems)
            )
        if self.foreign_key_problems:
            return _(
                "The database file is sound, but {count} records refer to records that no longer exist "
                "(changed outside the program)."
            ).format(count=len(self.foreign_key_problems))
        if self.tampering and self.audit_broken_at is None:
            return _("The database file is sound, but data were changed outside the program: {first}").format(
                first=self.tampering[0]
            )
        if self.audit_broken_at is not None:
            return _(
                "The database file is sound, but the change log was altered outside the program: the "
                "first altered entry is no. {id}."
            ).format(id=self.audit_broken_at)
        if self.full:
            return _("The database and its change log are in order.")
        return _("The database passed the quick check.")


def quick_check(db_path: Path | str) -> IntegrityReport:
    """SQLite's quick_check (seconds on a large file): run when the app starts."""
    db_path = Path(db_path)
    problems = tuple(_problems(db_path, full=False))
    schema = () if problems else tuple(_schema(db_path))
    return IntegrityReport(db_path, False, problems, None, dt.datetime.now(), schema_problems=schema)


def full_check(db_path: Path | str) -> IntegrityReport:
    """integrity_check, foreign keys, and the audit log's hash chain ("Sprawdź bazę danych")."""
    db_path = Path(db_path)
    problems = _problems(db_path, full=True)
    broken, orphans, schema = None, [], []
    tampering: list[str] = []
    notes: list[str] = []
    if not problems:
        schema = _schema(db_path)
    if not problems and not schema:  # the chain and the keys can only be read from a complete schema
        broken, tampering, notes = audit_findings(db_path)
        orphans = foreign_key_problems(db_path)
    return IntegrityReport(
        db_path,
        True,
        tuple(problems),
        broken,
        dt.datetime.now(),
        tuple(orphans),
        tuple(schema),
        tuple(tampering),
        tuple(notes),
    )


def audit_findings(db_path: Path, *, read_only: bool = False) -> tuple[int | None, list[str], list[str]]:
    """(first broken entry, records changed outside the program, notes) for the database at `db_path`."""
    from sqlalchemy import exc as sa_exc

    from app.core.audit import seal_problem, verify_log
    from app.core.audit_seal import LogSeal
    from app.core.db.models import Setting

    engine = read_only_engine(db_path, read_only=read_only)
    try:
        with Session(engine) as s:
            try:
                check = verify_log(s)
            except (ValueError, TypeError, LookupError, ArithmeticError, sa_exc.DBAPIError) as exc:
                log.warning("change log of %s unreadable: %s", db_path, exc)
                return (
                    None,
                    [
                        _(
                            "The change log cannot be read: it holds values the program does not know "
                            "(changed outside the program)."
                        )
                    ],
                    [],
                )
            tampering = [
                _("{table} no. {id}: {reason}").format(table=table, id=ident, reason=reason)
                if ident
                else f"{table}: {reason}"
                for table, ident, reason in check.altered_records
            ]
            stored = s.get(Setting, SEAL_SETTING)
            seal = LogSeal.from_json(stored.value) if stored is not None else None
            if seal is not None and check.broken_at is None:
                problem = seal_problem(s, seal)
                if problem:
                    tampering.insert(0, _("Change log: {reason}").format(reason=problem))
    finally:
        engine.dispose()
    notes = []
    if check.legacy_entries:
        notes.append(
            ngettext(
                "{count} change-log entry was written before the log was keyed (an older "
                "version); only its place in the chain is verified.",
                "{count} change-log entries were written before the log was keyed (an older "
                "version); only their order is verified.",
                check.legacy_entries,
            ).format(count=check.legacy_entries)
        )
    if check.foreign_entries:
        notes.append(
            ngettext(
                "{count} change-log entry was sealed on another computer and cannot be verified here.",
                "{count} change-log entries were sealed on another computer and cannot be verified here.",
                check.foreign_entries,
            ).format(count=check.foreign_entries)
        )
    return check.broken_at, tampering, notes


#: the setting holding the log's seal at the last backup (written into the backup file and the database)
SEAL_SETTING = "audit_seal"


def _schema(db_path: Path) -> list[str]:
    from app.core.backup.schema_check import schema_problems

    return schema_problems(db_path, read_only=False)


def audit_chain_break(db_path: Path) -> int | None:
    from app.core.audit import verify_chain

    engine = read_only_engine(db_path, read_only=False)
    try:
        with Session(engine) as s:
            return verify_chain(s)
    finally:
        engine.dispose()


def _problems(db_path: Path, *, full: bool) -> list[str]:
    try:
        return run_check(db_path, full=full, read_only=False)
    # "file is not a database", "disk image is malformed"; a damaged name in the report is not even UTF-8
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        return [str(exc)]


def newest_good_backup(db_path: Path | str, folder: Path | None = None) -> Path | None:
    """The newest automatic or pre-restore backup of this database that passes inspection."""
    from app.paths import backup_dir

    for candidate in list_backups(Path(db_path), folder or backup_dir()):
        try:
            inspect_backup(candidate.path, verify_log=True)
        except InvalidBackup:
            continue
        return candidate.path
    return None
