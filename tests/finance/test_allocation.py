"""The allocation arithmetic, tested directly and with generated inputs."""

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from samvirke.finance.calc.allocation import (
    EQUAL,
    AllocationError,
    Component,
    Participant,
    allocate,
    compare,
    parse_key,
    year_fraction,
)

SOGN_2025K4 = {"4639": 2532, "4640": 12552, "4641": 1866, "4642": 2223, "4643": 5178, "4644": 5478}
NAMES = {
    "4639": "Vik",
    "4640": "Sogndal",
    "4641": "Aurland",
    "4642": "Lærdal",
    "4643": "Årdal",
    "4644": "Luster",
}


def key_25_75(values):
    return [
        Component(EQUAL, Fraction(1, 4), "25 % likt"),
        Component("population", Fraction(3, 4), "75 % folketal", values),
    ]


def sogn():
    return [Participant(n, NAMES[n]) for n in SOGN_2025K4]


def test_25_75_on_sogn_2025k4():
    result = allocate(Decimal(1_000_000), sogn(), key_25_75(SOGN_2025K4))
    amounts = {line.participant.name: line.amount for line in result.lines}
    # 250 000 / 6 each, plus 750 000 × population / 29 829. Exact: Vik 105 329.545,
    # Sogndal 357 265.580, Aurland 88 584.096, Lærdal 97 560.260, Årdal 171 858.762,
    # Luster 179 401.757; the floors leave 3 kroner for the three largest remainders.
    assert amounts == {
        "Vik": Decimal(105329),
        "Sogndal": Decimal(357266),
        "Aurland": Decimal(88584),
        "Lærdal": Decimal(97560),
        "Årdal": Decimal(171859),
        "Luster": Decimal(179402),
    }
    assert result.total == Decimal(1_000_000)
    vik = result.lines[0]
    assert vik.exact == Fraction(250_000, 6) + Fraction(750_000 * 2532, 29829)


def test_rounding_ties_go_to_the_lowest_municipality_number():
    people = [
        Participant("4641", "Aurland"),
        Participant("4639", "Vik"),
        Participant("4640", "Sogndal"),
    ]
    result = allocate(Decimal(100), people, [Component(EQUAL, Fraction(1), "likt")])
    assert [(line.participant.number, line.amount) for line in result.lines] == [
        ("4639", Decimal(34)),
        ("4640", Decimal(33)),
        ("4641", Decimal(33)),
    ]


def test_a_budget_with_ore_is_shared_in_ore():
    result = allocate(Decimal("100.01"), sogn()[:3], [Component(EQUAL, Fraction(1), "likt")])
    assert result.total == Decimal("100.01")
    assert {line.amount for line in result.lines} == {Decimal("33.34"), Decimal("33.33")}


@pytest.mark.parametrize(
    ("budget", "components", "code"),
    [
        (Decimal(-1), [Component(EQUAL, Fraction(1), "likt")], "budget_negative"),
        (Decimal("NaN"), [Component(EQUAL, Fraction(1), "likt")], "budget_not_number"),
        (Decimal("1.001"), [Component(EQUAL, Fraction(1), "likt")], "budget_fraction_of_ore"),
        (Decimal(1), [Component(EQUAL, Fraction(1, 2), "likt")], "weights_not_100"),
        (Decimal(1), [], "no_components"),
        (
            Decimal(1),
            [Component("population", Fraction(1), "folketal", {"4639": 1})],
            "value_missing",
        ),
        (
            Decimal(1),
            [Component("population", Fraction(1), "folketal", dict.fromkeys(NAMES, 0))],
            "component_sums_to_zero",
        ),
    ],
)
def test_bad_input_is_refused_with_a_code(budget, components, code):
    with pytest.raises(AllocationError) as failure:
        allocate(budget, sogn(), components)
    assert failure.value.code == code


def test_the_same_municipality_twice_is_refused():
    with pytest.raises(AllocationError, match="duplicate_participant"):
        allocate(Decimal(1), [Participant("4639", "Vik")] * 2, [Component(EQUAL, Fraction(1), "l")])


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("25 likt, 75 folketal", [(Fraction(1, 4), EQUAL), (Fraction(3, 4), "population")]),
        ("50 % likt, 50 % folketal", [(Fraction(1, 2), EQUAL), (Fraction(1, 2), "population")]),
        ("100 folketal", [(Fraction(1), "population")]),
        ("12,5 likt, 87,5 skogareal", [(Fraction(1, 8), EQUAL), (Fraction(7, 8), "skogareal")]),
        ("30 likt, 70 born", [(Fraction(3, 10), EQUAL), (Fraction(7, 10), "age_0_17")]),
    ],
)
def test_key_texts_are_parsed(text, parsed):
    assert parse_key(text) == parsed


