"""Age groups and measures, against a hand computation and as properties."""

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samvirke.population.calc import ages

# A made-up municipality of 200: 10 persons at each of ages 0, 10, 18, 30, 50, 66, 67, 75,
# 85, 95 (100), and 100 more at age 40.
COUNTS = {age: 10 for age in (0, 10, 18, 30, 50, 66, 67, 75, 85, 95)} | {40: 100}


def test_groups_by_hand():
    assert ages.grouped(COUNTS) == {
        "0–5": 10,
        "6–15": 10,
        "16–19": 10,
        "20–66": 130,  # 30, 40 (100), 50, 66
        "67–79": 20,
        "80–89": 10,
        "90+": 10,
    }


def test_measures_by_hand():
    m = ages.measures(COUNTS)
    assert (m.total, m.aged_67_plus, m.aged_80_plus, m.working_age, m.young) == (
        200,
        40,
        20,
        130,
        30,
    )
    assert m.share_67_plus == Fraction(1, 5)
    assert m.share_80_plus == Fraction(1, 10)
    # forsørgjarbrøk: (0–19 + 67+) / 20–66 = (30 + 40) / 130
    assert m.dependency_ratio == Fraction(70, 130)


def test_one_in_n_only_when_close():
    assert ages.one_in(Fraction(1, 3)) == 3
    assert ages.one_in(Fraction(335, 1000)) == 3  # 33,5 %: within a point of a third
    assert ages.one_in(Fraction(30, 100)) is None  # 30 %: not "every third"
    assert ages.one_in(Fraction(1, 2)) == 2
    assert ages.one_in(Fraction(1, 20)) is None  # "one in twenty" is not said


def test_region_is_the_sum_of_its_members():
    assert ages.combined([{0: 1, 67: 2}, {0: 3, 80: 4}]) == {0: 4, 67: 2, 80: 4}


def test_the_age_total_check_names_area_and_year():
    found = ages.check_totals({("4639", "2026"): 2600}, {("4639", "2026"): 2606})
    assert [(f.area, f.year, f.expected, f.found) for f in found] == [("4639", "2026", 2606, 2600)]
    assert ages.check_totals({("4639", "2026"): 2606}, {("4639", "2026"): 2606}) == []


def test_a_projection_must_start_from_the_registered_figure():
    registered = {("4639", "2024"): 2620, ("4639", "2025"): 2610}
    assert ages.check_projection_start(registered, {("4639", "2024"): 2620}) == []
    wrong = ages.check_projection_start(registered, {("4639", "2024"): 2700})
    assert [(f.severity, f.expected, f.found) for f in wrong] == [("error", 2620, 2700)]
    gap = ages.check_projection_start(registered, {("4639", "2030"): 2500})
    assert [(f.severity, f.detail) for f in gap] == [("warning", "2025")]


@pytest.mark.parametrize(
    "counts", [{}, {30: 0}, {70: 5}, {-1: 3, 30: 1}, {106: 1, 30: 1}, {30: -1}]
)
def test_counts_that_cannot_be_measured_are_refused(counts):
    with pytest.raises(ages.AgeError):
        ages.measures(counts)


counts_strategy = st.dictionaries(
    st.integers(0, ages.OLDEST), st.integers(0, 5000), min_size=1
).filter(lambda c: ages.between(c, 20, 66) > 0)


@given(counts_strategy)
def test_groups_add_up_to_the_total(counts):
    assert sum(ages.grouped(counts).values()) == sum(counts.values())
    assert sum(ages.grouped(counts, ages.PYRAMID_BANDS).values()) == sum(counts.values())


@given(counts_strategy)
def test_shares_are_ordered_and_the_ratio_matches_its_parts(counts):
    m = ages.measures(counts)
    assert 0 <= m.share_80_plus <= m.share_67_plus <= 1
    assert m.young + m.working_age + m.aged_67_plus == m.total
    assert m.dependency_ratio == Fraction(m.total - m.working_age, m.working_age)


@given(st.lists(counts_strategy, min_size=1, max_size=6))
def test_a_regions_measures_come_from_its_summed_counts(members):
    region = ages.measures(ages.combined(members))
    assert region.total == sum(ages.measures(c).total for c in members)
    assert region.aged_67_plus == sum(ages.measures(c).aged_67_plus for c in members)
