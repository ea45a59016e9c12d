"""Register of non-financial cooperation (art. 5 ust. 2): create/update/delete with validation,
the list for the register's view, and the counts per form for the annual report and tool W-08."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.db.engine import Database
from app.core.db.models import NonFinancialCooperation, Organisation
from app.core.domain.cooperation import (
    W08_INPUT,
    CooperationForm,
    CooperationInput,
    CooperationRecord,
    FormSummary,
)
from app.core.errors import FieldError
from app.core.i18n import N_, _
from app.core.services.common import get_or_404
from app.core.services.fields import Checker

LABELS = {
    "budget_year": N_("Budget year"),
    "form": N_("Form of cooperation"),
    "title": N_("Subject"),
    "description": N_("Description"),
    "event_date": N_("Date"),
    "organisation_ids": N_("Organisations from the registry"),
    "other_organisations": N_("Other organisations"),
    "notes": N_("Notes"),
}
MAX_NAME = 300


def other_names(text: str) -> tuple[str, ...]:
    """Names typed one a line; blank lines and repeated names are dropped, the order is kept."""
    seen: dict[str, None] = {}
    for line in (text or "").splitlines():
        name = " ".join(line.split())
        if name and name.casefold() not in {k.casefold() for k in seen}:
            seen[name] = None
    return tuple(seen)


def _check(data: CooperationInput) -> tuple[Checker, dict[str, object]]:
    c = Checker(data, LABELS)
    year = c.year("budget_year", LABELS["budget_year"], data.budget_year)
    when = c.date("event_date", LABELS["event_date"], data.event_date)
    if when is not None and year is not None and when.year != year:
        c.error("event_date", LABELS["event_date"], _("It must fall in the budget year {year}.").format(year=year))
    others = other_names(data.other_organisations)
    too_long = [n for n in others if len(n) > MAX_NAME]
    if too_long:
        c.error(
            "other_organisations",
            LABELS["other_organisations"],
            _("A name may have at most {count} characters (one name a line).").format(count=MAX_NAME),
        )
    out: dict[str, object] = {
        "budget_year": year,
        "form": c.choice("form", LABELS["form"], data.form, CooperationForm),
        "title": c.text("title", LABELS["title"], data.title, required=True, max_length=MAX_NAME),
        "event_date": when,
        "other_organisations": others,
    }
    return c, out


def validate_cooperation(data: CooperationInput) -> list[FieldError]:
    """Checks that need no database (for the dialog, as the clerk types)."""
    return _check(data)[0].errors


def _record(row: NonFinancialCooperation) -> CooperationRecord:
    return CooperationRecord(
        id=row.id,
        budget_year=row.budget_year,
        form=row.form,
        title=row.title,
        description=row.description,
        event_date=row.event_date,
        organisation_ids=tuple(o.id for o in row.organisations),
        organisation_names=tuple(o.name for o in row.organisations),
        other_organisations=other_names(row.other_organisations),
        notes=row.notes,
    )


def _save(db: Database, record_id: int | None, data: CooperationInput) -> CooperationRecord:
    checker, clean = _check(data)
    ids = sorted({int(i) for i in data.organisation_ids})
    with db.session() as s:
        orgs = list(s.scalars(select(Organisation).where(Organisation.id.in_(ids)))) if ids else []
        if len(orgs) != len(ids):
            checker.error(
                "organisation_ids",
                LABELS["organisation_ids"],
                _("An organisation chosen no longer exists in the registry; choose again."),
            )
        elif not orgs and not clean["other_organisations"]:
            checker.error(
                "organisation_ids",
                LABELS["organisation_ids"],
                _("Name at least one organisation that took part (from the registry or typed below)."),
            )
        checker.raise_if_any()
        if record_id is None:
            row = NonFinancialCooperation()
            s.add(row)
        else:
            row = get_or_404(s, NonFinancialCooperation, record_id, _("Non-financial cooperation entry"))
        # clean is _check's dict of checked values (object to the type checker); raise_if_any() above
        # refused a required one that is missing
        row.budget_year = clean["budget_year"]  # type: ignore[assignment]
        row.form = clean["form"]  # type: ignore[assignment]
        row.title = str(clean["title"])
        row.description = (data.description or "").strip()
        row.event_date = clean["event_date"]  # type: ignore[assignment]
        row.other_organisations = "\n".join(clean["other_organisations"])  # type: ignore[arg-type]
        row.notes = (data.notes or "").strip()
        row.organisations = sorted(orgs, key=lambda o: o.name)
        s.flush()
        return _record(row)


def create_cooperation(db: Database, data: CooperationInput) -> CooperationRecord:
    return _save(db, None, data)


def update_cooperation(db: Database, record_id: int, data: CooperationInput) -> CooperationRecord:
    return _save(db, record_id, data)


def delete_cooperation(db: Database, record_id: int) -> None:
    with db.session() as s:
        s.delete(get_or_404(s, NonFinancialCooperation, record_id, _("Non-financial cooperation entry")))


def get_cooperation(db: Database, record_id: int) -> CooperationRecord:
    with db.session() as s:
        return _record(get_or_404(s, NonFinancialCooperation, record_id, _("Non-financial cooperation entry")))


def cooperation_input(r: CooperationRecord) -> CooperationInput:
    return CooperationInput(
        budget_year=r.budget_year,
        form=r.form,
        title=r.title,
        description=r.description,
        event_date=r.event_date,
        organisation_ids=r.organisation_ids,
        other_organisations="\n".join(r.other_organisations),
        notes=r.notes,
    )


def records(session: Session, year: int | None = None) -> list[CooperationRecord]:
    """Entries (of one budget year, or all) by year, date (undated last), form and subject."""
    stmt = select(NonFinancialCooperation)
    if year is not None:
        stmt = stmt.where(NonFinancialCooperation.budget_year == year)
    out = [_record(r) for r in session.scalars(stmt)]
    order = list(CooperationForm)
    out.sort(
        key=lambda r: (r.budget_year, r.event_date is None, r.event_date or 0, order.index(r.form), r.title.casefold())
    )
    return out


def list_cooperation(db: Database, year: int | None = None) -> list[CooperationRecord]:
    with db.session() as s:
        return records(s, year)


def summary_by_form(rows: list[CooperationRecord]) -> list[FormSummary]:
    """Per form used: activities and distinct partner organisations (registry id or typed name)."""
    out = []
    for form in CooperationForm:
        of_form = [r for r in rows if r.form == form]
        if not of_form:
            continue
        # a registry id and a typed name never stand for the same partner
        partners: set[tuple[str, int | str]] = {("id", i) for r in of_form for i in r.organisation_ids}
        partners |= {("name", n.casefold()) for r in of_form for n in r.other_organisations}
        out.append(FormSummary(form, len(of_form), len(partners)))
    return out


def distinct_organisations(rows: list[CooperationRecord]) -> int:
    """Partners over all forms: a registry organisation once, a typed name once."""
    return len(
        {("id", i) for r in rows for i in r.organisation_ids}
        | {("name", n.casefold()) for r in rows for n in r.other_organisations}
    )


def w08_counts(session: Session, year: int) -> dict[str, int]:
    """The W-08 tool's inputs for a budget year: activities per form, keyed as in the catalogue
    (`meetings`, `consultations`, ...); forms without an entry count 0; OTHER has no input."""
    counts = Counter(W08_INPUT[r.form] for r in records(session, year) if r.form in W08_INPUT)
    return {key: counts.get(key, 0) for key in W08_INPUT.values()}
