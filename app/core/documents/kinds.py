"""The documents the application prints and what each one asks for: the one list (`KINDS`) that the
CLI's choices and the Documents view's fields are derived from.

Kept free of the database and the document writers, so `wkus --help` can import it cheaply.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.errors import FieldError, ValidationFailed
from app.core.i18n import N_, _


@dataclass(frozen=True)
class DocumentKind:
    code: str
    label: str  # msgid
    needs_year: bool = False
    #: the builder reads a year when one is given and otherwise uses its own default (the current year,
    #: the programme in force, all years): the year field is offered but may be left out
    optional_year: bool = False
    #: the year field starts at the current budget year instead of the last closed one
    current_year_first: bool = False
    needs_contract: bool = False
    #: one contract, or the whole gmina when none is given
    optional_contract: bool = False
    #: may be narrowed to one WKUS area instead of a contract
    takes_area: bool = False
    docx: bool = False
    needs_answers: bool = False  # built from the wizard's answers, not from the database alone

    @property
    def takes_year(self) -> bool:
        return self.needs_year or self.optional_year

    @property
    def takes_contract(self) -> bool:
        return self.needs_contract or self.optional_contract


KINDS: tuple[DocumentKind, ...] = (
    DocumentKind("annual-report", N_("Report on the cooperation programme (annual)"), needs_year=True, docx=True),
    DocumentKind(
        "resolution", N_("Draft resolution adopting the cooperation programme"), optional_year=True, docx=True
    ),
    DocumentKind("contract-card", N_("Multi-year contract card"), needs_contract=True),
    DocumentKind("model-report", N_("WKUS model report"), optional_year=True, optional_contract=True, takes_area=True),
    DocumentKind("brochure", N_("Brochure for residents (A5)"), needs_year=True),
    DocumentKind("schedule", N_("Schedule of deadlines"), optional_year=True),
    DocumentKind("signpost", N_("Signpost: decision report of the commissioning wizard"), needs_answers=True),
    DocumentKind(
        "report-form",
        N_("Report form for the organisation (paper, with form ID)"),
        needs_year=True,
        needs_contract=True,
    ),
    DocumentKind(
        "commitments", N_("Multi-year commitments for the treasurer"), optional_year=True, current_year_first=True
    ),
)


def kind(code: str) -> DocumentKind:
    for k in KINDS:
        if k.code == code:
            return k
    raise ValidationFailed(
        [
            FieldError(
                "kind",
                _("Document"),
                _("Unknown document {code}; choose one of: {codes}.").format(
                    code=code, codes=", ".join(k.code for k in KINDS)
                ),
            )
        ]
    )


def codes(test: str = "") -> list[str]:
    """The codes of every kind, or of those whose attribute `test` is true (e.g. "takes_contract")."""
    return [k.code for k in KINDS if not test or getattr(k, test)]
