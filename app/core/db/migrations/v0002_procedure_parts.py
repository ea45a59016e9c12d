"""Schema 2: parts of a procedure (issue 13 item 10). One open competition announced over several areas
(spheres), each part with its area / task, planned money and offers, counted once per competition and
summed per area in the annual report. Additive: a new table; existing procedures have no parts."""

# ruff: noqa: E501
from __future__ import annotations

import sqlalchemy as sa
from alembic.operations import Operations


def upgrade(op: Operations) -> None:
    op.create_table(
        "procedure_part",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("procedure_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("area", sa.String(length=40), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("planned_amount", sa.BigInteger(), nullable=True),
        sa.Column("offers_received", sa.Integer(), nullable=False),
        sa.Column("offers_rejected", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["procedure_id"],
            ["procedure.id"],
            name=op.f("fk_procedure_part_procedure_id_procedure"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["task_id"], ["public_task.id"], name=op.f("fk_procedure_part_task_id_public_task"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_procedure_part")),
    )
    op.create_index(op.f("ix_procedure_part_procedure_id"), "procedure_part", ["procedure_id"], unique=False)
    op.create_index(op.f("ix_procedure_part_task_id"), "procedure_part", ["task_id"], unique=False)
