"""Schema 2: the kind of a planned result (state / flow / persons), which decides how its yearly
values add up over the years (issue 13 item 3). Existing rows get the kind their unit suggests."""

from __future__ import annotations

import sqlalchemy as sa


def upgrade(op) -> None:  # type: ignore[no-untyped-def]
    from app.core.tools.results import default_kind

    with op.batch_alter_table("planned_result") as batch:
        batch.add_column(sa.Column("kind", sa.String(length=40), nullable=False, server_default="FLOW"))
    if op.get_context().as_sql:
        return  # offline SQL (the portability test): no rows to read
    bind = op.get_bind()
    table = sa.table("planned_result", sa.column("id", sa.Integer), sa.column("unit", sa.String),
                     sa.column("kind", sa.String))
    rows = bind.execute(sa.select(table.c.id, table.c.unit)).all()
    for rid, unit in rows:
        kind = default_kind(unit or "").value
        if kind != "FLOW":
            bind.execute(table.update().where(table.c.id == rid).values(kind=kind))
