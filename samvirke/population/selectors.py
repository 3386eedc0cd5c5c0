"""Population tables and the region's figures, derived from the municipalities' series."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from samvirke.population.calc import checks, series
from samvirke.population.calc import forecast as forecast_calc
from samvirke.population.calc.periods import is_quarter, quarter_index
from samvirke.population.calc.tables import column_totals, percent_change, previous_year
from samvirke.population.models import Correction, Finding, Measure, PopulationValue
from samvirke.registry.models import Municipality, Source


@dataclass(frozen=True)
class PopulationRow:
    municipality: Municipality
    cells: list[int | None]  # corrected where a correction is recorded
    source_cells: list[int | None] = field(default_factory=list)  # the source's, where corrected

    @property
    def marked(self) -> list[tuple[int | None, int | None]]:
        """(value, the source's value where it was corrected, else None) per period."""
        return list(zip(self.cells, self.source_cells or [None] * len(self.cells), strict=True))


@dataclass(frozen=True)
class PopulationTable:
    """Figures (persons) of one measure: a row per municipality, a column per period."""

    measure: str
    measure_label: str
    periods: list[str]
    rows: list[PopulationRow]
    totals: list[int | None]
    sources: list[Source]
    printed_totals: list[int | None] = field(default_factory=list)  # a differing source Sum
    corrected: bool = False  # any cell corrected
    uncertain: frozenset[str] = frozenset()  # periods whose Sum reads a flagged cell

    @property
    def footer(self) -> list[tuple[int | None, int | None, bool]]:
        """(computed total, the source's differing Sum or None, uncertain) per period."""
        return [
            (total, printed, period in self.uncertain)
            for (total, printed), period in zip(self.marked_totals, self.periods, strict=True)
        ]

    def with_flags(self, flagged: set[checks.CellKey]) -> PopulationTable:
        """The table with each Sum that reads a cell an open finding flags marked uncertain."""
        members = [row.municipality.number for row in self.rows]
        periods = series.uncertain_periods(flagged, members, self.measure)
        return replace(self, uncertain=frozenset(periods))

    @property
    def marked_totals(self) -> list[tuple[int | None, int | None]]:
        """(computed total, the source's printed Sum where it differs, else None)."""
        printed = self.printed_totals or [None] * len(self.totals)
        return list(zip(self.totals, printed, strict=True))


def population_table(municipalities: list[Municipality], measure: str) -> PopulationTable:
    """The table of effective figures: each correction in place of its cell, marked with the
    source's value, and the source's printed Sum beside a computed total that differs."""
    values = list(
        PopulationValue.objects.filter(municipality__in=municipalities, measure=measure)
        .with_corrections()
        .select_related("source")
    )
    periods = sorted({v.period for v in values})
    source = {(v.municipality_id, v.period): v.value for v in values}
    fixed = {(v.municipality_id, v.period) for v in values if v.corrected_value is not None}
    cell = {
        (v.municipality_id, v.period): v.value if v.corrected_value is None else v.corrected_value
        for v in values
    }
    rows = [
        PopulationRow(
            m,
            [cell.get((m.pk, p)) for p in periods],
            [source.get((m.pk, p)) if (m.pk, p) in fixed else None for p in periods],
        )
        for m in municipalities
    ]
    totals = column_totals([r.cells for r in rows])
    printed = _printed_totals(measure)
    return PopulationTable(
        measure,
        Measure(measure).label,
        periods,
        rows,
        totals,
        sorted({v.source for v in values}, key=lambda s: s.slug),
        [
            printed.get(p) if printed.get(p) not in (None, t) else None
            for p, t in zip(periods, totals, strict=True)
        ],
        any((m.pk, p) in fixed for m in municipalities for p in periods),
    )


def _printed_totals(measure: str) -> dict[str, int | None]:
    cells, _identities = given_totals()
    return {p: v for (_m, p, me), v in cells.items() if me == measure}


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
    corrections: list[Correction] = field(default_factory=list)  # the corrected cells used


def summed_growth(municipalities: list[Municipality]) -> list[tuple[str, int]]:
    """The longest run of consecutive quarters, ending with the newest, in which every
    municipality has a growth figure; the run's summed growth per quarter (corrected)."""
    numbers = [m.number for m in municipalities]
    growth = {(n, p): v for (n, p, me), v in effective_values(numbers).items() if me == "growth"}
    return series.summed_growth(growth, numbers)


def corrections_used(municipalities: list[Municipality]) -> list[Correction]:
    """The corrections behind the region's figures (for the mark a derived figure carries)."""
    return list(
        Correction.objects.filter(municipality__in=municipalities).select_related("municipality")
    )


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
        corrections_used(municipalities),
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
    """Each municipality's own forecast, where its history allows one (corrected figures)."""
    growth: dict[str, dict[str, int]] = {}
    ends: dict[str, dict[str, int]] = {}
    wanted = {Measure.GROWTH, Measure.POPULATION_END}
    for (number, period, measure), value in effective_values(
        [m.number for m in municipalities]
    ).items():
        if value is not None and measure in wanted and is_quarter(period):
            target = growth if measure == Measure.GROWTH else ends
            target.setdefault(number, {})[period] = value
    result = []
    for municipality in municipalities:
        own_ends = ends.get(municipality.number, {})
        if not own_ends:
            continue
        last_period = max(own_ends, key=quarter_index)
        history = series.consecutive_run(growth.get(municipality.number, {}), last_period)
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


def corrections(municipalities: list[str] | None = None) -> dict[checks.CellKey, Correction]:
    """The recorded corrections by cell."""
    queryset = Correction.objects.select_related("municipality")
    if municipalities is not None:
        queryset = queryset.filter(municipality__number__in=municipalities)
    return {(c.municipality.number, c.period, c.measure): c for c in queryset}


def effective_values(
    municipalities: list[str] | None = None,
) -> dict[checks.CellKey, int | None]:
    """The figures every derived figure uses: the source's, or its recorded correction
    (in one query)."""
    queryset = PopulationValue.objects.with_corrections()
    if municipalities is not None:
        queryset = queryset.filter(municipality__number__in=municipalities)
    rows = queryset.values_list(
        "municipality__number", "period", "measure", "value", "corrected_value"
    )
    return {
        (number, period, measure): value if corrected is None else corrected
        for number, period, measure, value, corrected in rows
    }


def given_totals() -> tuple[dict[checks.CellKey, int | None], list[checks.Identity]]:
    """Totals the sources printed (Sum rows), as kept with the findings they broke: the Sum
    cells and the identities that tie each to its rows."""
    cells: dict[checks.CellKey, int | None] = {}
    identities = []
    for finding in Finding.objects.filter(check_name="given_total"):
        keys = [tuple(cell[:3]) for cell in finding.cells]
        for cell in finding.cells:
            if cell[0] == checks.SUM:
                cells[(cell[0], cell[1], cell[2])] = cell[3]
        identities.append(series.given_total_identity(keys))  # type: ignore[arg-type]
    return cells, identities