@pytest.mark.parametrize("text", ["", "likt", "x likt", "25"])
def test_unreadable_key_texts_are_refused(text):
    with pytest.raises(AllocationError):
        parse_key(text)


def test_year_fraction_is_exact_at_the_years_ends():
    assert year_fraction(2026, None, None) == 1
    assert year_fraction(2026, date(2026, 1, 1), date(2026, 12, 31)) == 1
    assert year_fraction(2026, date(2025, 3, 1), date(2027, 1, 1)) == 1
    assert year_fraction(2026, date(2026, 7, 1), None) == Fraction(184, 365)
    assert year_fraction(2024, None, date(2024, 1, 1)) == Fraction(1, 366)
    assert year_fraction(2026, date(2027, 1, 1), None) == 0


def test_comparison_gives_differences_against_the_first_scenario():
    budget = Decimal(1_000_000)
    first = allocate(budget, sogn(), key_25_75(SOGN_2025K4))
    second = allocate(
        budget, sogn(), [Component("population", Fraction(1), "folketal", SOGN_2025K4)]
    )
    rows = compare([first, second])
    vik = rows[0]
    assert vik.amounts == (Decimal(105329), Decimal(84884))
    assert vik.differences == (0, Decimal(-20445))
    assert vik.percent[1] == Fraction(-20445, 105329) * 100


# --- properties ---------------------------------------------------------------------------

numbers = st.lists(st.integers(1000, 9999).map(str), min_size=1, max_size=12, unique=True)
budgets = st.one_of(
    st.integers(0, 10**10).map(Decimal), st.integers(0, 10**9).map(lambda n: Decimal(n) / 100)
)


@st.composite
def scenarios(draw):
    municipalities = draw(numbers)
    values = {n: draw(st.integers(0, 100_000)) for n in municipalities}
    assume(sum(values.values()) > 0)
    equal_weight = Fraction(draw(st.integers(0, 100)), 100)
    components = [
        Component(EQUAL, equal_weight, "likt"),
        Component("population", 1 - equal_weight, "folketal", values),
    ]
    participants = [Participant(n, n) for n in municipalities]
    return draw(budgets), participants, components


@given(scenarios())
def test_amounts_always_add_up_to_the_budget(scenario):
    budget, participants, components = scenario
    assert allocate(budget, participants, components).total == budget


@given(scenarios())
def test_every_amount_is_within_one_unit_of_its_exact_value(scenario):
    budget, participants, components = scenario
    unit = 1 if budget == budget.to_integral_value() else Fraction(1, 100)
    for line in allocate(budget, participants, components).lines:
        assert abs(Fraction(line.amount) - line.exact) < unit


@given(scenarios(), st.randoms(use_true_random=False))
def test_the_result_does_not_depend_on_the_order_of_participants(scenario, random):
    budget, participants, components = scenario
    shuffled = list(participants)
    random.shuffle(shuffled)
    assert allocate(budget, participants, components) == allocate(budget, shuffled, components)


@given(scenarios())
def test_equal_criteria_give_equal_exact_shares(scenario):
    budget, participants, components = scenario
    equalised = {n: 7 for n in components[1].values}
    components = [components[0], Component("population", components[1].weight, "f", equalised)]
    shares = {line.share for line in allocate(budget, participants, components).lines}
    assert len(shares) == 1


@given(scenarios())
def test_a_larger_population_never_gives_a_smaller_share(scenario):
    budget, participants, components = scenario
    population = components[1].values
    key = [Component("population", Fraction(1), "folketal", population)]
    lines = allocate(budget, participants, key).lines
    for a in lines:
        for b in lines:
            if population[a.participant.number] > population[b.participant.number]:
                assert a.share >= b.share and a.amount >= b.amount


@given(scenarios())
def test_a_zero_share_is_never_charged(scenario):
    budget, participants, components = scenario
    for line in allocate(budget, participants, components).lines:
        if line.share == 0:
            assert line.amount == 0


@given(scenarios(), st.integers(2000, 2100))
def test_a_full_year_counts_exactly_like_no_dates(scenario, year):
    budget, participants, components = scenario
    full = [
        Participant(p.number, p.name, year_fraction(year, date(year, 1, 1), date(year, 12, 31)))
        for p in participants
    ]
    assert allocate(budget, full, components) == allocate(budget, participants, components)
