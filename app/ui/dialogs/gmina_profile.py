"""The gmina's profile (Plik → Profil gminy): name, type, executive body, address, TERYT, NIP, REGON
and the logo / coat of arms printed on documents."""

from __future__ import annotations

from pathlib import Path
from typing import cast

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCompleter,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.core.db.engine import Database
from app.core.domain.enums import ExecutiveTitle, JstType
from app.core.domain.gmina_names import VOIVODESHIPS
from app.core.domain.records import GminaInput, GminaRecord
from app.core.errors import FieldError, os_reason
from app.core.i18n import _
from app.core.identifiers import format_nip, is_valid_nip, normalize_nip
from app.core.services import gmina as service
from app.ui.widgets.fields import FieldSpec, LineEditor, enum_choice
from app.ui.widgets.form import RecordDialog

#: the largest image accepted as a logo (it is stored in the database and printed small)
MAX_LOGO_BYTES = 2 * 1024 * 1024
PREVIEW_SIZE = 96


class LogoChooser(QWidget):
    """Preview of the logo / coat of arms with "Choose…" and "Remove"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        #: None = unchanged, b"" = remove, bytes = new image
        self.new_data: bytes | None = None
        self.filename = ""
        self.preview = QLabel()
        self.preview.setObjectName("logoPreview")
        self.preview.setFixedSize(PREVIEW_SIZE, PREVIEW_SIZE)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("border: 1px solid palette(mid); background: palette(base);")
        self.name_label = QLabel()
        self.name_label.setWordWrap(True)
        self.choose_button = QPushButton(_("Choose image…"))
        self.remove_button = QPushButton(_("Remove"))
        self.choose_button.clicked.connect(self.choose)
        self.remove_button.clicked.connect(self.remove)
        side = QVBoxLayout()
        side.addWidget(self.name_label)
        side.addWidget(self.choose_button)
        side.addWidget(self.remove_button)
        side.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.preview)
        layout.addLayout(side)
        layout.addStretch(1)
        self.show_image(None, "")

    def show_image(self, data: bytes | None, filename: str) -> bool:
        """Show `data` (PNG/JPEG/…); False when it is not an image Qt can read."""
        self.filename = filename
        if not data:
            self.preview.setPixmap(QPixmap())
            self.preview.setText(_("no image"))
            self.name_label.setText(_("Logo or coat of arms printed on documents (PNG or JPEG)."))
            self.remove_button.setEnabled(False)
            return True
        pixmap = QPixmap()
        if not pixmap.loadFromData(data):
            return False
        self.preview.setPixmap(
            pixmap.scaled(
                PREVIEW_SIZE - 4,
                PREVIEW_SIZE - 4,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )
        self.name_label.setText(filename or _("image"))
        self.remove_button.setEnabled(True)
        return True

    def load_file(self, path: Path) -> str | None:
        """Take the image at `path`; returns an error message or None."""
        try:
            data = path.read_bytes()
        except OSError as exc:
            return _("The file cannot be read: {error}").format(error=os_reason(exc))
        if len(data) > MAX_LOGO_BYTES:
            return _("The image is too large (at most 2 MB).")
        if not self.show_image(data, path.name):
            return _("This file is not an image (choose a PNG or JPEG file).")
        self.new_data = data
        return None

    def choose(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, _("Choose the logo or coat of arms"), "", _("Images (*.png *.jpg *.jpeg *.bmp *.gif)")
        )
        if name:
            error = self.load_file(Path(name))
            if error:
                self.name_label.setText(error)

    def remove(self) -> None:
        self.new_data = b""
        self.show_image(None, "")


class GminaProfileDialog(RecordDialog):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(_("Gmina profile"), parent)
        self.db = db
        self.is_demo = False
        L = service.LABELS  # noqa: N806
        self.name = self._line(
            "name", _(L["name"]), required=True, help=_("As in documents, e.g. “Gmina Przykładowo”.")
        )
        self.name.edit.setMinimumWidth(380)
        self.jst_type = self.add_input(
            FieldSpec("jst_type", _(L["jst_type"]), "choice", required=True, **enum_choice(JstType))
        )
        self.executive_title = self.add_input(
            FieldSpec(
                "executive_title", _(L["executive_title"]), "choice", required=True, **enum_choice(ExecutiveTitle)
            )
        )
        self.name_genitive = self._line(
            "name_genitive", _("Name in the genitive"), help=_("As in “Wójt Gminy Przykładowo”: “Gminy Przykładowo”.")
        )
        self.name_dative = self._line(
            "name_dative",
            _("Name in the dative"),
            help=_("As in “przysługuje Gminie Przykładowo”: “Gminie Przykładowo”."),
        )
        self.name_locative = self._line(
            "name_locative", _("Name in the locative"), help=_("As in “w Gminie Przykładowo”: “Gminie Przykładowo”.")
        )
        self.council_name = self._line("council_name", _("Council"), placeholder=_("e.g. Rada Gminy Przykładowo"))
        #: how the documents will write the names: the clerk sees a wrong form before printing
        self.preview = QLabel()
        self.preview.setObjectName("namePreview")
        self.preview.setWordWrap(True)
        self.preview.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.preview.setMinimumHeight(self.preview.fontMetrics().lineSpacing() * 6 + 4)
        self.add_field("name_preview", _("In documents"), self.preview)
        self.street = self._line("street", _("Street and number"))
        self.postal_code = self._line("postal_code", _(L["postal_code"]), width=100, placeholder="00-000")
        self.city = self._line("city", _("City"))
        self.voivodeship = self._line("voivodeship", _("Voivodeship"), placeholder=_("e.g. podlaskie"))
        # the sixteen names the official journal's title is made from; any other text is reported in the preview
        completer = QCompleter(sorted(VOIVODESHIPS), self.voivodeship.edit)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.voivodeship.edit.setCompleter(completer)
        self.teryt = self._line("teryt", _(L["teryt"]), width=120)
        self.nip = self._line("nip", _(L["nip"]), width=180)
        self.regon = self._line("regon", _(L["regon"]), width=180)
        self.email = self._line("email", _(L["email"]))
        self.phone = self._line("phone", _("Phone"))
        self.bip_url = self._line("bip_url", _("BIP address"))
        self.logo = self.add_field("logo", _("Logo / coat of arms"), LogoChooser())
        for editor in (
            self.name,
            self.name_genitive,
            self.name_dative,
            self.name_locative,
            self.council_name,
            self.voivodeship,
        ):
            # also when the program sets the text (a record loaded): the preview follows what is shown
            editor.edit.textChanged.connect(self._update_preview)
        self.executive_title.changed.connect(self._update_preview)
        self.jst_type.changed.connect(self._suggest_executive)
        self.nip.edit.editingFinished.connect(self._format_nip)
        record = service.get_gmina(db)
        if record is not None:
            self.load(record)
        self._update_preview()
        self.resize(640, 760)

    def _line(
        self,
        key: str,
        label: str,
        *,
        width: int | None = None,
        placeholder: str | None = None,
        required: bool = False,
        help: str = "",
    ) -> LineEditor:  # noqa: A002 - FieldSpec's name
        return cast(
            LineEditor,
            self.add_input(FieldSpec(key, label, required=required, help=help, width=width, placeholder=placeholder)),
        )

    def load(self, r: GminaRecord) -> None:
        self.is_demo = r.is_demo
        self.jst_type.blockSignals(True)  # the stored title is kept, not re-suggested from the type
        try:
            for key, editor in self.editors.items():
                editor.set_value(getattr(r, key))
        finally:
            self.jst_type.blockSignals(False)
        self.nip.set_value(format_nip(r.nip) if r.nip else "")
        if r.has_logo:
            self.logo.show_image(service.get_gmina_logo(self.db), r.logo_filename)
        if r.is_demo:
            self.setWindowTitle(_("Gmina profile (demo data)"))

    def _suggest_executive(self) -> None:
        """The executive follows the type: wójt of a rural gmina, burmistrz of a town, prezydent of a city."""
        jst_type = self.jst_type.value()
        suggestion = (
            None
            if jst_type is None
            else {
                JstType.GMINA_WIEJSKA: ExecutiveTitle.WOJT,
                JstType.GMINA_MIEJSKO_WIEJSKA: ExecutiveTitle.BURMISTRZ,
                JstType.GMINA_MIEJSKA: ExecutiveTitle.BURMISTRZ,
                JstType.MIASTO_NPP: ExecutiveTitle.PREZYDENT,
                JstType.POWIAT: ExecutiveTitle.ZARZAD_POWIATU,
            }.get(jst_type)
        )
        if suggestion is not None:
            self.executive_title.set_value(suggestion)

    def _update_preview(self) -> None:
        self.preview.setText(
            service.name_preview(
                self.name.raw(),
                self.executive_title.value(),
                self.council_name.raw(),
                self.voivodeship.raw(),
                self.name_genitive.raw(),
                self.name_dative.raw(),
                self.name_locative.raw(),
            )
        )

    def _format_nip(self) -> None:
        digits = normalize_nip(self.nip.raw())
        if digits and is_valid_nip(digits) and format_nip(digits) != self.nip.raw():
            self.nip.set_value(format_nip(digits))

    def collect(self) -> GminaInput:
        return GminaInput(
            **{key: editor.value() for key, editor in self.editors.items()},
            logo=self.logo.new_data,
            logo_filename=self.logo.filename if self.logo.new_data else "",
            is_demo=self.is_demo,
        )

    def validate(self, data: GminaInput) -> list[FieldError]:
        return service.validate_gmina(data)

    def save(self, data: GminaInput) -> GminaRecord:
        return service.save_gmina(self.db, data)
