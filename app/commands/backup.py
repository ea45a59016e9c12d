"""`wkus backup --db PATH --out FILE`: a verified backup (for Windows Task Scheduler and admins)."""

from __future__ import annotations

import argparse

from app.commands.common import add_db_argument
from app.core.i18n import N_, _

NAME = "backup"
HELP = N_("write a verified backup of the database to a file")


def configure(parser: argparse.ArgumentParser) -> None:
    add_db_argument(parser)
    parser.add_argument("--out", metavar="FILE", required=True, help=_("backup file to write"))


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from app.commands.common import fail, open_db, refuse_on_server
    from app.core.backup import manual_backup
    from app.core.i18n import ngettext

    refused = refuse_on_server(args, _('"wkus backup"'))
    if refused:
        return fail(refused)
    db = open_db(args)
    try:
        result = manual_backup(db, Path(args.out))
    finally:
        db.dispose()
    p = result.preview
    print(_("Backup written and verified: {path}").format(path=result.path))
    print(
        "  "
        + ngettext("{count} organisation", "{count} organisations", p.organisations).format(count=p.organisations)
        + ", "
        + ngettext("{count} contract", "{count} contracts", p.contracts).format(count=p.contracts)
        + ", "
        + ngettext("{count} report", "{count} reports", p.documents).format(count=p.documents)
    )
    return 0
