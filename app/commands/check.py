"""`wkus check --db PATH [--today YYYY-MM-DD]`: every compliance rule; exit 1 when an error is found."""

from __future__ import annotations

import argparse

from app.commands.common import add_db_argument
from app.core.i18n import N_, _

NAME = "check"
HELP = N_("check the records against the act on public benefit activity (exit code 1 on errors)")


def configure(parser: argparse.ArgumentParser) -> None:
    add_db_argument(parser)
    parser.add_argument("--today", metavar="YYYY-MM-DD", help=_("check as on this date (default: today)"))


def run(args: argparse.Namespace) -> int:
    from app.commands.common import open_db
    from app.commands.deadlines import parse_today
    from app.core.calendar import check_year
    from app.core.law.rules import blocking, check_all

    today = parse_today(args.today)
    check_year(today.year)
    db = open_db(args)
    try:
        findings = check_all(db, today)
    finally:
        db.dispose()
    if not findings:
        print(_("No problems found."))
        return 0
    for f in findings:
        print(f"{f.rule_id}\t{f.severity.label}\t{f.record.label}\t{f.message}")
    errors = len(blocking(findings))
    print(_("Errors: {errors}, other findings: {others}").format(errors=errors, others=len(findings) - errors))
    return 1 if errors else 0
