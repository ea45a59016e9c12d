"""`wkus compare export --db DB --year YEAR --out FILE`: the gmina's anonymised indicator exchange file;
`wkus compare report FILE... --gmina NAME --out FILE.pdf`: that gmina placed among the others;
`wkus compare import --db DB FILE...`: keep other gminas' files in the database for the Kreator."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.commands.common import add_db_argument
from app.core.i18n import N_, _

NAME = "compare"
HELP = N_("compare gminas: export this gmina's indicator file, or place a gmina among collected files")


def configure(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="compare_command", metavar="export|report|import", required=True)
    exp = sub.add_parser("export", help=_("write the gmina's indicators of a year (no personal data) to a file"))
    add_db_argument(exp)
    exp.add_argument("--year", type=int, required=True, metavar="YEAR")
    exp.add_argument("--out", required=True, metavar="FILE", help=_("the exchange file to write (.json)"))
    rep = sub.add_parser("report", help=_("the comparison report (PDF) of one gmina among the files given"))
    rep.add_argument("files", nargs="+", metavar="FILE", help=_("exchange files of the gminas, one year"))
    rep.add_argument("--gmina", required=True, metavar="NAME", help=_("the gmina to place among the others"))
    rep.add_argument("--out", required=True, metavar="FILE", help=_("the PDF to write"))
    imp = sub.add_parser(
        "import",
        help=_(
            "keep other gminas' exchange files in the database: the Kreator shows "
            "what they chose and achieved in the task's sphere"
        ),
    )
    add_db_argument(imp)
    imp.add_argument("files", nargs="+", metavar="FILE", help=_("exchange files of the gminas"))


def run(args: argparse.Namespace) -> int:
    if args.compare_command == "export":
        from app.commands.common import open_db
        from app.core.comparison.exchange import gmina_figures, to_json

        db = open_db(args)
        try:
            figures = gmina_figures(db, args.year)
        finally:
            db.dispose()
        Path(args.out).write_text(to_json(figures), encoding="utf-8")
        print(
            _("Wrote the indicators of {gmina} for {year} to {file}.").format(
                gmina=figures.gmina, year=figures.year, file=args.out
            )
        )
        return 0
    if args.compare_command == "import":
        return _import(args)
    from app.core.documents.comparison import build_comparison

    result = build_comparison([Path(f) for f in args.files], args.gmina, Path(args.out))
    print(_("Written {path}").format(path=result.path))
    for remark in result.missing:
        print(_("Note: {remark}").format(remark=remark))
    return 0


def _import(args: argparse.Namespace) -> int:
    from app.commands.common import open_db
    from app.core.comparison.exchange import read_exchange
    from app.core.comparison.stored import store_exchange
    from app.core.errors import UserFacingError

    failed = 0
    db = open_db(args)
    try:
        for name in args.files:
            path = Path(name)
            try:
                figures = read_exchange(path)
                store_exchange(db, figures, path.name)
            except UserFacingError as exc:
                print(exc.message)
                failed += 1
                continue
            print(
                _("Imported {gmina}, {year} ({file}).").format(gmina=figures.gmina, year=figures.year, file=path.name)
            )
    finally:
        db.dispose()
    return 1 if failed else 0
