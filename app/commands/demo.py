"""`wkus demo --db PATH [--force] [--today YYYY-MM-DD]`: load the demo gmina into a database."""

from __future__ import annotations

import argparse

from app.commands.common import add_db_argument
from app.core.i18n import N_, _

NAME = "demo"
HELP = N_("load the demo gmina (fictional data) into an empty database")


def configure(parser: argparse.ArgumentParser) -> None:
    add_db_argument(parser)
    parser.add_argument(
        "--force", action="store_true", help=_("delete the records already in the database and load the demo anyway")
    )
    parser.add_argument("--today", metavar="YYYY-MM-DD", help=_("build the demo as on this date (default: today)"))


def run(args: argparse.Namespace) -> int:
    from app.commands.common import fail, writing_db
    from app.commands.deadlines import parse_today
    from app.core.demo import database_is_empty, load_demo
    from app.core.i18n import format_money, ngettext

    today = parse_today(args.today)
    with writing_db(args) as db:  # --force must not replace the data of a database the app has open
        if not database_is_empty(db) and not args.force:
            if db.is_server:
                return fail(
                    _(
                        "The database on the server already contains data ({where}). Use --force to delete "
                        "it and load the demo gmina."
                    ).format(where=db.where)
                )
            return fail(
                _(
                    "The database {path} already contains data. Use --force to delete it and load the demo gmina."
                ).format(path=db.path)
            )
        summary = load_demo(db, today, replace=args.force)
    if db.is_server:
        print(_("Demo gmina loaded on the office server ({where}):").format(where=db.where))
    else:
        print(_("Demo gmina loaded into {path}:").format(path=db.path))
    lines = [
        ngettext("{count} organisation", "{count} organisations", summary.organisations),
        ngettext("{count} public task", "{count} public tasks", summary.tasks),
        ngettext("{count} cooperation programme", "{count} cooperation programmes", summary.programmes),
        ngettext("{count} procedure", "{count} procedures", summary.procedures),
        ngettext("{count} contract", "{count} contracts", summary.contracts),
        ngettext("{count} multi-year contract", "{count} multi-year contracts", summary.multi_year_contracts),
        ngettext("{count} report", "{count} reports", summary.reports),
        ngettext("{count} overdue report", "{count} overdue reports", summary.late_reports),
        ngettext("{count} control", "{count} controls", summary.controls),
    ]
    counts = [
        summary.organisations,
        summary.tasks,
        summary.programmes,
        summary.procedures,
        summary.contracts,
        summary.multi_year_contracts,
        summary.reports,
        summary.late_reports,
        summary.controls,
    ]
    for line, count in zip(lines, counts):
        print("  " + line.format(count=count))
    print(
        "  "
        + _("committed funds (signed contracts' tranches): {amount}").format(
            amount=format_money(summary.committed_total)
        )
    )
    return 0
