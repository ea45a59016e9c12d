"""The law checks run by the services while saving (issue 3: an error refuses, a warning asks).

A service that is asked to check the law (`law_check=True`) computes the findings of the record
as it is stored, applies the form's values inside the same transaction, computes them again and
hands both lists to `guard()`:

* an evaluated *error* that the save would introduce raises `RuleViolation` (the transaction is
  rolled back, nothing is saved); errors the stored record already had do not lock the record,
  so a clerk can still fix other fields of an old contract that broke a rule years ago;
* new *warnings* raise `NeedsConfirmation` unless `acknowledge_warnings` is true; the dialog
  asks "Zapisz mimo to?" and calls the service again with `acknowledge_warnings=True`;
* findings that could not be evaluated (missing data) never stop a save.

The checks are off by default so the import, demo and command-line paths (and the callers
written before the guard) keep recording facts exactly as before.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.db.models import Contract, ContractParty, CooperationProgramme, Procedure, PublicTask, Setting
from app.core.domain.enums import ProcedureRoute
from app.core.errors import UserFacingError
from app.core.i18n import _
from app.core.law.guard import RuleViolation, enforce
from app.core.law.rules import (
    LOCAL_REPORT_DATE_KEY,
    check_contract,
    check_procedure,
    check_programme,
    check_small_grant_limit,
    check_small_grant_offer,
    parse_local_report_date,
)
from app.core.law.types import Finding, Severity

__all__ = [
    "NeedsConfirmation",
    "RuleViolation",
    "contract_findings",
    "guard",
    "procedure_findings",
    "programme_findings",
]


class NeedsConfirmation(UserFacingError):
    """The save would break rules that are only warnings; the clerk must confirm it."""

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings
        lines = "\n".join(f"• {f.message}" for f in findings)
        super().__init__(
            _("The record does not meet these rules of the act:\n{lines}\n\nSave anyway?").format(lines=lines)
        )


def _key(f: Finding) -> tuple[str, str, str]:
    return (f.rule_id, f.severity.value, f.message)


def new_findings(before: Iterable[Finding], after: Iterable[Finding]) -> list[Finding]:
    """Findings of `after` that `before` did not have (matched by rule, severity and message)."""
    seen = {_key(f) for f in before}
    out, added = [], set()
    for f in after:
        k = _key(f)
        if k not in seen and k not in added:
            out.append(f)
            added.add(k)
    return out


def guard(before: Iterable[Finding], after: Iterable[Finding], acknowledge_warnings: bool) -> list[Finding]:
    """Refuse new errors (RuleViolation); ask for new warnings unless acknowledged.

    Returns the new warnings (evaluated ones) that the save accepted.
    """
    fresh = new_findings(before, after)
    rest = enforce(fresh)  # raises RuleViolation on an evaluated error
    warnings = [f for f in rest if f.severity is Severity.WARNING and not f.missing_data]
    if warnings and not acknowledge_warnings:
        raise NeedsConfirmation(warnings)
    return warnings


def _safe(run: Callable[[], list[Finding]]) -> list[Finding]:
    # A date the law tables cannot handle (e.g. year 2150) is refused by the form's own
    # validation; here it must not turn into a traceback.
    try:
        return run()
    except UserFacingError:
        return []


def contract_findings(session: Session, k: Contract, today: dt.date) -> list[Finding]:
    """Rules about the contract, and about its procedure as concluded with it (art. 19a limits)."""
    out = _safe(lambda: check_contract(k, today))
    if k.procedure_id is not None:
        p = session.get(Procedure, k.procedure_id)
        if p is not None:
            with session.no_autoflush:
                others = [
                    c for c in session.scalars(select(Contract).where(Contract.procedure_id == p.id)) if c is not k
                ]
            contracts = [*others, k]
            task = session.get(PublicTask, p.task_id) if p.task_id else None
            out += _safe(lambda: check_procedure(p, today, contracts=contracts, task=task))
            if p.route is ProcedureRoute.SMALL_GRANT_19A:
                grants = _small_grants_of(session, k)
                with session.no_autoflush:
                    receipts = {
                        g.id: offer.received_date
                        for g in grants
                        if g.id is not None
                        and g.procedure_id is not None
                        and (offer := session.get(Procedure, g.procedure_id)) is not None
                    }
                out += _safe(
                    lambda: check_small_grant_limit(k, grants, today, received=p.received_date, received_of=receipts)
                )
    return out


def _small_grants_of(session: Session, k: Contract) -> list[Contract]:
    """The other contracts concluded in art. 19a procedures with any of `k`'s organisations."""
    orgs = {p.organisation_id for p in k.parties if p.organisation_id is not None}
    return [c for c in _small_grants_for(session, orgs) if c is not k]


def _small_grants_for(session: Session, orgs: set[int]) -> list[Contract]:
    """Contracts concluded in art. 19a procedures with any of `orgs`."""
    if not orgs:
        return []
    with session.no_autoflush:
        query = (
            select(Contract)
            .join(Procedure, Procedure.id == Contract.procedure_id)
            .join(ContractParty, ContractParty.contract_id == Contract.id)
            .where(Procedure.route == ProcedureRoute.SMALL_GRANT_19A, ContractParty.organisation_id.in_(orgs))
        )
        return list(session.scalars(query).unique())


def procedure_findings(session: Session, p: Procedure, today: dt.date) -> list[Finding]:
    with session.no_autoflush:
        contracts = list(session.scalars(select(Contract).where(Contract.procedure_id == p.id))) if p.id else []
        task = session.get(PublicTask, p.task_id) if p.task_id else None
    out = _safe(lambda: check_procedure(p, today, contracts=contracts, task=task))
    if p.route is ProcedureRoute.SMALL_GRANT_19A and p.applicant_id is not None:
        grants = _small_grants_for(session, {p.applicant_id})
        out += _safe(lambda: check_small_grant_offer(p, grants, today))
    return out


def programme_findings(session: Session, p: CooperationProgramme, today: dt.date) -> list[Finding]:
    with session.no_autoflush:
        setting = session.get(Setting, LOCAL_REPORT_DATE_KEY)
    local = parse_local_report_date(setting.value if setting else None)
    return _safe(lambda: check_programme(p, today, local_report_date=local))


class Preview(Exception):
    """Raised inside a service's transaction to roll it back after computing the findings."""

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__("preview")
        self.findings = findings
