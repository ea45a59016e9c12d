#!/usr/bin/env python3
"""Set up WKUS Desktop in a local virtual environment and run it (stdlib only, Python 3.11+).

    python dev.py              set up (first time) and start the app
    python dev.py test [ARGS]  set up and run the test suite (ARGS go to pytest)
    python dev.py run ARGS     set up and run `wkus ARGS` (e.g. `python dev.py run demo --db x.sqlite`)

The environment lives in `.venv/` and is reinstalled only when pyproject.toml changes.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
MARKER = VENV / ".wkus-installed"


def venv_python() -> Path:
    sub = "Scripts/python.exe" if os.name == "nt" else "bin/python"
    return VENV / sub


def ensure_environment(extras: str) -> Path:
    if sys.version_info < (3, 11):
        sys.exit("WKUS Desktop needs Python 3.11 or newer (this is %s)." % sys.version.split()[0])
    python = venv_python()
    if not python.exists():
        print("Creating the virtual environment in .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extras.encode()).hexdigest()
    installed = MARKER.read_text().split() if MARKER.exists() else []
    if digest not in installed:
        print("Installing dependencies (first run or changed requirements) ...", flush=True)
        subprocess.check_call([str(python), "-m", "pip", "install", "--quiet", "--upgrade", "pip"])
        target = f".[{extras}]" if extras else "."
        subprocess.check_call([str(python), "-m", "pip", "install", "--quiet", "-e", target], cwd=ROOT)
        MARKER.write_text("\n".join(installed + [digest]))
    return python


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "start"
    if command == "test":
        python = ensure_environment("test")
        args = argv[1:]
        # Parallel by default (pytest-xdist); `-n 0` or `-n N` given by the caller wins.
        if not any(a == "-n" or a.startswith(("-n", "--numprocesses")) for a in args):
            args = ["-n", "auto", *args]
        return subprocess.call([str(python), "-m", "pytest", *args], cwd=ROOT)
    if command == "run":
        python = ensure_environment("")
        return subprocess.call([str(python), "-m", "app", *argv[1:]], cwd=ROOT)
    if command == "start":
        python = ensure_environment("")
        return subprocess.call([str(python), "-m", "app", *argv[1:]], cwd=ROOT)
    print(__doc__)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
