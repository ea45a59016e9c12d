"""Changes the clerk makes outside a contract's rows — an organisation registered or made inactive, a
procedure or a programme saved, an RDPP request or a RADAR meeting added — and columns no tool reads (a
contract's note): the incremental recompute computes again only what reads them (reads.READ_BY,
incremental.reach) and stores exactly the rows a full recompute at the same date stores, on the demo and on a
varied generated gmina. Each test also names which rows were written again, so that a run that writes
everything (a full recompute: the comparison would then pass trivially) fails."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from app.core.db.engine import Database, open_database
from app.core.db.models import (
    Contract,
    ContractReport,
    Organisation,
    Procedure,
    RadarMeeting,
    RdppRequest,
    ToolResult,
    Tranche,
)
from app.core.domain.enums import ContractStatus, LegalForm, ProcedureRoute, RegistryType, WkusArea
from app.core.tools import service
from app.core.tools.catalogue import reload_catalogue
from tests.core.tools.gminas import TODAY, computed_at, make_demo, make_generated, stored_rows


@pytest.fixture(scope="module")
def bases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The demo (its load ends with a full recompute) and the generated gmina, fully recomputed at TODAY."""
    reload_catalogue()
    where = tmp_path_factory.mktemp("records")
    generated = make_generated(where / "generated.sqlite")
    db = open_database(generated)
    service.recompute_all(db, as_of=TODAY, full=True)
    db.dispose()
    return {"demo": make_demo(where / "demo.sqlite"), "generated": generated}


@pytest.fixture(params=["demo", "generated"])
def gmina(request: pytest.FixtureRequest, bases: dict[str, Path], tmp_path: Path) -> Iterator[Database]:
    reload_catalogue()
    shutil.copy(bases[request.param], tmp_path / "g.sqlite")
    db = open_database(tmp_path / "g.sqlite")
    yield db
    db.dispose()


@pytest.fixture()
def demo(bases: dict[str, Path], tmp_path: Path) -> Iterator[Database]:
    reload_catalogue()
    shutil.copy(bases["demo"], tmp_path / "d.sqlite")
    db = open_database(tmp_path / "d.sqlite")
    yield db
    db.dispose()


@dataclasses.dataclass
class Run:
    written: int
    total: int
    #: (tool id, scope kind) of the rows the incremental run wrote (computed_at moved)
    rewritten: set[tuple[str, str]]
    before: dict[tuple[str, str, int, int], tuple[object, ...]]
    after: dict[tuple[str, str, int, int], tuple[object, ...]]


def _run(db: Database, change: Callable[[Database], None]) -> Run:
    """The change, then the incremental recompute, then a full one on the same file: every stored row (all
    columns but id and computed_at) and the summary's means must be the full run's."""
    before = stored_rows(db)
    stamps = computed_at(db)
    change(db)
    inc = service.recompute_all(db, as_of=TODAY, full=False)
    after_inc = stored_rows(db)
    moved = {(k[0], k[1]) for k, at in computed_at(db).items() if stamps.get(k) != at}
    full = service.recompute_all(db, as_of=TODAY, full=True)
    after_full = stored_rows(db)
    assert after_inc.keys() == after_full.keys()
    for key, row in after_full.items():
        assert after_inc[key] == row, key
    assert inc.indices == full.indices
    assert full.written == len(after_full)
    return Run(inc.written, full.written, moved, before, after_full)


def _output(rows: dict[Any, tuple[object, ...]], key: tuple[str, str, int, int], name: str) -> Any:
    outputs = rows[key][0]
    assert isinstance(outputs, dict)
    return outputs.get(name)


def _w01_years(rows: dict[Any, tuple[object, ...]]) -> list[int]:
    return sorted(k[3] for k in rows if k[0] == "W-01" and k[1] == "gmina")


def _active(db: Database) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(Organisation).where(Organisation.active.is_(True))) or 0)


# ---- 1. organisations --------------------------------------------------------------------------------


def test_an_organisation_made_inactive_recomputes_w01_only(gmina: Database) -> None:
    """W-01 counts the active organisations (sources.ngo_count, ngo_map); no other tool, index or summary reads
    an organisation's `active` (reads.READ_BY, incremental.reach: nothing reads W-01's outputs)."""
    from app.core.services.organisations import get_organisation, organisation_input, update_organisation

    with gmina.session() as s:
        org_id = s.scalars(
            select(Organisation.id).where(Organisation.active.is_(True)).order_by(Organisation.id)
        ).first()
    assert org_id is not None
    active = _active(gmina)

    def change(db: Database) -> None:
        update_organisation(
            db, org_id, dataclasses.replace(organisation_input(get_organisation(db, org_id)), active=False)
        )

    run = _run(gmina, change)
    years = _w01_years(run.after)
    assert years
    # W-01's total: the active organisations, one fewer (counted in the database above)
    for y in years:
        assert _output(run.before, ("W-01", "gmina", 0, y), "organisations") == active
        assert _output(run.after, ("W-01", "gmina", 0, y), "organisations") == active - 1
    assert run.rewritten == {("W-01", "gmina")}
    assert run.written == len(years) and run.written < run.total / 20


