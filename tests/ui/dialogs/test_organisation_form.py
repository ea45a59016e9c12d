"""Issue 15 ("also found"): the organisation form preselects the register of the legal form, and
the art. 4 sphere list wraps instead of scrolling sideways."""

from __future__ import annotations

from app.core.domain.enums import LegalForm, RegistryType


def test_registered_association_preselects_krs_but_never_overrides(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    from app.ui.dialogs.organisation import OrganisationDialog

    dialog = OrganisationDialog(db)
    qtbot.addWidget(dialog)
    assert dialog.registry_type.value() is None
    dialog.legal_form.set_value(LegalForm.STOWARZYSZENIE)
    assert dialog.registry_type.value() is RegistryType.KRS
    dialog.registry_type.set_value(RegistryType.INNY)  # the clerk's choice
    dialog.legal_form.set_value(LegalForm.KGW)
    assert dialog.registry_type.value() is RegistryType.INNY
    dialog.registry_type.set_value(None)
    dialog.legal_form.set_value(LegalForm.STOWARZYSZENIE_ZWYKLE)
    assert dialog.registry_type.value() is RegistryType.EWIDENCJA_STAROSTY


def test_sphere_list_needs_no_sideways_scrolling(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    from app.ui.dialogs.organisation import OrganisationDialog

    dialog = OrganisationDialog(db)
    qtbot.addWidget(dialog)
    dialog.resize(760, 560)
    dialog.tabs.setCurrentIndex(2)
    dialog.show()
    qtbot.waitExposed(dialog)
    spheres = dialog.spheres.list
    assert spheres.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    longest = max(range(spheres.count()), key=lambda i: len(spheres.item(i).text()))
    # the longest sphere name fits the list's width (wrapped), not wider
    assert spheres.visualItemRect(spheres.item(longest)).width() <= spheres.viewport().width()


def _paste(qtbot, widget, text: str) -> None:  # type: ignore[no-untyped-def]
    # what a clerk does with such text (QTest cannot type a direction override: Qt aborts)
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    QApplication.clipboard().setText(text)
    qtbot.keyClick(widget, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def test_pasted_text_is_normalised_and_an_override_named_on_its_field(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    """Issue 16: "Fundacja\u202eX" pasted into the name is refused under the name field; the city pasted
    as z + COMBINING DOT ABOVE is stored as the one letter "ż" (NFC), as an import stores it."""
    from app.core.services.organisations import get_organisation, list_organisations
    from app.ui.dialogs.organisation import OrganisationDialog

    dialog = OrganisationDialog(db)
    qtbot.addWidget(dialog)
    _paste(qtbot, dialog.name.input, "Fundacja\u202eX")
    assert dialog.name.raw() == "Fundacja\u202eX"
    dialog.legal_form.set_value(LegalForm.FUNDACJA)
    dialog.registry_type.set_value(RegistryType.KRS)
    qtbot.keyClicks(dialog.registry_number.input, "0000100001")
    _paste(qtbot, dialog.city.input, "Zaz\u0307ółć")
    assert not dialog.try_save()
    # the Polish wording is what is tested: the field, the hidden character and its code
    assert dialog.error_text("name") == (
        "Nazwa: Tekstu nie można zapisać: zawiera niewidoczny znak odwracający kierunek tekstu (U+202E)."
    )
    assert list_organisations(db) == []
    dialog.name.set_value("")
    qtbot.keyClicks(dialog.name.input, "Fundacja Nowa")
    assert dialog.try_save()
    stored = get_organisation(db, list_organisations(db)[0].id)
    assert (stored.name, stored.city) == ("Fundacja Nowa", "Zażółć")
