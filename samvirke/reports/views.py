"""Report downloads and the staff publish button (the portal's /rapportar/ pages)."""

from __future__ import annotations

import base64
import datetime as dt

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp.decorators import otp_required

from samvirke.governance.models import FollowUp
from samvirke.governance.selectors import bodies_with_members
from samvirke.jobs.models import ReportBuild
from samvirke.jobs.tasks import start_edition_build
from samvirke.lib import partial_date, viewer
from samvirke.registry.models import Organisation
from samvirke.registry.selectors import municipality_list
from samvirke.reports import documents, services
from samvirke.reports.models import Edition

LANGUAGES = {"nn", "nb", "en"}


def index(request):
    """The region's editions and reports (un-prefixed: every organisation's editions)."""
    organisation = request.organisation
    editions = Edition.objects.defer("data")
    if organisation is not None:
        editions = editions.filter(organisation=organisation.slug)
    return render(
        request,
        "reports/index.html",
        {
            "editions": editions,
            "municipalities": municipality_list(organisation=organisation),
            "bodies": bodies_with_members(organisation=organisation),
            "statuses": FollowUp.Status.choices,
        },
    )


def status(request):
    period = request.GET.get("period", "")
    file_format = request.GET.get("format", "pptx")
    language = request.GET.get("lang", "nn")
    if not _is_month(period) or file_format not in services.FORMATS or language not in LANGUAGES:
        raise Http404(_("Give a month such as 2026-03, a format (pptx, pdf, html) and a language."))
    organisation = _region_slug(request)
    report = services.status_report(
        period,
        organisation=organisation,
        language=language,
        include_drafts=_sees_drafts(organisation),
    )
    filename = f"status-{organisation}-{period}"  # whose deck it is, beside the others
    return _file(services.render(report, file_format), file_format, filename)


def _region_slug(request) -> str:
    """The identifier of the organisation whose status report this is (see
    middleware.RegionMiddleware: the prefix's, else the installation's default)."""
    region = request.region or None
    if region is None:
        raise Http404(_("This installation has no organisation to report on."))
    return region.slug


def _sees_drafts(organisation: str) -> bool:
    """Board members, staff and administrators of the organisation see its draft report."""
    who = viewer.current()
    found = Organisation.objects.filter(slug=organisation).first()
    return who.everything or (found is not None and found.pk in who.draft_organisations)


def municipality(request, number: str, file_format: str):
    if file_format not in {"pdf", "html", "csv"}:
        raise Http404
    return _file(
        documents.municipality_report(number, file_format), file_format, f"kommune-{number}"
    )


def followup(request):
    file_format = request.GET.get("format", "pdf")
    if file_format not in {"pdf", "html"}:
        raise Http404
    filters = documents.FollowUpFilters(
        body=request.GET.get("body", ""),
        start=_date(request.GET.get("from")),
        end=_date(request.GET.get("to")),
        status=request.GET.get("status", ""),
    )
    report = documents.follow_up_report(filters, file_format, organisation=request.organisation)
    return _file(report, file_format, "vedtaksoppfolging")


def edition(request, slug: str, file_format: str):
    if file_format not in services.FORMATS:
        raise Http404
    editions = Edition.objects.defer("data")
    if request.organisation is not None:  # under a region's prefix, only its own
        editions = editions.filter(organisation=request.organisation.slug)
    found = get_object_or_404(editions, slug=slug)
    response = FileResponse(
        found.field(file_format).open("rb"),  # streamed from the editions storage
        content_type=services.FORMATS[file_format],
        as_attachment=file_format != "html",
        filename=f"{found.slug}.{file_format}",
    )
    checksum = found.sha256.get(file_format, "")
    if checksum:  # RFC 9530: the client can check the bytes against the published checksum
        digest = base64.b64encode(bytes.fromhex(checksum)).decode()
        response["Repr-Digest"] = f"sha-256=:{digest}:"
        response["ETag"] = f'"{checksum}"'
    return response


@staff_member_required
@otp_required(login_url="admin:login")
@require_POST
def publish(request):
    period = request.POST.get("period", "")
    if not _is_month(period):
        messages.error(request, _("--period %s is not a month such as 2026-03.") % period)
        return redirect("reports:index")
    build = start_edition_build(
        period, organisation=_region_slug(request), by=request.user.get_username()
    )
    return redirect("reports:build", pk=build.pk)


@staff_member_required
@otp_required(login_url="admin:login")
def build(request, pk: int):
    """A background build's progress and, when done, its edition (reload to follow it)."""
    found = get_object_or_404(ReportBuild.objects.select_related("edition"), pk=pk)
    return render(request, "reports/build.html", {"build": found})


def _file(content: bytes, file_format: str, name: str) -> HttpResponse:
    kind = "text/csv; charset=utf-8" if file_format == "csv" else services.FORMATS[file_format]
    response = HttpResponse(content, content_type=kind)
    disposition = "inline" if file_format == "html" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{name}.{file_format}"'
    return response


def _is_month(text: str) -> bool:
    try:
        parsed = partial_date.parse(text)
    except partial_date.PartialDateError:
        return False
    return parsed.precision == "month" and not parsed.is_range


def _date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None
