"""Editor of a commissioning procedure. The route decides which dates matter: an open competition
has its announcement, offer deadline and decision; an offer without competition (art. 19a, 12,
19b, 11a) has the offer, its publication and the answer. Both tabs stay visible; the one that
does not apply to the chosen route is disabled."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QCheckBox, QLineEdit, QSpinBox, QWidget

from app.core.db.engine import Database
from app.core.domain.enums import ProcedureRoute
from app.core.domain.records import ProcedureInput, ProcedureRecord
from app.core.errors import FieldError
from app.core.i18n import _
from app.core.services import organisations as organisations_service
from app.core.services import procedures as service
from app.core.services import programmes as programmes_service
from app.core.services import tasks as tasks_service
from app.ui.widgets.form import DateEdit, EnumCombo, IdCombo, MoneyEdit, RecordDialog, multiline, spin, text_of

#: routes decided in a competition (announcement → offers → decision)
COMPETITION_ROUTES = frozenset({ProcedureRoute.OPEN_COMPETITION, ProcedureRoute.REGRANTING_16A,
                                ProcedureRoute.PZP_SOCIAL})


class ProcedureDialog(RecordDialog):
    def __init__(self, db: Database, procedure_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(_("New procedure") if procedure_id is None else _("Procedure"), parent)
        self.db = db
        self.procedure_id = procedure_id
        L = service.LABELS  # noqa: N806
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
        self.offer_deadline = self.add_field("offer_deadline", _(L["offer_deadline"]), DateEdit())
        self.offers_received = self.add_field("offers_received", _(L["offers_received"]), spin(10000))
        self.offers_rejected = self.add_field("offers_rejected", _(L["offers_rejected"]), spin(10000))
        self.decision_date = self.add_field("decision_date", _(L["decision_date"]), DateEdit())
        self.results_published = self.add_field("results_published", _(L["results_published"]), DateEdit())
        self.annulled = self.add_field("annulled", _("Annulment"), QCheckBox(_("the competition was annulled")))
        self.annulment_date = self.add_field("annulment_date", _(L["annulment_date"]), DateEdit())
        # -- offer without competition ------------------------------------------------------
        self.add_tab(_("Offer without competition"))
        self.received_date = self.add_field("received_date", _(L["received_date"]), DateEdit())
        self.applicant = self.add_field("applicant_id", _(L["applicant_id"]), IdCombo(
            [(o.id, o.name) for o in organisations_service.list_organisations(db)], empty_text=_("(none)")))
        self.publication_start = self.add_field("publication_start", _(L["publication_start"]), DateEdit())
        self.publication_end = self.add_field("publication_end", _(L["publication_end"]), DateEdit())
        self.answer_date = self.add_field("answer_date", _(L["answer_date"]), DateEdit())
        self.task_start = self.add_field("task_start", _(L["task_start"]), DateEdit())
        self.task_end = self.add_field("task_end", _(L["task_end"]), DateEdit())
        self.add_tab(_("Notes"))
        self.notes = self.add_field("notes", _("Notes"), multiline(8))
        self.route.currentIndexChanged.connect(self._route_changed)
        self._route_changed()
        self.resize(780, 560)
        if procedure_id is not None:
            self.load(service.get_procedure(db, procedure_id))

    def _route_changed(self) -> None:
        competition = self.route.value() in COMPETITION_ROUTES
        self.tabs.setTabEnabled(1, competition)
        self.tabs.setTabEnabled(2, not competition)

    def _dates(self) -> dict[str, DateEdit]:
        return {name: getattr(self, name) for name in (
            "published_bip", "published_board", "published_website", "offer_deadline", "decision_date",
            "results_published", "annulment_date", "received_date", "publication_start", "publication_end",
            "answer_date", "task_start", "task_end")}

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
        self.lists_previous_years.setChecked(r.lists_previous_years)
        self.offers_received.setValue(r.offers_received)
        self.offers_rejected.setValue(r.offers_rejected)
        self.annulled.setChecked(r.annulled)
        self.applicant.set_value(r.applicant_id)
        self.notes.setPlainText(r.notes)
        self.setWindowTitle(r.title)

    def collect(self) -> ProcedureInput:
        competition = self.route.value() in COMPETITION_ROUTES
        dates = {name: edit.value() for name, edit in self._dates().items()}
        return ProcedureInput(
            route=self.route.value(), title=self.title_edit.text(), reference=self.reference.text(),
            task_id=self.task.value(), programme_id=self.programme.value(), budget_year=self.budget_year.value(),
            planned_amount=self.planned_amount.text(),
            lists_previous_years=self.lists_previous_years.isChecked() and competition,
            offers_received=self.offers_received.value(), offers_rejected=self.offers_rejected.value(),
            annulled=self.annulled.isChecked() and competition, applicant_id=self.applicant.value(),
            notes=text_of(self.notes), **dates, expected_version=getattr(self, "_opened_version", None),
        )

    def validate(self, data: ProcedureInput) -> list[FieldError]:
        return service.validate_procedure(data)

    def save(self, data: ProcedureInput) -> ProcedureRecord:
        # The act's rules (21 days for offers, the art. 19a limits…) are checked in the same transaction.
        if self.procedure_id is None:
            return self.save_checked(lambda ack: service.create_procedure(
                self.db, data, law_check=True, acknowledge_warnings=ack))
        return self.save_checked(lambda ack: service.update_procedure(
            self.db, self.procedure_id, data, law_check=True, acknowledge_warnings=ack))
