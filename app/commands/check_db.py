"""`wkus check-db --db PATH`: SQLite's full integrity check, the schema's completeness, the change log's
keyed chain and every record against its last logged state (exit 1 on damage or tampering)."""

from __future__ import annotations

import argparse

from app.commands.common import add_db_argument
from app.core.i18n import N_, _

NAME = "check-db"
HELP = N_("check the database file and the change log for damage or tampering")


def configure(parser: argparse.ArgumentParser) -> None:
    add_db_argument(parser)


def run(args: argparse.Namespace) -> int:
    from app.commands.common import database_path, fail
    from app.core.backup import full_check, newest_good_backup
    from app.core.db.sqlite_file import has_sqlite_header

    path = database_path(args)
    if not path.is_file():
        return fail(_("The database file {path} does not exist.").format(path=path))
    if not has_sqlite_header(path):
        return fail(_("The file {path} is not a WKUS database (it is not an SQLite file).").format(path=path))
    report = full_check(path)
    print(report.summary())
    for problem in [*report.problems, *report.schema_problems, *report.tampering][:20]:
        print("  " + problem)
    for note in report.notes:
        print(note)
    if report.ok:
        return 0
    if report.problems:
        good = newest_good_backup(path)
        if good is not None:
            print(_("Newest good backup: {path} (wkus restore --db {db} \"{path}\")").format(path=good, db=path))
    return 1
