"""`wkus history --db PATH --contract ID [--csv FILE]`: a contract's change history from the audit log."""

from __future__ import annotations

import argparse

from app.commands.common import add_db_argument
from app.core.i18n import N_, _

NAME = "history"
HELP = N_("print a contract's change history (verified against the change log's hash chain)")


def configure(parser: argparse.ArgumentParser) -> None:
    add_db_argument(parser)
    parser.add_argument("--contract", metavar="ID", type=int, required=True, help=_("contract id"))
    parser.add_argument("--csv", metavar="FILE", help=_("also write the history as CSV"))


def run(args: argparse.Namespace) -> int:
    from app.commands.common import open_db
    from app.core.change_history import contract_history, history_text, write_history_csv

    db = open_db(args)
    try:
        history = contract_history(db, args.contract)
    finally:
        db.dispose()
    print(history_text(history), end="")
    if args.csv:
        write_history_csv(history, args.csv)
    return 0 if history.chain_broken_at is None else 1
