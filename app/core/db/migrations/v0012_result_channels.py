"""Schema 12 (issue 17): results and small-grant offers published in each of three places; the RDPP's draft.

Art. 15 ust. 2j u.d.p.p.w. has the results made public as the announcement is (art. 13 ust. 3: BIP, the
office's notice board, the website), and art. 18a ust. 2 the same for the information on an annulment.
One date was stored (procedure.results_published); it is kept unchanged and is from now on the date in
BIP (the first place of art. 13 ust. 3), and two dates are added:

* procedure.results_published_board: on the office's notice board;
* procedure.results_published_website: on the office's website.

For a small grant (art. 19a), the same three places for the offer, and the remarks:

* procedure.offer_published_board / procedure.offer_published_website: the offer on the notice board and
  on the website (art. 19a ust. 3); publication_start keeps its value and is the date in BIP;
* procedure.remarks_considered: the day the remarks on the offer were considered (art. 19a ust. 5: the
  contract is concluded "po rozpatrzeniu uwag").

For the cooperation programme:

* cooperation_programme.rdpp_draft_delivered: the day the draft programme was delivered to the public benefit
  council (RDPP), from which its 14 days for an opinion run (art. 41i ust. 2), so PRG-6 can judge instead of
  naming missing data.

All nullable and new (NULL = not recorded, named as missing data, never a breach), so stored rows keep
every value they had.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic.operations import Operations


def upgrade(op: Operations) -> None:
    with op.batch_alter_table("procedure") as batch:
        batch.add_column(sa.Column("results_published_board", sa.Date(), nullable=True))
        batch.add_column(sa.Column("results_published_website", sa.Date(), nullable=True))
        batch.add_column(sa.Column("offer_published_board", sa.Date(), nullable=True))
        batch.add_column(sa.Column("offer_published_website", sa.Date(), nullable=True))
        batch.add_column(sa.Column("remarks_considered", sa.Date(), nullable=True))
    with op.batch_alter_table("cooperation_programme") as batch:
        batch.add_column(sa.Column("rdpp_draft_delivered", sa.Date(), nullable=True))
