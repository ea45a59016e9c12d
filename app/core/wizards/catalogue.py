"""The wizards the app offers, by kind."""

from __future__ import annotations

from app.core.wizards.base import WizardDef
from app.core.wizards.commission import WIZARD as COMMISSION
from app.core.wizards.evaluation import WIZARD as EVALUATION
from app.core.wizards.programme import WIZARD as PROGRAMME

WIZARDS: dict[str, WizardDef] = {w.kind: w for w in (COMMISSION, PROGRAMME, EVALUATION)}


def wizard(kind: str) -> WizardDef:
    from app.core.errors import UserFacingError
    from app.core.i18n import _

    try:
        return WIZARDS[kind]
    except KeyError:
        raise UserFacingError(_("Unknown wizard: {kind}.").format(kind=kind)) from None
