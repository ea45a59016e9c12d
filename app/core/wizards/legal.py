"""W-05's legal test: whether a route is allowed for the facts, and the rules that decided.

The suggestion itself is the catalogue tool W-05 (app.core.wizards.decision.suggest_route); this
module refuses what the act does not allow and says why. Limits (art. 19a's amount and days in the
wording in force on the day, 5 years, the closed list of local-initiative spheres) come from the law
tables (resources/law/rules.toml), and every reason cites the article as the compliance checks do, so a refusal names the rule and where
it is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from app.core.domain.enums import ContractForm, MkusType, ProcedureRoute
from app.core.i18n import _, format_money, format_percent
from app.core.law.amendments import allows_note, unchecked_note
from app.core.law.data import law

# ---- W-05: legal route -----------------------------------------------------------------------------


@dataclass(frozen=True)
class RouteFacts:
    mkus_type: MkusType | None
    years: int
    annual_amount: Decimal | None
    #: length of one task in days (art. 19a counts the task, not the contract)
    task_days: int | None
    spheres: tuple[str, ...] = ()
    form: ContractForm | None = None
    emergency: bool = False
    residents_apply: bool = False
    ngo_offer: bool = False
    buy_service: bool = False


@dataclass
class RouteAssessment:
    route: ProcedureRoute
    #: refusals: the combination is impossible under the act (each cites its article)
    refusals: list[str] = field(default_factory=list)
    #: what the clerk must still bear in mind (warnings, conditions)
    warnings: list[str] = field(default_factory=list)
    #: why the route fits (for the drogowskaz)
    reasons: list[str] = field(default_factory=list)

    @property
    def allowed(self) -> bool:
        return not self.refusals


def _cite(rule_id: str, today: dt.date) -> str:
    return law().rule_citation(rule_id, today)


def _art(article: str, today: dt.date) -> str:
    return law().citation(article, "UDPPW", today)


def assess(route: ProcedureRoute, f: RouteFacts, today: dt.date) -> RouteAssessment:
    a = RouteAssessment(route)
    umw1 = law().rule("UMW-1")
    if f.years > int(umw1.params["max_years"]):
        a.refusals.append(
            _("A contract may run for at most {max} years; {years} were planned ({basis}).").format(
                max=umw1.params["max_years"], years=f.years, basis=_cite("UMW-1", today)
            )
        )
    if route is ProcedureRoute.OPEN_COMPETITION:
        a.reasons.append(
            _(
                "Commissioning a task to an NGO, in support or entrustment, follows an open competition "
                "unless a special route applies ({basis})."
            ).format(basis=_art("art. 11 ust. 2", today))
        )
        a.reasons.append(
            _("The offer deadline must be at least {days} days after the last publication ({basis}).").format(
                days=law().rule("KON-1").params["min_days"], basis=_cite("KON-1", today)
            )
        )
        if f.years > 1:
            a.reasons.append(
                _(
                    "A multi-year contract (length in years: {years}) is concluded after one competition, "
                    "with a tranche for each budget year ({basis})."
                ).format(years=f.years, basis=_cite("UMW-1", today))
            )
    elif route is ProcedureRoute.SMALL_GRANT_19A:
        _small_grant(a, f, today)
    elif route is ProcedureRoute.REGRANTING_16A:
        a.reasons.append(
            _(
                "A competition selects an operator who passes the funds on to smaller projects (regranting, {basis})."
            ).format(basis=_art("art. 16a", today))
        )
        if f.mkus_type not in (None, MkusType.BON_REGRANTING):
            a.warnings.append(
                _(
                    "Regranting suits many small grants (MKUS type \u201c{type}\u201d); check that it fits this task."
                ).format(type=MkusType.BON_REGRANTING.label)
            )
    elif route is ProcedureRoute.LOCAL_INITIATIVE:
        spec = law().rule("INI-1")
        allowed = set(spec.params["allowed_spheres"])
        basis = _cite("INI-1", today)
        if not f.residents_apply:
            a.refusals.append(
                _(
                    "A local initiative is started by the residents' application; the gmina cannot "
                    "start it itself ({basis})."
                ).format(basis=_art("art. 19b ust. 1", today))
            )
        if f.spheres and not set(f.spheres) & allowed:
            a.refusals.append(
                _(
                    "None of the task's spheres ({spheres}) is on the closed list of fields of a local "
                    "initiative ({basis})."
                ).format(spheres=", ".join(f.spheres), basis=basis)
            )
        if f.years > 1:
            a.warnings.append(
                _(
                    "A local initiative is one undertaking with a schedule and cost estimate, not a "
                    "multi-year contract ({basis})."
                ).format(basis=_art("art. 19e", today))
            )
        a.reasons.append(
            _(
                "Residents carry out the task together with the gmina, contributing social work, money or "
                "in kind ({basis})."
            ).format(basis=basis)
        )
    elif route is ProcedureRoute.EMERGENCY_11A:
        if not f.emergency:
            a.refusals.append(
                _(
                    "Commissioning without a competition under art. 11a is allowed only to prevent the "
                    "effects of a natural disaster, catastrophe or technical failure ({basis})."
                ).format(basis=_art("art. 11a", today))
            )
        a.reasons.append(
            _("Emergency commissioning without a competition ({basis}).").format(basis=_art("art. 11a", today))
        )
    elif route is ProcedureRoute.NGO_INITIATIVE_12:
        if not f.ngo_offer:
            a.refusals.append(
                _("Art. 12 applies when an organisation proposes the task itself; nobody has ({basis}).").format(
                    basis=_art("art. 12 ust. 1", today)
                )
            )
        a.reasons.append(
            _(
                "The gmina must assess the organisation's proposal within one month and, if it is "
                "purposeful, announce a competition ({basis})."
            ).format(basis=_cite("A12-1", today))
        )
    elif route is ProcedureRoute.PZP_SOCIAL:
        a.warnings.append(
            _(
                "Under public procurement the service is bought: the NGO is a contractor, not a grantee, "
                "and the social-services regime of Pzp (art. 359–361) applies. This program does not "
                "prepare procurement documents and creates no grant contract."
            )
        )
        a.reasons.append(_("The gmina buys a service for a price and quality it specifies (Pzp art. 359–361)."))
    if (
        route in (ProcedureRoute.OPEN_COMPETITION, ProcedureRoute.REGRANTING_16A, ProcedureRoute.SMALL_GRANT_19A)
        and f.form is ContractForm.WSPARCIE
    ):
        a.warnings.append(
            _(
                "In support (wsparcie) the organisation adds its own contribution; plan it in the offer ({basis})."
            ).format(basis=_cite("UMW-2", today))
        )
    return a


def _small_grant(a: RouteAssessment, f: RouteFacts, today: dt.date) -> None:
    """Art. 19a for an offer received today: the wording in force today, and, when that wording is an
    amendment not checked against the act, the one before it too (a refusal needs both; what only one
    forbids is a warning naming the amendment, as in the compliance checks)."""
    spec = law().rule("19A-1")
    now = spec.params_on(today)
    amendment = spec.unverified_amendment_on(today)
    before = spec.params_before(amendment) if amendment is not None else None
    basis = _cite("19A-1", today)

    def weigh(check: Callable[[dict[str, Any]], str | None]) -> None:
        in_force = check(now)
        earlier = check(before) if before is not None else None
        if amendment is None or (in_force is not None and earlier is not None):
            if in_force is not None:
                a.refusals.append(in_force + (unchecked_note(spec, amendment) if amendment is not None else ""))
        elif in_force is not None:
            a.warnings.append(in_force + unchecked_note(spec, amendment))
        elif earlier is not None:
            a.warnings.append(earlier + allows_note(spec, amendment))

    # without one task's length the task is the whole contract, and so is its grant: a wording without a day
    # limit (Dz.U. 2026 poz. 1040) does not stop a multi-year task by its length, only by its amount
    whole = f.annual_amount * f.years if f.annual_amount is not None and f.task_days is None and f.years > 1 else None

    def amount(params: dict[str, Any]) -> str | None:
        limit = Decimal(str(params["max_amount"]))
        if whole is not None and whole > limit:
            return _(
                "Art. 19a allows a grant of at most {max}; the grant planned for the whole contract (length "
                "in years: {years}) is {amount} ({basis})."
            ).format(max=format_money(limit), years=f.years, amount=format_money(whole), basis=basis)
        if f.annual_amount is None or f.annual_amount <= limit:
            return None
        return _("Art. 19a allows a grant of at most {max}; the planned amount is {amount} ({basis}).").format(
            max=format_money(limit), amount=format_money(f.annual_amount), basis=basis
        )

    def days(params: dict[str, Any]) -> str | None:
        if "max_days" not in params:
            return None  # the wording sets no limit on the task's length
        if f.task_days is None:
            return _("Give the length of the task in days: art. 19a allows at most {days} days ({basis}).").format(
                days=params["max_days"], basis=basis
            )
        if f.task_days <= int(params["max_days"]):
            return None
        return _("Art. 19a allows a task of at most {max} days; the task lasts {days} days ({basis}).").format(
            max=params["max_days"], days=f.task_days, basis=basis
        )

    def years(params: dict[str, Any]) -> str | None:
        if "max_days" not in params or f.years <= 1:
            return None
        return _(
            "A task of at most {days} days cannot be a multi-year contract; choose an open competition for "
            "{years} years ({basis})."
        ).format(days=params["max_days"], years=f.years, basis=basis)

    for check in (amount, days, years):
        weigh(check)
    limit = format_money(Decimal(str(now["max_amount"])))
    if "max_days" in now:
        a.reasons.append(
            _(
                "A small local task (at most {amount}, at most {days} days) may be commissioned on an "
                "NGO's offer without a competition ({basis})."
            ).format(amount=limit, days=now["max_days"], basis=basis)
        )
    else:
        a.reasons.append(
            _(
                "A small local task (at most {amount}) may be commissioned on an NGO's offer without a "
                "competition ({basis})."
            ).format(amount=limit, basis=basis)
        )
    a.warnings.append(
        _(
            "The offer must be published for 7 days in BIP, on the notice board and on the website "
            "within 7 working days of receipt ({basis})."
        ).format(basis=_cite("19A-2", today))
    )
    share = Decimal(str(law().rule("19A-3").params_on(today)["max_share"]))
    a.warnings.append(
        _("All art. 19a grants of the year may not exceed {share} of the funds planned for NGOs ({basis}).").format(
            share=format_percent(share, 0), basis=_cite("19A-3", today)
        )
    )
