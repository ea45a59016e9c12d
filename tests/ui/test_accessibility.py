"""Accessibility (issue 7): every input in every main view and dialog has a label buddy or an
accessible name and is reachable by keyboard; the high-contrast palette; no fixed font sizes.

The checker is shown failing once on a planted widget with unnamed inputs.
"""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QDial,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QRadioButton,
    QSlider,
    QSpinBox,
    QTableWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.ui.theme import HIGH_CONTRAST, apply_palette, contrast_ratio, high_contrast_palette
from app.ui.views.registry import VIEWS

ROOT = Path(__file__).resolve().parents[2]
#: Widgets that take input (scroll bars are not: they belong to their scroll area).
INPUTS = (
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,
    QTextEdit,
    QPlainTextEdit,
    QCheckBox,
    QRadioButton,
    QSlider,
    QDial,
    QCalendarWidget,
)


def _is_internal(widget: QWidget, root: QWidget) -> bool:
    """Parts of a composite widget (a spin box's line edit, an item view's editor, calendar internals,
    a line edit's action button such as the date field's calendar, opened with Alt+Down)."""
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, (QAbstractSpinBox, QComboBox, QCalendarWidget, QAbstractItemView, QLineEdit)):
            return True
        parent = parent.parentWidget()
    return False


def _describe(widget: QWidget) -> str:
    hint = ""
    if isinstance(widget, QLineEdit):
        hint = widget.placeholderText()
    return f"{type(widget).__name__}(objectName={widget.objectName()!r}, toolTip={widget.toolTip()!r}, hint={hint!r})"


def unnamed_inputs(root: QWidget) -> list[str]:
    """Inputs (lists and tables included) a screen reader could not name, or the keyboard could not reach."""
    buddies = {id(label.buddy()) for label in root.findChildren(QLabel) if label.buddy() is not None}
    for form in root.findChildren(QFormLayout):
        for row in range(form.rowCount()):
            label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if label and field and isinstance(label.widget(), QLabel) and label.widget().text().strip():
                buddies.add(id(field.widget()))
    problems = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INPUTS + (QAbstractItemView,)) or _is_internal(widget, root):
            continue
        if isinstance(widget, (QTextEdit, QPlainTextEdit)) and widget.isReadOnly():
            continue  # a text browser shows, it does not ask
        named = bool(widget.accessibleName().strip()) or id(widget) in buddies
        if isinstance(widget, (QCheckBox, QRadioButton)) and widget.text().replace("&", "").strip():
            named = True
        if not named:
            problems.append(f"no label buddy or accessible name: {_describe(widget)}")
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            problems.append(f"not reachable by keyboard: {_describe(widget)}")
    return problems


# ---- the checker can fail -----------------------------------------------------------------------


def test_planted_unnamed_inputs_are_reported(qtbot) -> None:  # type: ignore[no-untyped-def]
    root = QWidget()
    qtbot.addWidget(root)
    form = QFormLayout(root)
    form.addRow("Name", QLineEdit(objectName="named_by_form"))
    buddy_label = QLabel("&Year")
    year = QSpinBox(objectName="named_by_buddy")
    buddy_label.setBuddy(year)
    form.addRow(buddy_label, year)
    accessible = QComboBox(objectName="named_accessibly")
    accessible.setAccessibleName("Area")
    form.addRow(accessible)
    form.addRow(QCheckBox("Active", objectName="named_by_text"))
    form.addRow(QLineEdit(objectName="search", placeholderText="Search…"))  # placeholder is no name
    form.addRow(QCheckBox(objectName="bare_box"))
    named_list = QListWidget(objectName="named_list")
    named_list.setAccessibleName("Chapters")
    form.addRow(named_list)
    form.addRow(QTableWidget(2, 2, objectName="bare_table"))  # a list or table is an input too
    assert unnamed_inputs(root) == [
        "no label buddy or accessible name: QLineEdit(objectName='search', toolTip='', hint='Search…')",
        "no label buddy or accessible name: QCheckBox(objectName='bare_box', toolTip='', hint='')",
        "no label buddy or accessible name: QTableWidget(objectName='bare_table', toolTip='', hint='')",
    ]


def test_planted_input_without_focus_is_reported(qtbot) -> None:  # type: ignore[no-untyped-def]
    root = QWidget()
    qtbot.addWidget(root)
    box = QVBoxLayout(root)
    edit = QLineEdit(objectName="mouse_only")
    edit.setAccessibleName("Amount")
    edit.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    box.addWidget(edit)
    assert unnamed_inputs(root) == [
        "not reachable by keyboard: QLineEdit(objectName='mouse_only', toolTip='', hint='')"
    ]


# ---- every main view and dialog -----------------------------------------------------------------


@pytest.fixture
def app_sheet(qapp):  # type: ignore[no-untyped-def]
    """Tests that switch the palette give the application its style sheet back (one QApplication
    serves the whole test session)."""
    sheet = qapp.styleSheet()
    yield qapp
    qapp.setStyleSheet(sheet)


