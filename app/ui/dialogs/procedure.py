"""Editor of a commissioning procedure. The route decides which dates matter: an open competition
has its announcement, offer deadline and decision; an offer without competition (art. 19a, 12,
19b, 11a) has the offer, its publication and the answer. Both tabs stay visible; the one that
does not apply to the chosen route is disabled."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QSpinBox,
    QWidget,
)

from app.core.db.engine import Database
from app.core.domain.enums import ProcedureRoute, WkusArea
from app.core.domain.records import ProcedureInput, ProcedurePartInput, ProcedurePartRecord, ProcedureRecord
from app.core.errors import FieldError
from app.core.i18n import N_, _, format_money
from app.core.law.rules import ANNOUNCEMENT_POINTS
from app.core.services import organisations as organisations_service
from app.core.services import procedures as service
from app.core.services import programmes as programmes_service
from app.core.services import tasks as tasks_service
from app.ui.widgets.editable_table import CellKind, Check, EditableRowsModel, EditColumn, TableEditor
from app.ui.widgets.form import (
    CheckList,
    DateEdit,
    EnumCombo,
    IdCombo,
    MoneyEdit,
    RecordDialog,
    multiline,
    spin,
    text_of,
)

#: routes decided in a competition (announcement → offers → decision)
COMPETITION_ROUTES = frozenset({ProcedureRoute.OPEN_COMPETITION, ProcedureRoute.REGRANTING_16A,
                                ProcedureRoute.PZP_SOCIAL})


def parse_points_codes(text: str | None) -> list[str]:
    """"1,3" -> ["1", "3"] for the check list (None or "" -> nothing ticked)."""
    return [x.strip() for x in (text or "").split(",") if x.strip()]


class PartsEditor(TableEditor):
    """The areas of one competition over several areas: area, task, description, planned amount, offers
    received and rejected; the totals below (they must agree with the competition's)."""

    AREA, TASK, TITLE, PLANNED, OFFERS, REJECTED = range(6)

    def __init__(self, tasks: list[tuple[int, str]], parent: QWidget | None = None) -> None:
        self.tasks = tasks
        columns = [
            # required by the service ("Choose a value from the list."): the header carries " *"
            EditColumn("area", N_("WKUS area"), CellKind.CHOICE, required=True,
                       choices=lambda: [("", _("(choose)")), *WkusArea.choices()]),
            EditColumn("task_id", N_("Public task"), CellKind.CHOICE,
                       choices=lambda: [("", _("(none)"))] + [(str(i), title) for i, title in self.tasks],
                       default=lambda r: _("(none)")),
            EditColumn("title", N_("Description")),
            EditColumn("planned_amount", N_("Planned amount"), CellKind.MONEY, check=Check.MONEY),
            EditColumn("offers_received", N_("Offers"), CellKind.INT, check=Check.COUNT),
            EditColumn("offers_rejected", N_("Rejected"), CellKind.INT, check=Check.COUNT),
        ]
        super().__init__(EditableRowsModel(columns), fit=False, parent=parent,
                         new_row=lambda: {"offers_received": 0, "offers_rejected": 0})
        header = self.view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(self.TITLE, QHeaderView.ResizeMode.Stretch)
        for col, width in ((self.AREA, 170), (self.TASK, 170), (self.PLANNED, 125), (self.OFFERS, 60),
                           (self.REJECTED, 80)):
            header.resizeSection(col, width)
        self.view.setMinimumWidth(740)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.footer = QLabel(self)
        self.buttons.addWidget(self.footer)
        self.changed.connect(self.update_total)

    def load(self, parts: Sequence[ProcedurePartRecord]) -> None:
        self.model.set_rows([{"area": p.area.value if p.area else None,
                              "task_id": str(p.task_id) if p.task_id is not None else None, "title": p.title,
                              "planned_amount": p.planned_amount, "offers_received": p.offers_received,
                              "offers_rejected": p.offers_rejected, "id": p.id} for p in parts])

    def values(self) -> list[ProcedurePartInput]:
        text = self.model.cell_text
        out = []
        for row, r in enumerate(self.model.rows()):
            task = str(r.get("task_id") or "")
            out.append(ProcedurePartInput(
                area=WkusArea(r["area"]) if r.get("area") else None,
                task_id=int(task) if task.isdigit() else None, title=text(row, "title"),
                planned_amount=text(row, "planned_amount"), offers_received=text(row, "offers_received").strip(),
                offers_rejected=text(row, "offers_rejected").strip(), id=r.get("id")))
        return out

    def update_total(self) -> None:
        """Amounts and counts that are numbers (a bad cell is refused by the service, with its row)."""
        planned = self.model.column_total("planned_amount")
        offers = sum(int(t) for row in range(self.model.row_count())
                     if (t := self.model.cell_text(row, "offers_received").strip()).isdigit())
        self.footer.setText(_("Areas together: {amount}, {offers} offers").format(
            amount=format_money(planned), offers=offers) if self.model.row_count() else "")


class ProcedureDialog(RecordDialog):
    def __init__(self, db: Database, procedure_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(_("New procedure") if procedure_id is None else _("Procedure"), parent)
        self.db = db
        self.procedure_id = procedure_id
        L = service.LABELS
        self.use_tabs()
        self.add_tab(_("Procedure"))
        self.route = self.add_field("route", _(L["route"]), EnumCombo(ProcedureRoute), required=True)
        self.title_edit = self.add_field("title", _(L["title"]), QLineEdit(), required=True)
        self.title_edit.setMinimumWidth(460)
        self.reference = self.add_field("reference", _(L["reference"]), QLineEdit())
        self.reference.setMaximumWidth(260)
        self.task = self.add_field("task_id", _(L["task_id"]), IdCombo(
            [(t.id, t.title) for t in tasks_service.list_tasks(db)], empty_text=_("(none)")))
        self.programme = self.add_field("programme_id", _(L["programme_id"]), IdCombo(
            [(p.id, f"{p.years_label} – {p.title}" if p.title else p.years_label)
             for p in programmes_service.list_programmes(db)], empty_text=_("(none)")))
        self.budget_year = self.add_field("budget_year", _(L["budget_year"]), QSpinBox(), required=True)
        self.budget_year.setRange(2000, 2100)
        self.budget_year.setValue(dt.date.today().year)
        self.budget_year.setMaximumWidth(90)
        self.planned_amount = self.add_field("planned_amount", _(L["planned_amount"]), MoneyEdit())
        # -- competition --------------------------------------------------------------------
        self.add_tab(_("Competition"))
        self.published_bip = self.add_field("published_bip", _(L["published_bip"]), DateEdit())
        self.published_board = self.add_field("published_board", _(L["published_board"]), DateEdit())
        self.published_website = self.add_field("published_website", _(L["published_website"]), DateEdit())
        self.lists_previous_years = self.add_field(
            "lists_previous_years", _("Previous years"),
            QCheckBox(_("the announcement lists the grants of this and the previous year")))
        self.announcement_points = self.add_field(
            "announcement_points", _(L["announcement_points"]),
            CheckList([(str(n), f"{n}) {_(what)}") for n, what in ANNOUNCEMENT_POINTS.items()]),
            hint=_("Art. 13 ust. 2 pkt 1–6. Nothing ticked on a competition stored without this = not recorded."))
        self.announcement_points.setMaximumHeight(118)
        self.offer_deadline = self.add_field("offer_deadline", _(L["offer_deadline"]), DateEdit())
        self.offers_received = self.add_field("offers_received", _(L["offers_received"]), spin(10000))
        self.offers_rejected = self.add_field("offers_rejected", _(L["offers_rejected"]), spin(10000))
        self.decision_date = self.add_field("decision_date", _(L["decision_date"]), DateEdit())
        self.results_published = self.add_field(
            "results_published", _(L["results_published"]), DateEdit(),
            hint=_("The results, or the information on an annulment, are made public in the same three places as "
                   "the announcement: enter each date."))
        self.results_published_board = self.add_field(
            "results_published_board", _(L["results_published_board"]), DateEdit())
        self.results_published_website = self.add_field(
            "results_published_website", _(L["results_published_website"]), DateEdit())
        self.annulled = self.add_field("annulled", _("Annulment"), QCheckBox(_("the competition was annulled")))
        self.annulment_date = self.add_field("annulment_date", _(L["annulment_date"]), DateEdit())
        # -- a competition over several areas ---------------------------------------------
        self.add_tab(_("Areas of the competition"))
        self.parts = self.add_field("parts", _(L["parts"]), PartsEditor(
            [(t.id, t.title) for t in tasks_service.list_tasks(db)]),
            hint=_("Only for one competition announced over several areas (spheres): each area with its planned "
                   "money and offers. The offers and the planned money of the areas must add up to the "
                   "competition's. Leave empty for a competition of one area."))
        # -- offer without competition ------------------------------------------------------
        self.add_tab(_("Offer without competition"))
        self.received_date = self.add_field("received_date", _(L["received_date"]), DateEdit())
        self.applicant = self.add_field("applicant_id", _(L["applicant_id"]), IdCombo(
            [(o.id, o.name) for o in organisations_service.list_organisations(db)], empty_text=_("(none)")))
        self.publication_start = self.add_field("publication_start", _(L["publication_start"]), DateEdit())
        self.publication_end = self.add_field("publication_end", _(L["publication_end"]), DateEdit())
        self.offer_published_board = self.add_field(
            "offer_published_board", _(L["offer_published_board"]), DateEdit())
        self.offer_published_website = self.add_field(
            "offer_published_website", _(L["offer_published_website"]), DateEdit(),
            hint=_("Art. 19a ust. 3: the offer is published in BIP (Publication from), on the notice board and on "
                   "the website; enter each date."))
        self.remarks_considered = self.add_field(
            "remarks_considered", _(L["remarks_considered"]), DateEdit(),
            hint=_("Art. 19a ust. 5: the contract is concluded after the remarks were considered (also when none "
                   "came in)."))
        self.answer_date = self.add_field("answer_date", _(L["answer_date"]), DateEdit())
        self.task_start = self.add_field("task_start", _(L["task_start"]), DateEdit())
        self.task_end = self.add_field("task_end", _(L["task_end"]), DateEdit())
        self.add_tab(_("Notes"))
        self.notes = self.add_field("notes", _("Notes"), multiline(8))
        # -- the competition commission (art. 15 ust. 2a–2f); last, so the other tabs keep their places --
        self.add_tab(_("Competition commission"))
        self.commission_appointed = self.add_field("commission_appointed", _(L["commission_appointed"]), DateEdit())
        self.commission_ngo_members = self.add_field(
            "commission_ngo_members", _(L["commission_ngo_members"]), QLineEdit(),
            hint=_("Persons named by organisations; empty = not recorded."))
        self.commission_ngo_members.setMaximumWidth(90)
        self.commission_offeror_members = self.add_field(
            "commission_offeror_members", _(L["commission_offeror_members"]), QLineEdit(),
            hint=_("Members representing an organisation that submitted an offer (the act excludes them)."))
        self.commission_offeror_members.setMaximumWidth(90)
        self.commission_statements = self.add_field(
            "commission_statements", _(L["commission_statements"]),
            QCheckBox(_("every member made a statement of impartiality towards the offerors")))
        # half-checked = not recorded, until the clerk answers
        self.commission_statements.setTristate(True)
        self.commission_statements.setCheckState(Qt.CheckState.PartiallyChecked)
        self._points_recorded = False
        self.route.currentIndexChanged.connect(self._route_changed)
        self._route_changed()
        self.resize(960, 560)
        if procedure_id is not None:
            self.load(service.get_procedure(db, procedure_id))

    def _route_changed(self) -> None:
        competition = self.route.value() in COMPETITION_ROUTES
        self.tabs.setTabEnabled(1, competition)
        self.tabs.setTabEnabled(2, self.route.value() is ProcedureRoute.OPEN_COMPETITION)
        self.tabs.setTabEnabled(3, not competition)
        self.tabs.setTabEnabled(5, self.route.value() is ProcedureRoute.OPEN_COMPETITION)

    def _dates(self) -> dict[str, DateEdit]:
        return {name: getattr(self, name) for name in (
            "published_bip", "published_board", "published_website", "offer_deadline", "decision_date",
            "results_published", "annulment_date", "received_date", "publication_start", "publication_end",
            "answer_date", "task_start", "task_end", "commission_appointed", "results_published_board",
            "results_published_website", "offer_published_board", "offer_published_website",
            "remarks_considered")}

    def load(self, r: ProcedureRecord) -> None:
        #: the version the form was filled from; the save names it (issue 19: another seat may save first)
        self._opened_version: int | None = r.version
        self.route.set_value(r.route)
        self.title_edit.setText(r.title)
        self.reference.setText(r.reference)
        self.task.set_value(r.task_id)
        self.programme.set_value(r.programme_id)
        self.budget_year.setValue(r.budget_year)
        self.planned_amount.set_value(r.planned_amount)
        for name, edit in self._dates().items():
            edit.set_value(getattr(r, name))
        if r.lists_previous_years is None:
            # not recorded (an import without it): shown half-checked and kept unknown unless the clerk answers
            self.lists_previous_years.setTristate(True)
            self.lists_previous_years.setCheckState(Qt.CheckState.PartiallyChecked)
        else:
            self.lists_previous_years.setChecked(r.lists_previous_years)
        self._points_recorded = r.announcement_points is not None
        self.announcement_points.set_values(parse_points_codes(r.announcement_points))
        self.commission_ngo_members.setText("" if r.commission_ngo_members is None else str(r.commission_ngo_members))
        self.commission_offeror_members.setText(
            "" if r.commission_offeror_members is None else str(r.commission_offeror_members))
        if r.commission_statements is None:
            self.commission_statements.setCheckState(Qt.CheckState.PartiallyChecked)
        else:
            self.commission_statements.setChecked(r.commission_statements)
        self.offers_received.setValue(r.offers_received)
        self.offers_rejected.setValue(r.offers_rejected)
        self.annulled.setChecked(r.annulled)
        self.applicant.set_value(r.applicant_id)
        self.parts.load(r.parts)
        self.notes.setPlainText(r.notes)
        self.setWindowTitle(r.title)

    def _lists_previous_years(self) -> bool | None:
        if self.lists_previous_years.checkState() == Qt.CheckState.PartiallyChecked:
            return None
        return self.lists_previous_years.isChecked()

    def _announcement_points(self) -> str | None:
        ticked = self.announcement_points.values()
        if not ticked and not self._points_recorded:
            return None  # nothing said about the announcement's content: it stays not recorded
        return ",".join(ticked)

    def _commission_statements(self) -> bool | None:
        if self.commission_statements.checkState() == Qt.CheckState.PartiallyChecked:
            return None
        return self.commission_statements.isChecked()

    def collect(self) -> ProcedureInput:
        competition = self.route.value() in COMPETITION_ROUTES
        dates = {name: edit.value() for name, edit in self._dates().items()}
        return ProcedureInput(
            route=self.route.value(), title=self.title_edit.text(), reference=self.reference.text(),
            task_id=self.task.value(), programme_id=self.programme.value(), budget_year=self.budget_year.value(),
            planned_amount=self.planned_amount.text(),
            lists_previous_years=self._lists_previous_years() if competition else False,
            offers_received=self.offers_received.value(), offers_rejected=self.offers_rejected.value(),
            annulled=self.annulled.isChecked() and competition, applicant_id=self.applicant.value(),
            notes=text_of(self.notes), parts=self.parts.values(), **dates,
            expected_version=getattr(self, "_opened_version", None),
            announcement_points=self._announcement_points() if competition else None,
            commission_ngo_members=self.commission_ngo_members.text(),
            commission_offeror_members=self.commission_offeror_members.text(),
            commission_statements=self._commission_statements(),
        )

    def validate(self, data: ProcedureInput) -> list[FieldError]:
        return service.validate_procedure(data)

    def save(self, data: ProcedureInput) -> ProcedureRecord:
        # The act's rules (21 days for offers, the art. 19a limits…) are checked in the same transaction.
        if self.procedure_id is None:
            return self.save_checked(lambda ack: service.create_procedure(
                self.db, data, law_check=True, acknowledge_warnings=ack))
        procedure_id = self.procedure_id
        return self.save_checked(lambda ack: service.update_procedure(
            self.db, procedure_id, data, law_check=True, acknowledge_warnings=ack))

    def show_errors(self, errors: Any, *, only_touched: bool = False) -> None:
        super().show_errors(errors, only_touched=only_touched)
        # the areas a service message names ("Wiersz 2: …") are painted red with the message as tooltip
        touched = self._fields["parts"].touched
        self.parts.show_errors([] if only_touched and not touched else list(errors), "parts")
