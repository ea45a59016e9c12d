"""Translation lint (developer tool, stdlib + babel): complete catalogues and no unwrapped UI text.

    python -m tools.i18n_lint          # exit 1 and list the problems

Catalogues: every entry of the pl and en catalogues translated, not fuzzy, Polish plurals with
three forms, and the same placeholders as the msgid: `{name}` sets and printf-style `%s`/`%(n)d`.
UI sources: string literals with letters passed to widgets (setText, QLabel(...), QMessageBox...)
that are not wrapped in `_()`/`ngettext()`, and f-strings inside `_()` (they cannot be looked up).
"""

from __future__ import annotations

import ast
import re
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("pl", "en")
BRACE = re.compile(r"\{([a-zA-Z_][a-zA-Z0-9_]*)?(?:[!:][^{}]*)?\}")
#: No space flag: "20% dotacji" is prose, not "% d".
PRINTF = re.compile(r"%(?:\([a-zA-Z_][a-zA-Z0-9_]*\))?[-#0+]*\d*(?:\.\d+)?[sdifrxXeEgGc%]")
#: Polish has three plural forms (one, few, many).
PLURAL_FORMS = {"pl": 3, "en": 2}


def placeholders(text: str) -> tuple[Counter[str], Counter[str]]:
    braces = Counter(m.group(0).split(":")[0].split("!")[0].rstrip("}") + "}" for m in BRACE.finditer(text))
    printf = Counter(m.group(0) for m in PRINTF.finditer(text) if m.group(0) != "%%")
    return braces, printf


def catalogue_problems(catalog: Catalog, lang: str) -> list[str]:
    problems: list[str] = []
    for m in catalog:
        if not m.id:
            continue
        ids = [m.id] if isinstance(m.id, str) else list(m.id)
        strings = [m.string] if isinstance(m.string, str) else list(m.string or [])
        label = f"{lang}: {ids[0]!r}"
        if "fuzzy" in m.flags:
            problems.append(f"{label}: fuzzy")
            continue
        if not strings or not all(strings):
            problems.append(f"{label}: untranslated")
            continue
        if len(ids) > 1 and len(strings) != PLURAL_FORMS.get(lang, len(strings)):
            problems.append(f"{label}: {len(strings)} plural forms, expected {PLURAL_FORMS[lang]}")
        # Singular forms may drop the count ("jedna umowa"), so a plural translation must use
        # the placeholders of the plural msgid, each form at most those.
        want_braces, want_printf = placeholders(ids[-1])
        for s in strings:
            braces, printf = placeholders(s)
            exact = len(ids) == 1
            if (set(braces) != set(want_braces)) if exact else not set(braces) <= set(want_braces):
                problems.append(f"{label}: placeholders {sorted(braces)} != {sorted(want_braces)} in {s!r}")
            if (printf != want_printf) if exact else not set(printf) <= set(want_printf):
                problems.append(f"{label}: printf placeholders {sorted(printf)} != {sorted(want_printf)} in {s!r}")
    return problems


def read_catalogue(lang: str) -> Catalog:
    path = ROOT / "translations" / lang / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as fh:
        return read_po(fh, locale=lang)


# ---- unwrapped user-visible strings ----------------------------------------------------------

