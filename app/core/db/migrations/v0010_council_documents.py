"""Schema 10 (issue 14): what the council's and the skarbnik's documents need and had nowhere to keep.

* `programme_indicator`: the planned value of a monitoring indicator of a cooperation programme for one
  year (art. 5a ust. 4 pkt 9: the programme sets how its implementation is evaluated), so the annual report
  prints planned against achieved. A new table: existing programmes have no planned values (unknown, "—").
* `contract.budget_division` / `contract.budget_chapter`: dział and rozdział of the budget classification
  the grant is paid from, beside the paragraph the contract already had. Defaulted to "" (not entered),
  never guessed for existing contracts.
"""

# ruff: noqa: E501
from __future__ import annotations

import sqlalchemy as sa
from alembic.operations import Operations


def upgrade(op: Operations) -> None:
    op.create_table(
        "programme_indicator",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("planned", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["cooperation_programme.id"],
            name=op.f("fk_programme_indicator_programme_id_cooperation_programme"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_programme_indicator")),
        sa.UniqueConstraint("programme_id", "year", "code", name=op.f("uq_programme_indicator_programme_id")),
    )
    op.create_index(op.f("ix_programme_indicator_programme_id"), "programme_indicator", ["programme_id"], unique=False)
    with op.batch_alter_table("contract") as batch:
        batch.add_column(sa.Column("budget_division", sa.String(length=3), nullable=False, server_default=""))
        batch.add_column(sa.Column("budget_chapter", sa.String(length=5), nullable=False, server_default=""))