@pytest.fixture
def demo_db(db):  # type: ignore[no-untyped-def]
    from app.core.demo import load_demo

    load_demo(db, today=dt.date(2025, 6, 30))
    return db


def _view_class(target: str):  # type: ignore[no-untyped-def]
    module_name, class_name = target.split(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name == module_name:
            pytest.skip(f"{module_name} not built yet")
        raise
    return getattr(module, class_name)


@pytest.mark.parametrize("spec", VIEWS, ids=[v.key for v in VIEWS])
def test_main_view_inputs_are_named(spec, demo_db, qtbot) -> None:  # type: ignore[no-untyped-def]
    view = _view_class(spec.target)(demo_db)
    qtbot.addWidget(view)
    if hasattr(view, "refresh"):
        view.refresh()
    assert unnamed_inputs(view) == []


def _dialog_classes() -> list[type]:
    import app.ui.dialogs as package

    out = []
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"app.ui.dialogs.{info.name}")
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, QDialog) and cls.__module__ == module.__name__:
                out.append(cls)
    return out


def _construct_dialog(cls: type, db):  # type: ignore[no-untyped-def]
    """Dialogs opened on the database alone (new record, profile, history...), else None."""
    from app.core.settings import UserSettings

    params = list(inspect.signature(cls.__init__).parameters.values())[1:]
    required = [
        p
        for p in params
        if p.default is inspect.Parameter.empty
        and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)
    ]
    names = [p.name for p in required]
    if names == ["db"]:
        return cls(db)
    if names == ["settings", "db_path"]:
        return cls(UserSettings(), db.path)
    if not names:
        return cls()
    return None


def test_dialogs_inputs_are_named(demo_db, qtbot) -> None:  # type: ignore[no-untyped-def]
    problems: dict[str, list[str]] = {}
    checked = []
    for cls in _dialog_classes():
        dialog = _construct_dialog(cls, demo_db)
        if dialog is None:
            continue  # needs a record or a preview; covered by its own tests
        qtbot.addWidget(dialog)
        checked.append(cls.__name__)
        found = unnamed_inputs(dialog)
        if found:
            problems[cls.__name__] = found
    assert checked, "no dialog could be constructed"
    assert problems == {}


# ---- high contrast and fonts --------------------------------------------------------------------


def test_high_contrast_palette_meets_wcag_aaa() -> None:
    for fg, bg in (
        ("text", "window"),
        ("text", "base"),
        ("highlighted_text", "highlight"),
        ("link", "base"),
        ("focus", "window"),
        ("disabled", "window"),
    ):
        ratio = contrast_ratio(HIGH_CONTRAST[fg], HIGH_CONTRAST[bg])
        assert ratio >= 7.0 if fg != "disabled" else ratio >= 4.5, (fg, bg, ratio)
    assert round(contrast_ratio("#777777", "#ffffff"), 2) == 4.48  # the formula itself (WCAG example)


def test_apply_palette_switches_and_restores(qapp, app_sheet) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QPalette

    before = qapp.palette().color(QPalette.ColorRole.Window).name()
    apply_palette(qapp, True)
    try:
        assert qapp.palette().color(QPalette.ColorRole.Window).name() == "#000000"
        assert qapp.palette().color(QPalette.ColorRole.Highlight).name() == "#ffff00"
        assert qapp.property("wkus_high_contrast") is True
        assert "border: 2px solid #ffff00" in qapp.styleSheet()
        assert high_contrast_palette().color(QPalette.ColorRole.Text).name() == "#ffffff"
    finally:
        apply_palette(qapp, False)
    assert qapp.palette().color(QPalette.ColorRole.Window).name() == before
    assert qapp.property("wkus_high_contrast") is False
    assert "#ffff00" not in qapp.styleSheet()
    assert "border: 2px solid palette(highlight)" in qapp.styleSheet()  # the normal look's focus frame


def test_high_contrast_lightens_status_text_but_not_text_on_its_own_mark(qapp, app_sheet) -> None:  # type: ignore[no-untyped-def]
    """Terminy's overdue red (#b00020, 3.2:1 on black) is lightened in high contrast; the use matrix's
    black "✓" on its light green mark is left black (lightened it would vanish on the mark)."""
    from PySide6.QtGui import QColor

    from app.core.law.types import DeadlineState
    from app.ui.tools.usage_panel import STATE_BRUSH
    from app.ui.views.deadlines import STATE_COLOURS
    from app.ui.widgets.table_model import Column, RowTableModel

    red, black, mark = STATE_COLOURS[DeadlineState.OVERDUE], QColor("#000000"), STATE_BRUSH["done"]
    model: RowTableModel[str] = RowTableModel(
        [
            Column("Termin", lambda r: r, foreground=lambda r: red),
            Column("E-05", lambda r: "✓", background=lambda r: mark, foreground=lambda r: black),
        ]
    )
    model.set_rows(["1.12.2026"])
    role = Qt.ItemDataRole.ForegroundRole
    assert model.index(0, 0).data(role) == red  # the normal look: as given
    apply_palette(qapp, True)
    try:
        lit = model.index(0, 0).data(role)
        assert lit != red and contrast_ratio(lit.name(), HIGH_CONTRAST["base"]) >= 7.0
        assert model.index(0, 1).data(role) == black
        assert contrast_ratio(black.name(), mark.name()) >= 7.0  # black on #e3efe3 reads well
    finally:
        apply_palette(qapp, False)


