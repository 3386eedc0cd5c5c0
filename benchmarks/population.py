"""Time the consistency checks and the forecast on a national-size dataset.

357 municipalities × 30 years of quarters (120 quarters) × all 11 measures of SSB table
01222, synthetic but consistent with SSB's identities, with one wrong cell planted.
Run: .venv/bin/python benchmarks/population.py   (no database needed)
"""

from __future__ import annotations

import random
import time

from samvirke.population.calc import checks, forecast
from samvirke.population.calc.periods import next_quarter

MUNICIPALITIES = 357
QUARTERS = 120


def national_dataset(seed: int = 1) -> dict[checks.CellKey, int]:
    rng = random.Random(seed)
    values: dict[checks.CellKey, int] = {}
    for m in range(MUNICIPALITIES):
        number = str(3000 + m)
        level = rng.randint(200, 60000)
        period = "1996K1"
        for _ in range(QUARTERS):
            births, deaths = rng.randint(0, 200), rng.randint(0, 200)
            immigration, emigration = rng.randint(0, 150), rng.randint(0, 100)
            in_moves, out_moves = rng.randint(0, 400), rng.randint(0, 400)
            net = immigration - emigration + in_moves - out_moves
            growth = births - deaths + net
            row = {
                "population_start": level,
                "births": births,
                "deaths": deaths,
                "birth_surplus": births - deaths,
                "immigration": immigration,
                "emigration": emigration,
                "in_moves": in_moves,
                "out_moves": out_moves,
                "net_migration": net,
                "growth": growth,
                "population_end": level + growth,
            }
            for measure, value in row.items():
                values[(number, period, measure)] = value
            level += growth
            period = next_quarter(period)
    values[("3100", "2010K3", "growth")] += 7  # the planted error
    return values


def main() -> None:
    values = national_dataset()
    print(f"{len(values):,} figures: {MUNICIPALITIES} municipalities × {QUARTERS} quarters")

    start = time.perf_counter()
    found = checks.check(values)
    elapsed_checks = time.perf_counter() - start
    errors = checks.errors(found)
    print(
        f"checks:   {elapsed_checks:.2f} s, {len(errors)} errors, "
        f"{len(found) - len(errors)} warnings; fix named: "
        f"{sorted({(f.fix, f.fix_value) for f in errors if f.fix})}"
    )

    start = time.perf_counter()
    region: dict[str, int] = {}
    for (_number, period, measure), value in values.items():
        if measure == "growth":
            region[period] = region.get(period, 0) + value
    history = sorted(region.items())
    per_municipality = 0
    for m in range(MUNICIPALITIES):
        number = str(3000 + m)
        series = [(p, values[(number, p, "growth")]) for p, _ in history]
        forecast.forecast(forecast.fit(series), history[-1][0], 0, 8)
        per_municipality += 1
    model = forecast.fit(history)
    forecast.answer_target(model, history[-1][0], 5_000_000, 5_100_000, 2030)
    forecast.backtest(history)
    elapsed_forecast = time.perf_counter() - start
    print(
        f"forecast: {elapsed_forecast:.2f} s ({per_municipality} municipalities and the "
        f"region, 8 quarters ahead, with the region's backtest)"
    )
    print(f"total:    {elapsed_checks + elapsed_forecast:.2f} s (target: under 5 s)")


if __name__ == "__main__":
    main()
