"""Telling a server address from a file path, without importing SQLAlchemy (the window's first paint
and the command line's parsing call this before any database code is loaded)."""

from __future__ import annotations

SCHEMES = ("postgresql", "postgres")


def is_server_url(target: object) -> bool:
    """True for `postgresql://…` (also `postgres://` and `postgresql+psycopg://`), not for a file path."""
    if not isinstance(target, str) or "://" not in target:
        return False
    scheme = target.split("://", 1)[0].lower()
    return scheme.split("+", 1)[0] in SCHEMES
