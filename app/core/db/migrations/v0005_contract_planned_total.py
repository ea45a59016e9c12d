"""Schema 5: the planned total grant of a contract (issue 15, item 4).

The contract dialog checked the tranches against a planned total but had no column to keep it, so
a reopened contract showed 0,00 and the check was lost. Nullable: contracts stored before this step
have no planned total (unknown stays unknown, not 0).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic.operations import Operations


def upgrade(op: Operations) -> None:
    with op.batch_alter_table("contract") as batch:
        batch.add_column(sa.Column("planned_total", sa.BigInteger(), nullable=True))
