"""What the Pulpit's start-up read loads (issue 18): opening the database and reading every figure the
Pulpit shows (tiles, money, dates, the gmina, the statutory deadlines) runs Core selects only, so no
ORM mapper is configured and the records module's dozens of dataclasses are not imported on the way
to the first figures. Checked in a fresh interpreter: this one has configured the mappers long ago."""

from __future__ import annotations

import textwrap
from pathlib import Path

from tests.core.backup_fixtures import demo_path, demo_template  # noqa: F401
from tests.fresh_interpreter import run_json

ROOT = Path(__file__).resolve().parents[3]

SCRIPT = textwrap.dedent("""
    import datetime as dt, json, sys
    from pathlib import Path
    from app.core.db.engine import open_database
    from app.core.db.models import Base
    from app.core.law.deadlines import collect_deadlines
    from app.core.services.dashboard import dashboard
    from app.core.services.gmina import get_gmina

    def configured():
        return not Base.registry._new_mappers

    db = open_database(Path(sys.argv[1]))
    after_open = configured()
    today = dt.date(2026, 12, 1)
    data = dashboard(db, today)
    gmina = get_gmina(db)
    deadlines = collect_deadlines(db, today, days=60)
    after_read = configured()
    records = "app.core.domain.records" in sys.modules
    # the ORM still works afterwards: the first ORM query configures the mappers itself
    from sqlalchemy import select
    from app.core.db.models import Contract
    with db.session() as s:
        orm_contracts = len(s.scalars(select(Contract)).all())
    print(json.dumps({"after_open": after_open, "after_read": after_read, "records": records,
                      "contracts": data.contracts, "orm_contracts": orm_contracts, "gmina": gmina is not None,
                      "deadlines": len(deadlines), "configured_at_end": configured()}))
    db.dispose()
""")


def test_the_pulpits_read_configures_no_mapper_and_skips_the_records_module(demo_path: Path) -> None:  # noqa: F811
    out = run_json(SCRIPT, str(demo_path))
    assert out["after_open"] is False  # the schema check reads the version with Core
    assert out["after_read"] is False
    assert out["records"] is False
    assert out["gmina"] is True
    assert out["contracts"] == out["orm_contracts"] > 0  # the same gmina, read both ways
    assert out["deadlines"] > 0
    assert out["configured_at_end"] is True


FIRST_FIGURES = textwrap.dedent("""
    import datetime as dt, json, sys
    from pathlib import Path
    from app.core import i18n
    i18n.set_language(sys.argv[2])
    from app.core.db.plain_reads import read_current_file
    from app.core.law.deadlines import collect_deadlines
    from app.core.services.dashboard import dashboard
    from app.core.services.gmina_read import read_gmina

    today = dt.date(2026, 12, 1)
    figures = read_current_file(
        Path(sys.argv[1]),
        lambda r: (dashboard(r, today), read_gmina(r), collect_deadlines(r, today, days=60)),
    )
    loaded = sorted(m for m in sys.modules if m.split(".")[0] == "sqlalchemy" or m.startswith("app.core.db."))
    print(json.dumps({"figures": repr(figures), "loaded": loaded}))
""")


def test_the_first_figures_are_read_from_the_file_without_sqlalchemy(demo_path: Path) -> None:  # noqa: F811
    """The fast path at start-up (issue 18): in a fresh interpreter, the Pulpit's figures computed from the
    SQLite file leave SQLAlchemy, the models and the engine unimported; and they are the figures the
    opened database gives in this interpreter."""
    import datetime as dt

    from app.core.db.engine import open_database
    from app.core.i18n import current_language
    from app.core.law.deadlines import collect_deadlines
    from app.core.services.dashboard import dashboard
    from app.core.services.gmina import get_gmina

    out = run_json(FIRST_FIGURES, str(demo_path), current_language())
    assert out["loaded"] == ["app.core.db.plain_reads"]  # no sqlalchemy, no models, no engine
    today = dt.date(2026, 12, 1)
    db = open_database(demo_path)
    try:
        expected = (dashboard(db, today), get_gmina(db), collect_deadlines(db, today, days=60))
    finally:
        db.dispose()
    assert out["figures"] == repr(expected)
    assert expected[0].contracts == 25 and expected[2]  # the demo's 25 contracts, deadlines listed
