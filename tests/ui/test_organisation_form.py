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
    spheres = dialog.spheres
    assert spheres.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    longest = max(range(spheres.count()), key=lambda i: len(spheres.item(i).text()))
    # the longest sphere name fits the list's width (wrapped), not wider
    assert spheres.visualItemRect(spheres.item(longest)).width() <= spheres.viewport().width()
