"""The portal: thin views over the selectors, which show each viewer what their role allows
(the public: published records only; see lib.fields.visible_q)."""

from __future__ import annotations

from functools import wraps

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext

from samvirke.finance import selectors as finance
from samvirke.finance.export import to_csv, to_xlsx
from samvirke.finance.forms import AllocationForm
from samvirke.finance.forms import initial_values as allocation_initial
from samvirke.governance import selectors as governance
from samvirke.governance.models import Principle
from samvirke.lib import charts
from samvirke.lib.sorting import SORTS
from samvirke.population import ages
from samvirke.population import selectors as population
from samvirke.population.calc import series
from samvirke.population.calc.forecast import ForecastError
from samvirke.population.calc.series import depends_on_flagged
from samvirke.population.findings import current_findings, open_flagged_cells, plain_summary
from samvirke.population.models import Measure
from samvirke.portal.paging import detail_prefix, labels, options, page_of
from samvirke.registry import regions
from samvirke.registry import selectors as registry
from samvirke.registry.models import (
    Agreement,
    Cooperation,
    Municipality,
    Organisation,
    ParticipationStatus,
)
from samvirke.reports.documents import municipality_context
from samvirke.workflows import selectors as workflows


def _region(request) -> tuple[Organisation | None, list[Municipality]]:
    """The organisation a page about one region presents (see middleware.RegionMiddleware)
    and its member municipalities."""
    organisation = request.region or None  # a lazy object holding None is not None
    if organisation is None:
        return None, []
    return organisation, [member.municipality for member in organisation.members.all()]


def home(request):
    """The installation's root lists its regions (or goes to the only one); a region's root
    is its home page."""
    if request.organisation is None:
        found = list(regions.regions())
        if len(found) == 1:
            return redirect(f"/r/{found[0].slug}/")
        return render(request, "portal/regions.html", {"regions": found})
    organisation, municipalities = _region(request)
    return render(
        request,
        "portal/home.html",
        {
            "organisation": organisation,
            "municipalities": municipalities,
            "figures": population.region_figures(
                population.population_table(municipalities, Measure.POPULATION_END)
            ),
            "population_findings": sum(
                1
                for group in current_findings({m.number for m in municipalities})
                for f in group
                if not f["resolved"]
            ),
            "phases": registry.phase_counts(organisation=organisation),
            "decisions": governance.latest_decisions(organisation=organisation),
        },
    )


def cooperation_list(request):
    filters = registry.CooperationFilters(
        **{
            name: request.GET.get(name, "")
            for name in ("service_area", "legal_model", "phase", "host", "municipality")
        }
    )
    found = registry.cooperation_list(
        filters, organisation=request.organisation, board=request.region_slug
    )
    page = page_of(request, found, sorts=SORTS["cooperations"])
    legal_models, phases = labels(Cooperation.LegalModel.choices), labels(Cooperation.Phase.choices)
    municipality_choices = registry.municipality_list(
        organisation=request.organisation
    ).values_list("number", "name")
    for cooperation in page:
        cooperation.legal_model_label = legal_models.get(cooperation.legal_model, "")
        cooperation.phase_label = phases.get(cooperation.phase, "")
    return render(
        request,
        "portal/cooperation_list.html",
        {
            "page": page,
            "filters": filters,
            "service_areas": registry.service_areas(organisation=request.organisation),
            "legal_models": legal_models.items(),
            "phases": phases.items(),
            # ~730 options on the national register: built in Python, not a template loop
            "host_options": options(municipality_choices, filters.host),
            "municipality_options": options(municipality_choices, filters.municipality),
            "detail": detail_prefix("portal:cooperation_detail"),
        },
    )


