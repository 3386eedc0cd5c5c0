"""The REST API under /api/v1 (django-ninja); OpenAPI at /api/v1/openapi.json."""

from ninja import NinjaAPI

from samvirke.api.population import router as population_router
from samvirke.api.reports import router as reports_router

api = NinjaAPI(title="samvirke", version="1", urls_namespace="api")
api.add_router("/population", population_router)
api.add_router("/reports", reports_router)