def test_normal_palette_draws_a_visible_focus_frame(qapp, app_sheet, qtbot) -> None:  # type: ignore[no-untyped-def]
    """In the system look too, a focused line edit, combo, table and button get a 2 px frame in the
    system's highlight colour; the unfocused ones keep the native look."""
    from PySide6.QtGui import QColor, QPalette
    from PySide6.QtWidgets import QApplication, QPushButton, QTableWidget

    from app.ui.theme import NORMAL_FOCUS_STYLE

    for selector in ("QLineEdit:focus", "QComboBox:focus", "QAbstractItemView:focus", "QPushButton:focus"):
        assert selector in NORMAL_FOCUS_STYLE
    apply_palette(qapp, False)
    highlight = QColor("#c00060")  # an unusual accent colour: the frame must follow the system's
    palette = QPalette(qapp.palette())
    palette.setColor(QPalette.ColorRole.Highlight, highlight)
    old_palette = QPalette(qapp.palette())
    qapp.setPalette(palette)
    try:
        root = QWidget()
        qtbot.addWidget(root)
        box = QVBoxLayout(root)
        widgets = [QLineEdit(), QComboBox(), QTableWidget(2, 2), QPushButton("OK")]
        for w in widgets:
            box.addWidget(w)
        root.show()
        root.activateWindow()
        qtbot.waitUntil(root.isActiveWindow)

        def edge_colours(widget: QWidget) -> set[str]:
            QApplication.processEvents()
            image = widget.grab().toImage()
            y = image.height() // 2
            return {image.pixelColor(x, y).name() for x in (0, 1)}

        for widget in widgets:
            widget.setFocus()
            qtbot.waitUntil(widget.hasFocus)
            assert highlight.name() in edge_colours(widget), type(widget).__name__
        widgets[0].setFocus()
        qtbot.waitUntil(widgets[0].hasFocus)
        assert highlight.name() not in edge_colours(widgets[3])  # an unfocused button has no frame
    finally:
        qapp.setPalette(old_palette)


#: fixed font sizes: in style sheets (px or pt, also the `font:` shorthand), setPointSize/
#: setPointSizeF/setPixelSize with a literal, QFont(family, size)
FIXED_FONT = re.compile(
    r"setPixelSize\(|font-size:\s*\d+(\.\d+)?\s*(px|pt)|font:[^;\"']*\d+(\.\d+)?\s*(px|pt)"
    r"|setPointSizeF?\(\s*\d+(\.\d+)?\s*\)|QFont\([^()]*,\s*\d+"
)


def test_ui_uses_no_fixed_font_sizes() -> None:
    """Fonts follow the system size and scaling: relative sizes only (e.g. pointSizeF() * 1.2)."""
    offenders = []
    for path in sorted((ROOT / "app" / "ui").rglob("*.py")):
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if FIXED_FONT.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{lineno}: {line.strip()}")
    assert offenders == []
    for planted in (
        'label.setStyleSheet("font-size: 14px")',
        'label.setStyleSheet("font-size: 12pt; padding: 2px")',
        'w.setStyleSheet("font: bold 11pt Arial")',
        "font.setPointSize(10)",
        "font.setPointSizeF(9.5)",
        "font.setPixelSize(size)",
        'QFont("Consolas", 9)',
    ):
        assert FIXED_FONT.search(planted), planted  # the pattern itself can match
    for relative in ("font.setPointSizeF(font.pointSizeF() * 1.3)", "QFont(label.font())", "font-weight: bold;"):
        assert not FIXED_FONT.search(relative), relative


