"""Schema 11 (issue 21 item 9): the working group that carries out a cooperation programme.

* `programme_team_member`: the members of the programme's working group – the WKUS project's Grupa Robocza
  ("złożoną z 1 przedstawiciela lidera oraz po 1 przedstawicielu partnera, a także ekspertów merytorycznych"),
  Sopot's "Grupa Sterująca projektem, Koordynator merytoryczny" – with name, institution, role and a mark
  for the coordinator. A new table: existing programmes have no members recorded (nothing is guessed).
"""

# ruff: noqa: E501
from __future__ import annotations

import sqlalchemy as sa
from alembic.operations import Operations


def upgrade(op: Operations) -> None:
    op.create_table(
        "programme_team_member",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("institution", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=200), nullable=False),
        sa.Column("coordinator", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["cooperation_programme.id"],
            name=op.f("fk_programme_team_member_programme_id_cooperation_programme"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_programme_team_member")),
    )
    op.create_index(
        op.f("ix_programme_team_member_programme_id"), "programme_team_member", ["programme_id"], unique=False
    )
