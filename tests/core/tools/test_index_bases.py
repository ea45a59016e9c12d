"""The weights basis of the composite indices (the weights and bounds an index was computed with) is stored
once per index and year, on the gmina's index row, not on each contract's index row (issue 18, store less:
9.5 MB of the same text on L). Its one reader, figures.index_bases, gives every contract row the basis it
was computed with; rows stored by an earlier version (a basis on each row) read as they did. Nor does a
contract index row repeat a "—" problem per component without a value (5.65 MB on L, read by no one): its
outputs say it ("raw": null). What the clerk sees from the stored indices — a contract's index with its
weights and missing components, the documents', trends' and exchange file's figures — is the same in both
forms."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update

from app.core.db.engine import Database
from app.core.db.models import ToolResult
from app.core.tools import figures, service
from app.core.tools.figures import index_bases
from tests.core.tools.test_tools_engine import TODAY, Y, _bundled, gmina  # noqa: F401 (fixtures)

_T = ToolResult.__table__

#: the Quality Index's basis, written out from resources/tools/catalogue.toml ([[indices.J.components]]);
#: weights 0.2 + 0.2 + 0.15 + 0.15 + 0.15 + 0.15 = 1.0
J_CATALOGUE = {
    "source": "catalogue",
    "components": [
        {"key": "J-04.attainment", "scope": "contract", "weight": "0.2", "min": "0", "max": "1.0"},
        {"key": "J-06.share_improved", "scope": "contract", "weight": "0.2", "min": "0", "max": "1.0"},
        {"key": "J-05.index", "scope": "contract", "weight": "0.15", "min": "0", "max": "100"},
        {"key": "J-13.positive_share", "scope": "contract", "weight": "0.15", "min": "0", "max": "1.0"},
        {"key": "J-07.score", "scope": "contract", "weight": "0.15", "min": "0", "max": "100"},
        {"key": "J-10.timeliness", "scope": "contract", "weight": "0.15", "min": "0", "max": "1.0"},
    ],
}


def _raw_bases(db: Database, tool_id: str) -> dict[tuple[str, int, int], Any]:
    with db.session() as s:
        return {
            (kind, sid, year): basis
            for kind, sid, year, basis in s.execute(
                select(_T.c.scope_kind, _T.c.scope_id, _T.c.year, _T.c.weights_used).where(_T.c.tool_id == tool_id)
            )
        }


def _as_stored_before(db: Database) -> int:
    """The rows as the earlier version stored them: every contract index row with the basis of its run (the
    gmina row's of its index and year; on L, benchmarks/index_bases.py showed main's rows hold exactly
    that) and a problem ("—" under the component's label) per component without a value. Returns how many
    rows were given a basis."""
    from app.core.tools.service import catalogue

    labels = {
        f"IDX-{code}": {c.key: str(c.label) for c in index.components} for code, index in catalogue().indices.items()
    }
    changed = 0
    with db.session() as s:
        for rid, tool_id, outputs in s.execute(
            select(_T.c.id, _T.c.tool_id, _T.c.outputs).where(
                _T.c.tool_id.startswith("IDX-"), _T.c.scope_kind == "contract"
            )
        ).all():
            missing = [c["key"] for c in outputs["components"] if c["raw"] is None]
            problems = [{"field": k, "label": labels[tool_id][k], "message": "—"} for k in missing]
            s.execute(update(_T).where(_T.c.id == rid).values(problems=problems))
        gmina_rows = s.execute(
            select(_T.c.tool_id, _T.c.year, _T.c.weights_used).where(
                _T.c.tool_id.startswith("IDX-"), _T.c.scope_kind == "gmina"
            )
        ).all()
        for tool_id, year, basis in gmina_rows:
            changed += s.execute(
                update(_T)
                .where(_T.c.tool_id == tool_id, _T.c.scope_kind == "contract", _T.c.year == year)
                .values(weights_used=basis)
            ).rowcount
    return changed


@pytest.mark.pg  # SQLite and the tests' PostgreSQL server (tests/conftest.py)
def test_the_basis_is_stored_once_and_every_contract_row_reads_it(db, gmina) -> None:  # type: ignore[no-untyped-def]
    service.recompute_all(db, as_of=TODAY)
    a, b = gmina["a"], gmina["b"]
    raw = _raw_bases(db, "IDX-J")
    # contract A runs 2025–2026 (index values in 2025 only: nothing reported for 2026), B in 2025
    assert raw == {("contract", a, Y): {}, ("contract", b, Y): {}, ("gmina", 0, Y): J_CATALOGUE}
    with db.session() as s:
        keys = [("IDX-J", "contract", a, Y), ("IDX-J", "contract", b, Y), ("IDX-J", "contract", a, 2026)]
        got = index_bases(s, keys)
    assert got == {keys[0]: J_CATALOGUE, keys[1]: J_CATALOGUE, keys[2]: None}  # 2026: no row stored


@pytest.mark.pg  # SQLite and the tests' PostgreSQL server (tests/conftest.py)
def test_a_contract_index_row_names_its_missing_components_in_its_outputs(db, gmina) -> None:  # type: ignore[no-untyped-def]
    """A component without a value is its "raw": null in the row's outputs (the row's problems no longer
    repeat it with its label); the explanation names it with the catalogue's label."""
    service.recompute_all(db, as_of=TODAY)
    a = gmina["a"]
    with db.session() as s:
        outputs, problems = s.execute(
            select(_T.c.outputs, _T.c.problems).where(
                _T.c.tool_id == "IDX-J", _T.c.scope_kind == "contract", _T.c.scope_id == a, _T.c.year == Y
            )
        ).one()
    # J-04 0.8750 → normalised (0.8750 − 0) / (1.0 − 0) = 0.875 (Decimal division: 0.875); J-10
    # 1 − 5/30 = 0.8333 → 0.8333 / 1.0 = 0.8333; the other four have no data
    assert outputs == {
        "value": "85.71",
        "components": [
            {"key": "J-04.attainment", "raw": "0.8750", "normalised": "0.875"},
            {"key": "J-06.share_improved", "raw": None, "normalised": None},
            {"key": "J-05.index", "raw": None, "normalised": None},
            {"key": "J-13.positive_share", "raw": None, "normalised": None},
            {"key": "J-07.score", "raw": None, "normalised": None},
            {"key": "J-10.timeliness", "raw": "0.8333", "normalised": "0.8333"},
        ],
    }
    assert problems == []
    (j,) = [i for i in service.indices(db, [a], Y, as_of=TODAY) if i.model_code == "J"]
    assert j.missing == (
        "uczestnicy z poprawą (pretest–posttest)",
        "satysfakcja odbiorców",
        "wydźwięk wywiadów (wzmianki pozytywne)",
        "ocena z kontroli",
    )
    assert j.weight_covered == D("0.3500")  # 0.2 + 0.15 of 1.0