def test_a_new_organisation_recomputes_w01_only(gmina: Database) -> None:
    """A new organisation registered with its WKUS area, through the organisation form's service (the log
    records the organisation and its area created)."""
    from app.core.services.organisations import create_organisation, get_organisation, organisation_input

    active = _active(gmina)
    with gmina.session() as s:
        model = s.scalars(select(Organisation.id).order_by(Organisation.id)).first()
    assert model is not None

    def change(db: Database) -> None:
        data = organisation_input(get_organisation(db, model))
        create_organisation(
            db,
            dataclasses.replace(
                data,
                name="Stowarzyszenie Nowe",
                short_name="",
                nip="",
                regon="",
                registry_number="0000999111",
                active=True,
                areas=(WkusArea.SOC,),
                expected_version=None,
            ),
        )

    run = _run(gmina, change)
    years = _w01_years(run.after)
    for y in years:
        assert _output(run.after, ("W-01", "gmina", 0, y), "organisations") == active + 1
    assert run.rewritten == {("W-01", "gmina")}
    assert run.written == len(years)


# ---- 2. procedures, programmes, the RDPP, RADAR meetings -----------------------------------------------

#: what a change of the records W-10 and W-11 read may write again: the programme and gmina tools (a
#: procedure reaches the year's money there), and the contracts' and gmina's W index (it reads W-10 at the
#: gmina); never a contract's or task's tool, nor another index
_WIDE = {
    *((f"W-{n:02d}", kind) for n in range(1, 15) for kind in ("programme", "gmina")),
    ("IDX-W", "contract"),
    ("IDX-W", "gmina"),
    ("IDX-E", "gmina"),
    ("IDX-J", "gmina"),
}


def _competitions(rows: dict[Any, tuple[object, ...]], year: int) -> Any:
    used = rows[("W-10", "gmina", 0, year)][1]
    assert isinstance(used, dict)
    return used.get("competitions", {}).get("value")


def _open_competitions(db: Database, year: int) -> int:
    with db.session() as s:
        return int(
            s.scalar(
                select(func.count())
                .select_from(Procedure)
                .where(
                    Procedure.budget_year == year,
                    Procedure.route == ProcedureRoute.OPEN_COMPETITION,
                    Procedure.annulled.is_(False),
                )
            )
            or 0
        )


def _a_competition(db: Database) -> tuple[int, int, bool]:
    """(budget year, id, whether W-10 has a result that year) of an open competition not annulled, one of a
    year with W-10 when there is one (the demo; the generated gmina's W-10 has no result)."""
    with db.session() as s:
        years = set(s.scalars(select(ToolResult.year).where(ToolResult.tool_id == "W-10")))
        found = [
            (p.budget_year in years, p.budget_year, p.id)
            for p in s.scalars(
                select(Procedure)
                .where(Procedure.route == ProcedureRoute.OPEN_COMPETITION, Procedure.annulled.is_(False))
                .order_by(Procedure.id)
            )
        ]
    assert found, "no open competition"
    with_w10, year, pid = max(found, key=lambda f: f[0])
    return year, pid, with_w10


def test_a_procedure_annulled_recomputes_the_gmina_tools_and_the_w_index(gmina: Database) -> None:
    from app.core.services.procedures import get_procedure, procedure_input, update_procedure

    year, pid, with_w10 = _a_competition(gmina)
    count = _open_competitions(gmina, year)

    def change(db: Database) -> None:
        data = procedure_input(get_procedure(db, pid))
        update_procedure(db, pid, dataclasses.replace(data, annulled=True, annulment_date=dt.date(year, 6, 1)))

    run = _run(gmina, change)
    if with_w10:
        # W-10's competitions: the year's open competitions not annulled, one fewer
        assert _competitions(run.before, year) == str(count)
        assert _competitions(run.after, year) == str(count - 1)
        assert ("W-10", "gmina") in run.rewritten
    assert run.rewritten <= _WIDE
    assert run.written < run.total / 3


