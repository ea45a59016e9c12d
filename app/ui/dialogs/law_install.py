"""Installing updated law tables: what the chosen file changes, before the clerk confirms."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.core.i18n import N_, _
from app.core.law.install import LawChange, LawPreview
from app.ui.widgets.table_model import Column, ColumnKind, RowTableModel, read_only_view


def _or_dash(text: str) -> str:
    return text or "—"


#: a value the tables do not hold yet is shown as "—", never as an empty cell
COLUMNS: list[Column[LawChange]] = [
    Column(N_("Rule"), lambda c: c.where),
    Column(N_("What"), lambda c: c.what),
    Column(N_("Now"), lambda c: c.old, formatter=_or_dash),
    Column(N_("New"), lambda c: c.new, formatter=_or_dash),
    Column(N_("In force from"), lambda c: c.in_force_from, kind=ColumnKind.DATE),
]


class LawInstallDialog(QDialog):
    """Every changed parameter with its old and new value and the date it comes into force;
    "Install" is the only way on (Esc cancels, nothing is written)."""

    def __init__(self, preview: LawPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview = preview
        self.setWindowTitle(_("Install updated law tables"))
        intro = QLabel(
            _(
                "The file {path} ({table}) is valid. The checks will use these values from the dates "
                "shown; earlier dates keep the values in force then."
            ).format(path=preview.source, table=preview.table)
        )
        intro.setWordWrap(True)
        self.model: RowTableModel[LawChange] = RowTableModel(COLUMNS, self)
        self.model.set_rows(preview.changes)
        self.table = read_only_view(self.model, _("Changes in the law tables"), select_rows=False)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.resizeColumnsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.install_button = buttons.addButton(_("Install"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.install_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.setMinimumWidth(640)
