"""Entry point for `python -m app` and the frozen executable (absolute imports: PyInstaller runs
this file as a script)."""

from app.cli import main
from app.paths import configure_frozen_runtime

if __name__ == "__main__":
    configure_frozen_runtime()  # before anything imports matplotlib
    raise SystemExit(main())
