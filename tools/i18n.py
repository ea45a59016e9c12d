"""Translation workflow (developer tool, stdlib + babel only).

    python -m tools.i18n extract        # messages.pot from app/, merged into pl and en catalogues
    python -m tools.i18n missing        # Polish entries still untranslated or fuzzy (JSON skeleton)
    python -m tools.i18n fill FILE.json # apply {"msgid": "tłumaczenie"} or {"msgid": ["1", "2", "5"]}
    python -m tools.i18n check          # exit 1 on untranslated/fuzzy entries or placeholder mismatches

The English catalogue is filled from the msgids automatically. A file lock serialises concurrent
runs, because several developers may extract at the same time in one working tree.
"""

from __future__ import annotations

import contextlib
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "translations"
POT = TRANSLATIONS / "messages.pot"
LANGS = ("pl", "en")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
PLACEHOLDER = re.compile(r"\{[a-zA-Z_][a-zA-Z0-9_]*\}")


def po_path(lang: str) -> Path:
    return TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po"


@contextlib.contextmanager
def locked() -> Iterator[None]:
    """Serialise catalogue edits between developers working in one tree (flock; msvcrt on Windows)."""
    TRANSLATIONS.mkdir(exist_ok=True)
    with open(TRANSLATIONS / ".lock", "a+") as fh:
        if sys.platform == "win32":
            import msvcrt

            fh.seek(0)
            msvcrt.locking(fh.fileno(), msvcrt.LK_LOCK, 1)
            try:
                yield
            finally:
                fh.seek(0)
                msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)


def _read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as fh:
        return read_po(fh, locale=locale)


def _write(path: Path, catalog: Catalog) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as fh:
        write_po(fh, catalog, width=100, no_location=True, sort_output=True, include_previous=False)
    tmp.replace(path)


def extract() -> None:
    template = Catalog(project="wkus-desktop", charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
        str(ROOT / "app"), method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=("TRANSLATORS:",)
    ):
        template.add(message, None, [(f"app/{filename}", lineno)], auto_comments=comments, context=context)
    _add_law_fixes(template)
    _write(POT, template)
    for lang in LANGS:
        path = po_path(lang)
        catalog = _read(path, lang) if path.exists() else Catalog(locale=lang, project="wkus-desktop")
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        if lang == "en":
            for m in catalog:
                if m.id and not _translated(m):
                    m.string = m.id if isinstance(m.id, str) else tuple(m.id)
                    m.flags.discard("fuzzy")
        _write(path, catalog)


def _add_law_fixes(template: Catalog) -> None:
    """The "what to do" of each compliance rule is data in rules.toml, shown through `_()`."""
    import tomllib

    path = ROOT / "resources" / "law" / "rules.toml"
    with path.open("rb") as fh:
        rules = tomllib.load(fh)["rules"]
    for rule_id, body in rules.items():
        if body.get("fix"):
            template.add(
                body["fix"],
                None,
                [("resources/law/rules.toml", 0)],
                auto_comments=[f"What to do about a finding of rule {rule_id}"],
            )


def _translated(message) -> bool:  # type: ignore[no-untyped-def]
    strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
    return bool(message.string) and all(strings) and "fuzzy" not in message.flags


def missing() -> dict[str, object]:
    catalog = _read(po_path("pl"), "pl")
    out: dict[str, object] = {}
    for m in catalog:
        if m.id and not _translated(m):
            key = m.id if isinstance(m.id, str) else m.id[0]
            if m.context:
                key = f"{m.context}\u0004{key}"
            out[key] = ["", "", ""] if isinstance(m.id, (list, tuple)) else ""
    return out


def fill(mapping: dict[str, object]) -> int:
    path = po_path("pl")
    catalog = _read(path, "pl")
    done = 0
    for m in catalog:
        if not m.id:
            continue
        key = m.id if isinstance(m.id, str) else m.id[0]
        if m.context:
            key = f"{m.context}\u0004{key}"
        if key in mapping and mapping[key]:
            value = mapping[key]
            m.string = tuple(value) if isinstance(value, list) else value
            m.flags.discard("fuzzy")
            done += 1
    _write(path, catalog)
    return done


def check() -> list[str]:
    problems: list[str] = []
    for lang in LANGS:
        catalog = _read(po_path(lang), lang)
        for m in catalog:
            if not m.id:
                continue
            ids = [m.id] if isinstance(m.id, str) else list(m.id)
            strings = [m.string] if isinstance(m.string, str) else list(m.string or [])
            if not _translated(m):
                problems.append(f"{lang}: untranslated or fuzzy: {ids[0]!r}")
                continue
            want = set(PLACEHOLDER.findall(ids[0]))
            for s in strings:
                if set(PLACEHOLDER.findall(s)) != want:
                    problems.append(f"{lang}: placeholders differ in {ids[0]!r} -> {s!r}")
    return problems


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    with locked():
        if argv[0] == "extract":
            extract()
            print(f"{len(missing())} Polish entries need translation")
        elif argv[0] == "missing":
            print(json.dumps(missing(), ensure_ascii=False, indent=1))
        elif argv[0] == "fill":
            mapping = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
            print(f"filled {fill(mapping)} entries")
        elif argv[0] == "check":
            problems = check()
            print("\n".join(problems) or "catalogues complete")
            return 1 if problems else 0
        else:
            print(__doc__)
            return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
