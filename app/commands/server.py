"""`wkus server init --db postgresql://owner@computer/database --editor NAME --reader NAME`: the seats of the
office server. Run by the database's owner; editors may change the records, readers only read them, and
the server itself enforces it (app/core/db/roles.py)."""

from __future__ import annotations

import argparse

from app.commands.common import add_db_argument
from app.core.i18n import N_, _

NAME = "server"
HELP = N_("the office server: create the editor and read-only seats (run as the database's owner)")


def configure(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="server_command", metavar="init", required=True)
    init = sub.add_parser(
        "init", help=_("create the groups of editors and readers, grant them the tables and add the named users")
    )
    add_db_argument(init)
    init.add_argument(
        "--editor",
        action="append",
        default=[],
        metavar="USER",
        help=_("a login that may change the records (repeat for several)"),
    )
    init.add_argument(
        "--reader",
        action="append",
        default=[],
        metavar="USER",
        help=_("a login that may only read, e.g. the treasurer (repeat for several)"),
    )


def run(args: argparse.Namespace) -> int:
    from app.commands.common import fail, open_db, server_address
    from app.core.db.roles import EDITORS, READERS, init_roles

    if server_address(args) is None:
        return fail(
            _(
                "Seats exist only on the office server: give --db postgresql://owner@computer/database. "
                "A database file is used by one computer at a time."
            ),
            2,
        )
    db = open_db(args)  # migrates first: the grants cover every table of this version
    try:
        result = init_roles(db.engine, list(args.editor), list(args.reader))
    finally:
        db.dispose()
    print(
        _("Seats of {where}: editors in the group {editors}, read-only seats in the group {readers}.").format(
            where=db.where, editors=EDITORS, readers=READERS
        )
    )
    for user, group in result.granted:
        print(
            "  "
            + (_("{user}: may change the records") if group == EDITORS else _("{user}: may only read")).format(
                user=user
            )
        )
    for user in result.without_password:
        print(
            "  "
            + _('{user} has no password yet: set one with psql -c "\\password {user}" (as the owner).').format(
                user=user
            )
        )
    return 0
