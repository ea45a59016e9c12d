"""`wkus restore --db PATH FILE [--yes]`: replace the database by a backup (the current one is kept).

Without --yes the command shows what the backup holds and asks; when nobody can answer (no
console, e.g. a scheduled task) it refuses rather than guess.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from app.commands.common import add_db_argument
from app.core.i18n import N_, _

if TYPE_CHECKING:  # imported when the command runs, not for `wkus --help`
    from app.core.backup.preview import BackupPreview

NAME = "restore"
HELP = N_("restore the database from a backup file (the current database is backed up first)")

_YES = {"t", "tak", "y", "yes"}


def configure(parser: argparse.ArgumentParser) -> None:
    add_db_argument(parser)
    parser.add_argument("backup", metavar="FILE", help=_("backup file to restore"))
    parser.add_argument("--yes", action="store_true", help=_("do not ask for confirmation"))


def describe(preview: BackupPreview) -> list[str]:
    from app.core.i18n import format_datetime

    return [
        _("Gmina: {name}").format(name=preview.gmina_name or "—"),
        _("Backup written: {when}").format(when=format_datetime(preview.written_at)),
        _("Last change recorded: {when}").format(when=format_datetime(preview.last_change)),
        _("Schema version: {version}").format(version=preview.schema_version),
        _("Organisations: {count}, contracts: {contracts}, reports: {reports}").format(
            count=preview.organisations, contracts=preview.contracts, reports=preview.documents
        ),
    ]


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from app.commands.common import database_path, fail, refuse_on_server
    from app.core.backup import inspect_backup, restore
    from app.core.instance_lock import DatabaseLock

    refused = refuse_on_server(args, _('"wkus restore"'))
    if refused:
        return fail(refused)
    db_path = database_path(args)
    preview = inspect_backup(Path(args.backup))
    for line in describe(preview):
        print(line)
    if not args.yes:
        if sys.stdin is None or sys.stdin.closed:
            return fail(_("Nothing restored: confirmation is needed. Run again with --yes."))
        print(_("Replace the database {path} with this backup? [tak/nie] ").format(path=db_path), end="", flush=True)
        answer = sys.stdin.readline()
        if not answer:
            print()
            return fail(_("Nothing restored: confirmation is needed. Run again with --yes."))
        if answer.strip().casefold() not in _YES:
            print(_("Cancelled; nothing was changed."))
            return 1
    with DatabaseLock(db_path):
        result = restore(db_path, Path(args.backup))
    print(_("Restored {path} from the backup.").format(path=db_path))
    if result.previous_copy is not None:
        print(_("The database as it was before is kept in {path}").format(path=result.previous_copy))
    return 0
