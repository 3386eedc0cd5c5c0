"""Public pages cached until the register changes.

A GET by the public (no login, no token: lib.viewer's public viewer) is served from the
cache (Redis with REDIS_URL, else this process's memory) under a key made of the register's
version (portal/version.py), today's date (what falls due moves with the day), the
language, the region (middleware.RegionMiddleware: /r/<slug>/ or none) and the full path.
Anyone who may see drafts passes by the cache, so a draft is never stored for the public.
Responses carry an ETag and Last-Modified; a client that already holds the page gets a 304.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

from samvirke.lib import viewer
from samvirke.portal import version

TIMEOUT = 24 * 60 * 60
CACHED_TYPES = ("text/html", "application/json")
KEPT_HEADERS = ("Content-Type", "Content-Disposition")


def _cacheable_request(request) -> bool:
    return (
        settings.SAMVIRKE_PAGE_CACHE
        and request.method == "GET"
        and not request.path_info.startswith(("/admin/", "/static/"))
        and "HTTP_AUTHORIZATION" not in request.META
        and not request.user.is_authenticated
        and viewer.current().is_public
    )


def _cacheable_response(request, response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")  # the page holds a CSRF token
        and response.get("Content-Type", "").startswith(CACHED_TYPES)
        and "no-store" not in response.get("Cache-Control", "")
    )


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        number, changed_at = version.current()
        region = getattr(request, "organisation", None)
        key = "page:{}:{}:{}:{}:{}".format(
            number,
            timezone.localdate().isoformat(),
            getattr(request, "LANGUAGE_CODE", ""),
            region.slug if region is not None else "",
            hashlib.sha256(request.get_full_path().encode()).hexdigest(),
        )
        entry = cache.get(key)
        if entry is None:
            response = self.get_response(request)
            if not _cacheable_response(request, response):
                return response
            entry = {
                "content": response.content,
                "headers": {h: response[h] for h in KEPT_HEADERS if h in response},
                "etag": f'"{hashlib.sha256(response.content).hexdigest()[:32]}"',
            }
            cache.set(key, entry, TIMEOUT)
        else:
            response = HttpResponse(entry["content"])
            for header, value in entry["headers"].items():
                response[header] = value
        response["ETag"] = entry["etag"]
        last_modified = changed_at.timestamp() if changed_at else None
        if last_modified:
            response["Last-Modified"] = http_date(last_modified)
        response.setdefault("Cache-Control", "no-cache")  # browsers ask again, and get a 304
        return get_conditional_response(
            request, etag=entry["etag"], last_modified=last_modified, response=response
        )
