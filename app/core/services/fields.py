"""Field-level parsing shared by the services: each parser records a FieldError instead of raising.

A validator builds one `Checker`, calls its parsers for every field (so the clerk sees all the
problems at once, not the first one), then `checker.raise_if_any()`.
Labels are English msgids (marked with N_) translated when the error is made.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Any, TypeVar

from app.core.dates import DateFormatError, parse_date
from app.core.errors import FieldError, ValidationFailed
from app.core.i18n import _, format_decimal
from app.core.intake import TextProblem, field_label, normalise_text, text_problem
from app.core.money import AmbiguousAmount, MoneyFormatError, parse_decimal, parse_money

E = TypeVar("E", bound=Enum)

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_POSTAL = re.compile(r"\d{2}-\d{3}")


def ambiguous_message(exc: AmbiguousAmount) -> str:
    """What to type instead of "1,500" (which could be 1 500,00 or 1,50)."""
    return _(
        "\u201c{text}\u201d can be read two ways: type {thousands} (thousands) or {decimal} (złote and grosze)."
    ).format(
        text=str(exc).strip(), thousands=format_decimal(exc.as_thousands, 2), decimal=format_decimal(exc.as_decimal, 2)
    )


def plain(value: Decimal) -> Decimal:
    """40 rather than 4E+1: a stored quantity without exponent or trailing zeros."""
    value = value.normalize()
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value


def add_years(day: dt.date, years: int) -> dt.date:
    """Same day `years` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def field_error(field: str, label: str, message: str) -> FieldError:
    """A FieldError whose label is the translation of the English msgid `label`."""
    return FieldError(field, _(label), message)


