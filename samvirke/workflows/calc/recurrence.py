"""Recurring duties: the due dates of a duty that repeats. Pure Python; no Django.

A duty's first due date is a partial date of day or month precision ("2026-06-15" or
"2026-06": by the end of June). Later occurrences keep that precision and move by whole
months; a day that a shorter month lacks becomes that month's last day (31 January
monthly → 28/29 February → 31 March), so no occurrence is skipped or doubled.
"""

from __future__ import annotations

import calendar
import datetime as dt

from samvirke.lib import partial_date

ONCE, MONTHLY, QUARTERLY, YEARLY = "ein_gong", "manadleg", "kvartalsvis", "arleg"
STEP_MONTHS = {MONTHLY: 1, QUARTERLY: 3, YEARLY: 12}


class RecurrenceError(ValueError):
    """A first due date or frequency that cannot recur; the text says why."""


def occurrences(
    first: str, frequency: str, *, until: str = "", start: dt.date, end: dt.date
) -> list[str]:
    """The due dates (as partial dates) whose last day falls within [start, end]."""
    parsed = validate(first, frequency)
    if frequency == ONCE:
        return [first] if start <= parsed.last <= end else []
    stop = min(end, partial_date.parse(until).last) if until else end
    found: list[str] = []
    n = 0
    while True:
        text = _shift(parsed, STEP_MONTHS[frequency] * n)
        last = partial_date.parse(text).last
        if last > stop:
            return found
        if last >= start:
            found.append(text)
        n += 1


def validate(first: str, frequency: str) -> partial_date.PartialDate:
    """The parsed first due date, or RecurrenceError saying why it cannot recur."""
    try:
        parsed = partial_date.parse(first)
    except partial_date.PartialDateError as exc:
        raise RecurrenceError(str(exc)) from exc
    if frequency != ONCE and frequency not in STEP_MONTHS:
        raise RecurrenceError(f"unknown frequency {frequency!r}")
    if frequency != ONCE and (parsed.is_range or parsed.precision == "year"):
        raise RecurrenceError(
            f"{first!r}: a recurring duty needs a first due day or month, not a year or range"
        )
    return parsed


def _shift(first: partial_date.PartialDate, months: int) -> str:
    index = first.first.year * 12 + first.first.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    if first.precision == "month":
        return f"{year:04d}-{month:02d}"
    day = min(first.first.day, calendar.monthrange(year, month)[1])
    return f"{year:04d}-{month:02d}-{day:02d}"
