"""Population endpoints: series, check findings, the forecast and the age structure."""

from __future__ import annotations

from ninja import Router, Schema, Status
from ninja.errors import HttpError

from samvirke.access import scope
from samvirke.api.auth import editor
from samvirke.lib import viewer
from samvirke.population import ages, selectors, services
from samvirke.population.calc.forecast import ForecastError
from samvirke.population.calc.series import depends_on_flagged
from samvirke.population.findings import current_findings, open_flagged_cells, plain_summary
from samvirke.population.models import Correction, Measure, PopulationValue
from samvirke.population.selectors import municipality_forecasts, region_forecast
from samvirke.population.serialize import forecast_data, municipality_forecast_data
from samvirke.registry.selectors import region_municipalities

router = Router(tags=["population"])


class FigureOut(Schema):
    municipality: str
    period: str
    measure: str
    value: int | None  # corrected where a correction is recorded
    status: str
    source: str
    source_value: int | None  # the source's value where it was corrected, else the value
    corrected: bool


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
    fixed = selectors.corrections()
    result = []
    for v in queryset:
        correction = fixed.get((v.municipality.number, v.period, v.measure))
        result.append(
            FigureOut(
                municipality=v.municipality.number,
                period=v.period,
                measure=v.measure,
                value=correction.value if correction else v.value,
                status=v.status,
                source=v.source.title,
                source_value=v.value,
                corrected=correction is not None,
            )
        )
    return result


class CorrectionIn(Schema):
    municipality: str
    period: str
    measure: str
    value: int
    note: str = ""


class CorrectionOut(Schema):
    municipality: str
    period: str
    measure: str
    source_value: int | None
    value: int
    restores: list[str]
    note: str
    recorded_by: str
    recorded_at: str | None


def _correction(c) -> dict:
    return {
        "municipality": c.municipality.number,
        "period": c.period,
        "measure": c.measure,
        "source_value": c.source_value,
        "value": c.value,
        "restores": c.restores,
        "note": c.note,
        "recorded_by": c.recorded_by.get_username() if c.recorded_by else "",
        "recorded_at": c.recorded_at.isoformat() if c.recorded_at else None,
    }


@router.get("/corrections", response=list[CorrectionOut])
def corrections(request):
    """Recorded corrections of source figures: the source's value, the corrected value,
    the identities it restores, who and when."""
    return [_correction(c) for c in selectors.corrections().values()]


@router.post("/corrections", response={201: CorrectionOut}, auth=editor)
def correction_record(request, payload: CorrectionIn):
    """Record a correction (staff, with a token or a verified session): refused with 422
    and nothing stored when the cell does not exist or the value restores no identity or
    breaks one."""
    if not scope.can_add(Correction, viewer.current()):
        raise HttpError(403, "Your role does not let you record corrections.")
    user = request.user if request.user.is_authenticated else None
    token = getattr(request, "api_token", None)
    if user is None and token is not None:
        user = token.created_by
    try:
        correction = services.correct(**payload.dict(), user=user)
    except services.CorrectionError as exc:
        raise HttpError(422, exc.message) from exc
    return Status(201, _correction(correction))


@router.get("/findings")
def findings(request):
    """Findings of the consistency checks on the stored figures, and those accepted on import."""
    names = {m.number: m.name for m in region_municipalities(_organisation(request))}
    live, accepted = current_findings(set(names))
    return {
        "plain": plain_summary(live + accepted, names),
        "findings": live,
        "accepted_with_imports": accepted,
    }


