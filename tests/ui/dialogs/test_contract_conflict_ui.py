"""Two seats edit one contract (issue 19): the editor that saves second is told who saved, what changed
there, and chooses to reload or overwrite knowingly. On SQLite and on the PostgreSQL server."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app.core.domain.enums import LegalForm, RegistryType
from app.core.domain.records import OrganisationInput
from app.core.i18n import _
from app.core.services.contracts import contract_input, create_contract, get_contract, update_contract
from app.core.services.organisations import create_organisation
from app.ui.dialogs.contract_editor import ContractEditor
from tests.core.services.test_services_contracts import three_years

pytestmark = pytest.mark.pg


@pytest.fixture
def contract_id(db) -> int:  # type: ignore[no-untyped-def]
    create_organisation(
        db,
        OrganisationInput(
            name="Fundacja Przystań", legal_form=LegalForm.FUNDACJA, registry_type=RegistryType.KRS, registry_number="5"
        ),
    )
    return create_contract(db, three_years()).id


def _other_seat_renames(db, contract_id: int) -> None:  # type: ignore[no-untyped-def]
    data = contract_input(get_contract(db, contract_id))
    data.title = "Usługi opiekuńcze – aneks nr 1"
    update_contract(db, contract_id, data)


def _conflict_start(record: str) -> str:
    """The conflict message up to its first run-time part (who saved, when): names `record` and says why."""
    template = _(
        "{record} was saved on another computer or in another window after you opened it (by {user}, "
        "{time}). Your changes were not saved. Reload the record to see the other changes, then make "
        "yours again, or save again to overwrite them knowingly."
    )
    return template.format(record=record, user="\0", time="\0").split("\0")[0]


def _answer_conflict(button_text: str, seen: dict[str, Any]) -> None:
    """Click `button_text` in the conflict box once it is open (it runs its own event loop)."""

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        seen["title"], seen["text"], seen["details"] = box.windowTitle(), box.text(), box.informativeText()
        next(b for b in box.buttons() if b.text() == button_text).click()

    QTimer.singleShot(0, click)


def test_overwrite_knowingly(qtbot, db, contract_id) -> None:  # type: ignore[no-untyped-def]
    editor = ContractEditor(db, contract_id)
    qtbot.addWidget(editor)
    _other_seat_renames(db, contract_id)  # saved on another seat while this editor is open
    qtbot.keyClicks(editor.notes.input, "Uwagi skarbnika")
    seen: dict[str, Any] = {}
    _answer_conflict(_("Overwrite with my version"), seen)
    assert editor.try_save()
    assert seen["title"] == _("Saved elsewhere in the meantime")
    assert seen["text"].startswith(_conflict_start(_("Contract {label}").format(label="OR.526.1.2025")))
    assert seen["details"] == _("Changed there: {fields}.").format(fields=_("Title"))
    stored = get_contract(db, contract_id)
    # this editor's whole form was saved: its title (the other seat's rename overwritten) and its notes
    assert (stored.title, stored.notes, stored.version) == ("Usługi opiekuńcze 2025–2027", "Uwagi skarbnika", 3)


def test_reload_shows_the_other_seats_version(qtbot, db, contract_id) -> None:  # type: ignore[no-untyped-def]
    editor = ContractEditor(db, contract_id)
    qtbot.addWidget(editor)
    editor.show_message = lambda _m: None  # type: ignore[method-assign]
    _other_seat_renames(db, contract_id)
    qtbot.keyClicks(editor.notes.input, "Uwagi skarbnika")
    _answer_conflict(_("Reload and discard my changes"), {})
    assert not editor.try_save()  # nothing of this editor's was written...
    assert editor.title_edit.input.text() == "Usługi opiekuńcze – aneks nr 1"  # ...and the form shows the other save
    assert editor.notes.input.toPlainText() == "" and not editor.is_dirty()
    stored = get_contract(db, contract_id)
    assert (stored.notes, stored.version) == ("", 2)
    qtbot.keyClicks(editor.notes.input, "Po ponownym wczytaniu")
    assert editor.try_save()  # now from the reloaded version: no conflict
    assert get_contract(db, contract_id).notes == "Po ponownym wczytaniu"


def test_organisation_dialog_says_another_seat_saved_first(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    from app.core.services.organisations import get_organisation, organisation_input, update_organisation
    from app.ui.dialogs.organisation import OrganisationDialog

    org = create_organisation(
        db,
        OrganisationInput(
            name="Stowarzyszenie Razem",
            legal_form=LegalForm.STOWARZYSZENIE,
            registry_type=RegistryType.KRS,
            registry_number="7",
        ),
    )
    dialog = OrganisationDialog(db, org.id)
    qtbot.addWidget(dialog)
    shown: list[str] = []
    dialog.show_message = shown.append  # type: ignore[method-assign]
    other = organisation_input(get_organisation(db, org.id))
    other.city = "Zawady"
    update_organisation(db, org.id, other)  # another seat saves while the dialog is open
    dialog.phone.set_value("")
    qtbot.keyClicks(dialog.phone.input, "85 111 22 33")
    assert not dialog.try_save()  # refused, the dialog stays open with the clerk's typing
    assert shown and shown[0].startswith(_conflict_start(_("Organisation {name}").format(name="Stowarzyszenie Razem")))
    assert dialog.phone.raw() == "85 111 22 33"
    stored = get_organisation(db, org.id)
    assert (stored.city, stored.phone, stored.version) == ("Zawady", "", 2)
