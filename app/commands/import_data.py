"""`wkus import --db PATH FILE [--yes]`: a full JSON export into an empty database, or organisations
from CSV/XLSX (the preview is printed; rows are written only with --yes)."""

from __future__ import annotations

import argparse

from app.commands.common import add_db_argument
from app.core.i18n import N_, _

NAME = "import"
HELP = N_("import a full JSON export into an empty database, or organisations from CSV/XLSX")


def configure(parser: argparse.ArgumentParser) -> None:
    add_db_argument(parser)
    parser.add_argument("file", metavar="FILE", help=_("data.json, or organisations as .csv/.xlsx"))
    parser.add_argument(
        "--yes",
        action="store_true",
        help=_("organisations: write the valid rows (without it only the preview is shown)"),
    )


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from app.commands.common import fail, writing_db
    from app.core.i18n import ngettext

    path = Path(args.file)
    with writing_db(args) as db:
        if path.suffix.lower() == ".json":
            from app.core.transfer.full_json import import_file

            counts = import_file(db, path)
            if db.is_server:
                print(
                    _("Imported {rows} records into the database on the server ({where})").format(
                        rows=sum(counts.values()), where=db.where
                    )
                )
            else:
                print(_("Imported {rows} records into {path}").format(rows=sum(counts.values()), path=db.path))
            return 0
        if path.suffix.lower() not in (".csv", ".xlsx"):
            return fail(_("Choose a file ending with .json, .csv or .xlsx."))
        from app.core.transfer.org_import import commit_import, preview_import

        preview = preview_import(db, path)
        print(_("File read as {encoding}.").format(encoding=preview.encoding))
        for note in preview.notes:
            print(note)
        if preview.ignored_columns:
            print(_("Columns ignored: {names}").format(names=", ".join(preview.ignored_columns)))
        for error in preview.errors:
            print(str(error))
        valid = len(preview.valid_rows)
        print(
            ngettext("{count} organisation can be imported", "{count} organisations can be imported", valid).format(
                count=valid
            )
            + "; "
            + ngettext("{count} row rejected", "{count} rows rejected", len(preview.rejected_rows)).format(
                count=len(preview.rejected_rows)
            )
        )
        if not args.yes:
            print(_("Nothing written. Run again with --yes to import the valid rows."))
            return 1 if preview.errors else 0
        result = commit_import(db, preview)
        print(
            ngettext("{count} organisation imported.", "{count} organisations imported.", result.created).format(
                count=result.created
            )
        )
        return 1 if preview.errors else 0
