"""Issue 16: a full JSON import stores nothing a form would refuse, and never crashes."""

from __future__ import annotations

import copy
import json
import sqlite3
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from app.core.errors import UserFacingError
from app.core.transfer.full_json import database_has_data, export_data, import_file
from tests.core.backup_fixtures import TODAY, demo_db, demo_path, demo_template  # noqa: F401


@pytest.fixture(scope="module")
def demo_export(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    from app.core.db.engine import open_database
    from app.core.demo import load_demo

    db = open_database(tmp_path_factory.mktemp("json") / "demo.sqlite")
    load_demo(db, TODAY)
    data = export_data(db)
    db.dispose()
    return data


def _first(data: dict[str, Any], table: str, **where: Any) -> tuple[int, dict[str, Any]]:
    for index, row in enumerate(data["tables"][table]):
        if all(row.get(k) == v for k, v in where.items()):
            return index, row
    raise AssertionError(f"no {table} row with {where}")


def _multi_year_contract(data: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    for index, row in enumerate(data["tables"]["contract"]):
        if row["start_date"][:4] != row["end_date"][:4]:
            return index, row
    raise AssertionError("the demo has no multi-year contract")


def _tranche_of(data: dict[str, Any], contract_id: int) -> tuple[int, dict[str, Any]]:
    return _first(data, "tranche", contract_id=contract_id)


def _end_before_start(d: dict[str, Any]) -> str:
    i, c = _multi_year_contract(d)
    c["end_date"] = "2000-01-01"
    return f"tables.contract[{i}]"


def _tranche_outside(d: dict[str, Any]) -> str:
    _i, c = _multi_year_contract(d)
    j, t = _tranche_of(d, c["id"])
    t["budget_year"] = int(c["end_date"][:4]) + 3  # three years after the contract's last year
    return "tables.contract["


def _negative_amount(d: dict[str, Any]) -> str:
    _i, c = _multi_year_contract(d)
    j, t = _tranche_of(d, c["id"])
    t["amount"] = "-100.00"
    return f"tables.tranche[{j}], pole amount"


def _too_many_decimals(d: dict[str, Any]) -> str:
    _i, c = _multi_year_contract(d)
    j, t = _tranche_of(d, c["id"])
    t["amount"] = "12.3456789"
    return f"tables.tranche[{j}], pole amount"


def _year(value: int) -> Callable[[dict[str, Any]], str]:
    def mutate(d: dict[str, Any]) -> str:
        j, t = 0, d["tables"]["tranche"][0]
        t["budget_year"] = value
        return f"tables.tranche[{j}], pole budget_year"

    return mutate


def _long_string(d: dict[str, Any]) -> str:
    d["tables"]["organisation"][2]["phone"] = "1" * 41  # the column holds 40
    return "tables.organisation[2], pole phone"


def _blank_name(d: dict[str, Any]) -> str:
    d["tables"]["organisation"][1]["name"] = "   "
    return "tables.organisation[1], pole name"


def _invalid_nip(d: dict[str, Any]) -> str:
    i, org = next((i, o) for i, o in enumerate(d["tables"]["organisation"]) if o["nip"])
    org["nip"] = org["nip"][:-1] + str((int(org["nip"][-1]) + 1) % 10)  # wrong check digit
    return f"tables.organisation[{i}], pole NIP"


def _lone_surrogate(d: dict[str, Any]) -> str:
    d["tables"]["organisation"][0]["name"] = "Fundacja \ud800"
    return "tables.organisation[0], pole name"


def _bidi_override(d: dict[str, Any]) -> str:
    d["tables"]["organisation"][0]["city"] = "Kraków\u202e"
    return "tables.organisation[0], pole city"


def _negative_count(d: dict[str, Any]) -> str:
    i, _p = _first(d, "procedure")
    d["tables"]["procedure"][i]["offers_received"] = -3
    return f"tables.procedure[{i}], pole offers_received"


def _priority_outside_programme(d: dict[str, Any]) -> str:
    programme = next(
        p
        for p in d["tables"]["cooperation_programme"]
        if any(x["programme_id"] == p["id"] for x in d["tables"]["programme_priority"])
    )
    j, priority = next(
        (j, x) for j, x in enumerate(d["tables"]["programme_priority"]) if x["programme_id"] == programme["id"]
    )
    priority["year"] = programme["year_to"] + 1  # a year after the programme ends (still within 2000–2100)
    return f"tables.programme_priority[{j}]"


def _indicator(change: dict[str, Any], cell: bool = False) -> Callable[[dict[str, Any]], str]:
    """Issue 14: a planned indicator value the programme dialog refuses is refused: a value that is not a
    stored quantity at its cell, a year outside the programme naming the programme."""

    def mutate(d: dict[str, Any]) -> str:
        row = d["tables"]["programme_indicator"][0]
        i = next(i for i, p in enumerate(d["tables"]["cooperation_programme"]) if p["id"] == row["programme_id"])
        row.update({k: (v(d["tables"]["cooperation_programme"][i]) if callable(v) else v) for k, v in change.items()})
        return "tables.programme_indicator[0], pole planned" if cell else f"tables.cooperation_programme[{i}]"

    return mutate


CASES: dict[str, Callable[[dict[str, Any]], str]] = {
    "negative planned indicator": _indicator({"planned": "-3"}, cell=True),
    "fractional planned count": _indicator({"planned": "2.5"}),
    "planned indicator outside the programme's years": _indicator({"year": lambda p: p["year_to"] + 1}),
    "priority outside the programme's years": _priority_outside_programme,
    "end before start": _end_before_start,
    "tranche outside the contract": _tranche_outside,
    "negative amount": _negative_amount,
    "more than two decimals": _too_many_decimals,
    "year -5": _year(-5),
    "year 0": _year(0),
    "year 1800": _year(1800),
    "year 3000": _year(3000),
    "string longer than the column": _long_string,
    "blank name": _blank_name,
    "invalid NIP": _invalid_nip,
    "lone surrogate": _lone_surrogate,
    "bidi override": _bidi_override,
    "negative count": _negative_count,
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_json_import_refuses_what_a_form_refuses(case: str, demo_export: dict[str, Any], db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = copy.deepcopy(demo_export)
    where = CASES[case](data)
    path = tmp_path / "dane.json"
    # ensure_ascii: a lone surrogate can only be written as an escape, as a hostile file would have it
    path.write_text(json.dumps(data, ensure_ascii=True), encoding="utf-8")
    with pytest.raises(UserFacingError) as err:
        import_file(db, path)
    message = err.value.message
    assert str(path) in message
    assert where in message, message
    assert not database_has_data(db)


def test_the_unchanged_demo_export_still_imports(demo_export: dict[str, Any], db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "dane.json"
    path.write_text(json.dumps(demo_export), encoding="utf-8")
    counts = import_file(db, path)
    assert counts["organisation"] == 41  # the demo gmina's 41 NGOs (README)


def test_text_is_normalised_on_the_way_in(demo_export: dict[str, Any], db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = copy.deepcopy(demo_export)
    # a file without history: the changed city would otherwise not match its logged state (the
    # next test shows a file whose history already holds such a text)
    data["tables"]["audit_log"] = []
    org = data["tables"]["organisation"][0]
    org["city"] = "Kraków"[:-2] + "o\u0301w\x07"  # decomposed ó and a BEL
    path = tmp_path / "dane.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    import_file(db, path)
    with db.session() as s:
        city = s.execute(
            __import__("sqlalchemy").text("select city from organisation where id = :i"), {"i": org["id"]}
        ).scalar()
    assert city == "Krak\u00f3w"  # NFC composed, control character gone


def test_deeply_nested_file_is_refused_not_crashing(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "gleboki.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(UserFacingError) as err:
        import_file(db, path)
    assert str(path) in err.value.message and "32" in err.value.message


def test_check_does_not_crash_on_an_absurd_tranche_year(demo_db, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    from app.core.law.rules import check_all

    conn = sqlite3.connect(demo_path)
    conn.execute("update tranche set budget_year = -5 where id = (select min(id) from tranche)")
    conn.commit()
    conn.close()
    findings = check_all(demo_db, TODAY)  # raised "year -5 is out of range" before
    assert any(f.rule_id == "UMW-3" for f in findings)


def test_a_record_changed_in_the_file_is_refused(demo_export: dict[str, Any], db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The history travels with the data: an amount edited in the JSON no longer matches its logged
    state (a valid amount, so no form would object: only the change log sees it)."""
    data = copy.deepcopy(demo_export)
    index, tranche = next((i, t) for i, t in enumerate(data["tables"]["tranche"]) if t["id"] == 7)
    tranche["amount"] = str(Decimal(tranche["amount"]) + 1)  # one złoty more
    path = tmp_path / "dane.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(UserFacingError) as err:
        import_file(db, path)
    assert f"tables.tranche[{index}]" in err.value.message and "poza programem" in err.value.message
    assert not database_has_data(db)


def test_normalising_a_logged_text_is_itself_logged(demo_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A text the app once stored with a stray control character (pasted from Word) is in the history
    as it was: the import checks the history against it, then normalises it and logs that change."""
    from sqlalchemy import event
    from sqlalchemy.orm import Session

    from app.core.audit import history
    from app.core.backup import full_check
    from app.core.db import text_intake
    from app.core.db.engine import open_database
    from app.core.services import organisations as orgs

    data = orgs.organisation_input(orgs.get_organisation(demo_db, 6))
    # as a version before the text hook stored it (the forms now normalise it on the way in)
    event.remove(Session, "before_flush", text_intake._before_flush)
    try:
        orgs.update_organisation(demo_db, 6, data.__class__(**{**data.__dict__, "notes": "Uwagi\x0bz Worda"}))
    finally:
        text_intake.install_text_intake()
    export = export_data(demo_db)
    path = tmp_path / "dane.json"
    path.write_text(json.dumps(export), encoding="utf-8")
    target = open_database(tmp_path / "nowa.sqlite")
    import_file(target, path)
    with target.session() as s:
        last = history(s, "organisation", 6, limit=1)[0]
    assert (last.field, last.old_value, last.new_value) == ("notes", "Uwagi\x0bz Worda", "Uwagi\nz Worda")
    target.dispose()
    assert full_check(target.path).ok
