"""Using the per-record checks before a save: errors refuse it, warnings need confirmation.

A service calls, e.g. for a contract built from the form but not yet committed:

    warnings = enforce(check_contract(contract, today))   # raises RuleViolation on errors
    if warnings and not confirmed:
        return NeedsConfirmation(warnings)                 # the UI asks, then saves with confirmed=True
"""

from __future__ import annotations

from collections.abc import Iterable

from app.core.errors import UserFacingError
from app.core.law.rules import blocking
from app.core.law.types import Finding


class RuleViolation(UserFacingError):
    """The record breaks a rule of the act marked as an error; the message lists each one."""

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings
        super().__init__("\n".join(f"{f.rule_id}: {f.message}" for f in findings))


def enforce(findings: Iterable[Finding]) -> list[Finding]:
    """Raise RuleViolation for evaluated errors; return the rest (warnings, missing data) to confirm."""
    findings = list(findings)
    errors = blocking(findings)
    if errors:
        raise RuleViolation(errors)
    return [f for f in findings if f not in errors]
