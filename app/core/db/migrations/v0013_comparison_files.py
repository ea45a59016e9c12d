"""Schema 13 (issue 19): the exchange files of other gminas the clerk imported.

* `comparison_file`: one gmina's indicator exchange file for one year (unique per gmina and year), its
  checked JSON and when it was imported, so the Kreator "Zlecenie zadania" can show, for the sphere of the
  task, what other gminas chose and achieved. A new table: nothing existing changes.
"""

# ruff: noqa: E501
from __future__ import annotations

import sqlalchemy as sa
from alembic.operations import Operations


def upgrade(op: Operations) -> None:
    op.create_table(
        "comparison_file",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("gmina", sa.String(length=200), nullable=False),
        sa.Column("teryt", sa.String(length=7), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_comparison_file")),
        sa.UniqueConstraint("gmina", "year", name=op.f("uq_comparison_file_gmina")),
    )
