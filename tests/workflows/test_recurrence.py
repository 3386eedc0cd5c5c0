import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samvirke.lib import partial_date
from samvirke.workflows.calc.recurrence import (
    MONTHLY,
    ONCE,
    QUARTERLY,
    YEARLY,
    RecurrenceError,
    occurrences,
)

START, END = dt.date(2026, 1, 1), dt.date(2026, 12, 31)


def test_a_monthly_duty_on_the_31st_falls_on_each_months_last_day():
    got = occurrences("2026-01-31", MONTHLY, start=START, end=dt.date(2026, 4, 30))
    assert got == ["2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30"]


def test_a_yearly_duty_due_by_a_month_keeps_month_precision():
    assert occurrences("2025-06", YEARLY, start=START, end=dt.date(2028, 12, 31)) == [
        "2026-06",
        "2027-06",
        "2028-06",
    ]


def test_quarterly_stops_at_until_and_leap_days_survive():
    got = occurrences("2024-02-29", QUARTERLY, until="2025-03", start=dt.date(2024, 1, 1), end=END)
    assert got == ["2024-02-29", "2024-05-29", "2024-08-29", "2024-11-29", "2025-02-28"]


def test_a_one_off_duty_is_due_once():
    assert occurrences("2026-04", ONCE, start=START, end=END) == ["2026-04"]
    assert occurrences("2027-04", ONCE, start=START, end=END) == []


@pytest.mark.parametrize(
    ("first", "frequency", "message"),
    [
        ("2026", YEARLY, "a first due day or month"),
        ("2026-01/2026-03", MONTHLY, "a first due day or month"),
        ("2026-02-30", YEARLY, "not a real date"),
        ("2026-01", "weekly", "unknown frequency"),
    ],
)
def test_what_cannot_recur_is_refused_with_the_reason(first, frequency, message):
    with pytest.raises(RecurrenceError, match=message):
        occurrences(first, frequency, start=START, end=END)


@given(
    first=st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31)),
    frequency=st.sampled_from([MONTHLY, QUARTERLY, YEARLY]),
    span=st.integers(0, 2000),
)
def test_occurrences_are_in_the_window_in_order_and_a_step_apart(first, frequency, span):
    start = first + dt.timedelta(days=span // 3)
    end = start + dt.timedelta(days=span)
    got = occurrences(first.isoformat(), frequency, start=start, end=end)
    days = [partial_date.parse(g).last for g in got]
    assert all(start <= d <= end for d in days)
    assert days == sorted(set(days))
    step = {MONTHLY: 1, QUARTERLY: 3, YEARLY: 12}[frequency]
    months = [d.year * 12 + d.month for d in days]
    assert all(b - a == step for a, b in zip(months, months[1:], strict=False))
    assert all(d.day == min(first.day, partial_date.parse(f"{d:%Y-%m}").last.day) for d in days)
