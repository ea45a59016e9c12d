"""Edit-dialog building blocks: a validating `RecordDialog` base and the input widgets it uses.

A dialog subclass adds its fields with `add_input(FieldSpec(name, label, kind, ...))` (the shared
field editors of `app/ui/widgets/fields.py`; `add_field(name, label, widget)` only for a composite
input of its own, e.g. a table) where `name` is the attribute of the service's *Input dataclass (and
so the `FieldError.field` the service reports), and implements::

    def collect(self) -> OrganisationInput          # the form's values, as typed
    def validate(self, data) -> list[FieldError]    # the service's validate_*() (no database)
    def save(self, data) -> OrganisationRecord      # the service call: one transaction

As the clerk types, the form is validated (debounced) and the fields the clerk has touched turn
red with the message under them; pressing Save (or Enter) validates every field, then saves, and
closes only when the service accepted the data. ValidationFailed from the service (e.g. a
duplicate NIP) is shown on its fields; any other UserFacingError in a message box; an unexpected
exception is logged and reported without a traceback.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from PySide6.QtCore import QPoint, QSize, Qt, QTimer, Signal, SignalInstance
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import FieldError, UserFacingError, ValidationFailed
from app.core.i18n import _
from app.ui.read_only import READ_ONLY_TIP, reads_only, set_writable
from app.ui.widgets.date_edit import DateEdit as DateEdit  # the dialogs import it from here
from app.ui.widgets.fields import Editor, FieldSpec, make_editor

# the dialogs import the input widgets from here, beside RecordDialog
from app.ui.widgets.inputs import (  # noqa: F401 - re-exported for the dialogs
    CheckList as CheckList,
)
from app.ui.widgets.inputs import (
    IdCombo as IdCombo,
)
from app.ui.widgets.inputs import (
    MoneyEdit as MoneyEdit,
)
from app.ui.widgets.inputs import (
    area_items as area_items,
)
from app.ui.widgets.inputs import (
    money_text as money_text,
)
from app.ui.widgets.inputs import (
    sphere_items as sphere_items,
)

log = logging.getLogger(__name__)

#: the widget handed to `add_field` comes back with its own type, so a dialog keeps e.g. a QLineEdit
W = TypeVar("W", bound=QWidget)
#: what the service call of `save_checked` returns (the saved record)
T = TypeVar("T")

ERROR_COLOUR = "#b3261e"
#: logical pixels a window's title bar and frame take above its contents (Windows 10/11 at 100 %: 31)
TITLE_BAR = 40
#: how a field in error looks; applied through the dynamic property "invalid"
INVALID_STYLE = f"""
QLineEdit[invalid="true"], QComboBox[invalid="true"],
QPlainTextEdit[invalid="true"], QListWidget[invalid="true"], QSpinBox[invalid="true"] {{
    border: 1px solid {ERROR_COLOUR};
    background-color: #fdecea;
}}
QLabel[role="fieldError"] {{ color: {ERROR_COLOUR}; }}
"""


# ---- the dialog base -------------------------------------------------------------------------


class _FieldSlot:
    """A field's widget, its error label and whether the clerk has touched it."""

    def __init__(self, name: str, widget: QWidget, error_label: QLabel, container: QWidget) -> None:
        self.name = name
        self.widget = widget
        self.error_label = error_label
        self.container = container
        self.touched = False


def _screen_of(window: QWidget) -> Any:
    """The screen the window opens on. Not QWidget.screen(): asked from a showEvent, PySide's wrapper
    of it left the tests' next QMainWindow crashing; the application's own list is asked instead."""
    from PySide6.QtGui import QGuiApplication

    centre = window.frameGeometry().center()
    return QGuiApplication.screenAt(centre) or QGuiApplication.primaryScreen()


def screen_limit(window: QWidget) -> QSize:
    """The largest size a window may take on its screen, leaving room for its title bar and frame."""
    screen = _screen_of(window)
    if screen is None:
        return QSize(16777215, 16777215)
    area = screen.availableGeometry()
    return QSize(area.width() - 16, area.height() - TITLE_BAR)