def elsewhere_on_the_installation(lookup):
    """A record that exists on the installation but not in this region (a municipality's
    overview spans every organisation, so its links may lead out of the region) sends the
    visitor to the installation's page for it (the path without /r/<slug>/) instead of a
    404; a record that exists nowhere (or that the viewer may not see) stays a 404."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, slug: str, *args, **kwargs):
            try:
                return view(request, slug, *args, **kwargs)
            except Http404:
                if request.organisation is None:
                    raise
                lookup(slug, organisation=None)  # a 404 of its own where it exists nowhere
                return redirect(request.path_info)

        return wrapper

    return decorate


@elsewhere_on_the_installation(registry.cooperation_detail)
def cooperation_detail(request, slug: str):
    cooperation = registry.cooperation_detail(slug, organisation=request.organisation)
    statuses = labels(ParticipationStatus.choices)
    for participation in cooperation.participations.all():
        participation.status_label = statuses.get(participation.status, participation.status)
    return render(
        request,
        "portal/cooperation_detail.html",
        {
            "cooperation": cooperation,
            "timeline": registry.cooperation_timeline(cooperation),
            "workflows": workflows.cooperation_workflows(cooperation),
            # the participants' links: the municipality page's path reversed once, not per row
            "municipality_links": detail_prefix("portal:municipality_detail"),
        },
    )


def municipality_list(request):
    return render(
        request,
        "portal/municipality_list.html",
        {
            "page": page_of(
                request,
                registry.municipality_list(organisation=request.organisation),
                sorts=SORTS["municipalities"],
            ),
            "detail": detail_prefix("portal:municipality_detail"),
        },
    )


def municipality_detail(request, number: str):
    """A municipality's kap. 17 overview: everything it takes part in, across every
    organisation on the installation (also under a region's prefix); the same template
    and context as the report (reports.documents)."""
    context = municipality_context(registry.municipality_overview(number))
    # links: the cooperation page's path up to the slug, reversed once (not per row)
    context["links"] = detail_prefix("portal:cooperation_detail")
    return render(request, "portal/municipality_detail.html", context)


def agreement_list(request):
    found = registry.agreement_list(organisation=request.organisation)
    page = page_of(request, found, sorts=SORTS["agreements"])
    kinds = labels(Agreement.Kind.choices)
    for agreement in page:
        agreement.kind_label = kinds.get(agreement.kind, "")
    return render(request, "portal/agreement_list.html", {"page": page})


@elsewhere_on_the_installation(registry.agreement_detail)
def agreement_detail(request, slug: str):
    agreement = registry.agreement_detail(slug, organisation=request.organisation)
    context = {"agreement": agreement, "checklist": workflows.agreement_checklist(agreement)}
    return render(request, "portal/agreement_detail.html", context)


def agreement_document(request, slug: str, pk: int):
    """An agreement's PDF, only to those who may see the agreement (404 otherwise)."""
    agreement = registry.agreement_detail(slug, organisation=request.organisation)
    document = get_object_or_404(agreement.documents, pk=pk)
    response = FileResponse(
        document.file.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"{slugify(document.title) or 'avtale'}.pdf",
    )
    response["Content-Security-Policy"] = "default-src 'none'"
    return response


def decision_list(request):
    body = request.GET.get("body", "")
    return render(
        request,
        "portal/decision_list.html",
        {
            "page": page_of(
                request,
                governance.decision_list(organisation=request.organisation, body=body),
                sorts=SORTS["decisions"],
            ),
            "bodies": governance.bodies_with_members(organisation=request.organisation),
            "body": body,
        },
    )


@elsewhere_on_the_installation(governance.decision_detail)
def decision_detail(request, slug: str):
    decision = governance.decision_detail(slug, organisation=request.organisation)
    return render(
        request,
        "portal/decision_detail.html",
        {
            "decision": decision,
            "body_has_page": governance.body_has_page(
                decision.body, organisation=request.organisation
            ),
            "linked": governance.linked_cooperation_ids(decision, request.organisation),
        },
    )


def body_list(request):
    bodies = governance.bodies_with_members(organisation=request.organisation)
    page = page_of(request, bodies, sorts=SORTS["bodies"])
    return render(request, "portal/body_list.html", {"page": page})


@elsewhere_on_the_installation(governance.body_detail)
def body_detail(request, slug: str):
    body = governance.body_detail(slug, organisation=request.organisation)
    return render(request, "portal/body_detail.html", {"body": body})


def staff_list(request):
    staff = governance.staff_list(organisation=request.organisation)
    page = page_of(request, staff, sorts=SORTS["staff"])
    return render(request, "portal/staff_list.html", {"page": page})


def network_list(request):
    return render(
        request,
        "portal/network_list.html",
        {
            "page": page_of(
                request,
                governance.network_list(organisation=request.organisation),
                sorts=SORTS["networks"],
            ),
            # the region's background statement on its networks
            "principles": governance.principles(request.region_slug).filter(
                kind=Principle.Kind.BACKGROUND, title__icontains="nettverk"
            ),
        },
    )


def about(request):
    organisation, municipalities = _region(request)
    return render(
        request,
        "portal/about.html",
        {
            "organisation": organisation,
            "municipalities": municipalities,
            "principles": governance.principles(organisation.slug if organisation else ""),
        },
    )


def population_page(request):
    _, municipalities = _region(request)
    year_end = population.population_table(municipalities, Measure.POPULATION_END)
    growth = population.population_table(municipalities, Measure.GROWTH)
    figures = population.region_figures(year_end)
    target, by_year = _target_question(request, figures)
    try:
        forecast = population.region_forecast(municipalities, target=target, by_year=by_year)
    except ForecastError:
        forecast = None
    live, accepted = current_findings({m.number for m in municipalities})
    # until a finding is resolved, what reads a cell it flags is marked uncertain
    flagged = open_flagged_cells(live, accepted)
    members = [m.number for m in municipalities]
    return render(
        request,
        "portal/population.html",
        {
            "growth": growth.with_flags(flagged),
            "population": year_end.with_flags(flagged),
            "uncertain_cells": depends_on_flagged(
                flagged, members, (Measure.GROWTH, Measure.POPULATION_END)
            ),
            "figures": figures,
            "forecast": forecast,
            "municipality_forecasts": population.municipality_forecasts(municipalities),
            "target": target,
            "by_year": by_year,
            "findings": live,
            "accepted_findings": accepted,
            "plain_findings": plain_summary(
                live + accepted, {m.number: m.name for m in municipalities}
            ),
            "growth_chart": _growth_chart(growth),
            "forecast_chart": _forecast_chart(year_end, forecast, target),
        },
    )


def population_ages(request):
    """Age structure now and projected: measures, summaries and a pyramid (?omrade=…)."""
    organisation, _municipalities = _region(request)
    overview = ages.age_overview(organisation)
    codes = [code for code, _name, _kind in overview.areas]
    default = organisation.slug if organisation is not None else ""
    area = request.GET.get("omrade", default)
    if area not in codes:
        area = default
    shape = ages.pyramid(overview, area)
    chart = ages.pyramid_chart(shape) if shape is not None else ""
    names = ages.area_names() if overview.findings else {}
    return render(
        request,
        "portal/population_ages.html",
        {
            "overview": overview,
            "rows": ages.measure_rows(overview),
            "summaries": ages.summaries(overview),
            "pyramid": shape,
            "pyramid_rows": list(
                zip(shape.bands, shape.persons_now, shape.persons_later, strict=True)
            )
            if shape
            else [],
            "pyramid_chart": chart,
            "area": area,
            "findings": [ages.finding_text(f, names) for f in overview.findings],
        },
    )


def _target_question(request, figures) -> tuple[int, int]:
    """The target question from the query string, or the next thousand two years on."""
    default_target, default_year = (
        series.default_target(figures.population, figures.period) if figures else (1000, 2030)
    )
    try:
        target = int(request.GET.get("target", default_target))
        by_year = int(request.GET.get("by", default_year))
    except ValueError:
        return default_target, default_year
    if not (0 < target < 10**9 and 1900 < by_year < 2200):
        return default_target, default_year
    return target, by_year


def _growth_chart(table) -> str:
    points = [(p, t) for p, t in zip(table.periods, table.totals, strict=True) if t is not None]
    return charts.bars(
        "growth-chart",
        gettext("Population growth per quarter, the region"),
        gettext("Bars per quarter; the same figures are in the table's Sum row below."),
        points,
    )


def _forecast_chart(table, forecast, target) -> str:
    history = [(p, t) for p, t in zip(table.periods, table.totals, strict=True) if t is not None]
    band = []
    if forecast:
        band = [(p.period, p.mean, *p.interval(0.8)) for p in forecast.points]
    return charts.forecast_line(
        "forecast-chart",
        gettext("Population at end of quarter, the region, with forecast"),
        gettext(
            "Dots: registered population; dashed line: forecast with its 80 % interval "
            "shaded; red line: the target. The forecast table below has the numbers."
        ),
        history,
        band,
        target,
    )


def allocation(request):
    """The cost allocation calculator; with format=csv or xlsx, the same result as a file."""
    organisation = request.region or None
    members, former = finance.participant_options(organisation)
    form = AllocationForm(
        request.GET or None,
        initial=allocation_initial(),
        organisation=organisation,
        municipalities=members,
        former=former,
    )
    result = comparison = None
    if form.is_valid():
        result, comparison = form.run()
    file_format = request.GET.get("format")
    if result is not None and file_format in {"csv", "xlsx"}:
        return _allocation_file(result, file_format)
    query = request.GET.copy()
    query.pop("format", None)
    return render(
        request,
        "portal/allocation.html",
        {
            "form": form,
            "result": result,
            "comparison": comparison,
            "stored_keys": finance.stored_keys(),
            "periods": finance.population_periods(),
            "query": query.urlencode(),
        },
    )


def _allocation_file(result, file_format: str) -> HttpResponse:
    if file_format == "csv":
        response = HttpResponse(to_csv(result), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            to_xlsx(result),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = (
        f'attachment; filename="fordeling-{result.period}.{file_format}"'
    )
    return response
