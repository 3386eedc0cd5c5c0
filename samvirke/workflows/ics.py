"""The årshjul as an iCalendar feed (RFC 5545) that calendar programs can subscribe to.

Each item is an all-day event on the last day it can fall due: a due month ("2026-04")
becomes 30 April, and the description says the due date is the month. UIDs are stable so
a subscribing program updates an event instead of adding a copy.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import gettext as _

from samvirke.lib import partial_date
from samvirke.workflows.agenda import Item

OSLO = ZoneInfo("Europe/Oslo")


def calendar(items: list[Item], *, name: str, base_url: str) -> bytes:
    import icalendar  # loaded here, for a calendar: every workflows command imports this

    cal = icalendar.Calendar()
    cal.add("prodid", "-//samvirke//årshjul//NN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/Oslo")
    stamp = timezone.now().replace(microsecond=0)
    for item in items:
        day = item.last_day
        event = icalendar.Event()
        event.add("uid", f"{item.uid}@samvirke")
        event.add("dtstamp", stamp)
        parsed = partial_date.parse(item.when)
        if item.time and parsed.first == parsed.last:
            # a meeting with a known start: a timed event in Norwegian time (no end is known)
            hour, minute = (int(part) for part in item.time.split(":"))
            event.add("dtstart", dt.datetime.combine(day, dt.time(hour, minute), tzinfo=OSLO))
        else:
            event.add("dtstart", day)
            event.add("dtend", day + dt.timedelta(days=1))
        event.add("summary", (_("Done: ") if item.done else "") + item.title)
        event.add("description", _description(item))
        event.add("url", base_url + item.url)
        event.add("categories", [item.kind])
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return cal.to_ical()


def _description(item: Item) -> str:
    lines = [item.context] if item.context else []
    parsed = partial_date.parse(item.when)
    if parsed.first != parsed.last:
        lines.append(_("Due by %(when)s (the register holds no exact day).") % {"when": item.when})
    if item.responsible:
        lines.append(_("Responsible: %s") % item.responsible)
    return "\n".join(lines)