def test_scaling_is_not_rounded() -> None:
    """125 % / 150 % display scaling passes through (set before the QApplication exists)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication

    from app.ui import application

    source = inspect.getsource(application.create_application)
    assert source.index("use_exact_scaling()") < source.index("QApplication(")
    assert QGuiApplication.highDpiScaleFactorRoundingPolicy() == Qt.HighDpiScaleFactorRoundingPolicy.PassThrough


# ---- editors on a real record and on a new one, tool pages, wizard pages, data dialogs ----------


@pytest.fixture(scope="module")
def shared_demo(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """One demo gmina for the read-only walks below (dialogs are built, never saved)."""
    from app.core.db.engine import open_database
    from app.core.demo import load_demo

    database = open_database(tmp_path_factory.mktemp("a11y") / "demo.sqlite")
    load_demo(database, today=dt.date(2025, 6, 30))
    yield database
    database.dispose()


def _first_id(db, model) -> int:  # type: ignore[no-untyped-def]
    from sqlalchemy import func, select

    with db.session() as session:
        found = session.scalar(select(func.min(model.id)))
    assert found is not None, f"the demo gmina has no {model.__name__}"
    return int(found)


def _busiest_contract(db) -> int:  # type: ignore[no-untyped-def]
    """A contract with reports and controls, so every tab and table holds rows."""
    from sqlalchemy import func, select

    from app.core.db.models import Contract, ContractReport

    with db.session() as session:
        found = session.scalar(
            select(ContractReport.contract_id)
            .group_by(ContractReport.contract_id)
            .order_by(func.count().desc())
            .limit(1)
        )
        return int(found if found is not None else session.scalar(select(func.min(Contract.id))))


def editor_dialogs(db, tmp_dir: Path):  # type: ignore[no-untyped-def]
    """(label, widget) for every editor dialog on a real record and on a new one, the RADAR dialog,
    settings, gmina profile and the data dialogs."""
    from app.core.backup import make_backup
    from app.core.backup.integrity import IntegrityReport
    from app.core.backup.preview import inspect_backup
    from app.core.db.models import (
        Control,
        CooperationProgramme,
        NonFinancialCooperation,
        Organisation,
        Procedure,
        PublicTask,
    )
    from app.core.services.contracts import get_contract
    from app.core.settings import UserSettings
    from app.core.transfer.org_import import preview_import
    from app.ui.dialogs.contract_children import ControlDialog, ReportDialog
    from app.ui.dialogs.contract_editor import ContractEditor
    from app.ui.dialogs.cooperation import CooperationDialog
    from app.ui.dialogs.data_check import CheckResultDialog
    from app.ui.dialogs.data_history import ContractHistoryDialog
    from app.ui.dialogs.data_import import OrgImportPreviewDialog
    from app.ui.dialogs.data_personal import PersonalDataDialog
    from app.ui.dialogs.data_restore import RestorePreviewDialog
    from app.ui.dialogs.demo_offer import DemoOfferDialog
    from app.ui.dialogs.gmina_profile import GminaProfileDialog
    from app.ui.dialogs.organisation import OrganisationDialog
    from app.ui.dialogs.procedure import ProcedureDialog
    from app.ui.dialogs.programme import ProgrammeDialog
    from app.ui.dialogs.settings_dialog import SettingsDialog
    from app.ui.dialogs.task import TaskDialog
    from app.ui.tools.backend import ToolBackend
    from app.ui.tools.indices_panel import RadarDialog

    contract_id = _busiest_contract(db)
    contract = get_contract(db, contract_id)
    with db.session() as session:
        from sqlalchemy import select

        control_contract = session.scalar(select(Control.contract_id).limit(1))
    yield "OrganisationDialog(new)", lambda: OrganisationDialog(db)
    yield "OrganisationDialog(record)", lambda: OrganisationDialog(db, _first_id(db, Organisation))
    yield "ContractEditor(new)", lambda: ContractEditor(db)
    yield "ContractEditor(record)", lambda: ContractEditor(db, contract_id)
    yield "TaskDialog(new)", lambda: TaskDialog(db)
    yield "TaskDialog(record)", lambda: TaskDialog(db, _first_id(db, PublicTask))
    yield "ProgrammeDialog(new)", lambda: ProgrammeDialog(db)
    yield "ProgrammeDialog(record)", lambda: ProgrammeDialog(db, _first_id(db, CooperationProgramme))
    yield "ProcedureDialog(new)", lambda: ProcedureDialog(db)
    yield "ProcedureDialog(record)", lambda: ProcedureDialog(db, _first_id(db, Procedure))
    yield "CooperationDialog(new)", lambda: CooperationDialog(db)
    yield "CooperationDialog(record)", lambda: CooperationDialog(db, _first_id(db, NonFinancialCooperation))
    yield "ReportDialog(new)", lambda: ReportDialog(db, contract_id)
    if contract.reports:
        yield "ReportDialog(record)", lambda: ReportDialog(db, contract_id, contract.reports[0])
    yield "ControlDialog(new)", lambda: ControlDialog(db, contract_id)
    from app.core.form_id import form_id
    from app.ui.dialogs.paper_report import PaperReportDialog

    paper_id = form_id(contract_id, contract.start_date.year)
    yield "PaperReportDialog(loaded)", lambda: PaperReportDialog(db, form_id=paper_id)
    if control_contract is not None:
        controls = get_contract(db, control_contract).controls
        yield "ControlDialog(record)", lambda: ControlDialog(db, control_contract, controls[0])
    yield "RadarDialog", lambda: RadarDialog(ToolBackend(db, dt.date(2025, 6, 30)))
    yield "SettingsDialog", lambda: SettingsDialog(UserSettings(), db.path, persist=False)
    yield "GminaProfileDialog", lambda: GminaProfileDialog(db)
    yield "DemoOfferDialog", lambda: DemoOfferDialog(db)
    yield "PersonalDataDialog", lambda: PersonalDataDialog(db)
    yield "ContractHistoryDialog", lambda: ContractHistoryDialog(db, contract_id)
    yield (
        "CheckResultDialog",
        lambda: CheckResultDialog(
            IntegrityReport(
                db.path,
                True,
                ("Page 12: btreeInitPage() returns error code 11",),
                None,
                dt.datetime(2026, 11, 22, 10, 0),
            ),
            tmp_dir / "good.sqlite",
        ),
    )
    backup = make_backup(db.path, tmp_dir / "kopia.sqlite").path
    yield "RestorePreviewDialog", lambda: RestorePreviewDialog(inspect_backup(backup), db.path)
    source = tmp_dir / "org.csv"
    source.write_bytes("Nazwa;NIP;Miejscowość\nStowarzyszenie Łąka;5260250274;Dębno\n".encode("cp1250"))
    yield "OrgImportPreviewDialog", lambda: OrgImportPreviewDialog(preview_import(db, source))


def _show_every_tab(widget: QWidget):  # type: ignore[no-untyped-def]
    """Tabs build some contents when first shown: visit each one."""
    from PySide6.QtWidgets import QTabWidget

    for tabs in widget.findChildren(QTabWidget):
        for i in range(tabs.count()):
            tabs.setCurrentIndex(i)
        tabs.setCurrentIndex(0)


def test_editor_dialogs_inputs_are_named(shared_demo, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    problems: dict[str, list[str]] = {}
    checked = []
    for label, build in editor_dialogs(shared_demo, tmp_path):
        dialog = build()
        qtbot.addWidget(dialog)
        dialog.show()
        _show_every_tab(dialog)
        checked.append(label)
        found = unnamed_inputs(dialog)
        if found:
            problems[label] = found
        dialog.close()
    assert len(checked) >= 24
    assert problems == {}


def test_tool_pages_inputs_are_named(shared_demo, qtbot) -> None:  # type: ignore[no-untyped-def]
    """One tool page per input type (table, money, percent, number, text, choice, date, checklist,
    likert), on the demo gmina's first contract."""
    from app.core.tools.catalogue import get_catalogue
    from app.ui.views.tools import ToolsView

    view = ToolsView(shared_demo, today=dt.date(2025, 6, 30))
    qtbot.addWidget(view)
    one_per_type: dict[str, object] = {}
    for tool in get_catalogue().tools:
        for inp in tool.inputs:
            one_per_type.setdefault(inp.type, tool)
    assert set(one_per_type) >= {"table", "money", "percent", "number", "text", "choice", "date", "checklist", "likert"}
    problems = {}
    for kind, tool in one_per_type.items():
        page = view.open_tool(tool.id)  # type: ignore[attr-defined]
        found = unnamed_inputs(page)
        if found:
            problems[f"{kind}:{tool.id}"] = found
    from PySide6.QtCore import QThreadPool

    assert QThreadPool.globalInstance().waitForDone(120000)
    assert problems == {}


