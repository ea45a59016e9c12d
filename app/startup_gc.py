"""Cyclic garbage collection held off while the process starts, and the start-up's objects kept out of it.

Starting imports ~380 modules (`wkus --help` builds every command's parser, which imports SQLAlchemy). Meanwhile
CPython's collector ran ~115 times and found ~700 objects of garbage among the ~85 000 it walked: 25 ms of a
~0.3 s start from source, and 50-70 ms in the frozen app, whose start allocates ~13 000 more objects (the PYZ
archive's table of contents, base_library.zip's directory, ctypes for PyInstaller's bootstrap) and so crossed
CPython's first full collection, which the source start stays under (benchmarks/results/profiles.md,
7 Dec 2026). The entry point (`app/__main__.py`) calls `pause()`; `app.cli.main` calls `resume()` once the
command line is parsed, before any command or window runs, so the work itself runs with the collector as
usual. `resume()` moves what the start made (modules, classes, translations, settings) to the permanent
generation first (`gc.freeze`), so that later collections do not walk those long-lived objects again; the
little garbage among them stays for the life of the process.
"""

from __future__ import annotations

import gc

_paused = False


def pause() -> None:
    """Stop automatic collection until `resume()`; nothing if the collector is already off."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume() -> None:
    """Freeze what exists and restart automatic collection; nothing unless `pause()` stopped it."""
    global _paused
    if not _paused:
        return
    _paused = False
    gc.freeze()
    gc.enable()
