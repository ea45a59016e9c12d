"""Parsed forms of the app's data files (the translations, the tool catalogue) kept in the user cache
folder with `marshal`, keyed by the source's length and two checksums: any other source (a new release,
an edited override) misses and is parsed anew, so a cached form never outlives its file.

Why: parsing is paid by every fresh process — the Polish catalogue before the main window's first paint
(6–8 ms), the tool catalogue's TOML before the first tool, document or recompute (~45 ms) — and loading
the same values with marshal takes a few milliseconds (issue 18). The frozen bundle's folder is
read-only, hence the user cache folder. Only values marshal can write are kept (dicts, lists, tuples,
text, numbers, None); anything else is simply not cached."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

#: bump when the layout of a cache file changes; a file of another version is ignored and rewritten
FORMAT = 1


def digest(data: bytes) -> str:
    """The key of a source: its length and two 32-bit checksums. zlib, not hashlib: importing hashlib
    (OpenSSL) costs ~8 ms before the first paint; the key only has to tell one file from another, it
    guards against no attacker."""
    import zlib

    return f"{len(data)}-{zlib.crc32(data):08x}-{zlib.adler32(data):08x}"


def cache_path(name: str) -> Path:
    from app.paths import cache_dir

    return cache_dir() / f"{name}.marshal"


def read(name: str, key: str) -> Any | None:
    """The value cached under `name` for the source `key`; None when absent, stale or damaged."""
    import marshal

    try:
        content = marshal.loads(cache_path(name).read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not (isinstance(content, tuple) and len(content) == 3):
        return None
    version, stored_key, value = content
    if version != FORMAT or stored_key != key:
        return None
    return value


def write(name: str, key: str, value: Any) -> None:
    """Keep `value` under `name` for the source `key` (written whole or not at all: a reader never sees
    half a file); a folder that cannot be written or a value marshal cannot hold only means no cache."""
    import marshal
    import os

    try:
        path = cache_path(name)
        partial = path.with_name(path.name + f".{os.getpid()}.tmp")
        partial.write_bytes(marshal.dumps((FORMAT, key, value)))
        os.replace(partial, path)
    except (OSError, ValueError):
        log.debug("cannot cache %s", name, exc_info=True)
