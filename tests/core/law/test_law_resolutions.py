"""Issue 17: the council resolutions the act makes prerequisites.

art. 5a ust. 1: the programme is adopted "po konsultacjach [...] przeprowadzonych w sposób określony w art. 5 ust. 5"
(the council's resolution on the manner of consultations) – rule PRG-5;
art. 19c ust. 1: the council "określa tryb i szczegółowe kryteria oceny wniosków [...] w ramach inicjatywy lokalnej.
Szczegółowe kryteria oceny powinny uwzględniać przede wszystkim wkład pracy społecznej" – rule INI-2.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

import pytest

from app.core.db.models import CooperationProgramme, Procedure
from app.core.domain.enums import ProcedureRoute, ProgrammeKind
from app.core.errors import UserFacingError
from app.core.law.resolutions import parse_resolution, set_resolution
from app.core.law.rules import check_all
from app.core.law.types import Severity

D = dt.date
TODAY = D(2026, 12, 1)


def of(db, rule: str):  # type: ignore[no-untyped-def]
    return [f for f in check_all(db, TODAY) if f.rule_id == rule]


def test_consultation_before_the_councils_resolution(db) -> None:  # type: ignore[no-untyped-def]
    with db.session() as s:
        s.add(
            CooperationProgramme(
                kind=ProgrammeKind.ANNUAL,
                title="Program 2027",
                year_from=2027,
                year_to=2027,
                consultation_start=D(2026, 10, 1),
                consultation_end=D(2026, 10, 15),
                resolution_date=D(2026, 11, 20),
            )
        )
    [unknown] = of(db, "PRG-5")
    assert unknown.missing_data
    set_resolution(db, "consultation", "2026-10-02", "Uchwała nr XX/100/2026")
    [f] = of(db, "PRG-5")
    assert f.severity is Severity.ERROR and not f.missing_data
    assert "1.10.2026" in f.message and "2.10.2026" in f.message and "art. 5 ust. 5" in f.message
    set_resolution(db, "consultation", "2010-09-23")
    assert of(db, "PRG-5") == []


def test_local_initiative_assessed_before_the_criteria(db) -> None:  # type: ignore[no-untyped-def]
    with db.session() as s:
        s.add(
            Procedure(
                route=ProcedureRoute.LOCAL_INITIATIVE,
                title="Plac zabaw",
                budget_year=2026,
                received_date=D(2026, 4, 1),
                answer_date=D(2026, 4, 20),
            )
        )
    [unknown] = of(db, "INI-2")
    assert unknown.missing_data
    set_resolution(db, "local-initiative", "2026-05-01", social_work="tak")
    [f] = of(db, "INI-2")
    assert f.severity is Severity.ERROR and "20.04.2026" in f.message and "1.05.2026" in f.message
    set_resolution(db, "local-initiative", "2025-01-15", social_work="nie")
    [w] = of(db, "INI-2")
    assert w.severity is Severity.WARNING and not w.missing_data and "art. 19c" in w.message
    set_resolution(db, "local-initiative", "2025-01-15", social_work="tak")
    assert of(db, "INI-2") == []


def test_bad_input_is_refused_naming_the_field(db) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UserFacingError) as info:
        set_resolution(db, "consultation", "23.09.2010")
    assert "23.09.2010" in info.value.message
    with pytest.raises(UserFacingError):
        set_resolution(db, "local-initiative", "2025-01-15", social_work="może")
    assert parse_resolution("zepsute") is None
    assert parse_resolution(None) is None


def test_cli_records_a_resolution(db_path: Path, capsys: pytest.CaptureFixture) -> None:
    from app.commands import law as law_cmd
    from app.commands.common import run_guarded

    parser = argparse.ArgumentParser()
    law_cmd.configure(parser)
    args = ["resolution", "--db", str(db_path), "consultation", "2010-09-23", "--title", "Uchwała nr 186/2010"]
    assert run_guarded(law_cmd.run, parser.parse_args(args)) == 0
    assert "23.09.2010" in capsys.readouterr().out
    args = ["resolution", "--db", str(db_path), "consultation", "jutro"]
    assert run_guarded(law_cmd.run, parser.parse_args(args)) == 2
    assert "jutro" in capsys.readouterr().err


def test_programme_without_the_rdpps_opinion_names_the_missing_delivery(db) -> None:  # type: ignore[no-untyped-def]
    # art. 41i ust. 2: "Termin wyrażenia [...] opinii wynosi 14 dni od dnia doręczenia [...] projektu programu
    # współpracy [...]. Nieprzedstawienie opinii w terminie oznacza rezygnację z prawa do jej wyrażenia."
    from app.core.db.models import RdppRequest

    with db.session() as s:
        s.add(
            CooperationProgramme(
                kind=ProgrammeKind.ANNUAL,
                title="Program 2027",
                year_from=2027,
                year_to=2027,
                consultation_start=D(2026, 10, 1),
                consultation_end=D(2026, 10, 15),
                resolution_date=D(2026, 11, 20),
            )
        )
    assert of(db, "PRG-6") == []  # no council sits: nothing to send
    with db.session() as s:
        s.add(RdppRequest(request_date=D(2025, 1, 10), organisations_count=5, created_date=D(2025, 3, 3)))
    [f] = of(db, "PRG-6")
    # created 3.03.2025, term 3 years: in office on 1.10.2026
    assert f.missing_data and f.severity is Severity.WARNING and "3.03.2025" in f.message and "14" in f.message
    with db.session() as s:
        p = s.query(CooperationProgramme).one()
        p.rdpp_opinion_date, p.rdpp_opinion = D(2026, 10, 10), "Opinia pozytywna."
    assert of(db, "PRG-6") == []


def test_programme_adopted_within_the_rdpps_14_days_is_named_after_them_silence_is_a_waiver(db) -> None:  # type: ignore[no-untyped-def]
    # art. 41i ust. 2: "Termin wyrażenia [...] opinii wynosi 14 dni od dnia doręczenia [...] projektu programu
    # współpracy [...]. Nieprzedstawienie opinii w terminie oznacza rezygnację z prawa do jej wyrażenia."
    from app.core.db.models import RdppRequest

    with db.session() as s:
        # delivered Mon 2.11.2026: the 14 days end on 2 + 14 = 16.11.2026 (the delivery day not counted)
        s.add(
            CooperationProgramme(
                kind=ProgrammeKind.ANNUAL,
                title="Program 2027",
                year_from=2027,
                year_to=2027,
                consultation_start=D(2026, 10, 1),
                consultation_end=D(2026, 10, 15),
                resolution_date=D(2026, 11, 16),
                rdpp_draft_delivered=D(2026, 11, 2),
            )
        )
        s.add(RdppRequest(request_date=D(2025, 1, 10), organisations_count=5, created_date=D(2025, 3, 3)))
    [f] = of(db, "PRG-6")
    assert not f.missing_data and f.severity is Severity.WARNING
    assert "16.11.2026" in f.message and "2.11.2026" in f.message and "art. 41i" in f.message
    with db.session() as s:
        s.query(CooperationProgramme).one().resolution_date = D(2026, 11, 17)  # the day after the 14 days
    assert of(db, "PRG-6") == []


def test_a_council_whose_term_ended_needs_no_opinion(db) -> None:  # type: ignore[no-untyped-def]
    from app.core.db.models import RdppRequest

    with db.session() as s:
        s.add(
            CooperationProgramme(
                kind=ProgrammeKind.ANNUAL,
                title="Program 2027",
                year_from=2027,
                year_to=2027,
                consultation_start=D(2026, 10, 1),
                consultation_end=D(2026, 10, 15),
                resolution_date=D(2026, 11, 20),
            )
        )
        # created 1.02.2023 + 3 years = term ended 1.02.2026, before the consultation
        s.add(RdppRequest(request_date=D(2022, 12, 1), organisations_count=5, created_date=D(2023, 2, 1)))
    assert of(db, "PRG-6") == []
