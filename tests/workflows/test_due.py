import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samvirke.workflows.calc.due import LATER, OVERDUE, THIS_MONTH, THIS_QUARTER, classify

TODAY = dt.date(2026, 11, 27)


@pytest.mark.parametrize(
    ("when", "bucket"),
    [
        ("2026-11-26", OVERDUE),
        ("2026-10", OVERDUE),
        ("2026-11-27", THIS_MONTH),
        ("2026-11", THIS_MONTH),
        ("2026-12-31", THIS_QUARTER),
        ("2026-12", THIS_QUARTER),
        ("2027-01-01", LATER),
        ("2026-11/2027-02", LATER),
        ("2026", THIS_QUARTER),
    ],
)
def test_due_dates_are_classified_by_their_last_possible_day(when, bucket):
    assert classify(when, TODAY).bucket == bucket


@given(
    st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31)), st.integers(-400, 400)
)
def test_a_later_due_date_is_never_more_urgent(today, offset):
    order = [OVERDUE, THIS_MONTH, THIS_QUARTER, LATER]
    first = classify(today.isoformat(), today)
    later = classify((today + dt.timedelta(days=abs(offset))).isoformat(), today)
    assert order.index(later.bucket) >= order.index(first.bucket)
    assert first.bucket == THIS_MONTH


def test_the_same_duty_in_two_wordings_is_recognised():
    from samvirke.workflows.calc.due import same_duty

    assert same_duty(
        "Rapport og tilråding til styremøte i Sogn KO",
        "Styringsgruppa ferdigstiller rapport og tilråding til styremøte i Sogn KO 7. april",
    )
    assert same_duty("Endeleg vedtak i Sogn KO", "Endeleg vedtak i Sogn KO i april 2026")
    assert not same_duty("Etablering frå 1.1.2027", "Rapport og tilråding til styremøte")
    assert not same_duty("", "Rapport")
