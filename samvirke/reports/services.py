"""Build and publish reports: the one path behind the CLI, the portal, the admin and the API."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_noop

from samvirke.governance.models import Decision, Network
from samvirke.interchange.exporter import export_register
from samvirke.population import ages
from samvirke.registry.models import Agreement, Cooperation, Organisation, StatusEntry
from samvirke.reports.content import StatusReport, build_status_report
from samvirke.reports.models import Edition
from samvirke.reports.render import html

# the steps of a background build, shown to staff in their language (jobs/ build page)
RENDERING = {
    "pptx": gettext_noop("rendering the PowerPoint file"),
    "pdf": gettext_noop("rendering the PDF file"),
    "html": gettext_noop("rendering the web page"),
}
FORMATS = {
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
}


def status_report(
    period: str,
    *,
    organisation: str,
    language: str = "nn",
    as_of: dt.datetime | None = None,
    include_drafts: bool = False,
) -> StatusReport:
    """The status report from the register now, or as it stood at ``as_of``.

    With ``include_drafts``, the drafts the current viewer may see (lib.fields.visible_q)
    are taken in as if published: the board's view before an edition is published.
    """
    data = with_age_structure(export_register(as_of=as_of), organisation, as_of=as_of)
    if include_drafts:
        data = _with_visible_drafts(data)
    return build_status_report(
        data,
        period,
        language=language,
        organisation=organisation,
        include_drafts=include_drafts,
    )


def with_age_structure(data: dict, organisation: str, *, as_of=None) -> dict:
    """The register's data with the organisation's age structure (persons by age are
    statistics, not register records, so the export does not carry them; a report and its
    edition do)."""
    region = Organisation.objects.filter(slug=organisation).first()
    overview = ages.age_overview(region, as_of=as_of) if region is not None else None
    if overview is None or overview.now is None:
        return data
    return {**data, "age_structure": ages.report_data(overview)}


def _with_visible_drafts(data: dict) -> dict:
    visible = {
        "cooperations": set(Cooperation.objects.visible().values_list("slug", flat=True)),
        "decisions": set(Decision.objects.visible().values_list("slug", flat=True)),
        "networks": set(Network.objects.visible().values_list("slug", flat=True)),
        "agreements": set(Agreement.objects.visible().values_list("slug", flat=True)),
    }
    entries = set(StatusEntry.objects.visible().values_list("cooperation__slug", "order"))
    orders = defaultdict(list)  # the export lists a cooperation's entries in order
    for slug, order in StatusEntry.objects.order_by("order").values_list(
        "cooperation__slug", "order"
    ):
        orders[slug].append(order)
    marked = dict(data)
    for entity, slugs in visible.items():
        marked[entity] = [
            {**record, "published": record["slug"] in slugs} for record in data.get(entity, [])
        ]
    for cooperation in marked["cooperations"]:
        cooperation["status_entries"] = [
            {**entry, "published": (cooperation["slug"], order) in entries}
            for order, entry in zip(
                orders[cooperation["slug"]], cooperation.get("status_entries", []), strict=False
            )
        ]
    return marked


def render(report: StatusReport, file_format: str) -> bytes:
    if file_format == "pptx":
        # python-pptx (0.15 s) loads for a deck, not with the URLconf that imports this
        from samvirke.reports.render import pptx

        return pptx.render(report)
    if file_format == "pdf":
        return html.render_pdf(report)
    if file_format == "html":
        return html.render(report).encode("utf-8")
    raise ValueError(f"unknown format {file_format!r}")


def publish(
    period: str,
    *,
    organisation: str,
    language: str = "nn",
    by: str = "",
    progress: Callable[[int, str], None] | None = None,
) -> Edition:
    """Freeze an edition: the files in every format and the register data behind them.

    ``progress(percent, step)`` is told each step (the background build shows it to staff).
    """
    step = progress or (lambda percent, text: None)
    moment = timezone.now()
    step(5, gettext_noop("reading the register"))
    data = with_age_structure(export_register(), organisation)
    step(20, gettext_noop("building the report"))
    report = build_status_report(data, period, language=language, organisation=organisation)
    # the slug names the file a reader downloads: whose edition, which month, language, when
    base = slugify(f"status-{organisation[:40]}-{period}-{language}-{moment:%Y%m%d-%H%M%S}")
    slug, n = base, 1
    while Edition.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    edition = Edition(
        slug=slug,
        organisation=organisation,
        period=period,
        language=language,
        title=report.title,
        published_at=moment,
        published_by=by,
        data=data,
    )
    for percent, file_format in zip((30, 60, 85), FORMATS, strict=True):
        step(percent, RENDERING[file_format])
        edition.store(file_format, render(report, file_format))
    step(95, gettext_noop("saving"))
    with transaction.atomic():
        edition.save()
    step(100, gettext_noop("published"))
    return edition


def rebuild(edition: Edition, file_format: str, *, from_history: bool = False) -> bytes:
    """An edition built again: from the data stored with it, or from the register's history."""
    if from_history:
        data = export_register(as_of=edition.published_at)
        data = with_age_structure(data, edition.organisation, as_of=edition.published_at)
    else:
        data = edition.data
    report = build_status_report(
        data, edition.period, organisation=edition.organisation, language=edition.language
    )
    return render(report, file_format)
