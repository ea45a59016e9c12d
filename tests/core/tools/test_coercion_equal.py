"""coerce_inputs reads table cells through a per-column plan and skips the long path for inputs with
nothing given; it must give what the earlier code gave (tests/core/tools/earlier_coercion.py), value
for value (Decimal digits included) and error for error: on every input of every computation of a
recompute of the demo and of a varied generated gmina, and on awkward values typed into every input
of every tool."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from app.core.i18n import _
from app.core.tools import engine
from app.core.tools.catalogue import InputDef, get_catalogue
from app.core.tools.service import recompute_all
from app.core.tools.values import coerce_inputs
from tests.core.tools import earlier_coercion
from tests.core.tools.gminas import TODAY, copy_of, make_demo, make_generated


def _outcome(fn: Any, tool: Any, raw: Any) -> str:
    try:
        # repr: Decimal("1.0") and Decimal("1.00") are equal but print differently; the key order is stored
        return repr(fn(tool, raw))
    except Exception as exc:  # e.g. a checklist given a number: the same failure both ways
        return "raised " + type(exc).__name__


def _same(tool: Any, raw: Any) -> None:
    assert _outcome(coerce_inputs, tool, raw) == _outcome(earlier_coercion.coerce_inputs, tool, raw), (tool.id, raw)


@pytest.mark.parametrize("make", [make_demo, make_generated])
def test_every_input_of_a_recompute(make, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    db = copy_of(make(tmp_path / "source.sqlite"), tmp_path / "gmina.sqlite")
    seen: dict[str, int] = {}

    def checked(tool: Any, raw: Any) -> Any:
        _same(tool, raw)
        seen[tool.id] = seen.get(tool.id, 0) + 1
        return coerce_inputs(tool, raw)

    monkeypatch.setattr(engine, "coerce_inputs", checked)
    recompute_all(db, as_of=TODAY)
    db.dispose()
    # a computation with no input at all checks the empty form once per tool (Engine._no_data; the same
    # problems as the long path: test_compute_short_path.py): the demo's empty computations come here
    # once per tool, 857 calls in all (over 1000 when each came here)
    assert len(seen) >= 30 and sum(seen.values()) > 800


_AWKWARD: list[Any] = [
    None,
    "",
    "   ",
    [],
    (),
    "12",
    " 12 ",
    "1,5",
    "1 200,50 zł",
    "25 %",
    "-1",
    "abc",
    "NaN",
    "1e3",
    True,
    0,
    3,
    7,
    1.5,
    Decimal("0.25"),
    Decimal("2.50"),
    Decimal("-3"),
    Decimal("1E+3"),
    Decimal("NaN"),
    "4",
    "6",
    "2026-11-22",
    "22.11.2026",
    dt.date(2026, 11, 22),
    "yes",
    ["a", "b"],
    {"x": 1},
]


def _rows(inp: InputDef, start: int) -> list[Any]:
    """Rows for a table input: each cell one of the awkward values in turn, an empty row, a row that is
    not a row."""
    cycle = itertools.islice(itertools.cycle(_AWKWARD), start, None)
    rows: list[Any] = [{c.key: next(cycle) for c in inp.columns} for _ in range(6)]
    rows.insert(2, {c.key: "" for c in inp.columns})
    rows.insert(4, {c.key: None for c in inp.columns})
    rows.append("not a row")
    if inp.columns:
        rows.append({inp.columns[0].key: None})
    return rows


def test_awkward_values_in_every_input_of_every_tool() -> None:
    for tool in get_catalogue().tools:
        for n in range(len(_AWKWARD)):
            raw: dict[str, Any] = {}
            for k, inp in enumerate(tool.inputs):
                if inp.type == "table":
                    raw[inp.key] = _rows(inp, n + k) if (n + k) % 5 else _AWKWARD[(n + k) % len(_AWKWARD)]
                else:
                    raw[inp.key] = _AWKWARD[(n + k) % len(_AWKWARD)]
            _same(tool, raw)
        _same(tool, {})


def test_a_decimal_that_is_not_a_number_is_an_error_not_a_crash() -> None:
    # before: _parse_decimal passed Decimal("NaN") through and comparing it with the input's minimum raised
    tool = get_catalogue().tool("E-01")
    money = next(i for i in tool.inputs if i.type == "money" and i.min is not None)
    values, errors = coerce_inputs(tool, {money.key: Decimal("NaN")})
    assert values[money.key] is None
    assert any(e.field == money.key and e.message == _("is not a number") for e in errors)


def test_choices_and_numbers_as_text_in_every_scalar_input() -> None:
    # coerce_inputs takes an option's own value and a number written plainly ("1200.50", " 12 ",
    # "1_000") without coerce_value: the same value or error as the earlier code for each option's value,
    # label and spaced or capitalised forms, and for numbers as text around each input's bounds
    for tool in get_catalogue().tools:
        for inp in tool.inputs:
            if inp.type == "choice":
                for o in inp.options:
                    for v in (o.value, f" {o.value} ", o.value.upper(), o.label.pl, o.label.en, o.value + "x"):
                        _same(tool, {inp.key: v})
            elif inp.type in ("number", "money", "percent"):
                bounds = [b for b in (inp.min, inp.max) if b is not None]
                texts = ["0", " 12 ", "1_000", "\u00a05", "1200.50", "-0.5", "1e2", "Infinity", "0.25", "3.0"]
                texts += [str(b) for b in bounds] + [str(b + Decimal("0.01")) for b in bounds]
                texts += [str(b - Decimal("0.01")) for b in bounds]
                for v in texts:
                    _same(tool, {inp.key: v})