def test_wizard_pages_inputs_are_named(shared_demo, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Every step page of the three wizards, walked from the first step (options loaded)."""
    from app.core.wizards.base import WizardContext
    from app.core.wizards.catalogue import WIZARDS
    from app.ui.wizards.dialog import KreatorDialog

    problems = {}
    walked = 0
    for kind, defn in WIZARDS.items():
        dialog = KreatorDialog(None, defn, ctx=WizardContext(shared_demo))
        qtbot.addWidget(dialog)
        dialog.show()
        for step_id, page in dialog.pages.items():
            page.load()
            walked += 1
            found = unnamed_inputs(page)
            if found:
                problems[f"{kind}:{step_id}"] = found
        side = unnamed_inputs(dialog.side)
        if side:
            problems[f"{kind}:side"] = side
        dialog.closing = True
        dialog.reject()
    assert len(WIZARDS) == 3 and walked > 10
    assert problems == {}


# ---- keyboard: tab order follows reading order, every control reachable by Tab ------------------

#: pixels two widgets may differ vertically and still count as one line (baselines, frames)
ROW_TOLERANCE = 6


def _tab_stops(root: QWidget) -> list[QWidget]:
    """Widgets Tab visits (shown, enabled, taking Tab focus), one round of the focus chain."""
    stops: list[QWidget] = []
    widget = root.nextInFocusChain()
    seen = set()
    while widget is not None and widget is not root and id(widget) not in seen:
        seen.add(id(widget))
        if (
            widget.isVisible()
            and widget.isEnabled()
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            and widget.focusProxy() is None
            and root.isAncestorOf(widget)
        ):
            stops.append(widget)
        widget = widget.nextInFocusChain()
    return stops


def _unit(widget: QWidget, root: QWidget) -> QWidget:
    """The widget whose place counts: a button box counts as one (its order is the platform's)."""
    from PySide6.QtWidgets import QDialogButtonBox

    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, QDialogButtonBox):
            return parent
        parent = parent.parentWidget()
    return widget


def _scroll_area(widget: QWidget, root: QWidget) -> QWidget | None:
    """The outermost scroll area holding `widget` (its content may lie below the visible pane)."""
    from PySide6.QtWidgets import QAbstractScrollArea

    found = None
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, QAbstractScrollArea):
            found = parent
        parent = parent.parentWidget()
    return found


