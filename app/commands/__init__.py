"""Subcommands of `wkus` (= `python -m app`).

Each module defines NAME, HELP (an English msgid), `configure(parser)` and `run(args) -> int`.
To add a command, write the module and list it in `app.cli.COMMANDS`. Modules must not import
heavy libraries (Qt, matplotlib, reportlab) at import time: `wkus --help` loads all of them.
"""