def test_a_new_procedure_recomputes_the_gmina_tools_and_the_w_index(gmina: Database) -> None:
    from app.core.services.procedures import create_procedure, get_procedure, procedure_input

    year, pid, with_w10 = _a_competition(gmina)
    count = _open_competitions(gmina, year)

    def change(db: Database) -> None:
        data = procedure_input(get_procedure(db, pid))
        create_procedure(
            db, dataclasses.replace(data, title="Konkurs dodatkowy", reference="", parts=[], expected_version=None)
        )

    run = _run(gmina, change)
    if with_w10:
        assert _competitions(run.after, year) == str(count + 1)
        assert ("W-10", "gmina") in run.rewritten
    assert run.rewritten <= _WIDE
    assert run.written < run.total / 3


def test_a_procedures_title_notes_and_parts_recompute_nothing(demo: Database) -> None:
    """No tool reads a procedure's title, reference, notes, dates of publication or parts (19A-3 reads its
    columns, not the objects: reads.READ)."""
    from app.core.db.models import ProcedurePart
    from app.core.services.procedures import get_procedure, procedure_input, update_procedure

    with demo.session() as s:
        pid = s.scalars(select(ProcedurePart.procedure_id).order_by(ProcedurePart.id)).first()
    assert pid is not None, "the demo has no competition over several areas"

    def change(db: Database) -> None:
        data = procedure_input(get_procedure(db, pid))
        parts = [dataclasses.replace(data.parts[0], title=data.parts[0].title + " (zmiana)"), *data.parts[1:]]
        update_procedure(
            db,
            pid,
            dataclasses.replace(data, title=data.title + " (zmiana)", reference="ZP.1", notes="uwaga", parts=parts),
        )
        with db.session() as s:  # the save was logged (the run reads these entries)
            from app.core.db.models import AuditEntry

            logged = set(s.execute(select(AuditEntry.entity, AuditEntry.field)).all())
        assert {("procedure", "title"), ("procedure", "notes"), ("procedure_part", "title")} <= logged

    run = _run(demo, change)
    assert run.written == 0 and run.rewritten == set() and run.total > 0


def test_a_programme_edited_recomputes_the_programme_and_gmina_tools(demo: Database) -> None:
    """The programme's resolution date: W-06's adoption and W-10's "programme on time" (30 November of the
    year before its first year, sources._w10_programme_on_time) read it."""
    from app.core.services.programmes import get_programme, programme_input, update_programme

    with demo.session() as s:
        rows = s.execute(
            select(ToolResult.year, ToolResult.inputs_used).where(
                ToolResult.tool_id == "W-10", ToolResult.scope_kind == "gmina"
            )
        ).all()
    year = min(y for y, _used in rows)
    from app.core.db.models import CooperationProgramme

    with demo.session() as s:
        prog = max(
            (p for p in s.scalars(select(CooperationProgramme)) if p.year_from <= year <= p.year_to),
            key=lambda p: p.year_from,
        )
        pid, first = prog.id, prog.year_from

    def change(db: Database) -> None:
        data = programme_input(get_programme(db, pid))
        # adopted on 20 November: by 30 November of the year before its first year, so on time (the demo's
        # programme of that year was adopted on 15 December: "no")
        update_programme(db, pid, dataclasses.replace(data, resolution_date=dt.date(first - 1, 11, 20)))

    run = _run(demo, change)
    for stored, said in ((run.before, "no"), (run.after, "yes")):
        used = stored[("W-10", "gmina", 0, year)][1]
        assert isinstance(used, dict) and used["programme_on_time"]["value"] == said
    assert ("W-10", "gmina") in run.rewritten and ("W-06", "programme") in run.rewritten
    assert run.rewritten <= _WIDE
    assert run.written < run.total / 3


def test_a_new_programme_recomputes_the_programme_and_gmina_tools(gmina: Database) -> None:
    """A programme created (the generated gmina has none): its W-06, W-07 and W-11 rows appear."""
    from app.core.domain.records import ProgrammeInput
    from app.core.services.programmes import create_programme

    def change(db: Database) -> None:
        create_programme(
            db,
            ProgrammeInput(
                title="Program współpracy na 2025 rok",
                year_from=2025,
                year_to=2025,
                resolution_date=dt.date(2024, 11, 20),
                consultation_start=dt.date(2024, 9, 1),
                consultation_end=dt.date(2024, 9, 30),
                elements={1: "Cel główny"},
            ),
        )

    run = _run(gmina, change)
    with gmina.session() as s:
        from app.core.db.models import CooperationProgramme

        new_id = s.scalar(select(func.max(CooperationProgramme.id)))
    assert {k for k in run.after if k[1:3] == ("programme", new_id)}  # its rows appear
    assert ("W-06", "programme") in run.rewritten and run.rewritten <= _WIDE
    assert run.written < run.total / 3


