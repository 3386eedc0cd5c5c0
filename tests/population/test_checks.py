"""Each check is broken by a case that breaks exactly it; a single wrong cell is pinpointed."""

import pytest

from samvirke.population.calc.checks import check, errors

QUARTER = {
    "population_start": 1000,
    "births": 5,
    "deaths": 3,
    "birth_surplus": 2,
    "immigration": 4,
    "emigration": 1,
    "in_moves": 20,
    "out_moves": 15,
    "net_migration": 8,
    "growth": 10,
    "population_end": 1010,
}


def sound():
    values = {("4639", "2025K1", m): v for m, v in QUARTER.items()}
    values.update(
        {
            ("4639", "2025K2", "population_start"): 1010,
            ("4639", "2025K2", "growth"): 0,
            ("4639", "2025K2", "population_end"): 1010,
        }
    )
    return values


def test_a_sound_series_has_no_findings():
    assert check(sound()) == []


@pytest.mark.parametrize(
    ("measure", "period", "broken"),
    [
        ("deaths", "2025K1", {"birth_surplus"}),
        ("emigration", "2025K1", {"migration_components"}),
        ("birth_surplus", "2025K1", {"birth_surplus", "growth_components"}),
    ],
)
def test_each_identity_is_checked(measure, period, broken):
    values = sound()
    values[("4639", period, measure)] += 1
    assert {f.check for f in errors(check(values))} == broken


def test_start_plus_growth_must_be_end():
    values = sound()
    del values[("4639", "2025K1", "births")]  # isolate population_balance from the others
    values[("4639", "2025K2", "growth")] = 5
    found = errors(check(values))
    assert [f.check for f in found] == ["population_balance"]


def test_end_of_a_quarter_is_start_of_the_next():
    values = sound()
    values[("4639", "2025K2", "population_start")] = 1011
    values[("4639", "2025K2", "population_end")] = 1011
    assert [f.check for f in errors(check(values))] == ["continuity"]


def test_change_in_population_is_the_growth_in_between():
    values = {
        ("4639", "2024K4", "population_end"): 100,
        ("4639", "2025K4", "population_end"): 110,
        **{("4639", f"2025K{q}", "growth"): 3 for q in range(1, 5)},
    }
    [finding] = errors(check(values))
    assert (finding.check, finding.difference) == ("growth_between_ends", -2)
    assert finding.fix is None  # any of six cells could explain one identity: none is named


def test_a_given_sum_must_be_the_sum_of_the_rows():
    values = {("4639", "2025K1", "growth"): 3, ("4640", "2025K1", "growth"): 4}
    [finding] = errors(check(values, {("2025K1", "growth"): 8}))
    assert (finding.check, finding.difference) == ("given_total", -1)


def test_the_seed_error_is_pinpointed_with_its_corrected_value(seed_tables):
    values, totals = seed_tables
    found = errors(check(values, totals))
    assert {f.check for f in found} == {"growth_between_ends", "given_total"}
    assert {(f.fix, f.fix_value) for f in found} == {(("4643", "2025K3", "growth"), -37)}


def test_a_wrong_sum_row_is_itself_pinpointed(seed_tables):
    values, totals = seed_tables
    values[("4643", "2025K3", "growth")] = -37  # the corrected figure
    totals[("2025K1", "growth")] = 25  # a typo in the Sum row instead (52)
    [finding] = errors(check(values, totals))
    # Changing a municipality's cell would break its sound year-change identity; only the
    # Sum cell can restore this one without breaking another.
    assert (finding.fix, finding.fix_value) == (("Sum", "2025K1", "growth"), 52)


def test_no_cell_is_named_where_several_could_explain_it(seed_tables):
    values, totals = seed_tables
    values[("4643", "2025K3", "growth")] = -37
    totals[("2024K3", "growth")] = 93  # 2024K1 growth is unknown: no year identity to tell
    [finding] = errors(check(values, totals))
    assert finding.fix is None


def test_a_quarter_far_outside_the_history_is_a_warning():
    values = {
        ("4639", f"{y}K{q}", "growth"): 10 + (q % 2) for y in (2023, 2024) for q in range(1, 5)
    }
    values[("4639", "2025K1", "growth")] = 400
    [finding] = check(values)
    assert (finding.check, finding.severity) == ("outlier", "warning")
    assert finding.cells == ((("4639", "2025K1", "growth"), 400),)
