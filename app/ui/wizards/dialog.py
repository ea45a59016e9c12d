"""QWizard that renders a core wizard (app/core/wizards): one page per step, no rules of its own.

Next runs the core's `go_next` (validation, branches, prefill) and autosaves; Back runs `go_back`
and autosaves; closing saves what was typed on the page. A resumed wizard replays the saved path
so Back still works after a restart.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QLabel,
    QMessageBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.core.errors import UserFacingError, ValidationFailed
from app.core.i18n import _
from app.core.wizards import base, sessions
from app.core.wizards.base import STAGES, FinishResult, Step, WizardContext, WizardDef, WizardState
from app.ui.read_only import READ_ONLY_TIP, reads_only, set_writable
from app.ui.wizards.fields import FieldEditor
from app.ui.wizards.peers_panel import PeersPanel

log = logging.getLogger(__name__)


class StepPage(QWizardPage):
    def __init__(self, wizard: KreatorDialog, step: Step) -> None:
        super().__init__(wizard)
        self.kreator = wizard
        self.step = step
        self.setTitle(_(step.title))
        if step.heading:
            self.setSubTitle(step.heading)
        self.setObjectName(f"page_{step.id}")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget(scroll)
        lay = QVBoxLayout(body)
        guidance = QLabel(_(step.guidance), body)
        guidance.setWordWrap(True)
        guidance.setObjectName("guidance")
        guidance.setStyleSheet("padding: 6px; background: palette(alternate-base); border-radius: 4px;")
        lay.addWidget(guidance)
        self.editors: dict[str, FieldEditor] = {}
        for f in step.fields:
            editor = FieldEditor(f, body)
            editor.changed.connect(self._on_change)
            self.editors[f.key] = editor
            lay.addWidget(editor.container)
        self.info = QLabel("", body)
        self.info.setWordWrap(True)
        self.info.setObjectName("info")
        self.info.setTextFormat(Qt.TextFormat.RichText)
        self.info.setStyleSheet("padding: 6px; border: 1px solid palette(mid); border-radius: 4px;")
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.info)
        self.peers: PeersPanel | None = None
        self._peers_key: tuple[str, ...] | None = None
        if step.peers is not None:
            self.peers = PeersPanel(body)
            lay.addWidget(self.peers)
        self.page_error = QLabel("", body)
        self.page_error.setWordWrap(True)
        self.page_error.setStyleSheet("color: #b00020;")
        self.page_error.hide()
        lay.addWidget(self.page_error)
        lay.addStretch(1)
        scroll.setWidget(body)
        outer.addWidget(scroll)
        # tab order follows the fields top to bottom
        chain = [w for e in self.editors.values() for w in e.focus_widgets()]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)
        self._loading = False

    # ---- state <-> widgets ------------------------------------------------------------------------

    def typed(self) -> dict[str, Any]:
        return {key: e.value() for key, e in self.editors.items() if e.field.shown(self._merged_raw())}

    def _merged_raw(self) -> dict[str, Any]:
        merged = dict(self.kreator.state.answers)
        merged.update({key: e.value() for key, e in self.editors.items()})
        return merged

    def load(self) -> None:
        self._peers_key = None  # files may have been imported since the page was last shown
        self._loading = True
        try:
            answers = self.kreator.state.answers
            for key, e in self.editors.items():
                if e.field.kind in ("choice", "multi"):
                    e.set_options(base.options_of(e.field, self.kreator.ctx, answers))
                e.set_value(answers.get(key))
                e.set_error("")
            self.page_error.hide()
        finally:
            self._loading = False
        self._on_change()

    def _on_change(self) -> None:
        if self._loading:
            return
        merged = self._merged_raw()
        if self.step.derive is not None:
            derived = self.step.derive(self.kreator.ctx, merged)
            self._loading = True
            try:
                for key, value in derived.items():
                    if key in self.editors:
                        self.editors[key].set_value(value)
                    else:
                        self.kreator.state.answers[key] = value
            finally:
                self._loading = False
            merged.update(derived)
        for e in self.editors.values():
            e.set_visible(e.field.shown(merged))
        lines: list[str] = []
        if self.step.info is not None:
            try:
                lines = self.step.info(self.kreator.ctx, merged)
            except Exception:  # a half-typed value must never break the page
                log.exception("info of step %s failed", self.step.id)
        from html import escape

        self.info.setText("<br>".join("• " + escape(line) for line in lines))
        self.info.setVisible(bool(lines))
        peers_key = tuple(str(merged.get(k)) for k in self.step.peers_on)
        if self.peers is not None and self.step.peers is not None and peers_key != self._peers_key:
            self._peers_key = peers_key
            try:
                self.peers.show_panel(self.step.peers(self.kreator.ctx, merged))
            except Exception:  # other gminas' figures must never break the page
                log.exception("peers of step %s failed", self.step.id)

    def show_errors(self, errors: list[Any]) -> None:
        by_field: dict[str, list[str]] = {}
        for e in errors:
            by_field.setdefault(e.field, []).append(e.message)
        for key, editor in self.editors.items():
            editor.set_error("\n".join(by_field.pop(key, [])))
        rest = [f"{e.label}: {m}" for e in errors for m in [e.message] if e.field not in self.editors]
        self.page_error.setText("\n".join(rest))
        self.page_error.setVisible(bool(rest))
        for key in self.editors:
            if any(e.field == key for e in errors):
                self.editors[key].input.setFocus()
                break

    # ---- QWizard hooks ---------------------------------------------------------------------------------

    def initializePage(self) -> None:  # noqa: N802 (Qt)
        self.load()

    def cleanupPage(self) -> None:  # noqa: N802 (Qt) – called on Back
        # QWizard also cleans up every visited page when the dialog closes; that is not a Back
        if not self.kreator.replaying and not self.kreator.closing:
            base.go_back(self.kreator.state, self.typed())
            self.kreator.autosave()

    def validatePage(self) -> bool:  # noqa: N802 (Qt)
        k = self.kreator
        if k.replaying:
            return True
        if base.is_last(k.defn, k.state):
            k.state.answers.update(self.typed())
            return k.run_finish(self)
        errors = base.go_next(k.defn, k.ctx, k.state, self.typed())
        if errors:
            self.show_errors(errors)
            return False
        k.autosave()
        return True

    def nextId(self) -> int:  # noqa: N802 (Qt)
        k = self.kreator
        if k.replaying and k.replay_path:
            return k.page_ids[k.replay_path[0]]
        merged = self._merged_raw()
        nxt = self.step.next_id(merged)
        return -1 if nxt is None else k.page_ids[nxt]

    def isFinalPage(self) -> bool:  # noqa: N802 (Qt)
        return self.step.next_id(self._merged_raw()) is None


class SidePanel(QWidget):
    """The four stages (current in bold) and "Dlaczego to pytanie?" with the basis and a handbook link."""

    chapter_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None, stages: list[str] | None = None) -> None:
        super().__init__(parent)
        self.setFixedWidth(300)
        # only the stages the wizard covers: "Ocena roczna umowy" is all Monitoring, and ticking
        # Analiza/Przygotowanie/Wdrożenie as done there read as if the clerk had done them
        self.stages = [code for code in STAGES if stages is None or code in stages]
        lay = QVBoxLayout(self)
        progress = QGroupBox(_("Stages"), self)
        play = QVBoxLayout(progress)
        self.stage_labels: dict[str, QLabel] = {}
        for i, code in enumerate(self.stages, 1):
            label = QLabel(f"{i}. {_(STAGES[code])}", progress)
            label.setObjectName(f"stage_{code}")
            label.setWordWrap(True)
            play.addWidget(label)
            self.stage_labels[code] = label
        self.step_counter = QLabel("", progress)
        self.step_counter.setStyleSheet("color: palette(mid);")
        play.addWidget(self.step_counter)
        lay.addWidget(progress)
        why = QGroupBox(_("Why this question?"), self)
        wlay = QVBoxLayout(why)
        self.why = QLabel("", why)
        self.why.setWordWrap(True)
        self.why.setObjectName("why")
        self.basis = QLabel("", why)
        self.basis.setWordWrap(True)
        self.basis.setObjectName("basis")
        self.basis.setStyleSheet("color: palette(dark); font-style: italic;")
        self.link = QLabel("", why)
        self.link.setWordWrap(True)
        self.link.setTextFormat(Qt.TextFormat.RichText)
        self.link.linkActivated.connect(self.chapter_requested)
        wlay.addWidget(self.why)
        wlay.addWidget(self.basis)
        wlay.addWidget(self.link)
        lay.addWidget(why)
        lay.addStretch(1)

    def show_step(self, step: Step, position: int, total: int) -> None:
        order = self.stages
        for code, label in self.stage_labels.items():
            done = order.index(code) < order.index(step.stage)
            current = code == step.stage
            label.setStyleSheet("font-weight: bold;" if current else ("color: palette(mid);" if not done else ""))
            name = label.text().split(" ", 1)[1].removesuffix(" ✓").removeprefix("▶ ")
            prefix = f"{order.index(code) + 1}. "
            label.setText(prefix + ("▶ " if current else "") + name + (" ✓" if done else ""))
        self.step_counter.setText(_("Step {n} of {total}").format(n=position, total=total))
        self.why.setText(_(step.why))
        # tool numbers (W-02) read as tool names; the numbers stay in the tooltip (issue 15)
        from app.ui.tools.labels import tool_names_for_ids

        self.basis.setText(_("Basis: {basis}").format(basis=tool_names_for_ids(step.basis)) if step.basis else "")
        self.basis.setToolTip(step.basis)
        self.basis.setVisible(bool(step.basis))
        if step.chapter:
            from app.core.handbook import chapter_title

            self.link.setText(
                f'<a href="{step.chapter}">'
                + _("Handbook: {chapter}").format(chapter=chapter_title(step.chapter))
                + "</a>"
            )
        else:
            self.link.setText("")


class KreatorDialog(QWizard):
    """Runs one wizard; `result_data` holds the FinishResult after a successful finish."""

    chapter_requested = Signal(str)
    saved = Signal(int)

    def __init__(
        self,
        db: Any,
        defn: WizardDef,
        state: WizardState | None = None,
        *,
        ctx: WizardContext | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.defn = defn
        self.ctx = ctx or WizardContext(db)
        self.replaying = False
        self.closing = False
        self.replay_path: list[str] = []
        self.result_data: FinishResult | None = None
        self.setWindowTitle(_("Wizard: {title}").format(title=_(defn.title)))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.HaveHelpButton, False)
        for button, text in (
            (QWizard.WizardButton.BackButton, _("< Back")),
            (QWizard.WizardButton.NextButton, _("Next >")),
            (QWizard.WizardButton.FinishButton, _("Finish")),
            (QWizard.WizardButton.CancelButton, _("Close and continue later")),
        ):
            self.setButtonText(button, text)
        self.page_ids: dict[str, int] = {}
        self.pages: dict[str, StepPage] = {}
        for i, step_id in enumerate(defn.steps):
            step = defn.step(step_id)
            page = StepPage(self, step)
            self.page_ids[step.id] = i
            self.pages[step.id] = page
            self.setPage(i, page)
        self.side = SidePanel(self, [step.stage for step in defn.steps.values()])
        self.side.chapter_requested.connect(self.chapter_requested)
        self.currentIdChanged.connect(self._id_changed)
        self.setSideWidget(self.side)
        self.resize(1150, 700)
        resumed = state is not None
        self.state = state if state is not None else base.start(defn, self.ctx)
        self.setStartId(self.page_ids[defn.first])
        if resumed and (self.state.history or self.state.current != defn.first):
            self._pending_replay = list(self.state.history[1:]) + [self.state.current]
        else:
            self._pending_replay = []

    # ---- resume --------------------------------------------------------------------------------------

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt)
        super().showEvent(event)
        if self._pending_replay:
            self.replay(self._pending_replay)
            self._pending_replay = []

    def replay(self, path: list[str]) -> None:
        """Walk the saved path without checks so the QWizard's own history (for Back) matches the state."""
        saved_state = (list(self.state.history), self.state.current)
        self.replaying = True
        self.replay_path = list(path)
        try:
            while self.replay_path:
                self.next()
                self.replay_path.pop(0)
        finally:
            self.replaying = False
            self.state.history, self.state.current = saved_state
        self.on_page_shown(self.defn.step(self.state.current))

    # ---- autosave / finish ---------------------------------------------------------------------------

    def autosave(self) -> None:
        if self.db is None or reads_only(self.db):  # a reader walks a wizard through without keeping it
            return
        try:
            sessions.save(self.db, self.state)
            self.saved.emit(self.state.session_id or 0)
        except UserFacingError as exc:
            QMessageBox.warning(self, _("Wizard"), exc.message)

    def _id_changed(self, page_id: int) -> None:
        set_writable(self.button(QWizard.WizardButton.FinishButton), self.db)
        page = self.page(page_id)
        if isinstance(page, StepPage):
            self.on_page_shown(page.step)

    def on_page_shown(self, step: Step) -> None:
        if self.replaying:
            return
        planned = base.path(self.defn, self.state)
        position = planned.index(step.id) + 1 if step.id in planned else len(self.state.history) + 1
        # a branch not decided yet (e.g. before W-03) would shorten the path: count every step until then
        total = len(planned) if planned[-1] == step.id else max(len(planned), len(self.defn.steps))
        self.side.show_step(step, position, total)

    def run_finish(self, page: StepPage) -> bool:
        if reads_only(self.db):  # the Finish button is disabled; this guards Enter on the last page
            QMessageBox.warning(self, _("Wizard"), _(READ_ONLY_TIP))
            return False
        try:
            self.result_data = base.finish(self.defn, self.ctx, self.state)
        except ValidationFailed as exc:
            page.show_errors(exc.errors)
            return False
        except UserFacingError as exc:
            QMessageBox.warning(self, _("Wizard"), exc.message)
            return False
        self.autosave()
        return True

    def reject(self) -> None:
        """Closing keeps the wizard: what was typed on this page is saved too (unchecked)."""
        page = self.currentPage()
        if isinstance(page, StepPage) and not self.state.finished:
            self.state.answers.update(page.typed())
            self.autosave()
        super().reject()

    def done(self, result: int) -> None:
        self.closing = True
        super().done(result)
