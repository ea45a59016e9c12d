"""The checks of a full JSON import: every row as strict as the form that would have typed it.

`check_tables` runs after the values were converted to Python types (full_json._from_json) and before
anything is written. Two layers:
  * per column, from the schema: text normalised (intake.normalise_text) and no longer than the
    column, required names not blank, years a form accepts, counts not negative, end not before start;
  * per record, the services' own validators (validate_organisation, validate_contract with its
    tranches, contributions and results, validate_gmina, ...), fed the record as the form would be.
Errors name the JSON path ("tables.contract[3].end_date") and the field's label.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import Date, DateTime, Integer, String, Table, Text

from app.core.errors import FieldError
from app.core.i18n import _
from app.core.intake import TextProblem, normalise_text

#: Integer columns holding a budget or calendar year; the forms accept 2000–2100 (fields.Checker.year).
YEAR_COLUMNS = frozenset({"year", "budget_year", "year_from", "year_to"})
YEAR_MIN, YEAR_MAX = 2000, 2100
#: Date pairs within one row where the second may not precede the first.
_DATE_PAIRS = (("start_date", "end_date"), ("consultation_start", "consultation_end"), ("year_from", "year_to"))
#: Tables whose text is written by the program itself (not typed), checked only for well-formed text.
_TECHNICAL = frozenset({"audit_log", "setting", "wizard_session", "tool_entry", "tool_result"})
_TEXT_LIMIT = 100_000


@dataclasses.dataclass(frozen=True)
class ImportProblem:
    path: str
    field: str
    message: str

    def __str__(self) -> str:
        return _("{path}, field {field}: {message}").format(path=self.path, field=self.field, message=self.message)


@dataclasses.dataclass(frozen=True)
class _ChildError(FieldError):
    """An error of a record's child row (a contract's tranche), located at that row."""

    path: str = ""


def row_path(table: str, index: int) -> str:
    """The JSON path of a row as the file has it (0-based, like every JSON tool shows it)."""
    return f"tables.{table}[{index}]"


def check_column_values(
    table: Table, row: dict[str, Any], path: str, present: set[str] | None = None
) -> list[ImportProblem]:
    """Normalise the row's text in place and check each column; returns the problems found.
    `present`: the keys the file's row had (a value that failed conversion is missing from `row`)."""
    problems: list[ImportProblem] = []
    for column in table.columns:
        needed = column.primary_key or (
            not column.nullable and column.default is None and column.server_default is None
        )
        if needed and column.name not in (row if present is None else present):
            problems.append(ImportProblem(path, column.name, _("this field is required")))
    for key, value in list(row.items()):
        column = table.c[key]
        kind = column.type
        if isinstance(value, str) and isinstance(kind, (String, Text)):
            if table.name in _TECHNICAL:
                # kept character for character (the change log's hashes cover these texts); only what
                # cannot be stored at all is refused
                try:
                    value.encode("utf-8")
                except UnicodeEncodeError:
                    problems.append(ImportProblem(path, key, _("the text contains a broken character")))
                    continue
            else:
                try:
                    value = normalise_text(value)
                except TextProblem as exc:
                    problems.append(ImportProblem(path, key, exc.message))
                    continue
                row[key] = value
            limit = getattr(kind, "length", None) or _TEXT_LIMIT
            if len(value) > limit:
                problems.append(
                    ImportProblem(
                        path,
                        key,
                        _("at most {count} characters are allowed (found {found})").format(
                            count=limit, found=len(value)
                        ),
                    )
                )
            required = (
                not column.nullable
                and column.default is None
                and column.server_default is None
                and not column.primary_key
                and table.name not in _TECHNICAL
            )
            if required and not value.strip():
                problems.append(ImportProblem(path, key, _("this field is required")))
        elif (
            isinstance(value, int)
            and not isinstance(value, bool)
            and isinstance(kind, Integer)
            and not column.primary_key
            and not column.foreign_keys
        ):
            if key in YEAR_COLUMNS and not YEAR_MIN <= value <= YEAR_MAX:
                problems.append(
                    ImportProblem(
                        path,
                        key,
                        _("a year between {low} and {high} is expected, found {value}").format(
                            low=YEAR_MIN, high=YEAR_MAX, value=value
                        ),
                    )
                )
            elif value < 0:
                problems.append(ImportProblem(path, key, _("the number cannot be negative")))
        elif (
            isinstance(kind, (Date, DateTime))
            and isinstance(value, (dt.date, dt.datetime))
            and not YEAR_MIN - 100 <= value.year <= YEAR_MAX
        ):
            problems.append(
                ImportProblem(
                    path,
                    key,
                    _("a date between {low} and {high} is expected").format(low=YEAR_MIN - 100, high=YEAR_MAX),
                )
            )
    for first, second in _DATE_PAIRS:
        a, b = row.get(first), row.get(second)
        if a is not None and b is not None and type(a) is type(b) and b < a:
            problems.append(ImportProblem(path, second, _("cannot be earlier than {other}").format(other=first)))
    return problems