@pytest.mark.pg  # SQLite and the tests' PostgreSQL server (tests/conftest.py)
def test_a_contract_index_explained_shows_its_weights(db, gmina) -> None:  # type: ignore[no-untyped-def]
    service.recompute_all(db, as_of=TODAY)
    a = gmina["a"]
    with db.session() as s:
        assert figures.stored_indices(s, [a], Y) is not None  # read from the stored rows, not computed
    (j,) = [i for i in service.indices(db, [a], Y, as_of=TODAY) if i.model_code == "J"]
    # J-04 0.875 (weight 0.2) and J-10 0.8333 (0.15) have data:
    # 100 × (0.2 × 0.875 + 0.15 × 0.8333) / 0.35 = 100 × 0.299995 / 0.35 = 85.7128… → 85.71
    assert j.value == D("85.71") and j.weights_source == "catalogue"
    expected = {c["key"]: D(c["weight"]) for c in J_CATALOGUE["components"]}
    assert dict(j.weights) == expected
    assert {c.key: c.weight for c in j.components} == expected
    # after a RADAR meeting and a recompute: the meeting's weights, in the explanation and in the basis
    agreed = {
        "J-04.attainment": "0.4",
        "J-06.share_improved": "0.1",
        "J-05.index": "0.1",
        "J-13.positive_share": "0.1",
        "J-07.score": "0.2",
        "J-10.timeliness": "0.1",
    }  # 0.4 + 0.1 × 4 + 0.2 = 1.0
    meeting = service.save_radar_meeting(db, dt.date(2026, 3, 1), "wójt, radni, NGO", {"J": agreed})
    service.recompute_all(db, as_of=TODAY)
    with db.session() as s:
        assert figures.stored_indices(s, [a], Y) is not None
        key = ("IDX-J", "contract", a, Y)
        basis = index_bases(s, [key])[key]
    assert basis is not None and basis["source"] == f"radar:{meeting.id}"
    assert {c["key"]: c["weight"] for c in basis["components"]} == agreed
    (j,) = [i for i in service.indices(db, [a], Y, as_of=TODAY) if i.model_code == "J"]
    # 100 × (0.4 × 0.875 + 0.1 × 0.8333) / 0.5 = 100 × 0.43333 / 0.5 = 86.666 → 86.67
    assert j.value == D("86.67") and j.weights_source == f"radar:{meeting.id}"
    assert {c.key: c.weight for c in j.components} == {k: D(v) for k, v in agreed.items()}


