"""Translation and locale-aware formatting.

msgids are English; Polish is the default language. Catalogues live in
`translations/<lang>/LC_MESSAGES/messages.po`; the compiled `.mo` is built on demand (and cached
beside the `.po` when that folder is writable), so a fresh clone runs without a build step.

Use `_("Saved {count} rows").format(count=n)`, never an f-string inside `_()`.
"""

from __future__ import annotations

import datetime as _dt
import gettext
import io
import logging
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # babel is imported on the first formatted value, after the main window's first paint
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


def _compile(po_path: Path) -> gettext.GNUTranslations:
    mo_path = po_path.with_suffix(".mo")
    if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
        with mo_path.open("rb") as fh:
            return gettext.GNUTranslations(fh)
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
    return gettext.GNUTranslations(io.BytesIO(data))


def load_translations(language: str) -> gettext.NullTranslations:
    from app.paths import translations_dir

    po_path = translations_dir() / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    mo_path = po_path.with_suffix(".mo")
    if not po_path.exists() and mo_path.exists():
        # The frozen bundle ships only the .mo compiled by build.spec (its folder is read-only).
        with mo_path.open("rb") as fh:
            return gettext.GNUTranslations(fh)
    if not po_path.exists():
        log.warning("no catalogue for %r at %s", language, po_path)
        return gettext.NullTranslations()
    return _compile(po_path)


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


def format_decimal(value: Decimal | int | None, digits: int | None = None) -> str:
    from babel import numbers as babel_numbers

    if value is None:
        return "—"
    if digits is None:
        return _minus(babel_numbers.format_decimal(value, locale=current_locale()))
    fmt = "#,##0" + ("." + "0" * digits if digits else "")
    return _minus(babel_numbers.format_decimal(value, format=fmt, locale=current_locale(), decimal_quantization=True))


def format_percent(value: Decimal | float | None, digits: int = 1) -> str:
    """`value` is a fraction: 0.253 → 25,3%."""
    from babel import numbers as babel_numbers

    if value is None:
        return "—"
    fmt = "#,##0" + ("." + "0" * digits if digits else "") + "%"
    return _minus(babel_numbers.format_percent(value, format=fmt, locale=current_locale(), decimal_quantization=True))


def format_money(value: Decimal | None, currency: str = "PLN") -> str:
    """1 234,50 zł in Polish (non-breaking spaces as CLDR prescribes)."""
    from babel import numbers as babel_numbers

    if value is None:
        return "—"
    return _minus(babel_numbers.format_currency(value, currency, locale=current_locale()))


def currency_symbol(currency: str = "PLN") -> str:
    """The currency's symbol in the UI language ("zł" in Polish, "PLN" in English), from babel."""
    from babel import numbers as babel_numbers

    return babel_numbers.get_currency_symbol(currency, locale=current_locale())
