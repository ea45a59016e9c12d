"""Amendments as data (issue 17): a parameter carries the act version and the date it is in force
from, a check uses the wording in force on the date it judges, and a clerk installs an updated
table from a file after seeing what it changes."""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from app.core.db.models import Procedure
from app.core.domain.enums import ProcedureRoute
from app.core.errors import UserFacingError
from app.core.law.data import LAW_FILES, effective_files, law, law_dir, load_law
from app.core.law.install import install_law, preview_law_file
from app.core.law.rules import _Ctx, rule_19a_1

D = dt.date

# A made-up later amendment (a made-up journal position) raising the art. 19a amount once more, from the
# 20 000 zł of Dz.U. 2026 poz. 1040 (bundled, in force from 1.09.2026, not verified) to 25 000 zł, verified.
AMENDMENT = """

[[rules.19A-1.amendments]]
in_force_from = 2027-01-01
act_version = "Dz.U. z 2026 r. poz. 9999"
max_amount = "25000.00"
"""


@pytest.fixture
def bundled(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "bundled"
    folder.mkdir()
    for name in LAW_FILES:
        shutil.copy(law_dir() / name, folder / name)
    return {name: folder / name for name in LAW_FILES}


def amended(tmp_path: Path, extra: str = AMENDMENT) -> Path:
    path = tmp_path / "nowe-przepisy.toml"
    path.write_text((law_dir() / "rules.toml").read_text(encoding="utf-8") + extra, encoding="utf-8")
    return path


def test_every_rule_carries_its_act_version_date_and_text() -> None:
    for rule_id, spec in law().rules.items():
        first = spec.versions[0]
        assert first.act_version.startswith("Dz.U. z ") and first.in_force_from >= D(2018, 1, 1), rule_id
        # a rule whose text could not be found is never more than a warning, unless an earlier check stands
        if not spec.text and rule_id not in ("KON-3", "UMW-2"):
            assert spec.severity == "warning", rule_id
    assert "nie może przekroczyć 20 000 zł" in law().rule("19A-4").text


def test_preview_lists_the_changed_parameter_with_its_date(tmp_path: Path, bundled: dict[str, Path]) -> None:
    preview = preview_law_file(amended(tmp_path), files=bundled)
    assert preview.table == "rules.toml"
    [change] = preview.changes
    assert (change.where, change.old, change.new) == ("19A-1", "20000.00", "25000.00")
    assert change.what == "największa dotacja bez konkursu (art. 19a ust. 1)"
    assert change.in_force_from == D(2027, 1, 1)


def test_install_writes_the_override_and_a_check_uses_the_wording_in_force_on_its_date(
    tmp_path: Path, bundled: dict[str, Path]
) -> None:
    target = tmp_path / "user-law"
    written = install_law(preview_law_file(amended(tmp_path), files=bundled), target=target)
    assert written == target / "rules.toml"
    data = load_law(files=effective_files(bundled["rules.toml"].parent, target))
    spec = data.rule("19A-1")
    assert spec.params_on(D(2026, 8, 31))["max_amount"] == "10000.00"
    assert spec.params_on(D(2026, 12, 31))["max_amount"] == "20000.00"
    assert spec.params_on(D(2027, 1, 1))["max_amount"] == "25000.00"
    assert spec.version_on(D(2027, 3, 1)).act_version == "Dz.U. z 2026 r. poz. 9999"

    def offer(received: dt.date) -> Procedure:
        return Procedure(
            id=1,
            route=ProcedureRoute.SMALL_GRANT_19A,
            title="Festyn",
            budget_year=received.year,
            planned_amount=Decimal("22000.00"),
            received_date=received,
            task_start=received + dt.timedelta(days=30),
            task_end=received + dt.timedelta(days=60),
        )

    today = D(2027, 6, 1)
    # 22 000 zł: received 20.12.2026 it is over the 20 000 zł of 2026 poz. 1040 (and the 10 000 zł before it),
    # received 5.01.2027 within the 25 000 zł of the made-up 2027 wording
    [f] = rule_19a_1(offer(D(2026, 12, 20)), [], _Ctx(today, data))
    assert "20\xa0000,00\xa0zł" in f.message and f.severity.value == "error"
    assert rule_19a_1(offer(D(2027, 1, 5)), [], _Ctx(today, data)) == []


@pytest.mark.parametrize(
    "extra, expected",
    [
        # an amendment may only change parameters the rule has
        ('\n[[rules.19A-1.amendments]]\nin_force_from = 2027-01-01\nact_version = "x"\nmax_euro = 5\n', "max_euro"),
        # ...with a date
        ('\n[[rules.19A-1.amendments]]\nin_force_from = "jutro"\nact_version = "x"\nmax_days = 60\n', "in_force_from"),
        # ...and the journal it was published in
        ("\n[[rules.19A-1.amendments]]\nin_force_from = 2027-01-01\nmax_days = 60\n", "act_version"),
        # ...and a value of the same type (90 is a number of days, not text)
        ('\n[[rules.19A-1.amendments]]\nin_force_from = 2027-01-01\nact_version = "x"\nmax_days = "60"\n', "type"),
    ],
)
def test_invalid_amendments_are_refused_with_the_reason(
    tmp_path: Path, bundled: dict[str, Path], extra: str, expected: str
) -> None:
    with pytest.raises(UserFacingError) as info:
        preview_law_file(amended(tmp_path, extra), files=bundled)
    assert expected in info.value.message


def test_a_table_without_a_rule_the_app_needs_is_refused(tmp_path: Path, bundled: dict[str, Path]) -> None:
    text = (law_dir() / "rules.toml").read_text(encoding="utf-8")
    start = text.index("[rules.19A-4]")
    path = tmp_path / "rules.toml"
    path.write_text(text[:start] + text[text.index("# ---- other routes") :], encoding="utf-8")
    with pytest.raises(UserFacingError) as info:
        preview_law_file(path, files=bundled)
    assert "19A-4" in info.value.message


def test_not_a_law_table_and_damaged_files(tmp_path: Path, bundled: dict[str, Path]) -> None:
    other = tmp_path / "x.toml"
    other.write_text('title = "lista zakupów"\n', encoding="utf-8")
    with pytest.raises(UserFacingError) as info:
        preview_law_file(other, files=bundled)
    assert "[rules" in info.value.message
    other.write_text("[rules.X\n", encoding="utf-8")
    with pytest.raises(UserFacingError):
        preview_law_file(other, files=bundled)
    with pytest.raises(UserFacingError):
        preview_law_file(tmp_path / "brak.toml", files=bundled)


def test_cli_install_and_show(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    from app.commands import law as law_cmd
    from app.commands.common import run_guarded

    monkeypatch.setenv("WKUS_DATA_DIR", str(tmp_path / "data"))
    law.cache_clear()
    try:
        parser = argparse.ArgumentParser()
        law_cmd.configure(parser)
        args = parser.parse_args(["install", str(amended(tmp_path)), "--yes"])
        assert run_guarded(law_cmd.run, args) == 0
        out = capsys.readouterr().out
        assert "19A-1: największa dotacja bez konkursu (art. 19a ust. 1): 20000.00 → 25000.00" in out
        assert "1.01.2027" in out
        assert (tmp_path / "data" / "law" / "rules.toml").is_file()
        assert run_guarded(law_cmd.run, parser.parse_args(["show", "--date", "2027-02-01"])) == 0
        out = capsys.readouterr().out
        line = next(x for x in out.splitlines() if x.startswith("19A-1\t"))
        assert "max_amount=25000.00" in line and "Dz.U. z 2026 r. poz. 9999" in line
        assert str(tmp_path / "data" / "law" / "rules.toml") in out
    finally:
        law.cache_clear()


def test_the_budget_base_of_art_19a_ust_7_is_recorded_and_used(db) -> None:
    # 19A-3 needs "dotacji planowanych w roku budżetowym na realizację zadań publicznych przez organizacje
    # pozarządowe": without the figure it is unknown; with 50 000 zł, 15 000 zł of small grants is 30% > 20%
    from app.core.law.budget import ngo_grants_planned, set_ngo_grants_planned
    from app.core.law.rules import check_all

    with db.session() as s:
        s.add(
            Procedure(
                route=ProcedureRoute.SMALL_GRANT_19A,
                title="Festyn",
                budget_year=2026,
                planned_amount=Decimal("15000.00"),
            )
        )
    [unknown] = [f for f in check_all(db, D(2026, 12, 1)) if f.rule_id == "19A-3"]
    assert unknown.missing_data
    with pytest.raises(UserFacingError) as info:
        set_ngo_grants_planned(db, 2026, "dużo")
    assert "dużo" in info.value.message
    assert set_ngo_grants_planned(db, 2026, "50 000,00") == Decimal("50000.00")
    assert ngo_grants_planned(db, 2026) == Decimal("50000.00")
    [f] = [f for f in check_all(db, D(2026, 12, 1)) if f.rule_id == "19A-3"]
    assert not f.missing_data and "30,0%" in f.message  # 15 000 / 50 000


def test_cli_planned_grants(db_path: Path, capsys: pytest.CaptureFixture) -> None:
    from app.commands import law as law_cmd
    from app.commands.common import run_guarded

    parser = argparse.ArgumentParser()
    law_cmd.configure(parser)
    assert run_guarded(law_cmd.run, parser.parse_args(["planned-grants", "--db", str(db_path), "2026", "250000"])) == 0
    assert "250\xa0000,00\xa0zł" in capsys.readouterr().out
    assert run_guarded(law_cmd.run, parser.parse_args(["planned-grants", "--db", str(db_path), "2026", "-5"])) == 2
    assert "większa od zera" in capsys.readouterr().err


def test_an_installed_table_a_newer_release_outgrew_is_set_aside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WKUS_DATA_DIR", str(tmp_path / "data"))
    folder = tmp_path / "data" / "law"
    folder.mkdir(parents=True)
    text = (law_dir() / "rules.toml").read_text(encoding="utf-8")
    try:
        # a valid installed table is the one in use
        (folder / "rules.toml").write_text(text + AMENDMENT, encoding="utf-8")
        law.cache_clear()
        assert law().rule("19A-1").params_on(D(2027, 1, 1))["max_amount"] == "25000.00"
        # one written before rule 19A-4 existed: the app keeps working on the bundled tables
        start = text.index("[rules.19A-4]")
        (folder / "rules.toml").write_text(text[:start] + text[text.index("# ---- other routes") :], encoding="utf-8")
        law.cache_clear()
        assert "19A-4" in law().rules
        assert law().rule("19A-1").params_on(D(2027, 1, 1))["max_amount"] == "20000.00"  # the bundled wording
        # a damaged one too
        (folder / "rules.toml").write_text("[rules.X\n", encoding="utf-8")
        law.cache_clear()
        assert "19A-4" in law().rules
    finally:
        law.cache_clear()