# ---- records through the services' validators -------------------------------------------------


def _key_part(value: Any) -> Any:
    """A year or code as a dict key the form's check can name (a file may hold a list there)."""
    return value if value is None or isinstance(value, (int, str)) else str(value)


def _indicator_value(value: Any) -> Any:
    """A planned indicator value as exported (a Decimal's text, e.g. "1E+1") for the form's check."""
    try:
        return Decimal(str(value)) if value is not None else ""
    except InvalidOperation:
        return str(value)


def _input(cls: type, row: dict[str, Any], **extra: Any) -> Any:
    names = {f.name for f in dataclasses.fields(cls)}
    values = {k: v for k, v in row.items() if k in names and v is not None}
    values.update(extra)
    return cls(**values)


def _money_text(value: Decimal | None) -> Decimal | str:
    return "" if value is None else value


def _validators() -> dict[str, Callable[[dict[str, Any], _Children], list[FieldError]]]:
    from app.core.domain import records as r
    from app.core.services.common import split_spheres
    from app.core.services.contracts import (
        validate_contract,
        validate_control,
        validate_report,
    )
    from app.core.services.cooperation import CooperationInput, validate_cooperation
    from app.core.services.gmina import validate_gmina
    from app.core.services.organisations import validate_organisation
    from app.core.services.procedures import validate_procedure
    from app.core.services.programmes import validate_programme
    from app.core.services.tasks import validate_task

    def organisation(row: dict[str, Any], kids: _Children) -> list[FieldError]:
        areas = tuple(a["area"] for a in kids.of("organisation_area", "organisation_id", row["id"]))
        spheres = tuple(s["sphere"] for s in kids.of("organisation_sphere", "organisation_id", row["id"]))
        return validate_organisation(_input(r.OrganisationInput, row, areas=areas, spheres=spheres))

    def contract(row: dict[str, Any], kids: _Children) -> list[FieldError]:
        """Errors about the n-th tranche (contribution, result) are given that child row's path."""
        cid = row["id"]
        parties = [
            r.PartyInput(p["organisation_id"], p.get("role") or "")
            for p in sorted(kids.of("contract_party", "contract_id", cid), key=lambda p: p.get("position") or 0)
        ]
        tranches = [
            _input(
                r.TrancheInput,
                {k: v for k, v in t.items() if k != "id"},
                used_amount=_money_text(t.get("used_amount")),
                returned_amount=_money_text(t.get("returned_amount")),
            )
            for t in kids.of("tranche", "contract_id", cid)
        ]
        contributions = [
            _input(r.ContributionInput, c, actual_amount=_money_text(c.get("actual_amount")))
            for c in kids.of("own_contribution", "contract_id", cid)
        ]
        results = []
        for p in kids.of("planned_result", "contract_id", cid):
            achieved = {
                v["budget_year"]: v["value"]
                for v in kids.of("result_value", "planned_result_id", p["id"])
                if v.get("budget_year") is not None and v.get("value") is not None
            }
            results.append(_input(r.PlannedResultInput, {k: v for k, v in p.items() if k != "id"}, achieved=achieved))
        errors = validate_contract(
            _input(
                r.ContractInput,
                row,
                unit_rate=_money_text(row.get("unit_rate")),
                parties=parties,
                tranches=tranches,
                contributions=contributions,
                planned_results=results,
            )
        )
        children = {
            "tranches": ("tranche", kids.of("tranche", "contract_id", cid)),
            "contributions": ("own_contribution", kids.of("own_contribution", "contract_id", cid)),
            "planned_results": ("planned_result", kids.of("planned_result", "contract_id", cid)),
        }
        return [_child_error(e, *children[e.field], kids) if e.field in children else e for e in errors]

    def programme(row: dict[str, Any], kids: _Children) -> list[FieldError]:
        pid = row["id"]
        elements = {
            e["number"]: e.get("text") or ""
            for e in kids.of("programme_element", "programme_id", pid)
            if isinstance(e.get("number"), int)
        }
        priorities = [
            _input(
                r.PriorityInput,
                {k: v for k, v in p.items() if k != "id"},
                planned_amount=_money_text(p.get("planned_amount")),
            )
            for p in kids.of("programme_priority", "programme_id", pid)
        ]
        reports = [_input(r.ProgrammeReportInput, x) for x in kids.of("programme_report", "programme_id", pid)]
        indicators = {
            (_key_part(x.get("year")), _key_part(x.get("code"))): _indicator_value(x.get("planned"))
            for x in kids.of("programme_indicator", "programme_id", pid)
        }
        errors = validate_programme(
            _input(
                r.ProgrammeInput,
                row,
                planned_total=_money_text(row.get("planned_total")),
                elements=elements,
                priorities=priorities,
                reports=reports,
                indicators=indicators,
            )
        )
        children = {
            "priorities": ("programme_priority", kids.of("programme_priority", "programme_id", pid)),
            "reports": ("programme_report", kids.of("programme_report", "programme_id", pid)),
        }
        return [_child_error(e, *children[e.field], kids) if e.field in children else e for e in errors]

    def _child_error(e: FieldError, table: str, rows: list[dict[str, Any]], kids: _Children) -> FieldError:
        for n, child in enumerate(rows, start=1):
            prefix = _("Row {row}: {message}").format(row=n, message="")
            if e.message.startswith(prefix):
                return _ChildError(
                    e.field, e.label, e.message[len(prefix) :], row_path(table, kids.position(table, child))
                )
        return e

    def task(row: dict[str, Any], _kids: _Children) -> list[FieldError]:
        return validate_task(_input(r.TaskInput, row, spheres=split_spheres(row.get("spheres") or "")))

    def simple(cls: type, validate: Callable[[Any], list[FieldError]], **money: str) -> Callable[..., list[FieldError]]:
        def check(row: dict[str, Any], _kids: _Children) -> list[FieldError]:
            extra = {name: _money_text(row.get(name)) for name in money}
            return validate(_input(cls, row, **extra))

        return check

    return {
        "gmina": simple(r.GminaInput, validate_gmina),
        "organisation": organisation,
        "public_task": task,
        "procedure": simple(r.ProcedureInput, validate_procedure, planned_amount=""),
        "contract": contract,
        "contract_report": simple(r.ReportInput, validate_report, cost_total="", cost_grant="", cost_admin=""),
        "control": simple(r.ControlInput, validate_control),
        "nonfinancial_cooperation": simple(CooperationInput, validate_cooperation),
        "cooperation_programme": programme,
    }


