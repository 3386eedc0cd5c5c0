"""Dates as precise as the source states them: a day, a month, a year or a range.

The seed says "desember 2025", "november-desember 2025" and "9. desember 2025";
storing all three as one exact day would invent a precision the source lacks.
A partial date is kept as ISO-like text: ``2025``, ``2025-12``, ``2025-12-09``,
or two of those joined by ``/`` for a range (``2025-11/2025-12``).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

_PART = r"\d{4}(?:-\d{2}(?:-\d{2})?)?"
_PATTERN = re.compile(rf"^({_PART})(?:/({_PART}))?$")


class PartialDateError(ValueError):
    """The text is not a partial date."""


@dataclass(frozen=True)
class PartialDate:
    text: str
    first: date
    last: date
    precision: str  # "day", "month" or "year" (of the first part)
    is_range: bool

    def contains(self, day: date) -> bool:
        return self.first <= day <= self.last


def _bounds(part: str) -> tuple[date, date, str]:
    pieces = [int(p) for p in part.split("-")]
    try:
        if len(pieces) == 3:
            day = date(*pieces)
            return day, day, "day"
        if len(pieces) == 2:
            year, month = pieces
            last_day = calendar.monthrange(year, month)[1]
            return date(year, month, 1), date(year, month, last_day), "month"
    except (ValueError, calendar.IllegalMonthError) as exc:
        raise PartialDateError(f"{part!r} is not a real date") from exc
    return date(pieces[0], 1, 1), date(pieces[0], 12, 31), "year"


def parse(text: str) -> PartialDate:
    """Parse ``2025``, ``2025-12``, ``2025-12-09`` or a range ``A/B`` of those."""
    match = _PATTERN.match(text.strip()) if isinstance(text, str) else None
    if match is None:
        raise PartialDateError(
            f"{text!r} is not a date of the form YYYY, YYYY-MM, YYYY-MM-DD or A/B"
        )
    first, _, precision = _bounds(match.group(1))
    last = _bounds(match.group(2))[1] if match.group(2) else _bounds(match.group(1))[1]
    if last < first:
        raise PartialDateError(f"{text!r} ends before it starts")
    return PartialDate(text.strip(), first, last, precision, match.group(2) is not None)


def describe(value: PartialDate, month_names: dict[int, str]) -> str:
    """Human text such as "9. desember 2025", "november–desember 2025" or "2025"."""
    if not value.is_range:
        return _describe_part(value.first, value.precision, month_names)
    end_text = value.text.split("/")[1]
    end_precision = {1: "year", 2: "month", 3: "day"}[len(end_text.split("-"))]
    start = _describe_part(value.first, value.precision, month_names)
    end = _describe_part(value.last, end_precision, month_names)
    if value.precision == end_precision == "month" and value.first.year == value.last.year:
        start = month_names[value.first.month]
    return f"{start}–{end}"


def _describe_part(day: date, precision: str, month_names: dict[int, str]) -> str:
    if precision == "day":
        return f"{day.day}. {month_names[day.month]} {day.year}"
    if precision == "month":
        return f"{month_names[day.month]} {day.year}"
    return str(day.year)
