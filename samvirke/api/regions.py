"""Which region an API call reads: the prefix it was called under (/r/<slug>/api/v1/…, set
by middleware.RegionMiddleware) or its ``organisation`` parameter; neither: the whole
installation."""

from __future__ import annotations

from ninja.errors import HttpError

from samvirke.registry import regions
from samvirke.registry.models import Organisation

# the description every region-scoped list gives its parameter in the OpenAPI document
ORGANISATION_HELP = (
    "A region's identifier (e.g. sogn-ko): only that region's records. The same as calling "
    "the path under /r/{identifier}/api/v1/. Empty: the whole installation."
)


def region_of(request, organisation: str = "") -> Organisation | None:
    if not organisation:
        return getattr(request, "organisation", None)
    found = regions.region(organisation)
    if found is None:
        raise HttpError(404, f"No region is called “{organisation}” on this installation.")
    prefixed = getattr(request, "organisation", None)
    if prefixed is not None and prefixed.pk != found.pk:
        raise HttpError(
            422, f"organisation={organisation} contradicts the prefix /r/{prefixed.slug}/."
        )
    return found