class _Children:
    """Rows of the file grouped by a parent key, for building a record with its child rows."""

    def __init__(self, tables: dict[str, list[dict[str, Any]]]) -> None:
        self._tables = tables
        self._index: dict[tuple[str, str], dict[Any, list[dict[str, Any]]]] = {}
        self._positions: dict[str, dict[int, int]] = {}

    def position(self, table: str, row: dict[str, Any]) -> int:
        """The row's index in the file's list (for its JSON path)."""
        if table not in self._positions:
            self._positions[table] = {id(r): i for i, r in enumerate(self._tables.get(table, []))}
        return self._positions[table][id(row)]

    def of(self, table: str, key: str, value: Any) -> list[dict[str, Any]]:
        index = self._index.get((table, key))
        if index is None:
            index = defaultdict(list)
            for row in self._tables.get(table, []):
                index[row.get(key)].append(row)
            self._index[(table, key)] = index
        return index.get(value, [])


def check_records(tables: dict[str, list[dict[str, Any]]]) -> list[ImportProblem]:
    """Every record of a validated table through its service validator (rows already converted)."""
    problems: list[ImportProblem] = []
    kids = _Children(tables)
    for name, validate in _validators().items():
        for index, row in enumerate(tables.get(name, [])):
            try:
                errors = validate(row, kids)
            except (TypeError, ValueError, KeyError, AttributeError) as exc:  # a shape no form can produce
                problems.append(
                    ImportProblem(
                        row_path(name, index),
                        "?",
                        _("the record is not complete ({reason})").format(reason=type(exc).__name__),
                    )
                )
                continue
            for e in errors:
                path = e.path if isinstance(e, _ChildError) else row_path(name, index)
                problems.append(ImportProblem(path, e.label, e.message))
    return problems
