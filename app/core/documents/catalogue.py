"""The list of documents and one entry point that builds any of them from a plain request.

Used by the CLI (`wkus document KIND`) and the Dokumenty view, so both offer the same kinds with
the same scope rules.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from app.core.db.engine import Database
from app.core.documents.common import FORMATS, DocumentResult

# the list of kinds lives in its own light module (the CLI's --help imports it); re-exported here
from app.core.documents.kinds import KINDS as KINDS
from app.core.documents.kinds import DocumentKind as DocumentKind
from app.core.documents.kinds import kind
from app.core.errors import FieldError, ValidationFailed
from app.core.i18n import _

if TYPE_CHECKING:  # the builders are imported when a document is built
    from app.core.documents.signpost import SignpostAnswers

_T = TypeVar("_T")


@dataclass(frozen=True)
class DocumentRequest:
    kind: str
    out_path: Path
    year: int | None = None
    contract_id: int | None = None
    area: str | None = None
    fmt: str = "pdf"
    start: dt.date | None = None
    end: dt.date | None = None
    answers: SignpostAnswers | None = None  # for the signpost


def validate(req: DocumentRequest) -> DocumentKind:
    k = kind(req.kind)
    errors = []
    if req.fmt not in FORMATS:
        errors.append(FieldError("fmt", _("Format"), _("Choose pdf or docx.")))
    elif req.fmt == "docx" and not k.docx:
        errors.append(FieldError("fmt", _("Format"), _("This document is available only as PDF.")))
    if k.needs_year and req.year is None:
        errors.append(FieldError("year", _("Year"), _("Give the budget year, e.g. 2025.")))
    if req.year is not None and not 2000 <= req.year <= 2100:
        errors.append(FieldError("year", _("Year"), _("Give a year between 2000 and 2100.")))
    if k.needs_contract and req.contract_id is None:
        errors.append(FieldError("contract", _("Contract"), _("Choose the contract (its id).")))
    if k.needs_answers and req.answers is None:
        errors.append(FieldError("answers", _("Answers"), _("Give the wizard's answers (a JSON file).")))
    if errors:
        raise ValidationFailed(errors)
    return k


def build(db: Database, req: DocumentRequest) -> DocumentResult:
    """Build the requested document; raises ValidationFailed / NotFound with clear messages."""
    validate(req)
    result = _build(db, req)
    if not _has_gmina_profile(db):
        # the document then prints "(nie wprowadzono danych gminy)": the list of gaps says why (issue 15)
        result.missing.insert(
            0, _("The gmina's profile is not entered, so the document names no gmina (File → Gmina profile…).")
        )
    return result


def _has_gmina_profile(db: Database) -> bool:
    from sqlalchemy import select

    from app.core.db.models import Gmina

    with db.session() as s:
        return s.scalar(select(Gmina.id).limit(1)) is not None


def _given(value: _T | None) -> _T:
    """A part of the request the kind needs: validate() has refused the request without it."""
    assert value is not None
    return value


def _build(db: Database, req: DocumentRequest) -> DocumentResult:
    if req.kind == "annual-report":
        from app.core.documents.annual_report import build_annual_report

        return build_annual_report(db, _given(req.year), req.out_path, fmt=req.fmt)
    if req.kind == "resolution":
        from app.core.documents.resolution import build_resolution

        return build_resolution(db, req.out_path, year=req.year, fmt=req.fmt)
    if req.kind == "contract-card":
        from app.core.documents.contract_card import build_contract_card

        return build_contract_card(db, _given(req.contract_id), req.out_path)
    if req.kind == "model-report":
        from app.core.documents.model_report import build_model_report

        return build_model_report(db, req.out_path, contract_id=req.contract_id, area=req.area, year=req.year)
    if req.kind == "brochure":
        from app.core.documents.brochure import build_brochure

        return build_brochure(db, _given(req.year), req.out_path)
    if req.kind == "signpost":
        from app.core.documents.signpost import build_signpost

        return build_signpost(db, _given(req.answers), req.out_path)
    if req.kind == "report-form":
        from app.core.documents.report_form import build_report_form

        return build_report_form(db, _given(req.contract_id), _given(req.year), req.out_path)
    if req.kind == "commitments":
        from app.core.documents.commitments import build_commitments

        return build_commitments(db, req.year or dt.date.today().year, req.out_path)
    from app.core.documents.schedule import build_schedule

    year = req.year or dt.date.today().year
    start = req.start or dt.date(year, 1, 1)
    end = req.end or dt.date(year, 12, 31)
    return build_schedule(db, start, end, req.out_path)
