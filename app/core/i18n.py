"""Translation and locale-aware formatting.

msgids are English; Polish is the default language. Catalogues live in
`translations/<lang>/LC_MESSAGES/messages.po`; the compiled `.mo` is built on demand (and cached
beside the `.po` when that folder is writable), so a fresh clone runs without a build step.

Use `_("Saved {count} rows").format(count=n)`, never an f-string inside `_()`.
"""

from __future__ import annotations

import gettext
import io
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # babel is imported on the first formatted value, after the main window's first paint
    import datetime as _dt  # (and these two, only named in annotations here, ~3 ms before the paint)
    from decimal import Decimal

    from babel import Locale

log = logging.getLogger(__name__)

DOMAIN = "messages"
#: Languages we ship, with the babel locale used for formatting.
LANGUAGES: dict[str, str] = {"pl": "pl_PL", "en": "en_GB"}
DEFAULT_LANGUAGE = "pl"
#: Pseudo-locale that lengthens every string (layout check, cf. Vorta's TRANS_SCALE).
PSEUDO_LANGUAGE = "pseudo"

_translations: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"
_locale_code = "en_GB"
_locale_cache: dict[str, Locale] = {}


#: Environment variable with the pseudo-locale's length factor (Vorta's TRANS_SCALE); default 1.4.
TRANS_SCALE_ENV = "WKUS_TRANS_SCALE"


def _trans_scale() -> float:
    import os

    try:
        scale = float(os.environ.get(TRANS_SCALE_ENV, "1.4"))
    except ValueError:
        return 1.4
    return min(max(scale, 1.0), 3.0)


class _PseudoTranslations(gettext.NullTranslations):
    """Wraps Polish and lengthens each string (~40%, or WKUS_TRANS_SCALE) to expose clipped layouts.

    The text is kept whole (placeholders and "&" mnemonics still work) and bracketed, so a clipped
    end shows as a missing "]".
    """

    def __init__(self, base: gettext.NullTranslations, scale: float | None = None) -> None:
        super().__init__()
        self._base = base
        self._scale = _trans_scale() if scale is None else scale

    def _stretch(self, text: str) -> str:
        pad = "~" * max(1, round(len(text) * (self._scale - 1)))
        return "[" + text + pad + "]"

    def gettext(self, message: str) -> str:
        return self._stretch(self._base.gettext(message))

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return self._stretch(self._base.ngettext(msgid1, msgid2, n))

    def pgettext(self, context: str, message: str) -> str:
        return self._stretch(self._base.pgettext(context, message))


class _MoTranslations(gettext.GNUTranslations):
    """A compiled catalogue (.mo) whose parsed form is kept in the user cache folder (marshal),
    keyed by the .mo's length and checksums: any other .mo (a new release, a recompiled .po) misses and
    is parsed anew, so the cache never outlives its catalogue.

    Why: `GNUTranslations` decodes all ~3 000 messages one by one (6–8 ms before the main window's
    first paint, issue 18); loading the same dictionary from marshal takes ~2 ms. The frozen bundle
    ships only the .mo (its folder is read-only), hence the cache in the user data folder.
    """

    def __init__(self, data: bytes, language: str) -> None:
        self._data = data
        self._language = language
        super().__init__(io.BytesIO(data))

    def _parse(self, fp: Any) -> None:
        from app.core.parsed_cache import digest as source_digest

        digest = source_digest(self._data)
        cached = _read_cache(self._language, digest)
        if cached is not None:
            self._info, self._charset, self._catalog, plural = cached
            if plural is not None:
                self.plural = gettext.c2py(plural)
            return
        super()._parse(fp)
        _write_cache(self, self._language, digest)


def _plural_expression(info: dict[str, str]) -> str | None:
    # as GNUTranslations._parse reads it from the header
    forms = info.get("plural-forms")
    if forms is None:
        return None
    return forms.split(";")[1].split("plural=")[1]


