"""Personal data of contact persons (RODO art. 15 access, art. 17 erasure).

Covered: the organisations' contact persons (name, e-mail and phone; the organisations themselves are legal
persons), the members of a programme's working group (their names, schema 11) and the officials named as a
control's controllers (a free-text list such as "A. Kowalska, J. Sokołowski": only the name that matches is
erased, the others stay). A person is found by a piece of their name or e-mail; the export lists every
place where they appear and every change-log entry that mentions them; the erasure replaces their data
with a marker.

About the change log: its entries are hash-chained, so rewriting old entries would make the log
unverifiable. The erasure therefore (1) removes the data from the registers, (2) records the erasure
in the log without repeating the data, and (3) reports how many old log entries still mention the
person, which the gmina keeps under art. 17 ust. 3 lit. b RODO (records a public body must keep);
the export shows them to the person.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import asdict, dataclass

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from app.core.audit import append_entries, current_row_digest
from app.core.db.engine import Database
from app.core.db.models import AuditEntry, Control, Organisation, ProgrammeTeamMember
from app.core.domain.enums import AuditAction
from app.core.errors import UserFacingError
from app.core.i18n import _, format_date

ERASED = "[dane usunięte]"
_FIELDS = ("contact_person", "contact_email", "contact_phone")


#: where a person was found: an organisation's contact, a member of a programme's working group, or a
#: controller named on a control of a contract
ORGANISATION, WORKING_GROUP, CONTROL = "organisation", "working_group", "control"
#: what separates the names in a control's controllers (the field is typed free, one or several lines)
_NAME_SEPARATORS = re.compile(r"([,;\n])")


@dataclass(frozen=True)
class PersonOccurrence:
    #: the organisation's id, the working-group member's id (WORKING_GROUP) or the control's id (CONTROL)
    organisation_id: int
    #: the organisation, the programme whose working group the person is in, or the contract and date of
    #: the control
    organisation_name: str
    contact_person: str
    contact_email: str
    contact_phone: str
    kind: str = ORGANISATION


@dataclass(frozen=True)
class PersonDataExport:
    query: str
    exported_at: dt.datetime
    occurrences: tuple[PersonOccurrence, ...]
    #: (entry id, time, entity, entity id, field) of change-log entries mentioning the person
    log_mentions: tuple[tuple[int, str, str, int | None, str], ...]

    def to_json(self) -> str:
        return json.dumps(
            {
                "query": self.query,
                "exported_at": self.exported_at.isoformat(timespec="seconds"),
                "organisations": [asdict(o) for o in self.occurrences],
                "change_log_mentions": [
                    dict(zip(("entry", "at", "record", "record_id", "field"), m)) for m in self.log_mentions
                ],
            },
            ensure_ascii=False,
            indent=1,
        )


@dataclass(frozen=True)
class ErasureResult:
    organisations: int
    remaining_log_mentions: int
    #: working-group members whose names were erased
    members: int = 0
    #: controls whose controllers' list had the person's name erased
    controls: int = 0


def _needle(query: str) -> str:
    needle = query.strip()
    if len(needle) < 3:
        raise UserFacingError(_("Enter at least 3 characters of the person's name or e-mail."))
    return needle


def _matching(s: Session, needle: str) -> list[Organisation]:
    # Compared in Python: SQL's lower()/ILIKE folds only ASCII in SQLite, so "łapińska" would miss "Łapińska".
    folded = needle.casefold()
    return [
        o
        for o in s.scalars(select(Organisation).order_by(Organisation.name, Organisation.id))
        if folded in (o.contact_person or "").casefold() or folded in (o.contact_email or "").casefold()
    ]


def _matching_members(s: Session, needle: str) -> list[ProgrammeTeamMember]:
    folded = needle.casefold()
    return [
        m
        for m in s.scalars(
            select(ProgrammeTeamMember).order_by(ProgrammeTeamMember.programme_id, ProgrammeTeamMember.position)
        )
        if folded in (m.name or "").casefold()
    ]


def _member_place(m: ProgrammeTeamMember) -> str:
    programme = m.programme.title or _("Cooperation programme {years}").format(
        years=f"{m.programme.year_from}–{m.programme.year_to}"
    )
    return _("{programme}: working group").format(programme=programme)


def _matching_names(text: str, needle: str) -> list[str]:
    """The names in a controllers' list that contain `needle` (case-insensitive), as typed."""
    folded = needle.casefold()
    return [
        part.strip()
        for part in _NAME_SEPARATORS.split(text or "")
        if part not in (",", ";", "\n") and folded in part.casefold()
    ]


def _erase_names(text: str, needle: str) -> str:
    """The list with each matching name replaced by the marker; separators and the other names kept."""
    folded = needle.casefold()
    out = []
    for part in _NAME_SEPARATORS.split(text):
        if part not in (",", ";", "\n") and folded in part.casefold():
            lead = part[: len(part) - len(part.lstrip())]
            trail = part[len(part.rstrip()) :]
            part = f"{lead}{ERASED}{trail}"
        out.append(part)
    return "".join(out)


def _matching_controls(s: Session, needle: str) -> list[Control]:
    return [
        c
        for c in s.scalars(select(Control).order_by(Control.control_date, Control.id))
        if _matching_names(c.controllers, needle)
    ]