@router.get("/forecast")
def forecast(request, target: int | None = None, by: int | None = None):
    """The region's forecast; with target and by, when it reaches the target and how likely."""
    try:
        result = region_forecast(
            region_municipalities(_organisation(request)), target=target, by_year=by
        )
    except ForecastError as exc:
        raise HttpError(422, f"Cannot forecast: {exc}") from None
    municipalities = municipality_forecasts(region_municipalities(_organisation(request)))
    live, accepted = current_findings()
    members = [m.number for m in region_municipalities(_organisation(request))]
    flagged = open_flagged_cells(live, accepted)
    read = (Measure.GROWTH, Measure.POPULATION_END)
    doubtful = depends_on_flagged(flagged, members, read)
    rows = municipality_forecast_data(municipalities)
    for row in rows:  # a municipality's own forecast reads its own cells only
        own = depends_on_flagged(flagged, [row["municipality"]], read)
        row["uncertain"], row["uncertain_cells"] = bool(own), [list(key) for key in own]
    return {
        **forecast_data(result),
        "municipalities": rows,
        # until a finding is resolved, a forecast that reads a flagged cell is uncertain
        "uncertain": bool(doubtful),
        "uncertain_cells": [list(key) for key in doubtful],
    }


class AgeMeasuresOut(Schema):
    area: str
    name: str
    kind: str  # municipality, region, county or country
    years: list[str]  # now, then the projection years (main alternative, MMMM)
    share_67_plus: list[str | None]  # exact fractions, e.g. "1/3"
    share_80_plus: list[str | None]
    dependency_ratio: list[str | None]
    working_age_change: list[str | None]  # against now
    share_67_plus_2040_low_high: list[str | None]


class AgeGroupsOut(Schema):
    area: str
    name: str
    year: str
    alternative: str  # "" registered, else MMMM, LLML or HHMH
    groups: dict[str, int]
    by_sex_and_age: dict[str, dict[int, int]]  # "1" men, "2" women → age → persons


def _text(value) -> str | None:
    return None if value is None else str(value)


@router.get("/age-measures", response=list[AgeMeasuresOut])
def age_measures(request):
    """Share 67+ and 80+, the dependency ratio and the working-age change, now and in the
    projection years, per municipality of the region, the region, the county and Norway."""
    rows = ages.measure_rows(ages.age_overview(_organisation(request)))
    return [
        {
            "area": r.code,
            "name": r.name,
            "kind": r.kind,
            "years": r.years,
            "share_67_plus": [_text(v) for v in r.share_67_plus],
            "share_80_plus": [_text(v) for v in r.share_80_plus],
            "dependency_ratio": [_text(v) for v in r.dependency_ratio],
            "working_age_change": [_text(v) for v in r.working_age_change],
            "share_67_plus_2040_low_high": [_text(v) for v in r.share_67_plus_low_high],
        }
        for r in rows
    ]


@router.get("/ages", response=list[AgeGroupsOut])
def age_groups(request, area: str = "", year: str = "", alternative: str = ""):
    """Persons by age group and by sex and one-year age; filter by area, year and
    alternative ("registered", "MMMM", "LLML" or "HHMH")."""
    overview = ages.age_overview(_organisation(request))
    wanted = "" if alternative == "registered" else alternative
    return [
        {
            "area": f.area,
            "name": f.name,
            "year": f.year,
            "alternative": f.alternative,
            "groups": f.groups,
            "by_sex_and_age": f.by_sex,
        }
        for (code, y, alt), f in sorted(overview.table.items())
        if (not area or code == area)
        and (not year or y == year)
        and (not alternative or alt == wanted)
    ]


class AgeFindingOut(Schema):
    check: str  # "age_total" or "projection_start"
    severity: str  # "error" or "warning"
    area: str
    year: str
    expected: int | None  # the figure the ages are checked against
    found: int | None  # the sum of the ages, or the projection's first figure
    text: str  # the finding in words, in the request's language


@router.get("/age-findings", response=list[AgeFindingOut])
def age_findings(request):
    """What the age checks find: ages that do not add up to the population of the same day,
    and projections that do not start from the registered figure."""
    found = ages.age_overview(_organisation(request)).findings
    names = ages.area_names() if found else {}
    return [
        {
            "check": f.check,
            "severity": f.severity,
            "area": f.area,
            "year": f.year,
            "expected": f.expected,
            "found": f.found,
            "text": ages.finding_text(f, names),
        }
        for f in found
    ]


def _organisation(request):
    """The region the figures are for: the prefix's (/r/<slug>/api/v1/…), else the
    installation's default (middleware.RegionMiddleware)."""
    return request.region or None
