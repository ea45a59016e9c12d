"""Schema step: a procedure's yes/no fact "the announcement lists the previous years' tasks" (art. 13
ust. 2 pkt 7) may be unknown (NULL), e.g. a record imported from a file that did not carry it. Until now
the column was NOT NULL with a default of "no", so a fact nobody stated became a legal error (issue 13
item 11). Existing rows keep their stored answer."""

from __future__ import annotations

import sqlalchemy as sa
from alembic.operations import Operations


def upgrade(op: Operations) -> None:
    with op.batch_alter_table("procedure") as batch:
        batch.alter_column("lists_previous_years", existing_type=sa.Boolean(), nullable=True)
