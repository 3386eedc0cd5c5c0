"""Population endpoints: series, check findings and the forecast."""

from __future__ import annotations

from ninja import Router, Schema
from ninja.errors import HttpError

from samvirke.population.calc.forecast import ForecastError
from samvirke.population.findings import current_findings
from samvirke.population.models import PopulationValue
from samvirke.population.selectors import municipality_forecasts, region_forecast
from samvirke.population.serialize import forecast_data, municipality_forecast_data
from samvirke.registry.selectors import region_municipalities

router = Router(tags=["population"])


class FigureOut(Schema):
    municipality: str
    period: str
    measure: str
    value: int | None
    status: str
    source: str


@router.get("/series", response=list[FigureOut])
def series(request, municipality: str = "", measure: str = "", period: str = ""):
    """Stored figures (persons), each with its source; filter by municipality, measure, period."""
    queryset = PopulationValue.objects.select_related("municipality", "source").order_by(
        "municipality__number", "measure", "period"
    )
    if municipality:
        queryset = queryset.filter(municipality__number=municipality)
    if measure:
        queryset = queryset.filter(measure=measure)
    if period:
        queryset = queryset.filter(period=period)
    return [
        FigureOut(
            municipality=v.municipality.number,
            period=v.period,
            measure=v.measure,
            value=v.value,
            status=v.status,
            source=v.source.title,
        )
        for v in queryset
    ]


@router.get("/findings")
def findings(request):
    """Findings of the consistency checks on the stored figures, and those accepted on import."""
    live, accepted = current_findings()
    return {"findings": live, "accepted_with_imports": accepted}


@router.get("/forecast")
def forecast(request, target: int | None = None, by: int | None = None):
    """The region's forecast; with target and by, when it reaches the target and how likely."""
    try:
        result = region_forecast(region_municipalities(), target=target, by_year=by)
    except ForecastError as exc:
        raise HttpError(422, f"Cannot forecast: {exc}") from None
    municipalities = municipality_forecasts(region_municipalities())
    return {**forecast_data(result), "municipalities": municipality_forecast_data(municipalities)}
