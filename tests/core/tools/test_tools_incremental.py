"""An incremental recompute (only what the change log says is stale) stores exactly what a full
recompute stores, and recomputes only the changed contract's task, the programmes and the gmina."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from app.core.db.engine import Database
from app.core.db.models import (
    AuditEntry,
    Contract,
    ContractReport,
    Organisation,
    PublicTask,
    ToolEntry,
    ToolResult,
    Tranche,
)
from app.core.tools import service
from app.core.tools.catalogue import reload_catalogue
from app.core.tools.engine import Engine
from app.core.tools.values import to_json
from tests.core.tools.gminas import stored_rows

TODAY = dt.date(2026, 11, 22)


@pytest.fixture()
def demo(tmp_path):  # type: ignore[no-untyped-def]
    from app.core.db.engine import open_database
    from app.core.demo import load_demo

    reload_catalogue()
    db = open_database(tmp_path / "demo.sqlite")
    load_demo(db, TODAY)  # ends with a full recompute, which leaves the mark
    yield db
    db.dispose()


def _stored(db) -> dict[tuple[str, str, int, int], tuple]:  # type: ignore[no-untyped-def]
    return stored_rows(db)


def _incremental_equals_full(db) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """Recompute incrementally, then fully; every stored row and the summary's indices must agree.
    Returns how many rows the incremental and the full run wrote."""
    inc = service.recompute_all(db, as_of=TODAY, full=False)
    after_inc = _stored(db)
    full = service.recompute_all(db, as_of=TODAY, full=True)
    after_full = _stored(db)
    assert after_inc.keys() == after_full.keys()
    for key, row in after_full.items():
        assert after_inc[key] == row, key
    assert inc.indices == full.indices
    assert inc.computed == full.computed
    assert full.written == len(after_full)
    return inc.written, full.written


def _a_report(db) -> tuple[int, int, int]:  # type: ignore[no-untyped-def]
    """(report id, its contract, the contract's task) of a contract whose task has other contracts."""
    with db.session() as s:
        for r in s.scalars(
            select(ContractReport).where(ContractReport.cost_grant.is_not(None)).order_by(ContractReport.id)
        ):
            task_id = s.get(Contract, r.contract_id).task_id
            others = s.scalars(select(Contract.id).where(Contract.task_id != task_id)).all()
            if task_id is not None and others:
                return r.id, r.contract_id, task_id
    raise AssertionError("the demo has no annual report with a grant")


def test_one_changed_report_recomputes_its_task_only_and_equals_a_full_recompute(demo) -> None:  # type: ignore[no-untyped-def]
    report_id, contract_id, task_id = _a_report(demo)
    with demo.session() as s:  # through the ORM, as the report dialog saves: the change is logged
        r = s.get(ContractReport, report_id)
        r.cost_grant = (r.cost_grant or Decimal(0)) + Decimal("1234.56")
        r.recipients = (r.recipients or 0) + 7
    figures_before = _stored(demo)
    written, total = _incremental_equals_full(demo)
    # the figures did change (the comparison above would pass trivially otherwise)
    assert _stored(demo) != figures_before
    assert 0 < written < total


def test_contracts_of_other_tasks_are_not_computed(demo, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    report_id, contract_id, task_id = _a_report(demo)
    with demo.session() as s:
        s.get(ContractReport, report_id).recipients = 999
        task_of = dict(s.execute(select(Contract.id, Contract.task_id)).all())
    asked: set[tuple[str, int]] = set()
    compute = Engine.compute

    def spy(self, tool_id, scope, year, *args, **kwargs):  # type: ignore[no-untyped-def]
        asked.add(scope)
        return compute(self, tool_id, scope, year, *args, **kwargs)

    monkeypatch.setattr(Engine, "compute", spy)
    service.recompute_all(demo, as_of=TODAY, full=False)
    contracts = {sid for kind, sid in asked if kind == "contract"}
    assert contract_id in contracts
    assert {task_of[c] for c in contracts} == {task_id}
    assert {sid for kind, sid in asked if kind == "task"} == {task_id}
    # a report is read by no programme tool (incremental._NARROW); the gmina's tools are asked only by
    # the contracts' W index (its components are gmina figures), not computed for their own rows
    assert "programme" not in {kind for kind, _sid in asked}


def test_deleted_report_new_tranche_and_tool_entry(demo) -> None:  # type: ignore[no-untyped-def]
    report_id, contract_id, task_id = _a_report(demo)
    with demo.session() as s:
        s.delete(s.get(ContractReport, report_id))
    with demo.session() as s:
        other = s.scalars(select(Contract).where(Contract.task_id != task_id).order_by(Contract.id)).first()
        year = max(t.budget_year for t in other.tranches) if other.tranches else other.start_date.year
        s.add(Tranche(contract_id=other.id, budget_year=year, amount=Decimal("100.00")))
        entry = s.scalars(select(ToolEntry).where(ToolEntry.scope_kind == "contract").order_by(ToolEntry.id)).first()
        assert entry is not None
        s.delete(entry)
    _incremental_equals_full(demo)


def _first_organisation(db: Database) -> int:
    with db.session() as s:
        org_id = s.scalars(
            select(Organisation.id).where(Organisation.active.is_(True)).order_by(Organisation.id)
        ).first()
    assert org_id is not None
    return int(org_id)


def test_a_change_it_cannot_map_gives_a_full_recompute(demo: Database) -> None:
    """A task deleted while contracts name it: the database unlinks them (ON DELETE SET NULL), which the change
    log does not hold, so everything again."""
    from app.core.services.tasks import delete_task

    _report, _contract, task_id = _a_report(demo)
    delete_task(demo, task_id)
    written, total = _incremental_equals_full(demo)
    assert written == total


def test_an_organisations_contacts_address_and_name_recompute_nothing(demo: Database) -> None:
    """Saved through the organisation form (the change log records each field): no tool
    reads an organisation's name, phone, e-mail, address or notes (reads.READ), so nothing is written,
    and the stored rows still equal a full recompute's."""
    from app.core.services.organisations import get_organisation, organisation_input, update_organisation

    org_id = _first_organisation(demo)
    data = organisation_input(get_organisation(demo, org_id))
    changed = dataclasses.replace(
        data,
        name=data.name + " (zmiana)",
        phone="+48 600 100 200",
        email="biuro@przyklad.pl",
        contact_phone="600 300 400",
        contact_email="osoba@przyklad.pl",
        street="ul. Nowa 5",
        city="Nowe Miasto",
        postal_code="00-950",
        notes="zmiana numeru telefonu",
    )
    with demo.session() as s:
        head = s.scalar(select(func.max(AuditEntry.id)))
    update_organisation(demo, org_id, changed)
    with demo.session() as s:
        fields = set(s.scalars(select(AuditEntry.field).where(AuditEntry.id > head)))
    # the save was logged field by field (the incremental run reads these entries)
    assert {
        "name",
        "phone",
        "email",
        "contact_phone",
        "contact_email",
        "street",
        "city",
        "postal_code",
        "notes",
    } <= fields
    written, total = _incremental_equals_full(demo)
    assert written == 0 and total > 0


def test_an_organisations_spheres_and_a_nonfinancial_cooperation_recompute_nothing(demo: Database) -> None:
    """Tables no tool reads (reads.READ): an organisation's spheres saved through its form (rows created
    and deleted in organisation_sphere) and a new non-financial cooperation write nothing."""
    from app.core.db.models import NonFinancialCooperation
    from app.core.domain.cooperation import CooperationForm
    from app.core.services.organisations import get_organisation, organisation_input, update_organisation

    org_id = _first_organisation(demo)
    with demo.session() as s:
        head = s.scalar(select(func.max(AuditEntry.id)))
    data = organisation_input(get_organisation(demo, org_id))
    other = "12" if "12" not in data.spheres else "13"  # art. 4 sphere codes of the bundled law tables
    update_organisation(demo, org_id, dataclasses.replace(data, spheres=(other,)))
    with demo.session() as s:
        s.add(NonFinancialCooperation(budget_year=2026, form=next(iter(CooperationForm)), title="Spotkanie z NGO"))
    with demo.session() as s:
        logged = set(s.execute(select(AuditEntry.entity, AuditEntry.action).where(AuditEntry.id > head)).all())
    assert ("organisation_sphere", "CREATE") in logged and ("nonfinancial_cooperation", "CREATE") in logged
    written, total = _incremental_equals_full(demo)
    assert written == 0 and total > 0


def test_a_tasks_description_and_a_contracts_note_recompute_nothing(demo: Database) -> None:
    """A task's description is read by no tool; nor is a contract's note (19A-3 reads the columns of the art.
    19a contracts it needs, not the contracts whole: reads.READ)."""
    _report, contract_id, task_id = _a_report(demo)
    with demo.session() as s:
        task = s.get(PublicTask, task_id)
        assert task is not None
        task.description = (task.description or "") + " – opis zmieniony"
    written, _total = _incremental_equals_full(demo)
    assert written == 0
    with demo.session() as s:
        contract = s.get(Contract, contract_id)
        assert contract is not None
        contract.notes = (contract.notes or "") + " – notatka"
    written, total = _incremental_equals_full(demo)
    assert written == 0 and total > 0


def _share_19a_ok(db: Database, year: int) -> object:
    with db.session() as s:
        used = s.scalar(
            select(ToolResult.inputs_used).where(
                ToolResult.tool_id == "W-10", ToolResult.scope_kind == "gmina", ToolResult.year == year
            )
        )
    return (used or {}).get("share_19a_ok", {}).get("value")


def test_the_budgets_planned_grants_are_read_by_w10(demo: Database) -> None:
    """The budget's grants planned for organisations (a setting, saved by the local law form; settings are
    not in the change log) are 19A-3's base, read by W-10's art. 19a share: a new amount must not leave
    W-10 and the indices reading it as stored. With the planned grants at 1 zł, a year's art. 19a grants
    exceed the share (art. 19a ust. 7: at most 20 % of the grants planned): W-10 reads "no"."""
    from app.core.db.models import Procedure
    from app.core.domain.enums import ProcedureRoute
    from app.core.services.local_law import update_local_law

    with demo.session() as s:
        small = set(s.scalars(select(Procedure.budget_year).where(Procedure.route == ProcedureRoute.SMALL_GRANT_19A)))
        w10 = set(s.scalars(select(ToolResult.year).where(ToolResult.tool_id == "W-10")))
    assert small & w10, "the demo has no year with art. 19a grants and W-10"
    year = min(small & w10)
    assert _share_19a_ok(demo, year) == "yes"
    update_local_law(demo, year, ngo_grants_planned=Decimal("1.00"))
    written, total = _incremental_equals_full(demo)
    assert _share_19a_ok(demo, year) == "no"
    assert written == total  # the contracts' W index reads W-10: everything again


def test_documents_do_not_read_stored_indices_after_the_planned_grants_changed(demo: Database) -> None:
    """The documents read the stored indices while they are current (figures.stored_indices); a new
    planned-grants amount is not in the change log, so the stored W-10 and W index are not current until
    the next recompute: the documents compute them instead, with the same value a recompute then stores."""
    from app.core.db.models import Procedure
    from app.core.domain.enums import ProcedureRoute
    from app.core.services.local_law import update_local_law
    from app.core.tools import figures

    with demo.session() as s:
        small = set(s.scalars(select(Procedure.budget_year).where(Procedure.route == ProcedureRoute.SMALL_GRANT_19A)))
        w10 = set(s.scalars(select(ToolResult.year).where(ToolResult.tool_id == "W-10")))
        year = min(small & w10)
        ids = sorted(
            s.scalars(
                select(ToolResult.scope_id).where(
                    ToolResult.tool_id == "IDX-W", ToolResult.scope_kind == "contract", ToolResult.year == year
                )
            )
        )
        assert ids and figures.stored_indices(s, ids, year) is not None  # current after the demo's recompute
    update_local_law(demo, year, ngo_grants_planned=Decimal("1.00"))
    with demo.session() as s:
        assert figures.stored_indices(s, ids, year) is None  # stale: the documents must not print them
    shown = {i.model_code: i.value for i in service.indices(demo, ids, year, as_of=TODAY)}
    service.recompute_all(demo, as_of=TODAY, full=False)
    with demo.session() as s:
        stored = figures.stored_indices(s, ids, year)
    assert stored is not None and {i.model_code: i.value for i in stored} == shown


def test_another_reference_date_gives_a_full_recompute(demo) -> None:  # type: ignore[no-untyped-def]
    summary = service.recompute_all(demo, as_of=TODAY + dt.timedelta(days=40), full=False)
    assert summary.written == len(_stored(demo))


def test_nothing_changed_rewrites_nothing(demo) -> None:  # type: ignore[no-untyped-def]
    figures = _stored(demo)
    summary = service.recompute_all(demo, as_of=TODAY, full=False)
    assert _stored(demo) == figures
    # no contract recomputed, so no year's gmina index mean can have changed: not one row written
    assert summary.written == 0
    full = service.recompute_all(demo, as_of=TODAY, full=True)
    assert summary.indices == full.indices  # the summary's means still from every contract's stored value


def test_form_engine_still_reads_the_same_after_incremental(demo) -> None:  # type: ignore[no-untyped-def]
    report_id, contract_id, _task = _a_report(demo)
    with demo.session() as s:
        s.get(ContractReport, report_id).cost_grant = Decimal("1.00")
    service.recompute_all(demo, as_of=TODAY, full=False)
    with demo.session() as s:
        year = s.get(ContractReport, report_id).budget_year
        row = s.scalars(
            select(ToolResult).where(
                ToolResult.tool_id == "E-09",
                ToolResult.scope_kind == "contract",
                ToolResult.scope_id == contract_id,
                ToolResult.year == year,
            )
        ).first()
        comp = Engine(s, as_of=TODAY).compute("E-09", ("contract", contract_id), year)
    assert row is not None and row.outputs == to_json(dict(comp.outputs))


def test_gmina_index_rows_of_years_the_task_does_not_run_in_are_left_as_stored(demo) -> None:  # type: ignore[no-untyped-def]
    """A year's gmina index is the mean over the contracts of that year: a change to a task whose contracts
    run in 2021-2023 leaves the means of 2024-2027 as stored (not read, not rewritten), and the rows still
    equal a full recompute's."""
    from app.core.tools.engine import contract_years

    with demo.session() as s:
        eng = Engine(s, as_of=TODAY)
        years_of_task: dict[int, set[int]] = {}
        for c in eng.records.contracts:
            if c.task_id is not None:
                years_of_task.setdefault(c.task_id, set()).update(contract_years(c))
        t = ToolResult.__table__
        gmina_rows = {
            (r.tool_id, r.year): r.computed_at
            for r in s.execute(select(t).where(t.c.scope_kind == "gmina", t.c.tool_id.startswith("IDX-")))
        }
        report = None
        for r in s.scalars(
            select(ContractReport).where(ContractReport.cost_grant.is_not(None)).order_by(ContractReport.id)
        ):
            task_id = s.get(Contract, r.contract_id).task_id
            if task_id is not None and {y for _t, y in gmina_rows} - years_of_task[task_id]:
                report = r.id, years_of_task[task_id]
                break
    assert report is not None, "the demo has no report of a task running in only some of the gmina's years"
    report_id, task_years = report
    with demo.session() as s:
        r = s.get(ContractReport, report_id)
        r.cost_grant = (r.cost_grant or Decimal(0)) + Decimal("1234.56")
    inc = service.recompute_all(demo, as_of=TODAY, full=False)
    with demo.session() as s:
        after = {
            (r.tool_id, r.year): r.computed_at
            for r in s.execute(select(t).where(t.c.scope_kind == "gmina", t.c.tool_id.startswith("IDX-")))
        }
    assert after.keys() == gmina_rows.keys()
    untouched = {k for k in gmina_rows if k[1] not in task_years}
    assert untouched  # the years the gmina has index rows in and the task does not run in
    assert all(after[k] == gmina_rows[k] for k in untouched)
    assert any(after[k] != gmina_rows[k] for k in gmina_rows if k[1] in task_years)
    assert inc.written > 0
    _incremental_equals_full(demo)


def test_weights_changed_without_a_logged_change_give_a_full_recompute(demo) -> None:  # type: ignore[no-untyped-def]
    """The contract index rows left as they are by an incremental run hold no basis of their own (the gmina's
    row of their index and year does, and the run writes it again): when the weights in force are not those
    of the last run, only a full recompute is right. Here a RADAR meeting written past the change log (as a
    restored or hand-edited file could hold; a catalogue edited without a new version is the same case) with
    one report changed: before the mark held the basis, the run recomputed the report's task alone and left
    every other contract's index computed with the old weights."""
    from sqlalchemy import insert

    from app.core.db.models import RadarMeeting
    from app.core.tools.incremental import dirty_since

    report_id, _contract, _task = _a_report(demo)
    with demo.session() as s:
        s.execute(
            insert(RadarMeeting.__table__).values(
                meeting_date=dt.date(2026, 11, 1),
                participants="wójt, radni",
                # J: 0.4 + 0.1 + 0.1 + 0.1 + 0.2 + 0.1 = 1.0 (the catalogue's: 0.2, 0.2, 0.15 × 4)
                weights={
                    "J": {
                        "J-04.attainment": "0.4",
                        "J-06.share_improved": "0.1",
                        "J-05.index": "0.1",
                        "J-13.positive_share": "0.1",
                        "J-07.score": "0.2",
                        "J-10.timeliness": "0.1",
                    }
                },
                notes="",
            )
        )
    with demo.session() as s:
        s.get(ContractReport, report_id).recipients = 999
    with demo.session() as s:
        eng = Engine(s, as_of=TODAY)
        from app.core.tools.indices import bases_digest

        assert dirty_since(s, TODAY, eng.catalogue.version) is not None  # the log alone would allow it
        assert dirty_since(s, TODAY, eng.catalogue.version, bases_digest(eng)) is None
    written, total = _incremental_equals_full(demo)
    assert written == total


def test_a_mark_left_by_an_earlier_version_gives_one_full_recompute(demo) -> None:  # type: ignore[no-untyped-def]
    """An earlier version's mark holds no digest of the index bases (and its contract index rows a basis each):
    the first incremental run after the update is a full one, which leaves a mark the next one can use."""
    import json

    from app.core.db.models import Setting
    from app.core.tools.incremental import MARK

    with demo.session() as s:
        row = s.get(Setting, MARK)
        mark = json.loads(row.value)
        assert mark.pop("bases")
        row.value = json.dumps(mark)
    report_id, _contract, _task = _a_report(demo)
    with demo.session() as s:
        s.get(ContractReport, report_id).recipients = 998
    first = service.recompute_all(demo, as_of=TODAY, full=False)
    assert first.written == len(_stored(demo))  # everything again
    with demo.session() as s:
        s.get(ContractReport, report_id).recipients = 997
    written, total = _incremental_equals_full(demo)
    assert 0 < written < total  # the mark it left allows an incremental run again


def test_another_language_gives_a_full_recompute(demo) -> None:  # type: ignore[no-untyped-def]
    """The rows hold their problems as text in the language of the run that wrote them: after the clerk
    switches the language, the next recompute writes every row again, in the new language."""
    from app.core import i18n

    def a_problem() -> str:
        wanted = ("brak oceny z kontroli: pominięta w ocenie", "no control score: left out of the rating")
        with demo.session() as s:
            for problems in s.scalars(select(ToolResult.problems).order_by(ToolResult.id)):
                for p in problems or ():
                    if p.get("message") in wanted:
                        return str(p["message"])
        raise AssertionError("the demo stores no contract without a control score")

    assert a_problem() == "brak oceny z kontroli: pominięta w ocenie"  # the demo's recompute ran in Polish
    total = len(_stored(demo))
    i18n.set_language("en")
    try:
        summary = service.recompute_all(demo, as_of=TODAY, full=False)
        assert summary.written == total
        assert a_problem() == "no control score: left out of the rating"
        # and in the same language again, nothing is stale
        assert service.recompute_all(demo, as_of=TODAY, full=False).written == 0
    finally:
        i18n.set_language("pl")
