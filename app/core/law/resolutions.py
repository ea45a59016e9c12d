"""Council resolutions the act makes a prerequisite, kept as settings (table `setting`):

* art. 5 ust. 5 u.d.p.p.w.: the resolution on the detailed manner of consulting organisations; the
  programme's consultation is held "w sposób określony w art. 5 ust. 5" (art. 5a ust. 1), so it must
  exist before the consultation starts (rule PRG-5);
* art. 19c ust. 1: the resolution on the procedure and criteria for assessing local-initiative
  applications, whose criteria "powinny uwzględniać przede wszystkim wkład pracy społecznej" (INI-2).

Value: "YYYY-MM-DD|title" (the date the council adopted it); for art. 19c a second key says whether
the criteria weigh residents' social work first ("yes"/"no"; absent = not recorded).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.core.db.engine import Database
from app.core.errors import UserFacingError
from app.core.i18n import _

CONSULTATION_KEY = "law.resolution.consultation"
LOCAL_INITIATIVE_KEY = "law.resolution.local_initiative"
SOCIAL_WORK_KEY = "law.resolution.local_initiative.social_work"

KINDS = {"consultation": CONSULTATION_KEY, "local-initiative": LOCAL_INITIATIVE_KEY}


@dataclass(frozen=True)
class CouncilResolution:
    adopted: dt.date
    title: str = ""


def parse_resolution(text: str | None) -> CouncilResolution | None:
    """ "2010-09-23|Uchwała nr 186/2010" -> the resolution; empty or damaged -> None (not recorded)."""
    day, _sep, title = (text or "").partition("|")
    try:
        return CouncilResolution(dt.date.fromisoformat(day.strip()), title.strip())
    except ValueError:
        return None


def parse_yes_no(text: str | None) -> bool | None:
    value = (text or "").strip().casefold()
    return True if value in ("yes", "tak") else False if value in ("no", "nie") else None


def set_resolution(
    db: Database, kind: str, adopted: str, title: str = "", social_work: str | None = None
) -> CouncilResolution:
    """Record a council resolution; a wrong kind, date or answer is refused naming the field."""
    key = KINDS.get(kind)
    if key is None:
        raise UserFacingError(_("Resolution: {kind} is not one of: {kinds}.").format(kind=kind, kinds=", ".join(KINDS)))
    try:
        day = dt.date.fromisoformat(adopted.strip())
    except ValueError as exc:
        raise UserFacingError(
            _("Date of the resolution: {value} is not a date (YYYY-MM-DD).").format(value=adopted)
        ) from exc
    answer = None
    if social_work is not None:
        answer = parse_yes_no(social_work)
        if answer is None:
            raise UserFacingError(_("Social work in the criteria: answer yes or no (tak/nie)."))
    from app.core.services.local_law import update_local_law  # it stores what this module reads

    prefix = "consultation" if key == CONSULTATION_KEY else "initiative"
    changes: dict[str, object] = {f"{prefix}_adopted": day, f"{prefix}_title": title.strip()}
    if answer is not None:
        changes["social_work"] = answer
    # any year will do: the planned grants of the year asked for are stored back unchanged
    update_local_law(db, dt.date.today().year, **changes)
    return CouncilResolution(day, title.strip())