def _rect(widget: QWidget, root: QWidget):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPoint, QRect

    return QRect(widget.mapTo(root, QPoint(0, 0)), widget.size())


def tab_order_problems(root: QWidget) -> list[str]:
    """Inputs Tab visits against reading order, and buttons/inputs Tab never reaches.

    Tab starts at the widget focused when the dialog opens. Reading order: the next input or button is
    on the same line to the right, or lower down, or starts a new column to the right (two-column forms
    are read column by column). A table and a button box each count as one unit.
    """
    from PySide6.QtWidgets import QAbstractButton, QTabBar

    stops = _tab_stops(root)
    problems = []
    reachable = {id(w) for w in stops}
    for widget in root.findChildren(QWidget):
        wanted = isinstance(widget, INPUTS + (QAbstractItemView, QAbstractButton))
        if (
            not wanted
            or _is_internal(widget, root)
            or not widget.isVisible()
            or not widget.isEnabled()
            or widget.focusProxy() is not None
        ):
            continue
        if isinstance(widget, (QTextEdit, QPlainTextEdit)) and widget.isReadOnly():
            continue
        if id(widget) not in reachable:
            problems.append(f"not reachable by Tab: {_describe(widget)}")
    # tab bars are left out: Qt puts them first, so Tab from a page's last control returns to its tabs
    # tab bars are left out: Qt puts them first, so Tab from a page's last control returns to its tabs
    ordered = [
        w
        for w in stops
        if isinstance(w, INPUTS + (QAbstractItemView, QAbstractButton))
        and not isinstance(w, QTabBar)
        and not _is_internal(w, root)
    ]
    if not ordered:
        return problems
    # the chain is a ring: read it from the control that comes first on the page
    first = min(
        range(len(ordered)),
        key=lambda i: (
            _rect(_unit(ordered[i], root), root).top() // ROW_TOLERANCE,
            _rect(_unit(ordered[i], root), root).left(),
        ),
    )
    ordered = ordered[first:] + ordered[:first]
    for before, after in zip(ordered, ordered[1:]):
        unit_a, unit_b = _unit(before, root), _unit(after, root)
        scroll_a, scroll_b = _scroll_area(unit_a, root), _scroll_area(unit_b, root)
        if scroll_a is not scroll_b:  # leaving or entering a scrolled pane: the pane's place counts
            unit_a, unit_b = scroll_a or unit_a, scroll_b or unit_b
        if unit_a is unit_b:
            continue
        a, b = _rect(unit_a, root), _rect(unit_b, root)
        same_line = abs(b.top() - a.top()) <= ROW_TOLERANCE
        lower = b.top() > a.top() + ROW_TOLERANCE
        new_column = b.left() >= a.right() - ROW_TOLERANCE
        if (same_line and b.left() < a.left()) or (not same_line and not lower and not new_column):
            problems.append(f"Tab goes back from {_describe(before)} to {_describe(after)}")
    focused = root.focusWidget()
    has_inputs = any(isinstance(w, INPUTS + (QAbstractItemView,)) for w in ordered)
    if isinstance(focused, QAbstractButton) and focused.isVisible() and has_inputs:
        problems.append(f"opens on a button, not on its first field: {_describe(focused)}")
    return problems


def _layout_done(widget: QWidget) -> None:
    from PySide6.QtWidgets import QApplication

    widget.show()
    widget.activateWindow()
    QApplication.processEvents()


def test_planted_mis_ordered_dialog_is_reported(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QDialogButtonBox, QPushButton

    root = QDialog()
    qtbot.addWidget(root)
    form = QFormLayout(root)
    first = QLineEdit(objectName="first")
    second = QLineEdit(objectName="second")
    third = QLineEdit(objectName="third")
    for label, edit in (("First", first), ("Second", second), ("Third", third)):
        form.addRow(label, edit)
    mouse_only = QPushButton("Preview", objectName="mouse_only")
    mouse_only.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
    form.addRow(mouse_only)
    form.addRow(QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel))
    _layout_done(root)
    assert tab_order_problems(root) == [
        "not reachable by Tab: QPushButton(objectName='mouse_only', toolTip='', hint='')"
    ]
    QWidget.setTabOrder(first, third)  # the planted defect: third before second
    QWidget.setTabOrder(third, second)
    assert tab_order_problems(root) == [
        "not reachable by Tab: QPushButton(objectName='mouse_only', toolTip='', hint='')",
        "Tab goes back from QLineEdit(objectName='third', toolTip='', hint='') "
        "to QLineEdit(objectName='second', toolTip='', hint='')",
    ]


