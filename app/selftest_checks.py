"""Installation checks that prove the (frozen) bundle carries what the app needs at run time.

`extra_frozen_checks()` is called by `wkus --self-test` (app/selftest.py). Each check returns
(name, ok, detail); a check never raises, so one missing piece does not hide the others.
They cover what PyInstaller most often loses (style-anchors §3c): resources and fonts, compiled
translations, babel locale data (Polish money and dates), Qt's own Polish strings, reportlab with
the embedded TrueType font and matplotlib's Agg backend (one real PDF document), its preview
through PDFium, a DOCX document, Polish collation through Qt's ICU, a persistent matplotlib cache folder in the
frozen app, and, when the build has them, the office server's driver and password store.
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
            docx = Path(tmp) / "resolution.docx"
            try:  # checked by _docx_document; the same demo database serves both
                build(db, DocumentRequest(kind="resolution", out_path=docx, year=2025, fmt="docx"))
                _BUILT_DOCX.append(docx.read_bytes())
            except Exception as exc:  # noqa: BLE001 - reported by _docx_document
                log.exception("self-test: DOCX document failed")
                _BUILT_DOCX.append(f"{type(exc).__name__}: {exc}")
        finally:
            db.dispose()
        data = out.read_bytes()
    ok = data.startswith(b"%PDF") and b"DejaVuSans" in data and len(data) > 5_000
    _BUILT_PDF.append(data)
    return ("pdf document", ok, f"brochure {len(data)} bytes, DejaVu embedded: {b'DejaVuSans' in data}")


#: The brochure built by _pdf_document, for the preview check (PDFium ships as its own library),
#: and the DOCX resolution built next to it (bytes, or the error's text).
_BUILT_PDF: list[bytes] = []
_BUILT_DOCX: list[bytes | str] = []


def _docx_document() -> Check:
    """A DOCX with a footer (the page-number fields): python-docx reads XML templates from its package
    folder (lxml parses them). The resolution has no header: it is the council's act, without letterhead."""
    import io
    import zipfile

    if not _BUILT_DOCX:
        return ("docx document", False, "not built")
    data = _BUILT_DOCX[-1]
    if isinstance(data, str):
        return ("docx document", False, data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = set(archive.namelist())
    ok = "word/document.xml" in names and any(n.startswith("word/footer") for n in names)
    return ("docx document", ok, f"resolution {len(data)} bytes, footer: {ok}")


def _pdf_preview() -> Check:
    """Rasterise the brochure's first page with PDFium, as the document preview does."""
    from app.core.documents.render import render_page

    if not _BUILT_PDF:
        return ("pdf preview", False, "no PDF was built")
    with tempfile.TemporaryDirectory(prefix="wkus-selftest-") as tmp:
        path = Path(tmp) / "brochure.pdf"
        path.write_bytes(_BUILT_PDF[-1])
        page = render_page(path, 0, dpi=48)
    inked = any(b != 255 for b in page.rgba[: page.stride * page.height : 4])  # red channel, not all white
    return ("pdf preview", page.width > 100 and inked, f"page 1 {page.width}×{page.height} px")


def _polish_collation() -> Check:
    """QCollator sorts Polish letters as letters of their own (needs Qt's ICU with its collation data).

    Ł sorts after L in any collation; ć after c-z and ż after z-e only with Polish rules (ICU's root
    collation would treat them as accented c and z), so a missing Polish table is caught too."""
    from functools import cmp_to_key

    from PySide6.QtCore import QCollator, QLocale

    collator = QCollator(QLocale(QLocale.Language.Polish, QLocale.Country.Poland))
    got = [
        sorted(words, key=cmp_to_key(collator.compare))
        for words in (["Mak", "Łoś", "Lis"], ["ćma", "czapka"], ["Żaba", "Zebra", "Źrebię"])
    ]
    want = [["Lis", "Łoś", "Mak"], ["czapka", "ćma"], ["Zebra", "Źrebię", "Żaba"]]
    return ("polish collation", got == want, " | ".join(" < ".join(g) for g in got))


def _office_server_driver() -> Check:
    """psycopg loads its libpq wrapper (the office server, `--db postgresql://…`), when the build has it.

    The wrapper imports `ssl` when it loads: a bundle without it refused every server address."""
    try:
        import psycopg
    except ModuleNotFoundError as exc:
        if exc.name == "psycopg":
            return ("office server driver", True, "not in this build (optional extra 'server')")
        raise
    return (
        "office server driver",
        True,
        f"psycopg {psycopg.__version__} ({psycopg.pq.__impl__}), libpq {psycopg.pq.version()}",
    )


def _password_store() -> Check:
    """keyring and the library of this system's store load (the office server's password).

    Linux: SecretStorage encrypts the secrets it exchanges with the Secret Service using AES from
    cryptography (whose Rust module needs cffi's backend): one AES-CBC round trip proves both load.
    Whether a store is running is the clerk's desktop's business, not the installation's."""
    import sys

    try:
        import keyring
    except ModuleNotFoundError as exc:
        if exc.name == "keyring":
            return ("password store", True, "not in this build (optional extra 'server')")
        raise
    if sys.platform.startswith("linux"):
        import os

        import secretstorage  # noqa: F401  (what keyring's SecretService backend imports)
        from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

        key, iv, block = os.urandom(16), os.urandom(16), b"haslo-do-serwera"  # one 16-byte block
        encryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
        sealed = encryptor.update(block) + encryptor.finalize()
        decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
        ok = sealed != block and decryptor.update(sealed) + decryptor.finalize() == block
        return ("password store", ok, "keyring, SecretStorage, AES round trip " + ("ok" if ok else "wrong"))
    if sys.platform == "win32":
        from keyring.backends.Windows import WinVaultKeyring

        WinVaultKeyring.priority  # noqa: B018  (raises when pywin32-ctypes did not load)
        return ("password store", True, "keyring, Windows Credential Manager")
    return ("password store", True, f"keyring {keyring.get_keyring().__class__.__name__}")


CHECKS: tuple[Callable[[], Check], ...] = (
    _resources,
    _translations,
    _polish_formatting,
    _qt_translations,
    _matplotlib_cache,
    _pdf_document,
    _pdf_preview,
    _docx_document,
    _polish_collation,
    _office_server_driver,
    _password_store,
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
