"""Installation checks that prove the (frozen) bundle carries what the app needs at run time.

`extra_frozen_checks()` is called by `wkus --self-test` (app/selftest.py). Each check returns
(name, ok, detail); a check never raises, so one missing piece does not hide the others.
They cover what PyInstaller most often loses (style-anchors §3c): resources and fonts, compiled
translations, babel locale data (Polish money and dates), Qt's own Polish strings, reportlab with
the embedded TrueType font and matplotlib's Agg backend (one real PDF document), and a persistent
matplotlib cache folder in the frozen app.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import tempfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

log = logging.getLogger(__name__)

Check = tuple[str, bool, str]

#: Files that must be present under resources/ (fonts for Polish glyphs, law and tool tables).
REQUIRED_RESOURCES = (
    ("fonts", "DejaVuSans.ttf"),
    ("fonts", "DejaVuSans-Bold.ttf"),
    ("law", "acts.toml"),
    ("law", "rules.toml"),
    ("law", "art4_spheres.toml"),
    ("tools", "catalogue.toml"),
)


def _resources() -> Check:
    from app.paths import resource_path

    missing = [os.path.join(*parts) for parts in REQUIRED_RESOURCES if not resource_path(*parts).is_file()]
    return ("resources", not missing, "missing: " + ", ".join(missing) if missing else "fonts, law, tools present")


def _translations() -> Check:
    from app.core import i18n

    problems = []
    for lang in ("pl", "en"):
        catalogue = i18n.load_translations(lang)
        size = len(getattr(catalogue, "_catalog", {}))
        if size < 10:
            problems.append(f"{lang}: {size} messages")
    return ("translations", not problems, "; ".join(problems) or "pl and en catalogues loaded")


def _polish_formatting() -> Check:
    from app.core import i18n

    previous = i18n.current_language()
    try:
        i18n.set_language("pl")
        got = (
            i18n.format_money(Decimal("1234.5")),
            i18n.format_date(dt.date(2026, 5, 31), "long"),
            i18n.format_date(dt.date(2026, 5, 31)),
        )
    finally:
        i18n.set_language(previous)
    want = ("1\u00a0234,50\u00a0zł", "31 maja 2026", "31.05.2026")
    return ("polish money and dates", got == want, " | ".join(got))


def _qt_translations() -> Check:
    from PySide6.QtCore import QLibraryInfo, QTranslator

    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator()
    ok = translator.load("qtbase_pl", folder)
    return ("qt polish strings", ok, f"qtbase_pl.qm in {folder}" if ok else f"qtbase_pl.qm not found in {folder}")


def _matplotlib_cache() -> Check:
    """Frozen: MPLCONFIGDIR is the persistent folder chosen at start, not PyInstaller's temp folder."""
    import app.paths

    configured = os.environ.get("MPLCONFIGDIR", "")
    if not app.paths.is_frozen():
        return ("matplotlib cache", True, "source run: matplotlib's default folder")
    chosen = app.paths.matplotlib_config_dir
    if chosen is None:
        return ("matplotlib cache", False, f"user data folder not usable; temporary {configured or '(unset)'}")
    ok = configured == str(chosen) and chosen.is_dir()
    return ("matplotlib cache", ok, configured or "MPLCONFIGDIR not set")


def _pdf_document() -> Check:
    """Build the residents' brochure (A5, with a chart) of the demo gmina in a temporary folder."""
    from app.core.db.engine import open_database
    from app.core.demo import load_demo
    from app.core.documents.catalogue import DocumentRequest, build

    with tempfile.TemporaryDirectory(prefix="wkus-selftest-") as tmp:
        db = open_database(Path(tmp) / "selftest.sqlite")
        try:
            load_demo(db, today=dt.date(2025, 6, 30))
            out = Path(tmp) / "brochure.pdf"
            build(db, DocumentRequest(kind="brochure", out_path=out, year=2025))
        finally:
            db.dispose()
        data = out.read_bytes()
    ok = data.startswith(b"%PDF") and b"DejaVuSans" in data and len(data) > 5_000
    return ("pdf document", ok, f"brochure {len(data)} bytes, DejaVu embedded: {b'DejaVuSans' in data}")


CHECKS: tuple[Callable[[], Check], ...] = (
    _resources,
    _translations,
    _polish_formatting,
    _qt_translations,
    _matplotlib_cache,
    _pdf_document,
)


def extra_frozen_checks() -> list[Check]:
    """Run every check; an exception becomes a failed check with its message (and a logged traceback)."""
    results: list[Check] = []
    for check in CHECKS:
        name = check.__name__.lstrip("_").replace("_", " ")
        try:
            results.append(check())
        except Exception as exc:  # noqa: BLE001 - a self-test reports, it does not crash
            log.exception("self-test check %s failed", name)
            results.append((name, False, f"{type(exc).__name__}: {exc}"))
    return results


if __name__ == "__main__":  # pragma: no cover - `python -m app.selftest_checks` for a quick look
    for row in extra_frozen_checks():
        print(("OK  " if row[1] else "FAIL"), row[0], "-", row[2])
