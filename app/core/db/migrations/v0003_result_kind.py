"""Schema 3: the kind of a planned result (state / flow / persons), which decides how its yearly
values add up over the years (issue 13 item 3). Existing rows get the kind their unit suggests.

The unit rule is copied here as it stood when the step was written (app.core.tools.results.default_kind
may learn more units later; a released step must give the same result on every old file)."""

from __future__ import annotations

import sqlalchemy as sa
from alembic.operations import Operations

#: unit stems (casefolded) → kind code, first match wins; anything else stays FLOW (the column default)
_STEMS: tuple[tuple[tuple[str, ...], str], ...] = (
    (
        (
            "mies",
            "month",
            "godz",
            "hour",
            "posił",
            "meal",
            "usług",
            "service",
            "porad",
            "wizyt",
            "visit",
            "kurs",
            "zajęć",
            "zajęcia",
            "spotkań",
            "dowóz",
            "przejazd",
        ),
        "FLOW",
    ),
    (
        (
            "osob",
            "osób",
            "osoba",
            "person",
            "people",
            "uczestni",
            "particip",
            "ludzi",
            "dzieci",
            "dziec",
            "senior",
            "zawodnik",
            "wolontariusz",
            "beneficjent",
            "podopieczn",
            "rodzin",
            "famil",
            "uczn",
            "pupil",
        ),
        "PERSONS",
    ),
    (
        (
            "miejsc",
            "place",
            "etat",
            "staff",
            "pracowni",
            "pokoj",
            "pokój",
            "room",
            "sal",
            "pomieszcz",
            "lokal",
            "stanowisk",
            "łóżk",
            "bed",
        ),
        "STATE",
    ),
)


def _kind(unit: str) -> str:
    text = (unit or "").casefold()
    for stems, kind in _STEMS:
        if any(s in text for s in stems):
            return kind
    return "FLOW"


def upgrade(op: Operations) -> None:
    with op.batch_alter_table("planned_result") as batch:
        batch.add_column(sa.Column("kind", sa.String(length=40), nullable=False, server_default="FLOW"))
    if op.get_context().as_sql:
        return  # offline SQL (the portability test): no rows to read
    bind = op.get_bind()
    table = sa.table(
        "planned_result", sa.column("id", sa.Integer), sa.column("unit", sa.String), sa.column("kind", sa.String)
    )
    for rid, unit in bind.execute(sa.select(table.c.id, table.c.unit)).all():
        kind = _kind(unit or "")
        if kind != "FLOW":
            bind.execute(table.update().where(table.c.id == rid).values(kind=kind))
