"""Schema 1: the first release.

TODO(release): freeze this step as explicit `op.create_table` calls (rendered from the models by
`python -m tools.freeze_schema`) before the first public release, so later model changes cannot
leak into it; `tests/core/test_migrations.py` compares the result with the models.
"""

from __future__ import annotations

from alembic.operations import Operations

from app.core.db.models import Base


def upgrade(op: Operations) -> None:
    Base.metadata.create_all(op.get_bind())