def _control_place(c: Control) -> str:
    return _("Contract {number}: control of {date}").format(number=c.contract.number, date=format_date(c.control_date))


def find_person(db: Database, query: str) -> list[PersonOccurrence]:
    """Organisations whose contact person's name or e-mail contains `query` (case-insensitive), then the
    working-group members whose name contains it, then the controls naming them among the controllers."""
    needle = _needle(query)
    with db.session() as s:
        return (
            [
                PersonOccurrence(o.id, o.name, o.contact_person, o.contact_email, o.contact_phone)
                for o in _matching(s, needle)
            ]
            + [
                PersonOccurrence(m.id, _member_place(m), m.name, "", "", WORKING_GROUP)
                for m in _matching_members(s, needle)
            ]
            + [
                PersonOccurrence(
                    c.id, _control_place(c), ", ".join(_matching_names(c.controllers, needle)), "", "", CONTROL
                )
                for c in _matching_controls(s, needle)
            ]
        )


def _log_mentions(s: Session, values: set[str]) -> list[tuple[int, str, str, int | None, str]]:
    values = {v for v in values if v and v != ERASED}
    if not values:
        return []
    conditions = [AuditEntry.old_value.contains(v) for v in values] + [AuditEntry.new_value.contains(v) for v in values]
    return [
        (e.id, e.at.isoformat(timespec="seconds"), e.entity, e.entity_id, e.field)
        for e in s.scalars(select(AuditEntry).where(or_(*conditions)).order_by(AuditEntry.id))
    ]


def export_person(db: Database, query: str, *, now: dt.datetime | None = None) -> PersonDataExport:
    """Everything stored about the person (art. 15): where they are a contact and the log entries."""
    occurrences = find_person(db, query)
    values = {v for o in occurrences if o.kind != CONTROL for v in (o.contact_person, o.contact_email, o.contact_phone)}
    needle = query.strip()
    with db.session() as s:
        # a control lists several names: the log is searched for each matching name, not the whole list
        values |= {name for c in _matching_controls(s, needle) for name in _matching_names(c.controllers, needle)}
        mentions = _log_mentions(s, values)
    return PersonDataExport(query.strip(), now or dt.datetime.now(), tuple(occurrences), tuple(mentions))


def erase_person(
    db: Database,
    query: str,
    organisation_ids: list[int] | None = None,
    member_ids: list[int] | None = None,
    control_ids: list[int] | None = None,
) -> ErasureResult:
    """Replace the person's data by a marker (art. 17), in one transaction.

    Given any of `organisation_ids`, `member_ids`, `control_ids`, the erasure is limited to the occurrences
    the clerk confirmed (two people may share a name): a kind whose list is not given is left alone. Given
    none, every occurrence is erased. In a control only the matching names of the controllers' list are
    replaced. The update bypasses the ORM so the audit hook does not copy the erased values into the log;
    an audit entry per record records that the data were erased, and by whom.
    """
    needle = _needle(query)
    with db.session() as s:
        targets = _matching(s, needle)
        members = _matching_members(s, needle)
        controls = _matching_controls(s, needle)
        if organisation_ids is not None or member_ids is not None or control_ids is not None:
            targets = [o for o in targets if o.id in set(organisation_ids or ())]
            members = [m for m in members if m.id in set(member_ids or ())]
            controls = [c for c in controls if c.id in set(control_ids or ())]
        if not targets and not members and not controls:
            raise UserFacingError(_("No contact person matches \u201c{query}\u201d.").format(query=needle))
        values = {v for o in targets for v in (o.contact_person, o.contact_email, o.contact_phone)}
        values |= {m.name for m in members}
        values |= {name for c in controls for name in _matching_names(c.controllers, needle)}
        ids = [o.id for o in targets]
        member_list = [m.id for m in members]
        control_lists = {c.id: _erase_names(c.controllers, needle) for c in controls}
        s.expunge_all()
        if ids:
            s.execute(
                update(Organisation)
                .where(Organisation.id.in_(ids))
                .values(contact_person=ERASED, contact_email="", contact_phone="")
            )
        if member_list:
            s.execute(update(ProgrammeTeamMember).where(ProgrammeTeamMember.id.in_(member_list)).values(name=ERASED))
        for control_id, erased_list in control_lists.items():
            s.execute(update(Control).where(Control.id == control_id).values(controllers=erased_list))
        # the old value is deliberately not logged; the digest is of the row as erased (issue 16)
        conn = s.connection()
        erased = [(Organisation.__tablename__, org_id, "contact_person") for org_id in ids]
        erased += [(ProgrammeTeamMember.__tablename__, member_id, "name") for member_id in member_list]
        erased += [(Control.__tablename__, control_id, "controllers") for control_id in control_lists]
        append_entries(
            conn,
            [
                dict(
                    action=AuditAction.UPDATE.value,
                    entity=table,
                    entity_id=row_id,
                    field=field,
                    old_value=None,
                    new_value=ERASED,
                    row_digest=current_row_digest(conn, table, row_id),
                )
                for table, row_id, field in erased
            ],
        )
        remaining = len(_log_mentions(s, values))
    return ErasureResult(len(ids), remaining, len(member_list), len(control_lists))
