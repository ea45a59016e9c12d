"""`wkus deadlines --db PATH [--days 60] [--ics FILE] [--today YYYY-MM-DD]`: statutory deadlines."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from app.commands.common import add_db_argument
from app.core.errors import UserFacingError
from app.core.i18n import N_, _

NAME = "deadlines"
HELP = N_("list statutory deadlines (overdue first) and optionally export them to an .ics calendar")


def parse_today(text: str | None) -> dt.date:
    if not text:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise UserFacingError(
            _("The date {value} is not valid; use the form YYYY-MM-DD, e.g. 2026-05-31.").format(value=text)
        ) from exc


def configure(parser: argparse.ArgumentParser) -> None:
    add_db_argument(parser)
    parser.add_argument(
        "--days",
        type=int,
        default=60,
        metavar="N",
        help=_("show open deadlines due within N days (overdue ones always)"),
    )
    parser.add_argument("--ics", metavar="FILE", help=_("also write the deadlines to this iCalendar file"))
    parser.add_argument("--today", metavar="YYYY-MM-DD", help=_("compute states as on this date (default: today)"))


def run(args: argparse.Namespace) -> int:
    from app.commands.common import open_db
    from app.core.calendar import check_year
    from app.core.i18n import format_date
    from app.core.law.deadlines import collect_deadlines

    today = parse_today(args.today)
    check_year(today.year)
    if args.days < 0:
        raise UserFacingError(_("--days must be 0 or more."))
    db = open_db(args)
    try:
        items = collect_deadlines(db, today, days=args.days)
    finally:
        db.dispose()
    if not items:
        print(_("No open statutory deadlines in the next {days} days.").format(days=args.days))
    for d in items:
        print(f"{format_date(d.due)}\t{d.state.label}\t{d.title}\t{d.record.label}\t{d.basis}")
    if args.ics:
        from app.core.law.ics import write_ics

        write_ics(Path(args.ics), items)
        print(_("Calendar written to {path}").format(path=args.ics))
    return 0
