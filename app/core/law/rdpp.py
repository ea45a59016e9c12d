"""Recording requests to create the RDPP (art. 41e) – the one law record no registry holds."""

from __future__ import annotations

import datetime as dt

from app.core.db.engine import Database
from app.core.db.models import RdppRequest
from app.core.errors import FieldError, ValidationFailed
from app.core.i18n import _


def create_rdpp_request(
    db: Database,
    *,
    request_date: dt.date | None,
    organisations_count: int | None,
    organisations: str = "",
    created_date: dt.date | None = None,
    term_end: dt.date | None = None,
    notes: str = "",
) -> int:
    """Validate and store a request; returns the new id."""
    errors = []
    if request_date is None:
        errors.append(
            FieldError("request_date", _("Date of the request"), _("Enter the date the request was received."))
        )
    if organisations_count is None or organisations_count < 1:
        errors.append(
            FieldError(
                "organisations_count",
                _("Number of organisations"),
                _("Enter how many organisations signed the request (at least 1)."),
            )
        )
    if request_date and created_date and created_date < request_date:
        errors.append(
            FieldError(
                "created_date",
                _("Date the council was created"),
                _("The council cannot be created before the request was received."),
            )
        )
    if created_date and term_end and term_end <= created_date:
        errors.append(
            FieldError("term_end", _("End of the term"), _("The term must end after the council was created."))
        )
    if errors:
        raise ValidationFailed(errors)
    with db.session() as session:
        row = RdppRequest(
            request_date=request_date,
            organisations_count=organisations_count,
            organisations=organisations,
            created_date=created_date,
            term_end=term_end,
            notes=notes,
        )
        session.add(row)
        session.flush()
        return row.id