#: method or class name -> indices of the positional arguments the user sees.
VISIBLE_ARGS: dict[str, tuple[int, ...]] = {
    "setText": (0,),
    "setWindowTitle": (0,),
    "setToolTip": (0,),
    "setStatusTip": (0,),
    "setWhatsThis": (0,),
    "setPlaceholderText": (0,),
    "setTitle": (0,),
    "setSubTitle": (0,),
    "setLabelText": (0,),
    "setInformativeText": (0,),
    "setDetailedText": (0,),
    "showMessage": (0,),
    "setAccessibleName": (0,),
    "setAccessibleDescription": (0,),
    "setSpecialValueText": (0,),
    "setSuffix": (0,),
    "setPrefix": (0,),
    "setButtonText": (1,),
    "setTabText": (1,),
    "setItemText": (1,),
    "addRow": (0,),
    "addMenu": (0, 1),
    "addAction": (0, 1),
    "addTab": (1, 2),
    "insertTab": (2, 3),
    "setHeaderLabels": (0,),
    "setHorizontalHeaderLabels": (0,),
    "addItems": (0,),
    "QLabel": (0,),
    "QPushButton": (0, 1),
    "QCheckBox": (0,),
    "QRadioButton": (0,),
    "QGroupBox": (0,),
    "QAction": (0, 1),
    "QToolButton": (),
    "QCommandLinkButton": (0, 1),
    "QMenu": (0,),
    "information": (1, 2),
    "warning": (1, 2),
    "critical": (1, 2),
    "question": (1, 2),
    "about": (1, 2),
    "QMessageBox": (1, 2),
    "getText": (1, 2),
    "getInt": (1, 2),
    "getItem": (1, 2),
    "getOpenFileName": (1,),
    "getSaveFileName": (1,),
    "getExistingDirectory": (1,),
}
#: Methods whose first argument may be an icon, so the text is the first string-like argument.
ITEM_METHODS = {"addItem", "insertItem"}
#: Text no language translates: acronyms and file formats ("PDF", "CSV", "WKUS", "NIP").
UNTRANSLATED_OK = re.compile(r"^[A-Z][A-Z0-9]{1,5}$")
#: Functions whose argument is already marked for translation.
WRAPPERS = {"_", "N_", "ngettext", "pgettext", "tr"}


HTML_TAG = re.compile(r"<[^>]*>")


def _has_words(text: str) -> bool:
    stripped = HTML_TAG.sub("", text).strip()  # markup around translated text is not text
    return any(c.isalpha() for c in stripped) and not UNTRANSLATED_OK.match(stripped)


def _literal_text(node: ast.AST) -> list[str]:
    """Visible literal text in an argument: a string, the literal parts of an f-string, list items."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        return ["".join(v.value for v in node.values if isinstance(v, ast.Constant))]
    if isinstance(node, (ast.List, ast.Tuple)):
        return [t for elt in node.elts for t in _literal_text(elt)]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _literal_text(node.left) + _literal_text(node.right)
    return []


def _call_name(node: ast.Call) -> str | None:
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    if isinstance(node.func, ast.Name):
        return node.func.id
    return None


def unwrapped_strings(source: str, filename: str = "<string>") -> list[str]:
    """`file:line: call: text` for each literal a user would see untranslated."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source, filename)):
        if not isinstance(node, ast.Call):
            continue
        name = _call_name(node)
        if name in WRAPPERS and node.args and not isinstance(node.args[0], ast.Constant):
            if isinstance(node.args[0], ast.JoinedStr):
                found.append(f"{filename}:{node.lineno}: {name}(f-string) cannot be translated")
            continue
        if name in ITEM_METHODS:
            # addItem(text, userData) or addItem(icon, text, userData): the data is never shown.
            first = node.args[0] if node.args else None
            is_icon = isinstance(first, ast.Call) and "icon" in (_call_name(first) or "").lower()
            args = node.args[1:2] if is_icon else node.args[:1]
        elif name in VISIBLE_ARGS:
            args = [node.args[i] for i in VISIBLE_ARGS[name] if i < len(node.args)]
            args += [kw.value for kw in node.keywords if kw.arg in {"text", "title", "toolTip", "placeholderText"}]
        else:
            continue
        for arg in args:
            for text in _literal_text(arg):
                if _has_words(text):
                    found.append(f"{filename}:{node.lineno}: {name}: {text!r}")
    return found


def scan_ui(paths: Iterable[Path] | None = None) -> list[str]:
    files = sorted(paths) if paths is not None else sorted((ROOT / "app" / "ui").rglob("*.py"))
    out: list[str] = []
    for path in files:
        rel = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        out += unwrapped_strings(path.read_text(encoding="utf-8"), str(rel))
    return out


def main() -> int:
    problems = [p for lang in LANGS for p in catalogue_problems(read_catalogue(lang), lang)] + scan_ui()
    print("\n".join(problems) or "translations complete, no unwrapped UI strings")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
