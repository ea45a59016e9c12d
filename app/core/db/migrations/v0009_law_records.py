"""Schema step (issue 17): facts the act asks of a competition and of a late grant return.

* procedure.announcement_points: which points 1–6 of art. 13 ust. 2 u.d.p.p.w. the announcement
  contains, as "1,2,3" (NULL = not recorded: the check says it cannot judge, never "missing");
* procedure.commission_*: the competition commission of art. 15 ust. 2a–2f (the wójt's appointment
  date, how many members represent organisations, how many of those represent an offeror, whether
  every member's statement of impartiality is on file); all NULL = not recorded;
* tranche.returned_date: the day the unused grant came back, for the interest of art. 251 ust. 5
  u.f.p. (NULL = not recorded).

All columns are nullable and new, so stored rows keep every value they had.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic.operations import Operations


def upgrade(op: Operations) -> None:
    with op.batch_alter_table("procedure") as batch:
        batch.add_column(sa.Column("announcement_points", sa.String(40), nullable=True))
        batch.add_column(sa.Column("commission_appointed", sa.Date(), nullable=True))
        batch.add_column(sa.Column("commission_ngo_members", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("commission_offeror_members", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("commission_statements", sa.Boolean(), nullable=True))
    with op.batch_alter_table("tranche") as batch:
        batch.add_column(sa.Column("returned_date", sa.Date(), nullable=True))