def test_main_dialogs_tab_order_follows_reading_order(shared_demo, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Every main dialog, on each page of its tabs."""
    from PySide6.QtWidgets import QApplication, QTabWidget

    problems: dict[str, list[str]] = {}
    for label, build in editor_dialogs(shared_demo, tmp_path):
        dialog = build()
        qtbot.addWidget(dialog)
        dialog.resize(1100, 760)
        _layout_done(dialog)
        tabs = [t for t in dialog.findChildren(QTabWidget) if t.window() is dialog]
        pages = range(tabs[0].count()) if tabs else [None]
        for page in pages:
            if page:  # as the clerk does: on the tab bar, arrow to the next page
                tabs[0].tabBar().setFocus()
                tabs[0].setCurrentIndex(page)
                QApplication.processEvents()
            found = tab_order_problems(dialog)
            if found:
                problems[f"{label}[{page}]"] = found
        dialog.close()
    assert problems == {}


def test_every_menu_entry_has_a_mnemonic_or_shortcut(qtbot, demo_db, db_path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMenu

    from app.core.settings import UserSettings
    from app.ui.main_window import MainWindow
    from app.ui.mnemonics import mnemonic_of

    window = MainWindow(demo_db, db_path, UserSettings(), persist_settings=False)
    qtbot.addWidget(window)
    missing, clashes = [], []
    bar = window.menuBar()
    # menus as child widgets: PySide6's QAction.menu() would delete the menu it returns
    for owner in [bar, *bar.findChildren(QMenu)]:
        letters: dict[str, str] = {}
        for action in owner.actions():
            if action.isSeparator() or not action.text() or not action.isVisible():
                continue
            letter = mnemonic_of(action.text())
            if letter is None and action.shortcut().isEmpty():
                missing.append(f"{owner.title() if isinstance(owner, QMenu) else 'bar'} > {action.text()}")
            if letter is not None and letter in letters:
                clashes.append(f"{letters[letter]} / {action.text()}")
            if letter is not None:
                letters[letter] = action.text()
    assert missing == [] and clashes == []
    assert len(bar.findChildren(QMenu)) >= 5  # File, View, Tools, Help and File > Export
    assert window.file_menu.actions()[0].text() == "&Ustawienia…"  # the first free word-start letter
    assert mnemonic_of("Pomo&c") == "c" and mnemonic_of("A && B") is None


def test_wizard_steps_and_tool_pages_tab_order(shared_demo, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Each wizard step opened as the current page, and one tool page per input type."""
    from app.core.tools.catalogue import get_catalogue
    from app.core.wizards.base import WizardContext
    from app.core.wizards.catalogue import WIZARDS
    from app.ui.views.tools import ToolsView
    from app.ui.wizards.dialog import KreatorDialog

    problems: dict[str, list[str]] = {}
    for kind, defn in WIZARDS.items():
        for step_id in defn.steps:
            dialog = KreatorDialog(None, defn, ctx=WizardContext(shared_demo))
            qtbot.addWidget(dialog)
            dialog.setStartId(dialog.page_ids[step_id])
            _layout_done(dialog)
            page = dialog.currentPage()
            assert page.step.id == step_id
            found = [p for p in tab_order_problems(page) if "opens on a button" not in p]
            if found:
                problems[f"{kind}:{step_id}"] = found
            dialog.closing = True
            dialog.reject()
    view = ToolsView(shared_demo, today=dt.date(2025, 6, 30))
    qtbot.addWidget(view)
    view.resize(1366, 760)
    _layout_done(view)
    seen_types: set[str] = set()
    for tool in get_catalogue().tools:
        types = {inp.type for inp in tool.inputs}
        if types <= seen_types:
            continue
        seen_types |= types
        page = view.open_tool(tool.id)  # type: ignore[attr-defined]
        _layout_done(view)
        found = [p for p in tab_order_problems(page) if "opens on a button" not in p]
        if found:
            problems[f"tool:{tool.id}"] = found
    from PySide6.QtCore import QThreadPool

    assert QThreadPool.globalInstance().waitForDone(120000)
    assert problems == {}


@pytest.mark.parametrize("spec", VIEWS, ids=[v.key for v in VIEWS])
def test_main_view_tab_order(spec, shared_demo, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Register filters inserted into the toolbar, the handbook's quiz answers: Tab follows the screen.
    (Views are pages of the main window, so where focus starts is the window's business.)"""
    view = _view_class(spec.target)(shared_demo)
    qtbot.addWidget(view)
    view.resize(1366, 760)
    _layout_done(view)
    if hasattr(view, "refresh"):
        view.refresh()
    _layout_done(view)
    found = [p for p in tab_order_problems(view) if "opens on a button" not in p]
    from PySide6.QtCore import QThreadPool

    assert QThreadPool.globalInstance().waitForDone(120000)
    assert found == []


def test_high_contrast_overdue_rows_checkboxes_and_dialog_edges(qapp, app_sheet, qtbot, db) -> None:  # type: ignore[no-untyped-def]
    """High contrast: an overdue date was dark red on black (3.2:1); an unchecked checkbox was a black
    square on black; a dialog had no edge against the black window behind it."""
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QCheckBox, QDialog, QVBoxLayout

    from app.core.domain.enums import ContractStatus, LegalForm, RegistryType
    from app.core.domain.records import ContractInput, OrganisationInput, PartyInput, ReportInput, TrancheInput
    from app.core.services.contracts import create_contract, save_report
    from app.core.services.organisations import create_organisation
    from app.ui.views.contracts import RED, ContractsView

    org = create_organisation(
        db,
        OrganisationInput(
            name="Fundacja Przystań", legal_form=LegalForm.FUNDACJA, registry_type=RegistryType.KRS, registry_number="5"
        ),
    )
    late = create_contract(
        db,
        ContractInput(
            number="A/1",
            title="Opieka",
            status=ContractStatus.ACTIVE,
            start_date=dt.date(2024, 1, 1),
            end_date=dt.date(2025, 12, 31),
            parties=[PartyInput(org.id)],
            tranches=[TrancheInput(2024, "1 000"), TrancheInput(2025, "1 000")],
        ),
    )
    save_report(db, late.id, ReportInput(budget_year=2024, due_date=dt.date(2025, 1, 30)))  # never received
    assert contrast_ratio(RED.name(), "#000000") < 4.5  # the problem: #b3261e on black is 3.2:1
    made: list = []  # deleted before the palette is switched back (a restyle of them crashed Qt)
    apply_palette(qapp, True)
    try:
        view = ContractsView(db, today=dt.date(2025, 3, 1))
        made.append(view)
        view.resize(1366, 400)
        colour = view.model.data(view.model.index(view.model.row_of_id(late.id), 6), Qt.ItemDataRole.ForegroundRole)
        assert isinstance(colour, QColor) and colour.red() > colour.green()  # still red…
        assert contrast_ratio(colour.name(), HIGH_CONTRAST["base"]) >= 7.0  # …and readable on black
        view.show()
        qtbot.waitExposed(view)
        view.table.clearSelection()
        view.grab().save("/tmp/screens2-hc-contracts.png")

        dialog = QDialog()
        made.append(dialog)
        box = QCheckBox("Aktywna")
        QVBoxLayout(dialog).addWidget(box)
        dialog.resize(300, 120)
        dialog.show()
        qtbot.waitExposed(dialog)
        image = dialog.grab().toImage()
        image.save("/tmp/screens2-hc-dialog.png")
        assert QColor(image.pixel(0, 60)).name() == "#ffffff"  # the dialog's edge
        # the indicator's left frame: the first pixels of the checkbox, before any of its text
        left = box.mapTo(dialog, box.rect().topLeft())
        ring = [
            QColor(image.pixel(left.x() + dx, left.y() + dy)).name() for dx in range(4) for dy in range(box.height())
        ]
        assert "#ffffff" in ring  # the unchecked box is drawn with a white frame
    finally:
        from PySide6.QtCore import QCoreApplication, QEvent

        for widget in made:
            widget.close()
            widget.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        apply_palette(qapp, False)


def test_switching_high_contrast_with_a_kreator_open_does_not_crash(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Qt crashed (SIGSEGV) when the style was replaced under an active style sheet while a QWizard held a
    QScrollArea; in its own process, so a crash fails this test and not the whole run. The system
    style is "Windows" here so that switching really replaces it."""
    import os
    import subprocess
    import sys
    import textwrap
    from pathlib import Path

    script = textwrap.dedent("""
        from PySide6.QtWidgets import QApplication, QLabel, QScrollArea, QVBoxLayout, QWidget, QWizard, QWizardPage
        from app.ui.theme import apply_palette
        app = QApplication([])
        app.setStyle("Windows")
        wizard = QWizard()
        page = QWizardPage(wizard)
        scroll = QScrollArea(page)
        scroll.setWidgetResizable(True)
        body = QWidget()
        QVBoxLayout(body).addWidget(QLabel("Pytanie", body))
        scroll.setWidget(body)
        QVBoxLayout(page).addWidget(scroll)
        wizard.setPage(0, page)
        wizard.show()
        for on in (True, False, True, False):
            apply_palette(app, on)
            app.processEvents()
        app.setStyleSheet("")  # the sheet's wrapper style has no name
        print(app.style().name())
    """)
    root = Path(__file__).resolve().parents[2]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", WKUS_DATA_DIR=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=root, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().lower() == "windows"
