"""The municipality overview (kommunelova kap. 17) and the decision follow-up report."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _
from django.utils.translation import override

from samvirke.finance.services import municipality_cost_shares
from samvirke.governance.models import Body, Decision, FollowUp
from samvirke.lib import partial_date
from samvirke.lib.pdf import to_pdf
from samvirke.population import ages
from samvirke.registry import regions
from samvirke.registry.models import Organisation
from samvirke.registry.selectors import municipality_overview


def municipality_report(number: str, file_format: str, *, language: str = "nn") -> bytes:
    """Every cooperation and agreement the municipality takes part in, with its cost shares
    (HTML, PDF, or CSV: one row a cooperation)."""
    with override(language):
        overview = municipality_overview(number)
        if file_format == "csv":
            return _involvements_csv(overview)
        context = municipality_context(overview)
        page = render_to_string(
            "reports/municipality.html",
            {
                **context,
                "language": language,
                "made": timezone.localdate(),
                "for_print": file_format == "pdf",
            },
        )
    return _output(page, file_format)


def municipality_context(overview) -> dict:
    """What the overview shows, the same on the portal page and in the report
    (reports/_municipality_overview.html): its involvements, agreements, decisions,
    representatives, cost shares and age structure."""
    shares, total = municipality_cost_shares(overview.municipality)
    age = ages.area_overview(overview.municipality)
    shape = ages.pyramid(age, overview.municipality.number)
    names = ages.area_names() if age.findings else {}  # two queries, once, not per finding
    return {
        "overview": overview,
        "cost_shares": shares,
        "cost_total": total,
        "age_rows": ages.measure_rows(age) if age.now else [],
        "age_summaries": ages.summaries(age),
        "age_findings": [ages.finding_text(f, names) for f in age.findings],
        "pyramid": shape,
        "pyramid_chart": ages.pyramid_chart(shape) if shape else "",
        "pyramid_rows": list(zip(shape.bands, shape.persons_now, shape.persons_later, strict=True))
        if shape
        else [],
    }


@dataclass(frozen=True)
class FollowUpFilters:
    body: str = ""  # body slug
    start: dt.date | None = None  # decisions on or after
    end: dt.date | None = None  # decisions on or before
    status: str = ""  # follow-up status


def follow_up_rows(
    filters: FollowUpFilters, *, organisation: Organisation | None
) -> list[tuple[Decision, list[FollowUp]]]:
    """Published decisions of the region (None: the whole installation) matching the
    filters, each with its (matching) follow-ups."""
    decisions = (
        Decision.objects.visible()
        .filter(regions.decisions_q(organisation))
        .select_related("body")
        .prefetch_related("follow_ups")
        .order_by("-date", "slug")
    )
    if filters.body:
        decisions = decisions.filter(body__slug=filters.body)
    rows = []
    for decision in decisions:
        if (filters.start or filters.end) and not _within(decision.date, filters):
            continue
        follow_ups = [
            f for f in decision.follow_ups.all() if not filters.status or f.status == filters.status
        ]
        if filters.status and not follow_ups:
            continue
        rows.append((decision, follow_ups))
    return rows


def follow_up_report(
    filters: FollowUpFilters,
    file_format: str,
    *,
    organisation: Organisation | None,
    language: str = "nn",
) -> bytes:
    with override(language):
        body = Body.objects.filter(slug=filters.body).first() if filters.body else None
        page = render_to_string(
            "reports/followup.html",
            {
                "rows": follow_up_rows(filters, organisation=organisation),
                "filters": filters,
                # Labels, never raw codes, in the header ("Styret i Sogn KO", "Pågår").
                "body_name": body.name if body else filters.body,
                "status_label": dict(FollowUp.Status.choices).get(filters.status, filters.status),
                "language": language,
                "made": timezone.localdate(),
                "for_print": file_format == "pdf",
            },
        )
    return _output(page, file_format)


def _within(text: str, filters: FollowUpFilters) -> bool:
    if not text:
        return False
    when = partial_date.parse(text)
    return (filters.start is None or when.last >= filters.start) and (
        filters.end is None or when.first <= filters.end
    )


def _involvements_csv(overview) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            _("Cooperation"),
            _("Role"),
            _("Municipality's status"),
            _("Decided"),
            _("What it pays"),
            _("Next review"),
        ]
    )
    for i in overview.involvements:
        writer.writerow(
            [
                i.cooperation.name,
                "; ".join(i.roles),
                i.status,
                _in_words(i.decided),
                " | ".join(i.payments),
                i.review,
            ]
        )
    # its memberships (kap. 18 and 19) as rows of the same table, as the portal lists them
    for org in overview.organisations:
        writer.writerow([org.name, _("member (%s)") % org.get_legal_form_display(), "", "", "", ""])
    for org in overview.unknown_memberships:
        role = _("member (%s)") % org.get_legal_form_display()
        status = _("unknown; the source does not say which municipalities are its members")
        writer.writerow([org.name, role, status, "", "", ""])
    return out.getvalue().encode("utf-8")


def _in_words(text: str) -> str:
    """A partial date as people read it ("desember 2025"), for the CSV's readers."""
    if not text:
        return ""
    return partial_date.describe(partial_date.parse(text), {k: str(v) for k, v in MONTHS.items()})


def _output(page: str, file_format: str) -> bytes:
    if file_format == "pdf":
        return to_pdf(page)
    return page.encode("utf-8")
