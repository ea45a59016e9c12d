"""The QApplication: names (settings paths, dialogs), Qt's own translations, the locale."""

from __future__ import annotations

import logging
import os
import sys

from PySide6.QtCore import (
    QLibraryInfo,
    QLocale,
    QMessageLogContext,
    QtMsgType,
    QTranslator,
    qInstallMessageHandler,
)
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from app import APP_NAME, APP_ORG, __version__
from app.core.i18n import DEFAULT_LANGUAGE, LANGUAGES, current_language

log = logging.getLogger(__name__)

#: Qt's catalogues for its standard buttons and dialogs (Anuluj, Tak, Nie, Wstecz, Dalej…)
QT_CATALOGUES = ("qtbase",)
#: installed translators, kept referenced for the life of the application
_translators: list[QTranslator] = []


def qt_language(language: str) -> str:
    return language if language in LANGUAGES else DEFAULT_LANGUAGE  # the pseudo-locale wraps Polish


def install_qt_translations(app: QApplication, language: str) -> list[str]:
    """Load qtbase_<lang>.qm from Qt's translations folder (or ours, in a frozen build); return what loaded."""
    from app.paths import translations_dir

    lang = qt_language(language)
    for old in _translators:
        app.removeTranslator(old)
    _translators.clear()
    loaded: list[str] = []
    folders = [QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath), str(translations_dir())]
    for catalogue in QT_CATALOGUES:
        translator = QTranslator(app)
        if any(translator.load(f"{catalogue}_{lang}", folder) for folder in folders):
            app.installTranslator(translator)
            _translators.append(translator)
            loaded.append(f"{catalogue}_{lang}")
        elif lang != "en":  # English is Qt's own language; a missing qtbase_en.qm changes nothing
            log.warning("Qt catalogue %s_%s not found in %s", catalogue, lang, folders)
    QLocale.setDefault(QLocale(LANGUAGES[lang]))
    return loaded


_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}
_qt_log = logging.getLogger("qt")


def _qt_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Qt's own warnings go to our log file (a windowed exe has no console to print them on)."""
    level = _QT_LEVELS.get(kind, logging.WARNING)
    if "propagateSizeHints" in message:  # the offscreen platform's harmless complaint
        level = logging.DEBUG
    # PySide6's stub lists no fields of the struct; `category` exists at run time (None when unset)
    _qt_log.log(level, "%s (%s)", message, context.category or "default")  # type: ignore[attr-defined]


#: Qt's documented variable for the high-DPI rounding policy, read when the QApplication is created
SCALE_ROUNDING_ENV = "QT_SCALE_FACTOR_ROUNDING_POLICY"


def use_exact_scaling() -> None:
    """125 % and 150 % display scaling as they are, not rounded to 100 % or 200 % (must be set before
    the QApplication exists; Qt 6's default, stated so that nothing changes it behind our back).

    Set through Qt's environment variable, not `setHighDpiScaleFactorRoundingPolicy(Qt.…)`: the first
    use of PySide6's `Qt` namespace builds all of its ~90 Python enums (~17 ms, a tenth of the start
    to the first paint, issue 18), and nothing else before the first paint needs it."""
    os.environ[SCALE_ROUNDING_ENV] = "PassThrough"


def create_application(argv: list[str] | None = None) -> QApplication:
    """The one QApplication (reused when it exists, e.g. under pytest-qt)."""
    app = QApplication.instance()
    if app is None:
        qInstallMessageHandler(_qt_message)
        use_exact_scaling()
        app = QApplication(argv if argv is not None else sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setOrganizationName(APP_ORG)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(application_icon())
    install_qt_translations(app, current_language())
    return app


#: the icon's files (tools/make_icons.py draws them from wkus.svg); the .ico is for Windows and the installer
ICON_FILES = ("wkus.ico", "wkus.png")


def application_icon() -> QIcon:
    """The program's icon for every window (title bar, taskbar); empty when the files are missing."""
    from app.paths import resource_path

    icon = QIcon()
    for name in ICON_FILES:
        path = resource_path("icons", name)
        if path.is_file():
            icon.addFile(str(path))
    if icon.isNull():
        log.warning("application icon not found in %s", resource_path("icons"))
    return icon
