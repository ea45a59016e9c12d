"""User preferences kept outside the database (needed before a database is opened)."""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, fields
from pathlib import Path

log = logging.getLogger(__name__)


@dataclass
class UserSettings:
    language: str = "pl"
    last_database: str = ""
    high_contrast: bool = False
    demo_offer_dismissed: bool = False
    #: main window geometry (QWidget.saveGeometry, base64) and the last view shown, restored at start
    window_geometry: str = ""
    last_view: str = ""
    #: the folder "Przywróć z kopii…" opens next time (the last one a backup was restored from)
    last_restore_folder: str = ""


def settings_path() -> Path:
    from app.paths import user_data_dir

    return user_data_dir() / "settings.json"


def load_settings(path: Path | None = None) -> UserSettings:
    path = path or settings_path()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return UserSettings()
    except (OSError, ValueError):
        log.warning("settings file %s unreadable; using defaults", path)
        return UserSettings()
    known = {f.name for f in fields(UserSettings)}
    return UserSettings(**{k: v for k, v in raw.items() if k in known})


def save_settings(settings: UserSettings, path: Path | None = None) -> None:
    path = path or settings_path()
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(asdict(settings), ensure_ascii=False, indent=2), encoding="utf-8")
    tmp.replace(path)
