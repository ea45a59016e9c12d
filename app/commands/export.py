"""`wkus export --db PATH --out FILE [--kind KIND]`: all data as JSON, spreadsheets or open data."""

from __future__ import annotations

import argparse

from app.commands.common import add_db_argument
from app.core.i18n import N_, _

NAME = "export"
HELP = N_("export data: everything as JSON, organisations/contracts as CSV or XLSX, grants as open data")

KINDS = ("full", "organisations", "contracts", "commitments", "skarbnik", "grants")


def configure(parser: argparse.ArgumentParser) -> None:
    add_db_argument(parser)
    parser.add_argument("--out", metavar="FILE", required=True, help=_("file to write"))
    parser.add_argument(
        "--kind",
        choices=KINDS,
        default="full",
        help=_(
            "full (JSON, default), organisations, contracts or commitments (multi-year commitments "
            "by budget year from the current one; CSV/XLSX), skarbnik (XLSX with all three), "
            "grants (360Giving JSON/CSV for BIP)"
        ),
    )


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from app.commands.common import fail, open_db

    out = Path(args.out)
    suffix = out.suffix.lower()
    db = open_db(args)
    try:
        if args.kind == "full":
            from app.core.transfer.full_json import write_export

            if suffix != ".json":
                return fail(_("The full export is a JSON file: use a name ending with .json."))
            counts = write_export(db, out)
            print(_("Exported {rows} records to {path}").format(rows=sum(counts.values()), path=out))
        elif args.kind == "grants":
            from app.core.transfer.opendata import write_grants_csv, write_grants_json

            if suffix not in (".json", ".csv"):
                return fail(_("Choose a file ending with .json or .csv."))
            count = (write_grants_json if suffix == ".json" else write_grants_csv)(db, out)
            print(_("Exported {rows} grants to {path}").format(rows=count, path=out))
        else:
            from app.core.transfer.sheets import export_sheets

            export_sheets(db, out, "all" if args.kind == "skarbnik" else args.kind)
            print(_("Saved {path}").format(path=out))
    finally:
        db.dispose()
    return 0
