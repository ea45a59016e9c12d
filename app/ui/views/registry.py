"""The main window's views, in navigation order: one obvious place to add a screen.

Each entry names its class as "module:Class" and is imported only when first shown (start-up speed).
A view is built as ``ViewClass(db, parent=None)``; it may define ``refresh()`` (called whenever it is
shown or data changed elsewhere), a ``record_requested = Signal(str, object)`` emitting
(entity, id) to open a record, and a ``data_changed = Signal()`` after it saved something.
A module that is not there yet (a capability still being built) shows a placeholder that says what
will come, instead of breaking the window.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.i18n import N_


@dataclass(frozen=True)
class ViewSpec:
    #: stable key, used in settings (last view) and by ``MainWindow.show_view``
    key: str
    #: navigation label (msgid; translated when shown)
    title: str
    #: "package.module:ClassName", imported lazily
    target: str
    #: what the view is for (msgid): the navigation entry's tooltip
    about: str = ""
    #: navigation group heading (msgid)
    group: str = N_("Registers")
    #: keyboard shortcut, e.g. "Ctrl+1"
    shortcut: str = ""


VIEWS: tuple[ViewSpec, ...] = (
    ViewSpec(
        "dashboard",
        N_("Dashboard"),
        "app.ui.views.dashboard:DashboardView",
        N_("Counts, money committed per year and upcoming contract dates."),
        N_("Overview"),
        "Ctrl+1",
    ),
    ViewSpec(
        "deadlines", N_("Deadlines"), "app.ui.views.deadlines:DeadlinesWidget", group=N_("Overview"), shortcut="Ctrl+2"
    ),
    ViewSpec("calendar", N_("Calendar"), "app.ui.views.calendar_view:CalendarView", group=N_("Overview")),
    ViewSpec(
        "organisations",
        N_("Organisations"),
        "app.ui.views.organisations:OrganisationsView",
        N_("The register of non-governmental organisations."),
        shortcut="Ctrl+3",
    ),
    ViewSpec(
        "tasks",
        N_("Public tasks"),
        "app.ui.views.tasks:TasksView",
        N_("Public tasks by WKUS area and art. 4 sphere."),
        shortcut="Ctrl+4",
    ),
    ViewSpec(
        "programmes",
        N_("Cooperation programmes"),
        "app.ui.views.programmes:ProgrammesView",
        N_("Annual and multi-year cooperation programmes."),
    ),
    ViewSpec(
        "cooperation",
        N_("Non-financial cooperation"),
        "app.ui.views.cooperation:CooperationView",
        N_(
            "Consultations, joint teams, premises lent and other cooperation without money (art. 5(2)); "
            "section 5 of the annual report."
        ),
    ),
    ViewSpec(
        "procedures",
        N_("Procedures"),
        "app.ui.views.procedures:ProceduresView",
        N_("Open competitions, small grants, regranting and other procedures."),
    ),
    ViewSpec(
        "contracts",
        N_("Contracts"),
        "app.ui.views.contracts:ContractsView",
        N_("Multi-year contracts with tranches, results, reports and controls."),
        shortcut="Ctrl+5",
    ),
    ViewSpec(
        "tools",
        N_("Tools"),
        "app.ui.views.tools:ToolsView",
        N_("The 42 WKUS tools of the Quality, Efficiency and Cooperation models, with their indicators."),
        N_("WKUS"),
        "Ctrl+6",
    ),
    ViewSpec(
        "wizards",
        N_("Wizard"),
        "app.ui.views.wizards:WizardsView",
        N_(
            "The WKUS handbook as guided wizards: commissioning a task, the cooperation programme, "
            "the annual evaluation of a contract."
        ),
        N_("WKUS"),
        "Ctrl+7",
    ),
    ViewSpec(
        "handbook",
        N_("Handbook"),
        "app.ui.views.handbook:HandbookView",
        N_("The handbook inside the program: the three models, the MKUS types, legal routes and tools."),
        N_("WKUS"),
    ),
    ViewSpec("compliance", N_("Compliance"), "app.ui.views.compliance:ComplianceView", group=N_("WKUS")),
    ViewSpec(
        "documents",
        N_("Documents"),
        "app.ui.views.documents:DocumentsWidget",
        N_("Printable documents for the executive and the council."),
        N_("Documents"),
        "Ctrl+8",
    ),
)


def view_spec(key: str) -> ViewSpec:
    for spec in VIEWS:
        if spec.key == key:
            return spec
    raise KeyError(key)
