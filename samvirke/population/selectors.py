"""Population tables and the region's figures, derived from the municipalities' series."""

from __future__ import annotations

from dataclasses import dataclass

from samvirke.population.calc import forecast as forecast_calc
from samvirke.population.calc.periods import is_quarter, quarter_from_index, quarter_index
from samvirke.population.calc.tables import column_totals, percent_change, previous_year
from samvirke.population.models import Measure, PopulationValue
from samvirke.registry.models import Municipality, Source


@dataclass(frozen=True)
class PopulationRow:
    municipality: Municipality
    cells: list[int | None]


@dataclass(frozen=True)
class PopulationTable:
    """Figures (persons) of one measure: a row per municipality, a column per period."""

    measure: str
    measure_label: str
    periods: list[str]
    rows: list[PopulationRow]
    totals: list[int | None]
    sources: list[Source]


def population_table(municipalities: list[Municipality], measure: str) -> PopulationTable:
    values = list(
        PopulationValue.objects.filter(
            municipality__in=municipalities, measure=measure
        ).select_related("source")
    )
    periods = sorted({v.period for v in values})
    cell = {(v.municipality_id, v.period): v.value for v in values}
    rows = [PopulationRow(m, [cell.get((m.pk, p)) for p in periods]) for m in municipalities]
    sources = sorted({v.source for v in values}, key=lambda s: s.slug)
    return PopulationTable(
        measure,
        Measure(measure).label,
        periods,
        rows,
        column_totals([r.cells for r in rows]),
        sources,
    )


@dataclass(frozen=True)
class RegionFigures:
    """The region's population at the latest period all members have, and its change."""

    period: str
    population: int
    previous_period: str | None
    change: int | None
    change_percent: float | None


def region_figures(table: PopulationTable) -> RegionFigures | None:
    """The latest complete column of a population_end table, against a year before."""
    complete = {p: t for p, t in zip(table.periods, table.totals, strict=True) if t is not None}
    if not complete:
        return None
    period = max(complete)
    before = previous_year(period)
    if before not in complete:
        return RegionFigures(period, complete[period], None, None, None)
    change = complete[period] - complete[before]
    return RegionFigures(
        period, complete[period], before, change, percent_change(complete[before], complete[period])
    )


@dataclass(frozen=True)
class RegionForecast:
    """The forecast of a set of municipalities' summed population, and its evidence."""

    last_period: str
    last_population: int
    history: list[tuple[str, int]]  # quarterly growth used, persons
    model: forecast_calc.Model
    points: list[forecast_calc.Point]
    answer: forecast_calc.TargetAnswer | None
    backtest: forecast_calc.Backtest | None
    projection: list[tuple[str, int]]  # SSB's projection (year, persons), where imported


def summed_growth(municipalities: list[Municipality]) -> list[tuple[str, int]]:
    """The longest run of consecutive quarters, ending with the newest, in which every
    municipality has a growth figure; the run's summed growth per quarter."""
    rows = PopulationValue.objects.filter(
        municipality__in=municipalities, measure=Measure.GROWTH, value__isnull=False
    ).values_list("municipality_id", "period", "value")
    per_period: dict[str, dict[int, int]] = {}
    for municipality_id, period, value in rows:
        if is_quarter(period):
            per_period.setdefault(period, {})[municipality_id] = value
    complete = sorted(
        (p for p, v in per_period.items() if len(v) == len(municipalities)), key=quarter_index
    )
    run: list[str] = []
    for period in reversed(complete):
        if run and quarter_index(run[-1]) - quarter_index(period) != 1:
            break
        run.append(period)
    return [(p, sum(per_period[p].values())) for p in reversed(run)]


def region_forecast(
    municipalities: list[Municipality],
    *,
    quarters: int = 8,
    target: int | None = None,
    by_year: int | None = None,
) -> RegionForecast:
    """Forecast the summed population; raises forecast_calc.ForecastError when it cannot."""
    table = population_table(municipalities, Measure.POPULATION_END)
    ends = [
        (p, t)
        for p, t in zip(table.periods, table.totals, strict=True)
        if t is not None and is_quarter(p)
    ]
    if not ends:
        raise forecast_calc.ForecastError("no_population")
    last_period, last_population = max(ends, key=lambda e: quarter_index(e[0]))
    history = [
        (p, g)
        for p, g in summed_growth(municipalities)
        if quarter_index(p) <= quarter_index(last_period)
    ]
    model = forecast_calc.fit(history)
    answer = None
    if target is not None and by_year is not None:
        answer = forecast_calc.answer_target(model, last_period, last_population, target, by_year)
    try:
        evidence = forecast_calc.backtest(history)
    except forecast_calc.ForecastError:
        evidence = None
    projection_table = population_table(municipalities, Measure.PROJECTED)
    projection = [
        (p, t)
        for p, t in zip(projection_table.periods, projection_table.totals, strict=True)
        if t is not None
    ]
    return RegionForecast(
        last_period,
        last_population,
        history,
        model,
        forecast_calc.forecast(model, last_period, last_population, quarters),
        answer,
        evidence,
        projection,
    )


@dataclass(frozen=True)
class MunicipalityForecast:
    municipality: Municipality
    last_period: str
    last_population: int
    points: list[forecast_calc.Point]


def municipality_forecasts(
    municipalities: list[Municipality], quarters: int = 8
) -> list[MunicipalityForecast]:
    """Each municipality's own forecast, where its history allows one (in two queries)."""
    rows = PopulationValue.objects.filter(
        municipality__in=municipalities,
        value__isnull=False,
        measure__in=[Measure.GROWTH, Measure.POPULATION_END],
    ).values_list("municipality_id", "measure", "period", "value")
    growth: dict[int, dict[str, int]] = {}
    ends: dict[int, dict[str, int]] = {}
    for municipality_id, measure, period, value in rows:
        if is_quarter(period):
            target = growth if measure == Measure.GROWTH else ends
            target.setdefault(municipality_id, {})[period] = value
    result = []
    for municipality in municipalities:
        own_ends = ends.get(municipality.pk, {})
        if not own_ends:
            continue
        last_period = max(own_ends, key=quarter_index)
        history = _consecutive_run(growth.get(municipality.pk, {}), last_period)
        try:
            model = forecast_calc.fit(history)
        except forecast_calc.ForecastError:
            continue
        result.append(
            MunicipalityForecast(
                municipality,
                last_period,
                own_ends[last_period],
                forecast_calc.forecast(model, last_period, own_ends[last_period], quarters),
            )
        )
    return result


def _consecutive_run(values: dict[str, int], last: str) -> list[tuple[str, int]]:
    """The consecutive quarters of ``values`` ending with ``last`` (oldest first)."""
    run, index = [], quarter_index(last)
    while quarter_from_index(index) in values:
        run.append((quarter_from_index(index), values[quarter_from_index(index)]))
        index -= 1
    return list(reversed(run))
