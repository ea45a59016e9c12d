"""A database opened by any entry point logs ORM writes (the desktop app opened it without the audit
hooks, which only the commands installed: its saves left no change log, and the incremental tools
recompute, which reads the log, would have missed them)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = """
import sys
from pathlib import Path
from sqlalchemy import func, select
from app.core.db.engine import open_database
from app.core.db.models import AuditEntry, PublicTask
from app.core.domain.enums import DeliveryMode, WkusArea

db = open_database(Path(sys.argv[1]))
with db.session() as s:
    s.add(PublicTask(title="Opieka wytchnieniowa", area=list(WkusArea)[0], delivery_mode=list(DeliveryMode)[0]))
with db.session() as s:
    print(s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.entity == "public_task")))
db.dispose()
"""


def test_a_fresh_process_that_opens_the_database_logs_its_writes(tmp_path: Path) -> None:
    # a new interpreter: the tests' conftest installs the hooks in this one
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "g.sqlite")],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[3],
        timeout=240,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert int(out.stdout.strip().splitlines()[-1]) >= 1  # the CREATE of the task
