"""Seats on the office server: editors and read-only seats, enforced by PostgreSQL's own grants.

`wkus server init` (run by the database's owner) creates two group roles and grants them the tables:
editors read and write, readers (the skarbnik, the sekretarz) only read. A reader's save is refused by the
server itself, whatever the program does; the program asks the server what the user may do
(`may_write`) to say so before anyone types. The owner alone changes the structure (migrations).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlalchemy import func, select, text
from sqlalchemy.engine import Engine

from app.core.errors import UserFacingError
from app.core.i18n import _

EDITORS = "wkus_editors"
READERS = "wkus_readers"

#: The names PostgreSQL takes without quoting: what a clerk's login should look like.
_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


@dataclass
class RolesResult:
    created: list[str] = field(default_factory=list)
    granted: list[tuple[str, str]] = field(default_factory=list)  # (user, group)
    without_password: list[str] = field(default_factory=list)


def check_user_name(name: str) -> str:
    if not _NAME.match(name):
        raise UserFacingError(
            _(
                "The user name {name} cannot be used: write it in small Latin letters, digits "
                "and _, starting with a letter (e.g. anna_kowalska)."
            ).format(name=name)
        )
    return name


def init_roles(engine: Engine, editors: list[str], readers: list[str]) -> RolesResult:
    """Create the two groups (if missing), grant them every table and sequence (also those later migrations
    create), and put the named users into them (creating logins without a password where missing)."""
    for name in [*editors, *readers]:
        check_user_name(name)
    overlap = sorted(set(editors) & set(readers))
    if overlap:
        raise UserFacingError(
            _("A user cannot be an editor and a reader at once: {names}.").format(names=", ".join(overlap))
        )
    result = RolesResult()
    with engine.begin() as conn:
        existing = set(conn.execute(text("SELECT rolname FROM pg_roles")).scalars())
        for group in (EDITORS, READERS):
            if group not in existing:
                conn.execute(text(f"CREATE ROLE {group} NOLOGIN"))
                result.created.append(group)
        database = conn.execute(select(func.current_database())).scalar_one()
        quoted_db = str(database).replace('"', '""')  # a name with a quote stays one identifier
        for group in (EDITORS, READERS):
            conn.execute(text(f'GRANT CONNECT ON DATABASE "{quoted_db}" TO {group}'))
            conn.execute(text(f"GRANT USAGE ON SCHEMA public TO {group}"))
        conn.execute(text(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {READERS}"))
        conn.execute(text(f"GRANT SELECT ON ALL SEQUENCES IN SCHEMA public TO {READERS}"))
        conn.execute(text(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {EDITORS}"))
        conn.execute(text(f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {EDITORS}"))
        # tables a later version's migration creates (run by this owner) are granted the same way
        conn.execute(text(f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO {READERS}"))
        conn.execute(
            text(
                f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {EDITORS}"
            )
        )
        conn.execute(
            text(f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO {EDITORS}")
        )
        for group, users in ((EDITORS, editors), (READERS, readers)):
            other = READERS if group == EDITORS else EDITORS
            for user in users:
                if user not in existing:
                    conn.execute(text(f"CREATE ROLE {user} LOGIN"))
                    result.created.append(user)
                    result.without_password.append(user)
                conn.execute(text(f"REVOKE {other} FROM {user}"))  # a seat moved from editor to reader
                conn.execute(text(f"GRANT {group} TO {user}"))
                result.granted.append((user, group))
    return result


def may_write(engine: Engine) -> bool:
    """Whether the connected user may change the records (asked of the server, which enforces it)."""
    with engine.connect() as conn:
        # a database not migrated yet has no tables to ask about: the migration itself decides
        return bool(
            conn.execute(
                text(
                    "SELECT CASE WHEN to_regclass('contract') IS NULL OR to_regclass('audit_log') IS NULL THEN true "
                    "ELSE has_table_privilege(current_user, 'contract', 'UPDATE') "
                    "AND has_table_privilege(current_user, 'audit_log', 'INSERT') END"
                )
            ).scalar()
        )


def database_user(conn: object) -> str:
    return str(conn.execute(text("SELECT current_user")).scalar())  # type: ignore[attr-defined]
