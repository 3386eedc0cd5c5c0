"""Quarterly population forecasts with prediction intervals. Pure Python; no Django.

Method ("shrunk seasonal drift"), documented in docs/population.md:
the population grows each quarter by the mean quarterly growth of the history, plus a
seasonal effect for that quarter of the year, shrunk towards zero by k = 2 pseudo-
observations (with one or two years of history the effect is mostly ignored). The
forecast error of h quarters ahead has variance h·σ² + h²·σ²/n (the quarters' own noise
plus the uncertainty of the mean), σ² from the residuals; intervals are normal.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import NormalDist

from samvirke.population.calc.periods import next_quarter, quarter_index

SHRINKAGE = 2.0
MIN_HISTORY = 3


class ForecastError(ValueError):
    """Too little or broken history to forecast; ``code`` says which."""

    def __init__(self, code: str, **params: object):
        self.code = code
        self.params = params
        super().__init__(f"{code}: {params}")


@dataclass(frozen=True)
class Model:
    mean: float  # persons per quarter
    seasonal: tuple[float, float, float, float]  # effect for K1..K4
    sigma: float  # residual standard deviation, persons per quarter
    n: int  # quarters of history

    def growth(self, period: str) -> float:
        return self.mean + self.seasonal[quarter_index(period) % 4]


@dataclass(frozen=True)
class Point:
    period: str
    mean: float
    sd: float

    def interval(self, level: float) -> tuple[float, float]:
        z = NormalDist().inv_cdf(0.5 + level / 2)
        return self.mean - z * self.sd, self.mean + z * self.sd

    def probability_at_least(self, target: float) -> float:
        if self.sd == 0:
            return 1.0 if self.mean >= target else 0.0
        return 1 - NormalDist(self.mean, self.sd).cdf(target)


def fit(growth: Sequence[tuple[str, int]]) -> Model:
    """Fit the model to consecutive quarterly growth figures (period, persons)."""
    _check_consecutive(growth)
    if len(growth) < MIN_HISTORY:
        raise ForecastError("too_short", needed=MIN_HISTORY, got=len(growth))
    values = [g for _, g in growth]
    mean = sum(values) / len(values)
    deviations: list[list[float]] = [[], [], [], []]
    for period, value in growth:
        deviations[quarter_index(period) % 4].append(value - mean)
    seasonal = tuple(sum(d) / (len(d) + SHRINKAGE) for d in deviations)
    residuals = [v - mean - seasonal[quarter_index(p) % 4] for p, v in growth]
    sigma = math.sqrt(sum(r * r for r in residuals) / max(len(residuals) - 1, 1))
    return Model(mean, seasonal, sigma, len(values))  # type: ignore[arg-type]


def forecast(model: Model, last_period: str, last_population: float, quarters: int) -> list[Point]:
    """Population at the end of each of the next ``quarters`` quarters."""
    points, level, period = [], float(last_population), last_period
    for h in range(1, quarters + 1):
        period = next_quarter(period)
        level += model.growth(period)
        variance = h * model.sigma**2 + h * h * model.sigma**2 / model.n
        points.append(Point(period, level, math.sqrt(variance)))
    return points


@dataclass(frozen=True)
class TargetAnswer:
    target: float
    by_period: str
    probability_by: float  # of having reached the target at the end of by_period
    expected: str | None  # first quarter whose mean reaches the target
    earliest: str | None  # first quarter whose upper 80 % bound reaches it
    latest: str | None  # first quarter whose lower 80 % bound reaches it
    at_by: Point


MAX_QUARTERS_AHEAD = 400  # a hundred years: beyond that the answer means nothing


def answer_target(
    model: Model,
    last_period: str,
    last_population: float,
    target: float,
    by_year: int,
    horizon: int = 60,
) -> TargetAnswer:
    """When is the population expected to reach ``target``, and how likely by end of year?"""
    if not 1000 <= by_year <= 9999:
        raise ForecastError(f"{by_year} is not a year")
    by_period = f"{by_year}K4"
    needed = quarter_index(by_period) - quarter_index(last_period)
    if needed > MAX_QUARTERS_AHEAD:
        raise ForecastError(f"{by_year} is more than {MAX_QUARTERS_AHEAD // 4} years ahead")
    points = forecast(model, last_period, last_population, max(horizon, needed, 1))

    def first(test) -> str | None:
        if last_population >= target:
            return last_period
        return next((p.period for p in points if test(p)), None)

    if needed <= 0:
        at_by = Point(last_period, float(last_population), 0.0)
    else:
        at_by = points[needed - 1]
    return TargetAnswer(
        target=target,
        by_period=by_period,
        probability_by=at_by.probability_at_least(target),
        expected=first(lambda p: p.mean >= target),
        earliest=first(lambda p: p.interval(0.8)[1] >= target),
        latest=first(lambda p: p.interval(0.8)[0] >= target),
        at_by=at_by,
    )


@dataclass(frozen=True)
class Backtest:
    horizons: tuple[int, ...]
    model_mae: tuple[float, ...]  # mean absolute error of the population, per horizon
    last_value_mae: tuple[float, ...]  # naive: no growth
    mean_growth_mae: tuple[float, ...]  # naive: the mean growth so far
    coverage_80: float  # share of actual values inside the model's 80 % interval
    origins: int


def backtest(
    growth: Sequence[tuple[str, int]], max_horizon: int = 4, min_history: int = MIN_HISTORY + 1
) -> Backtest:
    """Rolling-origin evaluation on cumulative growth (= population error at each horizon)."""
    _check_consecutive(growth)
    errors: dict[str, dict[int, list[float]]] = {"model": {}, "last": {}, "mean": {}}
    inside, counted, origins = 0, 0, 0
    for origin in range(min_history, len(growth)):
        history, future = growth[:origin], growth[origin : origin + max_horizon]
        model = fit(history)
        origins += 1
        points = forecast(model, history[-1][0], 0.0, len(future))
        mean_growth = sum(g for _, g in history) / len(history)
        actual = 0.0
        for h, ((_, value), point) in enumerate(zip(future, points, strict=True), 1):
            actual += value
            errors["model"].setdefault(h, []).append(abs(point.mean - actual))
            errors["last"].setdefault(h, []).append(abs(actual))
            errors["mean"].setdefault(h, []).append(abs(mean_growth * h - actual))
            low, high = point.interval(0.8)
            inside += low <= actual <= high
            counted += 1
    if not counted:
        raise ForecastError("too_short", needed=min_history + 1, got=len(growth))
    horizons = tuple(sorted(errors["model"]))

    def mae(name: str) -> tuple[float, ...]:
        return tuple(sum(errors[name][h]) / len(errors[name][h]) for h in horizons)

    return Backtest(horizons, mae("model"), mae("last"), mae("mean"), inside / counted, origins)


def _check_consecutive(growth: Sequence[tuple[str, int]]) -> None:
    for (before, _), (after, _) in zip(growth, growth[1:], strict=False):
        if quarter_index(after) != quarter_index(before) + 1:
            raise ForecastError("gap", before=before, after=after)
