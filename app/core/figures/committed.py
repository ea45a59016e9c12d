"""Committed money per budget year, summed by the database: the Pulpit's money table (figures.money's
"committed", see there; re-exported by it). Its own module without SQLAlchemy: the Pulpit reads it at
start-up through the plain row reader before the database stack is imported (issue 18)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from app.core.db.plain_reads import Reader, as_int, as_money, reading
from app.core.domain.enums import ContractStatus

if TYPE_CHECKING:
    from app.core.db.engine import Database

#: `TrancheMoney.committed` as an SQL condition on tranche t ⋈ contract c: signed contracts' tranches,
#: of a terminated one only those paid (a test keeps the two forms equal on every status)
COMMITTED_WHERE = "(c.status IN (:signed) OR (c.status = :terminated AND t.paid_date IS NOT NULL))"
_PARAMS: dict[str, Any] = {
    "signed": [ContractStatus.ACTIVE, ContractStatus.COMPLETED, ContractStatus.SETTLED],
    "terminated": ContractStatus.TERMINATED,
}

_BY_YEAR_SQL = f"""
SELECT t.budget_year, sum(t.amount)
FROM tranche t JOIN contract c ON c.id = t.contract_id
WHERE {COMMITTED_WHERE}
GROUP BY t.budget_year
ORDER BY t.budget_year
"""


def committed_by_year(source: Database | Reader | Any) -> dict[int, Decimal]:
    """Budget year → committed money (ascending years; years committing nothing are left out). The
    database adds integer grosze; they become Decimal złote as the Money column gives them."""
    with reading(source) as reader:
        rows = reader.rows(_BY_YEAR_SQL, _PARAMS, (as_int, as_money))
    return {year: amount for year, amount in rows if amount}
