"""iCalendar (RFC 5545) export of statutory deadlines for Outlook and Thunderbird.

Written with the `icalendar` package (well kept, handles escaping and line folding); each
deadline is an all-day event with a stable UID so re-importing updates instead of duplicating,
and a reminder a few days before.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from app import APP_NAME, __version__
from app.core.errors import UserFacingError, os_reason
from app.core.i18n import _
from app.core.law.types import Deadline

#: Days before the deadline the calendar reminds the clerk.
REMINDER_DAYS = 3


def deadline_uid(d: Deadline) -> str:
    record = f"{d.record.entity}-{d.record.id if d.record.id is not None else 0}"
    return f"{d.kind}-{record}-{d.due.isoformat()}@wkus-desktop"


def deadlines_to_ics(deadlines: Iterable[Deadline], calendar_name: str = "") -> bytes:
    from icalendar import Alarm, Calendar, Event

    cal = Calendar()
    cal.add("prodid", f"-//WKUS//{APP_NAME} {__version__}//PL")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", calendar_name or _("Statutory deadlines"))
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    for d in deadlines:
        event = Event()
        event.add("uid", deadline_uid(d))
        event.add("dtstamp", stamp)
        event.add("dtstart", d.due)  # a date -> VALUE=DATE, an all-day event
        event.add("dtend", d.due + dt.timedelta(days=1))
        event.add("summary", d.title)
        event.add(
            "description",
            "\n".join(
                [
                    d.record.label,
                    _("Legal basis: {basis}").format(basis=d.basis),
                    _("State: {state}").format(state=d.state.label),
                ]
            ),
        )
        event.add("categories", [d.kind])
        event.add("transp", "TRANSPARENT")
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", d.title)
        alarm.add("trigger", dt.timedelta(days=-REMINDER_DAYS))
        event.add_component(alarm)
        cal.add_component(event)
    return cal.to_ical()


def write_ics(path: Path, deadlines: Iterable[Deadline], calendar_name: str = "") -> None:
    data = deadlines_to_ics(deadlines, calendar_name)
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise UserFacingError(
            _("Cannot write the file {path}: {reason}").format(path=path, reason=os_reason(exc))
        ) from exc
