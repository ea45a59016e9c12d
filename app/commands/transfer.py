"""`wkus transfer --from DB --to DB`: move a whole gmina between an SQLite file and the office server.

Either side is a file path or a `postgresql://` URL; the target must be empty (a new file, or a new
database on the server). Records travel by the full JSON export and are verified after the move.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from app.core.i18n import N_, _

if TYPE_CHECKING:  # imported when the command runs, not for `wkus --help`
    from pathlib import Path

NAME = "transfer"
HELP = N_("move all data between a database file and the office server (postgresql://…), verified")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--from",
        dest="source",
        metavar="DB",
        required=True,
        help=_("the database to copy from: a file or postgresql://user@computer/database"),
    )
    parser.add_argument(
        "--to",
        dest="target",
        metavar="DB",
        required=True,
        help=_("the empty database to copy into: a new file or postgresql://user@computer/database"),
    )


def _target(value: str) -> str | Path:
    from pathlib import Path

    from app.core.db.address import is_server_url

    return value if is_server_url(value) else Path(value)


def run(args: argparse.Namespace) -> int:
    from app.commands.common import fail
    from app.core.audit import install_audit_hooks
    from app.core.db.engine import open_database
    from app.core.i18n import ngettext
    from app.core.instance_lock import check_not_in_use
    from app.core.transfer.move import require_existing, transfer

    source_at, target_at = _target(args.source), _target(args.target)
    require_existing(source_at)
    if not isinstance(target_at, str):  # a file another copy of the app has open must not change under it
        check_not_in_use(target_at)
    install_audit_hooks()
    source = open_database(source_at)
    try:
        target = open_database(target_at)
        try:
            result = transfer(source, target)
        finally:
            target.dispose()
    finally:
        source.dispose()
    print(
        ngettext(
            "Copied {rows} record from {source} to {target}.",
            "Copied {rows} records from {source} to {target}.",
            result.records,
        ).format(rows=result.records, source=source.where, target=target.where)
    )
    if not result.verified:
        return fail(
            _("The copy differs from the source in: {tables}. Do not use the target; delete it and try again.").format(
                tables=", ".join(result.differences)
            ),
            1,
        )
    print(_("Verified: the target holds exactly the same records as the source."))
    return 0
