"""Population results as plain data (for JSON in the CLI and the API)."""

from __future__ import annotations

from samvirke.population.selectors import RegionForecast


def forecast_data(result: RegionForecast) -> dict:
    answer = result.answer
    backtest = result.backtest
    return {
        "last_period": result.last_period,
        "last_population": result.last_population,
        "method": "shrunk seasonal drift (docs/population.md)",
        "history": [{"period": p, "growth": g} for p, g in result.history],
        "forecast": [
            {
                "period": p.period,
                "mean": round(p.mean, 1),
                "low80": round(p.interval(0.8)[0], 1),
                "high80": round(p.interval(0.8)[1], 1),
                "low95": round(p.interval(0.95)[0], 1),
                "high95": round(p.interval(0.95)[1], 1),
            }
            for p in result.points
        ],
        "target": None
        if answer is None
        else {
            "target": answer.target,
            "by": answer.by_period,
            "probability": round(answer.probability_by, 4),
            "expected": answer.expected,
            "earliest": answer.earliest,
            "latest": answer.latest,
        },
        "backtest": None
        if backtest is None
        else {
            "origins": backtest.origins,
            "horizons": list(backtest.horizons),
            "mae_model": [round(x, 1) for x in backtest.model_mae],
            "mae_last_value": [round(x, 1) for x in backtest.last_value_mae],
            "mae_mean_growth": [round(x, 1) for x in backtest.mean_growth_mae],
            "coverage_80": round(backtest.coverage_80, 3),
        },
        "ssb_projection": [{"year": p, "population": v} for p, v in result.projection],
        "corrections_used": [
            {
                "municipality": c.municipality.number,
                "period": c.period,
                "measure": c.measure,
                "source_value": c.source_value,
                "value": c.value,
            }
            for c in result.corrections
        ],
    }


def municipality_forecast_data(forecasts: list) -> list[dict]:
    return [
        {
            "municipality": f.municipality.number,
            "name": f.municipality.name,
            "last_period": f.last_period,
            "last_population": f.last_population,
            "forecast": [
                {
                    "period": p.period,
                    "mean": round(p.mean, 1),
                    "low80": round(p.interval(0.8)[0], 1),
                    "high80": round(p.interval(0.8)[1], 1),
                }
                for p in f.points
            ],
        }
        for f in forecasts
    ]
