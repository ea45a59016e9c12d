"""Schema 7 (issue 19): a version counter on the records clerks edit in dialogs.

Several seats share one database on the office server; a save names the version it started from and is
refused when another seat saved in between (SQLAlchemy's `version_id_col`), so nothing is lost silently.
Existing rows start at version 1.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic.operations import Operations

#: the editable records with a version counter (the contract, organisation, procedure and programme dialogs)
TABLES = ("contract", "organisation", "procedure", "cooperation_programme")


def upgrade(op: Operations) -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