def test_an_rdpp_request_recomputes_w09_and_w10(gmina: Database) -> None:
    """A request to create the council (art. 41e): W-09 and W-10's "RDPP" read it."""

    def change(db: Database) -> None:
        with db.session() as s:
            s.add(RdppRequest(request_date=dt.date(2025, 2, 3), organisations_count=6, organisations=""))

    run = _run(gmina, change)
    assert ("W-09", "gmina", 0, 2025) in run.after
    assert ("W-09", "gmina") in run.rewritten and run.rewritten <= _WIDE
    assert run.written < run.total / 3


def test_a_radar_meeting_that_leaves_the_weights_in_force_recomputes_nothing(demo: Database) -> None:
    """An earlier meeting recorded late: the latest meeting's weights stay in force (engine.latest_weights, the
    only reader), so nothing is stale; a later meeting changes the basis: everything again (the bases
    digest)."""

    def earlier(db: Database) -> None:
        with db.session() as s:
            first = s.scalar(select(func.min(RadarMeeting.meeting_date)))
            assert first is not None
            s.add(RadarMeeting(meeting_date=first - dt.timedelta(days=300), participants="wójt", weights={}, notes=""))

    run = _run(demo, earlier)
    assert run.written == 0 and run.total > 0

    def later(db: Database) -> None:
        with db.session() as s:
            s.add(
                RadarMeeting(
                    meeting_date=TODAY,
                    participants="wójt, radni",
                    # E: 0.4 + 0.3 + 0.3 = 1.0
                    weights={"E": {"E-03.EE": "0.4", "E-05.L": "0.3", "J-04.attainment": "0.3"}},
                    notes="",
                )
            )

    run = _run(demo, later)
    assert run.written == run.total


# ---- 3. columns no tool reads --------------------------------------------------------------------------


def test_a_contracts_note_and_a_reports_notes_recompute_nothing(gmina: Database) -> None:
    """19A-3 reads the columns of the art. 19a contracts it needs, not the contracts whole: a contract's note,
    its signature date, a report's notes are read by no tool."""

    def change(db: Database) -> None:
        with db.session() as s:
            c = s.scalars(select(Contract).order_by(Contract.id)).first()
            assert c is not None
            c.notes = (c.notes or "") + " – notatka"
            c.signed_date = c.start_date - dt.timedelta(days=3)
            r = s.scalars(select(ContractReport).order_by(ContractReport.id)).first()
            assert r is not None
            r.notes = "sprawdzone"

    run = _run(gmina, change)
    assert run.written == 0 and run.rewritten == set() and run.total > 0


def test_an_art_19a_contracts_status_is_still_read_by_w10(demo: Database) -> None:
    """The columns 19A-3 does read: an art. 19a contract made a draft grants nothing (its procedure's planned
    amount then counts), which W-10 reads through 19A-3; the run equals a full one."""
    with demo.session() as s:
        cid = s.scalars(
            select(Contract.id)
            .join(Procedure, Procedure.id == Contract.procedure_id)
            .where(Procedure.route == ProcedureRoute.SMALL_GRANT_19A, Contract.status != ContractStatus.DRAFT)
            .order_by(Contract.id)
        ).first()
    assert cid is not None

    def change(db: Database) -> None:
        with db.session() as s:
            c = s.get(Contract, cid)
            assert c is not None
            c.status = ContractStatus.DRAFT

    run = _run(demo, change)
    assert 0 < run.written < run.total


# ---- the W index of every contract reads the gmina's W-10 ----------------------------------------------


def test_a_tranche_changed_rewrites_every_contracts_w_index(demo: Database) -> None:
    """A tranche is read by W-10 (the year's MKUS shares), which every contract's W index of that year reads at
    the gmina: the incremental run used to rewrite the changed task's index rows only, leaving the other
    contracts' W index and the gmina's W mean of the year stale (8 rows on the demo; fails before)."""
    with demo.session() as s:
        t = s.scalars(select(Tranche).where(Tranche.budget_year == 2024).order_by(Tranche.id)).first()
        assert t is not None
        tid, cid = t.id, t.contract_id
        task = s.get(Contract, cid)
        others = set(
            s.scalars(
                select(ToolResult.scope_id).where(
                    ToolResult.tool_id == "IDX-W", ToolResult.scope_kind == "contract", ToolResult.year == 2024
                )
            )
        ) - set(s.scalars(select(Contract.id).where(Contract.task_id == (task.task_id if task else None))))
    assert others, "the demo has no W index of another task's contract in 2024"

    def change(db: Database) -> None:
        with db.session() as s:
            row = s.get(Tranche, tid)
            assert row is not None
            row.amount = row.amount * 5

    run = _run(demo, change)
    changed = {k for k in run.after if k[0] == "IDX-W" and run.before.get(k) != run.after[k]}
    assert {("IDX-W", "contract", c, 2024) for c in others} <= changed
    assert 0 < run.written < run.total


