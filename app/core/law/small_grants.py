"""Art. 19a's small-grant limits in force on a day: the one place the tools and indicators read them.

The compliance checks (rules.py, 19A-1/3/4) judge a record by its own date through the rules'
parameters; every other figure that uses a small-grant limit (the route selector W-05, W-10's share
indicator, the MKUS "small grant" threshold) asks `small_grant_limits(on)`, so an installed law table
(`wkus law install`) changes them without a new release.

Which day a caller asks about: the act's transitional rule (as the sources report it for Dz.U. 2026
poz. 1040) applies a new wording to offers received from its date, so a figure about one offer asks
about the offer's receipt; a figure about a whole budget year asks about 31 December (`year_end`): the
wording the year's last offers fall under and the year's totals are complete under. A year in which a
wording changed says so with `earlier_in_year`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from app.core.i18n import _, format_date, format_money, format_percent
from app.core.law.data import LawData, law

#: 19A-1 (amount, days: art. 19a ust. 1), 19A-3 (share: ust. 7), 19A-4 (per organisation: ust. 1a)
_RULES = ("19A-1", "19A-3", "19A-4")


@dataclass(frozen=True)
class SmallGrantLimits:
    on: dt.date
    max_amount: Decimal
    #: None: the wording sets no limit on the task's length (Dz.U. 2026 poz. 1040 repeals the 90 days)
    max_days: int | None
    #: a fraction of the grants planned for NGO tasks in the year's budget (0.20 = 20 %)
    max_share: Decimal
    max_per_organisation: Decimal
    #: the journal of the newest wording among the three rules, and the day it came into force
    journal: str
    in_force_from: dt.date
    #: False when a wording in force on `on` was not checked against the act's text
    verified: bool
    #: the limits the day before that unchecked amendment (None when every wording was checked): a figure
    #: that only one of the two gives is a remark naming the amendment, never a verdict
    earlier: SmallGrantLimits | None = None
    #: (rule id, journal, in force from) of each rule (19A-1, 19A-3, 19A-4) whose wording in force is such
    #: an unchecked amendment
    unchecked_amendments: tuple[tuple[str, str, dt.date], ...] = ()

    @property
    def unchecked_rules(self) -> tuple[str, ...]:
        return tuple(rule_id for rule_id, _journal, _date in self.unchecked_amendments)

    @property
    def task_checked(self) -> bool:
        """The amount and days (19A-1) are a checked wording's, whatever the share's amendment is."""
        return "19A-1" not in self.unchecked_rules

    @property
    def share_checked(self) -> bool:
        return "19A-3" not in self.unchecked_rules

    def allows(self, amount: Decimal, days: int | None) -> bool:
        """A grant of `amount` for a task of `days` within art. 19a ust. 1 (unknown days: only the amount)."""
        return amount <= self.max_amount and (self.max_days is None or days is None or days <= self.max_days)

    def describe(self) -> str:
        """ "10 000,00 zł, at most 90 days" – the task limits of art. 19a ust. 1 in a remark."""
        if self.max_days is None:
            return _("up to {amount}, no limit on the task's length").format(amount=format_money(self.max_amount))
        return _("up to {amount}, at most {days} days").format(amount=format_money(self.max_amount), days=self.max_days)

    def unchecked(self, rule_id: str = "19A-1") -> str:
        """ "the amendment Dz.U. … in force from …, whose text was not checked against the act": the one that
        set `rule_id`'s figures (else any unchecked one; "" when every wording was checked)."""
        found = [a for a in self.unchecked_amendments if a[0] == rule_id] or list(self.unchecked_amendments)
        if not found:
            return ""
        _rule, journal, since = found[0]
        return _("the amendment {journal} in force from {date}, whose text was not checked against the act").format(
            journal=journal, date=format_date(since)
        )

    def figures(self) -> tuple[Decimal, int | None, Decimal, Decimal]:
        return self.max_amount, self.max_days, self.max_share, self.max_per_organisation

    def share_text(self) -> str:
        return format_percent(self.max_share, 0)


def small_grant_limits(on: dt.date, data: LawData | None = None) -> SmallGrantLimits:
    """The art. 19a limits in the wording in force on `on` (from the law tables in use)."""
    data = data or law()
    specs = [data.rule(rule_id) for rule_id in _RULES]
    task, share, organisation = (spec.params_on(on) for spec in specs)
    newest = max((v for spec in specs if (v := spec.version_on(on)) is not None), key=lambda v: v.in_force_from)
    unchecked = {spec.rule_id: a for spec in specs if (a := spec.unverified_amendment_on(on)) is not None}
    earlier = None
    if unchecked:
        earlier = small_grant_limits(min(a.in_force_from for a in unchecked.values()) - dt.timedelta(days=1), data)
    return SmallGrantLimits(
        on=on,
        max_amount=Decimal(str(task["max_amount"])),
        max_days=int(task["max_days"]) if "max_days" in task else None,
        max_share=Decimal(str(share["max_share"])),
        max_per_organisation=Decimal(str(organisation["max_per_organisation"])),
        journal=newest.act_version,
        in_force_from=newest.in_force_from,
        verified=not unchecked,
        earlier=earlier,
        unchecked_amendments=tuple(
            (rule_id, a.act_version, a.in_force_from) for rule_id, a in sorted(unchecked.items())
        ),
    )


def year_end(year: int) -> dt.date:
    return dt.date(year, 12, 31)


def earlier_in_year(limits: SmallGrantLimits, data: LawData | None = None) -> SmallGrantLimits | None:
    """The limits that applied at the start of `limits`' year when a wording came into force during it
    (offers received before that day fall under them), else None."""
    start = dt.date(limits.on.year, 1, 1)
    if limits.in_force_from <= start:
        return None
    before = small_grant_limits(limits.in_force_from - dt.timedelta(days=1), data)
    # the first known wording's date is that of the text it was read in, not a change of the limits
    return None if before.figures() == limits.figures() else before
