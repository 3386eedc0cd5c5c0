"""Language choice (Nynorsk unless the visitor has picked another language) and the region."""

from __future__ import annotations

import re

from django.conf import settings
from django.http import HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import get_script_prefix, set_script_prefix
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.functional import SimpleLazyObject

from samvirke.registry import regions
from samvirke.registry import selectors as registry


class LanguageMiddleware:
    """Like Django's LocaleMiddleware, but ignores the browser's Accept-Language.

    A Norwegian public portal speaks Nynorsk first; an English-language browser
    should not silently turn it into English. The language picker sets a cookie.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.languages else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response


# /r/<slug>/…: a region's own portal (the rest of the path is the page within it)
REGION_PATH = re.compile(r"^/r/(?P<slug>[^/]+)(?P<rest>/.*)?$", re.S)


class RegionMiddleware:
    """The one place that reads the current region.

    Under /r/<slug>/ it sets ``request.organisation`` to that organisation, strips the prefix
    from ``path_info`` (so the same URL patterns serve every region) and sets the script
    prefix, so every reverse() and {% url %} keeps the region. An unknown slug is a 404 (in
    the portal's language). Un-prefixed pages have ``request.organisation = None``: lists show
    the whole installation. ``request.region`` is the organisation a page about one region
    presents (its figures, its status deck): the prefixed one, else the installation's
    default (SAMVIRKE_ORGANISATION), looked up only when a page asks for it;
    ``request.region_slug`` is its identifier, known without a query.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        match = REGION_PATH.match(request.path_info)
        if match is None:
            request.organisation = None
            request.region = SimpleLazyObject(_default_region)
            request.region_slug = settings.SAMVIRKE_ORGANISATION
            return self.get_response(request)
        slug, rest = match["slug"], match["rest"]
        organisation = regions.region(slug)
        if organisation is None:
            return render(request, "404.html", {"missing_region": slug}, status=404)
        if not rest:
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(
                f"{request.path}/" + (f"?{query}" if query else "")
            )
        prefix = get_script_prefix()
        request.path_info = rest
        request.organisation = request.region = organisation
        request.region_slug = organisation.slug
        set_script_prefix(f"{prefix}r/{slug}/")
        try:
            return self.get_response(request)
        finally:
            set_script_prefix(prefix)


def _default_region():
    return registry.organisation(settings.SAMVIRKE_ORGANISATION)