@pytest.mark.pg  # SQLite and the tests' PostgreSQL server (tests/conftest.py)
def test_rows_stored_by_an_earlier_version_read_as_they_did(db, gmina) -> None:  # type: ignore[no-untyped-def]
    service.recompute_all(db, as_of=TODAY)
    a, b = gmina["a"], gmina["b"]
    # 2025: IDX-J of A and B, IDX-E of A (E-05.L 0.2, J-04 0.875); B has no own contribution and no
    # planned result (no E component), neither a W component (no W-10 or W-08 entry)
    assert _as_stored_before(db) == 3
    with db.session() as s:
        # the gmina's row no longer says anything: each contract row's own basis is read
        s.execute(update(_T).where(_T.c.scope_kind == "gmina", _T.c.tool_id == "IDX-J").values(weights_used={}))
    with db.session() as s:
        keys = [("IDX-J", "contract", a, Y), ("IDX-J", "contract", b, Y)]
        assert index_bases(s, keys) == {keys[0]: J_CATALOGUE, keys[1]: J_CATALOGUE}
        stored = figures.stored_indices(s, [a, b], Y)
    assert stored is not None
    (j,) = [i for i in stored if i.model_code == "J"]
    assert j.value == D("92.86")  # (85.71 + 100.00) / 2 = 92.855 → 92.86 (B: J-10 alone, on time)
    # a row whose own basis is not the weights in force (an earlier catalogue) is not trusted
    earlier = {**J_CATALOGUE, "components": [{**J_CATALOGUE["components"][0], "weight": "0.25"}]}
    with db.session() as s:
        s.execute(
            update(_T)
            .where(_T.c.tool_id == "IDX-J", _T.c.scope_kind == "contract", _T.c.scope_id == b)
            .values(weights_used=earlier)
        )
    with db.session() as s:
        assert figures.stored_indices(s, [a, b], Y) is None
    (j,) = [i for i in service.indices(db, [a, b], Y, as_of=TODAY) if i.model_code == "J"]
    assert j.value == D("92.86")  # computed from the records: the same figure


# ---- what the clerk sees, before and after, on the demo and a generated gmina ---------------------------------


