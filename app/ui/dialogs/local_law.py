"""Plik → Uchwały rady i budżet…: what the gmina itself decided that the law checks need (council
resolutions of art. 5 ust. 5 and art. 19c, the council's day for the programme report, the grants
planned in a budget year for tasks of organisations). The rules and the form's checks are in
app.core.services.local_law."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QLabel, QWidget

from app.core.db.engine import Database
from app.core.errors import FieldError
from app.core.i18n import _, format_money
from app.core.services.local_law import (
    LABELS,
    LocalLawInput,
    LocalLawRecord,
    format_report_day,
    get_local_law,
    parse_report_day,
    save_local_law,
    validate_local_law,
)
from app.ui.widgets.fields import FieldSpec
from app.ui.widgets.form import RecordDialog


class LocalLawDialog(RecordDialog):
    def __init__(self, db: Database, year: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(_("Council resolutions and budget"), parent)
        self.db = db
        L = LABELS  # noqa: N806

        def field(key: str, kind: str = "text", **kw: object) -> FieldSpec:
            return FieldSpec(key, _(L[key]), kind, **kw)  # type: ignore[arg-type]

        intro = QLabel(
            _(
                "What the council and the budget decided: the compliance check needs it to judge "
                "consultations, local initiatives, the programme report and art. 19a grants."
            )
        )
        intro.setWordWrap(True)
        self.form.addRow(intro)
        self._heading(_("Consultations with organisations (art. 5 ust. 5)"))
        self.consultation_adopted = self.add_input(field("consultation_adopted", "date"))
        self.consultation_title = self.add_input(
            field("consultation_title", placeholder=_("e.g. Uchwała nr XXIV/186/2010"))
        )
        self._heading(_("Local initiative (art. 19c)"))
        self.initiative_adopted = self.add_input(field("initiative_adopted", "date"))
        self.initiative_title = self.add_input(field("initiative_title", placeholder=_("e.g. Uchwała nr X/55/2019")))
        self.social_work = self.add_input(
            field(
                "social_work",
                "tristate",
                box_text=_("first of all the residents' social work"),
                help=_("Half-ticked: not recorded."),
            )
        )
        self._heading(_("Report on the cooperation programme (art. 5a ust. 3)"))
        self.report_day = self.add_input(
            field(
                "report_day",
                width=90,
                placeholder="31.05",
                help=_("Only if the council set a day earlier than the act's 31 May; empty: 31 May."),
            )
        )
        self._heading(_("Grants of art. 19a: the base of their share (art. 19a ust. 7)"))
        self.budget_year = self.add_input(field("budget_year", "spin", minimum=2000, maximum=2100, digit_groups=False))
        self.ngo_grants_planned = self.add_input(
            field(
                "ngo_grants_planned",
                "money",
                help=_("Grants planned in the year's budget for public tasks of organisations; empty: not known."),
            )
        )
        self.report_day.input.editingFinished.connect(self._format_report_day)  # type: ignore[attr-defined]
        self.planned_years = QLabel()
        self.planned_years.setObjectName("plannedYears")
        self.add_field("planned_years", _("Recorded"), self.planned_years)
        self.record = get_local_law(db, year or dt.date.today().year)
        self.load(self.record)
        # another year: its own amount (what was typed for the previous year is kept only by Save)
        self.budget_year.changed.connect(self._year_changed)
        self.resize(800, 700)

    def _heading(self, text: str) -> None:
        label = QLabel(f"<b>{text}</b>")
        self.form.addRow(label)

    def load(self, r: LocalLawRecord) -> None:
        for key, editor in self.editors.items():
            editor.set_value(getattr(r, key))
        for title in (self.consultation_title, self.initiative_title):
            title.input.setCursorPosition(0)  # type: ignore[attr-defined]  # a long title is read from its start
        self._show_years(r)

    def _show_years(self, r: LocalLawRecord) -> None:
        self.planned_years.setText(
            "\n".join(f"{year}: {format_money(amount)}" for year, amount in r.planned_years) or _("no year yet")
        )

    def _format_report_day(self) -> None:
        """ "30.4" is shown as "30.04" once the clerk leaves the field; what is not a day stays as typed."""
        try:
            text = format_report_day(parse_report_day(self.report_day.raw()))
        except ValueError:
            return
        if text and text != self.report_day.raw():
            self.report_day.set_value(text)

    def _year_changed(self) -> None:
        year = self.budget_year.value()
        if isinstance(year, int):
            self.ngo_grants_planned.set_value(dict(self.record.planned_years).get(year))

    def collect(self) -> LocalLawInput:
        return LocalLawInput(**{key: editor.value() for key, editor in self.editors.items()})

    def validate(self, data: LocalLawInput) -> list[FieldError]:
        return validate_local_law(data)

    def save(self, data: LocalLawInput) -> LocalLawRecord:
        return save_local_law(self.db, data)
