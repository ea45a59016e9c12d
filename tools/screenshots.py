"""Screenshots of every main view for layout checks (developer tool; files go outside the repo).

    python -m tools.screenshots --out /tmp/shots [--scale 1.5] [--lang pseudo] [--high-contrast]
    xvfb-run -a -s "-screen 0 1920x1080x24" python -m tools.screenshots --out /tmp/shots --scale 1.5 \
        --screen --dialogs      # the window maximized on the (virtual) screen, plus the main dialogs

Loads the demo gmina into a temporary database, opens the main window at 1366x768 (logical pixels,
times the scale factor, as at 125/150% on an office PC) and saves one PNG per view. With
`--lang pseudo` every string is ~40% longer (WKUS_TRANS_SCALE), so clipped labels show up as a
missing closing "]".
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from pathlib import Path


def _wait_until_loaded(app, view, timeout_ms: int = 20000) -> None:  # type: ignore[no-untyped-def]
    """Views that read their figures in the background (the Pulpit) say so with `loaded`."""
    signal = getattr(view, "loaded", None)
    if signal is None or getattr(view, "_job", None) is None:
        return
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    app.processEvents()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--scale", default="1", help="QT_SCALE_FACTOR, e.g. 1.25 or 1.5")
    parser.add_argument("--lang", default="pl", help="pl, en or pseudo")
    parser.add_argument("--high-contrast", action="store_true")
    parser.add_argument("--views", default="", help="comma-separated view keys (default: all)")
    parser.add_argument(
        "--screen",
        action="store_true",
        help="maximize on the screen (under xvfb-run) instead of a fixed 1366x768 window",
    )
    parser.add_argument("--dialogs", action="store_true", help="also the main dialogs (and each editor tab)")
    args = parser.parse_args(argv)
    if not args.screen:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["QT_SCALE_FACTOR"] = str(args.scale)
    os.environ["WKUS_DATA_DIR"] = tempfile.mkdtemp(prefix="wkus-shots-")
    from app.core import i18n

    i18n.set_language(args.lang)
    from app.core.db.engine import open_database
    from app.core.demo import load_demo
    from app.core.settings import UserSettings
    from app.ui.application import create_application
    from app.ui.main_window import MainWindow
    from app.ui.theme import apply_palette
    from app.ui.views.registry import VIEWS

    app = create_application()
    apply_palette(app, args.high_contrast)
    path = Path(os.environ["WKUS_DATA_DIR"]) / "demo.sqlite"
    db = open_database(path)
    # as on the day the window shows: a demo dated otherwise makes half its deadlines look overdue
    load_demo(db, today=dt.date.today())
    window = MainWindow(db, path, UserSettings(), persist_settings=False)
    if args.screen:
        window.showMaximized()
    else:
        window.resize(1366, 768)
        window.show()
    args.out.mkdir(parents=True, exist_ok=True)
    screen = app.primaryScreen().size() if args.screen else None
    tag = (
        f"{args.lang}-x{args.scale}"
        + (f"-{screen.width()}x{screen.height()}" if screen else "")
        + ("-hc" if args.high_contrast else "")
    )
    keys = [k for k in args.views.split(",") if k] or [v.key for v in VIEWS]
    for key in keys:
        view = window.show_view(key)
        for _ in range(5):
            app.processEvents()
        _wait_until_loaded(app, view)
        target = args.out / f"{key}-{tag}.png"
        window.grab().save(str(target))
        print(target)
    if args.dialogs:
        _dialog_shots(app, window, args.out, tag)
    window.close()
    db.dispose()
    return 0


def _dialog_shots(app, window, out: Path, tag: str) -> None:  # type: ignore[no-untyped-def]
    """The main editors on demo records, each tab of a tabbed one, and the data dialogs."""
    from PySide6.QtWidgets import QTabWidget

    from app.core.form_id import form_id
    from app.core.services.contracts import get_contract, list_contracts
    from app.core.services.cooperation import list_cooperation
    from app.core.services.organisations import list_organisations
    from app.core.services.procedures import list_procedures
    from app.core.services.programmes import list_programmes
    from app.core.services.tasks import list_tasks
    from app.ui.dialogs.contract_children import ControlDialog, ReportDialog
    from app.ui.dialogs.contract_editor import ContractEditor
    from app.ui.dialogs.cooperation import CooperationDialog
    from app.ui.dialogs.data_history import ContractHistoryDialog
    from app.ui.dialogs.data_personal import PersonalDataDialog
    from app.ui.dialogs.gmina_profile import GminaProfileDialog
    from app.ui.dialogs.organisation import OrganisationDialog
    from app.ui.dialogs.paper_report import PaperReportDialog
    from app.ui.dialogs.procedure import ProcedureDialog
    from app.ui.dialogs.programme import ProgrammeDialog
    from app.ui.dialogs.settings_dialog import SettingsDialog
    from app.ui.dialogs.task import TaskDialog

    db = window.db
    multi_year = max(list_contracts(db), key=lambda r: (r.end_date.year - r.start_date.year, r.id))
    checked = next(c for c in (get_contract(db, r.id) for r in list_contracts(db)) if c.reports and c.controls)
    builders = {
        "organisation": lambda: OrganisationDialog(db, list_organisations(db)[0].id, window),
        "contract": lambda: ContractEditor(db, multi_year.id, window),
        "contract-new": lambda: ContractEditor(db, None, window),
        "task": lambda: TaskDialog(db, list_tasks(db)[0].id, window),
        "programme": lambda: ProgrammeDialog(db, list_programmes(db)[0].id, window),
        "procedure": lambda: ProcedureDialog(db, list_procedures(db)[0].id, window),
        "gmina": lambda: GminaProfileDialog(db, window),
        "cooperation": lambda: CooperationDialog(db, list_cooperation(db)[0].id, window),
        "report": lambda: ReportDialog(db, checked.id, checked.reports[0], window),
        "control": lambda: ControlDialog(db, checked.id, checked.controls[0], window),
        "paper-report": lambda: PaperReportDialog(
            db, window, form_id=form_id(multi_year.id, multi_year.start_date.year)
        ),
        "settings": lambda: SettingsDialog(window.settings, window.db_path, window, persist=False),
        "history": lambda: ContractHistoryDialog(db, multi_year.id, window),
        "personal": lambda: PersonalDataDialog(db, window),
    }
    for name, build in builders.items():
        try:
            dialog = build()
        except Exception as exc:  # noqa: BLE001 - a developer tool: say which one and go on
            print(f"{name}: {exc!r}")
            continue
        dialog.show()
        tabs = dialog.findChild(QTabWidget)
        pages = range(tabs.count()) if tabs is not None else [None]
        for page in pages:
            if tabs is not None:
                tabs.setCurrentIndex(page)
            for _ in range(5):
                app.processEvents()
            suffix = f"-tab{page}" if page is not None else ""
            target = out / f"dialog-{name}{suffix}-{tag}.png"
            dialog.grab().save(str(target))
            print(target)
        dialog.done(0)
        dialog.deleteLater()
        app.processEvents()


if __name__ == "__main__":
    sys.exit(main())
