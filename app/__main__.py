"""Entry point for `python -m app` and the frozen executable (absolute imports: PyInstaller runs
this file as a script)."""

from app import startup_gc
from app.cli import main
from app.paths import configure_frozen_runtime

if __name__ == "__main__":
    startup_gc.pause()  # until the command line is parsed (app/startup_gc.py)
    configure_frozen_runtime()  # before anything imports matplotlib
    raise SystemExit(main())
