import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samvirke.lib import partial_date

MONTHS = {
    i: name
    for i, name in enumerate(
        [
            "",
            "januar",
            "februar",
            "mars",
            "april",
            "mai",
            "juni",
            "juli",
            "august",
            "september",
            "oktober",
            "november",
            "desember",
        ]
    )
    if i
}


@pytest.mark.parametrize(
    ("text", "first", "last", "precision"),
    [
        ("2025", dt.date(2025, 1, 1), dt.date(2025, 12, 31), "year"),
        ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29), "month"),
        ("2025-12-09", dt.date(2025, 12, 9), dt.date(2025, 12, 9), "day"),
        ("2025-11/2025-12", dt.date(2025, 11, 1), dt.date(2025, 12, 31), "month"),
    ],
)
def test_it_parses_each_precision(text, first, last, precision):
    parsed = partial_date.parse(text)
    assert (parsed.first, parsed.last, parsed.precision) == (first, last, precision)


@pytest.mark.parametrize(
    "text",
    ["", "25", "2025-13", "2025-02-30", "2025-12/2025-11", "9. desember", "2025-1", "2025-12-09/"],
)
def test_it_rejects_what_is_not_a_date(text):
    with pytest.raises(partial_date.PartialDateError):
        partial_date.parse(text)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("2025-12-09", "9. desember 2025"),
        ("2025-12", "desember 2025"),
        ("2025", "2025"),
        ("2025-11/2025-12", "november–desember 2025"),
        ("2025-09/2026-01", "september 2025–januar 2026"),
    ],
)
def test_it_describes_dates_in_words(text, words):
    assert partial_date.describe(partial_date.parse(text), MONTHS) == words


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31)))
def test_every_real_day_round_trips_and_contains_itself(day):
    parsed = partial_date.parse(day.isoformat())
    assert parsed.first == parsed.last == day
    assert partial_date.parse(f"{day.year}-{day.month:02d}").contains(day)
    assert partial_date.parse(str(day.year)).contains(day)


@given(
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31)),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31)),
)
def test_a_range_is_valid_exactly_when_it_does_not_end_before_it_starts(a, b):
    text = f"{a.isoformat()}/{b.isoformat()}"
    if b < a:
        with pytest.raises(partial_date.PartialDateError):
            partial_date.parse(text)
    else:
        parsed = partial_date.parse(text)
        assert parsed.contains(a) and parsed.contains(b)


@given(st.text(max_size=30))
def test_no_text_crashes_the_parser(text):
    try:
        partial_date.parse(text)
    except partial_date.PartialDateError:
        pass