def test_a_radar_meeting_is_skipped_only_against_the_bases_digest(demo: Database) -> None:
    """dirty_since skips a logged RADAR meeting because the caller compares the weights in force (the bases
    digest); a caller giving no digest gets a full recompute."""
    from app.core.tools.engine import Engine
    from app.core.tools.incremental import dirty_since
    from app.core.tools.indices import bases_digest

    with demo.session() as s:
        first = s.scalar(select(func.min(RadarMeeting.meeting_date)))
        assert first is not None
        s.add(RadarMeeting(meeting_date=first - dt.timedelta(days=300), participants="wójt", weights={}, notes=""))
    with demo.session() as s:
        eng = Engine(s, as_of=TODAY)
        assert dirty_since(s, TODAY, eng.catalogue.version) is None
        dirty = dirty_since(s, TODAY, eng.catalogue.version, bases_digest(eng))
        assert dirty is not None and not dirty.contracts and not dirty.tasks and not dirty.sources


def test_a_procedure_deleted_with_its_contracts_left_recomputes_the_gmina_tools(gmina: Database) -> None:
    """A procedure deleted while contracts were concluded in it (they stay, without the link: the database sets
    their procedure_id to NULL, which the change log may not hold): what reads the link is the year's money
    (the route) and 19A-3, both read by the programme and gmina tools the procedure's change recomputes."""
    from app.core.services.procedures import delete_procedure

    with gmina.session() as s:
        pid = s.scalars(
            select(Contract.procedure_id).where(Contract.procedure_id.is_not(None)).order_by(Contract.id)
        ).first()
    assert pid is not None

    def change(db: Database) -> None:
        delete_procedure(db, pid)

    run = _run(gmina, change)
    with gmina.session() as s:
        assert s.get(Procedure, pid) is None
    assert run.rewritten <= _WIDE
    assert run.written < run.total / 3


def test_an_organisation_deleted_recomputes_w01_only(gmina: Database) -> None:
    """An organisation without contracts deleted (its areas go with it); where every organisation is a party
    to a contract (the generated gmina), one registered and recomputed first."""
    from app.core.db.models import ContractParty, OrganisationArea
    from app.core.services.organisations import delete_organisation

    def free() -> int | None:
        with gmina.session() as s:
            return s.scalars(
                select(Organisation.id)
                .where(Organisation.active.is_(True), Organisation.id.not_in(select(ContractParty.organisation_id)))
                .order_by(Organisation.id)
            ).first()

    oid = free()
    if oid is None:
        with gmina.session() as s:
            org = Organisation(
                name="Fundacja Tymczasowa", legal_form=LegalForm.FUNDACJA, registry_type=RegistryType.KRS, active=True
            )
            org.areas = [OrganisationArea(area=WkusArea.SOC)]
            s.add(org)
        service.recompute_all(gmina, as_of=TODAY, full=True)
        oid = free()
    assert oid is not None
    active = _active(gmina)

    def change(db: Database) -> None:
        delete_organisation(db, oid)

    run = _run(gmina, change)
    years = _w01_years(run.after)
    for y in years:
        assert _output(run.after, ("W-01", "gmina", 0, y), "organisations") == active - 1
    assert run.rewritten == {("W-01", "gmina")}


def test_a_tasks_title_and_area_recompute_the_gmina_tools(gmina: Database) -> None:
    """A task's area is the area of its contracts' money (figures.money.tranche_money), read by W-10 and W-11
    through the year's money; its title by no stored row."""
    from app.core.db.models import PublicTask

    with gmina.session() as s:
        task_id = s.scalars(select(Contract.task_id).where(Contract.task_id.is_not(None)).order_by(Contract.id)).first()
    assert task_id is not None

    def change(db: Database) -> None:
        with db.session() as s:
            task = s.get(PublicTask, task_id)
            assert task is not None
            task.title = task.title + " (zmiana)"
            task.area = next(a for a in WkusArea if a != task.area)

    run = _run(gmina, change)
    assert run.rewritten <= _WIDE
    assert run.written < run.total / 3
