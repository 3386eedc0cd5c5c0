"""The REST API under /api/v1 (django-ninja); OpenAPI at /api/v1/openapi.json, docs at /docs."""

from django.utils.functional import cached_property
from django.utils.translation import get_language
from ninja import NinjaAPI

from samvirke.api import errors
from samvirke.api.finance import router as finance_router
from samvirke.api.governance import router as governance_router
from samvirke.api.meetings import router as meetings_router
from samvirke.api.population import router as population_router
from samvirke.api.register import router as register_router
from samvirke.api.reports import router as reports_router
from samvirke.api.workflows import router as workflows_router


class SamvirkeAPI(NinjaAPI):
    """The OpenAPI document is built once per path and language: the routes never change
    while the process runs (building it took about 25 ms a request)."""

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


api = SamvirkeAPI(
    title="samvirke",
    version="1",
    urls_namespace="api",
    description="The register of inter-municipal cooperation, as data.",
)
errors.install(api)
api.add_router("/", register_router)
api.add_router("/", governance_router)
api.add_router("/", finance_router)
api.add_router("/population", population_router)
api.add_router("/reports", reports_router)
api.add_router("/", workflows_router)
api.add_router("/", meetings_router)
