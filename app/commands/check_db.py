"""`wkus check-db --db PATH`: SQLite's full integrity check, the schema's completeness, the change log's
keyed chain and every record against its last logged state (exit 1 on damage or tampering); on the office
server the change log and the records only (the server checks its own pages)."""

from __future__ import annotations

import argparse

from app.commands.common import add_db_argument
from app.core.i18n import N_, _

NAME = "check-db"
HELP = N_("check the database file and the change log for damage or tampering")


def configure(parser: argparse.ArgumentParser) -> None:
    add_db_argument(parser)


def run(args: argparse.Namespace) -> int:
    from app.commands.common import database_path, fail, server_address
    from app.core.backup import full_check, newest_good_backup
    from app.core.db.sqlite_file import has_sqlite_header

    if server_address(args) is not None:
        return _check_on_server(args)
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
            print(_('Newest good backup: {path} (wkus restore --db {db} "{path}")').format(path=good, db=path))
    return 1


def _check_on_server(args: argparse.Namespace) -> int:
    """On the office server only the change log's hash chain is ours to check: PostgreSQL guards its own
    pages and always enforces the references between records."""
    from app.commands.common import open_db
    from app.core.audit import verify_chain

    db = open_db(args)
    try:
        with db.session() as s:
            broken = verify_chain(s)
    finally:
        db.dispose()
    print(
        _(
            "The database on the server is checked by the server itself ({where}; the administrator can run "
            "pg_amcheck); references between records are always enforced there."
        ).format(where=db.where)
    )
    if broken is None:
        print(_("The change log is in order."))
        return 0
    print(_("The change log was altered outside the program: the first altered entry is no. {id}.").format(id=broken))
    return 1