def _texts(value: Any) -> list[str]:
    """Every text inside a form's value: itself, the items of a table, the cells of its rows."""
    if isinstance(value, str) and not isinstance(value, Enum):
        return [value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [t for f in dataclasses.fields(value) for t in _texts(getattr(value, f.name))]
    if isinstance(value, Mapping):
        return [t for item in value.values() for t in _texts(item)]
    if isinstance(value, (list, tuple)):
        return [t for item in value for t in _texts(item)]
    return []


def text_refusals(data: Any, labels: Mapping[str, str]) -> list[FieldError]:
    """The fields of a form's input whose text cannot be stored however it is cleaned (an unpaired
    surrogate, a direction override, a replacement character): the same refusal as an import's, so a
    pasted "Fundacja\u202eX" is named on its field instead of being stored reversed."""
    errors = []
    for f in dataclasses.fields(data):
        value = getattr(data, f.name)
        # a table's rows are named as its other errors name them ("Row 2: …")
        table = isinstance(value, (list, tuple)) and all(dataclasses.is_dataclass(v) for v in value)
        rows = list(enumerate(value, start=1)) if table else [(0, value)]
        for row, item in rows:
            problem = next((p for p in map(text_problem, _texts(item)) if p), None)
            if problem:
                message = _("The text cannot be saved: {reason}.").format(reason=problem)
                if row:
                    message = _("Row {row}: {message}").format(row=row, message=message)
                errors.append(FieldError(f.name, _(labels.get(f.name) or field_label(f.name)), message))
                break
    return errors


class Checker:
    def __init__(self, data: Any = None, labels: Mapping[str, str] | None = None) -> None:
        """With a form's `data`, every text field of it is checked first (text_refusals); the text
        parsers then skip a field already refused."""
        self.errors: list[FieldError] = text_refusals(data, labels or {}) if data is not None else []

    # ---- recording ------------------------------------------------------------------------

    def error(self, field: str, label: str, message: str) -> None:
        self.errors.append(FieldError(field, _(label), message))

    def has(self, field: str) -> bool:
        return any(e.field == field for e in self.errors)

    def absorb(self, row_checker: Checker, row: int, where: str | None = None) -> None:
        """Take a table row's errors, each message prefixed with the row number, or with `where` when
        the input's rows are not the rows the clerk sees (a cell of a year × kind grid)."""
        for e in row_checker.errors:
            message = (
                f"{where}: {e.message}"
                if where is not None
                else _("Row {row}: {message}").format(row=row, message=e.message)
            )
            self.errors.append(FieldError(e.field, e.label, message))

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationFailed(self.errors)

    # ---- parsers --------------------------------------------------------------------------

    def _normalised(self, field: str, label: str, value: str | None) -> str:
        """The text as an import stores it (intake.normalise_text: NFC, control characters removed)."""
        try:
            return normalise_text(value or "").strip()
        except TextProblem as exc:
            if not self.has(field):
                self.error(field, label, _("The text cannot be saved: {reason}.").format(reason=exc.message))
            return ""

    def text(
        self, field: str, label: str, value: str | None, *, required: bool = False, max_length: int | None = None
    ) -> str:
        cleaned = self._normalised(field, label, value)
        if self.has(field):
            return cleaned
        if required and not cleaned:
            self.error(field, label, _("This field is required."))
        elif max_length is not None and len(cleaned) > max_length:
            self.error(field, label, _("At most {count} characters are allowed.").format(count=max_length))
        return cleaned

    def fits(self, model: Any, values: Mapping[str, str | None], labels: Mapping[str, str]) -> None:
        """Free texts longer than their column are refused with the field named. SQLite stores any
        length, so without this a long street or phone was kept on one seat and the office server
        (PostgreSQL) refused the whole save without saying which field (issue 15)."""
        columns = model.__table__.c
        for name, value in values.items():
            limit = getattr(columns[name].type, "length", None)
            if limit and not self.has(name):
                self.text(name, labels[name], value, max_length=limit)

    def choice(
        self, field: str, label: str, value: E | str | None, enum_cls: type[E], *, required: bool = True
    ) -> E | None:
        if value is None or value == "":
            if required:
                self.error(field, label, _("Choose a value from the list."))
            return None
        try:
            return enum_cls(value)
        except ValueError:
            self.error(field, label, _("Choose a value from the list."))
            return None

    def date(self, field: str, label: str, value: dt.date | str | None, *, required: bool = False) -> dt.date | None:
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        text = (value or "").strip()
        if not text:
            if required:
                self.error(field, label, _("Enter a date."))
            return None
        try:
            return parse_date(text)
        except DateFormatError as exc:
            self.error(field, label, exc.message)
            return None

    def year(self, field: str, label: str, value: int | str | None, *, required: bool = True) -> int | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.error(field, label, _("Enter a year."))
            return None
        try:
            year = int(str(value).strip())
        except ValueError:
            year = 0
        if not 2000 <= year <= 2100:
            self.error(field, label, _("Enter a year between 2000 and 2100."))
            return None
        return year

    def count(self, field: str, label: str, value: int | str | None, *, required: bool = False) -> int | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.error(field, label, _("Enter a whole number."))
            return None
        try:
            number = int(str(value).strip().replace(" ", "").replace("\u00a0", ""))
        except ValueError:
            self.error(field, label, _("Enter a whole number."))
            return None
        if number < 0:
            self.error(field, label, _("The number cannot be negative."))
            return None
        return number

    def money(
        self, field: str, label: str, value: str | Decimal | None, *, required: bool = False, positive: bool = False
    ) -> Decimal | None:
        """An amount in złote; `positive` requires > 0, otherwise ≥ 0. Empty → None."""
        if isinstance(value, Decimal):
            amount: Decimal | None = (
                value.quantize(Decimal("0.01")) if value == value.quantize(Decimal("0.01")) else None
            )
            if amount is None:
                self.error(field, label, _("Enter an amount with at most two decimal places, e.g. 1 234,50."))
                return None
        else:
            text = (value or "").strip()
            if not text:
                if required:
                    self.error(field, label, _("Enter an amount, e.g. 1 234,50."))
                return None
            try:
                amount = parse_money(text)
            except AmbiguousAmount as exc:
                self.error(field, label, ambiguous_message(exc))
                return None
            except MoneyFormatError:
                self.error(
                    field,
                    label,
                    _("\u201c{text}\u201d is not an amount. Enter e.g. 1 234,50 or 1234.50.").format(text=text),
                )
                return None
        if amount < 0:
            self.error(field, label, _("The amount cannot be negative."))
            return None
        if positive and amount == 0:
            self.error(field, label, _("The amount must be greater than zero."))
            return None
        return amount

    def quantity(
        self, field: str, label: str, value: str | Decimal | int | None, *, required: bool = False
    ) -> Decimal | None:
        """A non-negative number that need not be whole (result values: 36, 12,5)."""
        if isinstance(value, (Decimal, int)):
            number = Decimal(value)
        else:
            text = (value or "").strip()
            if not text:
                if required:
                    self.error(field, label, _("Enter a number."))
                return None
            try:
                number = parse_decimal(text)
            except (MoneyFormatError, InvalidOperation):
                self.error(field, label, _("\u201c{text}\u201d is not a number.").format(text=text))
                return None
        if number < 0:
            self.error(field, label, _("The number cannot be negative."))
            return None
        if number != number.quantize(Decimal("0.0001")):
            self.error(field, label, _("At most four decimal places are allowed."))
            return None
        return number

    def email(self, field: str, label: str, value: str | None) -> str:
        cleaned = self._normalised(field, label, value)
        if cleaned and not _EMAIL.fullmatch(cleaned):
            self.error(field, label, _("Enter an e-mail address like name@example.pl."))
        return cleaned

    def postal_code(self, field: str, label: str, value: str | None) -> str:
        cleaned = self._normalised(field, label, value)
        if cleaned and not _POSTAL.fullmatch(cleaned):
            self.error(field, label, _("Enter the postal code as 00-000."))
        return cleaned

    def not_before(
        self, field: str, label: str, later: dt.date | None, earlier: dt.date | None, earlier_label: str
    ) -> None:
        """`later` must not precede `earlier` (both optional)."""
        if later is not None and earlier is not None and later < earlier:
            self.error(
                field, label, _("The date cannot be earlier than \u201c{other}\u201d.").format(other=_(earlier_label))
            )
