"""Command line of WKUS Desktop: `wkus [--db PATH] [--lang pl|en] [--self-test] [COMMAND ...]`.

Without a command the desktop app starts. Subcommands live in `app/commands/`, listed below.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from app import APP_NAME, __version__, startup_gc

#: Subcommand modules, in the order `wkus --help` lists them. Add new ones here.
COMMANDS: tuple[str, ...] = (
    "app.commands.demo",
    "app.commands.deadlines",
    "app.commands.check",
    "app.commands.document",
    "app.commands.backup",
    "app.commands.restore",
    "app.commands.export",
    "app.commands.import_data",
    "app.commands.check_db",
    "app.commands.history",
    "app.commands.tools",
    "app.commands.law",
    "app.commands.transfer",
    "app.commands.server",
    "app.commands.compare",
)


def _preparse_language(argv: Sequence[str]) -> str | None:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def _wants_gui(argv: Sequence[str]) -> bool:
    """True when these arguments start the desktop app (no subcommand, no --self-test/--help)."""
    if any(a in ("--self-test", "--help", "-h", "--version") for a in argv):
        return False
    values_of = {"--db", "--lang"}
    positional = [a for i, a in enumerate(argv) if not a.startswith("-") and (i == 0 or argv[i - 1] not in values_of)]
    return not positional


def build_parser(with_commands: bool = True) -> argparse.ArgumentParser:
    """`with_commands` False: the desktop app's options only (the command modules import SQLAlchemy,
    which the main window's first paint does not wait for)."""
    from app.core.i18n import _

    parser = argparse.ArgumentParser(prog="wkus", description=APP_NAME)
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument("--db", metavar="PATH", help=_("database file (default: the one in the user data folder)"))
    parser.add_argument("--lang", metavar="LANG", help=_("interface language: pl or en"))
    parser.add_argument("--self-test", action="store_true", help=_("check the installation without a screen and exit"))
    parser.add_argument("--verbose", action="store_true", help=_("write detailed logs to the console too"))
    if not with_commands:
        parser.set_defaults(command=None)
        return parser
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        module = importlib.import_module(name)
        sp = sub.add_parser(module.NAME, help=_(module.HELP), description=_(module.HELP))
        module.configure(sp)
        sp.set_defaults(_run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    from app.core import i18n
    from app.core.settings import load_settings
    from app.log import setup_logging
    from app.startup_errors import data_dir_problem, report

    problem = data_dir_problem()
    if problem:  # an unwritable data folder: say so in words, never a traceback or a silent exit
        startup_gc.resume()
        i18n.set_language(_preparse_language(argv))
        return report(data_dir_problem() or problem, gui=_wants_gui(argv))
    settings = load_settings()
    i18n.set_language(_preparse_language(argv) or settings.language)
    parser = build_parser(with_commands=not _wants_gui(argv))
    args = parser.parse_args(argv)
    startup_gc.resume()  # the command or the window runs with the collector (app/startup_gc.py)
    setup_logging(verbose=args.verbose)
    if args.self_test:
        from app.selftest import run_self_test

        return run_self_test()
    if args.command:
        from app.commands.common import run_guarded

        return run_guarded(args._run, args)
    from app.ui.launch import run_gui

    return run_gui(args, settings)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
