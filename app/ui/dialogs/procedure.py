"""Editor of a commissioning procedure. The route decides which dates matter: an open competition
has its announcement, offer deadline and decision; an offer without competition (art. 19a, 12,
19b, 11a) has the offer, its publication and the answer. Both tabs stay visible; the one that
does not apply to the chosen route is disabled."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import (
    QLabel,
    QSizePolicy,
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
from app.ui.widgets.fields import Editor, FieldSpec, enum_choice
from app.ui.widgets.form import RecordDialog

#: routes decided in a competition (announcement → offers → decision)
COMPETITION_ROUTES = frozenset(
    {ProcedureRoute.OPEN_COMPETITION, ProcedureRoute.REGRANTING_16A, ProcedureRoute.PZP_SOCIAL}
)


def parse_points_codes(text: str | None) -> list[str]:
    """ "1,3" -> ["1", "3"] for the check list (None or "" -> nothing ticked)."""
    return [x.strip() for x in (text or "").split(",") if x.strip()]


class PartsEditor(TableEditor):
    """The areas of one competition over several areas: area, task, description, planned amount, offers
    received and rejected; the totals below (they must agree with the competition's)."""

    AREA, TASK, TITLE, PLANNED, OFFERS, REJECTED = range(6)

    def __init__(self, tasks: list[tuple[int, str]], parent: QWidget | None = None) -> None:
        self.tasks = tasks
        columns = [
            # required by the service ("Choose a value from the list."): the header carries " *"
            EditColumn(
                "area",
                N_("WKUS area"),
                CellKind.CHOICE,
                required=True,
                choices=lambda: [("", _("(choose)")), *WkusArea.choices()],
            ),
            EditColumn(
                "task_id",
                N_("Public task"),
                CellKind.CHOICE,
                choices=lambda: [("", _("(none)"))] + [(str(i), title) for i, title in self.tasks],
                default=lambda r: _("(none)"),
            ),
            EditColumn("title", N_("Description")),
            EditColumn("planned_amount", N_("Planned amount"), CellKind.MONEY, check=Check.MONEY),
            EditColumn("offers_received", N_("Offers"), CellKind.INT, check=Check.COUNT),
            EditColumn("offers_rejected", N_("Rejected"), CellKind.INT, check=Check.COUNT),
        ]
        super().__init__(
            EditableRowsModel(columns),
            widths={"area": 170, "task_id": 170, "planned_amount": 125, "offers_received": 60, "offers_rejected": 80},
            stretch="title",
            parent=parent,
            new_row=lambda: {"offers_received": 0, "offers_rejected": 0},
        )
        self.view.setMinimumWidth(740)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.footer = QLabel(self)
        self.buttons.addWidget(self.footer)
        self.changed.connect(self.update_total)

    def load(self, parts: Sequence[ProcedurePartRecord]) -> None:
        self.model.set_rows(
            [
                {
                    "area": p.area.value if p.area else None,
                    "task_id": str(p.task_id) if p.task_id is not None else None,
                    "title": p.title,
                    "planned_amount": p.planned_amount,
                    "offers_received": p.offers_received,
                    "offers_rejected": p.offers_rejected,
                    "id": p.id,
                }
                for p in parts
            ]
        )

    def values(self) -> list[ProcedurePartInput]:
        text = self.model.cell_text
        out = []
        for row, r in enumerate(self.model.rows()):
            task = str(r.get("task_id") or "")
            out.append(
                ProcedurePartInput(
                    area=WkusArea(r["area"]) if r.get("area") else None,
                    task_id=int(task) if task.isdigit() else None,
                    title=text(row, "title"),
                    planned_amount=text(row, "planned_amount"),
                    offers_received=text(row, "offers_received").strip(),
                    offers_rejected=text(row, "offers_rejected").strip(),
                    id=r.get("id"),
                )
            )
        return out

    def update_total(self) -> None:
        """Amounts and counts that are numbers (a bad cell is refused by the service, with its row)."""
        planned = self.model.column_total("planned_amount")
        offers = sum(
            int(t)
            for row in range(self.model.row_count())
            if (t := self.model.cell_text(row, "offers_received").strip()).isdigit()
        )
        self.footer.setText(
            _("Areas together: {amount}, {offers} offers").format(amount=format_money(planned), offers=offers)
            if self.model.row_count()
            else ""
        )


class ProcedureDialog(RecordDialog):
    def __init__(self, db: Database, procedure_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(_("New procedure") if procedure_id is None else _("Procedure"), parent)
        self.db = db
        self.procedure_id = procedure_id
        L = service.LABELS
        self.use_tabs()
        self.add_tab(_("Procedure"))
        self.route = self.add_input(
            FieldSpec("route", _(L["route"]), "choice", required=True, **enum_choice(ProcedureRoute))
        )
        self.title_edit = self.add_input(FieldSpec("title", _(L["title"]), required=True))
        self.title_edit.input.setMinimumWidth(460)
        self.reference = self.add_input(FieldSpec("reference", _(L["reference"]), width=260))
        self.task = self.add_input(
            FieldSpec(
                "task_id",
                _(L["task_id"]),
                "choice",
                empty_choice=_("(none)"),
                wide_choice=True,
                options=[(t.id, t.title) for t in tasks_service.list_tasks(db)],
            )
        )
        self.programme = self.add_input(
            FieldSpec(
                "programme_id",
                _(L["programme_id"]),
                "choice",
                empty_choice=_("(none)"),
                wide_choice=True,
                options=[
                    (p.id, f"{p.years_label} – {p.title}" if p.title else p.years_label)
                    for p in programmes_service.list_programmes(db)
                ],
            )
        )
        self.budget_year = self.add_input(
            FieldSpec(
                "budget_year",
                _(L["budget_year"]),
                "spin",
                required=True,
                minimum=2000,
                maximum=2100,
                digit_groups=False,
            )
        )
        self.budget_year.set_value(dt.date.today().year)
        self.budget_year.input.setMaximumWidth(90)
        self.planned_amount = self.add_input(FieldSpec("planned_amount", _(L["planned_amount"]), "money"))
        # -- competition --------------------------------------------------------------------
        self.add_tab(_("Competition"))
        self.published_bip = self._date("published_bip")
        self.published_board = self._date("published_board")
        self.published_website = self._date("published_website")
        self.lists_previous_years = self.add_input(
            FieldSpec(
                "lists_previous_years",
                _("Previous years"),
                "tristate",
                box_text=_("the announcement lists the grants of this and the previous year"),
            )
        )
        self.announcement_points = self.add_input(
            FieldSpec(
                "announcement_points",
                _(L["announcement_points"]),
                "multi",
                options=[(str(n), f"{n}) {_(what)}") for n, what in ANNOUNCEMENT_POINTS.items()],
                help=_("Art. 13 ust. 2 pkt 1–6. Nothing ticked on a competition stored without this = not recorded."),
            )
        )
        self.announcement_points.input.setMaximumHeight(118)
        self.offer_deadline = self._date("offer_deadline")
        self.offers_received = self.add_input(
            FieldSpec("offers_received", _(L["offers_received"]), "spin", maximum=10000)
        )
        self.offers_rejected = self.add_input(
            FieldSpec("offers_rejected", _(L["offers_rejected"]), "spin", maximum=10000)
        )
        self.decision_date = self._date("decision_date")
        self.results_published = self._date(
            "results_published",
            _(
                "The results, or the information on an annulment, are made public in the same three places as "
                "the announcement: enter each date."
            ),
        )
        self.results_published_board = self._date("results_published_board")
        self.results_published_website = self._date("results_published_website")
        self.annulled = self.add_input(
            FieldSpec("annulled", _("Annulment"), "bool", box_text=_("the competition was annulled"))
        )
        self.annulment_date = self._date("annulment_date")
        # -- a competition over several areas ---------------------------------------------
        self.add_tab(_("Areas of the competition"))
        self.parts = self.add_field(
            "parts",
            _(L["parts"]),
            PartsEditor([(t.id, t.title) for t in tasks_service.list_tasks(db)]),
            hint=_(
                "Only for one competition announced over several areas (spheres): each area with its planned "
                "money and offers. The offers and the planned money of the areas must add up to the "
                "competition's. Leave empty for a competition of one area."
            ),
        )
        # -- offer without competition ------------------------------------------------------
        self.add_tab(_("Offer without competition"))
        self.received_date = self._date("received_date")
        self.applicant = self.add_input(
            FieldSpec(
                "applicant_id",
                _(L["applicant_id"]),
                "choice",
                empty_choice=_("(none)"),
                wide_choice=True,
                options=[(o.id, o.name) for o in organisations_service.list_organisations(db)],
            )
        )
        self.publication_start = self._date("publication_start")
        self.publication_end = self._date("publication_end")
        self.offer_published_board = self._date("offer_published_board")
        self.offer_published_website = self._date(
            "offer_published_website",
            _(
                "Art. 19a ust. 3: the offer is published in BIP (Publication from), on the notice board and on "
                "the website; enter each date."
            ),
        )
        self.remarks_considered = self._date(
            "remarks_considered",
            _("Art. 19a ust. 5: the contract is concluded after the remarks were considered (also when none came in)."),
        )
        self.answer_date = self._date("answer_date")
        self.task_start = self._date("task_start")
        self.task_end = self._date("task_end")
        self.add_tab(_("Notes"))
        self.notes = self.add_input(FieldSpec("notes", _("Notes"), "textarea", lines=8))
        # -- the competition commission (art. 15 ust. 2a–2f); last, so the other tabs keep their places --
        self.add_tab(_("Competition commission"))
        self.commission_appointed = self._date("commission_appointed")
        self.commission_ngo_members = self.add_input(
            FieldSpec(
                "commission_ngo_members",
                _(L["commission_ngo_members"]),
                width=90,
                help=_("Persons named by organisations; empty = not recorded."),
            )
        )
        self.commission_offeror_members = self.add_input(
            FieldSpec(
                "commission_offeror_members",
                _(L["commission_offeror_members"]),
                width=90,
                help=_("Members representing an organisation that submitted an offer (the act excludes them)."),
            )
        )
        self.commission_statements = self.add_input(
            FieldSpec(
                "commission_statements",
                _(L["commission_statements"]),
                "tristate",
                box_text=_("every member made a statement of impartiality towards the offerors"),
            )
        )
        # half-checked = not recorded, until the clerk answers
        self.commission_statements.set_value(None)
        self._points_recorded = False
        self.route.changed.connect(self._route_changed)
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

    def _date(self, key: str, hint: str = "") -> Editor:
        return self.add_input(FieldSpec(key, _(service.LABELS[key]), "date", help=hint))

    def load(self, r: ProcedureRecord) -> None:
        #: the version the form was filled from; the save names it (issue 19: another seat may save first)
        self._opened_version: int | None = r.version
        for key, editor in self.editors.items():
            editor.set_value(getattr(r, key))
        # not recorded (an import without it): nothing ticked, and kept unknown unless the clerk ticks
        self._points_recorded = r.announcement_points is not None
        self.announcement_points.set_value(parse_points_codes(r.announcement_points))
        self.parts.load(r.parts)
        self.setWindowTitle(r.title)

    def _announcement_points(self) -> str | None:
        ticked = self.announcement_points.value()
        if not ticked and not self._points_recorded:
            return None  # nothing said about the announcement's content: it stays not recorded
        return ",".join(ticked)

    def collect(self) -> ProcedureInput:
        competition = self.route.value() in COMPETITION_ROUTES
        values = {key: editor.value() for key, editor in self.editors.items()}
        # the competition's facts are not those of an offer without competition
        values["lists_previous_years"] = values["lists_previous_years"] if competition else False
        values["annulled"] = values["annulled"] and competition
        values["announcement_points"] = self._announcement_points() if competition else None
        return ProcedureInput(
            **values, parts=self.parts.values(), expected_version=getattr(self, "_opened_version", None)
        )

    def validate(self, data: ProcedureInput) -> list[FieldError]:
        return service.validate_procedure(data)

    def save(self, data: ProcedureInput) -> ProcedureRecord:
        # The act's rules (21 days for offers, the art. 19a limits…) are checked in the same transaction.
        if self.procedure_id is None:
            return self.save_checked(
                lambda ack: service.create_procedure(self.db, data, law_check=True, acknowledge_warnings=ack)
            )
        procedure_id = self.procedure_id
        return self.save_checked(
            lambda ack: service.update_procedure(self.db, procedure_id, data, law_check=True, acknowledge_warnings=ack)
        )

    def show_errors(self, errors: Any, *, only_touched: bool = False) -> None:
        super().show_errors(errors, only_touched=only_touched)
        # the areas a service message names ("Wiersz 2: …") are painted red with the message as tooltip
        touched = self._fields["parts"].touched
        self.parts.show_errors([] if only_touched and not touched else list(errors), "parts")
