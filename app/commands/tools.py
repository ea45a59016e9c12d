"""`wkus tools list` prints the catalogue; `wkus tools compute --db PATH` recomputes every indicator."""

from __future__ import annotations

import argparse

from app.commands.common import add_db_argument
from app.core.i18n import N_, _

NAME = "tools"
HELP = N_("the 42 WKUS tools: list the catalogue or recompute every indicator")


def configure(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="tools_command", metavar="list|compute", required=True)
    lst = sub.add_parser("list", help=_("print the tool catalogue (id, model, stage, name)"))
    lst.add_argument("--model", choices=("E", "J", "W"), help=_("only the tools of this model"))
    comp = sub.add_parser("compute", help=_("recompute every indicator and print a summary per model"))
    add_db_argument(comp)
    comp.add_argument("--today", metavar="YYYY-MM-DD", help=_("compute as on this date (default: today)"))


def run(args: argparse.Namespace) -> int:
    if args.tools_command == "list":
        return _list(args)
    return _compute(args)


def _list(args: argparse.Namespace) -> int:
    from app.core.tools.catalogue import get_catalogue

    cat = get_catalogue()
    for warning in cat.warnings:
        print(warning)
    for t in cat.tools:
        if args.model and t.model != args.model:
            continue
        stages = "/".join(t.stages)
        print(f"{t.id}\t{cat.models[t.model]}\t{stages}\t{t.name}")
    print(_("Catalogue: {version} ({path})").format(version=cat.version, path=cat.path))
    return 0


def _compute(args: argparse.Namespace) -> int:
    from app.commands.common import writing_db
    from app.commands.deadlines import parse_today
    from app.core.i18n import format_decimal
    from app.core.tools.catalogue import get_catalogue
    from app.core.tools.service import recompute_all

    today = parse_today(args.today)
    with writing_db(args) as db:  # stores results: not while the app has the database open
        summary = recompute_all(db, as_of=today)
    cat = get_catalogue()
    print(_("Catalogue: {version}").format(version=summary.catalogue_version))
    for code, name in cat.models.items():
        results, with_outputs = summary.per_model.get(code, (0, 0))
        index = summary.indices.get(code)
        print(
            _("{model}: {results} results ({with_outputs} with values); {index_name}: {index}").format(
                model=name,
                results=results,
                with_outputs=with_outputs,
                index_name=cat.indices[code].name if code in cat.indices else "—",
                index=format_decimal(index, 1) if index is not None else _("not available"),
            )
        )
    print(_("Results stored: {count}").format(count=summary.computed))
    return 0
