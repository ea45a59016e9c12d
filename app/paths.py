"""The one module that knows where files live, frozen (PyInstaller) or not."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from app import APP_ID, APP_ORG

#: Environment variable that moves the user data folder (tests, portable installs).
DATA_DIR_ENV = "WKUS_DATA_DIR"


def is_frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


def bundle_root() -> Path:
    """Folder holding `resources/` and `translations/`: the repo root or the PyInstaller bundle."""
    if is_frozen():
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent))
    return Path(__file__).resolve().parent.parent


def resource_path(*parts: str) -> Path:
    return bundle_root().joinpath("resources", *parts)


def translations_dir() -> Path:
    return bundle_root() / "translations"


def user_data_dir() -> Path:
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        path = Path(override)
    else:
        from platformdirs import user_data_path

        path = user_data_path(APP_ID, APP_ORG, roaming=False)
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_path() -> Path:
    return user_data_dir() / "wkus.sqlite"


def log_dir() -> Path:
    path = user_data_dir() / "logs"
    path.mkdir(parents=True, exist_ok=True)
    return path


def backup_dir() -> Path:
    path = user_data_dir() / "backups"
    path.mkdir(parents=True, exist_ok=True)
    return path


def cache_dir() -> Path:
    path = user_data_dir() / "cache"
    path.mkdir(parents=True, exist_ok=True)
    return path


#: The persistent matplotlib folder chosen at start (frozen app only); the self-test checks it.
matplotlib_config_dir: Path | None = None


def configure_frozen_runtime() -> None:
    """Call before matplotlib is imported: in the frozen app keep its font cache between starts.

    PyInstaller's matplotlib runtime hook would point MPLCONFIGDIR at a fresh temporary folder, so the
    font cache would be rebuilt on every start (style-anchors §3c.5); build.spec leaves that hook out
    and we point it at a persistent folder in the user data dir. An unwritable data folder leaves
    MPLCONFIGDIR unset: matplotlib then uses its own folder or, failing that, a temporary one (and
    the app stops at its data-folder check before drawing anything).
    """
    if not is_frozen():
        return
    try:
        folder = cache_dir() / "matplotlib"
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return
    os.environ["MPLCONFIGDIR"] = str(folder)
    global matplotlib_config_dir
    matplotlib_config_dir = folder
