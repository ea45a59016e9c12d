"""One tool on screen: heading and guidance, the generic form on the left, results on the right,
"Oblicz" (calculate without saving) and "Zapisz" (store inputs and result for the chosen scope and year)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import FieldError, UserFacingError, ValidationFailed
from app.core.i18n import _
from app.ui.read_only import set_writable
from app.ui.tools.backend import Scope, ToolBackend
from app.ui.tools.form_renderer import ToolForm
from app.ui.tools.labels import localized_text, problem_text
from app.ui.tools.loader import busy_cursor
from app.ui.tools.result_panel import ResultPanel


def _scroll(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(widget)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    return area


class ToolPage(QWidget):
    """Form + results of one tool for one scope; emits `saved` after a successful save."""

    saved = Signal(str)  # tool id

    def __init__(
        self, tool: Any, backend: ToolBackend | None, scope: Scope | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.tool = tool
        self.backend = backend
        self.scope = scope
        title = QLabel(f"{tool.id} · {localized_text(tool, 'name')}")
        f = title.font()
        f.setBold(True)
        f.setPointSizeF(f.pointSizeF() * 1.2)
        title.setFont(f)
        title.setWordWrap(True)
        purpose = QLabel(localized_text(tool, "purpose"))
        purpose.setWordWrap(True)
        self.guidance = QLabel(localized_text(tool, "guidance"))
        self.guidance.setWordWrap(True)
        self.guidance.setStyleSheet("background: palette(alternate-base); padding: 6px;")
        self.guidance_toggle = QToolButton()
        self.guidance_toggle.setText(_("Handbook guidance"))
        self.guidance_toggle.setCheckable(True)
        self.guidance_toggle.setChecked(True)
        self.guidance_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.guidance_toggle.setArrowType(Qt.ArrowType.DownArrow)
        self.guidance_toggle.toggled.connect(self._toggle_guidance)
        self.handbook_button = QPushButton(_("In the handbook…"))
        self.handbook_button.setToolTip(_("The handbook chapter that explains this tool"))
        self.handbook_button.clicked.connect(self.open_handbook)
        self.handbook_dialog: QDialog | None = None
        self.scope_label = QLabel()
        self.scope_label.setWordWrap(True)

        importer = None
        if backend is not None:
            importer = lambda key, path: backend.rows_from_file(tool, key, path)  # noqa: E731
        self.form = ToolForm(tool, importer=importer)
        self.results = ResultPanel()
        self.form.changed.connect(self.results.set_stale)
        self.form.changed.connect(self._mark_dirty)
        # validate as you type, a moment after the last key (the core checks ranges, Likert 1–5…)
        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(400)
        self._check_timer.timeout.connect(self.check_values)
        self.form.changed.connect(self._check_timer.start)

        self.calculate_button = QPushButton(_("Calculate"))
        self.calculate_button.setDefault(True)
        self.calculate_button.clicked.connect(self.calculate)
        self.save_button = QPushButton(_("Save"))
        self.save_button.clicked.connect(self.save)
        self.status = QLabel()
        self.status.setWordWrap(True)
        # only while focus is in this page: the main window may use the same keys elsewhere
        for keys, slot in ((QKeySequence("Ctrl+Return"), self.calculate), (QKeySequence.StandardKey.Save, self.save)):
            shortcut = QShortcut(keys, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        #: the clerk typed something not yet saved (a refresh must not throw it away)
        self.dirty = False

        buttons = QHBoxLayout()
        buttons.addWidget(self.calculate_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.status, 1)

        left = QWidget()
        left_col = QVBoxLayout(left)
        left_col.addWidget(self.form)
        left_col.addStretch(1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(_scroll(left))
        split.addWidget(_scroll(self.results))
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        split.setSizes([540, 460])
        split.setChildrenCollapsible(False)
        self.splitter = split

        head = QHBoxLayout()
        head.addWidget(title, 1)
        head.addWidget(self.handbook_button, 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.guidance_toggle, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(purpose)
        layout.addWidget(self.guidance)
        layout.addWidget(self.scope_label)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)
        self.set_scope(scope)

    # ---- scope and loading ---------------------------------------------------------------------------

    def check_values(self) -> list[FieldError]:
        """Mark wrong values now (missing ones are only named by "Calculate")."""
        values, errors = self.form.values()
        if self.backend is not None:
            parsed = {e.field for e in errors}
            try:
                errors += [e for e in self.backend.validate(self.tool, values) if e.field not in parsed]
            except UserFacingError:
                pass
        self.form.show_errors(errors)
        return errors

    def _mark_dirty(self) -> None:
        self.dirty = True

    def confirm_leave(self) -> bool:
        """Before another tool, record or year replaces this form: ask "Zapisz / Odrzuć / Anuluj"
        when it holds typed data not saved (three J-06 participants vanished without a word)."""
        from app.ui.widgets.unsaved import confirm_leave

        return confirm_leave(
            self,
            _("The data typed in “{tool}” have not been saved.").format(tool=localized_text(self.tool, "name")),
            self.dirty,
            self.save,
        )

    def set_scope(self, scope: Scope | None) -> None:
        """Load the saved inputs and database values of this tool for `scope`, and its last result."""
        self.scope = scope
        self.dirty = False
        self.results.clear()
        self.status.clear()
        can_save = self.backend is not None and scope is not None and scope.id_ok
        set_writable(self.save_button, self.backend.db if self.backend is not None else None, can_save)
        if scope is None:
            self.scope_label.setText(_("Choose for what and which year the tool is filled in (above)."))
            self.form.set_values({}, {})
            return
        self.scope_label.setText(_("Filled in for: {scope}").format(scope=scope.label))
        if self.backend is None:
            return
        try:
            with busy_cursor():
                state = self.backend.load(self.tool, scope)
        except UserFacingError as exc:
            self.status.setText(exc.message)
            return
        self.form.set_values(state.saved, state.sources, state.origins)
        if state.result is not None:
            # on opening, what is missing is listed beside the form; fields turn red only after "Calculate"
            self._show(
                state.result,
                note=state.note,
                mark_fields=False,
                heading=_("To calculate this tool, enter:") if not state.result.ok else "",
            )

    def open_handbook(self) -> None:
        """The chapter that explains this tool, in a window beside the form."""
        from app.core.handbook import chapter_for_tool
        from app.ui.views.handbook import HandbookView

        dialog = QDialog(self)
        dialog.setWindowTitle(_("Handbook"))
        view = HandbookView(self.backend.db if self.backend is not None else None, dialog)
        view.open_chapter(chapter_for_tool(self.tool.id))
        QVBoxLayout(dialog).addWidget(view)
        dialog.resize(900, 640)
        dialog.show()
        self.handbook_dialog = dialog

    def _toggle_guidance(self, on: bool) -> None:
        self.guidance.setVisible(on)
        self.guidance_toggle.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)

    # ---- actions ------------------------------------------------------------------------------------

    def calculate(self) -> bool:
        """Compute from the form without saving; True when numbers are shown."""
        values, errors = self.form.values()
        if errors:
            self.form.show_errors(errors)
            self.results.show_messages(self.tool, [problem_text(e, self.tool) for e in errors])
            return False
        if self.backend is None or self.scope is None:
            return False
        try:
            with busy_cursor():
                view = self.backend.compute(self.tool, values, self.scope)
        except ValidationFailed as exc:
            self.form.show_errors(exc.errors)
            self.results.show_messages(self.tool, [problem_text(e, self.tool) for e in exc.errors])
            return False
        except UserFacingError as exc:
            self.results.show_messages(self.tool, [exc.message])
            return False
        except Exception:  # a bug must never show a traceback to the clerk
            import logging

            logging.getLogger(__name__).exception("computing %s failed", self.tool.id)
            self.results.show_messages(self.tool, [_("The tool could not be calculated; details are in the log.")])
            return False
        self._show(view)
        return bool(view.ok)

    def _show(self, view: Any, note: str = "", heading: str = "", mark_fields: bool = True) -> None:
        if view.ok:
            self.form.clear_errors()
            previous = None
            if self.backend is not None and self.scope is not None:
                try:
                    previous = self.backend.previous_result(self.tool, self.scope)
                except UserFacingError:
                    previous = None
            self.results.set_result(self.tool, view, note=note, previous=previous)
        else:
            if mark_fields:
                self.form.show_errors([p for p in view.problems if isinstance(p, FieldError) and p.field])
            self.results.show_messages(self.tool, [problem_text(p, self.tool) for p in view.problems], heading)

    def save(self) -> bool:
        if self.backend is None or self.scope is None or not self.save_button.isEnabled():
            return False
        values, errors = self.form.values()
        if errors:
            self.form.show_errors(errors)
            self.status.setText(_("Correct the marked fields before saving."))
            return False
        try:
            with busy_cursor():
                view = self.backend.save(self.tool, self.scope, values)
        except ValidationFailed as exc:
            self.form.show_errors(exc.errors)
            self.status.setText(_("Correct the marked fields before saving."))
            return False
        except UserFacingError as exc:
            QMessageBox.warning(self, _("Save"), exc.message)
            return False
        if view is not None:
            self._show(view)
        self.dirty = False
        self.status.setText(_("Saved for {scope}.").format(scope=self.scope.label))
        self.saved.emit(self.tool.id)
        return True
