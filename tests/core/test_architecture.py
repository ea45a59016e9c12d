"""The core never imports Qt: each core module is imported in a fresh interpreter."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import app.core

ROOT = Path(__file__).resolve().parents[2]


def core_modules() -> list[str]:
    return sorted(m.name for m in pkgutil.walk_packages(app.core.__path__, "app.core."))


def test_core_modules_exist() -> None:
    assert "app.core.identifiers" in core_modules()


def test_core_never_imports_qt_or_ui() -> None:
    script = (
        "import importlib, sys\n"
        f"mods = {core_modules()!r}\n"
        "for m in mods:\n"
        "    importlib.import_module(m)\n"
        "bad = sorted(k for k in sys.modules if k.split('.')[0] in ('PySide6', 'shiboken6') or k.startswith('app.ui'))\n"
        "print('\\n'.join(bad))\n"
        "sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, f"Qt/UI imported by core: {result.stdout}{result.stderr}"


def test_startup_imports_stay_light() -> None:
    """`import app.cli` (what every start pays) must not pull matplotlib, reportlab or Qt."""
    script = (
        "import sys, app.cli\n"
        "heavy = [k for k in ('matplotlib', 'reportlab', 'PySide6') if k in sys.modules]\n"
        "print(heavy); sys.exit(1 if heavy else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
