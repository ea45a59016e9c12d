"""`wkus law show` prints every rule with its article, act version and parameters in force;
`wkus law install FILE [--yes]` installs an updated law table after listing what it changes;
`wkus law planned-grants --db PATH YEAR AMOUNT` records the base of art. 19a ust. 7;
`wkus law resolution --db PATH consultation|local-initiative DATE [--title T] [--social-work tak|nie]` records
the council's resolution of art. 5 ust. 5 or art. 19c."""

from __future__ import annotations

import argparse
import sys

from app.commands.common import add_db_argument
from app.core.i18n import N_, _

NAME = "law"
HELP = N_("the law tables: show the rules in force or install an updated table")

_YES = {"t", "tak", "y", "yes"}


def configure(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="law_command", metavar="show|install|planned-grants|resolution", required=True)
    show = sub.add_parser("show", help=_("print every rule: article, act version, date in force, parameters"))
    show.add_argument("--date", metavar="YYYY-MM-DD", help=_("the parameters in force on this date (default: today)"))
    inst = sub.add_parser("install", help=_("check a law table file, list its changes and install it"))
    inst.add_argument("file", metavar="FILE", help=_("rules.toml, acts.toml or art4_spheres.toml with the changes"))
    inst.add_argument("--yes", action="store_true", help=_("do not ask for confirmation"))
    plan = sub.add_parser(
        "planned-grants",
        help=_("record the grants planned in a year's budget for tasks of organisations (base of art. 19a ust. 7)"),
    )
    add_db_argument(plan)
    plan.add_argument("year", type=int, metavar="YEAR")
    plan.add_argument("amount", metavar="AMOUNT", help=_("amount in złote, e.g. 250000,00"))
    res = sub.add_parser(
        "resolution",
        help=_(
            "record the council's resolution on consultations (art. 5 ust. 5) or on local-initiative criteria (art. 19c)"
        ),
    )
    add_db_argument(res)
    res.add_argument("kind", choices=("consultation", "local-initiative"))
    res.add_argument("date", metavar="YYYY-MM-DD", help=_("the day the council adopted it"))
    res.add_argument("--title", default="", help=_("its number and title"))
    res.add_argument(
        "--social-work",
        metavar="tak|nie",
        default=None,
        help=_("local initiative: do the criteria weigh the residents' social work first?"),
    )


def run(args: argparse.Namespace) -> int:
    if args.law_command == "show":
        return _show(args)
    if args.law_command == "planned-grants":
        return _planned(args)
    if args.law_command == "resolution":
        return _resolution(args)
    return _install(args)


def _planned(args: argparse.Namespace) -> int:
    from app.commands.common import open_db
    from app.core.i18n import format_money
    from app.core.law.budget import set_ngo_grants_planned

    db = open_db(args)
    try:
        value = set_ngo_grants_planned(db, args.year, args.amount)
    finally:
        db.dispose()
    print(
        _("Grants planned in the {year} budget for tasks of organisations: {amount}.").format(
            year=args.year, amount=format_money(value)
        )
    )
    return 0


def _resolution(args: argparse.Namespace) -> int:
    from app.commands.common import fail, open_db
    from app.core.errors import UserFacingError
    from app.core.i18n import format_date
    from app.core.law.resolutions import set_resolution

    db = open_db(args)
    try:
        r = set_resolution(db, args.kind, args.date, args.title, args.social_work)
    except UserFacingError as exc:
        return fail(exc.message)
    finally:
        db.dispose()
    print(
        _("Council resolution recorded: adopted on {date}{title}.").format(
            date=format_date(r.adopted), title=f" – {r.title}" if r.title else ""
        )
    )
    return 0


def _show(args: argparse.Namespace) -> int:
    from app.commands.deadlines import parse_today
    from app.core.i18n import format_date
    from app.core.law.data import law
    from app.core.law.install import installed_tables
    from app.core.law.types import Severity

    day = parse_today(args.date)
    data = law()
    for rule_id, spec in sorted(data.rules.items()):
        version = spec.version_on(day)
        params = ", ".join(f"{k}={v}" for k, v in spec.params_on(day).items() if k != "allowed_spheres")
        checked = spec.checked_on and spec.text and format_date(spec.checked_on)
        print(
            f"{rule_id}\t{data.rule_citation(rule_id, day)}\t{Severity(spec.severity).label}\t"
            + _("read in {journal}, in force from {date}").format(
                journal=version.act_version if version else "—",
                date=format_date(version.in_force_from) if version else "—",
            )
            + f"\t{params or '—'}\t"
            + (_("checked on {date}").format(date=checked) if checked else _("text not found"))
            # an amendment read only in secondary sources: what only it gives is a warning until someone reads it
            + ("\t" + _("amendment not checked against the act's text") if version and not version.verified else "")
        )
    for path in installed_tables():
        print(_("Installed table in use: {path}").format(path=path))
    return 0


def _install(args: argparse.Namespace) -> int:
    from pathlib import Path

    from app.commands.common import fail
    from app.core.i18n import format_date
    from app.core.law.install import install_law, preview_law_file

    preview = preview_law_file(Path(args.file))
    if not preview.changes:
        print(_("The file changes nothing in the tables in use."))
        return 0
    print(_("Changes in {table}:").format(table=preview.table))
    for c in preview.changes:
        when = _(" (in force from {date})").format(date=format_date(c.in_force_from)) if c.in_force_from else ""
        print(f"  {c.where}: {c.what}: {c.old or '—'} → {c.new or '—'}{when}")
    if not args.yes:
        message = _("Nothing installed: confirmation is needed. Run again with --yes.")
        if sys.stdin is None or sys.stdin.closed:
            return fail(message)
        print(_("Install this law table? [tak/nie] "), end="", flush=True)
        answer = sys.stdin.readline()
        if not answer:
            print()
            return fail(message)
        if answer.strip().casefold() not in _YES:
            print(_("Cancelled; nothing was changed."))
            return 1
    path = install_law(preview)
    print(_("Installed {path}; the checks use it from now on.").format(path=path))
    return 0
