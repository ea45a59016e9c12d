"""The one family of field editors (app/ui/widgets/fields.py): typed key by key, read back as typed values,
a mistake named with the field in Polish; the same editors serve record dialogs, tool forms and the Kreator."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import Qt

from app.core.domain.enums import WkusArea
from app.ui.widgets.fields import (
    BoolEditor,
    ChoiceEditor,
    DateEditor,
    FieldSpec,
    LineEditor,
    MultiEditor,
    ParseError,
    TextAreaEditor,
    enum_choice,
    make_editor,
)
from app.ui.widgets.inputs import MoneyEdit


def _money(text: str) -> Decimal:
    from app.core.money import MoneyFormatError, parse_money

    try:
        return parse_money(text)
    except MoneyFormatError as exc:
        raise ParseError("wpisz kwotę w złotych") from exc


def test_each_kind_gets_its_editor(qtbot) -> None:  # type: ignore[no-untyped-def]
    kinds = {
        "text": LineEditor,
        "money": LineEditor,
        "textarea": TextAreaEditor,
        "date": DateEditor,
        "choice": ChoiceEditor,
        "multi": MultiEditor,
        "bool": BoolEditor,
    }
    for kind, cls in kinds.items():
        editor = make_editor(FieldSpec("x", "X", kind))
        qtbot.addWidget(editor.widget)
        assert type(editor) is cls, kind
    # an amount is typed into the app's amount field, right-aligned as in every record dialog
    money = make_editor(FieldSpec("m", "Kwota", "money"))
    qtbot.addWidget(money.widget)
    assert isinstance(money.input, MoneyEdit)
    assert money.input.alignment() & Qt.AlignmentFlag.AlignRight


def test_money_typed_key_by_key_is_a_decimal_and_a_mistake_names_the_field(qtbot) -> None:  # type: ignore[no-untyped-def]
    editor = make_editor(FieldSpec("grant", "Kwota dotacji", "money", unit="zł", parse=_money))
    qtbot.addWidget(editor.widget)
    seen: list[bool] = []
    editor.changed.connect(lambda: seen.append(True))
    qtbot.keyClicks(editor.input, "1234,5")
    # "1234,5" = 1234 zł 50 gr, exactly: a Decimal, never a float
    assert editor.value() == Decimal("1234.50") and isinstance(editor.value(), Decimal)
    assert len(seen) == 6  # one change per key
    editor.set_value("")
    qtbot.keyClicks(editor.input, "12,3x")
    problem = editor.validate()
    # the Polish wording is what is tested: the field's label, then the parser's message
    assert problem is not None and str(problem) == "Kwota dotacji: wpisz kwotę w złotych"


def test_required_field_left_empty_is_named(qtbot) -> None:  # type: ignore[no-untyped-def]
    editor = make_editor(FieldSpec("title", "Nazwa zadania", required=True))
    qtbot.addWidget(editor.widget)
    problem = editor.validate()
    assert problem is not None and problem.field == "title"
    assert str(problem) == "Nazwa zadania: To pole jest wymagane."  # the Polish wording is what is tested
    qtbot.keyClicks(editor.input, "Klub seniora")
    assert editor.validate() is None and editor.value() == "Klub seniora"


def test_choice_of_an_enum_and_a_multi_choice_read_back(qtbot) -> None:  # type: ignore[no-untyped-def]
    area = make_editor(FieldSpec("area", "Obszar", "choice", empty_choice="— wybierz —", **enum_choice(WkusArea)))
    qtbot.addWidget(area.widget)
    assert area.value() is None  # the empty entry: nothing chosen, not the first area
    area.set_value(WkusArea.EDU)
    assert area.value() is WkusArea.EDU
    spheres = make_editor(
        FieldSpec("spheres", "Sfery", "multi", options=[("1", "pkt 1"), ("1a", "pkt 1a"), ("2", "pkt 2")], parse=tuple)
    )
    qtbot.addWidget(spheres.widget)
    spheres.set_value(["1a", "2"])
    assert spheres.value() == ("1a", "2")


def test_date_typed_the_polish_way(qtbot) -> None:  # type: ignore[no-untyped-def]
    editor = make_editor(FieldSpec("due", "Termin", "date"))
    qtbot.addWidget(editor.widget)
    qtbot.keyClicks(editor.input, "30.1.27")
    assert editor.value() == dt.date(2027, 1, 30)
    editor.set_value(None)
    qtbot.keyClicks(editor.input, "31.02.2027")
    # not a date: the text itself goes on, for the service to name the field and the problem
    assert editor.value() == "31.02.2027"
