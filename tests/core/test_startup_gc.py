"""The collector is off while `python -m app` starts and on again (with the start-up's objects frozen)
before a command runs (app/startup_gc.py)."""

from __future__ import annotations

import gc
import textwrap

from app import startup_gc
from tests.fresh_interpreter import run_json

#: `python -m app tools list` as the entry point runs it, with the tools command's hooks recording the
#: collector's state when the parser is built and when the command runs (instead of printing the catalogue).
ENTRY_POINT = textwrap.dedent("""
    import gc, json, runpy, sys
    import app.commands.tools as tools

    seen = {}
    configure = tools.configure

    def recording_configure(parser):
        seen["while_parsing"] = gc.isenabled()
        configure(parser)

    def recording_run(args):
        seen["in_command"] = gc.isenabled()
        seen["frozen_objects"] = gc.get_freeze_count()
        return 0

    tools.configure, tools.run = recording_configure, recording_run
    sys.argv = ["wkus", "tools", "list"]
    try:
        runpy.run_module("app", run_name="__main__", alter_sys=True)
    except SystemExit as stop:
        seen["code"] = stop.code
    print(json.dumps(seen))
""")


def test_the_entry_point_parses_without_the_collector_and_runs_the_command_with_it(tmp_path) -> None:
    out = run_json(ENTRY_POINT, WKUS_DATA_DIR=str(tmp_path))
    assert out["code"] == 0
    assert out["while_parsing"] is False
    assert out["in_command"] is True
    # the modules, classes and parser of the start (tens of thousands of objects) were frozen
    assert out["frozen_objects"] > 10_000


def test_resume_without_pause_changes_nothing() -> None:
    frozen = gc.get_freeze_count()
    startup_gc.resume()
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen


def test_pause_leaves_a_collector_someone_else_stopped_alone() -> None:
    """A host that turned the collector off itself keeps it off, and nothing is frozen."""
    gc.disable()
    try:
        frozen = gc.get_freeze_count()
        startup_gc.pause()
        startup_gc.resume()
        assert not gc.isenabled()
        assert gc.get_freeze_count() == frozen
    finally:
        gc.enable()
