"""Schema 8 (issue 16): the change log sees tampering with the data.

`row_digest`: keyed digest of the row's state after the change (NULL for deletions and for the
entries written before this step). `key_id`: which installation's key sealed the entry; '' marks the
entries written before this step (legacy: plain SHA-256 chain). Both additive, so older databases keep
working unchanged.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic.operations import Operations


def upgrade(op: Operations) -> None:
    with op.batch_alter_table("audit_log") as batch:
        batch.add_column(sa.Column("row_digest", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("key_id", sa.String(length=16), server_default="", nullable=False))
