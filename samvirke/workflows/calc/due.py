"""Due dates as precise as the register holds them. Pure Python; no Django.

A due date may be a day, a month or a range (see lib.partial_date). Something is overdue
once the last day it could mean has passed, due this month or this quarter when that day
falls within them, and later otherwise.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from samvirke.lib import partial_date

OVERDUE, THIS_MONTH, THIS_QUARTER, LATER = "overdue", "this_month", "this_quarter", "later"


@dataclass(frozen=True)
class Due:
    when: str  # the partial date
    bucket: str  # overdue, this_month, this_quarter or later
    last_day: dt.date


def classify(when: str, today: dt.date) -> Due:
    """Where a due date stands on ``today`` (a date in Europe/Oslo)."""
    last = partial_date.parse(when).last
    quarter_end_month = ((today.month - 1) // 3 + 1) * 3
    end_of_quarter = partial_date.parse(f"{today.year}-{quarter_end_month:02d}").last
    end_of_month = partial_date.parse(f"{today.year}-{today.month:02d}").last
    if last < today:
        bucket = OVERDUE
    elif last <= end_of_month:
        bucket = THIS_MONTH
    elif last <= end_of_quarter:
        bucket = THIS_QUARTER
    else:
        bucket = LATER
    return Due(when, bucket, last)


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", text.lower()) if len(w) >= 4 and not w.isdigit()}


def same_duty(first: str, second: str, *, share: float = 0.6) -> bool:
    """Two descriptions of one duty: most significant words of the shorter are in the other."""
    a, b = _words(first), _words(second)
    shorter = min(a, b, key=len)
    return bool(shorter) and len(a & b) >= share * len(shorter)
