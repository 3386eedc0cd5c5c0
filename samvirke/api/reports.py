"""Report endpoints: published editions and download addresses for every report."""

from __future__ import annotations

from django.urls import reverse
from ninja import Router, Schema

from samvirke.registry.selectors import municipality_list
from samvirke.reports.models import Edition

router = Router(tags=["reports"])


class EditionOut(Schema):
    slug: str
    title: str
    period: str
    language: str
    published_at: str
    downloads: dict[str, str]


@router.get("/editions", response=list[EditionOut])
def editions(request):
    """Published status reports; each file stays byte-identical once published."""
    return [
        EditionOut(
            slug=e.slug,
            title=e.title,
            period=e.period,
            language=e.language,
            published_at=e.published_at.isoformat(),
            downloads={
                f: request.build_absolute_uri(reverse("reports:edition", args=[e.slug, f]))
                for f in ("pptx", "pdf", "html")
            },
        )
        for e in Edition.objects.defer("data")
    ]


@router.get("/links")
def links(request, period: str = "2026-03"):
    """Download addresses of the reports built from the register as it stands."""
    status = request.build_absolute_uri(reverse("reports:status"))
    followup = request.build_absolute_uri(reverse("reports:followup"))
    return {
        "status": {f: f"{status}?period={period}&format={f}" for f in ("pptx", "pdf", "html")},
        "municipalities": {
            m.number: {
                f: request.build_absolute_uri(reverse("reports:municipality", args=[m.number, f]))
                for f in ("pdf", "html", "csv")
            }
            for m in municipality_list(organisation=request.organisation)
        },
        "followup": {f: f"{followup}?format={f}" for f in ("pdf", "html")},
    }
