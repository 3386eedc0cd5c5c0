"""The REST API under /api/v1 (django-ninja); OpenAPI at /api/v1/openapi.json, docs at /docs."""

from ninja import NinjaAPI

from samvirke.api import errors
from samvirke.api.finance import router as finance_router
from samvirke.api.governance import router as governance_router
from samvirke.api.meetings import router as meetings_router
from samvirke.api.population import router as population_router
from samvirke.api.register import router as register_router
from samvirke.api.reports import router as reports_router
from samvirke.api.workflows import router as workflows_router

api = NinjaAPI(
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
