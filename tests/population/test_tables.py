import pytest
from hypothesis import given
from hypothesis import strategies as st

from samvirke.population.calc.tables import column_totals, percent_change, previous_year

SEED_GROWTH = [
    [-11, -3, 0, -5, -7, -19, 13],
    [7, 36, 122, 37, -82, 88, 13],
    [21, -7, 13, 10, 19, -4, 5],
    [9, 15, -1, -1, 9, 13, 14],
    [-14, -7, 5, 10, -6, 37, -2],
    [23, 5, 6, 1, 30, 3, 12],
]


def test_it_sums_the_seed_growth_table():
    # The deck prints 44 for 2025K3: its Årdal cell (37) disagrees with its own sum and with
    # Årdal's year-end populations, which both imply -37. The rows as given sum to 118.
    assert column_totals(SEED_GROWTH) == [35, 39, 145, 52, -37, 118, 55]


def test_a_missing_cell_leaves_its_column_without_total():
    assert column_totals([[1, None], [2, 3]]) == [3, None]


def test_no_rows_give_no_totals():
    assert column_totals([]) == []


@given(
    st.integers(1, 6).flatmap(
        lambda width: st.lists(
            st.lists(
                st.one_of(st.none(), st.integers(-(10**6), 10**6)), min_size=width, max_size=width
            ),
            min_size=1,
            max_size=20,
        )
    )
)
def test_totals_are_column_sums_or_none(rows):
    totals = column_totals(rows)
    for index, total in enumerate(totals):
        column = [row[index] for row in rows]
        if None in column:
            assert total is None
        else:
            assert total == sum(column)


@pytest.mark.parametrize(
    ("period", "before"), [("2025K4", "2024K4"), ("2025", "2024"), ("2000K1", "1999K1")]
)
def test_previous_year(period, before):
    assert previous_year(period) == before


def test_percent_change():
    assert percent_change(29715, 29829) == pytest.approx(0.3836, abs=1e-4)
    assert percent_change(0, 5) is None