def _readers(db: Database) -> dict[str, Any]:
    """Every reader of the stored index rows: figures.indices (documents, the exchange file, the evaluation
    wizard and the indices panel ask there) for the year's contracts together (annual report, exchange
    file) and each contract alone (contract card, indices panel); the trends; the exchange file itself."""
    from app.core.services.gmina import get_gmina
    from app.core.tools import model_indices

    out: dict[str, Any] = {}
    profile = get_gmina(db)
    has_profile = profile is not None and bool(profile.name.strip())
    with db.session() as s:
        by_year: dict[int, list[int]] = {}
        for sid, year in s.execute(
            select(_T.c.scope_id, _T.c.year).where(_T.c.tool_id.startswith("IDX-"), _T.c.scope_kind == "contract")
        ):
            by_year.setdefault(year, []).append(sid)
        for year, ids in sorted(by_year.items()):
            ids = sorted(set(ids))
            assert figures.stored_indices(s, ids, year) is not None, year  # the stored rows are read
            out[f"year {year}"] = model_indices(s, ids, year)
            for cid in ids[:: max(1, len(ids) // 15)]:
                out[f"contract {cid} {year}"] = model_indices(s, [cid], year)
        keys = [
            (tool_id, "contract", sid, year)
            for tool_id, sid, year in s.execute(
                select(_T.c.tool_id, _T.c.scope_id, _T.c.year).where(
                    _T.c.tool_id.startswith("IDX-"), _T.c.scope_kind == "contract"
                )
            )
        ]
        out["bases"] = index_bases(s, keys)
    for code in ("E", "J", "W"):  # the trend charts: the gmina's and a contract's stored values per year
        out[f"trend {code}"] = service.index_trend(db, code)
        out[f"trend {code} {keys[0][2]}"] = service.index_trend(db, code, keys[0][2])
    if has_profile:  # the comparison exchange file (indices of the year's contracts, overall and per sphere)
        from app.core.comparison.exchange import gmina_figures

        for year in sorted(by_year)[-3:]:
            out[f"exchange {year}"] = gmina_figures(db, year)
    return out


def _compare_before_and_after(db: Database) -> int:
    after = _readers(db)
    assert any(k.startswith("exchange") for k in after)  # both gminas have a profile
    assert after["bases"] and all(b for b in after["bases"].values())
    assert sum(1 for k in after if k.startswith("year")) >= 3
    changed = _as_stored_before(db)
    assert changed == len(after["bases"])
    before = _readers(db)
    assert before.keys() == after.keys()
    for key in after:
        assert before[key] == after[key], key
    return changed


def test_the_demo_reads_the_same_before_and_after(tmp_path: Path) -> None:
    from app.core.db.engine import open_database
    from tests.core.tools.gminas import make_demo

    db = open_database(make_demo(tmp_path / "demo.sqlite"))  # load_demo ends with a recompute
    try:
        assert _compare_before_and_after(db) > 50
    finally:
        db.dispose()


def test_a_generated_gmina_reads_the_same_before_and_after(tmp_path: Path) -> None:
    from tests.core.tools.gminas import TODAY as GEN_TODAY
    from tests.core.tools.gminas import copy_of, make_generated

    db = copy_of(make_generated(tmp_path / "generated.sqlite"), tmp_path / "g.sqlite")
    try:
        service.recompute_all(db, as_of=GEN_TODAY)
        assert _compare_before_and_after(db) > 300
    finally:
        db.dispose()


@pytest.mark.pg  # SQLite and the tests' PostgreSQL server (tests/conftest.py)
def test_no_contract_row_repeats_the_basis_or_its_missing_components(db, gmina) -> None:  # type: ignore[no-untyped-def]
    service.recompute_all(db, as_of=TODAY)
    with db.session() as s:
        rows = s.execute(
            select(_T.c.weights_used, _T.c.problems).where(
                _T.c.tool_id.startswith("IDX-"), _T.c.scope_kind == "contract"
            )
        ).all()
    assert len(rows) == 3 and all(w == {} and p == [] for w, p in rows)