def keep_on_screen(window: QWidget, size: QSize | None = None) -> None:
    """Shrink the window (to `size` at most) so it fits its screen, centred, title bar included.
    A dialog whose layout can shrink (a table) needs nothing more; RecordDialog adds scrolling."""
    screen = _screen_of(window)
    wanted = size or window.size()
    limit = screen_limit(window)
    if screen is None or limit.expandedTo(wanted) == limit:
        return
    area = screen.availableGeometry()
    window.resize(wanted.boundedTo(limit))
    window.move(
        area.left() + (area.width() - window.width()) // 2,
        area.top() + max((area.height() - window.height() - TITLE_BAR) // 2, 0) + TITLE_BAR - 8,
    )


class RecordDialog(QDialog):
    """Base of the edit dialogs (see the module docstring)."""

    #: emitted with the saved record after a successful save
    saved = Signal(object)

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setStyleSheet(INVALID_STYLE)
        self.setModal(True)
        self.saved_record: Any = None
        self.saved_id: Any = None
        self._focus_arranged = False
        self._fitted = False
        #: the form's values when first shown (None: not shown yet); see is_dirty
        self._snapshot: Any = None
        self._fields: dict[str, _FieldSlot] = {}
        #: the fields added from a description (add_input), by name
        self.editors: dict[str, Editor] = {}
        self._aliases: dict[str, str] = {}
        self._forms: list[QFormLayout] = []
        self._validate_timer = QTimer(self)
        self._validate_timer.setSingleShot(True)
        self._validate_timer.setInterval(250)
        self._validate_timer.timeout.connect(self.validate_now)

        self.general_error = QLabel()
        self.general_error.setProperty("role", "fieldError")
        self.general_error.setWordWrap(True)
        self.general_error.hide()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Save"))
        self.ok_button.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self.buttons.accepted.connect(self.try_save)
        self.buttons.rejected.connect(self.reject)

        self.form = self.new_form()
        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(0, 0, 0, 0)
        self.body_layout.addLayout(self.form)
        self.main_layout = QVBoxLayout(self)
        self.main_layout.addWidget(self.body, 1)
        self.main_layout.addWidget(self.general_error)
        self.main_layout.addWidget(self.buttons)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        # a reader may open a record to read it, not save it (the editors keep their database as .db)
        set_writable(self.ok_button, getattr(self, "db", None))
        if not self._fitted:
            self._fitted = True
            self.fit_screen()
        if self._snapshot is None:
            # what the form held when the clerk first saw it: leaving with anything else asks first
            try:
                self._snapshot = self.collect()
            except Exception:  # noqa: BLE001 - without a baseline nothing is asked on leaving (logged)
                log.exception("reading %s for its snapshot failed", type(self).__name__)
        if not self._focus_arranged:
            # Save/Cancel are built before the fields but sit below them: Tab reaches them last,
            # and the dialog opens on its first field, not on Save.
            from app.ui.focus_order import focus_first_input, move_to_end

            self._focus_arranged = True
            buttons = sorted(self.buttons.buttons(), key=lambda b: b.mapTo(self.buttons, QPoint(0, 0)).x())
            move_to_end(self, buttons)
            focus_first_input(self)

    def fit_screen(self) -> None:
        """Keep the whole window on the screen: at 150 % on a 1366×768 laptop the screen is 911×512
        logical pixels and the contract editor (1180×690) or the gmina profile (780 high) ran off its
        edge with Save below it. Such a dialog is made as large as the screen and its fields scroll."""
        need = self.size().expandedTo(self.minimumSizeHint())
        if screen_limit(self).expandedTo(need) == screen_limit(self):
            return
        index = self.main_layout.indexOf(self.body)
        self.main_layout.removeWidget(self.body)
        # a child of the dialog from the start, its wrapper kept on the dialog
        self.screen_scroll = scroll = QScrollArea(self)
        scroll.setObjectName("fitScreen")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from field to field, not to the frame
        scroll.setWidget(self.body)
        self.main_layout.insertWidget(index, scroll, 1)
        # at once, not when the layout gets round to it: the first field takes the focus next
        scroll.show()
        self.body.show()
        self.setMinimumSize(0, 0)
        keep_on_screen(self, need)

    # ---- building --------------------------------------------------------------------------

    @staticmethod
    def new_form() -> QFormLayout:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return form

    def use_tabs(self) -> QTabWidget:
        """Replace the single form by tabs; add pages with `add_tab` (each page gets its own form)."""
        self.body_layout.removeItem(self.form)
        tabs = QTabWidget()
        self.body_layout.addWidget(tabs)
        self.tabs = tabs
        return tabs

    def add_tab(self, title: str, scroll: bool = False) -> QFormLayout:
        """A new tab page with a form; subsequent `add_field` calls go to it."""
        page = QWidget()
        form = self.new_form()
        page.setLayout(form)
        if scroll:
            area = QScrollArea()
            area.setWidgetResizable(True)
            area.setFrameShape(QScrollArea.Shape.NoFrame)
            area.setWidget(page)
            self.tabs.addTab(area, title)
        else:
            self.tabs.addTab(page, title)
        self.form = form
        return form

    def add_input(self, spec: FieldSpec, *, form: QFormLayout | None = None) -> Editor:
        """Add a field from its description: the shared editor (app/ui/widgets/fields.py) in a row
        "label: input" with its hint and error line; returns the editor (`value()`, `set_value()`).

        `spec.key` = the *Input attribute / FieldError.field; `spec.label` is already translated.
        """
        editor = make_editor(spec, parent=self)
        self.add_field(
            spec.key,
            spec.label,
            editor.widget,
            required=spec.required,
            hint=spec.help,
            form=form,
            buddy=editor.input,
            changed=editor.changed,
        )
        self.editors[spec.key] = editor
        return editor

    def add_field(
        self,
        name: str,
        label: str,
        widget: W,
        *,
        required: bool = False,
        hint: str = "",
        form: QFormLayout | None = None,
        buddy: QWidget | None = None,
        changed: SignalInstance | None = None,
    ) -> W:
        """Add a row "label: widget" with an error line under the widget; returns the widget.

        `name` = the *Input attribute / FieldError.field; `label` is already translated. A field
        described by a FieldSpec goes through `add_input` instead (the one recipe); this places a
        composite input of the dialog's own (a table with its buttons, a filtered list).
        """
        form = form or self.form
        container = QWidget()
        box = QVBoxLayout(container)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(widget)
        if hint:
            hint_label = QLabel(hint)
            hint_label.setWordWrap(True)
            # QFormLayout sizes the row for the whole field column but gives a non-expanding field
            # only its size hint: the wrapped hint then got too few lines' height and was cut off.
            # The hint takes the column's width; the field keeps its own width on the left.
            hint_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            if widget.sizePolicy().horizontalPolicy() not in (
                QSizePolicy.Policy.Expanding,
                QSizePolicy.Policy.MinimumExpanding,
            ):
                box.setAlignment(widget, Qt.AlignmentFlag.AlignLeft)
            hint_label.setStyleSheet("color: palette(mid);")
            box.addWidget(hint_label)
        error_label = QLabel()
        error_label.setProperty("role", "fieldError")
        error_label.setObjectName(f"error_{name}")
        error_label.setWordWrap(True)
        error_label.hide()
        box.addWidget(error_label)
        text = label + (" *" if required else "")
        row_label = QLabel(text + ":")
        row_label.setBuddy(buddy or widget)
        form.addRow(row_label, container)
        widget.setObjectName(widget.objectName() or f"field_{name}")
        widget.setAccessibleName(label)
        # A composite field (a table with its buttons, a filter above a list): its one list or table
        # is what a screen reader lands on, so it carries the row's name too.
        views = [
            v
            for v in widget.findChildren(QAbstractItemView)
            if not v.accessibleName() and not isinstance(v.parentWidget(), QAbstractItemView)
        ]
        if len(views) == 1:
            views[0].setAccessibleName(label)
        if isinstance(widget, DateEdit):
            widget.set_inline_errors(False)  # the validator's message appears under the field
        self._fields[name] = _FieldSlot(name, widget, error_label, container)
        self._connect_changes(name, widget, changed)
        return widget

    def alias(self, error_field: str, shown_on: str) -> None:
        """Show errors the service reports for `error_field` on the widget of `shown_on`."""
        self._aliases[error_field] = shown_on

    def field_widget(self, name: str) -> QWidget:
        return self._fields[name].widget

    def _connect_changes(self, name: str, widget: QWidget, editor_changed: SignalInstance | None = None) -> None:
        def touched(*_args: Any) -> None:
            self._fields[name].touched = True
            self._validate_timer.start()

        # a composite field (CheckList, DateEdit, a rows editor) says itself when it changed
        changed = getattr(widget, "changed", None)
        signal: SignalInstance | None = None
        if editor_changed is not None:
            signal = editor_changed
        elif isinstance(changed, SignalInstance):
            signal = changed
        elif isinstance(widget, QLineEdit):
            signal = widget.textEdited
        elif isinstance(widget, QPlainTextEdit):
            signal = widget.textChanged
        elif isinstance(widget, QComboBox):
            signal = widget.currentIndexChanged
        elif isinstance(widget, QSpinBox):
            signal = widget.valueChanged
        elif isinstance(widget, QAbstractButton):
            signal = widget.toggled
        if signal is not None:
            signal.connect(touched)

    # ---- to implement ----------------------------------------------------------------------

    def collect(self) -> Any:
        raise NotImplementedError

    def validate(self, data: Any) -> list[FieldError]:
        return []

    def save(self, data: Any) -> Any:
        raise NotImplementedError

    # ---- validation ------------------------------------------------------------------------

    def validate_now(self, *, all_fields: bool = False) -> list[FieldError]:
        """Run the service's validator and mark the fields; untouched fields stay quiet unless
        `all_fields` (on save)."""
        try:
            errors = self.validate(self.collect())
        except Exception:  # noqa: BLE001 - validation while typing must never crash the dialog
            log.exception("validation failed")
            return []
        if all_fields:
            for slot in self._fields.values():
                slot.touched = True
        self.show_errors(errors, only_touched=not all_fields)
        return errors

    def show_errors(self, errors: Sequence[FieldError], *, only_touched: bool = False) -> None:
        by_field: dict[str, list[FieldError]] = {}
        general: list[FieldError] = []
        for e in errors:
            name = self._aliases.get(e.field, e.field)
            if name in self._fields:
                by_field.setdefault(name, []).append(e)
            else:
                general.append(e)
        for name, slot in self._fields.items():
            problems = by_field.get(name, [])
            if only_touched and not slot.touched:
                problems = []
            self._mark(slot, problems)
        if general and not only_touched:
            self.general_error.setText("\n".join(str(e) for e in general))
            self.general_error.show()
        elif not general:
            self.general_error.hide()

    def _mark(self, slot: _FieldSlot, problems: list[FieldError]) -> None:
        invalid = bool(problems)
        # a composite field (a date) shows the frame on its input, the focus proxy
        for widget in {slot.widget, slot.widget.focusProxy() or slot.widget}:
            if widget.property("invalid") != invalid:
                widget.setProperty("invalid", invalid)
                # Re-polish so the style sheet notices the changed property.
                widget.style().unpolish(widget)
                widget.style().polish(widget)
                widget.update()
        if invalid:
            # "NIP: Ten NIP ma błędną cyfrę kontrolną…" – the message names the field.
            text = "\n".join(str(e) for e in problems)
            slot.error_label.setText(text)
            slot.error_label.show()
            slot.widget.setToolTip(text)
        else:
            slot.error_label.hide()
            slot.error_label.clear()
            slot.widget.setToolTip("")

    def error_text(self, name: str) -> str:
        """The error shown under field `name` ("" when none) – for tests and accessibility."""
        slot = self._fields[name]
        return slot.error_label.text() if not slot.error_label.isHidden() else ""

    def is_invalid(self, name: str) -> bool:
        return bool(self._fields[name].widget.property("invalid"))

    # ---- saving ----------------------------------------------------------------------------

    def try_save(self) -> bool:
        """Validate everything, save through the service, close on success. True when saved."""
        self._validate_timer.stop()
        if reads_only(getattr(self, "db", None)):  # Enter in a field presses Save even when disabled
            self.show_message(_(READ_ONLY_TIP))
            return False
        data = self.collect()
        errors = self.validate(data)
        if errors:
            for slot in self._fields.values():
                slot.touched = True
            self.show_errors(errors)
            self._focus_first_error(errors)
            return False
        try:
            record = self.save(data)
        except ValidationFailed as exc:
            for slot in self._fields.values():
                slot.touched = True
            self.show_errors(exc.errors)
            self._focus_first_error(exc.errors)
            return False
        except UserFacingError as exc:
            self.show_message(exc.message)
            return False
        except Exception:  # noqa: BLE001 - no traceback for the clerk; the log keeps it
            log.exception("saving failed in %s", type(self).__name__)
            self.show_message(_("The record could not be saved. Nothing was changed. Details are in the log file."))
            return False
        self.saved_record = record
        self.saved_id = getattr(record, "id", None)
        self.saved.emit(record)
        self.accept()
        return True

    # ---- leaving -----------------------------------------------------------------------------

    def is_dirty(self) -> bool:
        """Whether the form holds input that is not saved (compared with what it first showed)."""
        if self._snapshot is None or self.result() == QDialog.DialogCode.Accepted:
            return False
        try:
            return bool(self.collect() != self._snapshot)
        except Exception:  # noqa: BLE001 - unreadable input is still input the clerk typed
            return True

    def reject(self) -> None:
        """Esc, Cancel, the close button: typed data is never thrown away without a question."""
        from app.ui.widgets.unsaved import confirm_leave

        # try_save closes the window itself when it saved
        if (
            confirm_leave(self, _("The data typed in this window have not been saved."), self.is_dirty(), self.try_save)
            and self.isVisible()
        ):
            super().reject()

    def show_message(self, message: str) -> None:
        if message:  # an empty message = the clerk cancelled a confirmation; nothing to say
            QMessageBox.warning(self, _("Cannot save"), message)

    def ask_confirmation(self, message: str) -> bool:
        answer = QMessageBox.question(
            self,
            _("Confirm"),
            message,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def save_checked(self, call: Callable[[bool], T]) -> T:
        """Run a service call made with ``law_check=True``: `call(acknowledge_warnings)`.

        An error of the act refuses the save (RuleViolation, shown by `try_save`); warnings are
        listed and the clerk decides whether to save anyway (then the call is repeated with True).
        """
        from app.core.services.law_guard import NeedsConfirmation

        try:
            return call(False)
        except NeedsConfirmation as exc:
            if not self.ask_confirmation(exc.message):
                raise UserFacingError("") from None  # back to the form, nothing saved
            return call(True)

    def _focus_first_error(self, errors: Sequence[FieldError]) -> None:
        for e in errors:
            name = self._aliases.get(e.field, e.field)
            if name in self._fields:
                widget = self._fields[name].widget
                # Bring its tab to the front when the dialog has tabs.
                tabs = getattr(self, "tabs", None)
                if tabs is not None:
                    for i in range(tabs.count()):
                        if tabs.widget(i).isAncestorOf(widget):
                            tabs.setCurrentIndex(i)
                            break
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
                return

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        # Enter saves from any single-line field (QDialog only does it through the default button,
        # which combo boxes and date edits swallow).
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not isinstance(self.focusWidget(), QPlainTextEdit):
            self.try_save()
            return
        super().keyPressEvent(event)
