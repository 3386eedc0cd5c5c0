import pytest
from hypothesis import given
from hypothesis import strategies as st

from samvirke.population.calc.forecast import (
    ForecastError,
    answer_target,
    backtest,
    fit,
    forecast,
)
from samvirke.population.calc.periods import next_quarter

SOGN = list(
    zip(
        "2024K2 2024K3 2024K4 2025K1 2025K2 2025K3 2025K4".split(),
        [35, 39, 145, 52, -37, 118, 55],
        strict=True,
    )
)


def series(values, start="2020K1"):
    periods, period = [], start
    for _ in values:
        periods.append(period)
        period = next_quarter(period)
    return list(zip(periods, values, strict=True))


def test_it_answers_the_sogn_question():
    model = fit(SOGN)
    answer = answer_target(model, "2025K4", 29829, 30000, 2027)
    assert answer.expected == "2026K4"
    assert (answer.earliest, answer.latest) == ("2026K2", "2027K4")
    assert 0.9 < answer.probability_by < 0.97


def test_steady_growth_is_forecast_exactly_with_no_spread():
    model = fit(series([10] * 12))
    points = forecast(model, "2022K4", 1000, 4)
    assert [round(p.mean) for p in points] == [1010, 1020, 1030, 1040]
    assert all(p.sd == 0 for p in points)


def test_a_target_already_reached_is_reached_now():
    answer = answer_target(fit(SOGN), "2025K4", 29829, 29000, 2026)
    assert answer.expected == "2025K4" and answer.probability_by > 0.99


def test_too_little_or_broken_history_is_refused():
    with pytest.raises(ForecastError, match="too_short"):
        fit(SOGN[:2])
    with pytest.raises(ForecastError, match="gap"):
        fit([SOGN[0], SOGN[2], SOGN[3]])


def test_backtest_on_the_sogn_series_reports_the_baselines():
    result = backtest(SOGN, max_horizon=3)
    assert result.origins == 3 and result.horizons == (1, 2, 3)
    assert len(result.model_mae) == len(result.last_value_mae) == len(result.mean_growth_mae) == 3
    # On this short series the method beats "no growth" at every horizon.
    assert all(m < n for m, n in zip(result.model_mae, result.last_value_mae, strict=True))


def test_backtest_on_seasonal_history_beats_both_baselines():
    seasonal = series([5, 40, 60, -10] * 6)
    result = backtest(seasonal, max_horizon=4, min_history=8)
    assert sum(result.model_mae) < sum(result.mean_growth_mae)
    assert sum(result.model_mae) < sum(result.last_value_mae)


@given(st.lists(st.integers(-200, 200), min_size=3, max_size=40), st.integers(1, 12))
def test_intervals_widen_with_the_horizon(values, quarters):
    points = forecast(fit(series(values)), "2030K4", 10000, quarters)
    widths = [p.interval(0.8)[1] - p.interval(0.8)[0] for p in points]
    assert widths == sorted(widths)


@given(
    st.lists(st.integers(-200, 200), min_size=3, max_size=40),
    st.integers(9000, 11000),
    st.integers(9000, 11000),
)
def test_a_higher_target_is_never_more_likely(values, low, high):
    model = fit(series(values))
    low, high = min(low, high), max(low, high)
    first = answer_target(model, "2030K4", 10000, low, 2032).probability_by
    second = answer_target(model, "2030K4", 10000, high, 2032).probability_by
    assert second <= first + 1e-12
