"""The REST API under /api/v1 (django-ninja); OpenAPI at /api/v1/openapi.json, docs at /docs."""

import json

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import get_language
from ninja import NinjaAPI
from ninja.openapi.docs import Swagger, _csrf_needed
from ninja.responses import NinjaJSONEncoder

from samvirke.api import errors
from samvirke.api.finance import router as finance_router
from samvirke.api.governance import router as governance_router
from samvirke.api.meetings import router as meetings_router
from samvirke.api.population import router as population_router
from samvirke.api.register import router as register_router
from samvirke.api.reports import router as reports_router
from samvirke.api.workflows import router as workflows_router


class SamvirkeSwagger(Swagger):
    """Ninja's Swagger page from its own templates and static files, served by samvirke.
    Ninja renders them only when "ninja" is an installed app (otherwise it fetches Swagger
    from a CDN, which the CSP forbids); settings.py finds them without installing it."""

    def render_page(self, request, api, **kwargs):
        self.settings["url"] = self.get_openapi_url(api, kwargs)
        context = {
            "swagger_settings": json.dumps(self.settings, indent=1),
            "api": api,
            "add_csrf": _csrf_needed(api),
        }
        return render(request, self.template, context)


class SamvirkeAPI(NinjaAPI):
    """The OpenAPI document is built and encoded once per path and language: the routes
    never change while the process runs (building it took about 25 ms a request, encoding
    the 42 KB of JSON another 1.5 ms)."""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        key = (path_prefix, tuple(sorted((path_params or {}).items())), get_language())
        if key not in self._schemas:
            self._schemas[key] = super().get_openapi_schema(
                path_prefix=path_prefix, path_params=path_params
            )
        return self._schemas[key]

    @cached_property
    def _schemas(self) -> dict:
        return {}

    @cached_property
    def _encoded(self) -> dict:
        return {}

    def _openapi_json(self, request, **path_params) -> HttpResponse:
        key = (tuple(sorted(path_params.items())), get_language())
        if key not in self._encoded:
            schema = self.get_openapi_schema(path_params=path_params)
            self._encoded[key] = json.dumps(schema, cls=NinjaJSONEncoder).encode()
        return HttpResponse(self._encoded[key], content_type="application/json")

    def _get_urls(self):
        """Ninja's URLs with the OpenAPI document served from the encoded bytes."""
        urls = super()._get_urls()
        view = self._openapi_json
        if self.docs_decorator:
            view = self.docs_decorator(view)
        return [
            path(self.openapi_url.lstrip("/"), view, name="openapi-json")
            if getattr(url, "name", None) == "openapi-json"
            else url
            for url in urls
        ]


api = SamvirkeAPI(
    title="samvirke",
    version="1",
    urls_namespace="api",
    description="The register of inter-municipal cooperation, as data.",
    docs=SamvirkeSwagger(),
)
errors.install(api)
api.add_router("/", register_router)
api.add_router("/", governance_router)
api.add_router("/", finance_router)
api.add_router("/population", population_router)
api.add_router("/reports", reports_router)
api.add_router("/", workflows_router)
api.add_router("/", meetings_router)
