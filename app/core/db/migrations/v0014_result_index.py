"""Schema 14 (issue 18): tool_result loses its index on tool_id alone.

The unique constraint (tool_id, scope_kind, scope_id, year) is an index whose first column is tool_id:
every query that can use an index on tool_id uses that one (EXPLAIN QUERY PLAN of each query on the
results, in benchmarks/results/profiles.md: only a count scanned the small index, and now scans the
unique one). The second index was paid for by every row a recompute writes: 17 % of the CPU of
writing XL's 1.35 million rows. Nothing stored changes.
"""

from __future__ import annotations

from alembic.operations import Operations


def upgrade(op: Operations) -> None:
    op.drop_index("ix_tool_result_tool_id", table_name="tool_result")
