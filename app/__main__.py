"""Entry point for `python -m app` and the frozen executable (absolute imports: PyInstaller runs
this file as a script)."""

from app.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
