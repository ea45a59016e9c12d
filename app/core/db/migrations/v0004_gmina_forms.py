"""Schema 4: the gmina's name in the cases council documents need ("Wójt Gminy X", "powierza się
Wójtowi Gminy X", "w Gminie X"). Additive, defaulted columns: an empty form is derived when the name
allows it, otherwise the document names the missing profile field."""

from __future__ import annotations

import sqlalchemy as sa
from alembic.operations import Operations


def upgrade(op: Operations) -> None:
    with op.batch_alter_table("gmina") as batch:
        for column in ("name_genitive", "name_dative", "name_locative"):
            batch.add_column(sa.Column(column, sa.String(length=200), nullable=False, server_default=""))
