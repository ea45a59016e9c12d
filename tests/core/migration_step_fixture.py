"""A throw-away migration step used by test_migrations (adds a column in batch mode)."""

import sqlalchemy as sa


def upgrade(op) -> None:  # type: ignore[no-untyped-def]
    with op.batch_alter_table("setting") as batch:
        batch.add_column(sa.Column("note", sa.String(50), nullable=True))
