"""Moving a whole gmina between databases (`wkus transfer`): SQLite file -> office server and back.

The full JSON export is the one path records travel by (the same export a clerk can keep as a logical
backup), so there is no second copying routine to keep in step with the schema. The move is verified:
the target is exported again and must equal the source record for record, change log included.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.core.db.engine import Database
from app.core.errors import UserFacingError
from app.core.i18n import _


@dataclass(frozen=True)
class TransferResult:
    #: rows written per table
    counts: dict[str, int]
    #: tables whose rows differ after the move (empty: verified equal)
    differences: tuple[str, ...]

    @property
    def verified(self) -> bool:
        return not self.differences

    @property
    def records(self) -> int:
        return sum(self.counts.values())


def compare_exports(a: dict[str, Any], b: dict[str, Any]) -> tuple[str, ...]:
    """Names of the tables whose rows differ between two full exports (the export time is ignored)."""
    differences = []
    tables = sorted(set(a["tables"]) | set(b["tables"]))
    for name in tables:
        if a["tables"].get(name, []) != b["tables"].get(name, []):
            differences.append(name)
    if a["schema_version"] != b["schema_version"]:
        differences.append("schema_version")
    return tuple(differences)


def transfer(source: Database, target: Database) -> TransferResult:
    """Copy every record of `source` into the empty `target`, then check that both export the same."""
    from app.core.transfer.full_json import export_data, import_data

    if source.where == target.where:
        raise UserFacingError(
            _("The source and the target are the same database ({where}).").format(where=source.where)
        )
    data = export_data(source)
    counts = import_data(target, data)
    return TransferResult(counts, compare_exports(data, export_data(target)))


def require_existing(target: Path | str) -> None:
    """The source of a move must exist: opening a missing file would quietly create an empty database."""
    from app.core.db.address import is_server_url

    if not is_server_url(target) and not Path(target).expanduser().is_file():
        raise UserFacingError(_("The database file {path} does not exist.").format(path=target))
