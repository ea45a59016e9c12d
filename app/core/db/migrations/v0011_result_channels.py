"""Schema 11 (issue 17): the competition's results published in each of the three places, each with its date.

Art. 15 ust. 2j u.d.p.p.w. has the results made public as the announcement is (art. 13 ust. 3: BIP, the
office's notice board, the website), and art. 18a ust. 2 the same for the information on an annulment.
One date was stored (procedure.results_published); it is kept unchanged and is from now on the date in
BIP (the first place of art. 13 ust. 3), and two dates are added:

* procedure.results_published_board: on the office's notice board;
* procedure.results_published_website: on the office's website.

Both nullable and new (NULL = not recorded, named as missing data, never a breach), so stored rows keep
every value they had.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic.operations import Operations


def upgrade(op: Operations) -> None:
    with op.batch_alter_table("procedure") as batch:
        batch.add_column(sa.Column("results_published_board", sa.Date(), nullable=True))
        batch.add_column(sa.Column("results_published_website", sa.Date(), nullable=True))
