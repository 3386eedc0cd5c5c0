"""Population tables and the region's figures, derived from the municipalities' series."""

from __future__ import annotations

from dataclasses import dataclass

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
