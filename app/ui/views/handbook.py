""" "Podręcznik": chapter list, search, the chapter text and its self-check quiz."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.core import handbook
from app.core.errors import UserFacingError
from app.core.i18n import _


class HandbookView(QWidget):
    def __init__(self, db: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.current_id: str | None = None
        self.quiz_groups: list[QButtonGroup] = []
        lay = QVBoxLayout(self)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(_("Search the handbook…"))
        self.search.setAccessibleName(_("Search the handbook"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search)
        lay.addWidget(self.search)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        self.list = QListWidget(split)
        self.list.setObjectName("chapters")
        self.list.setAccessibleName(_("Chapters"))
        self.list.setWordWrap(True)
        self.list.currentItemChanged.connect(self._item_changed)
        right = QWidget(split)
        rlay = QVBoxLayout(right)
        rlay.setContentsMargins(0, 0, 0, 0)
        self.text = QTextBrowser(right)
        self.text.setObjectName("chapter_text")
        self.text.setOpenExternalLinks(False)
        rlay.addWidget(self.text, 3)
        self.quiz_box = QGroupBox(_("Check yourself"), right)
        qouter = QVBoxLayout(self.quiz_box)
        self.quiz_scroll = QScrollArea(self.quiz_box)
        self.quiz_scroll.setWidgetResizable(True)
        qouter.addWidget(self.quiz_scroll)
        row = QHBoxLayout()
        self.check_button = QPushButton(_("Check answers"), self.quiz_box)
        self.check_button.clicked.connect(self.check_quiz)
        self.quiz_result = QLabel("", self.quiz_box)
        self.quiz_result.setWordWrap(True)
        row.addWidget(self.check_button)
        row.addWidget(self.quiz_result, 1)
        qouter.addLayout(row)
        rlay.addWidget(self.quiz_box, 2)
        split.addWidget(self.list)
        split.addWidget(right)
        split.setSizes([260, 700])
        lay.addWidget(split, 1)
        self.error = QLabel("", self)
        self.error.setStyleSheet("color: #b00020;")
        self.error.hide()
        lay.addWidget(self.error)
        self.refresh()

    def refresh(self) -> None:
        self._fill(None)
        if self.current_id is None and self.list.count():
            self.list.setCurrentRow(0)

    def _fill(self, hits: list[handbook.SearchHit] | None) -> None:
        try:
            items = (
                [(c.id, c.title, "") for c in handbook.chapters()]
                if hits is None
                else [(h.chapter_id, h.title, h.snippet) for h in hits]
            )
        except UserFacingError as exc:
            self.error.setText(exc.message)
            self.error.show()
            return
        keep = self.current_id
        self.list.blockSignals(True)
        self.list.clear()
        for cid, title, snippet in items:
            item = QListWidgetItem(title + (f"\n{snippet}" if snippet else ""), self.list)
            item.setData(Qt.ItemDataRole.UserRole, cid)
            if cid == keep:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)

    def _search(self, text: str) -> None:
        self._fill(handbook.search(text) if text.strip() else None)
        if text.strip() and self.list.count():
            self.list.setCurrentRow(0)

    def _item_changed(self, item: QListWidgetItem | None, _previous: Any = None) -> None:
        if item is not None:
            self.open_chapter(str(item.data(Qt.ItemDataRole.UserRole)))

    def open_chapter(self, chapter_id: str) -> None:
        try:
            c = handbook.chapter(chapter_id)
        except UserFacingError as exc:
            self.error.setText(exc.message)
            self.error.show()
            return
        self.error.hide()
        self.current_id = chapter_id
        self.text.setMarkdown(c.text)
        for i in range(self.list.count()):
            if self.list.item(i).data(Qt.ItemDataRole.UserRole) == chapter_id:
                self.list.blockSignals(True)
                self.list.setCurrentRow(i)
                self.list.blockSignals(False)
        self._build_quiz(c)

    def _build_quiz(self, c: handbook.Chapter) -> None:
        # a fresh body per chapter: the scroll area deletes the previous one (no leftover questions)
        self.quiz_body = QWidget(self.quiz_scroll)
        self.quiz_layout = QVBoxLayout(self.quiz_body)
        self.quiz_groups = []
        for n, q in enumerate(c.quiz, 1):
            label = QLabel(f"{n}. {q.text}", self.quiz_body)
            label.setWordWrap(True)
            self.quiz_layout.addWidget(label)
            group = QButtonGroup(self.quiz_body)
            for i, option in enumerate(q.options):
                rb = QRadioButton(option, self.quiz_body)
                group.addButton(rb, i)
                self.quiz_layout.addWidget(rb)
            self.quiz_groups.append(group)
        self.quiz_layout.addStretch(1)
        self.quiz_scroll.setWidget(self.quiz_body)
        answers = [b for g in self.quiz_groups for b in g.buttons()]
        if answers:  # the answers are built after "Check answers": Tab reaches it after them
            QWidget.setTabOrder(answers[-1], self.check_button)
        self.quiz_result.setText("")
        self.quiz_box.setVisible(bool(c.quiz))

    def choose(self, question: int, option: int) -> None:
        self.quiz_groups[question].button(option).setChecked(True)

    def check_quiz(self) -> handbook.QuizScore | None:
        if self.current_id is None:
            return None
        answers = {i: (g.checkedId() if g.checkedId() >= 0 else None) for i, g in enumerate(self.quiz_groups)}
        score = handbook.score_quiz(self.current_id, answers)
        text = _("Correct answers: {correct} of {total}.").format(correct=score.correct, total=score.total)
        if score.mistakes:
            text += " " + " ".join(_("Question {n}: {why}").format(n=n, why=why) for n, why in score.mistakes)
        self.quiz_result.setText(text)
        return score
