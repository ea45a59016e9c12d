"""What a finding says when the wording it applies is an amendment not checked against the act's text.

Such an amendment (`ParamVersion.verified` false) came from secondary sources only: the checks and
the wizard measure against it and against the wording before it, and whatever only one of the two
gives is a warning carrying one of these notes, which name the amendment and what to check.
"""

from __future__ import annotations

from app.core.i18n import _, format_date
from app.core.law.data import ParamVersion, RuleSpec


def _fill(template: str, spec: RuleSpec, amendment: ParamVersion) -> str:
    # replace, not format: the journal and the article are data from a clerk's installed table
    return " " + template.replace("{journal}", amendment.act_version).replace(
        "{date}", format_date(amendment.in_force_from)
    ).replace("{article}", spec.article)


def allows_note(spec: RuleSpec, amendment: ParamVersion) -> str:
    """For a breach of the earlier wording that the unchecked amendment allows."""
    return _fill(
        _(
            "The amendment {journal} in force from {date} allows this for offers received from that day, but "
            "its text was not checked against the act: check {article} in the amendment before relying on it."
        ),
        spec,
        amendment,
    )


def unchecked_note(spec: RuleSpec, amendment: ParamVersion) -> str:
    """For a breach measured against the unchecked amendment's limit."""
    return _fill(
        _(
            "This limit is that of the amendment {journal} in force from {date}, whose text was not checked "
            "against the act: check {article} in the amendment."
        ),
        spec,
        amendment,
    )