def _cache_name(language: str) -> str:
    return f"{DOMAIN}-{language}"


def _read_cache(language: str, digest: str) -> tuple[dict[str, str], str | None, dict[object, str], str | None] | None:
    from app.core import parsed_cache

    content = parsed_cache.read(_cache_name(language), digest)
    if not (isinstance(content, tuple) and len(content) == 4):
        return None
    info, charset, catalog, plural = content
    if not (isinstance(info, dict) and isinstance(catalog, dict)):
        return None
    if not (charset is None or isinstance(charset, str)) or not (plural is None or isinstance(plural, str)):
        return None
    return info, charset, catalog, plural


def _write_cache(translations: gettext.GNUTranslations, language: str, digest: str) -> None:
    from app.core import parsed_cache

    info: dict[str, str] = translations._info  # type: ignore[attr-defined]
    try:
        plural = _plural_expression(info)
        if plural is not None:
            # the cache rebuilds the plural function from the expression: only if it is the same one
            rebuilt = gettext.c2py(plural)
            if any(rebuilt(n) != translations.plural(n) for n in range(1000)):  # type: ignore[attr-defined]
                return
    except (IndexError, ValueError):  # a header gettext read its own way: not cached, still translated
        return
    content = (info, translations._charset, translations._catalog, plural)  # type: ignore[attr-defined]
    parsed_cache.write(_cache_name(language), digest, content)


def _read_mo(mo_path: Path, language: str) -> gettext.GNUTranslations:
    return _MoTranslations(mo_path.read_bytes(), language)


def _compile(po_path: Path, language: str) -> gettext.GNUTranslations:
    mo_path = po_path.with_suffix(".mo")
    if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
        return _read_mo(mo_path, language)
    from babel.messages.mofile import write_mo  # only when the catalogue changed
    from babel.messages.pofile import read_po

    with po_path.open("rb") as fh:
        catalog = read_po(fh)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    data = buffer.getvalue()
    try:
        mo_path.write_bytes(data)
    except OSError:
        log.debug("cannot cache %s; using the in-memory catalogue", mo_path)
    return _MoTranslations(data, language)


def load_translations(language: str) -> gettext.NullTranslations:
    from app.paths import translations_dir

    po_path = translations_dir() / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    mo_path = po_path.with_suffix(".mo")
    if not po_path.exists() and mo_path.exists():
        # The frozen bundle ships only the .mo compiled by build.spec (its folder is read-only).
        return _read_mo(mo_path, language)
    if not po_path.exists():
        log.warning("no catalogue for %r at %s", language, po_path)
        return gettext.NullTranslations()
    return _compile(po_path, language)


def set_language(language: str | None) -> str:
    """Install the catalogue and formatting locale; unknown codes fall back to Polish."""
    global _translations, _language, _locale_code
    if language == PSEUDO_LANGUAGE:
        _translations = _PseudoTranslations(load_translations(DEFAULT_LANGUAGE))
        _language = PSEUDO_LANGUAGE
        _locale_code = LANGUAGES[DEFAULT_LANGUAGE]
        return _language
    if language not in LANGUAGES:
        if language:
            log.warning("unknown language %r, using %s", language, DEFAULT_LANGUAGE)
        language = DEFAULT_LANGUAGE
    _translations = load_translations(language)
    _language = language
    _locale_code = LANGUAGES[language]
    return language


def current_language() -> str:
    return _language


def current_locale() -> Locale:
    locale = _locale_cache.get(_locale_code)
    if locale is None:
        from babel import Locale

        locale = _locale_cache[_locale_code] = Locale.parse(_locale_code)
    return locale


def _(message: str) -> str:
    return _translations.gettext(message)


