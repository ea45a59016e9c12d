"""Editor of one organisation: identity and register, address and contacts, areas and spheres."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QDialogButtonBox, QLineEdit, QSizePolicy, QWidget

from app.core.db.engine import Database
from app.core.domain.enums import LegalForm, RegistryType
from app.core.domain.records import OrganisationInput, OrganisationRecord
from app.core.errors import FieldError
from app.core.i18n import _, ngettext
from app.core.identifiers import format_nip, is_valid_nip, normalize_krs, normalize_nip
from app.core.services import organisations as service
from app.ui.widgets.form import CheckList, EnumCombo, RecordDialog, area_items, multiline, sphere_items, text_of


#: the register an organisation of a legal form is entered in (only where there is one answer)
_REGISTRY_FOR_FORM = {
    LegalForm.STOWARZYSZENIE: RegistryType.KRS,
    LegalForm.FUNDACJA: RegistryType.KRS,
    LegalForm.OSP: RegistryType.KRS,
    LegalForm.SPOLDZIELNIA_SOCJALNA: RegistryType.KRS,
    LegalForm.SPOLKA_NON_PROFIT: RegistryType.KRS,
    LegalForm.STOWARZYSZENIE_ZWYKLE: RegistryType.EWIDENCJA_STAROSTY,
    LegalForm.UKS: RegistryType.EWIDENCJA_STAROSTY,
    LegalForm.KGW: RegistryType.REJESTR_KGW,
    LegalForm.KOSCIELNA_OSOBA_PRAWNA: RegistryType.KOSCIELNA,
}


def _line(max_width: int | None = None, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    if max_width:
        edit.setMaximumWidth(max_width)
    if placeholder:
        edit.setPlaceholderText(placeholder)
    return edit


class OrganisationDialog(RecordDialog):
    """New organisation (`org_id` None) or an existing one; saves through the organisation service."""

    #: ("organisation_contracts", id): the clerk asked for this organisation's contracts
    link_requested = Signal(str, object)

    def __init__(self, db: Database, org_id: int | None = None, parent: QWidget | None = None) -> None:
        title = _("New organisation") if org_id is None else _("Organisation")
        super().__init__(title, parent)
        self.db = db
        self.org_id = org_id
        L = service.LABELS  # noqa: N806 - the field names the service uses in its messages

        self.use_tabs()
        # -- identity and register ----------------------------------------------------------
        self.add_tab(_("Identity and register"))
        self.name = self.add_field("name", _(L["name"]), _line(), required=True)
        self.name.setMinimumWidth(420)
        self.short_name = self.add_field("short_name", _(L["short_name"]), _line(300))
        self.legal_form = self.add_field("legal_form", _(L["legal_form"]),
                                         EnumCombo(LegalForm, empty_text=_("— choose —")), required=True)
        self.registry_type = self.add_field("registry_type", _(L["registry_type"]),
                                            EnumCombo(RegistryType, empty_text=_("— choose —")), required=True)
        self.registry_number = self.add_field(
            "registry_number", _(L["registry_number"]), _line(220),
            hint=_("For KRS enter up to 10 digits; zeros are added in front (123456 → 0000123456)."))
        self.nip = self.add_field("nip", _(L["nip"]), _line(220, "000-000-00-00"))
        self.regon = self.add_field("regon", _(L["regon"]), _line(220, _("9 or 14 digits")))
        self.opp_status = self.add_field("opp_status", _("Public benefit status"),
                                         QCheckBox(_("public benefit organisation (OPP)")))
        self.active = self.add_field("active", _("Active"), QCheckBox(_("active (cooperates with the gmina)")))
        self.active.setChecked(True)
        # -- address and contacts -----------------------------------------------------------
        self.add_tab(_("Address and contacts"))
        self.street = self.add_field("street", _("Street and number"), _line())
        self.postal_code = self.add_field("postal_code", _(L["postal_code"]), _line(100, "00-000"))
        self.city = self.add_field("city", _("City"), _line(300))
        self.email = self.add_field("email", _(L["email"]), _line(300))
        self.phone = self.add_field("phone", _("Phone"), _line(200))
        self.website = self.add_field("website", _("Website"), _line(300))
        self.contact_person = self.add_field("contact_person", _("Contact person"), _line(300))
        self.contact_email = self.add_field("contact_email", _(L["contact_email"]), _line(300))
        self.contact_phone = self.add_field("contact_phone", _("Contact person's phone"), _line(200))
        # -- areas and spheres --------------------------------------------------------------
        self.add_tab(_("Areas and spheres"))
        self.areas = self.add_field("areas", _(L["areas"]), CheckList(area_items()))
        # all nine areas visible without scrolling; the long sphere list takes the remaining height
        self.areas.setFixedHeight(self.areas.sizeHintForRow(0) * self.areas.count() + 2 * self.areas.frameWidth() + 4)
        # its row keeps that height: the spare height went round the list as empty bands
        self._fields["areas"].container.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.spheres = self.add_field("spheres", _("Spheres (art. 4)"), CheckList(sphere_items()))
        self.spheres.setMinimumHeight(160)
        self.add_tab(_("Notes"))
        self.notes = self.add_field("notes", _("Notes"), multiline(8))

        self.contracts_button = self.buttons.addButton(_("Contracts of this organisation"),
                                                       QDialogButtonBox.ButtonRole.ActionRole)
        self.contracts_button.setObjectName("contractsButton")
        self.contracts_button.setAutoDefault(False)
        self.contracts_button.setToolTip(_("Close this window and show the organisation's contracts"))
        self.contracts_button.setVisible(org_id is not None)
        self.contracts_button.clicked.connect(self.show_contracts)
        self.legal_form.currentIndexChanged.connect(self._suggest_registry)
        self.registry_number.editingFinished.connect(self._normalise_registry_number)
        self.nip.editingFinished.connect(self._normalise_nip)
        self.resize(760, 560)
        if org_id is not None:
            self.load(service.get_organisation(db, org_id))
        self._snapshot = self.collect()

    def load(self, record: OrganisationRecord) -> None:
        self.record = record
        #: the version the form was filled from; the save names it (issue 19: another seat may save first)
        self._opened_version: int | None = record.version
        self.name.setText(record.name)
        self.short_name.setText(record.short_name)
        self.legal_form.set_value(record.legal_form)
        self.registry_type.set_value(record.registry_type)
        self.registry_number.setText(record.registry_number)
        self.nip.setText(format_nip(record.nip) if record.nip else "")
        self.regon.setText(record.regon)
        self.opp_status.setChecked(record.opp_status)
        self.active.setChecked(record.active)
        self.street.setText(record.street)
        self.postal_code.setText(record.postal_code)
        self.city.setText(record.city)
        self.email.setText(record.email)
        self.phone.setText(record.phone)
        self.website.setText(record.website)
        self.contact_person.setText(record.contact_person)
        self.contact_email.setText(record.contact_email)
        self.contact_phone.setText(record.contact_phone)
        self.areas.set_values(record.areas)
        self.spheres.set_values(record.spheres)
        self.notes.setPlainText(record.notes)
        if record.contracts_count:
            self.setWindowTitle(
                ngettext("{name} – party to {count} contract", "{name} – party to {count} contracts",
                         record.contracts_count).format(name=record.name, count=record.contracts_count))
        else:
            self.setWindowTitle(record.name)

    def show_contracts(self) -> None:
        """Close the editor (asking first if something was changed) and open the Contracts list."""
        if self.org_id is None:
            return
        self.reject()  # asks "Zapisz / Odrzuć / Anuluj" when something was changed
        if self.isVisible():  # "Anuluj": the clerk stays with the changes
            return
        self.link_requested.emit("organisation_contracts", self.org_id)

    # ---- RecordDialog ----------------------------------------------------------------------

    def collect(self) -> OrganisationInput:
        return OrganisationInput(
            name=self.name.text(), short_name=self.short_name.text(), legal_form=self.legal_form.value(),
            registry_type=self.registry_type.value(), registry_number=self.registry_number.text(),
            nip=self.nip.text(), regon=self.regon.text(), street=self.street.text(),
            postal_code=self.postal_code.text(), city=self.city.text(), email=self.email.text(),
            phone=self.phone.text(), website=self.website.text(), contact_person=self.contact_person.text(),
            contact_email=self.contact_email.text(), contact_phone=self.contact_phone.text(),
            opp_status=self.opp_status.isChecked(), active=self.active.isChecked(),
            notes=text_of(self.notes), areas=self.areas.values(), spheres=self.spheres.values(),
            expected_version=getattr(self, "_opened_version", None),
        )

    def validate(self, data: OrganisationInput) -> list[FieldError]:
        return service.validate_organisation(data)

    def save(self, data: OrganisationInput) -> OrganisationRecord:
        if self.org_id is None:
            return service.create_organisation(self.db, data)
        return service.update_organisation(self.db, self.org_id, data)

    # ---- conveniences ----------------------------------------------------------------------

    def _suggest_registry(self) -> None:
        """The register that goes with the legal form, chosen for the clerk while none is chosen
        (a registered association is in the KRS, art. 17 Prawa o stowarzyszeniach; an ordinary one
        in the starosta's register, art. 40a; a KGW in the ARiMR register); a choice is never changed."""
        form = self.legal_form.value()
        suggested = None if form is None else _REGISTRY_FOR_FORM.get(form)
        if suggested is not None and self.registry_type.value() is None:
            self.registry_type.set_value(suggested)

    def _normalise_registry_number(self) -> None:
        """A KRS number is shown with its leading zeros as soon as the clerk leaves the field."""
        if self.registry_type.value() is RegistryType.KRS:
            krs = normalize_krs(self.registry_number.text())
            if krs and krs != self.registry_number.text():
                self.registry_number.setText(krs)

    def _normalise_nip(self) -> None:
        digits = normalize_nip(self.nip.text())
        if digits and is_valid_nip(digits):
            formatted = format_nip(digits)
            if formatted != self.nip.text():
                self.nip.setText(formatted)
