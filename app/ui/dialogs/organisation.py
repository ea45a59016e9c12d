"""Editor of one organisation: identity and register, address and contacts, areas and spheres."""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialogButtonBox, QSizePolicy, QWidget

from app.core.db.engine import Database
from app.core.domain.enums import LegalForm, RegistryType
from app.core.domain.records import OrganisationInput, OrganisationRecord
from app.core.errors import FieldError
from app.core.i18n import _, ngettext
from app.core.identifiers import format_nip, is_valid_nip, normalize_krs, normalize_nip
from app.core.services import organisations as service
from app.ui.widgets.fields import FieldSpec, LineEditor, MultiEditor, enum_choice
from app.ui.widgets.form import RecordDialog, area_items, sphere_items

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
        self.name = self._line("name", _(L["name"]), required=True)
        self.name.input.setMinimumWidth(420)
        self.short_name = self._line("short_name", _(L["short_name"]), 300)
        self.legal_form = self.add_input(
            FieldSpec(
                "legal_form",
                _(L["legal_form"]),
                "choice",
                required=True,
                empty_choice=_("— choose —"),
                **enum_choice(LegalForm),
            )
        )
        self.registry_type = self.add_input(
            FieldSpec(
                "registry_type",
                _(L["registry_type"]),
                "choice",
                required=True,
                empty_choice=_("— choose —"),
                **enum_choice(RegistryType),
            )
        )
        self.registry_number = self._line(
            "registry_number",
            _(L["registry_number"]),
            220,
            help=_("For KRS enter up to 10 digits; zeros are added in front (123456 → 0000123456)."),
        )
        self.nip = self._line("nip", _(L["nip"]), 220, "000-000-00-00")
        self.regon = self._line("regon", _(L["regon"]), 220, _("9 or 14 digits"))
        self.opp_status = self.add_input(
            FieldSpec("opp_status", _("Public benefit status"), "bool", box_text=_("public benefit organisation (OPP)"))
        )
        self.active = self.add_input(
            FieldSpec("active", _("Active"), "bool", box_text=_("active (cooperates with the gmina)"))
        )
        self.active.set_value(True)
        # -- address and contacts -----------------------------------------------------------
        self.add_tab(_("Address and contacts"))
        self.street = self._line("street", _("Street and number"))
        self.postal_code = self._line("postal_code", _(L["postal_code"]), 100, "00-000")
        self.city = self._line("city", _("City"), 300)
        self.email = self._line("email", _(L["email"]), 300)
        self.phone = self._line("phone", _("Phone"), 200)
        self.website = self._line("website", _("Website"), 300)
        self.contact_person = self._line("contact_person", _("Contact person"), 300)
        self.contact_email = self._line("contact_email", _(L["contact_email"]), 300)
        self.contact_phone = self._line("contact_phone", _("Contact person's phone"), 200)
        # -- areas and spheres --------------------------------------------------------------
        self.add_tab(_("Areas and spheres"))
        self.areas = cast(
            MultiEditor, self.add_input(FieldSpec("areas", _(L["areas"]), "multi", options=area_items(), parse=tuple))
        )
        areas = self.areas.list
        # all nine areas visible without scrolling; the long sphere list takes the remaining height
        areas.setFixedHeight(areas.sizeHintForRow(0) * areas.count() + 2 * areas.frameWidth() + 4)
        # its row keeps that height: the spare height went round the list as empty bands
        self._fields["areas"].container.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.spheres = cast(
            MultiEditor,
            self.add_input(FieldSpec("spheres", _("Spheres (art. 4)"), "multi", options=sphere_items(), parse=tuple)),
        )
        self.spheres.list.setMinimumHeight(160)
        self.add_tab(_("Notes"))
        self.notes = self.add_input(FieldSpec("notes", _("Notes"), "textarea", lines=8))

        self.contracts_button = self.buttons.addButton(
            _("Contracts of this organisation"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.contracts_button.setObjectName("contractsButton")
        self.contracts_button.setAutoDefault(False)
        self.contracts_button.setToolTip(_("Close this window and show the organisation's contracts"))
        self.contracts_button.setVisible(org_id is not None)
        self.contracts_button.clicked.connect(self.show_contracts)
        self.legal_form.changed.connect(self._suggest_registry)
        self.registry_number.edit.editingFinished.connect(self._normalise_registry_number)
        self.nip.edit.editingFinished.connect(self._normalise_nip)
        self.resize(760, 560)
        if org_id is not None:
            self.load(service.get_organisation(db, org_id))
        self._snapshot = self.collect()

    def _line(
        self,
        key: str,
        label: str,
        width: int | None = None,
        placeholder: str | None = None,
        *,
        required: bool = False,
        help: str = "",
    ) -> LineEditor:  # noqa: A002 - FieldSpec's name
        return cast(
            LineEditor,
            self.add_input(FieldSpec(key, label, required=required, help=help, width=width, placeholder=placeholder)),
        )

    def load(self, record: OrganisationRecord) -> None:
        self.record = record
        #: the version the form was filled from; the save names it (issue 19: another seat may save first)
        self._opened_version: int | None = record.version
        for key, editor in self.editors.items():
            editor.set_value(getattr(record, key))
        self.nip.set_value(format_nip(record.nip) if record.nip else "")
        if record.contracts_count:
            self.setWindowTitle(
                ngettext(
                    "{name} – party to {count} contract", "{name} – party to {count} contracts", record.contracts_count
                ).format(name=record.name, count=record.contracts_count)
            )
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
            **{key: editor.value() for key, editor in self.editors.items()},
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
            krs = normalize_krs(self.registry_number.raw())
            if krs and krs != self.registry_number.raw():
                self.registry_number.set_value(krs)

    def _normalise_nip(self) -> None:
        digits = normalize_nip(self.nip.raw())
        if digits and is_valid_nip(digits):
            formatted = format_nip(digits)
            if formatted != self.nip.raw():
                self.nip.set_value(formatted)
