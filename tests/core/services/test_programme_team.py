"""Issue 21 item 9: the working group of the Sopot and WKUS models (Grupa Robocza / Grupa Sterująca with its
Koordynator merytoryczny) has a place in the data: the cooperation programme keeps its members (name,
institution, role, the coordinator marked), checks them like every typed field, and prints them where the
programme says how it is carried out (chapter of art. 5a ust. 4 pkt 7) and in the annual report's section on
the creation of the programme."""

from __future__ import annotations

import pytest

from app.core.domain.enums import ProgrammeKind
from app.core.domain.records import ProgrammeInput, TeamMemberInput
from app.core.errors import ValidationFailed
from app.core.services import programmes
from tests.core.documents.test_documents import pdf_text

TEAM = [
    TeamMemberInput("Anna Nowak", "Urząd Gminy", "koordynator współpracy", True),
    TeamMemberInput("", "", "", False),  # an empty row the clerk added and left: not a member
    TeamMemberInput(" Jan Kowalski ", "GOPS", "kierownik", False),
    TeamMemberInput("Ewa Lis", "Fundacja „Dobry Start”", "", False),
]


def _programme(db, team: list[TeamMemberInput]) -> int:  # type: ignore[no-untyped-def]
    return programmes.create_programme(
        db, ProgrammeInput(kind=ProgrammeKind.ANNUAL, year_from=2026, year_to=2026, team=team)
    ).id


def test_members_are_stored_in_order_and_edited(db) -> None:  # type: ignore[no-untyped-def]
    pid = _programme(db, TEAM)
    r = programmes.get_programme(db, pid)
    assert [(m.name, m.institution, m.role, m.coordinator) for m in r.team] == [
        ("Anna Nowak", "Urząd Gminy", "koordynator współpracy", True),
        ("Jan Kowalski", "GOPS", "kierownik", False),
        ("Ewa Lis", "Fundacja „Dobry Start”", "", False),
    ]
    data = programmes.programme_input(r)
    data.team = [data.team[2], TeamMemberInput("Jan Kowalski", "GOPS", "kierownik", True)]  # reordered, one left out
    programmes.update_programme(db, pid, data)
    again = programmes.get_programme(db, pid)
    assert [(m.name, m.coordinator) for m in again.team] == [("Ewa Lis", False), ("Jan Kowalski", True)]


@pytest.mark.parametrize(
    ("team", "expected"),
    [
        ([TeamMemberInput("", "GOPS", "kierownik")], "Wiersz 1: Wpisz imię i nazwisko członka."),
        (
            [TeamMemberInput("A", coordinator=True), TeamMemberInput("B", coordinator=True)],
            "Oznacz jako koordynatora jednego członka grupy roboczej.",
        ),
        ([TeamMemberInput("A" * 201)], "Wiersz 1: Dozwolonych jest najwyżej 200 znaków."),
    ],
)
def test_a_bad_member_is_refused_naming_the_table(db, team, expected) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationFailed) as exc:
        _programme(db, team)
    assert [(e.field, e.label, e.message) for e in exc.value.errors] == [
        ("team", "Grupa robocza i koordynator", expected)
    ]
    assert programmes.list_programmes(db) == []  # nothing saved


def test_the_programme_and_the_annual_report_print_the_group(db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from app.core.documents.annual_report import build_annual_report
    from app.core.documents.resolution import build_resolution

    pid = _programme(db, TEAM)
    out = tmp_path / "uchwala.pdf"
    build_resolution(db, out, programme_id=pid)
    text = " ".join(pdf_text(out).split())
    assert "z grupą roboczą wymienioną poniżej; koordynator grupy: Anna Nowak (Urząd Gminy)." in text
    assert "Anna Nowak Urząd Gminy koordynator współpracy; koordynator" in text
    assert "Jan Kowalski GOPS kierownik" in text and "Ewa Lis Fundacja „Dobry Start” —" in text
    report = tmp_path / "sprawozdanie.pdf"
    build_annual_report(db, 2026, report)
    text = " ".join(pdf_text(report).split())
    assert "koordynator grupy: Anna Nowak (Urząd Gminy)" in text and "Jan Kowalski GOPS kierownik" in text


def test_a_group_without_a_coordinator_says_so(db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from app.core.documents import data
    from app.core.documents.programme_text import team_sentences

    pid = _programme(db, [TeamMemberInput("Jan Kowalski", "GOPS", "kierownik")])
    with db.session() as s:
        [prog] = [p for p in data.programmes(s) if p.id == pid]
    assert team_sentences(prog) == [
        "Program jest realizowany z grupą roboczą wymienioną poniżej; koordynator grupy nie został wskazany."
    ]


def test_a_member_row_opens_its_programme(db) -> None:  # type: ignore[no-untyped-def]
    """A change-log line about a member (entity programme_team_member) opens the programme's editor."""
    from app.core.db.models import ProgrammeTeamMember
    from app.core.record_links import owning_record

    pid = _programme(db, [TeamMemberInput("Jan Kowalski", "GOPS", "kierownik")])
    with db.session() as s:
        member_id = s.query(ProgrammeTeamMember).one().id
    assert owning_record(db, "programme_team_member", member_id) == ("cooperation_programme", pid)


def test_a_members_name_is_found_exported_and_erased_under_gdpr(db) -> None:  # type: ignore[no-untyped-def]
    """RODO art. 15 and 17: a working-group member's name is personal data like a contact person's."""
    import json

    from sqlalchemy.orm import Session

    from app.core.audit import install_audit_hooks, verify_log
    from app.core.personal_data import ERASED, WORKING_GROUP, erase_person, export_person, find_person

    install_audit_hooks()
    pid = _programme(
        db,
        [
            TeamMemberInput(name="Anna Łapińska", institution="GOPS", role="kierownik"),
            TeamMemberInput(name="Jan Kowalski", institution="Urząd Gminy", role="sekretarz"),
        ],
    )
    found = find_person(db, "łapińska")
    assert [(o.kind, o.contact_person) for o in found] == [(WORKING_GROUP, "Anna Łapińska")]
    assert found[0].organisation_name.endswith(": grupa robocza")
    data = json.loads(export_person(db, "Łapińska").to_json())
    assert data["organisations"][0]["kind"] == "working_group"
    # ticking only organisations leaves the member alone; ticking the member erases the name, nothing else
    from app.core.errors import UserFacingError

    with pytest.raises(UserFacingError, match="Łapińska"):
        erase_person(db, "Łapińska", organisation_ids=[])
    result = erase_person(db, "Łapińska", organisation_ids=[], member_ids=[found[0].organisation_id])
    assert (result.organisations, result.members) == (0, 1)
    record = programmes.get_programme(db, pid)
    assert [(m.name, m.institution, m.role) for m in record.team] == [
        (ERASED, "GOPS", "kierownik"),
        ("Jan Kowalski", "Urząd Gminy", "sekretarz"),
    ]
    assert find_person(db, "Łapińska") == []
    with Session(db.engine) as s:
        check = verify_log(s)
    assert check.broken_at is None and not check.altered_records  # the erasure is in the chain, digest fresh