def N_(message: str) -> str:
    """Mark a string for extraction; translate it later with `_()` where it is shown."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return _translations.pgettext(context, message)


# ---- formatting -------------------------------------------------------------------------------


def format_date(value: _dt.date | None, style: str = "short") -> str:
    """`short` = 31.05.2026 in Polish; `long` = 31 maja 2026 (for documents)."""
    from babel import dates as babel_dates

    if value is None:
        return "—"
    if style == "short":
        # Babel's short pattern has a two-digit year in some locales; office documents want four.
        pattern = current_locale().date_formats["short"].pattern.replace("yy", "yyyy").replace("yyyyyyyy", "yyyy")
        return babel_dates.format_date(value, pattern, locale=current_locale())
    return babel_dates.format_date(value, style, locale=current_locale())


def format_datetime(value: _dt.datetime | None) -> str:
    from babel import dates as babel_dates

    if value is None:
        return "—"
    return babel_dates.format_datetime(value, "short", locale=current_locale())


def _minus(text: str) -> str:
    """A negative number with the typographic minus sign (U+2212): CLDR's Polish data has the
    hyphen-minus, which in print reads as a dash or a hyphenation (issue 15: "−200,00 zł")."""
    return text.replace("-", "\u2212", 1) if "-" in text else text


#: a number's text in a locale: (kind, the value's type, its str(), the argument, locale code) → text.
#: babel builds every number's text anew from the locale's pattern; a large document prints the same
#: amounts and counts thousands of times (the annual report of a 3 000-contract gmina: 4 845 decimals,
#: 229 distinct; 2 227 amounts, 816 distinct). str() keys the value as written (1.50 and 1.5, −0 and 0
#: stay apart), the type keeps 1 and Decimal("1") apart; a long-running app starts afresh beyond this.
_number_texts: dict[tuple[Any, ...], str] = {}
_NUMBER_TEXTS_KEPT = 20_000


def _number_text(kind: str, value: Any, argument: Any) -> str | None:
    return _number_texts.get((kind, type(value), str(value), argument, _locale_code))


def _keep_number_text(kind: str, value: Any, argument: Any, text: str) -> str:
    if len(_number_texts) >= _NUMBER_TEXTS_KEPT:
        _number_texts.clear()
    _number_texts[(kind, type(value), str(value), argument, _locale_code)] = text
    return text


def format_decimal(value: Decimal | int | None, digits: int | None = None) -> str:
    from babel import numbers as babel_numbers

    if value is None:
        return "—"
    text = _number_text("decimal", value, digits)
    if text is not None:
        return text
    if digits is None:
        text = babel_numbers.format_decimal(value, locale=current_locale())
    else:
        fmt = "#,##0" + ("." + "0" * digits if digits else "")
        text = babel_numbers.format_decimal(value, format=fmt, locale=current_locale(), decimal_quantization=True)
    return _keep_number_text("decimal", value, digits, _minus(text))


def format_percent(value: Decimal | float | None, digits: int = 1) -> str:
    """`value` is a fraction: 0.253 → 25,3%."""
    from babel import numbers as babel_numbers

    if value is None:
        return "—"
    text = _number_text("percent", value, digits)
    if text is not None:
        return text
    fmt = "#,##0" + ("." + "0" * digits if digits else "") + "%"
    text = babel_numbers.format_percent(value, format=fmt, locale=current_locale(), decimal_quantization=True)
    return _keep_number_text("percent", value, digits, _minus(text))


def format_money(value: Decimal | None, currency: str = "PLN") -> str:
    """1 234,50 zł in Polish (non-breaking spaces as CLDR prescribes)."""
    from babel import numbers as babel_numbers

    if value is None:
        return "—"
    text = _number_text("money", value, currency)
    if text is not None:
        return text
    text = babel_numbers.format_currency(value, currency, locale=current_locale())
    return _keep_number_text("money", value, currency, _minus(text))


def currency_symbol(currency: str = "PLN") -> str:
    """The currency's symbol in the UI language ("zł" in Polish, "PLN" in English), from babel."""
    from babel import numbers as babel_numbers

    return babel_numbers.get_currency_symbol(currency, locale=current_locale())
